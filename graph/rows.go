package graph

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/extract/fold"
)

// ArticleRow is one (:Article) node. The article's text is never stored.
type ArticleRow struct {
	ID    string
	Title string
	Date  string
	Lang  string
	Path  string
	URL   string
	Hash  string
	// Fingerprint is the fingerprint of the extractor that produced the
	// article's contribution (extract.Fingerprint), set by the caller of
	// Build; "" when unknown.
	Fingerprint string
	// File is the source file as it was before it was read (a text or
	// HTML file; zero otherwise).
	File FileStamp
}

// FileStamp says which state of a file an article was read from without
// reading it: its path, size and modification time (Unix nanoseconds).
// The zero value means unknown. Two stamps are equal when the file, as
// far as a stat can tell, has not changed; a change that keeps the size
// and the modification time goes unseen (kg ingest --force reads
// everything).
type FileStamp struct {
	Path    string
	Size    int64
	ModTime int64
}

// StampOf is the stamp of the file doc was read from (zero for a JSON
// Lines record or a stream: the reader sets no size for them).
func StampOf(doc extract.Document) FileStamp {
	if doc.Size <= 0 || doc.Path == "" {
		return FileStamp{}
	}
	return FileStamp{Path: doc.Path, Size: doc.Size, ModTime: doc.ModTime.UnixNano()}
}

// Known reports whether the stamp says something.
func (s FileStamp) Known() bool { return s.Size > 0 && s.Path != "" }

// Map returns the row as Cypher parameters: {id, title, date, lang, path,
// url, hash}, and fingerprint when it is set.
func (a ArticleRow) Map() map[string]any {
	m := map[string]any{
		"id": a.ID, "title": a.Title, "date": a.Date, "lang": a.Lang,
		"path": a.Path, "url": a.URL, "hash": a.Hash,
	}
	if a.Fingerprint != "" {
		m["fingerprint"] = a.Fingerprint
	}
	return m
}

// NodeRow is one entity as one article states it. Key is fold.Key(Name);
// Keys holds fold.Key of the name and of every alias, sorted and without
// duplicates, so a node is found by any spelling with one key comparison.
type NodeRow struct {
	ID      string
	Label   string
	Name    string
	Key     string
	Keys    []string
	Aliases []string
	Props   map[string]any
}

// Map returns the row as Cypher parameters: {id, label, name, key, keys,
// aliases, props}. Props only holds Neo4j property values (see Props).
func (n NodeRow) Map() map[string]any {
	return map[string]any{
		"id": n.ID, "label": n.Label, "name": n.Name, "key": n.Key,
		"keys": nonNil(n.Keys), "aliases": nonNil(n.Aliases), "props": propsOrEmpty(n.Props),
	}
}

// Entity returns the row as an extract.Entity without mentions, the form
// extract.MergeEntities merges.
func (n NodeRow) Entity() extract.Entity {
	return extract.Entity{ID: n.ID, Type: n.Label, Name: n.Name, Aliases: n.Aliases, Props: n.Props}
}

// MentionRow is (:Article {id: Article})-[:MENTIONS {count, starts, ends}]->({id: Node}):
// the byte offsets of every mention of Node in the article.
type MentionRow struct {
	Article string
	Node    string
	Count   int
	Starts  []int
	Ends    []int
}

// Map returns the row as Cypher parameters: {article, node, count, starts,
// ends}, with integers as int64.
func (m MentionRow) Map() map[string]any {
	return map[string]any{
		"article": m.Article, "node": m.Node, "count": int64(m.Count),
		"starts": ints64(m.Starts), "ends": ints64(m.Ends),
	}
}

// EdgeRow is one relation as one article states it. Key is
// extract.RelationKey; symmetric types have From < To. Evidence holds the
// sentences of this article that state it.
type EdgeRow struct {
	Type     string
	From     string
	To       string
	Key      string
	Props    map[string]any
	Evidence []extract.Span
}

// Map returns the row as Cypher parameters: {type, from, to, key, props,
// ev_articles, ev_sentences, ev_starts, ev_ends}; the ev_* lists are
// parallel, one entry per evidence sentence.
func (e EdgeRow) Map() map[string]any {
	m := map[string]any{"type": e.Type, "from": e.From, "to": e.To, "key": e.Key, "props": propsOrEmpty(e.Props)}
	addEvidence(m, e.Evidence)
	return m
}

// QuantityRow is one count attached to Subject (a (:Quantity) node with
// QUANTIFIES to Subject and, when Of is set, OF to a Country), as one
// article states it. Key is extract.QuantityKey.
type QuantityRow struct {
	Key      string
	Subject  string
	Of       string
	Unit     string
	Count    float64
	Approx   bool
	Evidence []extract.Span
}

// Map returns the row as Cypher parameters: {key, subject, of, unit,
// count, approx, ev_articles, ev_sentences, ev_starts, ev_ends}; of is nil
// when the quantity has no country.
func (q QuantityRow) Map() map[string]any {
	m := map[string]any{
		"key": q.Key, "subject": q.Subject, "unit": q.Unit,
		"count": q.Count, "approx": q.Approx, "of": nil,
	}
	if q.Of != "" {
		m["of"] = q.Of
	}
	addEvidence(m, q.Evidence)
	return m
}

// Batch is everything one article contributes to the graph. Stores replace
// an article's whole previous contribution with its new Batch.
type Batch struct {
	Article    ArticleRow
	Nodes      []NodeRow
	Mentions   []MentionRow
	Edges      []EdgeRow
	Quantities []QuantityRow
	// Skipped says, one line each, what Build left out (unknown entity or
	// relation types, relations or quantities whose entities are not in the
	// article), so callers can warn.
	Skipped []string
}

// Build turns one article's extraction into rows. It is pure and
// deterministic: nodes sorted by id, mentions by node, edges and
// quantities by key. Within the article, records of the same entity,
// relation or quantity are merged with the extract package's rules.
// Entities whose type is not a graph label, relations whose type is not a
// relationship type, and relations or quantities pointing at an entity the
// article does not contain are left out and listed in Batch.Skipped: a
// store never holds an edge without both its nodes.
func Build(r extract.DocResult) Batch {
	doc := r.Doc.ID
	b := Batch{Article: ArticleRow{
		ID: doc, Title: r.Doc.Title, Date: r.Doc.Date, Lang: r.Doc.Lang,
		Path: r.Doc.Path, URL: r.Doc.URL, Hash: r.Doc.Hash,
	}}

	// Entities: group records by id, merge, keep graph labels only.
	byID := map[string][]extract.Entity{}
	for _, e := range r.Entities {
		if e.ID == "" {
			b.Skipped = append(b.Skipped, fmt.Sprintf("entity %q: empty id", e.Name))
			continue
		}
		if !entityLabel(e.Type) {
			b.Skipped = append(b.Skipped, fmt.Sprintf("entity %s: type %q is not a graph label", e.ID, e.Type))
			continue
		}
		byID[e.ID] = append(byID[e.ID], e)
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		recs := byID[id]
		typ := recs[0].Type
		for _, rec := range recs[1:] {
			if rec.Type != typ {
				b.Skipped = append(b.Skipped, fmt.Sprintf("entity %s: types %q and %q disagree, keeping %q", id, typ, rec.Type, typ))
			}
		}
		m := extract.MergeEntities(recs)
		m.Type = typ
		n := nodeRow(m)
		b.Skipped = append(b.Skipped, keepDeclared("entity "+id, n.Props, NodeProps)...)
		b.Nodes = append(b.Nodes, n)
		if mr, ok := mentionRow(doc, m); ok {
			b.Mentions = append(b.Mentions, mr)
		}
	}

	// Relations: normalise symmetric endpoints, group by key, merge.
	edges := map[string]*EdgeRow{}
	for _, rel := range r.Relations {
		if !relationType(rel.Type) {
			b.Skipped = append(b.Skipped, fmt.Sprintf("relation %s %s %s: type is not a relationship type", rel.From, rel.Type, rel.To))
			continue
		}
		if _, ok := byID[rel.From]; !ok {
			b.Skipped = append(b.Skipped, fmt.Sprintf("relation %s %s %s: %s is not an entity of the article", rel.From, rel.Type, rel.To, rel.From))
			continue
		}
		if _, ok := byID[rel.To]; !ok {
			b.Skipped = append(b.Skipped, fmt.Sprintf("relation %s %s %s: %s is not an entity of the article", rel.From, rel.Type, rel.To, rel.To))
			continue
		}
		if rel.From == rel.To {
			b.Skipped = append(b.Skipped, fmt.Sprintf("relation %s %s %s: an entity related to itself", rel.From, rel.Type, rel.To))
			continue
		}
		if extract.Symmetric(rel.Type) && rel.To < rel.From {
			rel.From, rel.To = rel.To, rel.From
		}
		// The evidence of a key's records is gathered and merged once
		// (below): merging at each record copied and sorted the key's
		// whole list again, quadratic in a long article's repeats.
		k := extract.RelationKey(rel)
		if cur, ok := edges[k]; ok {
			cur.Props = extract.MergeRelationProps(cur.Props, rel.Props)
			cur.Evidence = appendEvidence(cur.Evidence, doc, rel.Evidence)
			continue
		}
		edges[k] = &EdgeRow{
			Type: rel.Type, From: rel.From, To: rel.To, Key: k,
			Props:    extract.MergeRelationProps(nil, rel.Props),
			Evidence: appendEvidence(nil, doc, rel.Evidence),
		}
	}
	for _, e := range edges {
		e.Evidence = extract.MergeSpans(nil, e.Evidence)
		e.Props = Props(e.Props)
		b.Skipped = append(b.Skipped, keepDeclared("relation "+e.Key, e.Props, EdgeProps)...)
		b.Edges = append(b.Edges, *e)
	}
	slices.SortFunc(b.Edges, func(x, y EdgeRow) int { return cmp.Compare(x.Key, y.Key) })

	// Quantities: group by key; approx only if every record is approximate.
	qs := map[string]*QuantityRow{}
	for _, q := range r.Quantities {
		if _, ok := byID[q.Subject]; !ok {
			b.Skipped = append(b.Skipped, fmt.Sprintf("quantity %g %s: subject %s is not an entity of the article", q.Count, q.Unit, q.Subject))
			continue
		}
		if q.Of != "" {
			if _, ok := byID[q.Of]; !ok {
				b.Skipped = append(b.Skipped, fmt.Sprintf("quantity %g %s: country %s is not an entity of the article", q.Count, q.Unit, q.Of))
				continue
			}
		}
		k := extract.QuantityKey(q)
		if cur, ok := qs[k]; ok {
			cur.Approx = cur.Approx && q.Approx
			cur.Evidence = appendEvidence(cur.Evidence, doc, q.Evidence)
			continue
		}
		qs[k] = &QuantityRow{
			Key: k, Subject: q.Subject, Of: q.Of, Unit: q.Unit, Count: q.Count, Approx: q.Approx,
			Evidence: appendEvidence(nil, doc, q.Evidence),
		}
	}
	for _, q := range qs {
		q.Evidence = extract.MergeSpans(nil, q.Evidence)
		b.Quantities = append(b.Quantities, *q)
	}
	slices.SortFunc(b.Quantities, func(x, y QuantityRow) int { return cmp.Compare(x.Key, y.Key) })
	return b
}

// keepDeclared deletes from p the keys that are not in declared (the
// graph model's closed set) and says which.
func keepDeclared(what string, p map[string]any, declared []string) []string {
	var notes []string
	for _, k := range sortedKeys(p) {
		if !contains(declared, k) {
			delete(p, k)
			notes = append(notes, fmt.Sprintf("%s: prop %q is not in the graph model", what, k))
		}
	}
	return notes
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// NodeRowOf returns the row for a merged entity: key, keys and flattened
// props computed, mentions dropped. Stores use it to rebuild a node from
// the records of every article that contributes to it.
func NodeRowOf(e extract.Entity) NodeRow { return nodeRow(e) }

func nodeRow(e extract.Entity) NodeRow {
	aliases := []string{}
	for _, a := range e.Aliases {
		if a != "" && a != e.Name {
			aliases = append(aliases, a)
		}
	}
	slices.Sort(aliases)
	aliases = slices.Compact(aliases)
	return NodeRow{
		ID: e.ID, Label: e.Type, Name: e.Name, Key: fold.Key(e.Name),
		Keys: Keys(e.Name, aliases), Aliases: aliases, Props: Props(e.Props),
	}
}

// Keys returns fold.Key of name and of every alias, sorted, without
// duplicates or empty keys.
func Keys(name string, aliases []string) []string {
	keys := make([]string, 0, 1+len(aliases))
	if k := fold.Key(name); k != "" {
		keys = append(keys, k)
	}
	for _, a := range aliases {
		if k := fold.Key(a); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func mentionRow(doc string, e extract.Entity) (MentionRow, bool) {
	var spans []extract.Span
	for _, m := range e.Mentions {
		if m.Doc == "" || m.Doc == doc {
			spans = append(spans, m)
		}
	}
	if len(spans) == 0 {
		return MentionRow{}, false
	}
	spans = extract.MergeSpans(nil, spans)
	mr := MentionRow{Article: doc, Node: e.ID, Count: len(spans), Starts: make([]int, len(spans)), Ends: make([]int, len(spans))}
	for i, s := range spans {
		mr.Starts[i], mr.Ends[i] = s.Start, s.End
	}
	return mr, true
}

// appendEvidence appends to out the spans of doc (spans with an empty Doc
// are taken to belong to it), with Doc set.
func appendEvidence(out []extract.Span, doc string, spans []extract.Span) []extract.Span {
	for _, s := range spans {
		if s.Doc == "" {
			s.Doc = doc
		}
		if s.Doc == doc {
			out = append(out, s)
		}
	}
	return out
}

func entityLabel(t string) bool {
	return slices.Contains(extract.EntityTypes, t) && ValidLabel(t)
}

func relationType(t string) bool {
	return slices.Contains(extract.RelationTypes, t) && ValidRelType(t)
}

// Props returns p as Neo4j property values: every value is a string, bool,
// int64 or float64, or a list of one of those (never a map, never a mixed
// list, never nil). The rules:
//   - nil values and empty lists are dropped;
//   - Go integers become int64; a float64 with an integral value in the
//     int64 range (as JSON decoding gives) becomes int64;
//   - a map value {k: v} is flattened into keys "name.k" (recursively);
//   - a list whose elements are not all of one scalar kind, or that holds
//     lists or maps, becomes a list of strings (scalars formatted, others as
//     compact JSON);
//   - any other value becomes its JSON text (or fmt %v if it has none).
//
// Props is idempotent: Props(Props(p)) equals Props(p).
func Props(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		flattenProp(out, k, v)
	}
	return out
}

func flattenProp(out map[string]any, k string, v any) {
	switch x := v.(type) {
	case nil:
		return
	case map[string]any:
		for sk, sv := range x {
			flattenProp(out, k+"."+sk, sv)
		}
		return
	case []any:
		if l := propList(x); l != nil {
			out[k] = l
		}
		return
	}
	if s, ok := scalar(v); ok {
		out[k] = s
		return
	}
	// Typed slices ([]string, []int, ...) go through []any.
	if l, ok := anySlice(v); ok {
		if pl := propList(l); pl != nil {
			out[k] = pl
		}
		return
	}
	out[k] = jsonText(v)
}

// scalar converts v to a Neo4j scalar when it is one.
func scalar(v any) (any, bool) {
	switch x := v.(type) {
	case string, bool, int64:
		return x, true
	case int:
		return int64(x), true
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint:
		if uint64(x) <= math.MaxInt64 {
			return int64(x), true
		}
		return float64(x), true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
		return float64(x), true
	case float32:
		return floatScalar(float64(x)), true
	case float64:
		return floatScalar(x), true
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
		if f, err := x.Float64(); err == nil {
			return floatScalar(f), true
		}
		return x.String(), true
	}
	return nil, false
}

func floatScalar(f float64) any {
	if f == math.Trunc(f) && f >= -(1<<53) && f <= 1<<53 {
		return int64(f)
	}
	return f
}

// propList returns l as a homogeneous list of scalars, or nil when empty.
func propList(l []any) any {
	vals := make([]any, 0, len(l))
	kind := ""
	mixed := false
	for _, v := range l {
		if v == nil {
			continue
		}
		s, ok := scalar(v)
		if !ok {
			mixed = true
			vals = append(vals, v)
			continue
		}
		vk := fmt.Sprintf("%T", s)
		if kind == "" {
			kind = vk
		} else if kind != vk {
			mixed = true
		}
		vals = append(vals, s)
	}
	if len(vals) == 0 {
		return nil
	}
	if mixed {
		out := make([]string, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case string:
				out[i] = x
			case bool, int64, float64:
				out[i] = fmt.Sprint(x)
			default:
				out[i] = jsonText(x)
			}
		}
		return out
	}
	switch kind {
	case "string":
		out := make([]string, len(vals))
		for i, v := range vals {
			out[i] = v.(string)
		}
		return out
	case "bool":
		out := make([]bool, len(vals))
		for i, v := range vals {
			out[i] = v.(bool)
		}
		return out
	case "int64":
		out := make([]int64, len(vals))
		for i, v := range vals {
			out[i] = v.(int64)
		}
		return out
	default:
		out := make([]float64, len(vals))
		for i, v := range vals {
			out[i] = v.(float64)
		}
		return out
	}
}

func anySlice(v any) ([]any, bool) {
	switch x := v.(type) {
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	case []int:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	case []int64:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	case []float64:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	case []bool:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return strings.TrimSpace(fmt.Sprintf("%v", v))
	}
	return string(b)
}

func addEvidence(m map[string]any, ev []extract.Span) {
	arts := make([]string, len(ev))
	sents := make([]string, len(ev))
	starts := make([]int64, len(ev))
	ends := make([]int64, len(ev))
	for i, s := range ev {
		arts[i], sents[i], starts[i], ends[i] = s.Doc, s.Text, int64(s.Start), int64(s.End)
	}
	m["ev_articles"], m["ev_sentences"], m["ev_starts"], m["ev_ends"] = arts, sents, starts, ends
}

func ints64(v []int) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func propsOrEmpty(p map[string]any) map[string]any {
	if p == nil {
		return map[string]any{}
	}
	return p
}

// Counts is the size of a graph: nodes by label and relationships by type,
// as the graph model has them (Article, Quantity, MENTIONS, QUANTIFIES and
// OF included).
type Counts struct {
	Nodes map[string]int64
	Rels  map[string]int64
}

// NewCounts returns Counts with every label and relationship type at 0.
func NewCounts() Counts {
	c := Counts{Nodes: map[string]int64{}, Rels: map[string]int64{}}
	for _, l := range Labels {
		c.Nodes[l] = 0
	}
	for _, t := range RelTypes {
		c.Rels[t] = 0
	}
	return c
}

// Entities returns the number of entity nodes (every label of
// extract.EntityTypes).
func (c Counts) Entities() int64 {
	var n int64
	for _, l := range extract.EntityTypes {
		n += c.Nodes[l]
	}
	return n
}

// Relations returns the number of relations between entities (every type
// of extract.RelationTypes).
func (c Counts) Relations() int64 {
	var n int64
	for _, t := range extract.RelationTypes {
		n += c.Rels[t]
	}
	return n
}
