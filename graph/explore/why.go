package explore

import (
	"context"
	"slices"

	"github.com/kg-dev/kg/graph"
)

// Path is one shortest connection: its entities in order and, between
// each two, the relation that joins them (the first by key when several
// do).
type Path struct {
	Nodes []graph.Entity `json:"nodes"`
	Links []graph.Link   `json:"links"`
}

// Why returns the shortest connections between a and b, at most maxDepth
// relations long and at most maxPaths of them (in the order of their
// entities' ids), or none. It searches from both ends at once, always
// widening the smaller frontier, so a hub at one end costs one neighbour
// list.
func Why(ctx context.Context, x graph.Explorer, ix *Index, a, b string, maxDepth, maxPaths int) ([]Path, error) {
	if a == b {
		return nil, nil
	}
	// dist and parents from each side.
	da, db := map[string]int{a: 0}, map[string]int{b: 0}
	pa, pb := map[string][]string{}, map[string][]string{}
	fa, fb := []string{a}, []string{b}
	var meet []string
	depth := 0
	for depth < maxDepth && len(fa) > 0 && len(fb) > 0 && len(meet) == 0 {
		fromA := len(fa) <= len(fb)
		front, dist, par, other := fa, da, pa, db
		if !fromA {
			front, dist, par, other = fb, db, pb, da
		}
		nb, err := x.Neighbours(ctx, front)
		if err != nil {
			return nil, err
		}
		var next []string
		for _, u := range front {
			for _, v := range nb[u] {
				if !ix.Has(v) {
					continue
				}
				if d, seen := dist[v]; seen && d <= dist[u] {
					continue
				}
				if _, seen := dist[v]; !seen {
					dist[v] = dist[u] + 1
					next = append(next, v)
				}
				par[v] = append(par[v], u)
				if _, ok := other[v]; ok && !slices.Contains(meet, v) {
					meet = append(meet, v)
				}
			}
		}
		slices.Sort(next)
		if fromA {
			fa = next
		} else {
			fb = next
		}
		depth++
	}
	if len(meet) == 0 {
		return nil, nil
	}
	// Every shortest path: a's side to the meeting node, then b's side.
	best := -1
	for _, m := range meet {
		if l := da[m] + db[m]; best < 0 || l < best {
			best = l
		}
	}
	var seqs [][]string
	slices.Sort(meet)
	for _, m := range meet {
		if da[m]+db[m] != best {
			continue
		}
		for _, left := range walks(m, pa, a) {
			slices.Reverse(left)
			for _, right := range walks(m, pb, b) {
				seqs = append(seqs, append(slices.Clone(left), right[1:]...))
			}
		}
	}
	slices.SortFunc(seqs, slices.Compare)
	seqs = slices.CompactFunc(seqs, slices.Equal)
	if len(seqs) > maxPaths {
		seqs = seqs[:maxPaths]
	}
	// The relations along them.
	var ids []string
	for _, s := range seqs {
		ids = append(ids, s...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var links []graph.Link
	var err error
	if lister, ok := x.(graph.LinkLister); ok {
		var pairs [][2]string
		for _, s := range seqs {
			for i := 1; i < len(s); i++ {
				pairs = append(pairs, pair(s[i-1], s[i]))
			}
		}
		links, err = lister.LinksBetween(ctx, pairs)
	} else {
		links, err = x.Links(ctx, ids)
	}
	if err != nil {
		return nil, err
	}
	if err := ix.Load(ctx, ids); err != nil {
		return nil, err
	}
	between := map[[2]string]graph.Link{}
	for _, l := range links { // sorted by key: keep the first
		k := pair(l.From, l.To)
		if _, ok := between[k]; !ok {
			between[k] = l
		}
	}
	var out []Path
	for _, s := range seqs {
		var p Path
		for i, id := range s {
			e, _ := ix.Entity(id)
			p.Nodes = append(p.Nodes, e)
			if i > 0 {
				p.Links = append(p.Links, between[pair(s[i-1], id)])
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func pair(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

// walks returns every parent chain from v back to root (v first, root
// last), in parent id order, at most 64.
func walks(v string, par map[string][]string, root string) [][]string {
	if v == root {
		return [][]string{{root}}
	}
	var out [][]string
	ps := slices.Clone(par[v])
	slices.Sort(ps)
	for _, p := range ps {
		for _, w := range walks(p, par, root) {
			out = append(out, append([]string{v}, w...))
			if len(out) >= 64 {
				return out
			}
		}
	}
	return out
}
