package neo4j

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge"
)

// This file is the pure half of the loader: graph rows to statement
// parameters, and the merge of every article's contribution into one
// node, relationship or quantity. Nothing here talks to a database.

// Property names the loader owns on relationships and quantities. Entity
// props with one of these names are dropped rather than overwrite them.
const (
	pKey         = "key"
	pSrcArticles = "src_articles" // one entry per contributing article, sorted
	pSrcProps    = "src_props"    // parallel to src_articles: that article's props as JSON
	pSrcApprox   = "src_approx"   // parallel to src_articles: that article's approx flag
	pSrcUnits    = "src_units"    // parallel to src_articles: that article's spelling of the unit
	pEvArticles  = "ev_articles"  // one entry per evidence sentence, sorted by article, start, end
	pEvSentences = "ev_sentences"
	pEvStarts    = "ev_starts"
	pEvEnds      = "ev_ends"
)

var reservedEdgeProps = []string{pKey, pSrcArticles, pSrcProps, pSrcApprox, pSrcUnits, pEvArticles, pEvSentences, pEvStarts, pEvEnds}

var reservedNodeProps = []string{"id", "name", "key", "keys", "aliases"}

// nodeRecordParams returns the node-records row for one entity of one
// article: the node id, the article id, and the MENTIONS properties that
// keep the article's own record of the entity (name, aliases, props as
// JSON) next to the mention offsets. Every entity of an article gets a
// MENTIONS relationship, with count 0 when the article has no offsets for
// it, so each node is reachable from every article that contributes to it.
func nodeRecordParams(article string, n graph.NodeRow, m *graph.MentionRow) (map[string]any, error) {
	props, err := jsonText(n.Props)
	if err != nil {
		return nil, fmt.Errorf("encoding props of %s: %w", n.ID, err)
	}
	mention := map[string]any{
		"count": int64(0), "starts": []int64{}, "ends": []int64{},
		"name": n.Name, "aliases": nonNil(n.Aliases), "props": props,
	}
	if m != nil {
		mm := m.Map()
		mention["count"], mention["starts"], mention["ends"] = mm["count"], mm["starts"], mm["ends"]
	}
	return map[string]any{"id": n.ID, "article": article, "mention": mention}, nil
}

// source is one article's contribution to a relationship or quantity.
type source struct {
	Article  string
	Props    string // JSON object (relationships)
	Unit     string // quantities
	Approx   bool   // quantities
	Evidence []extract.Span
}

// contributions is what a relationship or quantity holds: its sources and
// evidence, decoded from its properties.
type contributions struct {
	Sources  []source // sorted by article; Evidence unset
	Evidence []extract.Span
}

// decodeContributions reads the src_* and ev_* lists of a relationship's
// or quantity's properties (absent on a new one).
func decodeContributions(props map[string]any) (contributions, error) {
	var c contributions
	arts, err := stringList(props[pSrcArticles])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pSrcArticles, err)
	}
	srcProps, err := stringList(props[pSrcProps])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pSrcProps, err)
	}
	approx, err := boolList(props[pSrcApprox])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pSrcApprox, err)
	}
	units, err := stringList(props[pSrcUnits])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pSrcUnits, err)
	}
	for i, a := range arts {
		s := source{Article: a}
		if i < len(units) {
			s.Unit = units[i]
		}
		if i < len(srcProps) {
			s.Props = srcProps[i]
		}
		if i < len(approx) {
			s.Approx = approx[i]
		}
		c.Sources = append(c.Sources, s)
	}
	evArts, err := stringList(props[pEvArticles])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pEvArticles, err)
	}
	sents, err := stringList(props[pEvSentences])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pEvSentences, err)
	}
	starts, err := intList(props[pEvStarts])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pEvStarts, err)
	}
	ends, err := intList(props[pEvEnds])
	if err != nil {
		return c, fmt.Errorf("%s: %w", pEvEnds, err)
	}
	if len(sents) != len(evArts) || len(starts) != len(evArts) || len(ends) != len(evArts) {
		return c, fmt.Errorf("evidence lists of different lengths: %d, %d, %d, %d", len(evArts), len(sents), len(starts), len(ends))
	}
	for i, a := range evArts {
		c.Evidence = append(c.Evidence, extract.Span{Doc: a, Start: int(starts[i]), End: int(ends[i]), Text: sents[i]})
	}
	return c, nil
}

// replace drops every contribution of the articles in drop and of the
// articles of add, then adds add: re-ingesting an article replaces what it
// said, and applying the same change twice gives the same result.
func (c contributions) replace(drop map[string]bool, add []source) contributions {
	gone := func(doc string) bool {
		if drop[doc] {
			return true
		}
		return slices.ContainsFunc(add, func(s source) bool { return s.Article == doc })
	}
	var out contributions
	for _, s := range c.Sources {
		if !gone(s.Article) {
			out.Sources = append(out.Sources, s)
		}
	}
	for _, e := range c.Evidence {
		if !gone(e.Doc) {
			out.Evidence = append(out.Evidence, e)
		}
	}
	for _, s := range add {
		ev := s.Evidence
		s.Evidence = nil
		out.Sources = append(out.Sources, s)
		for _, e := range ev {
			e.Doc = s.Article
			out.Evidence = append(out.Evidence, e)
		}
	}
	slices.SortStableFunc(out.Sources, func(a, b source) int { return cmp.Compare(a.Article, b.Article) })
	out.Sources = slices.CompactFunc(out.Sources, func(a, b source) bool { return a.Article == b.Article })
	out.Evidence = extract.MergeSpans(nil, out.Evidence)
	return out
}

// evidenceProps returns the ev_* lists of c.
func (c contributions) evidenceProps(m map[string]any) {
	arts := make([]string, len(c.Evidence))
	sents := make([]string, len(c.Evidence))
	starts := make([]int64, len(c.Evidence))
	ends := make([]int64, len(c.Evidence))
	for i, e := range c.Evidence {
		arts[i], sents[i], starts[i], ends[i] = e.Doc, e.Text, int64(e.Start), int64(e.End)
	}
	m[pEvArticles], m[pEvSentences], m[pEvStarts], m[pEvEnds] = arts, sents, starts, ends
}

func (c contributions) articles() []string {
	out := make([]string, len(c.Sources))
	for i, s := range c.Sources {
		out[i] = s.Article
	}
	return out
}

// edgeProps returns a relationship's full property map: its key, its props
// merged from every source in article order with
// extract.MergeRelationProps, and the src_* and ev_* lists.
func edgeProps(key string, c contributions) (map[string]any, error) {
	var sum merge.Relation
	srcProps := make([]string, len(c.Sources))
	for i, s := range c.Sources {
		p, err := decodeProps(s.Props)
		if err != nil {
			return nil, fmt.Errorf("decoding props from %s: %w", s.Article, err)
		}
		sum.Add(p)
		srcProps[i] = s.Props
	}
	out := map[string]any{}
	for k, v := range graph.Props(sum.Value()) {
		if !slices.Contains(reservedEdgeProps, k) {
			out[k] = v
		}
	}
	out[pKey] = key
	out[pSrcArticles] = c.articles()
	out[pSrcProps] = srcProps
	c.evidenceProps(out)
	return out, nil
}

// quantityProps returns a quantity's full property map: unit and approx
// merged with graph/merge (the spelling most sources give; approximate
// only if every source says so).
func quantityProps(q graph.QuantityRow, c contributions) map[string]any {
	var sum merge.Quantity
	flags := make([]bool, len(c.Sources))
	units := make([]string, len(c.Sources))
	for i, s := range c.Sources {
		units[i] = s.Unit
		if units[i] == "" {
			units[i] = q.Unit // stored before src_units
		}
		flags[i] = s.Approx
		sum.Add(units[i], s.Approx)
	}
	unit, approx := sum.Value()
	out := map[string]any{
		pKey: q.Key, "count": q.Count, "unit": unit, "approx": approx,
		pSrcArticles: c.articles(), pSrcApprox: flags, pSrcUnits: units,
	}
	c.evidenceProps(out)
	return out
}

// survivingQuantityProps rebuilds a surviving quantity's properties after some
// of its sources were retracted, keeping count and unit.
func survivingQuantityProps(old map[string]any, c contributions) map[string]any {
	q := graph.QuantityRow{}
	q.Key, _ = old[pKey].(string)
	q.Unit, _ = old["unit"].(string)
	switch n := old["count"].(type) {
	case float64:
		q.Count = n
	case int64:
		q.Count = float64(n)
	}
	return quantityProps(q, c)
}

// edgeSource returns an edge row's contribution.
func edgeSource(article string, e graph.EdgeRow) (source, error) {
	p, err := jsonText(e.Props)
	if err != nil {
		return source{}, fmt.Errorf("encoding props of %s: %w", e.Key, err)
	}
	return source{Article: article, Props: p, Evidence: e.Evidence}, nil
}

func jsonText(p map[string]any) (string, error) {
	if p == nil {
		p = map[string]any{}
	}
	b, err := json.Marshal(p)
	return string(b), err
}

// decodeProps reads a JSON props object; numbers come back as the Neo4j
// types graph.Props gives them.
func decodeProps(s string) (map[string]any, error) {
	if s == "" {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var p map[string]any
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	return graph.Props(p), nil
}

func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []string:
		return x, nil
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("element %d is %T, not a string", i, e)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("%T is not a list of strings", v)
}

func intList(v any) ([]int64, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []int64:
		return x, nil
	case []any:
		out := make([]int64, len(x))
		for i, e := range x {
			n, ok := e.(int64)
			if !ok {
				return nil, fmt.Errorf("element %d is %T, not an integer", i, e)
			}
			out[i] = n
		}
		return out, nil
	}
	return nil, fmt.Errorf("%T is not a list of integers", v)
}

func boolList(v any) ([]bool, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []bool:
		return x, nil
	case []any:
		out := make([]bool, len(x))
		for i, e := range x {
			b, ok := e.(bool)
			if !ok {
				return nil, fmt.Errorf("element %d is %T, not a boolean", i, e)
			}
			out[i] = b
		}
		return out, nil
	}
	return nil, fmt.Errorf("%T is not a list of booleans", v)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
