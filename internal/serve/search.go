package serve

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/extract/gazetteer"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/explore"
)

// indexTTL is how long a search index serves before it is rebuilt from
// the store (in the background: searches go on with the old one), so that
// what another kg ingests shows up.
const indexTTL = time.Minute

// searchCounted is how many of the best hits get their mentions counted
// and ranked by them within a kind of match, as in kg search.
const searchCounted = 500

// explorerSearch is kg search's ranking (graph/explore: exact, prefix,
// every word, part, close spelling; the gazetteer's alternate names of
// places; the most mentioned first) over a store's entities, indexed in
// memory with every entity's mention count.
//
// As a person types, most texts are the beginning of many names: when at
// least as many entities have a spelling equal to the text or starting
// with it as the answer holds, no other kind of match can rank among them,
// so those are found by binary search in the sorted folded spellings
// instead of matching every entity (explore.Index.Search, which costs
// about 100 ms on the 100,000-article store); TestFastSearchSame checks
// that both give the same answers.
type explorerSearch struct {
	x        graph.Explorer
	mu       sync.Mutex
	cur      *searchIndex
	building bool
}

type searchIndex struct {
	ix       *explore.Index
	ents     []graph.Entity
	names    [][]string // per entity, its spellings in explore.Index's order
	keys     []keyRef   // every spelling's fold.Key, sorted
	mentions map[string]int
	built    time.Time
}

type keyRef struct {
	key string
	ent int
}

func (s *explorerSearch) index(ctx context.Context) (*searchIndex, error) {
	s.mu.Lock()
	cur := s.cur
	if cur != nil && time.Since(cur.built) >= indexTTL && !s.building {
		s.building = true
		go func() {
			ix, err := buildIndex(context.Background(), s.x)
			s.mu.Lock()
			if err == nil {
				s.cur = ix
			}
			s.building = false
			s.mu.Unlock()
		}()
	}
	s.mu.Unlock()
	if cur != nil {
		return cur, nil
	}
	ix, err := buildIndex(ctx, s.x)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.cur == nil {
		s.cur = ix
	}
	s.mu.Unlock()
	return ix, nil
}

func buildIndex(ctx context.Context, x graph.Explorer) (*searchIndex, error) {
	ents, err := x.Entities(ctx)
	if err != nil {
		return nil, err
	}
	held := make(map[string]bool, len(ents))
	ids := make([]string, len(ents))
	for i, e := range ents {
		held[e.ID] = true
		ids[i] = e.ID
	}
	alt, iso, err := gazetteer.AltNames(func(id string) bool { return held[id] })
	if err != nil {
		return nil, err
	}
	mentions, err := x.MentionCounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	si := &searchIndex{ix: explore.NewIndex(ents, alt, iso), ents: ents, names: make([][]string, len(ents)), mentions: mentions, built: time.Now()}
	for i, e := range ents {
		seen := map[string]bool{}
		for _, n := range append(append([]string{e.Name}, e.Aliases...), alt[e.ID]...) {
			k := fold.Key(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			si.names[i] = append(si.names[i], n)
			si.keys = append(si.keys, keyRef{k, i})
		}
	}
	slices.SortFunc(si.keys, func(a, b keyRef) int { return strings.Compare(a.key, b.key) })
	return si, nil
}

// prefixHits returns the entities one of whose spellings is qk or starts
// with it, matched as explore.Index.Search matches them.
func (si *searchIndex) prefixHits(qk string) []explore.Hit {
	i := sort.Search(len(si.keys), func(i int) bool { return si.keys[i].key >= qk })
	seen := map[int]bool{}
	var hits []explore.Hit
	for ; i < len(si.keys) && strings.HasPrefix(si.keys[i].key, qk); i++ {
		e := si.keys[i].ent
		if seen[e] {
			continue
		}
		seen[e] = true
		h := explore.Hit{Entity: si.ents[e]}
		for _, n := range si.names[e] { // the first exact spelling, else the first prefix one
			k := fold.Key(n)
			if k == qk {
				h.Match, h.Via = explore.Exact, n
				break
			}
			if h.Match == "" && strings.HasPrefix(k, qk) {
				h.Match, h.Via = explore.Prefix, n
			}
		}
		hits = append(hits, h)
	}
	return hits
}

func (s *explorerSearch) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	si, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	return si.search(text, limit), nil
}

func (si *searchIndex) search(text string, limit int) []Hit {
	var hits []explore.Hit
	qk := fold.Key(text)
	if qk == "" {
		return []Hit{}
	}
	if _, isID := si.ix.Entity(strings.TrimSpace(text)); !isID {
		hits = si.prefixHits(qk)
		if len(hits) < limit {
			hits = nil
		} else {
			for i := range hits {
				hits[i].Country = si.ix.Country(hits[i].Entity)
			}
			explore.Rank(hits)
		}
	}
	if hits == nil {
		hits = si.ix.Search(text, explore.SearchOptions{})
	}
	if len(hits) > searchCounted {
		hits = hits[:searchCounted]
	}
	for i := range hits {
		hits[i].Mentions = si.mentions[hits[i].Entity.ID]
	}
	explore.Rank(hits)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Hit, len(hits))
	for i, h := range hits {
		aliases := h.Entity.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		out[i] = Hit{ID: h.Entity.ID, Label: h.Entity.Label, Name: h.Entity.Name, Aliases: aliases,
			Exact: h.Match == explore.Exact, Match: h.Match, Via: h.Via, Mentions: h.Mentions}
	}
	return out
}
