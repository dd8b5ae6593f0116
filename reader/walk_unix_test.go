//go:build unix

package reader

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
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

// feedFIFO makes a FIFO at p and writes content into it from a goroutine
// once a reader opens it; the returned channel receives the write's error.
func feedFIFO(t *testing.T, p, content string) <-chan error {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			done <- err
			return
		}
		_, err = io.WriteString(f, content)
		done <- errors.Join(err, f.Close())
	}()
	return done
}

// TestWalkStreams checks that a FIFO named explicitly and "-" (standard
// input) are read as streams: JSON Lines one record per article, anything
// else as one document, by extension or by content.
func TestWalkStreams(t *testing.T) {
	jsonl := `{"id":"a1","text":"Hanoi and Toulouse renewed their partnership."}` + "\n" +
		`{"id":"a2","text":"Lyon welcomed a delegation from Hue."}` + "\n"
	text := "Le maire de Lyon a reçu une délégation de Hué.\n"
	tests := []struct {
		name    string
		fifo    string // the FIFO's name; "" for "-"
		content string
		stdin   bool // Options.Stdin set
		ids     []string
		fails   []string
	}{
		{name: "FIFO .jsonl", fifo: "feed.jsonl", content: jsonl, ids: []string{"a1", "a2"}},
		{name: "FIFO without extension, JSON Lines by content", fifo: "feed", content: jsonl, ids: []string{"a1", "a2"}},
		{name: "FIFO .txt", fifo: "note.txt", content: text, ids: []string{"note"}},
		{name: "FIFO without extension, text by content", fifo: "note", content: text, ids: []string{"note"}},
		{name: "FIFO, binary", fifo: "bin", content: "\x00\x01\x02\x7fELF", fails: []string{"bin: unsupported file type"}},
		{name: "stdin JSON Lines", content: jsonl, stdin: true, ids: []string{"a1", "a2"}},
		{name: "stdin text", content: text, stdin: true, ids: []string{"stdin"}},
		{name: "stdin missing", fails: []string{"-: no standard input"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var opts Options
			paths := []string{StdinName}
			var fed <-chan error
			if tt.fifo != "" {
				fed = feedFIFO(t, filepath.Join(dir, tt.fifo), tt.content)
				paths = []string{tt.fifo}
			} else if tt.stdin {
				opts.Stdin = strings.NewReader(tt.content)
			}
			var res walkResult
			if tt.fifo != "" {
				res = walk(t, dir, paths, opts)
			} else {
				res = walkAbs(t, paths, opts)
			}
			if fed != nil {
				if err := <-fed; err != nil && !errors.Is(err, syscall.EPIPE) {
					t.Errorf("feeding the FIFO: %v", err)
				}
			}
			if res.err != nil {
				t.Fatalf("WalkWith: %v", res.err)
			}
			var ids []string
			for _, d := range res.docs {
				ids = append(ids, d.ID)
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("documents %q, want %q", ids, tt.ids)
			}
			matchReports(t, "failures", res.fails, tt.fails)
		})
	}
}

// walkAbs is walk for paths used as they are ("-").
func walkAbs(t *testing.T, paths []string, opts Options) walkResult {
	t.Helper()
	var res walkResult
	opts.OnError = func(where string, err error) { res.fails = append(res.fails, where+": "+err.Error()) }
	opts.OnWarn = func(where string, err error) { res.warns = append(res.warns, where+": "+err.Error()) }
	res.err = WalkWith(context.Background(), paths, func(d extract.Document) error {
		res.docs = append(res.docs, d)
		return nil
	}, opts)
	return res
}

// TestWalkStreamCancel checks a walk blocked on a stream returns at once
// when its context ends: waiting for a FIFO's writer, waiting for data
// from a writer that sends none, and on a pipe given as stdin.
func TestWalkStreamCancel(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) ([]string, Options)
	}{
		{"FIFO without a writer", func(t *testing.T, dir string) ([]string, Options) {
			p := filepath.Join(dir, "ff.txt")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			return []string{p}, Options{}
		}},
		{"FIFO whose writer is silent", func(t *testing.T, dir string) ([]string, Options) {
			p := filepath.Join(dir, "ff.jsonl")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			go func() {
				f, err := os.OpenFile(p, os.O_WRONLY, 0)
				if err == nil {
					t.Cleanup(func() { f.Close() })
				}
			}()
			return []string{p}, Options{}
		}},
		{"stdin pipe whose writer is silent", func(t *testing.T, dir string) ([]string, Options) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close(); w.Close() })
			return []string{StdinName}, Options{Stdin: r}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths, opts := tt.setup(t, t.TempDir())
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				done <- WalkWith(ctx, paths, func(extract.Document) error { return nil }, opts)
			}()
			time.Sleep(200 * time.Millisecond)
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("WalkWith = %v, want context.Canceled", err)
				}
			case <-time.After(time.Second):
				t.Fatal("WalkWith still blocked 1 s after the cancellation")
			}
		})
	}
}

// TestCountSkipsStreams checks Count neither blocks on nor consumes a
// FIFO or "-": it says the total is unknown.
func TestCountSkipsStreams(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ff.jsonl")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, paths := range [][]string{{p}, {StdinName}} {
		done := make(chan error, 1)
		go func() { _, err := Count(context.Background(), paths); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrUncountable) {
				t.Errorf("Count(%q) = %v, want ErrUncountable", paths, err)
			}
		case <-time.After(time.Second):
			t.Fatalf("Count(%q) blocked", paths)
		}
	}
}
