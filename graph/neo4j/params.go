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

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// This file is the pure half of the loader: graph rows to statement
// parameters, and the merge of every article's contribution into one
// node, relationship or quantity. Nothing here talks to a database.

// Property names the loader owns on relationships and quantities. Entity
// props with one of these names are dropped rather than overwrite them.
// Every article's own record of a relationship or quantity (its props or
// unit, its evidence) is a Source node (see sourceProps); the relationship
// or quantity keeps the merge of them, which a load updates without
// reading the other articles' records.
const (
	pKey      = "key"
	pSrcCount = "src_count" // the articles that state it
	pEvCount  = "ev_count"  // its evidence sentences, over every article

	// A relationship's first sentences (previewSize of them, fewer when
	// it has fewer) and their articles, in parallel lists: the sentences
	// of its Sources by article, each article's in the order of its
	// Source (by start and end). What partners and the explorer show
	// beside a relationship, read from the relationship itself instead of
	// its Source nodes. It depends only on the set of Sources, never on
	// the order they were loaded in.
	pFirstSentences = "first_sentences"
	pFirstArticles  = "first_articles"
)

// previewSize is the number of sentences a relationship's preview keeps.
const previewSize = 3

var reservedEdgeProps = []string{pKey, pSummary, pSrcCount, pEvCount, pFirstSentences, pFirstArticles}

// SourceLabel is the label of the nodes that keep each article's record
// of a relationship or quantity: of (the fact's key), kind (the relation
// type, or Quantity), article, props (a relationship's props as JSON) or
// unit and approx (a quantity's), and the evidence as parallel lists
// sentences, starts, ends sorted by start and end. They have no
// relationships; the canned queries find them by of.
const SourceLabel = "Source"

const quantityKind = "Quantity"

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

// compactSources returns one source per article, sorted by article: the
// first one's props, the evidence of all, sorted and without duplicates.
func compactSources(in []source) []source {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b source) int { return cmp.Compare(a.Article, b.Article) })
	var merged []source
	for _, s := range out {
		if n := len(merged); n > 0 && merged[n-1].Article == s.Article {
			merged[n-1].Evidence = append(merged[n-1].Evidence, s.Evidence...)
			continue
		}
		s.Evidence = slices.Clone(s.Evidence)
		merged = append(merged, s)
	}
	for i := range merged {
		for j := range merged[i].Evidence {
			merged[i].Evidence[j].Doc = merged[i].Article
		}
		merged[i].Evidence = extract.MergeSpans(nil, merged[i].Evidence)
	}
	return merged
}

// sourceProps returns the properties of the Source node that keeps one
// article's record of the relationship or quantity of key (kind: its
// relation type, or Quantity). s comes from compactSources.
func sourceProps(key, kind string, s source) map[string]any {
	sents := make([]string, len(s.Evidence))
	starts := make([]int64, len(s.Evidence))
	ends := make([]int64, len(s.Evidence))
	for i, e := range s.Evidence {
		sents[i], starts[i], ends[i] = e.Text, int64(e.Start), int64(e.End)
	}
	m := map[string]any{"of": key, "kind": kind, "article": s.Article, "sentences": sents, "starts": starts, "ends": ends}
	if kind == quantityKind {
		m["unit"], m["approx"] = s.Unit, s.Approx
	} else {
		m["props"] = s.Props
	}
	return m
}

// storedSource is a Source node as source-prior and retract-sources read
// it: what its article contributed to the merge of the fact.
type storedSource struct {
	of, kind, article string
	props, unit       string
	approx            bool
	evidence          int64
}

// readSource reads a record with columns of, article, props, unit,
// approx, evidence (and kind, when the statement returns it).
func readSource(rec *driver.Record) (storedSource, error) {
	var s storedSource
	var err error
	if s.of, err = value[string](rec, "of"); err != nil {
		return s, err
	}
	if s.article, err = value[string](rec, "article"); err != nil {
		return s, err
	}
	if _, ok := rec.Get("kind"); ok {
		if s.kind, err = value[string](rec, "kind"); err != nil {
			return s, err
		}
	}
	if s.props, err = optional[string](rec, "props"); err != nil {
		return s, err
	}
	if s.unit, err = optional[string](rec, "unit"); err != nil {
		return s, err
	}
	if s.approx, err = optional[bool](rec, "approx"); err != nil {
		return s, err
	}
	s.evidence, err = optional[int64](rec, "evidence")
	return s, err
}

// factState is a relationship's or quantity's merge of every article's
// record, read from its properties and changed by one load or retraction.
type factState struct {
	rel      merge.Relation
	qty      merge.Quantity
	evidence int64
	// preview is a relationship's first sentences (pFirstSentences):
	// always the first len(preview) of every Source's sentences in
	// (article, position) order, and all previewSize of them unless
	// stale, when a removal took some out and the next ones must be read
	// from the Sources (refill).
	preview []evEntry
	stale   bool
}

// evEntry is one sentence of a preview and its article.
type evEntry struct{ article, sentence string }

// readState reads the merge summary and evidence count of a relationship's
// or quantity's properties (absent on a new one). Properties of a fact
// loaded before Source nodes (parallel lists) are refused: Load checks
// for them first (legacy), so here they mean a concurrent old loader.
func readState(props map[string]any, quantity bool) (*factState, error) {
	st := &factState{}
	if _, old := props["ev_articles"]; old {
		return nil, ErrLegacyGraph
	}
	raw, _ := props[pSummary].(string)
	if raw != "" {
		var err error
		if quantity {
			err = json.Unmarshal([]byte(raw), &st.qty)
		} else {
			err = json.Unmarshal([]byte(raw), &st.rel)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pSummary, err)
		}
	}
	switch n := props[pEvCount].(type) {
	case int64:
		st.evidence = n
	case nil:
	default:
		return nil, fmt.Errorf("%s is %T, not an integer", pEvCount, n)
	}
	if !quantity {
		sents, err := stringList(props[pFirstSentences])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pFirstSentences, err)
		}
		arts, err := stringList(props[pFirstArticles])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pFirstArticles, err)
		}
		if len(sents) != len(arts) {
			return nil, fmt.Errorf("%s has %d entries, %s %d", pFirstSentences, len(sents), pFirstArticles, len(arts))
		}
		for i := range sents {
			st.preview = append(st.preview, evEntry{arts[i], sents[i]})
		}
		// A relationship written before the preview, with sentences:
		// read it from the Sources.
		st.stale = st.evidence > 0 && props[pFirstSentences] == nil
	}
	return st, nil
}

// want is the length of a complete preview.
func (st *factState) want() int { return int(min(int64(previewSize), max(st.evidence, 0))) }

// add folds in a new record.
func (st *factState) add(s source, quantity bool) error {
	if quantity {
		st.qty.Add(s.Unit, s.Approx)
	} else {
		p, err := decodeProps(s.Props)
		if err != nil {
			return fmt.Errorf("decoding props from %s: %w", s.Article, err)
		}
		st.rel.Add(p)
		st.addPreview(s)
	}
	st.evidence += int64(len(s.Evidence))
	return nil
}

// addPreview merges an article's sentences into the preview: the first
// previewSize of a set's sentences are the first of the previous first
// ones and the new. An article's sentences stay together, in their order.
func (st *factState) addPreview(s source) {
	if len(s.Evidence) == 0 {
		return
	}
	at := 0
	for at < len(st.preview) && st.preview[at].article <= s.Article {
		at++
	}
	if at >= previewSize {
		return
	}
	var ins []evEntry
	for _, e := range s.Evidence[:min(len(s.Evidence), previewSize-at)] {
		ins = append(ins, evEntry{s.Article, e.Text})
	}
	st.preview = slices.Insert(st.preview, at, ins...)
	st.preview = st.preview[:min(len(st.preview), previewSize)]
}

// removePreview takes an article's sentences out of the preview; when the
// preview then holds fewer than it should, it is stale (refill).
func (st *factState) removePreview(article string) {
	n := len(st.preview)
	st.preview = slices.DeleteFunc(st.preview, func(e evEntry) bool { return e.article == article })
	if len(st.preview) < n && len(st.preview) < st.want() {
		st.stale = true
	}
}

// remove takes out a stored record.
func (st *factState) remove(s storedSource, quantity bool) error {
	if quantity {
		st.qty.Remove(s.unit, s.approx)
	} else {
		p, err := decodeProps(s.props)
		if err != nil {
			return fmt.Errorf("decoding props from %s: %w", s.article, err)
		}
		st.rel.Remove(p)
	}
	st.evidence -= s.evidence
	if !quantity {
		st.removePreview(s.article)
	}
	return nil
}

func (st *factState) empty(quantity bool) bool {
	if quantity {
		return st.qty.Empty()
	}
	return st.rel.Empty()
}

// edgeProps returns a relationship's full property map: its key, its props
// merged from every article's (graph/merge), the summary, the number of
// articles and of evidence sentences.
func edgeProps(key string, st *factState) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range graph.Props(st.rel.Value()) {
		if !slices.Contains(reservedEdgeProps, k) {
			out[k] = v
		}
	}
	b, err := json.Marshal(&st.rel)
	if err != nil {
		return nil, fmt.Errorf("encoding the summary of %s: %w", key, err)
	}
	out[pKey], out[pSummary] = key, string(b)
	out[pSrcCount], out[pEvCount] = st.rel.Articles, st.evidence
	sents, arts := make([]string, len(st.preview)), make([]string, len(st.preview))
	for i, e := range st.preview {
		sents[i], arts[i] = e.sentence, e.article
	}
	out[pFirstSentences], out[pFirstArticles] = sents, arts
	return out, nil
}

// quantityProps returns a quantity's full property map: unit and approx
// merged with graph/merge (the spelling most articles give; approximate
// only if every article says so), the summary and the counts.
func quantityProps(key string, count any, st *factState) (map[string]any, error) {
	unit, approx := st.qty.Value()
	b, err := json.Marshal(&st.qty)
	if err != nil {
		return nil, fmt.Errorf("encoding the summary of %s: %w", key, err)
	}
	return map[string]any{
		pKey: key, "count": count, "unit": unit, "approx": approx,
		pSummary: string(b), pSrcCount: st.qty.Articles, pEvCount: st.evidence,
	}, nil
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
