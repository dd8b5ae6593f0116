// Package gazetteer is kg's dictionary of places: countries (with their
// names in English, French and Vietnamese and their demonyms) and cities,
// provinces, regions and départements, each with a stable id, a canonical
// English name and every other spelling.
//
// The data are TSV files generated from GeoNames, world-countries,
// i18n-iso-countries and iso-codes by tools/gazgen, plus hand-written
// exonyms (extra.tsv) and a stoplist of names that are also common words
// or first names (ambiguous.txt); see data/ATTRIBUTION.md. They are
// embedded, and Load reads them from any fs.FS so tests can pass an
// fstest.MapFS. Parsing lives in parse.go; this file holds the lookups.
//
// Names are compared by fold.Key: case, diacritics (đ → d), spaces,
// hyphens and punctuation are ignored, so "Da Nang", "Đà Nẵng" and
// "Danang" are the same key.
package gazetteer

import (
	"cmp"
	"embed"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/kg-dev/kg/extract/fold"
)

// Place types, equal to extract.City and extract.Country (this package
// cannot import extract, which imports it).
const (
	TypeCity    = "City"
	TypeCountry = "Country"
)

// Place kinds.
const (
	KindCity         = "city"
	KindProvince     = "province"
	KindRegion       = "region"
	KindDepartment   = "department"
	KindMunicipality = "municipality"
	KindCountry      = "country"
)

// Place is a country or a sub-national place (city, province, region,
// département).
type Place struct {
	ID         string   // "city:hanoi", "country:vietnam"; stable, from the canonical English name
	Type       string   // TypeCity or TypeCountry (extract.City, extract.Country)
	Name       string   // canonical English display name ("Hanoi", "Da Nang", "South Korea")
	Aliases    []string // every other spelling (native with diacritics, French, English, Vietnamese)
	Country    string   // ISO 3166-1 alpha-2 ("VN"); for countries their own code
	CountryID  string   // "country:vietnam" for cities; "" for countries
	Kind       string   // city, province, region, department, municipality, country
	Population int
	Capital    bool   // national capital
	CityState  bool   // a country that is one city (Singapore)
	Territory  bool   // a country entry that is not a sovereign state (Réunion, Guam)
	Ambiguous  bool   // the canonical name needs context: common word, first name, short syllable
	Successor  string // id of the place that absorbed this one in a reorganisation (Vietnam, 2025), or ""
}

// Gazetteer indexes places by id, country code, folded name and folded
// demonym. It is immutable once loaded and safe for concurrent use.
type Gazetteer struct {
	places   []*Place // sorted by id
	byID     map[string]*Place
	byISO    map[string]*Place
	byKey    map[string][]*Place
	demonyms map[string]*Place
	demNames []named
	stop     map[string]bool // fold.Key of names from ambiguous.txt
	words    map[string]bool // lowercase place names that are common words (words.txt)
}

type named struct {
	surface string
	p       *Place
}

//go:embed data/*.tsv data/*.txt
var dataFS embed.FS

// DataFS returns the embedded data files (data/*.tsv, data/*.txt), for
// fingerprinting.
func DataFS() fs.FS { return dataFS }

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the gazetteer built from the embedded data, loading it
// on first use.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(dataFS, "data")
		if err != nil {
			defaultErr = err
			return
		}
		defaultGaz, defaultErr = Load(sub)
	})
	return defaultGaz, defaultErr
}

// Places returns every place sorted by id. The slice must not be modified.
func (g *Gazetteer) Places() []*Place { return g.places }

// ByID returns the place with the given id, or nil.
func (g *Gazetteer) ByID(id string) *Place { return g.byID[id] }

// Country returns the country with the given ISO 3166-1 alpha-2 code
// (case-insensitive), or nil.
func (g *Gazetteer) Country(iso2 string) *Place { return g.byISO[strings.ToUpper(iso2)] }

// Lookup returns the places named key, a fold.Key of a name, best
// candidate first: countries before cities, sovereign states before
// territories, national capitals first, then by population, Vietnamese
// and French places weighing more. The slice must not be modified.
func (g *Gazetteer) Lookup(key string) []*Place { return g.byKey[key] }

// LookupName is Lookup(fold.Key(name)).
func (g *Gazetteer) LookupName(name string) []*Place { return g.byKey[fold.Key(name)] }

// Demonym returns the country of a demonym given as a fold.Key
// ("french", "francaises", "sudcoreenne", "vietnamese"), or nil.
func (g *Gazetteer) Demonym(key string) *Place { return g.demonyms[key] }

// Names calls fn for every surface form of every place (its name, then
// its aliases), places in id order. Several places may share a surface.
func (g *Gazetteer) Names(fn func(surface string, p *Place)) {
	for _, p := range g.places {
		fn(p.Name, p)
		for _, a := range p.Aliases {
			fn(a, p)
		}
	}
}

// DemonymNames calls fn for every demonym surface form ("French",
// "française", "sud-coréens") with its country.
func (g *Gazetteer) DemonymNames(fn func(surface string, p *Place)) {
	for _, d := range g.demNames {
		fn(d.surface, d.p)
	}
}

// AmbiguousName reports whether surface, as a name of p, needs context
// before it can be taken for p: its key is on the stoplist
// (ambiguous.txt: first names, words, names shared with better-known
// places), it is spelt exactly as a common English or French word
// (words.txt, compared in lowercase with diacritics: "Orange", "Sens"),
// it has three letters or fewer ("Ha",
// "U.S.", "Huế"; an all-capital acronym of three letters like "USA" is
// not), or it is a single word of four letters or fewer without
// diacritics naming a Vietnamese place ("Vinh", "Long", "Binh"), since
// such syllables are also parts of people's names ("Hanoi", "Danang"
// are not; nor is an acronym written in capitals, "HCMC"). AmbiguousName applies to demonyms too ("US").
func (g *Gazetteer) AmbiguousName(surface string, p *Place) bool {
	k := fold.Key(surface)
	if k == "" || g.stop[k] || g.words[strings.ToLower(surface)] {
		return true
	}
	if len(k) <= 3 && !(len(k) == 3 && surface == strings.ToUpper(surface) && len(surface) == 3) {
		return true
	}
	if p != nil && p.Type == TypeCity && p.Country == "VN" && isASCII(surface) && len(k) <= 4 &&
		!strings.Contains(fold.Fold(surface), " ") && surface != strings.ToUpper(surface) {
		return true // a Vietnamese syllable: Vinh, Long, Binh
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// index builds the lookup maps once every place is known.
func (g *Gazetteer) index() {
	slices.SortFunc(g.places, func(a, b *Place) int { return cmp.Compare(a.ID, b.ID) })
	g.byKey = make(map[string][]*Place, len(g.places)*3)
	for _, p := range g.places {
		if p.Type == TypeCity {
			if c := g.byISO[p.Country]; c != nil {
				p.CountryID = c.ID
			}
		}
		p.Ambiguous = g.AmbiguousName(p.Name, p)
		add := func(s string) {
			k := fold.Key(s)
			if k == "" {
				return
			}
			l := g.byKey[k]
			if len(l) > 0 && l[len(l)-1] == p {
				return
			}
			if !slices.Contains(l, p) {
				g.byKey[k] = append(l, p)
			}
		}
		add(p.Name)
		for _, a := range p.Aliases {
			add(a)
		}
	}
	for k, l := range g.byKey {
		if len(l) > 1 {
			slices.SortStableFunc(l, rank)
		}
		g.byKey[k] = slices.Clip(l)
	}
}

// rank orders candidates for one name: countries, sovereign states,
// capitals, then weight, then id.
func rank(a, b *Place) int {
	if c := cmp.Compare(typeRank(a), typeRank(b)); c != 0 {
		return c
	}
	if a.Territory != b.Territory {
		if a.Territory {
			return 1
		}
		return -1
	}
	if a.Capital != b.Capital {
		if a.Capital {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(weight(b), weight(a)); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

func typeRank(p *Place) int {
	if p.Type == TypeCountry {
		return 0
	}
	return 1
}

// subdivisionWeight stands for the unknown population of a province,
// region or département: it outranks towns but not big cities.
const subdivisionWeight = 200_000

// weight is the population used for ranking: subdivisions without one
// count as subdivisionWeight, and Vietnamese and French places count five
// times, since kg reads about Vietnam–France cooperation.
func weight(p *Place) int {
	w := p.Population
	if p.Kind != KindCity && p.Kind != KindCountry && w < subdivisionWeight {
		w = subdivisionWeight
	}
	if p.Country == "VN" || p.Country == "FR" {
		w *= 5
	}
	return w
}

// Compare orders two readings of one name, best first: countries before
// cities, sovereign states before territories, national capitals first,
// then by population (Vietnamese and French places weighing more), then
// by id. Lookup returns candidates in this order.
func Compare(a, b *Place) int { return rank(a, b) }
