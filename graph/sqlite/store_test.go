package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge"
	"github.com/kg-dev/kg/queries"
	"github.com/kg-dev/kg/reader"
)

var update = flag.Bool("update", false, "rewrite golden files")

func fixture(t testing.TB) []extract.DocResult {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.DocResult
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatalf("decoding fixture: %v", err)
	}
	return docs
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// ingest writes docs in one transaction.
func ingest(t testing.TB, s *Store, docs ...extract.DocResult) Stats {
	t.Helper()
	tx, err := s.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := tx.Put(graph.Build(d)); err != nil {
			tx.Rollback()
			t.Fatal(err)
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func counts(t testing.TB, s *Store) graph.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Totals, which ingest prints, agrees with Counts whatever the store
	// went through.
	if ents, rels, err := s.Totals(context.Background()); err != nil || ents != c.Entities() || rels != c.Relations() {
		t.Errorf("Totals = %d, %d, %v; Counts has %d entities, %d relations", ents, rels, err, c.Entities(), c.Relations())
	}
	return c
}

// snapshot is everything the store holds, as exported.
type snapshot struct {
	Nodes      []graph.NodeRow
	Edges      []graph.EdgeRow
	Quantities []graph.QuantityRow
	Summaries  []edgeSummary // by key
	Counts     graph.Counts
}

// edgeSummary is what edges.n_articles and edges.first_evidence hold.
type edgeSummary struct {
	Key   string
	N     int
	First [][2]string // [article id, sentence]
}

func snap(t testing.TB, s *Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var sn snapshot
	if err := s.Nodes(ctx, func(n graph.NodeRow) error { sn.Nodes = append(sn.Nodes, n); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Edges(ctx, func(e graph.EdgeRow) error { sn.Edges = append(sn.Edges, e); return nil }); err != nil {
		t.Fatal(err)
	}
	// Edges come in store order.
	slices.SortFunc(sn.Edges, func(a, b graph.EdgeRow) int { return strings.Compare(a.Key, b.Key) })
	if err := s.Quantities(ctx, func(q graph.QuantityRow) error { sn.Quantities = append(sn.Quantities, q); return nil }); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT key, n_articles, first_evidence FROM edges ORDER BY key")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sum edgeSummary
		var first string
		if err := rows.Scan(&sum.Key, &sum.N, &first); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(first), &sum.First); err != nil {
			t.Fatalf("edge %s: first_evidence %q: %v", sum.Key, first, err)
		}
		sn.Summaries = append(sn.Summaries, sum)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sn.Counts = counts(t, s)
	return sn
}

// expected is what the store must hold after ingesting docs: the
// extract.Merge of the articles' rows, as rows.
// expected is the graph of docs as graph/merge folds it, computed without
// a store: what the store must hold whatever the order of its writes.
func expected(docs []extract.DocResult) snapshot {
	type node struct {
		label string
		sum   merge.Entity
	}
	nodes := map[string]*node{}
	type edge struct {
		row graph.EdgeRow
		sum merge.Relation
	}
	edges := map[string]*edge{}
	type quant struct {
		row graph.QuantityRow
		sum merge.Quantity
	}
	quants := map[string]*quant{}
	for _, d := range docs {
		b := graph.Build(d)
		mentions := map[string]int{}
		for _, m := range b.Mentions {
			mentions[m.Node] = m.Count
		}
		for _, n := range b.Nodes {
			if nodes[n.ID] == nil {
				nodes[n.ID] = &node{label: n.Label}
			}
			nodes[n.ID].sum.Add(merge.Fact(n, mentions[n.ID]))
		}
		for _, e := range b.Edges {
			if edges[e.Key] == nil {
				edges[e.Key] = &edge{row: graph.EdgeRow{Type: e.Type, From: e.From, To: e.To, Key: e.Key}}
			}
			edges[e.Key].sum.Add(e.Props)
			edges[e.Key].row.Evidence = extract.MergeSpans(edges[e.Key].row.Evidence, e.Evidence)
		}
		for _, q := range b.Quantities {
			if quants[q.Key] == nil {
				quants[q.Key] = &quant{row: graph.QuantityRow{Key: q.Key, Subject: q.Subject, Of: q.Of, Count: q.Count}}
			}
			quants[q.Key].sum.Add(q.Unit, q.Approx)
			quants[q.Key].row.Evidence = extract.MergeSpans(quants[q.Key].row.Evidence, q.Evidence)
		}
	}
	var sn snapshot
	for _, id := range slices.Sorted(maps.Keys(nodes)) {
		sn.Nodes = append(sn.Nodes, nodes[id].sum.Row(id, nodes[id].label))
	}
	for _, k := range slices.Sorted(maps.Keys(edges)) {
		e := edges[k]
		e.row.Props = graph.Props(e.sum.Value())
		sn.Edges = append(sn.Edges, e.row)
		sum := edgeSummary{Key: k, N: int(e.sum.Articles), First: [][2]string{}}
		for _, ev := range e.row.Evidence[:min(len(e.row.Evidence), 3)] {
			sum.First = append(sum.First, [2]string{ev.Doc, ev.Text})
		}
		sn.Summaries = append(sn.Summaries, sum)
	}
	for _, k := range slices.Sorted(maps.Keys(quants)) {
		q := quants[k]
		q.row.Unit, q.row.Approx = q.sum.Value()
		if q.row.Evidence == nil {
			q.row.Evidence = []extract.Span{}
		}
		sn.Quantities = append(sn.Quantities, q.row)
	}
	return sn
}

func jsonText(t testing.TB, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func compareGraph(t *testing.T, got snapshot, want snapshot) {
	t.Helper()
	for _, part := range []struct {
		name      string
		got, want any
	}{{"nodes", got.Nodes, want.Nodes}, {"edges", got.Edges, want.Edges}, {"quantities", got.Quantities, want.Quantities}, {"evidence summaries", got.Summaries, want.Summaries}} {
		if g, w := jsonText(t, part.got), jsonText(t, part.want); g != w {
			t.Errorf("%s differ:\ngot  %s\nwant %s", part.name, g, w)
		}
	}
}

// TestMergeMatchesExtract checks that whatever the order articles arrive
// in, and however often they are replaced, the store holds exactly
// graph/merge of the current articles.
func TestMergeMatchesExtract(t *testing.T) {
	docs := fixture(t)
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	// A second version of fx-002 that drops the conference and the quantities.
	v2 := docs[1]
	v2.Doc.Hash = "v2"
	v2.Entities = slices.DeleteFunc(slices.Clone(v2.Entities), func(e extract.Entity) bool { return strings.HasPrefix(e.ID, "event:") })
	v2.Relations = slices.DeleteFunc(slices.Clone(v2.Relations), func(r extract.Relation) bool { return strings.HasPrefix(r.To, "event:") })
	v2.Quantities = nil

	// Two articles that disagree: "first non-empty" props depend on the
	// article order, so the store must merge in article-id order.
	conflict := func(id, kind, since string) extract.DocResult {
		return extract.DocResult{
			Doc: extract.DocumentInfo{ID: id, Hash: id + kind},
			Entities: []extract.Entity{
				{ID: "city:a", Type: extract.City, Name: "A " + kind, Props: map[string]any{"kind": kind}},
				{ID: "city:b", Type: extract.City, Name: "B"},
			},
			Relations:  []extract.Relation{{Type: extract.PartnerOf, From: "city:a", To: "city:b", Props: map[string]any{"kind": kind, "since": since}}},
			Quantities: []extract.Quantity{{Subject: "city:a", Count: 2, Unit: "Parks " + kind, Approx: kind == "x"}},
		}
	}
	c1, c2, c3 := conflict("c-1", "x", "2001"), conflict("c-2", "y", "1999"), conflict("c-3", "z", "")

	tests := []struct {
		name  string
		txs   [][]extract.DocResult // one transaction each
		final []extract.DocResult
	}{
		{"conflicts in order", [][]extract.DocResult{{c1, c2, c3}}, []extract.DocResult{c1, c2, c3}},
		{"conflicts reversed", [][]extract.DocResult{{c3, c2, c1}}, []extract.DocResult{c1, c2, c3}},
		{"conflicts reversed one by one", [][]extract.DocResult{{c3}, {c2}, {c1}}, []extract.DocResult{c1, c2, c3}},
		{"conflict replaced", [][]extract.DocResult{{c1, c2, c3}, {conflict("c-1", "w", "2020")}}, []extract.DocResult{conflict("c-1", "w", "2020"), c2, c3}},
		{"in order", [][]extract.DocResult{docs}, docs},
		{"reversed", [][]extract.DocResult{rev}, docs},
		{"one by one reversed", [][]extract.DocResult{{rev[0]}, {rev[1]}, {rev[2]}}, docs},
		{"replaced in the same transaction", [][]extract.DocResult{{docs[0], docs[1], docs[2], v2}}, []extract.DocResult{docs[0], v2, docs[2]}},
		{"replaced later", [][]extract.DocResult{docs, {v2}}, []extract.DocResult{docs[0], v2, docs[2]}},
		{"replaced and restored", [][]extract.DocResult{docs, {v2}, {docs[1]}}, docs},
		{"ingested twice", [][]extract.DocResult{docs, docs}, docs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			for _, tx := range tt.txs {
				ingest(t, s, tx...)
			}
			compareGraph(t, snap(t, s), expected(tt.final))
		})
	}
}

func TestReingestKeepsCounts(t *testing.T) {
	s, _ := openTemp(t)
	docs := fixture(t)
	st := ingest(t, s, docs...)
	if st.Articles != 3 || st.Replaced != 0 {
		t.Errorf("got %+v, want 3 articles, none replaced", st)
	}
	first := counts(t, s)
	if first.Entities() == 0 || first.Relations() == 0 {
		t.Fatalf("got %d entities and %d relations, want some", first.Entities(), first.Relations())
	}
	st = ingest(t, s, docs...)
	if st.Replaced != 3 || st.Nodes != 0 || st.Edges != 0 {
		t.Errorf("got %+v, want 3 replaced and no node or edge created", st)
	}
	if got := counts(t, s); !reflect.DeepEqual(got, first) {
		t.Errorf("got counts %v, want %v", got, first)
	}
	tx, err := s.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, d := range docs {
		same, err := tx.Unchanged(d.Doc.ID, d.Doc.Hash)
		if err != nil || !same {
			t.Errorf("Unchanged(%s) = %v, %v, want true", d.Doc.ID, same, err)
		}
	}
	if same, _ := tx.Unchanged(docs[0].Doc.ID, "other"); same {
		t.Errorf("Unchanged with another hash = true, want false")
	}
	if same, _ := tx.Unchanged("nope", docs[0].Doc.Hash); same {
		t.Errorf("Unchanged of an unknown article = true, want false")
	}
}

func TestCounts(t *testing.T) {
	s, _ := openTemp(t)
	ingest(t, s, fixture(t)...)
	c := counts(t, s)
	want := map[string]int64{"Article": 3, "City": 4, "Country": 3, "Event": 2, "Organization": 1, "Person": 6, "Quantity": 5}
	for l, n := range want {
		if c.Nodes[l] != n {
			t.Errorf("got %d %s nodes, want %d", c.Nodes[l], l, n)
		}
	}
	if c.Rels["PARTNER_OF"] != 3 || c.Rels["MET"] != 2 || c.Rels["QUANTIFIES"] != 5 || c.Rels["OF"] != 3 {
		t.Errorf("got %v, want 3 PARTNER_OF, 2 MET, 5 QUANTIFIES, 3 OF", c.Rels)
	}
	var mentions int64
	for _, d := range fixture(t) {
		mentions += int64(len(graph.Build(d).Mentions))
	}
	if c.Rels["MENTIONS"] != mentions {
		t.Errorf("got %d MENTIONS, want %d", c.Rels["MENTIONS"], mentions)
	}
}

func TestBatchesRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	docs := fixture(t)
	ingest(t, s, docs...)
	var got []graph.Batch
	if err := s.Batches(context.Background(), func(b graph.Batch) error { got = append(got, b); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(docs) {
		t.Fatalf("got %d batches, want %d", len(got), len(docs))
	}
	for i, d := range docs {
		want := graph.Build(d)
		want.Skipped = nil
		if g, w := jsonText(t, got[i]), jsonText(t, want); g != w {
			t.Errorf("batch %s:\ngot  %s\nwant %s", d.Doc.ID, g, w)
		}
	}
	// Replaying the batches into a new store rebuilds the same graph.
	s2, _ := openTemp(t)
	tx, err := s2.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range got {
		if err := tx.Put(b); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	compareGraph(t, snap(t, s2), snap(t, s))
}

// TestGolden runs every canned query on the fixture with
// queries/testdata/params.json and compares with queries/testdata/golden,
// the files the Neo4j integration test compares with too.
func TestGolden(t *testing.T) {
	s, _ := openTemp(t)
	ingest(t, s, fixture(t)...)
	runGolden(t, s, filepath.Join("..", "..", "queries", "testdata"), "golden")
}

func runGolden(t *testing.T, s *Store, dir, golden string) {
	raw, err := os.ReadFile(filepath.Join(dir, "params.json"))
	if err != nil {
		t.Fatal(err)
	}
	var params map[string]map[string]string
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatalf("decoding params: %v", err)
	}
	for _, q := range queries.All() {
		t.Run(q.Name, func(t *testing.T) {
			p, ok := params[q.Name]
			if !ok {
				t.Fatalf("params.json has no params for %s", q.Name)
			}
			b, err := q.Bind(p)
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Run(context.Background(), q, b)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", " ")
			if err := enc.Encode(q.Normalize(res)); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, golden, q.Name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("reading golden (go test ./graph/sqlite -run Golden -update): %v", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	s, _ := openTemp(t)
	q, _ := queries.Get("partners")
	if _, err := s.Run(context.Background(), q, map[string]any{}); !errors.Is(err, queries.ErrParams) {
		t.Errorf("missing param: got %v, want ErrParams", err)
	}
	bad := q
	bad.Columns = []string{"x"}
	bad.Types = []string{queries.ColString}
	if _, err := s.Run(context.Background(), bad, map[string]any{"city": "hanoi"}); err == nil || !strings.Contains(err.Error(), "declares") {
		t.Errorf("column mismatch: got %v, want an error naming the declared columns", err)
	}
}

// TestQueryPlans checks that no canned query scans a graph table: every
// access to articles, nodes, edges, keys and the fact tables is an index
// search (SEARCH), never a SCAN or an automatic index (built by reading
// the table), whatever the data. This is what keeps the queries fast at
// any size (kg never runs ANALYZE, so the plans SQLite picks here are the
// ones it picks on a large store); timings are in BenchmarkQueries.
func TestQueryPlans(t *testing.T) {
	s, _ := openTemp(t)
	ingest(t, s, fixture(t)...)
	tables := []string{"articles", "nodes", "node_keys", "node_facts", "edges", "edge_facts", "quantities", "quantity_facts"}
	ref := regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?`)
	for _, q := range queries.All() {
		t.Run(q.Name, func(t *testing.T) {
			// The names a graph table goes by in this query.
			names := map[string]bool{}
			for _, m := range ref.FindAllStringSubmatch(q.SQL, -1) {
				if slices.Contains(tables, m[1]) {
					names[m[1]] = true
					if m[2] != "" && !isKeyword(m[2]) {
						names[m[2]] = true
					}
				}
			}
			args := []any{}
			for _, p := range q.Params {
				v, _ := queries.BindValue(p.Type, "x y")
				if p.Type == queries.Int {
					v = int64(10)
				}
				args = append(args, sqlNamed(p.Name, sqlValue(v)))
			}
			rows, err := s.db.Query("EXPLAIN QUERY PLAN "+q.SQL, args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, notused int
				var detail string
				if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			for _, d := range plan {
				f := strings.Fields(d)
				switch {
				case len(f) >= 2 && f[0] == "SCAN" && names[f[1]]:
					t.Errorf("plan scans a graph table: %q\nplan:\n%s", d, strings.Join(plan, "\n"))
				case len(f) >= 2 && names[f[1]] && strings.Contains(d, "AUTOMATIC"):
					// Building an automatic index reads the whole table.
					t.Errorf("plan indexes a graph table on the fly: %q\nplan:\n%s", d, strings.Join(plan, "\n"))
				}
			}
			if testing.Verbose() {
				t.Logf("plan:\n%s", strings.Join(plan, "\n"))
			}
		})
	}
}

func isKeyword(s string) bool {
	switch strings.ToUpper(s) {
	case "ON", "WHERE", "JOIN", "LEFT", "GROUP", "ORDER", "USING", "AS", "UNION", "EXCEPT", "LIMIT":
		return true
	}
	return false
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	text := write("notes.txt", []byte("hello, this is not a database at all, just some text that is long enough to fill a header..........................................."))
	short := write("short", []byte("SQLite"))

	// Another application's SQLite file.
	other := filepath.Join(dir, "other.db")
	if db, err := openRaw(other); err != nil {
		t.Fatal(err)
	} else {
		if _, err := db.Exec("CREATE TABLE t(x)"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	// A kg store with its pages overwritten.
	corrupt := filepath.Join(dir, "corrupt.db")
	s, err := Open(ctx, corrupt, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, s, fixture(t)...)
	s.Close()
	corruptFile(t, corrupt)
	// A kg store that lost its last pages.
	truncated := filepath.Join(dir, "truncated.db")
	if s, err = Open(ctx, truncated, Options{}); err != nil {
		t.Fatal(err)
	}
	ingest(t, s, fixture(t)...)
	s.Close()
	if st, err := os.Stat(truncated); err != nil {
		t.Fatal(err)
	} else if err := os.Truncate(truncated, st.Size()-2*4096); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		path string
		opts Options
		want error
	}{
		{"text file", text, Options{}, ErrNotStore},
		{"text file read-only", text, Options{ReadOnly: true}, ErrNotStore},
		{"short file", short, Options{}, ErrNotStore},
		{"directory", dir, Options{}, ErrNotStore},
		{"other application", other, Options{}, ErrNotStore},
		{"corrupt", corrupt, Options{}, ErrCorrupt},
		{"corrupt, full check", corrupt, Options{FullCheck: true}, ErrCorrupt},
		{"truncated", truncated, Options{}, ErrCorrupt},
		{"truncated, full check", truncated, Options{FullCheck: true}, ErrCorrupt},
		{"missing for reading", filepath.Join(dir, "missing.db"), Options{ReadOnly: true}, ErrNotFound},
		{"missing directory", filepath.Join(dir, "no", "such", "kg.db"), Options{}, ErrNotFound}, // "there is no directory …", not read-only
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			s, err := Open(ctx, tt.path, tt.opts)
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), filepath.Base(tt.path)) {
				t.Errorf("error %q does not name the file", err)
			}
			if after, _ := os.ReadFile(tt.path); !bytes.Equal(before, after) {
				t.Errorf("the file was modified")
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		// Permissions do not apply to root: run this test as nobody.
		runUnprivileged(t, "^TestReadOnly$")
		return
	}
	ctx := context.Background()
	s, path := openTemp(t)
	ingest(t, s, fixture(t)...)
	s.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path, Options{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only file: got %v, want ErrReadOnly", err)
	}
	// Queries still work on a read-only file.
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("opening read-only for queries: %v", err)
	}
	defer ro.Close()
	if c := counts(t, ro); c.Entities() == 0 {
		t.Errorf("got no entities from the read-only store")
	}
	if _, err := ro.Begin(ctx); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Begin on a read-only store: got %v, want ErrReadOnly", err)
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if _, err := Open(ctx, filepath.Join(dir, "kg.db"), Options{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only directory: got %v, want ErrReadOnly", err)
	}
}

func TestLocked(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.Put(graph.Build(fixture(t)[0])); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path, Options{BusyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	start := time.Now()
	_, err = other.Begin(ctx)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("got %v, want ErrLocked", err)
	}
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("gave up after %v, want to wait the busy timeout", d)
	}
	// Readers still see the previous state meanwhile.
	if c := counts(t, other); c.Nodes["Article"] != 0 {
		t.Errorf("a reader sees %d articles of an uncommitted write, want 0", c.Nodes["Article"])
	}
}

func TestTxMisuse(t *testing.T) {
	s, _ := openTemp(t)
	tx, err := s.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Put(graph.Build(fixture(t)[0])); err == nil {
		t.Errorf("Put after Commit: got nil, want an error")
	}
	if err := tx.Rollback(); err != nil {
		t.Errorf("Rollback after Commit: got %v, want nil", err)
	}
}

func TestCancelMidIngest(t *testing.T) {
	s, _ := openTemp(t)
	docs := fixture(t)
	ingest(t, s, docs[0])
	before := snap(t, s)

	ctx, cancel := context.WithCancel(context.Background())
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Put(graph.Build(docs[1])); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := tx.Put(graph.Build(docs[2])); !errors.Is(err, context.Canceled) {
		t.Errorf("Put after cancel: got %v, want context.Canceled", err)
	}
	if _, err := tx.Commit(); err == nil {
		t.Errorf("Commit after a failed Put: got nil, want an error")
	}
	if err := tx.Rollback(); err != nil {
		t.Errorf("Rollback: %v", err)
	}
	compareGraph(t, snap(t, s), before)
	if got := snap(t, s).Counts; !reflect.DeepEqual(got, before.Counts) {
		t.Errorf("got counts %v, want %v", got, before.Counts)
	}
	// The store takes writes again.
	ingest(t, s, docs...)
	compareGraph(t, snap(t, s), expected(docs))
}

// TestSeedsGolden runs the extractor over the repository's seeds/, ingests
// them and compares every canned query with queries/testdata/seeds/golden
// (params in queries/testdata/seeds/params.json). When extraction
// changes, review and regenerate: go test ./graph/sqlite -run SeedsGolden -update
func TestSeedsGolden(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := openTemp(t)
	tx, err := s.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	n := 0
	err = reader.WalkWith(context.Background(), []string{filepath.Join("..", "..", "seeds")}, func(d extract.Document) error {
		n++
		return tx.Put(graph.Build(x.Extract(d)))
	}, reader.Options{OnError: func(where string, err error) { t.Errorf("reading %s: %v", where, err) }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Fatalf("got %d seed articles, want 5", n)
	}
	runGolden(t, s, filepath.Join("..", "..", "queries", "testdata", "seeds"), "golden")
}
