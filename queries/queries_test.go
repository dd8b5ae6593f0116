package queries

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedQueries(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatalf("embedded queries: %v", err)
	}
	qs := All()
	want := []string{"city-events", "edge-articles", "event-counts", "met", "neighbours", "participants", "partners", "path", "roles", "roles-in", "top-cities"}
	var got []string
	for _, q := range qs {
		got = append(got, q.Name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got queries %v, want %v", got, want)
	}
	param := regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	named := regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)\b`)
	for _, q := range qs {
		t.Run(q.Name, func(t *testing.T) {
			declared := map[string]bool{}
			for _, p := range q.Params {
				declared[p.Name] = true
			}
			body := stripComments(q.Cypher, "//")
			used := map[string]bool{}
			for _, m := range param.FindAllStringSubmatch(body, -1) {
				used[m[1]] = true
				if !declared[m[1]] {
					t.Errorf("Cypher uses $%s, which the header does not declare", m[1])
				}
			}
			sqlUsed := map[string]bool{}
			for _, m := range named.FindAllStringSubmatch(stripComments(q.SQL, "--"), -1) {
				if declared[m[1]] {
					sqlUsed[m[1]] = true
				}
			}
			for p := range declared {
				if !used[p] {
					t.Errorf("param %s is declared but the Cypher does not use it", p)
				}
				if !sqlUsed[p] {
					t.Errorf("param %s is declared but the SQL does not use :%s", p, p)
				}
			}
			if !strings.Contains(body, "ORDER BY") {
				t.Errorf("Cypher has no ORDER BY: rows would not be deterministic")
			}
			if !strings.Contains(q.SQL, "ORDER BY") {
				t.Errorf("SQL has no ORDER BY: rows would not be deterministic")
			}
			for _, c := range q.Columns {
				if !strings.Contains(body, "AS "+c) && !strings.Contains(body, ", "+c+"\n") && !strings.Contains(body, ", "+c+",") {
					t.Errorf("Cypher does not return column %s", c)
				}
			}
			if regexp.MustCompile(`\*\s*\]|\*\.\.\s*\]|\*\d*\.\.\s*[\])]`).MatchString(body) {
				t.Errorf("Cypher has an unbounded variable-length pattern")
			}
		})
	}
}

func stripComments(s, prefix string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if i := strings.Index(line, prefix); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestPartnersDeclared(t *testing.T) {
	q, ok := Get("partners")
	if !ok {
		t.Fatal("no partners query")
	}
	if len(q.Params) != 1 || q.Params[0].Name != "city" || q.Params[0].Type != Key {
		t.Errorf("got params %+v, want one key param city", q.Params)
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name, text string
		want       Query
		err        string
	}{
		{
			name: "full",
			text: "// name: x\n// description: Does x\n// param: city key  City name\n// param: n int  How many\n// columns: a, b:int, c:list\nMATCH (n) RETURN n",
			want: Query{Name: "x", Description: "Does x",
				Params:  []Param{{"city", Key, "City name"}, {"n", Int, "How many"}},
				Columns: []string{"a", "b", "c"}, Types: []string{ColString, ColInt, ColList}},
		},
		{name: "no name", text: "// description: d\n// columns: a", err: "no name"},
		{name: "bad param type", text: "// name: x\n// description: d\n// param: a float  A\n// columns: a", err: "unknown type"},
		{name: "bad column type", text: "// name: x\n// description: d\n// columns: a:map", err: "unknown type"},
		{name: "param without description", text: "// name: x\n// description: d\n// param: a key\n// columns: a", err: "want NAME TYPE DESCRIPTION"},
		{name: "header ends at first statement", text: "// name: x\n// description: d\n// columns: a\nMATCH (n)\n// param: late key  Late", want: Query{Name: "x", Description: "d", Columns: []string{"a"}, Types: []string{ColString}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHeader(tt.text)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestLoadMismatch(t *testing.T) {
	fsys := fstest.MapFS{
		"a.cypher": {Data: []byte("// name: a\n// description: d\n// columns: x\nRETURN 1 AS x ORDER BY x")},
		"a.sql":    {Data: []byte("-- name: b\nSELECT 1 AS x")},
		"c.cypher": {Data: []byte("// name: c\n// description: d\n// columns: x\nRETURN 1 AS x ORDER BY x")},
		"c.sql":    {Data: []byte("-- name: c\nSELECT 1 AS x ORDER BY x")},
		"d.cypher": {Data: []byte("// name: d\n// description: d\n// columns: x\nRETURN 1 AS x")},
	}
	qs, err := Load(fsys)
	if len(qs) != 1 || qs[0].Name != "c" {
		t.Errorf("got %d queries, want only c", len(qs))
	}
	if err == nil || !strings.Contains(err.Error(), `names it "b"`) || !strings.Contains(err.Error(), "d.sql") {
		t.Errorf("got error %v, want the a.sql name mismatch and the missing d.sql", err)
	}
}

func TestBind(t *testing.T) {
	q := Query{Name: "q", Params: []Param{
		{"city", Key, ""}, {"event", Words, ""}, {"limit", Int, ""}, {"s", String, ""}, {"rel", Rel, ""},
	}}
	full := map[string]string{"city": "Hà Nội", "event": "12e Conférence  décentralisée, 12e", "limit": " 5 ", "s": "As Is", "rel": "partner-of"}
	got, err := q.Bind(full)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"city": "hanoi", "event": []string{"12e", "conference", "decentralisee"}, "limit": int64(5), "s": "As Is", "rel": "PARTNER_OF"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
	errs := []struct {
		name string
		raw  map[string]string
		msg  string
	}{
		{"unknown", map[string]string{"city": "a", "event": "", "limit": "1", "s": "", "rel": "", "town": "x"}, "no parameter town"},
		{"missing", map[string]string{"city": "a"}, "needs parameter event"},
		{"not an int", map[string]string{"city": "a", "event": "", "limit": "ten", "s": "", "rel": ""}, "not an integer"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := q.Bind(tt.raw)
			if !errors.Is(err, ErrParams) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want ErrParams containing %q", err, tt.msg)
			}
		})
	}
	empty, err := BindValue(Words, "  ")
	if err != nil || !reflect.DeepEqual(empty, []string{}) {
		t.Errorf("got %#v, %v, want an empty list", empty, err)
	}
}

func TestNormalize(t *testing.T) {
	q := Query{Columns: []string{"n", "f", "b", "l", "s", "x"}, Types: []string{ColInt, ColFloat, ColBool, ColList, ColSeq, ColString}}
	in := Result{Columns: q.Columns, Rows: [][]any{
		{float64(3), int64(2), int64(1), []string{"b", "a"}, []any{"b", "a"}, "x"},
		{int32(4), 2.5, false, []any{int64(2), "a", nil, true, 1.5}, nil, nil},
		{nil, nil, nil, []int64{}, []any{}, []byte("y")},
	}}
	want := Result{Columns: q.Columns, Rows: [][]any{
		{int64(3), float64(2), true, []any{"a", "b"}, []any{"b", "a"}, "x"},
		{int64(4), 2.5, false, []any{nil, true, 1.5, int64(2), "a"}, nil, nil},
		{nil, nil, nil, []any{}, []any{}, "y"},
	}}
	if got := q.Normalize(in); !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
	if got := Normalize(Result{Columns: []string{"s"}, Rows: [][]any{{[]any{"b", "a"}}}}); !reflect.DeepEqual(got.Rows[0][0], []any{"a", "b"}) {
		t.Errorf("got %v, want [a b]", got.Rows[0][0])
	}
}

// TestGraphVariants: every canned query has a graph variant for Browser
// with the same parameters, and every variant belongs to a query.
func TestGraphVariants(t *testing.T) {
	gs, err := LoadGraphs(graphFiles)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]GraphVariant{}
	for _, g := range gs {
		byName[g.Name] = g
	}
	for _, q := range All() {
		g, ok := byName[q.Name]
		if !ok {
			t.Errorf("query %s has no graph variant (graph/%s.cypher)", q.Name, q.Name)
			continue
		}
		if !reflect.DeepEqual(g.Params, q.Params) {
			t.Errorf("%s: graph variant params %v, want the table query's %v", q.Name, g.Params, q.Params)
		}
		if strings.Contains(g.Cypher, "// columns:") {
			t.Errorf("%s: a graph variant declares no columns", q.Name)
		}
		delete(byName, q.Name)
	}
	for n := range byName {
		t.Errorf("graph variant %s has no table query", n)
	}
}
