package sqlite

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// putAll writes docs in one transaction, checkpointing after every
// `every` articles (0: never), and commits.
func putAll(t *testing.T, s *Store, every int, docs ...extract.DocResult) {
	t.Helper()
	tx, err := s.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if err := tx.Put(graph.Build(d)); err != nil {
			tx.Rollback()
			t.Fatal(err)
		}
		if every > 0 && (i+1)%every == 0 {
			if err := tx.Checkpoint(); err != nil {
				tx.Rollback()
				t.Fatal(err)
			}
			if got := tx.Committed(); got != i+1 {
				t.Errorf("Committed after %d articles: %d", i+1, got)
			}
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestCheckpointSameGraph checks that committing in batches builds exactly
// the graph of one transaction, evidence summaries included, also when a
// later batch replaces an article of an earlier one.
func TestCheckpointSameGraph(t *testing.T) {
	docs := synthetic(fixture(t), 6)
	changed := docs[1]
	changed.Doc.Hash = "changed"
	changed.Relations = changed.Relations[:len(changed.Relations)/2]
	seq := append(append([]extract.DocResult(nil), docs...), changed)
	one, _ := openTemp(t)
	putAll(t, one, 0, seq...)
	want := snap(t, one)
	for _, every := range []int{1, 2, 7} {
		t.Run(fmt.Sprintf("every %d", every), func(t *testing.T) {
			s, _ := openTemp(t)
			putAll(t, s, every, seq...)
			got := snap(t, s)
			compareGraph(t, got, want)
			if fmt.Sprint(got.Counts) != fmt.Sprint(want.Counts) {
				t.Errorf("counts %v, want %v", got.Counts, want.Counts)
			}
		})
	}
}

// TestCheckpointThenRollback checks that a rollback (a failure, Ctrl-C)
// undoes only the articles since the last checkpoint.
func TestCheckpointThenRollback(t *testing.T) {
	docs := fixture(t)
	s, _ := openTemp(t)
	tx, err := s.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if err := tx.Put(graph.Build(d)); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if err := tx.Checkpoint(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if tx.Committed() != 2 || tx.Written() != len(docs) {
		t.Errorf("Committed %d, Written %d; want 2 and %d", tx.Committed(), tx.Written(), len(docs))
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	compareGraph(t, snap(t, s), expected(docs[:2]))
}

// TestCheckpointHelper is the child of TestKillKeepsCheckpoints: it writes
// synthetic articles, checkpointing every 200 and printing "committed N"
// after each, until it is killed. It does nothing in a normal test run.
func TestCheckpointHelper(t *testing.T) {
	path := os.Getenv("KG_TEST_CHECKPOINT_STORE")
	if path == "" {
		t.Skip("only run by TestKillKeepsCheckpoints")
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
	for i, d := range synthetic(fixture(t), 100000) {
		if err := tx.Put(graph.Build(d)); err != nil {
			t.Fatal(err)
		}
		if (i+1)%200 == 0 {
			if err := tx.Checkpoint(); err != nil {
				t.Fatal(err)
			}
			fmt.Printf("committed %d\n", i+1)
		}
	}
	t.Fatal("ran out of articles before being killed")
}

// TestKillKeepsCheckpoints kills (SIGKILL) a writer after several
// checkpoints and in the middle of a batch: the store opens, holds whole
// articles only, at least every one checkpointed, and exactly their graph.
func TestKillKeepsCheckpoints(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	_, path := openTemp(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCheckpointHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "KG_TEST_CHECKPOINT_STORE="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
				if k, _ := strconv.Atoi(n); k >= 1000 {
					committed <- k
					return
				}
			}
		}
		committed <- 0
	}()
	var atLeast int
	select {
	case atLeast = <-committed:
		if atLeast == 0 {
			cmd.Wait()
			t.Fatal("the writer exited before committing 1000 articles")
		}
	case <-time.After(3 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("the writer did not commit 1000 articles in time")
	}
	time.Sleep(50 * time.Millisecond) // into the next batch
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s, err := Open(context.Background(), path, Options{FullCheck: true})
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	defer s.Close()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n < atLeast || n%200 != 0 {
		t.Fatalf("%d articles after the kill, want a multiple of 200, at least %d", n, atLeast)
	}
	compareGraph(t, snap(t, s), expected(synthetic(fixture(t), 100000)[:n]))
}

// TestDiskFull fills a small tmpfs: the write fails with ErrDiskFull, the
// rollback keeps what was checkpointed (exactly its graph), and once there
// is room again the same store takes the rest. It needs to mount a tmpfs
// (root on Linux) and skips otherwise.
func TestDiskFull(t *testing.T) {
	dir := mountTmpfs(t, "2m")
	path := filepath.Join(dir, "kg.db")
	docs := synthetic(fixture(t), 100000)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for i, d := range docs {
		if werr = tx.Put(graph.Build(d)); werr != nil {
			break
		}
		if (i+1)%100 == 0 {
			if werr = tx.Checkpoint(); werr != nil {
				break
			}
		}
	}
	if !errors.Is(werr, ErrDiskFull) {
		t.Fatalf("filling the disk: got %v, want ErrDiskFull", werr)
	}
	if !strings.Contains(werr.Error(), "disk full") || !strings.Contains(werr.Error(), path) {
		t.Errorf("the error does not say disk full and where: %v", werr)
	}
	kept := tx.Committed()
	if kept == 0 {
		t.Fatalf("nothing was committed before the disk filled: %v", werr)
	}
	if err := tx.Rollback(); err != nil {
		t.Logf("rollback: %v", err)
	}
	s.Close()

	s, err = Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopening the full store: %v", err)
	}
	compareGraph(t, snap(t, s), expected(docs[:kept]))
	s.Close()
	t.Logf("%d articles kept when the disk filled", kept)

	// Room again: the rest goes in.
	if err := exec.Command("mount", "-o", "remount,size=64m", dir).Run(); err != nil {
		t.Fatalf("growing the tmpfs: %v", err)
	}
	s, err = Open(ctx, path, Options{FullCheck: true})
	if err != nil {
		t.Fatalf("reopening after freeing space: %v", err)
	}
	defer s.Close()
	putAll(t, s, 0, docs[kept:kept+300]...)
	compareGraph(t, snap(t, s), expected(docs[:kept+300]))
}

// mountTmpfs mounts a tmpfs of the given size on a fresh directory for
// the test, or skips the test when that is not allowed.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// BenchmarkCheckpoints writes the same synthetic articles committing
// every N of them (0: once at the end), which is what batching costs the
// store: go test ./graph/sqlite -run XXX -bench Checkpoints -benchtime 3x
func BenchmarkCheckpoints(b *testing.B) {
	docs := synthetic(fixture(b), 1000) // 6,000 articles
	batches := make([]graph.Batch, len(docs))
	for i, d := range docs {
		batches[i] = graph.Build(d)
	}
	for _, every := range []int{0, 5000, 1000, 200} {
		b.Run(fmt.Sprintf("every=%d", every), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s, _ := openTemp(b)
				b.StartTimer()
				tx, err := s.Begin(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				for i, bt := range batches {
					if err := tx.Put(bt); err != nil {
						b.Fatal(err)
					}
					if every > 0 && (i+1)%every == 0 {
						if err := tx.Checkpoint(); err != nil {
							b.Fatal(err)
						}
					}
				}
				if _, err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}
