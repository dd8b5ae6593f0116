//go:build unix

package reader

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestWalkSkipsFIFO checks a named pipe inside a directory is skipped with
// a warning instead of blocking the walk.
func TestWalkSkipsFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Hanoi"})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	res := walk(t, dir, []string{"."}, Options{})
	if len(res.docs) != 1 || res.docs[0].ID != "a" {
		t.Errorf("documents: got %d, want only a", len(res.docs))
	}
	matchReports(t, "warnings", res.warns, []string{"pipe.txt: unsupported file type: not a regular file, skipped"})
	matchReports(t, "failures", res.fails, nil)
}
