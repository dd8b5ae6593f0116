// Package fold normalises names for matching: lowercase, no diacritics,
// đ/Đ mapped to d, punctuation and spaces collapsed. It mirrors the
// reference scorer's fold() so that what kg considers the same name is what
// the evaluation considers the same name.
//
// Decomposition uses golang.org/x/text/unicode/norm; the folded form of
// each Latin rune is computed once into a table, so folding is a single
// pass without allocation beyond the result.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The folded lowercase base letters of the non-ASCII runes that have them
// (" " for marks and symbols that fold to a separator), in slices per
// block of Unicode (fold reads one per rune: slices, not a map).
var (
	latin = foldRange(0x00A0, 0x024F) // Latin-1, Latin Extended-A/B
	marks = foldRange(0x0300, 0x036F) // combining marks
	viet  = foldRange(0x1E00, 0x1EFF) // Latin Extended Additional (Vietnamese)
	dash  = foldRange(0x2010, 0x2044) // dashes, quotes
)

func foldRange(lo, hi rune) []string {
	t := make([]string, 0, hi-lo+1)
	for r := lo; r <= hi; r++ {
		t = append(t, foldRuneSlow(r))
	}
	return t
}

// table returns the folded form of a non-ASCII rune, false for runes
// outside the blocks above.
func table(r rune) (string, bool) {
	switch {
	case r >= 0x00A0 && r <= 0x024F:
		return latin[r-0x00A0], true
	case r >= 0x0300 && r <= 0x036F:
		return marks[r-0x0300], true
	case r >= 0x1E00 && r <= 0x1EFF:
		return viet[r-0x1E00], true
	case r >= 0x2010 && r <= 0x2044:
		return dash[r-0x2010], true
	case r == '\u1d49':
		return "e", true // superscript e in "14ᵉ"
	case r == '\u02bc':
		return "'", true // modifier apostrophe
	}
	return "", false
}

func foldRuneSlow(r rune) string {
	switch r {
	case 'đ', 'Đ':
		return "d"
	case 'ø', 'Ø':
		return "o"
	case 'ß':
		return "ss"
	case 'æ', 'Æ':
		return "ae"
	case 'œ', 'Œ':
		return "oe"
	case 'ł', 'Ł':
		return "l"
	case '\u2019', '\u2018':
		return "'"
	}
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if d < utf8.RuneSelf {
			b.WriteByte(byte(unicode.ToLower(d)))
		} else if unicode.IsLetter(d) || unicode.IsDigit(d) {
			b.WriteString(string(unicode.ToLower(d)))
		}
	}
	if b.Len() == 0 && !unicode.Is(unicode.Mn, r) {
		return " " // punctuation and symbols separate words
	}
	return b.String()
}

// Letters returns s lowercased without diacritics (đ→d), keeping every
// other character; ASCII input is only lowercased. Byte lengths may differ
// from s.
func Letters(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(unicode.ToLower(r)))
			continue
		}
		if f, ok := table(r); ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Fold returns the scorer's folded form of s: Letters(s) with every run of
// characters other than [0-9a-z] replaced by one space, trimmed.
func Fold(s string) string { return join(s, ' ') }

// Key returns Fold(s) without spaces: "Hà Nội", "Ha Noi" and "hanoi" share
// the key "hanoi"; "Oh Se-hoon" and "Oh Se Hoon" share "ohsehoon".
func Key(s string) string {
	// ASCII fast path: keys of plain words without building anything, of
	// other text with one allocation
	if isKey(s) {
		return s
	}
	var arr [64]byte
	return string(AppendKey(arr[:0], s))
}

// isKey reports whether s is its own key: only [0-9a-z].
func isKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// AppendKey appends Key(s) to dst and returns the extended slice, so that
// a caller can look the key up before deciding to make a string of it.
func AppendKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return appendJoin(dst, s, 0)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}

// Slug returns Fold(s) with hyphens between words, for ids: "Trần Lưu
// Quang" → "tran-luu-quang".
func Slug(s string) string { return join(s, '-') }

// AppendSlug appends Slug(s) to dst and returns the extended slice.
func AppendSlug(dst []byte, s string) []byte { return appendJoin(dst, s, '-') }

func join(s string, sep byte) string {
	var arr [64]byte
	return string(appendJoin(arr[:0], s, sep))
}

// appendJoin appends join(s, sep) to b.
func appendJoin(b []byte, s string, sep byte) []byte {
	// Letters(s), folded rune by rune, goes straight through the filter
	n0 := len(b)
	pending := false
	put := func(c byte) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if pending && len(b) > n0 && sep != 0 {
				b = append(b, sep)
			}
			pending = false
			b = append(b, c)
			return
		}
		pending = true
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A' // unicode.ToLower, without the call
			}
			put(c)
		default:
			if f, ok := table(r); ok {
				for i := 0; i < len(f); i++ {
					put(f[i])
				}
			} else if l := unicode.ToLower(r); l < utf8.RuneSelf {
				put(byte(l)) // the Kelvin sign
			} else {
				pending = true // Letters writes l: bytes >= 0x80 only
			}
		}
	}
	return b
}
