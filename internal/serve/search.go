package serve

import (
	"context"
	"sync"
	"time"

	"github.com/kg-dev/kg/extract/gazetteer"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/explore"
)

// indexTTL is how long a search index serves before it is rebuilt from
// the store, so that what another kg ingests shows up in searches.
const indexTTL = time.Minute

// searchCounted is how many of the best hits get their mentions counted
// and ranked by them within a kind of match, as in kg search.
const searchCounted = 500

// explorerSearch is kg search's ranking (graph/explore: exact, prefix,
// every word, part, close spelling; the gazetteer's alternate names of
// places; the most mentioned first) over a store's entities, indexed in
// memory and rebuilt every indexTTL.
type explorerSearch struct {
	x     graph.Explorer
	mu    sync.Mutex
	ix    *explore.Index
	built time.Time
}

func (s *explorerSearch) index(ctx context.Context) (*explore.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix != nil && time.Since(s.built) < indexTTL {
		return s.ix, nil
	}
	ents, err := s.x.Entities(ctx)
	if err != nil {
		return nil, err
	}
	held := make(map[string]bool, len(ents))
	for _, e := range ents {
		held[e.ID] = true
	}
	alt, iso, err := gazetteer.AltNames(func(id string) bool { return held[id] })
	if err != nil {
		return nil, err
	}
	s.ix, s.built = explore.NewIndex(ents, alt, iso), time.Now()
	return s.ix, nil
}

func (s *explorerSearch) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	ix, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	hits := ix.Search(text, explore.SearchOptions{})
	if len(hits) > searchCounted {
		hits = hits[:searchCounted]
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Entity.ID
	}
	counts, err := s.x.MentionCounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].Mentions = counts[hits[i].Entity.ID]
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
	return out, nil
}
