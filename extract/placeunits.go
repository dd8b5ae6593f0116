package extract

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/extract/gazetteer"
)

// placeWords are the words that speak of places (data/placewords.tsv):
// the words after which an ambiguous name is read as a place, and the
// words naming administrative units ("District", "quận", "province de").
type placeWords struct {
	context  map[string]bool
	locative map[string]bool // words before "<name> (<country>)" (findParenPlaces)
	modifier map[string]bool // words that open a place's name, not a person's ("Greater", "Northern")
	units    *keyMatcher[unitWord]
	viSyll   map[string]bool // fold.Key of every syllable of a Vietnamese place name in the gazetteer
	// Vietnamese syllable shape, folded: initial consonants and final
	// consonants (longest first); the nucleus is one to three of viVowels
	viInitials, viFinals []string
	viVowels             string
}

// unitWord is a word naming a kind of administrative unit.
type unitWord struct {
	kind   string // district, ward, commune, town, province, city
	before bool   // the word comes before the name ("quận Ba Đình", "district de Cầu Giấy")
	plural bool   // "Tràng Tiền and Hàng Bạc wards"
	label  string // the English word kept in the unit's name ("District")
	vi     bool   // a Vietnamese word: the unit is in Vietnam
	en     bool   // an English word (findAnchored reads unknown names after English words only)
}

// newUnit reports whether units of this kind are Vietnamese entities of
// their own ("Tây Hồ Ward" is not Tây Hồ) rather than another way to
// name a known place ("Quang Ninh Province" is Quang Ninh): wards,
// communes, towns and districts the gazetteer does not know.
func (u unitWord) newUnit() bool {
	return u.kind == "district" || u.kind == "ward" || u.kind == "commune" || u.kind == "town"
}

func loadPlaceWords(fsys fs.FS, g *gazetteer.Gazetteer) (*placeWords, error) {
	pw := &placeWords{context: map[string]bool{}, locative: map[string]bool{}, modifier: map[string]bool{}, units: newKeyMatcher[unitWord](), viSyll: map[string]bool{}}
	err := readLines(fsys, "data/placewords.tsv", func(f []string) error {
		switch {
		case f[0] == "context" && len(f) == 2:
			pw.context[fold.Key(f[1])] = true
		case f[0] == "locative" && len(f) == 2:
			pw.locative[fold.Key(f[1])] = true
		case f[0] == "modifier" && len(f) == 2:
			pw.modifier[fold.Key(f[1])] = true
		case f[0] == "vi-initials" && len(f) == 2:
			pw.viInitials = longestFirst(strings.Split(f[1], "|"))
		case f[0] == "vi-finals" && len(f) == 2:
			pw.viFinals = longestFirst(strings.Split(f[1], "|"))
		case f[0] == "vi-vowels" && len(f) == 2:
			pw.viVowels = strings.ReplaceAll(f[1], "|", "")
		case (f[0] == "unit" || f[0] == "units") && len(f) == 6:
			if f[2] != "before" && f[2] != "after" {
				return fmt.Errorf("position %q: want before or after", f[2])
			}
			u := unitWord{kind: f[1], before: f[2] == "before", plural: f[0] == "units", label: f[3], vi: f[4] == "vi", en: f[4] == "en"}
			for _, ph := range strings.Split(f[5], "|") {
				pw.units.add(ph, u)
			}
		default:
			return fmt.Errorf("want context WORD or unit(s) KIND POSITION LABEL LANG PHRASES, got %q", strings.Join(f, "\t"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	g.Names(func(surface string, p *gazetteer.Place) {
		if p.Country != "VN" || p.Type != gazetteer.TypeCity {
			return
		}
		for _, w := range strings.Fields(surface) {
			if k := fold.Key(w); k != "" {
				pw.viSyll[k] = true
			}
		}
	})
	return pw, nil
}

func longestFirst(l []string) []string {
	slices.SortStableFunc(l, func(a, b string) int { return len(b) - len(a) })
	return l
}

// vietSyllable reports whether a folded word has the shape of a Vietnamese
// syllable: an initial consonant (or none), one to three vowels, a final
// consonant (or none): "cua", "nguyen", "kiem", not "rodriguez" or "ward".
func (pw *placeWords) vietSyllable(k string) bool {
	if pw.viSyll[k] {
		return true
	}
	rest := k
	for _, c := range pw.viInitials {
		if strings.HasPrefix(rest, c) {
			rest = rest[len(c):]
			break
		}
	}
	for _, c := range pw.viFinals {
		if strings.HasSuffix(rest, c) {
			rest = rest[:len(rest)-len(c)]
			break
		}
	}
	if len(rest) == 0 || len(rest) > 3 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if !strings.ContainsRune(pw.viVowels, rune(rest[i])) {
			return false
		}
	}
	return true
}

// maxUnitName is the longest unit name read without the gazetteer, in words.
const maxUnitName = 3

// unitName reads the name of a unit starting at token i: a place of the
// gazetteer proposePlaces found there (its end and place) or, when vi, a run of capitalised
// Vietnamese syllables (its end, no place). It returns (i, nil) when no
// name starts there.
func (d *candidates) unitName(i int, vi bool) (int, *gazetteer.Place) {
	if i >= len(d.toks) || !d.toks[i].word || !d.toks[i].cap || d.toks[i].num {
		return i, nil
	}
	run := i // a run of capitalised Vietnamese syllables
	for vi && run < len(d.toks) && run-i < maxUnitName {
		t := &d.toks[run]
		if !t.word || !t.cap || t.num || t.sent != d.toks[i].sent || !d.x.pw.vietSyllable(t.key) {
			break
		}
		if run > i {
			if _, u := d.unitAt(run, false); u != nil {
				break // "Kim Dinh District": "District" is a syllable of "District 1", not of this name
			}
		}
		run++
	}
	if run > i && run < len(d.toks) && d.toks[run].word && d.toks[run].cap && !d.toks[run].num && d.toks[run].sent == d.toks[i].sent {
		if _, u := d.unitAt(run, false); u == nil {
			run = i // "district de La Palma": the name goes on in words no Vietnamese name has
		}
	}
	if j, ps := d.nameAt[i].end, d.placeNamesAt(i); ps != nil && ps[0].p.Type == City && j >= run {
		p := d.homonym(ps, i, j).p
		for _, c := range ps {
			if vi && c.p.Country == "VN" {
				p = c.p
				break
			}
		}
		return j, p
	}
	return run, nil
}

// vietShaped reports whether every word of [i, j) is a syllable of a
// Vietnamese place name.
func (d *tokenized) vietShaped(i, j int) bool {
	for k := i; k < j; k++ {
		if !d.toks[k].word || !d.x.pw.vietSyllable(d.toks[k].key) {
			return false
		}
	}
	return j > i
}

// unitAt returns the unit word starting at token i of the given position
// (before or after its name), with its end. Words after a name are one
// word ("District"), so a longer phrase of the other position starting
// with it ("region of") does not hide it.
func (d *tokenized) unitAt(i int, before bool) (int, *unitWord) {
	j, us := d.x.pw.units.longest(d.toks, i)
	for k := range us {
		if us[k].before == before {
			return j, &us[k]
		}
	}
	if !before && j > i+1 && d.toks[i].word {
		us = d.x.pw.units.lookup(d.toks[i].key)
		for k := range us {
			if !us[k].before {
				return i + 1, &us[k]
			}
		}
	}
	return i, nil
}

// unitNear reports whether a unit word may start within the few tokens
// after i in its sentence, so that names are read only where one could
// follow.
func (d *candidates) unitNear(i int) bool {
	k := int(d.unitNext[i+1])
	return k < len(d.toks) && k <= i+2*maxUnitName+1 && d.toks[k].sent == d.toks[i].sent
}

// indexUnitStarts fills unitNext, from the tokens where a unit word may
// start (a bit test per token, see vocab.go), for unitNear: asked at
// most capitalised words, it read the tokens after each.
func (d *candidates) indexUnitStarts() {
	d.unitNext = resize(&d.bufs.unitNext, len(d.toks)+1)
	next := int32(len(d.toks))
	d.unitNext[len(d.toks)] = next
	for k := len(d.toks) - 1; k >= 0; k-- {
		if d.toks[k].word && d.toks[k].mayStart(d.x.pw.units.bit) {
			next = int32(k)
		}
		d.unitNext[k] = next
	}
}

// unitAround reports whether a unit word comes right before or after the
// name at [i, j) ("Kim Son district", "huyện Kim Sơn").
func (d *tokenized) unitAround(i, j int) bool {
	if k, u := d.unitAt(j, false); u != nil && k > j {
		return true
	}
	for b := i - 1; b >= 0 && b >= i-3 && d.toks[b].sent == d.toks[i].sent; b-- {
		if k, u := d.unitAt(b, true); u != nil && k == i {
			return true
		}
	}
	return false
}

// unitSpan is an administrative unit named with its type word, proposed
// by proposeUnits: tokens [i, j), its name [ni, nj), the unit word, the
// gazetteer place the name is (nil when unknown), and, for a unit of its
// own (wards, communes, towns, unknown districts), the name it would
// have ("Tây Hồ Ward").
type unitSpan struct {
	i, j, ni, nj int
	u            unitWord
	p            *gazetteer.Place
	name         string // "<name> <English type word>", "" when the place p is the unit
}

// proposeUnits proposes the administrative units named with their type
// word: "Tay Ho District", "quận Ba Đình", "district de Cầu Giấy",
// "Hang Bac Ward", "Tràng Tiền and Hàng Bạc wards", in the order resolve
// applies them (applyUnits). Districts, wards, communes and towns are
// places of their own, named "<name> <English type word>" and in
// Vietnam when the type word is Vietnamese, the name is made of
// Vietnamese syllables or names a Vietnamese place. A known place named
// with the word for its own level stays that place: "Quang Ninh
// Province" is Quang Ninh, "Cau Giay District" is the gazetteer's Cau
// Giay (its Vietnamese localities are districts and towns); "Tay Ho
// Ward" is a ward named after it. Names of other countries' places the
// gazetteer lacks are read by findAnchored.
func (d *candidates) proposeUnits() {
	if !d.unitWords {
		return
	}
	bit := d.x.pw.units.bit
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		if !t.word || t.num {
			continue
		}
		if !t.mayStart(bit) && (!t.cap || !d.unitNear(i)) {
			continue // no unit word here or just after: the common case
		}
		if d.inCaption(i) {
			continue
		}
		if k, u := d.unitAt(i, true); u != nil && k > i {
			if u.vi && k < len(d.toks) && d.toks[k].punct == '.' {
				k++ // "TP. Huế"
			}
			if j, p := d.unitName(k, u.vi || d.lang == "vi" || u.newUnit()); j > k {
				if d.proposeUnit(*u, i, j, k, j, p) {
					i = j - 1
					continue
				}
			}
		}
		if !t.cap || !d.unitNear(i) {
			continue
		}
		if i > 0 && d.toks[i-1].word && d.toks[i-1].cap && d.toks[i-1].sent == t.sent &&
			!d.stopAt(i-1) && !d.inAt(i-1, listPlaceContext) {
			continue // inside a capitalised run: its first word was tried
		}
		j, p := d.unitName(i, true)
		if j == i || j == i+1 && d.in(t, listDefinite) {
			continue // "Le district de Tây Hồ": an article, not a district named Lê
		}
		k, u := d.unitAt(j, false)
		if u == nil {
			continue
		}
		if d.proposeUnit(*u, i, k, i, j, p) {
			if u.plural {
				d.pluralUnits(*u, i)
			}
			i = k - 1
		}
	}
}

// pluralUnits proposes the names listed before a plural unit word whose
// last name starts at token i: "Tràng Tiền and Hàng Bạc wards".
func (d *candidates) pluralUnits(u unitWord, i int) {
	for i >= 2 && (d.inAt(i-1, listAnd) || d.toks[i-1].punct == ',') {
		sep := i - 1
		found := false
		for b := max(sep-maxUnitName, 0); b < sep; b++ {
			if d.toks[b].sent != d.toks[i].sent || (b > 0 && d.toks[b-1].word && d.toks[b-1].cap && d.toks[b-1].sent == d.toks[b].sent) {
				continue
			}
			if j, p := d.unitName(b, true); j == sep {
				found = d.proposeUnit(u, b, sep, b, sep, p)
				i = b
				break
			}
		}
		if !found {
			return
		}
	}
}

// proposeUnit proposes a unit spanning tokens [i, j) whose name is [ni,
// nj), named after the gazetteer place p (nil when unknown), when it is
// one: the place p at its own level, or a Vietnamese unit of its own. It
// reports whether it proposed it.
func (d *candidates) proposeUnit(u unitWord, i, j, ni, nj int, p *gazetteer.Place) bool {
	c := unitSpan{i: i, j: j, ni: ni, nj: nj, u: u, p: p}
	if p == nil || u.newUnit() && u.kind != "district" && u.kind != "town" {
		// wards, communes, towns and unknown districts: Vietnam's
		if !u.newUnit() || !(u.vi || d.vietShaped(ni, nj) || (p != nil && p.Country == "VN")) {
			return false
		}
		base := d.surface(ni, nj)
		if p != nil {
			base = p.Name
		}
		c.name = base + " " + u.label
	}
	d.unitSpans = append(d.unitSpans, c)
	return true
}

// applyUnits decides the units proposeUnits proposed, in its order: a
// gazetteer place at its own level is the place its name is there; a
// unit of its own becomes a place of the article (units), in Vietnam,
// unless the gazetteer or an earlier unit has its id.
func (d *placed) applyUnits() {
	for _, c := range d.unitSpans {
		if c.name == "" {
			d.placeAt[c.ni] = placeCand{end: c.nj, p: c.p} // the gazetteer's place is the district or town
			continue
		}
		iso := "VN"
		id := slugID("city", c.name)
		unit := d.place(id)
		if unit == nil || unit.Type != City {
			unit = &gazetteer.Place{ID: id, Type: City, Name: c.name, Country: iso, Kind: gazetteer.KindCity}
			if ct := d.x.gaz.Country(iso); ct != nil {
				unit.CountryID = ct.ID
			}
			d.units = append(d.units, unit)
		}
		for k := c.i; k < c.j; k++ {
			d.placeAt[k] = placeCand{}
		}
		d.placeAt[c.i] = placeCand{end: c.j, p: unit}
	}
}
