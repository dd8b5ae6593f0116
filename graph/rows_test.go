package graph

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/kg-dev/kg/extract"
)

var update = flag.Bool("update", false, "rewrite golden files")

// LoadFixture reads testdata/fixture.json (see gen_fixture.py).
func loadFixture(t *testing.T) []extract.DocResult {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.DocResult
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatalf("decoding fixture: %v", err)
	}
	return docs
}

func batchMaps(b Batch) map[string]any {
	m := map[string]any{"article": b.Article.Map()}
	var nodes, mentions, edges, qs []map[string]any
	for _, n := range b.Nodes {
		nodes = append(nodes, n.Map())
	}
	for _, x := range b.Mentions {
		mentions = append(mentions, x.Map())
	}
	for _, e := range b.Edges {
		edges = append(edges, e.Map())
	}
	for _, q := range b.Quantities {
		qs = append(qs, q.Map())
	}
	m["nodes"], m["mentions"], m["edges"], m["quantities"], m["skipped"] = nodes, mentions, edges, qs, b.Skipped
	return m
}

func TestBuildGolden(t *testing.T) {
	var out []map[string]any
	for _, d := range loadFixture(t) {
		b := Build(d)
		for _, n := range b.Nodes {
			checkProps(t, n.ID, n.Props)
		}
		for _, e := range b.Edges {
			checkProps(t, e.Key, e.Props)
		}
		out = append(out, batchMaps(b))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "rows.golden.json")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("reading golden (run with -update): %v", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Build(fixture) differs from %s (run go test ./graph -update and review the diff)\ngot:\n%s", golden, buf.String())
	}
}

// checkProps fails unless every value is a Neo4j property value.
func checkProps(t *testing.T, where string, p map[string]any) {
	t.Helper()
	for k, v := range p {
		switch v.(type) {
		case string, bool, int64, float64, []string, []bool, []int64, []float64:
		default:
			t.Errorf("%s: prop %s has type %T, want a scalar or a list of scalars", where, k, v)
		}
	}
}

func TestProps(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]any
		want map[string]any
	}{
		{"scalars", map[string]any{"s": "x", "b": true, "i": 3, "f": 2.5}, map[string]any{"s": "x", "b": true, "i": int64(3), "f": 2.5}},
		{"integral float", map[string]any{"ordinal": float64(12), "since": float64(2004)}, map[string]any{"ordinal": int64(12), "since": int64(2004)}},
		{"nil and empty dropped", map[string]any{"a": nil, "l": []any{}, "n": []any{nil}}, map[string]any{}},
		{"map flattened", map[string]any{"geo": map[string]any{"lat": 21.03, "lon": 105.85, "src": map[string]any{"name": "geonames"}}},
			map[string]any{"geo.lat": 21.03, "geo.lon": 105.85, "geo.src.name": "geonames"}},
		{"homogeneous list", map[string]any{"l": []any{float64(1), float64(2)}}, map[string]any{"l": []int64{1, 2}}},
		{"typed list", map[string]any{"l": []string{"a", "b"}, "m": []int{1}}, map[string]any{"l": []string{"a", "b"}, "m": []int64{1}}},
		{"mixed list", map[string]any{"l": []any{"a", float64(2), true}}, map[string]any{"l": []string{"a", "2", "true"}}},
		{"list of maps", map[string]any{"l": []any{map[string]any{"a": 1}}}, map[string]any{"l": []string{`{"a":1}`}}},
		{"json number", map[string]any{"n": json.Number("7"), "x": json.Number("1.5")}, map[string]any{"n": int64(7), "x": 1.5}},
		{"struct", map[string]any{"s": struct{ A int }{1}}, map[string]any{"s": `{"A":1}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Props(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
			checkProps(t, tt.name, got)
			if again := Props(got); !reflect.DeepEqual(again, got) {
				t.Errorf("Props is not idempotent: got %#v, want %#v", again, got)
			}
		})
	}
}

func TestBuildRules(t *testing.T) {
	sp := func(s, e int, txt string) extract.Span { return extract.Span{Start: s, End: e, Text: txt} }
	doc := extract.DocResult{
		Doc: extract.DocumentInfo{ID: "a1", Title: "T", Hash: "h"},
		Entities: []extract.Entity{
			{ID: "city:hanoi", Type: extract.City, Name: "Hanoi", Aliases: []string{"Hà Nội", "Ha Noi"}, Mentions: []extract.Span{sp(0, 5, "Hanoi"), sp(10, 19, "Hà Nội")}},
			{ID: "city:hanoi", Type: extract.City, Name: "Hà Nội", Mentions: []extract.Span{sp(10, 19, "Hà Nội"), sp(30, 35, "Hanoi")}},
			{ID: "city:seoul", Type: extract.City, Name: "Seoul", Props: map[string]any{"name": "x", "pop": float64(9.7e6), "country": "KR"}},
			{ID: "thing:x", Type: "Thing", Name: "X"},
		},
		Relations: []extract.Relation{
			{Type: extract.PartnerOf, From: "city:seoul", To: "city:hanoi", Props: map[string]any{"since": float64(2000)}, Evidence: []extract.Span{sp(0, 20, "s1")}},
			{Type: extract.PartnerOf, From: "city:hanoi", To: "city:seoul", Props: map[string]any{"since": float64(1996), "kind": "twinning"}, Evidence: []extract.Span{sp(40, 60, "s2")}},
			{Type: extract.LocatedIn, From: "city:hanoi", To: "country:vietnam"},
			{Type: "LIKES", From: "city:hanoi", To: "city:seoul"},
			{Type: extract.Met, From: "city:hanoi", To: "city:hanoi"},
		},
		Quantities: []extract.Quantity{
			{Subject: "city:hanoi", Count: 3, Unit: "parks", Approx: true, Evidence: []extract.Span{sp(0, 20, "s1")}},
			{Subject: "city:hanoi", Count: 3, Unit: "Parks", Approx: false, Evidence: []extract.Span{sp(40, 60, "s2")}},
			{Subject: "event:none", Count: 1, Unit: "x"},
		},
	}
	b := Build(doc)

	t.Run("nodes merged and keyed", func(t *testing.T) {
		if len(b.Nodes) != 2 {
			t.Fatalf("got %d nodes, want 2", len(b.Nodes))
		}
		h := b.Nodes[0]
		if h.ID != "city:hanoi" || h.Name != "Hà Nội" || h.Key != "hanoi" {
			t.Errorf("got %s %q key %q, want city:hanoi \"Hà Nội\" key \"hanoi\"", h.ID, h.Name, h.Key)
		}
		if want := []string{"Ha Noi", "Hanoi"}; !slices.Equal(h.Aliases, want) {
			t.Errorf("got aliases %q, want %q", h.Aliases, want)
		}
		if want := []string{"hanoi"}; !slices.Equal(h.Keys, want) {
			t.Errorf("got keys %q, want %q", h.Keys, want)
		}
	})
	t.Run("mentions deduplicated", func(t *testing.T) {
		if len(b.Mentions) != 1 {
			t.Fatalf("got %d mention rows, want 1", len(b.Mentions))
		}
		m := b.Mentions[0]
		if m.Count != 3 || !slices.Equal(m.Starts, []int{0, 10, 30}) || !slices.Equal(m.Ends, []int{5, 19, 35}) {
			t.Errorf("got %+v, want count 3 starts [0 10 30] ends [5 19 35]", m)
		}
	})
	t.Run("symmetric edge merged", func(t *testing.T) {
		if len(b.Edges) != 1 {
			t.Fatalf("got %d edges, want 1", len(b.Edges))
		}
		e := b.Edges[0]
		if e.From != "city:hanoi" || e.To != "city:seoul" || e.Key != "PARTNER_OF|city:hanoi|city:seoul" {
			t.Errorf("got %s -> %s key %s, want city:hanoi -> city:seoul", e.From, e.To, e.Key)
		}
		if e.Props["since"] != int64(1996) || e.Props["kind"] != "twinning" {
			t.Errorf("got props %v, want since 1996 kind twinning", e.Props)
		}
		if len(e.Evidence) != 2 || e.Evidence[0].Doc != "a1" {
			t.Errorf("got evidence %+v, want 2 spans of a1", e.Evidence)
		}
	})
	t.Run("quantity merged", func(t *testing.T) {
		if len(b.Quantities) != 1 {
			t.Fatalf("got %d quantities, want 1", len(b.Quantities))
		}
		if q := b.Quantities[0]; q.Approx || len(q.Evidence) != 2 {
			t.Errorf("got approx %v and %d evidence, want false and 2", q.Approx, len(q.Evidence))
		}
	})
	t.Run("skipped", func(t *testing.T) {
		if len(b.Skipped) != 7 {
			t.Errorf("got %d skipped %q, want 7 (Thing, reserved name, undeclared pop, LIKES, self relation, missing country, missing subject)", len(b.Skipped), b.Skipped)
		}
		if got := b.Nodes[1].Props; !reflect.DeepEqual(got, map[string]any{"country": "KR"}) {
			t.Errorf("got seoul props %v, want only the declared country", got)
		}
	})
	t.Run("maps", func(t *testing.T) {
		m := b.Edges[0].Map()
		if got := m["ev_articles"]; !reflect.DeepEqual(got, []string{"a1", "a1"}) {
			t.Errorf("got ev_articles %v, want [a1 a1]", got)
		}
		if got := b.Mentions[0].Map()["count"]; got != int64(3) {
			t.Errorf("got count %#v, want int64(3)", got)
		}
	})
}

func TestBuildDeterministic(t *testing.T) {
	docs := loadFixture(t)
	for _, d := range docs {
		rev := d
		rev.Entities = slices.Clone(d.Entities)
		rev.Relations = slices.Clone(d.Relations)
		rev.Quantities = slices.Clone(d.Quantities)
		slices.Reverse(rev.Entities)
		slices.Reverse(rev.Relations)
		slices.Reverse(rev.Quantities)
		if a, b := batchMaps(Build(d)), batchMaps(Build(rev)); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: Build depends on input order", d.Doc.ID)
		}
	}
}

// repeatedRelation is one article whose relation Hanoi PARTNER_OF Lyon is
// stated by n records, each with one sentence, in reverse order and each
// sentence twice (as a long article's segments give them), and a
// quantity stated the same way.
func repeatedRelation(n int) extract.DocResult {
	doc := extract.DocResult{
		Doc: extract.DocumentInfo{ID: "a1", Hash: "h"},
		Entities: []extract.Entity{
			{ID: "city:hanoi", Type: extract.City, Name: "Hanoi"},
			{ID: "city:lyon", Type: extract.City, Name: "Lyon"},
		},
	}
	for i := n - 1; i >= 0; i-- {
		for range 2 {
			ev := []extract.Span{{Start: 100 * i, End: 100*i + 50, Text: "sentence"}}
			doc.Relations = append(doc.Relations, extract.Relation{Type: extract.PartnerOf, From: "city:lyon", To: "city:hanoi", Evidence: ev})
			doc.Quantities = append(doc.Quantities, extract.Quantity{Subject: "city:hanoi", Count: 3, Unit: "parks", Evidence: ev})
		}
	}
	return doc
}

// TestBuildRepeatedEvidence: the evidence of a relation or quantity stated
// by many records is their sentences once each, in offset order.
func TestBuildRepeatedEvidence(t *testing.T) {
	b := Build(repeatedRelation(50))
	if len(b.Edges) != 1 || len(b.Quantities) != 1 {
		t.Fatalf("got %d edges and %d quantities, want 1 and 1", len(b.Edges), len(b.Quantities))
	}
	for what, ev := range map[string][]extract.Span{"edge": b.Edges[0].Evidence, "quantity": b.Quantities[0].Evidence} {
		if len(ev) != 50 {
			t.Errorf("%s: got %d evidence spans, want 50", what, len(ev))
			continue
		}
		for i, s := range ev {
			if s.Doc != "a1" || s.Start != 100*i || s.End != 100*i+50 {
				t.Errorf("%s: span %d is %+v, want a1 %d-%d", what, i, s, 100*i, 100*i+50)
				break
			}
		}
	}
}

// BenchmarkBuildRepeated builds an article whose one relation and one
// quantity are stated by 1,000 and 4,000 records each (a long article's
// hub): the bytes allocated per record stay flat (merging the evidence at
// each record made them grow with the number of records: one 32 MB
// article's Build allocated 3.9 GB and took 10.6 s).
//
//	go test ./graph -run XXX -bench BuildRepeated -benchmem
func BenchmarkBuildRepeated(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		doc := repeatedRelation(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Build(doc)
			}
		})
	}
}
