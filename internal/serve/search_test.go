package serve

import (
	"context"
	"reflect"
	"testing"

	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/graph/explore"
	"github.com/kg-dev/kg/internal/serve/servetest"
)

// TestFastSearchSame: the binary search of the beginnings of names gives
// the answers of kg search's full matching (explore.Index.Search ranked by
// mentions), for every beginning of every spelling in the samples and for
// answers of 1 to 4 hits, where the fast path is taken whenever it can be.
func TestFastSearchSame(t *testing.T) {
	st := servetest.Embedded(t)
	si, err := buildIndex(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	full := func(text string, limit int) []Hit {
		hits := si.ix.Search(text, explore.SearchOptions{})
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
	compared, fast := 0, 0
	for _, names := range si.names {
		for _, n := range names {
			r := []rune(n)
			for k := 1; k <= len(r); k++ {
				text := string(r[:k])
				for limit := 1; limit <= 4; limit++ {
					got, want := si.search(text, limit), full(text, limit)
					compared++
					if len(si.prefixHits(fold.Key(text))) >= limit {
						fast++
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("search %q limit %d:\nfast %+v\nfull %+v", text, limit, got, want)
					}
				}
			}
		}
	}
	if fast < compared/4 {
		t.Errorf("the fast path ran %d times in %d searches", fast, compared)
	}
	t.Logf("%d searches compared, %d by the fast path", compared, fast)
}
