package reader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// readAll reads r up to max bytes into a string, hashing it on the way.
// size is a hint (the file's size) used to allocate once; buf is the copy
// buffer. Reading more than max bytes fails with ErrTooLarge.
func readAll(r io.Reader, size, max int64, buf []byte) (src, hash string, err error) {
	if size > max {
		return "", "", tooLarge(fmt.Sprintf("%d bytes", size), max)
	}
	var sb strings.Builder
	if size > 0 {
		sb.Grow(int(size))
	}
	h := sha256.New()
	n, err := io.CopyBuffer(io.MultiWriter(&sb, h), io.LimitReader(r, max+1), buf)
	if err != nil {
		return "", "", fmt.Errorf("reading: %w", err)
	}
	if n > max {
		return "", "", tooLarge(fmt.Sprintf("more than %d bytes", max), max)
	}
	return sb.String(), hex.EncodeToString(h.Sum(nil)), nil
}

func tooLarge(size string, max int64) error {
	return fmt.Errorf("%w: %s, the limit is %d bytes", ErrTooLarge, size, max)
}

// decodeText turns the bytes of a plain text file into a document's Text.
//
// Valid UTF-8 without NUL bytes is returned unchanged, byte order mark and
// CRLF included, so offsets into Text are offsets into the file. Otherwise
// the text keeps its length: each invalid byte becomes Placeholder and each
// NUL a space, with a warning. With strict, invalid UTF-8 is an
// *InvalidUTF8Error instead. A UTF-16 or UTF-32 byte order mark, or the
// NUL bytes of UTF-16 without one (see utf16NoBOM), mean the file is
// transcoded to UTF-8 (with a warning, since offsets then refer to the
// UTF-8 text). Text that is only white space is ErrEmpty.
func decodeText(src string, strict bool) (text string, warns []error, err error) {
	text = src
	if enc, name := transcoding(src); enc != nil {
		text, err = enc.NewDecoder().String(src)
		if err != nil {
			return "", nil, fmt.Errorf("decoding %s: %w", name, err)
		}
		warns = append(warns, fmt.Errorf("decoded from %s: offsets refer to the UTF-8 text, not the file", name))
	}
	if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
		var bad, nul *InvalidUTF8Error
		text, bad, nul = repair(text)
		if bad != nil {
			if strict {
				bad.Repaired = false
				return "", nil, bad
			}
			warns = append(warns, bad)
		}
		if nul != nil {
			warns = append(warns, nulWarning(nul, len(text)))
		}
	}
	if blank(text) {
		return "", warns, fmt.Errorf("%w: the file is empty or only white space", ErrEmpty)
	}
	return text, warns, nil
}

// transcoding returns the decoder a plain text file needs to become UTF-8,
// and its name for messages, or nil when the file is read as UTF-8: a
// byte order mark (bomEncoding), or else the NUL pattern of UTF-16 without
// one (utf16NoBOM).
func transcoding(src string) (encoding.Encoding, string) {
	if enc, name := bomEncoding(src); enc != nil {
		return enc, name
	}
	return utf16NoBOM(src)
}

// bomEncoding returns the UTF-32 or UTF-16 decoder named by the byte order
// mark that starts src, or nil. FF FE 00 00 is read as UTF-32LE, as the
// Unicode standard and WHATWG's sniffing do (as UTF-16LE it would be a
// byte order mark followed by a NUL).
func bomEncoding(src string) (encoding.Encoding, string) {
	switch {
	case strings.HasPrefix(src, "\x00\x00\xfe\xff"):
		return utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), "UTF-32BE"
	case strings.HasPrefix(src, "\xff\xfe\x00\x00"):
		return utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), "UTF-32LE"
	case strings.HasPrefix(src, "\xff\xfe"):
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "UTF-16LE"
	case strings.HasPrefix(src, "\xfe\xff"):
		return xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "UTF-16BE"
	}
	return nil, ""
}

// sniffWindow is how many bytes utf16NoBOM looks at; a file shorter than
// minUTF16Units code units is never guessed to be UTF-16.
const (
	sniffWindow   = 4096
	minUTF16Units = 8
)

// utf16NoBOM recognises UTF-16 without a byte order mark by where its NUL
// bytes are, looking at the first sniffWindow bytes. Latin-script text in
// UTF-16 has a NUL high byte in most code units (ASCII and Latin-1, which
// hold most letters of English, French and even Vietnamese) and hardly
// ever a NUL low byte; UTF-8 text has no NUL at all. So: at least a quarter
// of the code units have a NUL in the odd (LE) or even (BE) position, and
// at most 1 in 64 in the other; and an even length when the whole file is
// in view. It returns nil for anything else, including UTF-32 without a
// byte order mark (NULs in both positions).
func utf16NoBOM(src string) (encoding.Encoding, string) {
	if len(src) <= sniffWindow && len(src)%2 == 1 {
		return nil, "" // all of it is in view, and UTF-16 has an even length
	}
	n := min(len(src), sniffWindow) &^ 1
	units := n / 2
	if units < minUTF16Units {
		return nil, ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if src[i] == 0 {
			even++
		}
		if src[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*4 >= units && even*64 <= units:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "UTF-16LE (no byte order mark; guessed from its NUL bytes)"
	case even*4 >= units && odd*64 <= units:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "UTF-16BE (no byte order mark; guessed from its NUL bytes)"
	}
	return nil, ""
}

// repair replaces each byte of invalid UTF-8 with Placeholder and each NUL
// with a space, keeping the length. bad and nul describe what was replaced
// (nil when nothing was); bad.Repaired is set.
func repair(s string) (text string, bad, nul *InvalidUTF8Error) {
	b := []byte(s)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				b[i] = ' '
				nul = count(nul, i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			b[i] = Placeholder
			bad = count(bad, i)
		}
		i += size
	}
	if bad != nil {
		bad.Repaired = true
	}
	return string(b), bad, nul
}

func count(e *InvalidUTF8Error, offset int) *InvalidUTF8Error {
	if e == nil {
		return &InvalidUTF8Error{Offset: int64(offset), Count: 1}
	}
	e.Count++
	return e
}

// nulWarning describes replaced NUL bytes, hinting at a UTF-16 or UTF-32
// file without a byte order mark (one utf16NoBOM did not recognise) when
// they are a large share of the file.
func nulWarning(nul *InvalidUTF8Error, size int) error {
	hint := ""
	if nul.Count*4 >= size {
		hint = "; is this UTF-16 or UTF-32 without a byte order mark?"
	}
	return fmt.Errorf("%d NUL bytes replaced by spaces, the first at byte %d%s", nul.Count, nul.Offset, hint)
}

// blank reports whether s holds only white space and byte order marks.
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\ufeff' {
			return false
		}
	}
	return true
}
