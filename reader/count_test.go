package reader_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/reader"
)

// TestCountMatchesWalk checks that Count predicts how many articles
// WalkWith reads, on a tree mixing formats, hidden and unsupported files.
func TestCountMatchesWalk(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":            "An article.",
		"b.htm":            "<html><body><article><p>A page with enough text to be read as an article body.</p></article></body></html>",
		"sub/c.TXT":        "Another article.",
		"sub/d.jsonl":      `{"id":"1","text":"one"}` + "\n\n" + `{"id":"2","text":"two"}` + "\r\n  \n" + `{"id":"3","text":"three"}`,
		"sub/e.ndjson":     `{"id":"4","text":"four"}` + "\n",
		"sub/.hidden.txt":  "not read",
		"sub/notes.pdf":    "%PDF",
		".git/config.txt":  "not read",
		"deep/er/f.html":   "<html><body><p>Deep page with a paragraph of article text in it.</p></body></html>",
		"deep/er/g.jsonl":  "",
		"deep/er/README":   "no extension inside a directory: skipped",
		"deep/er/h.txt.gz": "compressed",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "named-explicitly")
	if err := os.WriteFile(explicit, []byte(`{"id":"x","text":"a"}`+"\n"+`{"id":"y","text":"b"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{
		{dir},
		{filepath.Join(dir, "sub"), filepath.Join(dir, "sub")}, // the same directory twice
		{filepath.Join(dir, "a.txt"), explicit, filepath.Join(dir, "missing.txt")},
	} {
		walked := 0
		_ = reader.WalkWith(context.Background(), paths, func(extract.Document) error {
			walked++
			return nil
		}, reader.Options{})
		got, err := reader.Count(context.Background(), paths)
		if err != nil {
			t.Fatal(err)
		}
		if got != walked {
			t.Errorf("Count(%s) = %d, WalkWith read %d", strings.Join(paths, " "), got, walked)
		}
		if got == 0 {
			t.Errorf("Count(%s) = 0, want articles", strings.Join(paths, " "))
		}
	}
}

func TestCountCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := reader.Count(ctx, []string{t.TempDir()}); err == nil {
		t.Fatal("Count on a cancelled context returned no error")
	}
}
