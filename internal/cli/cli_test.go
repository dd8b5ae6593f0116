package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/sqlite"
	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the cmp files of testdata/script/*.txtar that differ")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kg": func() {
			useTestData()
			os.Exit(Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each gets
// the repository's seeds/ in its work directory. Extra commands:
//
//	exits CODE kg ARGS...  runs kg and fails unless it exits with CODE
//	                       (stdout and stderr are kept for the next checks)
//	counts STORE           prints a store's node and relationship counts
//	extractdata DIR FILE FIELD...
//	                       writes a copy of the extractor's data files to
//	                       DIR with a line of the FIELDs (tab-separated)
//	                       added to FILE (see useTestData)
func TestScripts(t *testing.T) {
	seeds, err := filepath.Abs(filepath.Join("..", "..", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			return copyDir(seeds, filepath.Join(env.WorkDir, "seeds"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":       cmdExits,
			"counts":      cmdCounts,
			"extractdata": cmdExtractData,
		},
	})
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE CMD ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("running %s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s: got exit code %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}

func cmdCounts(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: counts STORE")
	}
	s, err := sqlite.Open(context.Background(), ts.MkAbs(args[0]), sqlite.Options{ReadOnly: true})
	if err != nil {
		ts.Fatalf("opening %s: %v", args[0], err)
	}
	defer s.Close()
	c, err := s.Counts(context.Background())
	if err != nil {
		ts.Fatalf("counting %s: %v", args[0], err)
	}
	for _, k := range sortedKeys(c.Nodes) {
		fmt.Fprintf(ts.Stdout(), "%s %d\n", k, c.Nodes[k])
	}
	for _, k := range sortedKeys(c.Rels) {
		fmt.Fprintf(ts.Stdout(), "%s %d\n", k, c.Rels[k])
	}
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

func TestParamList(t *testing.T) {
	tests := []struct {
		name string
		raw  []string
		want map[string]string
		err  string
	}{
		{"plain", []string{"city=Hà Nội", "n=3"}, map[string]string{"city": "Hà Nội", "n": "3"}, ""},
		{"value with = and ,", []string{"q=a=b,c"}, map[string]string{"q": "a=b,c"}, ""},
		{"empty value", []string{"person="}, map[string]string{"person": ""}, ""},
		{"no =", []string{"city"}, nil, "want KEY=VALUE"},
		{"empty key", []string{"=x"}, nil, "want KEY=VALUE"},
		{"twice", []string{"a=1", "a=2"}, nil, "given twice"},
		{"repeated", []string{"a=1", "a=1"}, map[string]string{"a": "1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &paramList{}
			for _, r := range tt.raw {
				p.Set(r)
			}
			got, err := p.Map()
			if tt.err != "" {
				if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want a usage error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{"x", "x"},
		{float64(1000), "1000"},
		{2.5, "2.5"},
		{int64(7), "7"},
		{true, "true"},
		{[]any{"a", int64(1), nil}, "a; 1; "},
	}
	for _, tt := range tests {
		if got := formatValue(tt.in); got != tt.want {
			t.Errorf("formatValue(%#v): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// recordingSink wraps a write session: it records the order of Puts and
// can cancel the run or fail at the nth Put.
type recordingSink struct {
	graph.Writer
	ids        []string
	cancelAt   int
	cancel     func()
	failAt     int
	rolledBack bool
}

func (r *recordingSink) Put(b graph.Batch) error {
	r.ids = append(r.ids, b.Article.ID)
	if len(r.ids) == r.failAt {
		return errors.New("disk on fire")
	}
	if len(r.ids) == r.cancelAt {
		r.cancel()
	}
	return r.Writer.Put(b)
}

func (r *recordingSink) Rollback() error {
	r.rolledBack = true
	return r.Writer.Rollback()
}

// corpusDir copies the seeds n times under distinct names.
func corpusDir(t *testing.T, n int) (string, []string) {
	t.Helper()
	seeds, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	dir := t.TempDir()
	var ids []string
	for i := 0; i < n; i++ {
		for _, s := range seeds {
			b, err := os.ReadFile(s)
			if err != nil {
				t.Fatal(err)
			}
			id := fmt.Sprintf("c%03d_%s", i, strings.TrimSuffix(filepath.Base(s), ".txt"))
			if err := os.WriteFile(filepath.Join(dir, id+".txt"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return dir, ids
}

func storeCounts(t *testing.T, path string) graph.Counts {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openTestSink opens a write session on the embedded store at path,
// committing every `every` articles (0: the default); the store is closed
// when t ends.
func openTestSink(t testing.TB, path string, every int) graph.Writer {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	g := s.Graph()
	g.CommitEvery = every
	w, err := g.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestIngestPipeline(t *testing.T) {
	dir, ids := corpusDir(t, 6)
	path := filepath.Join(t.TempDir(), "kg.db")
	var stderr strings.Builder

	// Articles are written in input order whatever the parallelism.
	rec := &recordingSink{Writer: openTestSink(t, path, 0)}
	rep, err := ingest(context.Background(), rec, []string{dir}, ingestOptions{workers: 4, stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec.ids, ids) {
		t.Errorf("got Put order %v, want %v", rec.ids, ids)
	}
	if rep.Written != len(ids) || rep.Unchanged != 0 {
		t.Errorf("got %+v, want %d written", rep, len(ids))
	}
	before := storeCounts(t, path)

	t.Run("cancelled", func(t *testing.T) {
		more, _ := corpusDir(t, 8)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rec := &recordingSink{Writer: openTestSink(t, path, 1000), cancelAt: 3, cancel: cancel} // no commit before the end
		_, err := ingest(ctx, rec, []string{more}, ingestOptions{workers: 2, stderr: &stderr})
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "the store is unchanged") {
			t.Errorf("got %v, want an interruption that says the store is unchanged", err)
		}
		if !rec.rolledBack {
			t.Errorf("the transaction was not rolled back")
		}
		if got := storeCounts(t, path); fmt.Sprint(got) != fmt.Sprint(before) {
			t.Errorf("got counts %v, want %v", got, before)
		}
	})
	t.Run("write fails", func(t *testing.T) {
		more, _ := corpusDir(t, 8)
		rec := &recordingSink{Writer: openTestSink(t, path, 1000), failAt: 5}
		_, err := ingest(context.Background(), rec, []string{more}, ingestOptions{workers: 2, stderr: &stderr})
		if err == nil || !strings.Contains(err.Error(), "disk on fire") {
			t.Errorf("got %v, want the write error", err)
		}
		if !rec.rolledBack {
			t.Errorf("the transaction was not rolled back")
		}
		if got := storeCounts(t, path); fmt.Sprint(got) != fmt.Sprint(before) {
			t.Errorf("got counts %v, want %v", got, before)
		}
	})
	t.Run("unchanged skipped before extraction", func(t *testing.T) {
		rec := &recordingSink{Writer: openTestSink(t, path, 0)}
		rep, err := ingest(context.Background(), rec, []string{dir}, ingestOptions{workers: 2, stderr: &stderr})
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.ids) != 0 || rep.Unchanged != len(ids) {
			t.Errorf("got %d writes and %d unchanged, want 0 and %d", len(rec.ids), rep.Unchanged, len(ids))
		}
	})
}
