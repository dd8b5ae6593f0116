// Package termtext makes text safe to show on a terminal. Article text,
// file names and query results can hold bytes a terminal obeys: ESC starts
// ANSI CSI and OSC sequences (clear the screen, set the window title, write
// a hyperlink or the clipboard), BEL ends an OSC, the C1 characters U+009B
// and U+009D are 8-bit CSI and OSC, and the Unicode bidirectional controls
// (U+202E RIGHT-TO-LEFT OVERRIDE, …) make text read differently from what it
// is. String turns each into visible, inert text, as gh and ls do:
//
//   - C0 controls but tab and newline, and DEL, in caret notation: ESC is
//     "^[", BEL "^G", CR "^M", DEL "^?";
//   - C1 controls (U+0080–U+009F) as their 7-bit equivalent ESC + letter,
//     in caret notation: U+009B (CSI) is "^[[";
//   - bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//     U+2066–U+2069) as "<U+202E>";
//   - bytes that are not UTF-8 as "\x9b".
//
// Everything else, tab and newline included, is kept. Data written for
// programs (JSON, CSV, the store) must not go through here: it stays
// verbatim.
package termtext

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// String returns s with every character a terminal would act on replaced
// by a visible escape (see the package comment). Text without any is
// returned as it is, without allocating.
func String(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			appendRune(&b, r)
		}
		i += size
	}
	return b.String()
}

// firstUnsafe is the byte offset of the first character String changes, or
// -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if unsafeASCII(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

func unsafeASCII(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f }

func unsafeRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || isBidiControl(r)
}

// isBidiControl reports the characters that change the direction text is
// shown in (Unicode's Bidi_Control property).
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

func appendRune(b *strings.Builder, r rune) {
	switch {
	case r < utf8.RuneSelf && unsafeASCII(byte(r)):
		b.WriteByte('^')
		b.WriteByte(byte(r) ^ 0x40) // ESC 0x1b → '[', DEL 0x7f → '?'
	case r >= 0x80 && r <= 0x9f:
		b.WriteString("^[")
		b.WriteByte(byte(r - 0x40)) // CSI U+009B → '['
	case isBidiControl(r):
		fmt.Fprintf(b, "<U+%04X>", r)
	default:
		b.WriteRune(r)
	}
}

// Writer passes what is written through String. A character split across
// two writes (a buffered writer flushing mid-rune) is held back until the
// rest arrives.
type Writer struct {
	w       io.Writer
	pending []byte // the start of a multi-byte character
}

// NewWriter returns a Writer writing to w; w itself is returned when it is
// already one.
func NewWriter(w io.Writer) *Writer {
	if tw, ok := w.(*Writer); ok {
		return tw
	}
	return &Writer{w: w}
}

// Unwrap returns the writer underneath, for output that must reach the
// terminal as it is (a progress bar's own control sequences).
func (t *Writer) Unwrap() io.Writer { return t.w }

// Write writes String(p) and reports len(p) on success.
func (t *Writer) Write(p []byte) (int, error) {
	n := len(p)
	if len(t.pending) > 0 {
		p = append(t.pending, p...)
		t.pending = nil
	}
	// Hold back an incomplete character at the end.
	for k := 1; k < utf8.UTFMax && k <= len(p); k++ {
		if utf8.RuneStart(p[len(p)-k]) {
			if !utf8.FullRune(p[len(p)-k:]) {
				t.pending = append([]byte(nil), p[len(p)-k:]...)
				p = p[:len(p)-k]
			}
			break
		}
	}
	s := string(p)
	if _, err := io.WriteString(t.w, String(s)); err != nil {
		return 0, err
	}
	return n, nil
}
