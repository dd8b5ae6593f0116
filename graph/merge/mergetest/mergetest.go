// Package mergetest gives the stores' shuffle property tests (issue 17)
// their articles and their write scenarios: the same set of articles
// written in many orders, in several transactions, with changed versions
// that are later replaced and extra articles that are later removed. A
// store passes when every scenario leaves the same graph.
package mergetest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/reader"
)

// Corpus extracts every article under dirs, sorted by id.
func Corpus(tb testing.TB, dirs ...string) []extract.DocResult {
	tb.Helper()
	x, err := extract.New()
	if err != nil {
		tb.Fatal(err)
	}
	var docs []extract.DocResult
	err = reader.WalkWith(context.Background(), dirs, func(d extract.Document) error {
		docs = append(docs, x.Extract(d))
		return nil
	}, reader.Options{OnError: func(where string, err error) { tb.Errorf("reading %s: %v", where, err) }})
	if err != nil {
		tb.Fatal(err)
	}
	slices.SortFunc(docs, func(a, b extract.DocResult) int { return cmp.Compare(a.Doc.ID, b.Doc.ID) })
	return docs
}

// Op is one write: put an article (replacing a stored version) or, when
// Put is nil, remove article Remove.
type Op struct {
	Put    *extract.DocResult
	Remove string
}

// Step is the ops of one transaction, in order.
type Step []Op

// Scenario returns the writes of one run: every doc put once in a shuffled
// order; some first put in a changed version (fewer entities, another
// name, another hash) and put as they are later; some removed and put
// again later; copies of some under another id put and removed later;
// all cut into one to six transactions. Whatever rng gives, the store
// ends up holding exactly docs.
func Scenario(docs []extract.DocResult, rng *rand.Rand) []Step {
	var ops []Op
	for _, i := range rng.Perm(len(docs)) {
		d := docs[i]
		ops = insertAt(ops, rng, Op{Put: &d})
	}
	for n := range 1 + rng.IntN(3) {
		d := docs[rng.IntN(len(docs))]
		changed := Changed(d, n)
		at := slices.IndexFunc(ops, func(o Op) bool { return o.Put != nil && o.Put.Doc.ID == d.Doc.ID && o.Put.Doc.Hash == d.Doc.Hash })
		ops = slices.Insert(ops, rng.IntN(at+1), Op{Put: &changed})
	}
	for range 1 + rng.IntN(2) {
		// Removed after its last put, then put once more.
		d := docs[rng.IntN(len(docs))]
		last := -1
		for i, o := range ops {
			if o.Put != nil && o.Put.Doc.ID == d.Doc.ID {
				last = i
			}
		}
		rm := last + 1 + rng.IntN(len(ops)-last)
		ops = slices.Insert(ops, rm, Op{Remove: d.Doc.ID})
		again := d
		ops = slices.Insert(ops, rm+1+rng.IntN(len(ops)-rm), Op{Put: &again})
	}
	for n := range 1 + rng.IntN(2) {
		d := docs[rng.IntN(len(docs))]
		extra := Copy(d, fmt.Sprintf("zz-extra-%d", n))
		at := rng.IntN(len(ops) + 1)
		ops = slices.Insert(ops, at, Op{Put: &extra})
		ops = slices.Insert(ops, at+1+rng.IntN(len(ops)-at), Op{Remove: extra.Doc.ID})
	}
	cuts := rng.Perm(len(ops) - 1)[:min(len(ops)-1, rng.IntN(6))]
	for i := range cuts {
		cuts[i]++
	}
	slices.Sort(cuts)
	var steps []Step
	start := 0
	for _, c := range append(cuts, len(ops)) {
		steps = append(steps, Step(ops[start:c]))
		start = c
	}
	return steps
}

func insertAt(ops []Op, rng *rand.Rand, op Op) []Op {
	return slices.Insert(ops, rng.IntN(len(ops)+1), op)
}

// Changed returns another version of d: every other entity dropped, the
// first one renamed, a new hash.
func Changed(d extract.DocResult, n int) extract.DocResult {
	c := d
	c.Doc.Hash = fmt.Sprintf("%s-changed-%d", d.Doc.Hash, n)
	c.Entities = nil
	for i, e := range d.Entities {
		if i%2 == 1 {
			continue
		}
		if i == 0 {
			e.Name += " (changed)"
		}
		c.Entities = append(c.Entities, e)
	}
	return c
}

// Copy returns d under another article id.
func Copy(d extract.DocResult, id string) extract.DocResult {
	c := d
	c.Doc.ID, c.Doc.Hash, c.Doc.Path = id, d.Doc.Hash+"-copy", id+".txt"
	re := func(spans []extract.Span) []extract.Span {
		out := make([]extract.Span, len(spans))
		for i, s := range spans {
			if s.Doc != "" {
				s.Doc = id
			}
			out[i] = s
		}
		return out
	}
	c.Entities = slices.Clone(d.Entities)
	for i := range c.Entities {
		c.Entities[i].Mentions = re(c.Entities[i].Mentions)
	}
	c.Relations = slices.Clone(d.Relations)
	for i := range c.Relations {
		c.Relations[i].Evidence = re(c.Relations[i].Evidence)
	}
	c.Quantities = slices.Clone(d.Quantities)
	for i := range c.Quantities {
		c.Quantities[i].Evidence = re(c.Quantities[i].Evidence)
	}
	return c
}
