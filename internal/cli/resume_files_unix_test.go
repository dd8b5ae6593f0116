//go:build unix

package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kg-dev/kg/graph/sqlite"
)

// TestIngestSkipsUnchangedFilesUnread checks the file shortcut of a
// re-run: a file whose path, size and modification time are those stored
// is skipped without being read (so a change that keeps both goes unseen,
// the documented limit, and --force sees it); a different modification
// time or size makes kg read the file, and the content hash decides.
func TestIngestSkipsUnchangedFilesUnread(t *testing.T) {
	for _, k := range []string{"NEO4J_URI", "NEO4J_PASSWORD", "KG_STORE"} {
		t.Setenv(k, "")
	}
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "kg.db")
	file := filepath.Join(in, "a.txt")
	first := "The mayor of Lyon met the mayor of Da Nang in Lyon on Monday.\n"
	second := "The mayor of Brest met the mayor of Hue in Brest on a Sunday.\n"
	if len(first) != len(second) {
		t.Fatalf("the two texts must have the same size: %d and %d", len(first), len(second))
	}
	stamp := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	put := func(text string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(file, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	hashOf := func(text string) string {
		sum := sha256.Sum256([]byte(text))
		return hex.EncodeToString(sum[:])
	}
	stored := func() string {
		t.Helper()
		s, err := sqlite.Open(ctx, store, sqlite.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		vs, err := s.Graph().Versions(ctx, []string{"a"})
		if err != nil {
			t.Fatal(err)
		}
		v := vs["a"]
		if v.File.Size != int64(len(first)) || v.File.Path != file {
			t.Errorf("stored file stamp %+v, want path %s and size %d", v.File, file, len(first))
		}
		return v.Hash
	}
	run := func(wantUnchanged int, args ...string) {
		t.Helper()
		r := kgRun(t, ctx, append(append([]string{"ingest", "--store", store}, args...), in)...)
		if r.code != ExitOK {
			t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
		}
		if _, unchanged := summaryOf(t, r.stderr); unchanged != wantUnchanged {
			t.Errorf("ingest %v: %d unchanged, want %d\n%s", args, unchanged, wantUnchanged, r.stderr)
		}
	}

	put(first, stamp)
	run(0)
	if got := stored(); got != hashOf(first) {
		t.Fatalf("stored hash %s, want the first text's", got)
	}
	// Changed, same size, same modification time: skipped unread.
	put(second, stamp)
	run(1)
	if got := stored(); got != hashOf(first) {
		t.Errorf("after a change that kept size and time: stored hash %s, want the first text's still", got)
	}
	// --force reads it.
	run(0, "--force")
	if got := stored(); got != hashOf(second) {
		t.Errorf("after --force: stored hash %s, want the second text's", got)
	}
	// Touched, content unchanged: read, hashed, skipped.
	put(second, stamp.Add(time.Second))
	run(1)
	// Changed, another modification time: read and extracted.
	put(first, stamp.Add(2*time.Second))
	run(0)
	if got := stored(); got != hashOf(first) {
		t.Errorf("after a change with a new time: stored hash %s, want the first text's", got)
	}
	run(1)
}
