package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// nasty is article text with everything that breaks naive writers.
const nasty = "He said: \"it's `MATCH (n) DETACH DELETE n` time\"; 'quoted' \\ back\\slash,\n" +
	"second line\r\nthird\ttabbed — Hà Nội; DROP TABLE nodes; -- ${NEO4J_PASSWORD} <b>&amp;</b> \x1a end"

// memSource is a Source over slices.
type memSource struct {
	nodes []Node
	rels  []Rel
	reads int
}

func (m *memSource) Nodes(_ context.Context, fn func(Node) error) error {
	m.reads++
	for _, n := range m.nodes {
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

func (m *memSource) Rels(_ context.Context, fn func(Rel) error) error {
	for _, r := range m.rels {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func testSource() *memSource {
	return &memSource{
		nodes: []Node{
			{ID: "a-1", Label: "Article", Props: map[string]any{"title": "Title with \"quotes\" and 'apostrophes'", "date": "2023-04-14", "lang": "en", "path": "a/b.txt", "url": "", "hash": "abc"}},
			{ID: "city:hanoi", Label: "City", Props: map[string]any{"name": "Hanoi", "key": "hanoi", "keys": []string{"hanoi"}, "aliases": []string{"Hà Nội", "Ha;noi|x"}, "country": "VN"}},
			{ID: "city:toulouse", Label: "City", Props: map[string]any{"name": "Toulouse", "key": "toulouse", "keys": []any{"toulouse"}, "aliases": []string{}, "country": "FR", "population": int64(500000)}},
			{ID: "event:e", Label: "Event", Props: map[string]any{"name": "E", "key": "e", "keys": []string{"e"}, "aliases": []string{}, "ordinal": int64(12), "weird.key`x": true}},
			{ID: "event:e|50|localities|", Label: "Quantity", Props: map[string]any{"count": 50.5, "unit": "localities", "approx": false, "ev_articles": []string{"a-1"}, "ev_sentences": []string{nasty}, "ev_starts": []int64{0}, "ev_ends": []int64{int64(len(nasty))}}},
		},
		rels: []Rel{
			{Type: "MENTIONS", From: "a-1", To: "city:hanoi", Props: map[string]any{"count": int64(2), "starts": []int64{1, 5}, "ends": []int64{3, 9}}},
			{Type: "PARTNER_OF", From: "city:hanoi", To: "city:toulouse", Props: map[string]any{"key": "PARTNER_OF|city:hanoi|city:toulouse", "kind": "twin", "since": int64(2006), "ev_articles": []string{"a-1", "a-1"}, "ev_sentences": []any{nasty, "Second; sentence."}, "ev_starts": []int64{0, 10}, "ev_ends": []int64{5, 20}}},
			{Type: "QUANTIFIES", From: "event:e|50|localities|", To: "event:e"},
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (go test -update creates it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: got\n%s\nwant\n%s", path, got, want)
	}
}

func TestNeo4jAdmin(t *testing.T) {
	dir := t.TempDir()
	src := testSource()
	sum, err := WriteNeo4jAdmin(context.Background(), src, dir, []string{"CREATE INDEX x IF NOT EXISTS FOR (n:City) ON (n.name)"})
	if err != nil {
		t.Fatal(err)
	}
	if src.reads != 2 {
		t.Errorf("source reads: got %d, want 2 (schema, then data)", src.reads)
	}
	wantFiles := "nodes_Article.csv nodes_City.csv nodes_Event.csv nodes_Quantity.csv rels_MENTIONS.csv rels_PARTNER_OF.csv rels_QUANTIFIES.csv import.sh after-import.cypher"
	if got := strings.Join(sum.Files, " "); got != wantFiles {
		t.Errorf("files: got %s, want %s", got, wantFiles)
	}
	for _, f := range sum.Files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "neo4j-admin/"+f, b)
	}

	// The sentence is in the file verbatim (CSV-quoted: quotes doubled)...
	raw, err := os.ReadFile(filepath.Join(dir, "rels_PARTNER_OF.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`"`+strings.ReplaceAll(nasty, `"`, `""`)+ArrayDelimiter)) {
		t.Errorf("rels_PARTNER_OF.csv does not hold the sentence verbatim:\n%s", raw)
	}
	// ...and survives a CSV round trip (Go's reader turns \r\n into \n).
	f, err := os.Open(filepath.Join(dir, "rels_PARTNER_OF.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := indexOf(recs[0], "ev_sentences:string[]")
	if col < 0 {
		t.Fatalf("header %v: got no ev_sentences:string[]", recs[0])
	}
	got := strings.Split(recs[1][col], ArrayDelimiter)
	norm := strings.ReplaceAll(nasty, "\r\n", "\n")
	if len(got) != 2 || got[0] != norm || got[1] != "Second; sentence." {
		t.Errorf("sentences after a CSV round trip: got %q, want [%q %q]", got, norm, "Second; sentence.")
	}
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}

func TestHeaders(t *testing.T) {
	s := schema{}
	for _, p := range []map[string]any{
		{"a": "x", "n": int64(1), "f": int64(1), "l": []string{}, "mix": "s"},
		{"a": "y", "n": int64(2), "f": 2.5, "l": []any{"p", "q"}, "mix": int64(3), "b": true},
	} {
		if err := s.add("G", p); err != nil {
			t.Fatal(err)
		}
	}
	got := strings.Join(headers(s.columns("G", "")), ",")
	want := "a:string,b:boolean,f:double,l:string[],mix:string,n:long"
	if got != want {
		t.Errorf("headers: got %s, want %s", got, want)
	}
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"plain", "Hanoi", `'Hanoi'`},
		{"quotes", `it's "x"`, `'it\'s "x"'`},
		{"backslash", `a\b`, `'a\\b'`},
		{"newlines and tab", "a\nb\r\nc\td", `'a\nb\r\nc\td'`},
		{"control", "a\x1ab\x00", `'a\u001Ab\u0000'`},
		{"line separator", "a\u2028b", `'a\u2028b'`},
		{"backticks and cypher", "`x` }) DETACH DELETE n //", "'`x` }) DETACH DELETE n //'"},
		{"invalid utf-8", "a\xffb", "'a\uFFFDb'"},
		{"unicode", "Hà Nội", `'Hà Nội'`},
		{"int", int64(-12), `-12`},
		{"float", 50.0, `50.0`},
		{"float frac", 0.25, `0.25`},
		{"bool", true, `true`},
		{"list", []any{"a'", int64(1)}, `['a\'', 1]`},
		{"empty list", []string{}, `[]`},
		{"map", map[string]any{"b": int64(1), "a.b": "x", "c`d": false}, "{`a.b`: 'x', b: 1, `c``d`: false}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Literal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	if _, err := Literal(struct{}{}); err == nil {
		t.Errorf("Literal(struct{}{}): got no error, want one")
	}
}

// unquote reads back a single-quoted Cypher string literal as Neo4j does.
func unquote(t *testing.T, lit string) string {
	t.Helper()
	if len(lit) < 2 || lit[0] != '\'' || lit[len(lit)-1] != '\'' {
		t.Fatalf("not a string literal: %s", lit)
	}
	s := lit[1 : len(lit)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			t.Fatalf("unescaped quote at %d in %s", i, lit)
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '\\', '\'', '"':
			b.WriteByte(s[i])
		case 'u':
			n, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteRune(rune(n))
			i += 4
		default:
			t.Fatalf("unknown escape \\%c", s[i])
		}
	}
	return b.String()
}

func TestLiteralRoundTrip(t *testing.T) {
	for _, s := range []string{nasty, "", "'", `\'`, "\\", "`", "a\x7fb", "end\\"} {
		lit, err := Literal(s)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(lit, "\n\r") {
			t.Errorf("literal of %q spans lines: %s", s, lit)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if got := unquote(t, lit); got != want {
			t.Errorf("round trip: got %q, want %q", got, want)
		}
	}
}

func TestCypher(t *testing.T) {
	var b bytes.Buffer
	schema := []string{"CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE"}
	sum, err := WriteCypher(context.Background(), testSource(), &b, schema, 3)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Nodes["City"] != 2 || sum.Rels["PARTNER_OF"] != 1 {
		t.Errorf("summary: got %v, want 2 cities and 1 PARTNER_OF", sum)
	}
	golden(t, "graph.cypher", b.Bytes())
	// One statement per line: newlines in text never split a statement.
	for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if !strings.HasPrefix(line, "//") && !strings.HasPrefix(line, ":") && !strings.HasSuffix(line, ";") {
			t.Errorf("line %d is not a whole statement: %q", i+1, line)
		}
	}
	if got, want := strings.Count(b.String(), ":begin"), strings.Count(b.String(), ":commit"); got != want || got != 3 {
		t.Errorf(":begin/:commit: got %d/%d, want 3/3 (8 statements, batch 3)", got, want)
	}

	// An endpoint missing from the nodes is an error, not a silent skip.
	src := testSource()
	src.rels = append(src.rels, Rel{Type: "MET", From: "person:x", To: "person:y"})
	if _, err := WriteCypher(context.Background(), src, &b, nil, 3); err == nil {
		t.Errorf("relationship to a missing node: got no error, want one")
	}
}

func TestGraphML(t *testing.T) {
	var b bytes.Buffer
	if _, err := WriteGraphML(context.Background(), testSource(), &b); err != nil {
		t.Fatal(err)
	}
	golden(t, "graph.graphml", b.Bytes())

	// It parses, and the sentence comes back verbatim (but for \r\n, which
	// XML normalizes only when unescaped, and the U+001A XML cannot hold).
	var doc struct {
		Edges []struct {
			Label string `xml:"label,attr"`
			Data  []struct {
				Key  string `xml:"key,attr"`
				Text string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("parsing the GraphML: %v", err)
	}
	want := `["` + strings.NewReplacer("\\", `\\`, "\"", `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "<", `\u003c`, ">", `\u003e`, "&", `\u0026`, "\x1a", `\u001a`).Replace(nasty) + `","Second; sentence."]`
	found := false
	for _, e := range doc.Edges {
		for _, d := range e.Data {
			if e.Label == "PARTNER_OF" && d.Key == "e_ev_sentences" {
				found = true
				if d.Text != want {
					t.Errorf("sentences: got %s, want %s", d.Text, want)
				}
			}
		}
	}
	if !found {
		t.Errorf("no ev_sentences on the PARTNER_OF edge")
	}
	if !utf8.Valid(b.Bytes()) {
		t.Errorf("GraphML is not valid UTF-8")
	}
}

func TestSourceErrorsStop(t *testing.T) {
	boom := errors.New("boom")
	src := &failing{err: boom}
	for name, f := range map[string]func() error{
		"neo4j-admin": func() error { _, err := WriteNeo4jAdmin(context.Background(), src, t.TempDir(), nil); return err },
		"cypher":      func() error { _, err := WriteCypher(context.Background(), src, &bytes.Buffer{}, nil, 10); return err },
		"graphml":     func() error { _, err := WriteGraphML(context.Background(), src, &bytes.Buffer{}); return err },
	} {
		t.Run(name, func(t *testing.T) {
			if err := f(); !errors.Is(err, boom) {
				t.Errorf("got %v, want an error wrapping boom", err)
			}
		})
	}
	bad := testSource()
	bad.nodes[1].Label = "Town"
	if _, err := WriteNeo4jAdmin(context.Background(), bad, t.TempDir(), nil); err == nil {
		t.Errorf("label outside the closed set: got no error, want one")
	}
}

type failing struct{ err error }

func (f *failing) Nodes(context.Context, func(Node) error) error { return f.err }
func (f *failing) Rels(context.Context, func(Rel) error) error   { return f.err }

// TestReadBufferForLongRecords: a record longer than half of neo4j-admin's
// 4 MiB read buffer (a hub's relationship with all its sentences) gets
// import.sh a --read-buffer-size that holds it twice over; short ones
// keep the default.
func TestReadBufferForLongRecords(t *testing.T) {
	if got := readBuffer(1000); got != 0 {
		t.Errorf("readBuffer(1000) = %d, want 0 (the default)", got)
	}
	long := []string{strings.Repeat(`a "b" `, 1<<20)} // 6 MiB, 2 Mi quotes
	n := recordSize(long)
	if n < 8<<20 {
		t.Fatalf("recordSize = %d, want at least the bytes with doubled quotes (8 MiB)", n)
	}
	buf := readBuffer(n)
	if buf < 2*n || buf%(1<<20) != 0 {
		t.Errorf("readBuffer(%d) = %d, want a whole number of MiB >= %d", n, buf, 2*n)
	}
	script := ImportCommand([]string{"nodes_City.csv"}, buf)
	if want := fmt.Sprintf("--read-buffer-size=%dm", buf>>20); !strings.Contains(script, want) {
		t.Errorf("import.sh lacks %s:\n%s", want, script)
	}
	if strings.Contains(ImportCommand([]string{"nodes_City.csv"}, 0), "read-buffer") {
		t.Error("import.sh with the default buffer passes --read-buffer-size")
	}
}

// TestAfterImport: neo4j-admin stores no property for an empty list, so
// after-import.cypher sets them again: by label or type when every record
// has the property, record by record when some lack it.
func TestAfterImport(t *testing.T) {
	src := &memSource{
		nodes: []Node{
			{ID: "a-1", Label: "Article", Props: map[string]any{"title": ""}},
			{ID: "city:x", Label: "City", Props: map[string]any{"name": "X", "aliases": []string{}, "tags": []string{}}},
			{ID: "city:y", Label: "City", Props: map[string]any{"name": "Y", "aliases": []string{"Why"}}},
			{Label: SourceLabel, Props: map[string]any{"of": "k", "article": "a-1", "sentences": []string{}}},
		},
		rels: []Rel{
			{Type: "MENTIONS", From: "a-1", To: "city:x", Props: map[string]any{"count": int64(0), "starts": []int64{}}},
			{Type: "MENTIONS", From: "a-1", To: "city:y", Props: map[string]any{"count": int64(1), "starts": []int64{4}}},
		},
	}
	dir := t.TempDir()
	if _, err := WriteNeo4jAdmin(context.Background(), src, dir, []string{"CREATE INDEX x IF NOT EXISTS FOR (n:City) ON (n.name)"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, AfterImport))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		"CREATE INDEX x IF NOT EXISTS FOR (n:City) ON (n.name);\n",
		"MATCH (n:City) WHERE n.aliases IS NULL CALL (n) { SET n.aliases = [] } IN TRANSACTIONS OF 10000 ROWS;\n",
		"MATCH (n:Source) WHERE n.sentences IS NULL CALL (n) { SET n.sentences = [] } IN TRANSACTIONS OF 10000 ROWS;\n",
		"MATCH ()-[r:MENTIONS]->() WHERE r.starts IS NULL CALL (r) { SET r.starts = [] } IN TRANSACTIONS OF 10000 ROWS;\n",
		"MATCH (n:City {id: 'city:x'}) SET n.tags = [];\n", // city:y has no tags
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%s: got no %q in\n%s", AfterImport, want, got)
		}
	}
	if strings.Contains(got, "n.tags IS NULL") {
		t.Errorf("%s sets tags on every City, also on those that have none:\n%s", AfterImport, got)
	}
	// An empty string is a quoted empty field (an empty string for
	// neo4j-admin); a missing property an empty field.
	arts, err := os.ReadFile(filepath.Join(dir, "nodes_Article.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(arts), "a-1,Article,\"\"\n") {
		t.Errorf("nodes_Article.csv: got %q, want the empty title as \"\"", arts)
	}
	srcs, err := os.ReadFile(filepath.Join(dir, "nodes_Source.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(srcs), ":LABEL,article:string,of:string,sentences:string[]\n") {
		t.Errorf("nodes_Source.csv: got %q, want no ID column", srcs)
	}
}
