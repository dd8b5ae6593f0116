package reader

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"
	"unicode/utf8"
)

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		strict bool
		want   string
		warns  []string
		err    string
	}{
		{name: "plain", src: "Hà Nội", want: "Hà Nội"},
		{name: "BOM and CRLF kept", src: "\ufeffa\r\nb\r\n", want: "\ufeffa\r\nb\r\n"},
		{name: "U+FFFD is valid", src: "a\ufffdb", want: "a\ufffdb"},
		{name: "lone continuation byte", src: "a\x80b", want: "a\x1ab", warns: []string{"invalid UTF-8 at byte 1 (1 bad bytes replaced by U+001A)"}},
		{name: "truncated sequence at end", src: "Hu\xe1\xba", want: "Hu\x1a\x1a", warns: []string{"invalid UTF-8 at byte 2 (2 bad bytes replaced by U+001A)"}},
		{name: "overlong encoding", src: "x\xc0\xafy", want: "x\x1a\x1ay", warns: []string{"invalid UTF-8 at byte 1 (2 bad bytes"}},
		{name: "encoded surrogate", src: "\xed\xa0\x80", want: "\x1a\x1a\x1a", warns: []string{"invalid UTF-8 at byte 0 (3 bad bytes"}},
		{name: "strict rejects", src: "ok \xff", strict: true, err: "invalid UTF-8 at byte 3 (1 bad bytes)"},
		{name: "strict accepts valid", src: "ok", strict: true, want: "ok"},
		{name: "NUL", src: "a\x00b", want: "a b", warns: []string{"1 NUL bytes replaced by spaces, the first at byte 1"}},
		{name: "mostly NUL hints at UTF-32", src: "a\x00\x00\x00b\x00\x00\x00", want: "a   b   ", warns: []string{"is this UTF-16 or UTF-32 without a byte order mark?"}},
		{name: "UTF-16LE without BOM", src: utf16Raw("Hà Nội, 2023", false), want: "Hà Nội, 2023", warns: []string{"decoded from UTF-16LE (no byte order mark"}},
		{name: "UTF-16BE without BOM", src: utf16Raw("Hà Nội, 2023", true), want: "Hà Nội, 2023", warns: []string{"decoded from UTF-16BE (no byte order mark"}},
		{name: "UTF-16LE without BOM, CRLF", src: utf16Raw("Hanoi\r\nParis\r\n", false), want: "Hanoi\r\nParis\r\n", warns: []string{"decoded from UTF-16LE (no byte order mark"}},
		{name: "UTF-16LE without BOM, a quarter ASCII", src: utf16Raw("ộộộAộộộB", false), want: "ộộộAộộộB", warns: []string{"decoded from UTF-16LE (no byte order mark"}},
		{name: "too short for UTF-16", src: "H\x00i\x00!\x00", want: "H i ! ", warns: []string{"3 NUL bytes"}},
		{name: "odd length is not UTF-16", src: utf16Raw("Hanoi and Paris", false) + "x", want: "H a n o i   a n d   P a r i s x", warns: []string{"15 NUL bytes replaced by spaces, the first at byte 1; is this UTF-16"}},
		{name: "UTF-16LE without BOM, 1 NUL in 64 units", src: utf16Raw(strings.Repeat("a", 63)+"\x00", false), want: strings.Repeat("a", 63) + " ", warns: []string{"decoded from UTF-16LE (no byte order mark", "1 NUL bytes"}},
		{name: "2 NULs in 64 units is not UTF-16", src: utf16Raw(strings.Repeat("a", 62)+"\x00\x00", false), want: strings.Repeat("a ", 62) + "    ", warns: []string{"66 NUL bytes"}},
		{name: "one NUL is not UTF-16", src: "abcdefghijklmnopqr\x00t", want: "abcdefghijklmnopqr t", warns: []string{"1 NUL bytes replaced by spaces, the first at byte 18"}},
		{name: "NULs on both sides are not UTF-16", src: "a\x00\x00b\x00\x00cdefghijklmnop", want: "a  b  cdefghijklmnop", warns: []string{"4 NUL bytes"}},
		{name: "UTF-32LE", src: "\xff\xfe\x00\x00H\x00\x00\x00\xe0\x00\x00\x00", want: "Hà", warns: []string{"decoded from UTF-32LE"}},
		{name: "UTF-32BE", src: "\x00\x00\xfe\xff\x00\x00\x00H\x00\x00\x00\xe0", want: "Hà", warns: []string{"decoded from UTF-32BE"}},
		{name: "UTF-32LE out of range", src: "\xff\xfe\x00\x00\x00\x00\x11\x00A\x00\x00\x00", want: "\ufffdA", warns: []string{"decoded from UTF-32LE"}},
		{name: "NUL and invalid", src: "\x00\xff!", want: " \x1a!", warns: []string{"invalid UTF-8 at byte 1", "NUL bytes replaced by spaces, the first at byte 0"}},
		{name: "UTF-16LE", src: "\xff\xfeH\x00\xe0\x00", want: "Hà", warns: []string{"decoded from UTF-16LE"}},
		{name: "UTF-16BE", src: "\xfe\xff\x00H\x00\xe0", want: "Hà", warns: []string{"decoded from UTF-16BE"}},
		{name: "UTF-16LE odd length", src: "\xff\xfeH\x00\xe0", want: "H\ufffd", warns: []string{"decoded from UTF-16LE"}},
		{name: "UTF-16LE unpaired surrogate", src: "\xff\xfe\x00\xd8A\x00", want: "\ufffdA", warns: []string{"decoded from UTF-16LE"}},
		{name: "UTF-16LE with NUL", src: "\xff\xfeA\x00\x00\x00B\x00", want: "A B", warns: []string{"decoded from UTF-16LE", "1 NUL bytes"}},
		{name: "empty", src: "", err: "no text: the file is empty"},
		{name: "white space and BOM only", src: "\ufeff \r\n\t", err: "no text"},
		{name: "UTF-16 BOM only", src: "\xff\xfe", warns: []string{"decoded from UTF-16LE"}, err: "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns, err := decodeText(tt.src, tt.strict)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error: got %v, want %q", err, tt.err)
				}
			} else if err != nil {
				t.Fatalf("error: got %v, want nil", err)
			}
			if got != tt.want {
				t.Errorf("text: got %q, want %q", got, tt.want)
			}
			if len(warns) != len(tt.warns) {
				t.Fatalf("warnings: got %q, want %q", warns, tt.warns)
			}
			for i, w := range warns {
				if !strings.Contains(w.Error(), tt.warns[i]) {
					t.Errorf("warning %d: got %q, want %q", i, w, tt.warns[i])
				}
			}
		})
	}
}

// utf16Raw encodes s in UTF-16, little- or big-endian, without a byte
// order mark.
func utf16Raw(s string, bigEndian bool) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}

func TestDecodeTextErrors(t *testing.T) {
	_, warns, _ := decodeText("abc\xffdef\xfe", false)
	var bad *InvalidUTF8Error
	if len(warns) != 1 || !errors.As(warns[0], &bad) {
		t.Fatalf("warnings: got %v, want one *InvalidUTF8Error", warns)
	}
	if want := (InvalidUTF8Error{Offset: 3, Count: 2, Repaired: true}); *bad != want {
		t.Errorf("got %+v, want %+v", *bad, want)
	}
	if _, _, err := decodeText(" ", false); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank text: got %v, want ErrEmpty", err)
	}
}

// TestDecodeTextKeepsOffsets checks, on many shapes of UTF-8-ish input,
// the offsets contract: same length, valid UTF-8, valid bytes unchanged.
func TestDecodeTextKeepsOffsets(t *testing.T) {
	pieces := []string{"a", "é", "\x00", "\xff", "\xe1\xba", "ế", "\r\n", "\ufeff", "𝕏", "\xf0\x9f\x98"}
	for i := range 2000 {
		var b strings.Builder
		b.WriteString("x")
		for j := i; j > 0; j /= len(pieces) {
			b.WriteString(pieces[j%len(pieces)])
		}
		src := b.String()
		got, _, err := decodeText(src, false)
		if err != nil {
			t.Fatalf("%q: got error %v", src, err)
		}
		checkSameLength(t, src, got)
	}
}

// checkSameLength asserts the offsets contract for UTF-8 input.
func checkSameLength(t *testing.T, src, got string) {
	t.Helper()
	if len(got) != len(src) {
		t.Fatalf("%q: got length %d, want %d", src, len(got), len(src))
	}
	if !utf8.ValidString(got) {
		t.Fatalf("%q: got invalid UTF-8 %q", src, got)
	}
	// Every valid rune other than NUL stays where it was.
	for i, r := range src {
		if r == utf8.RuneError && !strings.HasPrefix(src[i:], "\ufffd") {
			continue
		}
		if r == 0 {
			if got[i] != ' ' {
				t.Fatalf("%q: byte %d: got %q, want a space", src, i, got[i])
			}
			continue
		}
		if !strings.HasPrefix(got[i:], string(r)) {
			t.Fatalf("%q: rune at byte %d moved or changed", src, i)
		}
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		name string
		src  string
		size int64 // the size the file claims
		max  int64
		err  string
	}{
		{name: "fits", src: "hello", size: 5, max: 5},
		{name: "size unknown", src: "hello", size: 0, max: 5},
		{name: "claimed too large", src: "hello", size: 6, max: 5, err: "input too large: 6 bytes, the limit is 5 bytes"},
		{name: "grew past the limit", src: "hello!", size: 5, max: 5, err: "input too large: more than 5 bytes, the limit is 5 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hash, err := readAll(strings.NewReader(tt.src), tt.size, tt.max, make([]byte, 2))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, ErrTooLarge) {
					t.Fatalf("error: got %v, want %q wrapping ErrTooLarge", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.src || hash != sha256Hex(tt.src) {
				t.Errorf("got %q, %s, %v; want %q, %s, nil", got, hash, err, tt.src, sha256Hex(tt.src))
			}
		})
	}
	_, _, err := readAll(iotest.ErrReader(errors.New("disk on fire")), 0, 10, make([]byte, 2))
	if err == nil || err.Error() != "reading: disk on fire" {
		t.Errorf("read error: got %v, want %q", err, "reading: disk on fire")
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want format
	}{
		{"Hanoi and Paris", plainText},
		{"\ufeff  <!DOCTYPE HTML><html>", htmlPage},
		{"\n<html lang=fr>", htmlPage},
		{"<!-- saved from url -->", htmlPage},
		{`{"id":1,"text":"x"}`, jsonLines},
		{"\xff\xfeH\x00", plainText},
		{"\x89PNG\r\n\x1a\n", unsupported},
		{"%PDF-1.7\n\xe2\xe3\xcf\xd3", unsupported},
		{"text with NUL\x00", unsupported},
		{strings.Repeat("a", 1023) + "\xc3", plainText}, // rune cut by the window
		{"", plainText},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("sniff(%.20q): got %d, want %d", tt.head, got, tt.want)
		}
	}
}

func TestFormatOf(t *testing.T) {
	var got []format
	for _, name := range []string{"a.txt", "A.TXT", "b.html", "b.HTM", "c.jsonl", "c.ndjson", "d.json", "e.md", "f", "g.txt.gz"} {
		got = append(got, formatOf(name))
	}
	want := []format{plainText, plainText, htmlPage, htmlPage, jsonLines, jsonLines, unsupported, unsupported, unsupported, unsupported}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
