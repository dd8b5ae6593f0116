package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/sqlite"
)

// fixtureStore writes graph/testdata/fixture.json into a new store.
func fixtureStore(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../../graph/testdata/fixture.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.DocResult
	if err := json.Unmarshal(raw, &docs); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kg.db")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := tx.Put(graph.Build(d)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExport(t *testing.T) {
	store := fixtureStore(t)
	tests := []struct {
		format string
		files  []string
		want   string // in the first file
	}{
		{"neo4j-admin", []string{"nodes_City.csv", "rels_PARTNER_OF.csv", "nodes_Source.csv", "import.sh", "after-import.cypher"}, "id:ID(Entity),:LABEL,"},
		{"cypher", []string{"graph.cypher"}, "MERGE (n:City {id: 'city:hanoi'})"},
		{"graphml", []string{"graph.graphml"}, `<node id="Entity:city:hanoi">`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			var out, errb bytes.Buffer
			code := Main([]string{"kg", "export", "--format", tt.format, "--store", store, dir}, strings.NewReader(""), &out, &errb)
			if code != ExitOK {
				t.Fatalf("exit code: got %d, want 0 (stderr %s)", code, errb.String())
			}
			for _, f := range tt.files {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("got no %s: %v", f, err)
				}
			}
			b, err := os.ReadFile(filepath.Join(dir, tt.files[0]))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tt.want) {
				t.Errorf("%s: got no %q in\n%s", tt.files[0], tt.want, b)
			}
			if !strings.Contains(errb.String(), "kg: exported ") {
				t.Errorf("stderr: got %q, want a summary", errb.String())
			}
		})
	}
}

func TestExportErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no format", []string{"export", dir}, ExitUsage},
		{"bad format", []string{"export", "--format", "json", dir}, ExitUsage},
		{"no dir", []string{"export", "--format", "cypher"}, ExitUsage},
		{"no store", []string{"export", "--format", "cypher", "--store", filepath.Join(dir, "missing.db"), dir}, ExitUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := Main(append([]string{"kg"}, tt.args...), strings.NewReader(""), &out, &errb); code != tt.code {
				t.Errorf("exit code: got %d, want %d (stderr %s)", code, tt.code, errb.String())
			}
		})
	}
}
