package neo4j_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph/neo4j"
)

// fullDump returns every node (its labels and all its properties) and
// every relationship (its type, its endpoints by label and id, or key for
// a quantity, and all its properties) as sorted JSON lines. Only Neo4j's
// element ids are left out: they say where the server put a record, not
// what the graph holds. Nothing else is ignored: a committed load leaves
// no timestamp in the graph (the claims kg_claim, kg_claim_at and
// kg_fresh are taken off each article when its load commits), so one
// left behind would show as a difference.
func fullDump(t *testing.T, st *neo4j.Store) []string {
	t.Helper()
	var out []string
	line := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	for _, r := range neo4j.Select(t, st, "MATCH (n) RETURN labels(n), properties(n)", nil) {
		labels := r[0].([]any)
		slices.SortFunc(labels, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
		line(map[string]any{"node": labels, "props": r[1]})
	}
	for _, r := range neo4j.Select(t, st, `MATCH (a)-[r]->(b)
		RETURN type(r), labels(a)[0], coalesce(a.id, a.key), labels(b)[0], coalesce(b.id, b.key), properties(r)`, nil) {
		line(map[string]any{"rel": r[0], "from": []any{r[1], r[2]}, "to": []any{r[3], r[4]}, "props": r[5]})
	}
	slices.Sort(out)
	return out
}

// sameDump reports the lines of got and want that differ (at most 10 of
// each side).
func sameDump(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		t.Logf("%s: the same %d nodes and relationships", what, len(want))
		return
	}
	missing, extra := diffLines(want, got), diffLines(got, want)
	t.Errorf("%s: %d lines, want %d; %d missing, %d unexpected", what, len(got), len(want), len(missing), len(extra))
	for i, l := range missing[:min(10, len(missing))] {
		t.Errorf("missing %d: %.600s", i, l)
	}
	for i, l := range extra[:min(10, len(extra))] {
		t.Errorf("unexpected %d: %.600s", i, l)
	}
}

// diffLines returns the lines of a (sorted) not in b (sorted).
func diffLines(a, b []string) []string {
	var out []string
	for _, l := range a {
		if _, ok := slices.BinarySearch(b, l); !ok {
			out = append(out, l)
		}
	}
	return out
}

// afterImport runs an export's after-import.cypher as cypher-shell does:
// one statement per line, each in its own auto-commit transaction.
func afterImport(t *testing.T, st *neo4j.Store, script string) int {
	t.Helper()
	stmts := scriptStatements(t, script)
	for _, q := range stmts {
		neo4j.AutoCommit(t, st, q)
	}
	return len(stmts)
}

// useServer points the kg command at cfg.
func useServer(t *testing.T, cfg neo4j.Config) {
	t.Setenv("NEO4J_URI", cfg.URI)
	t.Setenv("NEO4J_USERNAME", cfg.Username)
	t.Setenv("NEO4J_PASSWORD", cfg.Password)
	t.Setenv("NEO4J_DATABASE", cfg.Database)
}

// nextDay writes into a new folder what the next load brings: one
// article of dir changed (a sentence added: same id, new hash) and one
// new article, with text written for this test.
func nextDay(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".txt") {
			first = e.Name()
			break
		}
	}
	if first == "" {
		t.Fatalf("%s: no article", dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, first))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "next")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	changed := string(raw) + "\n\nThe city of Lyon and the city of Krakow signed a partnership agreement in 2019.\n"
	added := "Lyon and Porto sign a twinning agreement\n\nThe mayor of Lyon, Anna Berg, met the mayor of Porto in Lyon on 4 May 2021. " +
		"Lyon and Porto signed a twinning agreement. Porto is a city in Portugal. About 300 students will take part in the exchange.\n"
	for name, text := range map[string]string{first: changed, "zz-next-day.txt": added} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestIntegrationExportLayout: kg export --format neo4j-admin imported
// with neo4j-admin database import (its import.sh, then its
// after-import.cypher) and kg export --format cypher replayed into an
// empty database each give exactly the graph kg ingest --neo4j gives for
// the same articles: every node with all its labels and properties,
// every relationship with its type, endpoints and all its properties
// (fullDump), Source nodes, MENTIONS records and merge summaries
// included, on the samples and the dev articles. Then kg ingest --neo4j
// of a changed and a new article on top of the import and of the replay
// succeeds and gives the graph the same ingest gives on top of kg ingest
// --neo4j.
func TestIntegrationExportLayout(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	main := neo4j.OpenIntegration(t, cfg)
	s := newServer(t)
	s.start()
	imported := s.open()
	defer func() { imported.Close(t.Context()) }()
	for _, corpus := range []struct{ name, dir string }{
		{"samples", filepath.Join("..", "..", "seeds")},
		{"dev articles", ""},
	} {
		t.Run(corpus.name, func(t *testing.T) {
			dir := corpus.dir
			if dir == "" {
				dir = devArticles(t)
			}
			next := nextDay(t, dir)
			useServer(t, cfg)
			neo4j.Wipe(t, main)
			mustKG(t, "ingest", "--neo4j", dir)
			want := fullDump(t, main)

			emb := embeddedIngest(t, dir)
			out := t.TempDir()
			os.Unsetenv("NEO4J_URI")
			for _, format := range []string{"cypher", "neo4j-admin"} {
				if r := kg(t, "export", "--store", emb.Path(), "--format", format, filepath.Join(out, format)); r.code != 0 {
					t.Fatalf("kg export --format %s: exit %d\n%s", format, r.code, r.stderr)
				}
			}
			useServer(t, cfg)

			// (a) the cypher-shell script replayed into an empty database.
			neo4j.Wipe(t, main)
			n := replay(t, main, filepath.Join(out, "cypher", "graph.cypher"))
			sameDump(t, "cypher replay ("+strconv.Itoa(n)+" statements)", fullDump(t, main), want)

			// (b) neo4j-admin database import into the stopped second server.
			imported.Close(t.Context())
			s.stop()
			imp := exec.Command("sh", filepath.Join(out, "neo4j-admin", "import.sh"))
			imp.Env = append(s.env, "NEO4J_HOME="+s.home)
			if b, err := imp.CombinedOutput(); err != nil {
				t.Fatalf("import.sh: %v\n%s", err, b)
			}
			s.start()
			imported = s.open()
			n = afterImport(t, imported, filepath.Join(out, "neo4j-admin", "after-import.cypher"))
			t.Logf("after-import.cypher: %d statements", n)
			sameDump(t, "neo4j-admin import", fullDump(t, imported), want)

			// The next day's articles on top of each.
			mustKG(t, "ingest", "--neo4j", next)
			replayed := fullDump(t, main)
			useServer(t, s.cfg)
			mustKG(t, "ingest", "--neo4j", next)
			onImport := fullDump(t, imported)
			useServer(t, cfg)
			neo4j.Wipe(t, main)
			mustKG(t, "ingest", "--neo4j", dir)
			mustKG(t, "ingest", "--neo4j", next)
			want = fullDump(t, main)
			sameDump(t, "next day on the neo4j-admin import", onImport, want)
			sameDump(t, "next day on the cypher replay", replayed, want)
			if d := duplicates(t, imported); len(d) > 0 {
				t.Errorf("duplicates on the import: %v", d)
			}
		})
	}
}
