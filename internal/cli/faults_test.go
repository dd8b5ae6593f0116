package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/kg-dev/kg/graph/sqlite"
	ucli "github.com/urfave/cli/v2"
)

// TestFaults is the command-line table of bad inputs and injected faults
// (docs/ROBUSTNESS.md lists it with the package-level tests): each case
// runs kg in-process on a fresh directory and checks the exit code, what
// standard error says, and what became of the store.
func TestFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the seeds several times and waits out a store lock")
	}
	// The embedded store unless a case says otherwise, also in the CI job
	// that sets NEO4J_URI.
	for _, k := range []string{"NEO4J_URI", "NEO4J_PASSWORD", "KG_STORE"} {
		t.Setenv(k, "")
	}
	seed := readSeed(t)
	closed := closedPort(t)

	// One store ingested from the seeds, copied into each case that needs
	// an existing store.
	base := filepath.Join(t.TempDir(), "base.db")
	if r := kgRun(t, context.Background(), "ingest", "--store", base, seedsDir(t)); r.code != ExitOK {
		t.Fatalf("ingesting the seeds: exit %d, %s", r.code, r.stderr)
	}

	tests := []struct {
		name  string
		files map[string]string                      // written under the case's directory
		setup func(t *testing.T, dir string)         // after files
		args  func(dir string) []string              // kg's arguments
		code  int                                    // want exit code
		errs  []string                               // want in stderr
		check func(t *testing.T, dir, before string) // the store afterwards; before is its sha256 before kg ran
		hook  func(t *testing.T, dir string)         // what the case holds while kg runs (a lock)
		until string                                 // cancel the context (Ctrl-C) once stderr holds this
		never []string                               // must not appear in stdout or stderr
	}{
		// Usage errors: exit 2.
		{name: "unknown command", args: fixed("ingets", "seeds"), code: ExitUsage, errs: []string{`unknown command "ingets"`}},
		{name: "help for an unknown command", args: fixed("help", "ingets"), code: ExitUsage, errs: []string{`unknown command "ingets"`}},
		{name: "unknown flag", args: fixed("ingest", "--no-such-flag", "x"), code: ExitUsage, errs: []string{"flag provided but not defined: -no-such-flag"}},
		{name: "bad flag value", args: fixed("ingest", "--workers", "many", "x"), code: ExitUsage, errs: []string{"invalid value"}},
		{name: "flag without its value", args: fixed("query", "--param"), code: ExitUsage, errs: []string{"flag needs an argument"}},
		{name: "no input", args: fixed("ingest"), code: ExitUsage, errs: []string{"ingest needs at least one PATH"}},

		// Inputs: one bad file never stops the others; exit 1 when any failed.
		{
			name: "mixed directory",
			files: map[string]string{
				"in/a.txt":          seed,
				"in/b_bom_crlf.txt": "\ufeff" + strings.ReplaceAll(seed, "\n", "\r\n"),
				"in/c_utf16.txt":    utf16LE(seed),
				"in/d_latin1.txt":   " date 2024-01-02 Caf\xe9\nHanoi and Toulouse signed an agreement.\n",
				"in/e_nul.txt":      "Hanoi\x00and Toulouse signed an agreement.\n",
				"in/f_empty.txt":    "",
				"in/g_notes.md":     "# not an article",
				"in/h_corpus.jsonl": `{"id":"j1","text":"Hanoi and Toulouse signed an agreement.","date":"2024-01-02","lang":"en"}` + "\n" + `{"id":"j2","text":` + "\n",
				"in/i_no_date.txt":  "Hanoi and Toulouse signed an agreement.\n",
			},
			args: func(dir string) []string {
				return []string{"ingest", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "in"), filepath.Join(dir, "missing.txt")}
			},
			code: ExitInputs,
			errs: []string{
				filepath.Join("in", "c_utf16.txt") + ": decoded from UTF-16LE (no byte order mark",
				"d_latin1.txt: invalid UTF-8 at byte 20 (1 bad bytes replaced by U+001A)",
				"e_nul.txt: 1 NUL bytes replaced by spaces, the first at byte 5",
				"f_empty.txt: no text",
				`g_notes.md: unsupported file type ".md"`,
				filepath.Join("in", "h_corpus.jsonl") + ":2: decoding record: invalid JSON",
				"missing.txt: stat: no such file or directory",
				"ingested 7 articles (0 unchanged, 2 failed)",
				"2 inputs could not be read (listed above)",
			},
			check: articles(7),
		},
		{
			name:  "warnings only",
			files: map[string]string{"in/a.txt": seed, "in/empty.txt": " \r\n", "in/notes.md": "x"},
			args: func(dir string) []string {
				return []string{"ingest", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "in")}
			},
			code:  ExitOK,
			errs:  []string{"empty.txt: no text", `unsupported file type ".md"`, "ingested 1 article (0 unchanged, 0 failed)"},
			check: articles(1),
		},
		{
			name:  "binary file named explicitly",
			files: map[string]string{"blob.bin": "\x00\x01\x02\x03binary", "a.txt": seed},
			args: func(dir string) []string {
				return []string{"extract", filepath.Join(dir, "blob.bin"), filepath.Join(dir, "a.txt")}
			},
			code: ExitInputs,
			errs: []string{`blob.bin: unsupported file type ".bin"`},
		},

		// The embedded store: exit 3, a message naming the file, the file
		// untouched.
		{
			name:  "store is not a kg store",
			files: map[string]string{"notes.db": strings.Repeat("my notes, not a database\n", 10), "a.txt": seed},
			args: func(dir string) []string {
				return []string{"ingest", "--store", filepath.Join(dir, "notes.db"), filepath.Join(dir, "a.txt")}
			},
			code:  ExitUnavailable,
			errs:  []string{"not a kg store", "notes.db is not a SQLite database"},
			check: sameFile("notes.db", strings.Repeat("my notes, not a database\n", 10)),
		},
		{
			name:  "store is corrupt",
			files: map[string]string{"a.txt": seed},
			setup: func(t *testing.T, dir string) {
				p := copyStore(t, base, dir)
				f, err := os.OpenFile(p, os.O_RDWR, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if _, err := f.WriteAt(bytes.Repeat([]byte("\xde\xad\xbe\xef"), 1024), 2*4096); err != nil {
					t.Fatal(err)
				}
			},
			args: func(dir string) []string {
				return []string{"ingest", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "a.txt")}
			},
			code:  ExitUnavailable,
			errs:  []string{"store is corrupt", "kg.db"},
			check: unchanged,
		},
		{
			name:  "store locked by another ingest",
			files: map[string]string{"a.txt": seed},
			setup: func(t *testing.T, dir string) { copyStore(t, base, dir) },
			hook: func(t *testing.T, dir string) {
				s, err := sqlite.Open(context.Background(), filepath.Join(dir, "kg.db"), sqlite.Options{})
				if err != nil {
					t.Fatal(err)
				}
				tx, err := s.Begin(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { tx.Rollback(); s.Close() })
			},
			args: func(dir string) []string {
				return []string{"ingest", "--wait", "1s", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "a.txt")}
			},
			code:  ExitUnavailable,
			errs:  []string{"kg.db is being written by another kg: waiting up to 1s for it (--wait)", "store is locked by another writer", "kg.db", "--wait"},
			check: articles(5),
		},
		{
			name:  "store locked, --wait 0 fails at once",
			files: map[string]string{"a.txt": seed},
			setup: func(t *testing.T, dir string) { copyStore(t, base, dir) },
			hook:  holdLock(0),
			args: func(dir string) []string {
				return []string{"ingest", "--wait", "0", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "a.txt")}
			},
			code:  ExitUnavailable,
			errs:  []string{"store is locked by another writer"},
			never: []string{"waiting up to"},
			check: articles(5),
		},
		{
			name:  "second writer waits for the first (--wait)",
			files: map[string]string{"a.txt": strings.Replace(seed, "Hanoi", "Hanoi waits", 1)},
			setup: func(t *testing.T, dir string) { copyStore(t, base, dir) },
			hook:  holdLock(1500 * time.Millisecond),
			args: func(dir string) []string {
				return []string{"ingest", "--wait", "1m", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "a.txt")}
			},
			code:  ExitOK,
			errs:  []string{"waiting up to 1m0s for it (--wait)", "ingested 1 article (0 unchanged, 0 failed)"},
			check: articles(6),
		},
		{
			name: "query without a store",
			args: func(dir string) []string {
				return []string{"partners", "--store", filepath.Join(dir, "kg.db"), "Hanoi"}
			},
			code: ExitUnavailable,
			errs: []string{"store does not exist", "run kg ingest first"},
			check: func(t *testing.T, dir, _ string) {
				if _, err := os.Stat(filepath.Join(dir, "kg.db")); !os.IsNotExist(err) {
					t.Errorf("a query created the store: %v", err)
				}
			},
		},
		{
			name:  "store is a directory",
			files: map[string]string{"a.txt": seed, "store.db/keep": ""},
			args: func(dir string) []string {
				return []string{"ingest", "--store", filepath.Join(dir, "store.db"), filepath.Join(dir, "a.txt")}
			},
			code: ExitUnavailable,
			errs: []string{"store.db is a directory"},
		},
		{
			name:  "store in a missing directory",
			files: map[string]string{"a.txt": seed},
			args: func(dir string) []string {
				return []string{"ingest", "--store", filepath.Join(dir, "no", "kg.db"), filepath.Join(dir, "a.txt")}
			},
			code: ExitUnavailable,
			errs: []string{"cannot create", "there is no directory", "(create it first)"},
		},

		// Ctrl-C mid-ingest: exit 130, the store byte for byte as it was.
		{
			name:  "interrupted ingest",
			setup: func(t *testing.T, dir string) { copyStore(t, base, dir); manyArticles(t, dir, seed) },
			args: func(dir string) []string {
				return []string{"ingest", "--workers", "2", "--batch", "1000", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "in")}
			},
			until: "m_empty.txt: no text",
			code:  ExitInterrupted,
			errs:  []string{"ingest interrupted, the store is unchanged"},
			check: unchanged,
		},
		// Ctrl-C after some batches: they stay, whole articles only.
		{
			name:  "interrupted ingest keeps its commits",
			setup: func(t *testing.T, dir string) { copyStore(t, base, dir); manyArticles(t, dir, seed) },
			args: func(dir string) []string {
				return []string{"ingest", "--workers", "1", "--batch", "2", "--store", filepath.Join(dir, "kg.db"), filepath.Join(dir, "in")}
			},
			until: "m_empty.txt: no text",
			code:  ExitInterrupted,
			errs:  []string{"ingest interrupted: the ", " articles committed before it stay in the store (a re-run skips them and does the rest)"},
			check: func(t *testing.T, dir, _ string) {
				p := filepath.Join(dir, "kg.db")
				n := storeCounts(t, p).Nodes["Article"]
				// The reader is at most a few articles ahead of the writer
				// (ordered.Map bounds them), so some batches were committed.
				if n < 5+2 || n >= 5+24 || (n-5)%2 != 0 {
					t.Errorf("%d articles after the interruption: want the 5 before and whole batches of 2 of the others", n)
				}
				noJournal(t, p)
			},
		},

		// Neo4j settings and reachability (the server-side faults are
		// integration tests in graph/neo4j).
		{
			name:  "neo4j unreachable",
			files: map[string]string{"a.txt": seed},
			args: func(dir string) []string {
				return []string{"ingest", "--neo4j-uri", "bolt://" + closed, "--neo4j-password", testSecret, filepath.Join(dir, "a.txt")}
			},
			code:  ExitUnavailable,
			errs:  []string{"neo4j is not reachable at bolt://" + closed, "is the server running"},
			never: []string{testSecret},
		},
		{
			name:  "neo4j URI with credentials",
			files: map[string]string{"a.txt": seed},
			args: func(dir string) []string {
				return []string{"ingest", "--neo4j-password", "x", "--neo4j-uri", "neo4j://neo4j:" + testSecret + "@" + closed, filepath.Join(dir, "a.txt")}
			},
			code:  ExitUsage,
			errs:  []string{"must not contain credentials"},
			never: []string{testSecret},
		},
		{
			name:  "neo4j bad scheme",
			files: map[string]string{"a.txt": seed},
			args: func(dir string) []string {
				return []string{"query", "--neo4j-uri", "https://" + closed, "--neo4j-password", testSecret, "partners", "--param", "city=Hanoi"}
			},
			code:  ExitUsage,
			errs:  []string{`URI scheme "https"`},
			never: []string{testSecret},
		},
		{
			name:  "neo4j without a password",
			files: map[string]string{"a.txt": seed},
			args:  func(dir string) []string { return []string{"ingest", "--neo4j", filepath.Join(dir, "a.txt")} },
			code:  ExitUsage,
			errs:  []string{"no Neo4j password: set NEO4J_PASSWORD"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			before := fileSum(filepath.Join(dir, "kg.db"))
			if tt.hook != nil {
				tt.hook(t, dir)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var out bytes.Buffer
			errw := &watchWriter{until: tt.until, cancel: cancel}
			code := run(ctx, append([]string{"kg"}, tt.args(dir)...), strings.NewReader(""), &out, errw)
			stderr := errw.String()
			if code != tt.code {
				t.Errorf("exit code: got %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, want := range tt.errs {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr: want %q in\n%s", want, stderr)
				}
			}
			for _, bad := range tt.never {
				if strings.Contains(out.String()+stderr, bad) {
					t.Errorf("output contains %q:\n%s%s", bad, out.String(), stderr)
				}
			}
			if tt.check != nil {
				tt.check(t, dir, before)
			}
		})
	}
}

// TestUsageExitCodes checks the usage errors urfave/cli produces itself,
// which do not all go through OnUsageError: all exit 2, as do kg's own.
func TestUsageExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"required flag missing", []string{"probe"}, `Required flag "must" not set`},
		{"unknown flag", []string{"probe", "--must", "x", "--nope"}, "flag provided but not defined"},
		{"unknown command", []string{"nope"}, `unknown command "nope"`},
		{"help for an unknown command", []string{"help", "nope"}, `unknown command "nope"`},
		{"bad int", []string{"probe", "--must", "x", "--n", "one"}, "invalid value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runProbeApp(context.Background(), tt.args, nil)
			if code != ExitUsage {
				t.Errorf("exit code: got %d, want %d (stderr %q)", code, ExitUsage, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr: got %q, want %q", stderr, tt.want)
			}
		})
	}
	// Help still exits 0.
	for _, args := range [][]string{{}, {"help"}, {"help", "ingest"}, {"--help"}, {"ingest", "--help"}} {
		code, out, stderr := runProbeApp(context.Background(), args, nil)
		if code != ExitOK || !strings.Contains(out, "USAGE") {
			t.Errorf("kg %s: got exit %d and help %q, want 0 and some help (stderr %q)", strings.Join(args, " "), code, out, stderr)
		}
	}
}

// TestExitCodeOfInterruption: a command that fails once it was
// interrupted exits 130, whatever the error it returns.
func TestExitCodeOfInterruption(t *testing.T) {
	for _, err := range []error{context.Canceled, ErrUnavailable, ErrInputs, errors.New("boom")} {
		ctx, cancel := context.WithCancel(context.Background())
		code, _, _ := runProbeApp(ctx, []string{"probe", "--must", "x"}, func(*ucli.Context) error { cancel(); return err })
		if code != ExitInterrupted {
			t.Errorf("%v after Ctrl-C: got exit %d, want %d", err, code, ExitInterrupted)
		}
		cancel()
	}
	// Not interrupted: the error picks the code.
	code, _, _ := runProbeApp(context.Background(), []string{"probe", "--must", "x"}, func(*ucli.Context) error { return ErrUnavailable })
	if code != ExitUnavailable {
		t.Errorf("ErrUnavailable: got exit %d, want %d", code, ExitUnavailable)
	}
	if got := exitCode(fmt.Errorf("ingest interrupted: %w", context.Canceled)); got != ExitInterrupted {
		t.Errorf("exitCode(context.Canceled): got %d, want %d", got, ExitInterrupted)
	}
}

// runProbeApp runs kg's app with one more command, probe, which has a
// required flag --must and an int flag --n, and runs action (nil: success).
func runProbeApp(ctx context.Context, args []string, action ucli.ActionFunc) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	app := newApp(strings.NewReader(""), &out, &errb)
	if action == nil {
		action = func(*ucli.Context) error { return nil }
	}
	app.Commands = append(app.Commands, &ucli.Command{
		Name: "probe",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "must", Required: true},
			&ucli.IntFlag{Name: "n"},
		},
		OnUsageError: app.OnUsageError,
		Action:       action,
	})
	code = runApp(ctx, app, append([]string{"kg"}, args...))
	return code, out.String(), errb.String()
}

type result struct {
	code           int
	stdout, stderr string
}

// kgRun runs kg in-process with ctx standing for the signals.
func kgRun(t *testing.T, ctx context.Context, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, append([]string{"kg"}, args...), strings.NewReader(""), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func fixed(args ...string) func(string) []string {
	return func(string) []string { return args }
}

func seedsDir(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// readSeed returns one of the sample articles.
func readSeed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedsDir(t), "003_28b1fc918d690521.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyStore copies the store at from to dir/kg.db and returns its path.
func copyStore(t *testing.T, from, dir string) string {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "kg.db")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// manyArticles writes dir/in with 24 copies of the seed under new names
// and an empty file, m_empty.txt, in the middle of the reading order.
func manyArticles(t *testing.T, dir, seed string) {
	t.Helper()
	files := map[string]string{"in/m_empty.txt": ""}
	for _, prefix := range []string{"a", "z"} {
		for i := 0; i < 12; i++ {
			files["in/"+prefix+string(rune('a'+i))+".txt"] = strings.Replace(seed, "Hanoi", "Hanoi "+prefix+string(rune('a'+i)), 1)
		}
	}
	writeTree(t, dir, files)
}

func fileSum(p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		return "missing"
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// holdLock returns a hook that holds dir/kg.db's write lock, for d (0:
// until the case ends).
func holdLock(d time.Duration) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		s, err := sqlite.Open(context.Background(), filepath.Join(dir, "kg.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		tx, err := s.Begin(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		release := sync.OnceFunc(func() { tx.Rollback(); s.Close() })
		if d > 0 {
			time.AfterFunc(d, release)
		}
		t.Cleanup(release)
	}
}

// unchanged checks that dir/kg.db is byte for byte what it was before kg
// ran, and that SQLite left no journal behind.
func unchanged(t *testing.T, dir, before string) {
	t.Helper()
	if got := fileSum(filepath.Join(dir, "kg.db")); got != before {
		t.Errorf("the store changed (sha256 %s, was %s)", got, before)
	}
	noJournal(t, filepath.Join(dir, "kg.db"))
}

// noJournal checks that SQLite left no journal next to the store.
func noJournal(t *testing.T, store string) {
	t.Helper()
	for _, suffix := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Stat(store + suffix); err == nil {
			t.Errorf("%s%s left behind", filepath.Base(store), suffix)
		}
	}
}

// articles returns a check that dir/kg.db holds n articles.
func articles(n int64) func(t *testing.T, dir, before string) {
	return func(t *testing.T, dir, _ string) {
		t.Helper()
		p := filepath.Join(dir, "kg.db")
		if got := storeCounts(t, p).Nodes["Article"]; got != n {
			t.Errorf("articles in the store: got %d, want %d", got, n)
		}
		noJournal(t, p)
	}
}

// sameFile returns a check that dir/name still holds content.
func sameFile(name, content string) func(t *testing.T, dir, before string) {
	return func(t *testing.T, dir, _ string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(b) != content {
			t.Errorf("%s: got %q (%v), want it untouched", name, b, err)
		}
	}
}

// watchWriter collects standard error and calls cancel (Ctrl-C) once it
// holds until.
type watchWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	until  string
	cancel func()
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if w.until != "" && strings.Contains(w.buf.String(), w.until) {
		w.cancel()
	}
	return n, err
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
