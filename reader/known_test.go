package reader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
)

// TestPeekRecord checks peekRecord against parseRecord: whenever it reads a
// line without decoding it, the id and hash are those of the decoded
// document; the lines it must leave to the decoder are declined.
func TestPeekRecord(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		first bool
		ok    bool
	}{
		{name: "string id", line: `{"id":"a1","title":"T","text":"Some words here."}` + "\n", ok: true},
		{name: "id last, spaces", line: ` { "text" : "x" , "id" : " b2 " } `, ok: true},
		{name: "no id", line: `{"text":"x","meta":{"id":"nested","list":[1,{"id":2}]}}`, ok: true},
		{name: "null id", line: `{"id":null,"text":"x"}`, ok: true},
		{name: "upper-case key", line: `{"ID":"c3","text":"x"}`, ok: true},
		{name: "CRLF", line: "{\"id\":\"d4\",\"text\":\"x\"}\r\n", ok: true},
		{name: "BOM on first line", line: "\ufeff{\"id\":\"e5\",\"text\":\"x\"}", first: true, ok: true},
		{name: "escapes elsewhere", line: `{"id":"f6","text":"a \"quoted\" word, a \\ and \u00e9"}`, ok: true},
		{name: "empty object", line: `{}`, ok: true},
		{name: "numeric id", line: `{"id":12,"text":"x"}`},
		{name: "escaped id", line: `{"id":"g\u0037","text":"x"}`},
		{name: "escaped key", line: `{"\u0069d":"h8","text":"x"}`},
		{name: "non-ASCII key", line: `{"İd":"h8","text":"x"}`},
		{name: "two ids", line: `{"id":"a","Id":"b","text":"x"}`},
		{name: "object id", line: `{"id":{"a":1},"text":"x"}`},
		{name: "BOM on a later line", line: "\ufeff{\"id\":\"e5\",\"text\":\"x\"}"},
		{name: "blank", line: "  \r\n"},
		{name: "array", line: `[{"id":"a"}]`},
		{name: "truncated", line: `{"id":"a","text":"x`},
		{name: "trailing bytes", line: `{"id":"a","text":"x"} {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, hash, ok := peekRecord([]byte(tt.line), tt.first)
			if ok != tt.ok {
				t.Fatalf("peekRecord(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			}
			if !ok {
				return
			}
			doc, _, err := parseRecord([]byte(tt.line), tt.first)
			if err != nil && !strings.Contains(err.Error(), "text") {
				t.Fatalf("parseRecord: %v", err)
			}
			if err == nil && (id != doc.ID || hash != doc.Hash) {
				t.Errorf("peekRecord = %q, %s; parseRecord gives %q, %s", id, hash, doc.ID, doc.Hash)
			}
		})
	}
}

// TestWalkKnown checks Options.Known: it is asked about each file before
// the file is opened and each JSON Lines record before it is decoded; what
// it knows is not read (no document, no warning), the rest is read, and
// the documents read from files carry the stat taken before.
func TestWalkKnown(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "First article text.")
	write("b.html", "<html><body><p>Second article, a page.</p></body></html>")
	write("c.jsonl", `{"id":"c1","text":"One record.","date":"never"}`+"\n"+`{"text":"Another record."}`+"\n"+`{"id":7,"text":"A numbered one."}`+"\n")
	stamp := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "a.txt"), stamp, stamp); err != nil {
		t.Fatal(err)
	}

	var asked []Source
	walk := func(known map[string]bool) (docs []extract.Document, warns []string) {
		asked = nil
		err := WalkWith(context.Background(), []string{dir}, func(d extract.Document) error {
			docs = append(docs, d)
			return nil
		}, Options{
			OnWarn: func(where string, err error) { warns = append(warns, where+": "+err.Error()) },
			Known: func(src Source) (bool, error) {
				asked = append(asked, src)
				return known[src.ID], nil
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		return docs, warns
	}

	docs, warns := walk(nil)
	if len(docs) != 5 || len(warns) != 1 {
		t.Fatalf("nothing known: %d documents, warnings %q; want 5 and the date warning", len(docs), warns)
	}
	// The numbered record is decoded without being asked about.
	ids := []string{}
	for _, s := range asked {
		ids = append(ids, s.ID)
	}
	if got, want := strings.Join(ids, " "), "a b c1 c-2"; got != want {
		t.Errorf("asked about %s, want %s", got, want)
	}
	for _, s := range asked {
		switch s.ID {
		case "a":
			if s.Size != 19 || !s.ModTime.Equal(stamp) || s.Hash != "" || s.Path != filepath.Join(dir, "a.txt") {
				t.Errorf("a.txt: asked %+v, want its size 19, its modification time and no hash", s)
			}
		case "c1", "c-2":
			if s.Hash == "" || s.Size != 0 || s.Path != filepath.Join(dir, "c.jsonl") {
				t.Errorf("record %s: asked %+v, want its hash and no size", s.ID, s)
			}
		}
	}
	for _, d := range docs {
		var src *Source
		for i := range asked {
			if asked[i].ID == d.ID {
				src = &asked[i]
			}
		}
		switch {
		case d.ID == "a" || d.ID == "b":
			if src == nil || d.Size != src.Size || !d.ModTime.Equal(src.ModTime) {
				t.Errorf("document %s: size %d, time %v; want the stat it was asked with", d.ID, d.Size, d.ModTime)
			}
		case src != nil && src.Hash != d.Hash:
			t.Errorf("record %s: asked with hash %s, read with %s", d.ID, src.Hash, d.Hash)
		case d.Size != 0 || !d.ModTime.IsZero():
			t.Errorf("record %s has a file stat: %d, %v", d.ID, d.Size, d.ModTime)
		}
	}

	docs, warns = walk(map[string]bool{"a": true, "b": true, "c1": true, "c-2": true})
	if len(docs) != 1 || docs[0].ID != "7" || len(warns) != 0 {
		t.Errorf("all known: documents %v, warnings %q; want only record 7, no warning", docs, warns)
	}
}

// TestWalkDuplicateIDs: an article whose id was read before in the walk
// (a file of the same name in another directory, a JSON Lines record
// repeating an id) fails as an input and is not handed on, whether the
// first was read or skipped as known; the first one stays, so that every
// walk of the same inputs hands on the same articles.
func TestWalkDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []struct{ path, text string }{
		{"a/index.txt", "First title\nThe first text about Hanoi."},
		{"b/index.txt", "Second title\nThe second text about Hue."},
		{"c.jsonl", `{"id":"r1","text":"Record one."}` + "\n" + `{"id":"r2","text":"Record two."}` + "\n" + `{"id":"r1","text":"Record one again."}` + "\n"},
	} {
		p := filepath.Join(dir, f.path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, known := range []bool{false, true} {
		var got, failed []string
		opts := Options{OnError: func(where string, err error) {
			if !errors.Is(err, ErrDuplicateID) {
				t.Errorf("%s: %v, want ErrDuplicateID", where, err)
			}
			failed = append(failed, filepath.ToSlash(strings.TrimPrefix(where, dir+string(filepath.Separator))))
		}}
		if known { // the first of each id stored unchanged: skipped unread
			opts.Known = func(src Source) (bool, error) {
				return src.ID == "r1" || strings.HasSuffix(filepath.ToSlash(src.Path), "a/index.txt"), nil
			}
		}
		err := WalkWith(context.Background(), []string{dir}, func(d extract.Document) error {
			words := strings.Fields(d.Text)
			got = append(got, d.ID+": "+words[len(words)-1])
			return nil
		}, opts)
		if err != nil {
			t.Fatal(err)
		}
		want := "[index: Hanoi. r1: one. r2: two.]"
		if known {
			want = "[r2: two.]"
		}
		if fmt.Sprint(got) != want || fmt.Sprint(failed) != "[b/index.txt c.jsonl:3]" {
			t.Errorf("known %v: handed on %v, failed %v; want %s and [b/index.txt c.jsonl:3]", known, got, failed, want)
		}
	}
	// The same inputs named twice are read once, and are no duplicates.
	var got []string
	err := WalkWith(context.Background(), []string{filepath.Join(dir, "a"), filepath.Join(dir, "a", "index.txt"), filepath.Join(dir, "a")}, func(d extract.Document) error {
		got = append(got, d.ID)
		return nil
	}, Options{OnError: func(where string, err error) { t.Errorf("%s: %v", where, err) }})
	if err != nil || fmt.Sprint(got) != "[index]" {
		t.Errorf("a directory and its file named again: handed on %v (%v), want [index]", got, err)
	}
}
