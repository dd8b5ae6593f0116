package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/queries"
)

// refPath is the path query's contract, as the Cypher states it: among
// all shortest paths (at most 4 hops) from a source candidate to a target
// candidate, the first by node ids, then by relationship types.
func refPath(edges []extract.Relation, ids []string, src, dst map[string]bool) (best []string, rels []string, ok bool) {
	adj := map[string][]extract.Relation{}
	for _, e := range edges {
		adj[e.From] = append(adj[e.From], e)
		adj[e.To] = append(adj[e.To], e)
	}
	var paths [][2][]string
	var walk func(path, types []string)
	walk = func(path, types []string) {
		last := path[len(path)-1]
		if len(path) > 1 && dst[last] {
			paths = append(paths, [2][]string{slices.Clone(path), slices.Clone(types)})
		}
		if len(path) == 5 {
			return
		}
		for _, e := range adj[last] {
			next := e.To
			if next == last {
				next = e.From
			}
			if slices.Contains(path, next) {
				continue
			}
			walk(append(path, next), append(types, e.Type))
		}
	}
	for _, a := range ids {
		if src[a] {
			walk([]string{a}, nil)
		}
	}
	// Keep, per (source, target) pair, only its shortest paths (what
	// allShortestPaths returns), then order them all.
	short := map[[2]string]int{}
	for _, p := range paths {
		k := [2]string{p[0][0], p[0][len(p[0])-1]}
		if l, ok := short[k]; !ok || len(p[0]) < l {
			short[k] = len(p[0])
		}
	}
	paths = slices.DeleteFunc(paths, func(p [2][]string) bool {
		return len(p[0]) != short[[2]string{p[0][0], p[0][len(p[0])-1]}]
	})
	if len(paths) == 0 {
		return nil, nil, false
	}
	slices.SortFunc(paths, func(x, y [2][]string) int {
		if c := cmp.Compare(len(x[0]), len(y[0])); c != 0 {
			return c
		}
		if c := slices.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return slices.Compare(x[1], y[1])
	})
	return paths[0][0], paths[0][1], true
}

// TestPathMatchesContract compares the SQL of the path query with
// refPath on random graphs where names are shared (several source and
// target candidates) and pairs have several relationships.
func TestPathMatchesContract(t *testing.T) {
	q, ok := queries.Get("path")
	if !ok {
		t.Fatal("no path query")
	}
	types := []string{extract.PartnerOf, extract.LocatedIn, extract.Met, extract.HeldIn}
	for seed := uint64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := 8 + rng.IntN(20)
		doc := extract.DocResult{Doc: extract.DocumentInfo{ID: "g", Hash: "g"}}
		var ids []string
		names := map[string]string{}
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("city:n%02d", rng.IntN(100))
			if slices.Contains(ids, id) {
				continue
			}
			ids = append(ids, id)
			name := fmt.Sprintf("Place %d", rng.IntN(n/2+1)) // shared names: several candidates
			names[id] = name
			doc.Entities = append(doc.Entities, extract.Entity{ID: id, Type: extract.City, Name: name})
		}
		var rels []extract.Relation
		seen := map[string]bool{}
		for i := 0; i < n+rng.IntN(2*n); i++ {
			a, b := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
			r := extract.Relation{Type: types[rng.IntN(len(types))], From: a, To: b}
			if a == b {
				continue
			}
			if extract.Symmetric(r.Type) && r.To < r.From {
				r.From, r.To = r.To, r.From
			}
			if k := extract.RelationKey(r); !seen[k] {
				seen[k] = true
				rels = append(rels, r)
			}
		}
		doc.Relations = rels
		s, _ := openTemp(t)
		ingest(t, s, doc)
		for trial := 0; trial < 10; trial++ {
			from := names[ids[rng.IntN(len(ids))]]
			to := names[ids[rng.IntN(len(ids))]]
			src, dst := map[string]bool{}, map[string]bool{}
			for _, id := range ids {
				k := fold.Key(names[id])
				if k == fold.Key(from) && k != fold.Key(to) {
					src[id] = true
				}
				if k == fold.Key(to) && k != fold.Key(from) {
					dst[id] = true
				}
			}
			wantIDs, wantRels, found := refPath(rels, ids, src, dst)
			b, err := q.Bind(map[string]string{"source": from, "target": to})
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Run(context.Background(), q, b)
			if err != nil {
				t.Fatal(err)
			}
			if !found {
				if len(res.Rows) != 0 {
					t.Errorf("seed %d, %s → %s: got %v, want no path", seed, from, to, res.Rows)
				}
				continue
			}
			if len(res.Rows) != 1 {
				t.Errorf("seed %d, %s → %s: got %d rows, want path %v", seed, from, to, len(res.Rows), wantIDs)
				continue
			}
			row := res.Rows[0]
			gotIDs := fmt.Sprint(row[6])
			gotRels := fmt.Sprint(row[7])
			if gotIDs != fmt.Sprint(wantIDs) || gotRels != fmt.Sprint(wantRels) || row[4] != int64(len(wantIDs)-1) {
				t.Errorf("seed %d, %s → %s: got %v %v (length %v), want %v %v", seed, from, to, gotIDs, gotRels, row[4], wantIDs, wantRels)
			}
		}
	}
}
