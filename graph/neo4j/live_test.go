package neo4j_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph/neo4j"
	"github.com/kg-dev/kg/graph/sqlite"
	"github.com/kg-dev/kg/internal/cli"
	"github.com/kg-dev/kg/internal/livetest"
	"github.com/kg-dev/kg/queries"
)

// These tests drive the kg command against the live Neo4j of NEO4J_URI
// (tools/neo4j/neo4j.sh start; .ci/run) and compare what it holds with the
// embedded store. Like the other integration tests they empty that
// database first.

type kgResult struct {
	code           int
	stdout, stderr string
}

// kg runs the kg command in-process with the environment as it is.
func kg(t *testing.T, args ...string) kgResult {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(append([]string{"kg"}, args...), strings.NewReader(""), &out, &errb)
	return kgResult{code, out.String(), errb.String()}
}

func mustKG(t *testing.T, args ...string) kgResult {
	t.Helper()
	r := kg(t, args...)
	if r.code != 0 {
		t.Fatalf("kg %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// embeddedIngest ingests paths into a new embedded store and returns it,
// open read-only.
func embeddedIngest(t *testing.T, paths ...string) *sqlite.Store {
	t.Helper()
	db := filepath.Join(t.TempDir(), "kg.db")
	uri := os.Getenv("NEO4J_URI")
	os.Unsetenv("NEO4J_URI") // NEO4J_URI alone selects Neo4j
	r := kg(t, append([]string{"ingest", "--store", db}, paths...)...)
	os.Setenv("NEO4J_URI", uri)
	if r.code != 0 {
		t.Fatalf("kg ingest --store: exit %d\n%s", r.code, r.stderr)
	}
	st, err := sqlite.Open(context.Background(), db, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// devArticles is the shared dev set, beside the project's folder; in CI it
// must be there.
func devArticles(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval", "dev", "articles")
	if _, err := os.Stat(dir); err != nil {
		livetest.Skip(t, fmt.Sprintf("no dev articles: %v", err))
	}
	return dir
}

func names(t *testing.T, st *neo4j.Store, labels ...string) []string {
	t.Helper()
	var out []string
	for _, lb := range labels {
		for _, r := range neo4j.Select(t, st, "MATCH (n:"+lb+") RETURN n.name ORDER BY n.id", nil) {
			out = append(out, r[0].(string))
		}
	}
	return out
}

// paramSets returns the parameter sets each canned query is compared on:
// every name of the graph that the parameter can name, as it is written
// in the articles (the query must fold it), and for two-entity queries
// pairs of them.
func paramSets(t *testing.T, st *neo4j.Store, q queries.Query) []map[string]string {
	t.Helper()
	entities := []string{"Person", "City", "Country", "Organization", "Event"}
	one := map[string][]string{
		"city":   names(t, st, "City"),
		"place":  names(t, st, "City", "Country"),
		"entity": names(t, st, entities...),
		"person": append([]string{""}, names(t, st, "Person")...),
		"event":  names(t, st, "Event"),
		"limit":  {"3", "1000"},
	}
	var ps []string
	for _, p := range q.Params {
		ps = append(ps, p.Name)
	}
	var out []map[string]string
	switch strings.Join(ps, ",") {
	case "source,target":
		places := names(t, st, "City", "Country", "Person")
		if len(places) > 12 {
			places = places[:12]
		}
		for _, a := range places {
			for _, b := range places {
				if a != b {
					out = append(out, map[string]string{"source": a, "target": b})
				}
			}
		}
	case "rel,source,target":
		rows := neo4j.Select(t, st, "MATCH (a)-[r]->(b) WHERE NOT a:Article AND NOT a:Quantity RETURN type(r), a.name, b.name ORDER BY a.id, type(r), b.id LIMIT 150", nil)
		for _, r := range rows {
			rel := strings.ReplaceAll(strings.ToLower(r[0].(string)), "_", "-")
			out = append(out, map[string]string{"rel": rel, "source": r[1].(string), "target": r[2].(string)})
			out = append(out, map[string]string{"rel": rel, "source": r[2].(string), "target": r[1].(string)})
		}
	default:
		if len(ps) != 1 {
			t.Fatalf("query %s: no parameter sets for params %v", q.Name, ps)
		}
		vals, ok := one[ps[0]]
		if !ok {
			t.Fatalf("query %s: no parameter sets for param %q", q.Name, ps[0])
		}
		for _, v := range vals {
			out = append(out, map[string]string{ps[0]: v})
		}
	}
	if len(out) == 0 {
		t.Fatalf("query %s: no parameter sets", q.Name)
	}
	return out
}

func normalizedJSON(t *testing.T, q queries.Query, r queries.Result) string {
	t.Helper()
	b, err := json.Marshal(q.Normalize(r))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestIntegrationParity: every canned query returns the same rows from
// Neo4j as from the embedded store, for every name the graph holds, on the
// samples and on the dev articles, both loaded by kg ingest.
func TestIntegrationParity(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	for _, corpus := range []struct{ name, dir string }{
		{"samples", filepath.Join("..", "..", "seeds")},
		{"dev articles", ""},
	} {
		t.Run(corpus.name, func(t *testing.T) {
			dir := corpus.dir
			if dir == "" {
				dir = devArticles(t)
			}
			st := neo4j.OpenIntegration(t, cfg)
			emb := embeddedIngest(t, dir)
			mustKG(t, "ingest", "--neo4j", dir)
			ctx := context.Background()
			eng := st.Engine()
			compared, nonEmpty := 0, 0
			for _, q := range queries.All() {
				for _, raw := range paramSets(t, st, q) {
					b, err := q.Bind(raw)
					if err != nil {
						t.Fatalf("%s %v: %v", q.Name, raw, err)
					}
					want, err := emb.Run(ctx, q, b)
					if err != nil {
						t.Fatalf("%s %v on the embedded store: %v", q.Name, raw, err)
					}
					got, err := eng.Run(ctx, q, b)
					if err != nil {
						t.Fatalf("%s %v on neo4j: %v", q.Name, raw, err)
					}
					compared++
					if len(want.Rows) > 0 {
						nonEmpty++
					}
					if g, w := normalizedJSON(t, q, got), normalizedJSON(t, q, want); g != w {
						t.Errorf("%s %v:\nneo4j    %s\nembedded %s", q.Name, raw, g, w)
					}
				}
			}
			t.Logf("%d query runs compared (%d with rows)", compared, nonEmpty)
			if nonEmpty < len(queries.All()) {
				t.Errorf("only %d runs returned rows: the comparison says little", nonEmpty)
			}
		})
	}
}

// copyDir copies the regular files of src into a new directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dst
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// TestIntegrationIngestCLI: kg ingest twice gives the same graph; a changed
// article replaces exactly its contribution (the graph equals a fresh load
// of the changed corpus); a deleted article is removed (the graph equals a
// fresh load without it).
func TestIntegrationIngestCLI(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	st := neo4j.OpenIntegration(t, cfg)
	ctx := context.Background()
	dir := copyDir(t, filepath.Join("..", "..", "seeds"))
	mustKG(t, "ingest", "--neo4j", dir)
	first := neo4j.Census(t, st)
	r := mustKG(t, "ingest", "--neo4j", dir)
	if got := neo4j.Census(t, st); !reflect.DeepEqual(got, first) {
		t.Errorf("second ingest: got %v, want %v", got, first)
	}
	if !strings.Contains(r.stderr+r.stdout, "5 unchanged") {
		t.Errorf("second ingest: got %q, want 5 articles unchanged", r.stderr+r.stdout)
	}
	mustKG(t, "ingest", "--neo4j", "--force", dir)
	if got := neo4j.Census(t, st); !reflect.DeepEqual(got, first) {
		t.Errorf("forced ingest: got %v, want %v", got, first)
	}

	// Change one article: keep its first line and first paragraph only.
	fs := files(t, dir)
	changed := filepath.Join(dir, fs[len(fs)-1])
	b, err := os.ReadFile(changed)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(b), "\n\n", 3)
	short := strings.Join(parts[:min(2, len(parts))], "\n\n") + "\n"
	if short == string(b) {
		t.Fatal("the article did not change")
	}
	if err := os.WriteFile(changed, []byte(short), 0o644); err != nil {
		t.Fatal(err)
	}
	mustKG(t, "ingest", "--neo4j", dir)
	afterChange := neo4j.Census(t, st)
	if reflect.DeepEqual(afterChange, first) {
		t.Errorf("the changed article changed nothing: %v", afterChange)
	}
	neo4j.Wipe(t, st)
	mustKG(t, "ingest", "--neo4j", dir)
	if fresh := neo4j.Census(t, st); !reflect.DeepEqual(afterChange, fresh) {
		t.Errorf("after changing an article: got %v, want what a fresh load gives: %v", afterChange, fresh)
	}

	// Remove one article: delete it from the store (Loader.Delete).
	ids := neo4j.Select(t, st, "MATCH (a:Article) RETURN a.id, a.path ORDER BY a.id", nil)
	var victim string
	for _, r := range ids {
		if p, _ := r[1].(string); filepath.Base(p) == fs[0] {
			victim = r[0].(string)
		}
	}
	if victim == "" {
		t.Fatalf("no article for %s in %v", fs[0], ids)
	}
	if err := st.Delete(ctx, []string{victim}); err != nil {
		t.Fatal(err)
	}
	afterDelete := neo4j.Census(t, st)
	if err := os.Remove(filepath.Join(dir, fs[0])); err != nil {
		t.Fatal(err)
	}
	neo4j.Wipe(t, st)
	mustKG(t, "ingest", "--neo4j", dir)
	if fresh := neo4j.Census(t, st); !reflect.DeepEqual(afterDelete, fresh) {
		t.Errorf("after deleting an article: got %v, want what a fresh load without it gives: %v", afterDelete, fresh)
	}
	if n := neo4j.Select(t, st, "MATCH (a:Article {id: $id}) RETURN count(a)", map[string]any{"id": victim}); n[0][0] != int64(0) {
		t.Errorf("the deleted article is still there")
	}
}

// duplicates counts nodes sharing a label and id (or Quantity key) and
// relationships sharing endpoints, type and key.
func duplicates(t *testing.T, st *neo4j.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, q := range []string{
		"MATCH (n) WITH labels(n)[0] AS l, coalesce(n.id, n.key, n.of + ' ' + n.article) AS k, count(*) AS c WHERE c > 1 RETURN 'node ' + l + ' ' + k, c",
		"MATCH (a)-[r]->(b) WITH a, type(r) AS ty, b, r.key AS k, count(*) AS c WHERE c > 1 RETURN 'rel ' + coalesce(a.id, a.key) + ' ' + ty + ' ' + coalesce(b.id, b.key) + ' ' + coalesce(k, ''), c",
	} {
		for _, r := range neo4j.Select(t, st, q, nil) {
			out[r[0].(string)] = r[1].(int64)
		}
	}
	return out
}

// TestIntegrationConcurrentLoaders: two kg ingest at once on overlapping
// inputs leave no duplicate node or relationship, and the graph a single
// load of their union gives.
func TestIntegrationConcurrentLoaders(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	st := neo4j.OpenIntegration(t, cfg)
	seeds := filepath.Join("..", "..", "seeds")
	fs := files(t, seeds)
	a, b := t.TempDir(), t.TempDir()
	for i, f := range fs {
		raw, err := os.ReadFile(filepath.Join(seeds, f))
		if err != nil {
			t.Fatal(err)
		}
		if i < 4 { // a: 0-3, b: 1-4 (three in common)
			os.WriteFile(filepath.Join(a, f), raw, 0o644)
		}
		if i >= 1 {
			os.WriteFile(filepath.Join(b, f), raw, 0o644)
		}
	}
	mustKG(t, "ingest", "--neo4j", seeds)
	want := neo4j.Census(t, st)
	for round := 0; round < 3; round++ {
		neo4j.Wipe(t, st)
		done := make(chan kgResult, 2)
		for _, dir := range []string{a, b} {
			go func() { done <- kg(t, "ingest", "--neo4j", "--neo4j-batch", "5", dir) }()
		}
		for range 2 {
			if r := <-done; r.code != 0 {
				t.Fatalf("round %d: a concurrent ingest failed: exit %d\n%s", round, r.code, r.stderr)
			}
		}
		if d := duplicates(t, st); len(d) > 0 {
			t.Errorf("round %d: duplicates: %v", round, d)
		}
		if got := neo4j.Census(t, st); !reflect.DeepEqual(got, want) {
			t.Errorf("round %d: got %v, want what one load of the union gives: %v", round, got, want)
		}
	}
}

// TestIntegrationCLIFaults: kg exits 3 with a clear message when Neo4j is
// unreachable or the database does not exist. (A wrong password is
// internal/cli's TestNeo4jIntegrationSettings: Neo4j locks the user after
// three failed logins, so the tests make as few as they can.)
func TestIntegrationCLIFaults(t *testing.T) {
	neo4j.IntegrationConfig(t)
	seeds := filepath.Join("..", "..", "seeds")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unreachable", map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, []string{"ingest", "--neo4j", seeds}, "neo4j is not reachable at bolt://127.0.0.1:1"},
		{"unknown database", map[string]string{"NEO4J_DATABASE": "kgnosuchdb"}, []string{"ingest", "--neo4j", seeds}, `no such neo4j database: `},
		{"unknown database, query", map[string]string{"NEO4J_DATABASE": "kgnosuchdb"}, []string{"partners", "Hanoi"}, `has no database "kgnosuchdb"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := kg(t, tt.args...)
			if r.code != 3 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("got exit %d, stderr %q; want exit 3 and %q", r.code, r.stderr, tt.want)
			}
			if pw := os.Getenv("NEO4J_PASSWORD"); pw != "" && strings.Contains(r.stdout+r.stderr, pw) {
				t.Errorf("the output shows the password")
			}
		})
	}
}
