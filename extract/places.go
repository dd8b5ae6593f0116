package extract

import (
	"slices"

	"github.com/kg-dev/kg/extract/gazetteer"
)

// Places are found in two passes over the tokens. The first records, for
// every token, the longest gazetteer name or demonym that starts there, and
// notes the countries the article names without doubt (a country's name, a
// demonym, a place name only one country has). The second chooses, for each
// name, which place it is with those countries in view (homonyms: "Laval"
// in Quebec or in Mayenne), drops names that need context and have none
// ("Nice", "Vinh") and names that are part of a person's name ("Nguyen Kim
// Son"), and reads administrative units named with their type word
// ("Tay Ho District", "quận Ba Đình"; see placeunits.go).

// sortPlaceCandidates orders the places registered under each key of the
// place matcher by gazetteer.Compare (countries first, then capitals, then
// population), so that the first candidate is the best one when nothing
// in the article says otherwise.
func sortPlaceCandidates(m *keyMatcher[placeAlias]) {
	for _, l := range m.full {
		slices.SortStableFunc(l, func(a, b placeAlias) int { return gazetteer.Compare(a.p, b.p) })
	}
}

// proposePlaces fills nameAt: for every token, the gazetteer name (with
// all its readings) or the demonym that starts there. Names must be
// capitalised ("Hà Nội", "HÀ NỘI"); French demonyms may be lowercase
// ("localités françaises"). It notes the countries the article names
// without doubt, which choosePlaces reads homonyms with.
func (d *candidates) proposePlaces() {
	d.nameAt = resize(&d.bufs.nameAt, len(d.toks))
	d.countries = d.bufs.countries[:0]
	inside := 0 // end of the last name matched: its inner tokens say nothing of countries
	for i := range d.toks {
		t := &d.toks[i]
		if !t.word || t.num {
			continue
		}
		d.unitWords = d.unitWords || t.mayStart(d.x.pw.units.bit)
		if t.cap {
			if j, ps := d.x.places.longest(d.toks, i); ps != nil {
				d.nameAt[i] = placeCand{end: j, cands: ps}
				if i >= inside {
					d.noteCountries(ps)
					inside = j
				}
				if k, dps := d.x.demonyms.longest(d.toks, i); dps != nil {
					// read if resolve rejects the place
					if d.nameDemonym == nil {
						d.nameDemonym = map[int]placeCand{}
					}
					d.nameDemonym[i] = placeCand{end: k, p: dps[0], demonym: true}
				}
				continue
			}
		}
		// "au Havre": only a name the gazetteer does not know as written
		if t.cap && i > 0 && d.x.words.contractTab.has(d.toks[i-1].key) {
			if j, ps := d.contractedPlace(i); ps != nil {
				d.nameAt[i] = placeCand{end: j, cands: ps}
				d.noteCountries(ps)
				inside = j
				continue
			}
		}
		if !t.mayStart(d.x.demonyms.bit) {
			continue // as longest, without the call
		}
		if j, ps := d.x.demonyms.longest(d.toks, i); ps != nil && (t.cap || d.lang != "en") {
			d.nameAt[i] = placeCand{end: j, p: ps[0], demonym: true}
			if !d.x.gaz.AmbiguousName(d.surface(i, j), ps[0]) {
				d.noteCountry(ps[0].Country)
			}
		}
	}
	d.bufs.countries = d.countries
}

// contractedPlace reads a place whose name opens with the article that
// French contracts with the preposition before it: "au Havre", "du
// Mans" (Le Havre, Le Mans), "aux Sables-d'Olonne" (Les Sables-d'Olonne).
// The mention is the words after the preposition; it returns their end
// and the places, or (i, nil). proposePlaces asks only where the
// gazetteer knows no name as written ("au Vietnam").
func (d *candidates) contractedPlace(i int) (int, []placeAlias) {
	art := "le"
	if d.x.words.contractTab.get(d.toks[i-1].key)&contractLes != 0 {
		art = "les"
	}
	for e := min(len(d.toks), i+4); e > i; e-- {
		if !d.toks[e-1].word || d.toks[e-1].sent != d.toks[i].sent {
			continue
		}
		surface := d.surface(i, e)
		var out []placeAlias
		for _, p := range d.x.gaz.LookupName(art + " " + surface) {
			if p.Type != Country {
				out = append(out, placeAlias{p: p, surface: surface})
			}
		}
		if len(out) > 0 {
			return e, out
		}
	}
	return i, nil
}

// choosePlaces decides, for every name proposePlaces found, which place it
// is (placeAt): homonyms with the countries the article names in view;
// names that need context and have none, and names that are part of a
// person's name, are dropped (a demonym starting there is kept). It then
// reads administrative units, places in parentheses and bare mentions of
// places read so.
func (d *placed) choosePlaces() {
	d.placeAt = resize(&d.bufs.placeAt, len(d.toks))
	copy(d.placeAt, d.nameAt)
	nameEnd := -1 // end of the last place rejected as part of a person's name
	var unread []placeCand
	var unreadAt []int
	for i := range d.placeAt {
		c := &d.placeAt[i]
		if (c.cands != nil || c.p != nil) && d.currencyAt(c.end) {
			*c = placeCand{} // "US$1.1 billion", "S$": a dollar, not a country
			continue
		}
		if c.cands == nil {
			continue
		}
		p, wants := d.choosePlace(c.cands, i, c.end)
		if p != nil && p.Type == City && (d.insideName(i, c.end, nameEnd == i) || d.afterTitle(i, p) || d.startsVietName(i, c.end, p)) {
			nameEnd, p, wants = c.end, nil, false
		}
		if p == nil {
			if wants && d.nameDemonym[i].p == nil {
				unread, unreadAt = append(unread, *c), append(unreadAt, i)
			}
			*c = d.nameDemonym[i] // the demonym starting there, if any
			continue
		}
		c.p = p
	}
	if d.unitWords {
		d.applyUnits()
		d.findAnchored()
	}
	d.oneSense(unread, unreadAt, nameEnd)
	d.findParenPlaces()
	d.bareMentions()
}

// currencyAt reports whether token j is a dollar sign written against the
// name before it: "US$", "S$", "A$", "HK$" are currencies.
func (d *tokenized) currencyAt(j int) bool {
	return j < len(d.toks) && d.toks[j].punct == '$' && !d.toks[j].space
}

// noteCountries records the country a place name stands for when it can
// stand for one country only and needs no context.
func (d *candidates) noteCountries(ps []placeAlias) {
	if iso, ok := oneCountry(ps); ok {
		d.noteCountry(iso)
	}
}

// oneCountry returns the country a name stands for when it can stand for
// one country only and needs no context.
func oneCountry(ps []placeAlias) (string, bool) {
	iso := ps[0].p.Country
	if ps[0].p.Type != Country {
		for _, c := range ps[1:] {
			if c.p.Country != iso {
				return "", false
			}
		}
	}
	return iso, !ps[0].ambiguous
}

// noteCountry counts a mention of the country iso (countries holds
// its code as often as it is named).
func (d *candidates) noteCountry(iso string) {
	d.countries = append(d.countries, iso)
}

// namesCountry reports whether the article names the country iso without
// doubt (see noteCountries).
func (d *candidates) namesCountry(iso string) bool { return slices.Contains(d.countries, iso) }

// countryNotes returns how often the article names the country iso.
func (d *candidates) countryNotes(iso string) int {
	n := 0
	for _, c := range d.countries {
		if c == iso {
			n++
		}
	}
	return n
}

// choosePlace picks the reading of a place name at tokens [i, j), or nil
// when the name is ambiguous and nothing in the context says it is a place
// (then wants is true: the name stands alone, and the place is what it
// names if the article reads it so elsewhere, see oneSense).
func (d *candidates) choosePlace(cands []placeAlias, i, j int) (p *gazetteer.Place, wants bool) {
	// a country's short form in capitals: "the UK", "the US's", "UK's"
	if c := cands[0].p; c.Type == Country && d.toks[i].upper && ((i > 0 && d.inAt(i-1, listThe)) || possessiveStart(d.toks, j+2) == j) {
		return c, false
	}
	// an all-caps match of a short name is an acronym, not a place ("HA")
	if j-i == 1 && len(d.toks[i].key) <= 3 && d.toks[i].upper {
		return nil, false
	}
	best := d.homonym(cands, i, j)
	p = best.p
	if !best.ambiguous || d.articleUnit(best.p, i, j) {
		return p, false
	}
	// a capitalised local body's head right after the name names that
	// place's body: "the Hue City People's Committee" (not "Mau" inside
	// "Ca Mau Provincial People's Committee")
	if _, heads := d.orgHeadAt(j); heads != nil && d.toks[j].cap && !d.inLongerName(i) {
		return p, false
	}
	// the next word capitalised and glued: part of a longer name we don't know
	// ("Ha Minh Tuan": "Ha" would be a place only alone)
	if j < len(d.toks) && d.toks[j].word && d.toks[j].cap && d.toks[j].sent == d.toks[i].sent {
		return nil, false
	}
	if d.afterPlaceWord(i) || d.unitAround(i, j) || d.beforePlace(j) {
		return p, false
	}
	if j < len(d.toks) && d.toks[j].punct == '(' && j+1 < len(d.toks) {
		if ps := d.placeNamesAt(j + 1); ps != nil {
			return p, false
		}
	}
	// right after a capitalised word that is no place it may end a
	// person's name ("Nguyen Vinh", "Mr Vinh"): it does not stand alone
	alone := i == 0 || !d.toks[i-1].word || !d.toks[i-1].cap || d.toks[i-1].sent != d.toks[i].sent || d.nameAt[i-1].cands != nil
	return nil, alone
}

// oneSense reads as places the ambiguous names that stand alone without
// context (unread, at the tokens unreadAt) when the article reads the
// same name as that place elsewhere, with context: after "the city of
// Nice" and "in Nice", a later "Nice signed an agreement" is the city too
// (one sense per article). Names inside a person's name stay apart: the
// checks of choosePlaces run again.
func (d *placed) oneSense(unread []placeCand, unreadAt []int, nameEnd int) {
	if len(unread) == 0 {
		return
	}
	read := map[*gazetteer.Place]bool{}
	for i := range d.placeAt {
		if c := &d.placeAt[i]; c.p != nil && !c.demonym {
			read[c.p] = true
		}
	}
	for n, c := range unread {
		i := unreadAt[n]
		p := d.homonym(c.cands, i, c.end).p
		if !read[p] || d.placeAt[i].p != nil {
			continue
		}
		if p.Type == City && (d.insideName(i, c.end, nameEnd == i) || d.afterTitle(i, p) || d.startsVietName(i, c.end, p)) {
			continue
		}
		d.placeAt[i] = placeCand{end: c.end, p: p, cands: c.cands}
	}
}

// inLongerName reports whether a gazetteer name proposed a few words
// before token i runs over it ("Ca Mau" over "Mau").
func (d *candidates) inLongerName(i int) bool {
	for b := i - 1; b >= 0 && b >= i-4 && d.toks[b].sent == d.toks[i].sent; b-- {
		if d.nameAt[b].end > i {
			return true
		}
	}
	return false
}

// placeNamesAt returns the readings of the gazetteer name proposePlaces
// found at token k (a capitalised word), best first, or nil.
func (d *candidates) placeNamesAt(k int) []placeAlias { return d.nameAt[k].cands }

// afterPlaceWord reports whether token i follows a word after which a name
// is read as a place ("in", "à", "province"), in the same sentence.
func (d *tokenized) afterPlaceWord(i int) bool {
	if i == 0 || d.toks[i-1].sent != d.toks[i].sent {
		return false
	}
	prev := &d.toks[i-1]
	if prev.punct == '\'' && i > 1 {
		prev = &d.toks[i-2]
	}
	return d.in(prev, listPlaceContext)
}

// beforePlace reports whether the name ending at token j is coordinated
// with a place that needs no context: "Nancy and Huế", "Orange et Lyon",
// "Nice-Da Nang".
func (d *candidates) beforePlace(j int) bool {
	if j+1 >= len(d.toks) || d.toks[j+1].sent != d.toks[j].sent {
		return false
	}
	if t := &d.toks[j]; !d.in(t, listAnd) && t.punct != ',' && t.punct != '-' {
		return false
	}
	ps := d.placeNamesAt(j + 1)
	return ps != nil && !ps[0].ambiguous
}

// bigPlace is the population above which a place keeps its name against a
// small homonym in a country the article names ("Paris" is not a village
// of the same name in a country the article is about).
const bigPlace = 1_000_000

// homonym chooses among the places a name can stand for (best first):
// the one a following "(country)" or ", region" names, else the best one
// in a country the article names, else the best one.
func (d *candidates) homonym(cands []placeAlias, i, j int) placeAlias {
	if len(cands) == 1 || cands[0].p.Type == Country {
		return cands[0]
	}
	// "la Vienne", "du Rhône", "de l'Hérault": in French a definite article
	// goes with a département, region or province, not with a city
	for _, c := range cands {
		if d.articleUnit(c.p, i, j) {
			return c
		}
	}
	// "Laval (France)", "Saint-Denis, La Réunion", "Cambridge (Massachusetts)"
	if j+1 < len(d.toks) && (d.toks[j].punct == '(' || d.toks[j].punct == ',') && d.toks[j+1].sent == d.toks[i].sent {
		if ps := d.placeNamesAt(j + 1); ps != nil {
			for _, q := range ps {
				for _, c := range cands {
					if c.p != q.p && c.p.Country == q.p.Country {
						return c
					}
				}
			}
		}
	}
	top := cands[0].p
	for _, c := range cands {
		if c.p.Country == top.Country {
			if d.namesCountry(top.Country) {
				return cands[0]
			}
			continue
		}
		if !d.namesCountry(c.p.Country) {
			continue
		}
		if (top.Capital || top.Population >= bigPlace) && c.p.Population < bigPlace/10 {
			return cands[0]
		}
		return c
	}
	return cands[0]
}

// articleUnit reports whether p, named at tokens [i, j) of a French
// article, is a département, region or province after a definite
// article after "de" ("de la Vienne" is the département, however
// ambiguous "Vienne" is alone); not for a compass word ("les provinces du Nord", "du
// Nord-Ouest") nor when "of" and a place follow ("du Nord du Vietnam").
func (d *candidates) articleUnit(p *gazetteer.Place, i, j int) bool {
	if d.lang != "fr" || p.Country != "FR" {
		return false
	}
	if k := p.Kind; k != gazetteer.KindDepartment && k != gazetteer.KindRegion && k != gazetteer.KindProvince || !d.frArticleBefore(i) {
		return false
	}
	if d.inAt(i, listPlaceDescr) || j < len(d.toks) && d.toks[j].punct == '-' && !d.toks[j].space {
		return false // "les provinces du Nord", "du Nord-Ouest": a compass point
	}
	if j < len(d.toks) && d.toks[j].word && (d.inAt(j, listOf) || d.x.words.contractTab.has(d.toks[j].key)) {
		for k := j + 1; k < len(d.toks) && k <= j+3; k++ {
			if d.nameAt[k].cands != nil || d.nameAt[k].p != nil {
				return false
			}
		}
	}
	return true
}

// frArticleBefore reports whether "de" and a definite article stand right
// before token i, as the complement of a noun: "de la", "de l'", "du"
// ("le conseil départemental de la Vienne", "la vallée du Rhône"; not "il
// a joué la Manche").
func (d *candidates) frArticleBefore(i int) bool {
	switch {
	case i > 0 && d.toks[i-1].word && d.toks[i-1].key == "du":
		return true
	case i > 1 && d.toks[i-1].word && d.inAt(i-1, listArticle):
		return d.toks[i-2].word && d.inAt(i-2, listOf)
	case i > 2 && d.toks[i-1].punct == '\'' && d.toks[i-2].word && d.inAt(i-2, listArticle):
		return d.toks[i-3].word && d.inAt(i-3, listOf)
	}
	return false
}

// insideName reports whether a city name at [i, j) is part of a person's
// name: glued after a Vietnamese family name or a given name ("Nguyễn Kim
// Sơn", "Lê Xuân Trường"), after a place name that was itself part of a
// name (chained), or a one-word name between two other capitalised words
// that are neither places nor titles ("Aurelio Córdoba Toledo"),
// or a one-word name of a country the article does not name, after such a
// word ("Ernesto Rodríguez said", in an article about Cuba).
func (d *placed) insideName(i, j int, chained bool) bool {
	if i == 0 {
		return false
	}
	prev := &d.toks[i-1]
	if !prev.word || !prev.cap || prev.sent != d.toks[i].sent || d.inCaption(i) {
		return false
	}
	if chained {
		return true
	}
	if c := d.placeAt[i-1]; c.end >= j {
		return false // inside a longer place name
	}
	if d.in(prev, listSurnameVI) || d.in(prev, listGiven) {
		return true
	}
	if j-i != 1 || j > len(d.toks) {
		return false
	}
	if d.notName(prev.key) || d.in(prev, listPlaceContext) || d.in(prev, listPlaceModifier) {
		return false
	}
	if s := d.sents[prev.sent]; i-1 == s.tokStart {
		return false // a sentence's first word is capitalised anyway
	}
	if d.isTitleEnd(i) {
		return false
	}
	if c := d.placeAt[i].cands; len(c) > 0 && !c[0].p.Capital {
		self := 0 // this very name, when it named its country
		if _, ok := oneCountry(c); ok {
			self = 1
		}
		if d.countryNotes(c[0].p.Country) <= self {
			return true // a surname: "Ernesto Rodríguez said", in an article about another country
		}
	}
	if j >= len(d.toks) {
		return false
	}
	next := &d.toks[j]
	if !next.word || !next.cap || next.sent != prev.sent {
		return false
	}
	if k, _ := d.orgHeadAt(j); k > j {
		return false // "Lyon People's Committee"
	}
	if k, _ := d.titleAt(j); k > j {
		return false
	}
	return true
}

// startsVietName reports whether a foreign place named by one word that
// is also a Vietnamese syllable is the first syllable of a Vietnamese name
// going on after it ("Trang An", the Ninh Binh landscape, is not Trang in
// Thailand): the next word is a capitalised Vietnamese syllable that is no
// place, body, title or unit word.
func (d *placed) startsVietName(i, j int, p *gazetteer.Place) bool {
	if p.Country == "VN" || j != i+1 || j >= len(d.toks) {
		return false
	}
	next := &d.toks[j]
	if !next.word || !next.cap || next.num || next.upper || next.sent != d.toks[i].sent || d.nameAt[j].end > j {
		return false
	}
	if !d.x.pw.vietSyllable(d.toks[i].key) || !d.x.pw.vietSyllable(next.key) {
		return false
	}
	if k, _ := d.orgHeadAt(j); k > j {
		return false
	}
	if k, _ := d.titleAt(j); k > j {
		return false
	}
	if _, u := d.unitAt(j, false); u != nil {
		return false // "Trang Province"
	}
	return true
}

// smallPlace is the population under which a Vietnamese place named right
// after a title is taken for a person's given names ("Mr. Xuan Truong",
// "Chairman Kim Son"); bigger ones are places there ("Secretary Hanoi
// Party Committee" is unusual, but not wrong).
const smallPlace = 100_000

// afterTitle reports whether a small Vietnamese place name at token i
// follows a title or an honorific ("Mr.", "Chairman"), so is a person's
// given names.
func (d *candidates) afterTitle(i int, p *gazetteer.Place) bool {
	if i == 0 || d.toks[i-1].sent != d.toks[i].sent {
		return false
	}
	if p.Country != "VN" || p.Population >= smallPlace || p.Kind != gazetteer.KindCity {
		// a place named like the first word of a person's full name in
		// the article, right after a title: that person ("Nagano
		// Takeshi, Vice Governor of Nara … talks with Vice Governor
		// Nagano")
		return d.isTitleEnd(i) && d.firstOfName(i)
	}
	if d.isTitleEnd(i) {
		return true
	}
	return d.toks[i-1].punct == '.' && i > 1 && d.isTitleEnd(i-1)
}

// firstOfName reports whether the word at token i opens a name of two or
// more words elsewhere in the article (proposeNames).
func (d *candidates) firstOfName(i int) bool {
	if d.nameFirsts == nil {
		d.nameFirsts = map[string]int{}
		for k := range d.names {
			if d.names[k].words >= 2 {
				d.nameFirsts[d.toks[k].key]++
			}
		}
	}
	n := d.nameFirsts[d.toks[i].key]
	if d.names[i].words >= 2 {
		n-- // itself
	}
	return n > 0
}

// findPlaces turns place candidates not covered by people into mentions.
// Places inside the names of bodies and events are mentioned too
// ("Comité populaire de Hanoi" mentions Hanoi); demonyms inside them are
// not ("Agence française de développement" does not mention France).
func (d *resolved) findPlaces() {
	for i := 0; i < len(d.toks); i++ {
		c := d.placeAt[i]
		if c.p == nil || d.sents[d.toks[i].sent].caption {
			continue
		}
		if d.coveredBy(i, c.end, Person) {
			continue
		}
		if c.demonym && d.covered(i, c.end) {
			continue
		}
		d.addMention(c.p.ID, c.p.Type, c.p.Name, i, c.end, c.demonym)
		if c.p.CountryID != "" {
			d.ensureCountry(c.p.CountryID)
		}
		i = c.end - 1
	}
}

// coveredBy reports whether a token of [i, j) is covered by a mention of type typ.
func (d *resolved) coveredBy(i, j int, typ string) bool {
	for k := i; k < j; k++ {
		if m := d.cover[k]; m >= 0 && d.ments[m].typ == typ {
			return true
		}
	}
	return false
}

// ensureCountry makes sure the country of a city exists as an entity of
// the document, so LOCATED_IN has both ends.
func (d *resolved) ensureCountry(id string) {
	if _, ok := d.ents[id]; ok {
		return
	}
	if p := d.x.gaz.ByID(id); p != nil {
		d.entity(p.ID, p.Type, p.Name)
	}
}

// place returns the place with the given id: a gazetteer place or an
// administrative unit read in this article, or nil.
func (d *placed) place(id string) *gazetteer.Place {
	if p := d.x.gaz.ByID(id); p != nil {
		return p
	}
	for _, u := range d.units {
		if u.ID == id {
			return u
		}
	}
	return nil
}

// placeAtTok returns the place mention candidate at token i.
func (d *placed) placeAtTok(i int) (int, *gazetteer.Place) {
	if i < len(d.placeAt) && d.placeAt[i].p != nil && !d.placeAt[i].demonym {
		return d.placeAt[i].end, d.placeAt[i].p
	}
	return i, nil
}
