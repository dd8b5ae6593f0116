// Package explore is the logic of kg's analysts' commands, on top of a
// graph.Explorer: finding entities by any spelling (Index: Resolve,
// Search), an entity's profile (Profile), the shortest connections between
// two (Why) and its timeline (Timeline). It is pure Go over what the store
// returns, so the embedded store and Neo4j give the same answers.
package explore

import (
	"cmp"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/graph"
)

// Index finds entities by id, name, alias or alternate name.
type Index struct {
	ents  []graph.Entity
	byID  map[string]int
	names [][]string          // per entity: name, aliases, alternate names
	keys  map[string][]int    // fold.Key of every name -> entities
	alt   map[string][]string // alternate names by id
	iso   map[string]string   // ISO 3166-1 code of a place's country, by place id
	byISO map[string]string   // country id by ISO code
}

// NewIndex indexes ents (sorted by id, as Explorer.Entities returns them).
// alt gives more names by entity id and iso the ISO code of places'
// countries (the gazetteer's: gazetteer.AltNames); both may be nil.
func NewIndex(ents []graph.Entity, alt map[string][]string, iso map[string]string) *Index {
	ix := &Index{ents: ents, byID: make(map[string]int, len(ents)), names: make([][]string, len(ents)),
		keys: make(map[string][]int, 2*len(ents)), alt: alt, iso: iso, byISO: map[string]string{}}
	for id, code := range iso {
		if strings.HasPrefix(id, "country:") {
			ix.byISO[code] = id
		}
	}
	for i, e := range ents {
		ix.byID[e.ID] = i
		names := append(append([]string{e.Name}, e.Aliases...), alt[e.ID]...)
		seen := map[string]bool{}
		for _, n := range names {
			k := fold.Key(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			ix.names[i] = append(ix.names[i], n)
			ix.keys[k] = append(ix.keys[k], i)
		}
	}
	return ix
}

// Entity returns the entity with this id.
func (ix *Index) Entity(id string) (graph.Entity, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return graph.Entity{}, false
	}
	return ix.ents[i], true
}

// Names returns every spelling the index knows for id: name, aliases,
// alternate names, one per folded key.
func (ix *Index) Names(id string) []string {
	if i, ok := ix.byID[id]; ok {
		return ix.names[i]
	}
	return nil
}

// Resolve returns the entities that name denotes: the one whose id it is
// ("city:hanoi"), else those having a spelling with its folded key, sorted
// by id. Empty: unknown; more than one: ambiguous.
func (ix *Index) Resolve(name string) []graph.Entity {
	name = strings.TrimSpace(name)
	if i, ok := ix.byID[name]; ok {
		return []graph.Entity{ix.ents[i]}
	}
	var out []graph.Entity
	for _, i := range ix.keys[fold.Key(name)] {
		out = append(out, ix.ents[i])
	}
	return out
}

// Match kinds, best first.
const (
	Exact  = "exact"
	Prefix = "prefix"
	Token  = "token"
	Part   = "part"
	Fuzzy  = "fuzzy"
)

var matchRank = map[string]int{Exact: 0, Prefix: 1, Token: 2, Part: 3, Fuzzy: 4}

// Hit is one entity found by Search: how it matched and by which of its
// spellings (Via). Mentions is set by the caller (Rank sorts by it).
type Hit struct {
	Entity   graph.Entity `json:"entity"`
	Match    string       `json:"match"`
	Via      string       `json:"via"`
	Distance int          `json:"distance,omitempty"`
	Mentions int          `json:"mentions"`
	Country  string       `json:"country,omitempty"`
}

// SearchOptions filter a search: Types keeps those labels (any case),
// Country those whose Country (see Country) folds to the same key as it,
// or whose country id or ISO code it is.
type SearchOptions struct {
	Types   []string
	Country string
}

// Search returns the entities having a spelling that matches text:
// exact (same folded key), prefix (a key starting with it), token (every
// word of text starts a word of the name), part (a key containing it) or
// fuzzy (a key or one of its words within an
// edit distance of 1 for up to 5 letters, 2 up to 8, else 3; two
// neighbouring letters swapped count as one edit). Each
// entity appears once, with its best match, ordered by Rank.
func (ix *Index) Search(text string, opts SearchOptions) []Hit {
	qk := fold.Key(text)
	if qk == "" {
		return nil
	}
	qt := strings.Fields(fold.Fold(text))
	maxDist := 1
	switch {
	case len(qk) > 8:
		maxDist = 3
	case len(qk) > 5:
		maxDist = 2
	}
	var hits []Hit
	for i, e := range ix.ents {
		if !ix.keep(e, opts) {
			continue
		}
		if e.ID == strings.TrimSpace(text) {
			hits = append(hits, Hit{Entity: e, Match: Exact, Via: e.ID})
			continue
		}
		best := Hit{Match: ""}
		for _, n := range ix.names[i] {
			m, d := match(qk, qt, n, maxDist)
			if m == "" {
				continue
			}
			if best.Match == "" || matchRank[m] < matchRank[best.Match] || m == best.Match && d < best.Distance {
				best = Hit{Entity: e, Match: m, Via: n, Distance: d}
			}
		}
		if best.Match != "" {
			hits = append(hits, best)
		}
	}
	for i := range hits {
		hits[i].Country = ix.Country(hits[i].Entity)
	}
	Rank(hits)
	return hits
}

func (ix *Index) keep(e graph.Entity, opts SearchOptions) bool {
	if len(opts.Types) > 0 && !slices.ContainsFunc(opts.Types, func(t string) bool { return strings.EqualFold(t, e.Label) }) {
		return false
	}
	if opts.Country == "" {
		return true
	}
	c := ix.CountryID(e)
	if c == "" {
		return false
	}
	if c == opts.Country || fold.Key(opts.Country) == fold.Key(ix.Country(e)) {
		return true
	}
	ce, _ := ix.Entity(c)
	for _, n := range append(ix.Names(c), ce.Name) {
		if fold.Key(n) == fold.Key(opts.Country) {
			return true
		}
	}
	return strings.EqualFold(isoOf(c, ix), opts.Country)
}

// match says how the spelling name matches the query key qk (tokens qt).
func match(qk string, qt []string, name string, maxDist int) (string, int) {
	k := fold.Key(name)
	switch {
	case k == qk:
		return Exact, 0
	case strings.HasPrefix(k, qk):
		return Prefix, 0
	}
	words := strings.Fields(fold.Fold(name))
	if len(qt) > 0 && allPrefixWords(qt, words) {
		return Token, 0
	}
	if strings.Contains(k, qk) {
		return Part, 0
	}
	if len(qk) < 3 {
		return "", 0
	}
	// Fuzzy: the whole key, or a word, close to the query.
	best := maxDist + 1
	try := func(s string, slack int) {
		if abs(len(s)-len(qk)) > slack {
			return
		}
		d := levenshtein.ComputeDistance(s, qk)
		if d == 2 && swapped(s, qk) {
			d = 1
		}
		best = min(best, d)
	}
	try(k, maxDist)
	for _, w := range words {
		try(w, 1) // a word about as long as the query, not a short one
	}
	if best <= maxDist {
		return Fuzzy, best
	}
	return "", 0
}

// allPrefixWords reports whether every query word starts a distinct word
// of the name, in any order.
func allPrefixWords(qt, words []string) bool {
	used := make([]bool, len(words))
	for _, q := range qt {
		found := false
		for i, w := range words {
			if !used[i] && strings.HasPrefix(w, q) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Rank sorts hits: by match kind, then edit distance, then mentions
// (most first), then name and id.
func Rank(hits []Hit) {
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(
			cmp.Compare(matchRank[a.Match], matchRank[b.Match]),
			cmp.Compare(a.Distance, b.Distance),
			cmp.Compare(b.Mentions, a.Mentions),
			cmp.Compare(fold.Key(a.Entity.Name), fold.Key(b.Entity.Name)),
			cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
}

// Country returns the name of e's country: e itself for a country, the
// gazetteer's country of a place, else the country its props name
// (country: an ISO code; place: a place id whose country is known).
func (ix *Index) Country(e graph.Entity) string {
	id := ix.CountryID(e)
	if c, ok := ix.Entity(id); ok {
		return c.Name
	}
	return ""
}

// CountryID returns the id of e's country (see Country), or "".
func (ix *Index) CountryID(e graph.Entity) string {
	if e.Label == "Country" {
		return e.ID
	}
	if c := ix.countryOfISO(ix.iso[e.ID]); c != "" {
		return c
	}
	if s, ok := e.Props["country"].(string); ok {
		if c := ix.countryOfISO(s); c != "" {
			return c
		}
	}
	if p, ok := e.Props["place"].(string); ok && p != e.ID {
		if pe, ok := ix.Entity(p); ok && pe.Label != "Organization" {
			return ix.CountryID(pe)
		}
	}
	return ""
}

func (ix *Index) countryOfISO(code string) string {
	if code == "" {
		return ""
	}
	return ix.byISO[strings.ToUpper(code)]
}

func isoOf(countryID string, ix *Index) string { return ix.iso[countryID] }

// swapped reports whether a and b differ only by two neighbouring bytes
// swapped ("hanio", "hanoi").
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}
