// Package explore is the logic of kg's analysts' commands, on top of a
// graph.Explorer: finding entities by any spelling (Index: Resolve,
// Search), an entity's profile (Profile), the shortest connections between
// two (Why) and its timeline (Timeline). It is pure Go over what the store
// returns, so the embedded store and Neo4j give the same answers.
package explore

import (
	"cmp"
	"context"
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
	names [][]string // per entity: name, aliases, alternate names (once loaded)
	ekeys [][]string // per entity: the folded keys of its spellings
	done  []bool     // per entity: loaded
	load  func(ctx context.Context, ids []string) ([]graph.Entity, error)
	alt   map[string][]string // alternate names by id
	iso   map[string]string   // ISO 3166-1 code of a place's country, by place id
	// located is the country id of places the gazetteer lacks, from the
	// store's LOCATED_IN relations (Locate).
	located map[string]string
	byISO   map[string]string // country id by ISO code
}

// NewIndex indexes ents (sorted by id, as Explorer.Entities returns them).
// alt gives more names by entity id and iso the ISO code of places'
// countries (the gazetteer's: gazetteer.AltNames); both may be nil.
func NewIndex(ents []graph.Entity, alt map[string][]string, iso map[string]string) *Index {
	ix := newIndex(len(ents), alt, iso)
	ix.ents = ents
	for i, e := range ents {
		ix.byID[e.ID] = i
		ix.fill(i, e)
	}
	return ix
}

// NewLazyIndex indexes entities by their stored keys only (fast to read:
// Explorer.EntityKeys, in any order as long as each entity's keys are
// together, as graph.UnorderedKeys gives them) and loads the rest of an
// entity (name, aliases, props) when asked (Load), with load
// (Explorer.EntitiesByID).
func NewLazyIndex(keys []graph.EntityKey, alt map[string][]string, iso map[string]string,
	load func(ctx context.Context, ids []string) ([]graph.Entity, error)) *Index {
	n := 0
	for i, k := range keys {
		if i == 0 || k.ID != keys[i-1].ID {
			n++
		}
	}
	ix := newIndex(n, alt, iso)
	ix.load = load
	ix.ents = make([]graph.Entity, 0, n)
	flat := make([]string, len(keys))
	for i, k := range keys {
		flat[i] = k.Key
	}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].ID == keys[i].ID {
			j++
		}
		id := keys[i].ID
		if at, ok := ix.byID[id]; ok { // an entity's keys apart: join them
			for _, k := range flat[i:j] {
				ix.addKey(at, k)
			}
		} else {
			ix.byID[id] = len(ix.ents)
			ix.ents = append(ix.ents, graph.Entity{ID: id, Label: keys[i].Label})
			ix.ekeys[len(ix.ents)-1] = flat[i:j:j] // appending copies
		}
		i = j
	}
	ix.names, ix.ekeys, ix.done = ix.names[:len(ix.ents)], ix.ekeys[:len(ix.ents)], ix.done[:len(ix.ents)]
	for id, names := range alt {
		if i, ok := ix.byID[id]; ok {
			for _, n := range names {
				ix.addKey(i, fold.Key(n))
			}
		}
	}
	return ix
}

func newIndex(n int, alt map[string][]string, iso map[string]string) *Index {
	ix := &Index{byID: make(map[string]int, n), names: make([][]string, n), ekeys: make([][]string, n),
		done: make([]bool, n), alt: alt, iso: iso, byISO: map[string]string{}}
	for id, code := range iso {
		if strings.HasPrefix(id, "country:") {
			ix.byISO[code] = id
		}
	}
	return ix
}

// fill sets entity i's details and spellings.
func (ix *Index) fill(i int, e graph.Entity) {
	ix.ents[i] = e
	ix.done[i] = true
	ix.names[i] = nil
	seen := map[string]bool{}
	for _, n := range append(append([]string{e.Name}, e.Aliases...), ix.alt[e.ID]...) {
		k := fold.Key(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		ix.names[i] = append(ix.names[i], n)
		ix.addKey(i, k)
	}
}

func (ix *Index) addKey(i int, k string) {
	if k == "" || slices.Contains(ix.ekeys[i], k) {
		return
	}
	ix.ekeys[i] = append(ix.ekeys[i], k)
}

// Load reads the details of the entities ids (and of the places their
// props name) that a lazy index has not loaded yet.
func (ix *Index) Load(ctx context.Context, ids []string) error {
	if ix.load == nil {
		return nil
	}
	for round := 0; round < 3; round++ { // then the places props name, and the countries
		var want []string
		for _, id := range ids {
			if i, ok := ix.byID[id]; ok && !ix.done[i] {
				want = append(want, id)
			}
		}
		if len(want) == 0 {
			return nil
		}
		slices.Sort(want)
		ents, err := ix.load(ctx, slices.Compact(want))
		if err != nil {
			return err
		}
		ids = ids[:0:0]
		for _, e := range ents {
			if i, ok := ix.byID[e.ID]; ok {
				ix.fill(i, e)
				if p, ok := e.Props["place"].(string); ok {
					ids = append(ids, p)
				}
				if c := ix.CountryID(e); c != "" {
					ids = append(ids, c)
				}
			}
		}
	}
	return nil
}

// Has reports whether the index holds id.
func (ix *Index) Has(id string) bool {
	_, ok := ix.byID[id]
	return ok
}

// Spelling returns the spelling of id whose folded key is key, or key.
func (ix *Index) Spelling(id, key string) string {
	for _, n := range ix.Names(id) {
		if fold.Key(n) == key {
			return n
		}
	}
	return key
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
	k := fold.Key(name)
	if k == "" {
		return nil
	}
	var out []graph.Entity
	for i, keys := range ix.ekeys {
		if slices.Contains(keys, k) {
			out = append(out, ix.ents[i])
		}
	}
	slices.SortFunc(out, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
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
	Limit   int // at most this many hits, the best (0: all)
}

// Search returns the entities having a spelling that matches text,
// compared by folded keys: exact (the same key), prefix (a key starting
// with it), token (text has several words and each is in a key), part (a
// key containing it) or fuzzy (a key within an edit distance of 1 for up
// to 5 letters, 2 up to 8, else 3; two neighbouring letters swapped count
// as one edit). Each entity appears once, with its best match, ordered by
// Rank; Via is the spelling that matched (its key until the entity is
// loaded: see Spelling). The country filter needs loaded entities: on a
// lazy index, filter after Load with InCountry.
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
		for _, k := range ix.ekeys[i] {
			m, d := match(qk, qt, k, maxDist)
			if m == "" {
				continue
			}
			if best.Match == "" || matchRank[m] < matchRank[best.Match] || m == best.Match && d < best.Distance {
				best = Hit{Entity: e, Match: m, Via: k, Distance: d}
			}
		}
		if best.Match != "" {
			hits = append(hits, best)
		}
	}
	if opts.Limit > 0 && len(hits) > opts.Limit {
		// Only the match kinds that hold the best Limit need ranking: a
		// search for one letter matches 30,000 entities by part.
		var n [5]int
		for _, h := range hits {
			n[matchRank[h.Match]]++
		}
		worst, sum := 0, n[0]
		for sum < opts.Limit {
			worst++
			sum += n[worst]
		}
		kept := hits[:0]
		for _, h := range hits {
			if matchRank[h.Match] <= worst {
				kept = append(kept, h)
			}
		}
		hits = kept
	}
	Rank(hits)
	if opts.Limit > 0 && len(hits) > opts.Limit {
		hits = hits[:opts.Limit]
	}
	for i := range hits {
		if h := &hits[i]; h.Via != h.Entity.ID {
			h.Via = ix.Spelling(h.Entity.ID, h.Via)
		}
		hits[i].Country = ix.Country(hits[i].Entity)
	}
	return hits
}

// InCountry reports whether e is in country (see SearchOptions).
func (ix *Index) InCountry(e graph.Entity, country string) bool {
	return ix.keep(e, SearchOptions{Country: country})
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

// match says how the key k of a spelling matches the query key qk (words
// qt).
func match(qk string, qt []string, k string, maxDist int) (string, int) {
	switch {
	case k == qk:
		return Exact, 0
	case strings.HasPrefix(k, qk):
		return Prefix, 0
	case len(qt) > 1 && allIn(qt, k):
		return Token, 0
	case strings.Contains(k, qk):
		return Part, 0
	case len(qk) < 3 || abs(len(k)-len(qk)) > maxDist:
		return "", 0
	}
	d := levenshtein.ComputeDistance(k, qk)
	if d == 2 && swapped(k, qk) {
		d = 1
	}
	if d <= maxDist {
		return Fuzzy, d
	}
	return "", 0
}

// allIn reports whether every word is in k.
func allIn(words []string, k string) bool {
	for _, w := range words {
		if !strings.Contains(k, w) {
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
// The sort keys of each hit are computed once (a search for one letter
// ranks 30,000 hits: comparing with map look-ups and folding names was
// 40 % of it).
func Rank(hits []Hit) {
	type sortKey struct {
		rank, dist, mentions, at int
		name, id                 string
	}
	keys := make([]sortKey, len(hits))
	for i, h := range hits {
		keys[i] = sortKey{matchRank[h.Match], h.Distance, h.Mentions, i, fold.Key(h.Entity.Name), h.Entity.ID}
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		return cmp.Or(
			cmp.Compare(a.rank, b.rank),
			cmp.Compare(a.dist, b.dist),
			cmp.Compare(b.mentions, a.mentions),
			cmp.Compare(a.name, b.name),
			cmp.Compare(a.id, b.id))
	})
	sorted := make([]Hit, len(hits))
	for i, k := range keys {
		sorted[i] = hits[k.at]
	}
	copy(hits, sorted)
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
	if c := ix.located[e.ID]; c != "" {
		return c
	}
	if p, ok := e.Props["place"].(string); ok && p != e.ID {
		if pe, ok := ix.Entity(p); ok && pe.Label != "Organization" {
			return ix.CountryID(pe)
		}
	}
	return ""
}

// Locate takes the countries of places from their LOCATED_IN relations
// among links: the country of a place the gazetteer lacks ("Kim Dinh
// District", "the Norwegian county of Vestfold") is only there.
func (ix *Index) Locate(links []graph.Link) {
	for _, l := range links {
		if l.Type != "LOCATED_IN" || !strings.HasPrefix(l.To, "country:") || !strings.HasPrefix(l.From, "city:") {
			continue
		}
		if ix.located == nil {
			ix.located = map[string]string{}
		}
		ix.located[l.From] = l.To
	}
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
