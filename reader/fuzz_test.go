package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract"
)

// The seed corpora are in testdata/fuzz/Fuzz*; plain `go test` runs them.
// Run a fuzzer with, for example,
//
//	go test -run=NONE -fuzz=FuzzReadText -fuzztime=30s -fuzzminimizetime=5s
//
// (minimizing a new multi-KiB input with the default 60s looks like a hang).

// FuzzReadText checks the plain text offsets contract on any bytes: no
// panic, Text is valid UTF-8, and unless a byte order mark or UTF-16's NUL
// pattern asked for transcoding, Text has the input's length with every valid rune left
// where it was.
func FuzzReadText(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		src := string(data)
		text, warns, err := decodeText(src, false)
		if err != nil {
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("got error %v, want only ErrEmpty when repairing", err)
			}
			return
		}
		if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
			t.Fatalf("got text %q, want valid UTF-8 without NUL", text)
		}
		if enc, _ := transcoding(src); enc != nil {
			return
		}
		checkSameLength(t, src, text)
		if (text == src) != (len(warns) == 0) {
			t.Fatalf("text changed: %v, but warnings %v", text != src, warns)
		}
		strict, _, err := decodeText(src, true)
		var bad *InvalidUTF8Error
		switch {
		case utf8.ValidString(src) && (err != nil || strict != text):
			t.Fatalf("strict on valid UTF-8: got %q, %v, want %q", strict, err, text)
		case !utf8.ValidString(src) && !errors.As(err, &bad):
			t.Fatalf("strict on invalid UTF-8: got %v, want *InvalidUTF8Error", err)
		case bad != nil:
			if bad.Offset < 0 || bad.Offset >= int64(len(data)) || !utf8.Valid(data[:bad.Offset]) {
				t.Fatalf("strict: got first bad byte at %d, want the first invalid byte", bad.Offset)
			}
			if r, size := utf8.DecodeRune(data[bad.Offset:]); r != utf8.RuneError || size != 1 {
				t.Fatalf("strict: got bad byte at %d, but it starts a valid rune", bad.Offset)
			}
		}
	})
}

// FuzzJSONL checks that any file read as JSON Lines gives, without
// panicking, documents with valid UTF-8, non-blank text and reports that
// name a line of the file.
func FuzzJSONL(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		check := func(where string) {
			var n int
			if _, err := fmt.Sscanf(strings.TrimPrefix(where, "f.jsonl:"), "%d", &n); err != nil || n < 1 || n > lines {
				t.Fatalf("report location %q: want f.jsonl:N with 1 <= N <= %d", where, lines)
			}
		}
		var docs, fails int
		opts := Options{
			MaxSize: 512, // small, so the fuzzer reaches the limit
			OnError: func(where string, err error) { check(where); fails++ },
			OnWarn: func(where string, err error) {
				if where != "f.jsonl" || !errors.Is(err, ErrEmpty) { // a file without records
					check(where)
				}
			},
		}
		err := scanJSONL(context.Background(), bytes.NewReader(data), "f.jsonl", opts, func(where string, d extract.Document) error {
			check(where)
			docs++
			if !utf8.ValidString(d.Text) || strings.IndexByte(d.Text, 0) >= 0 || blank(d.Text) {
				t.Fatalf("%s: got text %q, want valid UTF-8, no NUL, not blank", where, d.Text)
			}
			if d.ID == "" || len(d.Hash) != 64 || d.Path != "f.jsonl" {
				t.Fatalf("%s: got id %q, hash %q, path %q", where, d.ID, d.Hash, d.Path)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("got error %v, want nil", err)
		}
		if docs+fails > lines {
			t.Fatalf("got %d documents and %d failures from %d lines", docs, fails, lines)
		}
	})
}

// FuzzHTML checks that any page gives, without panicking (go-readability
// included), either an error or valid UTF-8 text without NUL.
func FuzzHTML(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, _, err := extractHTML(data)
		if err != nil {
			if strings.Contains(err.Error(), "panicked") {
				t.Fatalf("go-readability panicked (recovered): %v", err)
			}
			return
		}
		for field, s := range map[string]string{"text": doc.Text, "title": doc.Title, "url": doc.URL} {
			if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
				t.Fatalf("%s: got %q, want valid UTF-8 without NUL", field, s)
			}
		}
		if blank(doc.Text) {
			t.Fatalf("got blank text %q without ErrEmpty", doc.Text)
		}
		if doc.Date != "" && normDate(doc.Date) != doc.Date {
			t.Fatalf("date: got %q, want an ISO 8601 date", doc.Date)
		}
	})
}
