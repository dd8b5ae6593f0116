package sqlite

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// runUnprivileged runs the tests matching pattern in a child process as
// the user nobody, or skips when that is impossible.
func runUnprivileged(t *testing.T, pattern string) {
	t.Helper()
	// The test binary lives in a directory only its owner can enter.
	dir, err := os.MkdirTemp("", "kg-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "sqlite.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run="+pattern, "-test.v")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	cmd.Env = append(os.Environ(), "TMPDIR="+os.TempDir())
	cmd.Dir, _ = os.Getwd()
	out, err := cmd.CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Skipf("cannot run as nobody: %v", err)
		}
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS") {
		t.Skipf("cannot run as nobody:\n%s", out)
	}
	t.Logf("as nobody:\n%s", out)
}

func sqlNamed(name string, v any) any { return sql.Named(name, v) }

func openRaw(path string) (*sql.DB, error) { return sql.Open("sqlite", path) }

// corruptFile overwrites pages 3 to 6 of a SQLite file with garbage,
// keeping the header page intact.
func corruptFile(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	if st.Size() < 7*4096 {
		t.Fatalf("store too small to corrupt: %d bytes", st.Size())
	}
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 4096))
	if _, err := f.WriteAt(junk, 2*4096); err != nil {
		t.Fatal(err)
	}
}

// synthetic returns the fixture's articles under new ids, n times over.
func synthetic(docs []extract.DocResult, n int) []extract.DocResult {
	out := make([]extract.DocResult, 0, n*len(docs))
	for i := 0; i < n; i++ {
		for _, d := range docs {
			c := d
			c.Doc.ID = fmt.Sprintf("%s-%06d", d.Doc.ID, i)
			c.Doc.Hash = c.Doc.ID
			c.Entities = append([]extract.Entity(nil), d.Entities...)
			for j := range c.Entities {
				m := make([]extract.Span, len(c.Entities[j].Mentions))
				for k, s := range c.Entities[j].Mentions {
					s.Doc = c.Doc.ID
					m[k] = s
				}
				c.Entities[j].Mentions = m
			}
			c.Relations = append([]extract.Relation(nil), d.Relations...)
			for j := range c.Relations {
				ev := make([]extract.Span, len(c.Relations[j].Evidence))
				for k, s := range c.Relations[j].Evidence {
					s.Doc = c.Doc.ID
					ev[k] = s
				}
				c.Relations[j].Evidence = ev
			}
			c.Quantities = append([]extract.Quantity(nil), d.Quantities...)
			for j := range c.Quantities {
				ev := make([]extract.Span, len(c.Quantities[j].Evidence))
				for k, s := range c.Quantities[j].Evidence {
					s.Doc = c.Doc.ID
					ev[k] = s
				}
				c.Quantities[j].Evidence = ev
			}
			out = append(out, c)
		}
	}
	return out
}

// TestKillHelper is the child of TestKillMidIngest: it writes forever in
// one transaction, saying "ready" once the store file holds uncommitted
// pages. It does nothing in a normal test run.
func TestKillHelper(t *testing.T) {
	path := os.Getenv("KG_TEST_KILL_STORE")
	if path == "" {
		t.Skip("only run by TestKillMidIngest")
	}
	ctx := context.Background()
	s, err := Open(ctx, path, Options{CacheMiB: 1})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	docs := synthetic(fixture(t), 100000)
	for i, d := range docs {
		if err := tx.Put(graph.Build(d)); err != nil {
			t.Fatal(err)
		}
		if i == 3000 {
			fmt.Println("ready")
		}
	}
	t.Fatal("ran out of articles before being killed")
}

func TestKillMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	s, path := openTemp(t)
	docs := fixture(t)
	ingest(t, s, docs[0])
	before := snap(t, s)
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "KG_TEST_KILL_STORE="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "ready" {
				ready <- true
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatal("the writer exited before it was ready")
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("the writer was not ready in time")
	}
	if _, err := os.Stat(path + "-journal"); err != nil {
		t.Errorf("no rollback journal while the writer runs (%v): the kill would not test recovery", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s2, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	defer s2.Close()
	after := snap(t, s2)
	compareGraph(t, after, before)
	if !reflect.DeepEqual(after.Counts, before.Counts) {
		t.Errorf("got counts %v, want %v", after.Counts, before.Counts)
	}
	// And it takes writes again.
	ingest(t, s2, docs...)
	compareGraph(t, snap(t, s2), expected(docs))
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "kg.db-journal")); err == nil {
		t.Errorf("the journal is still there after recovery")
	}
}
