// Package scan holds the byte-level helpers extract/dates and
// extract/numbers share to read UTF-8 news text without allocating:
// digits, letters, spaces on one line (including no-break spaces),
// apostrophes, word bounds, and folding a word to lowercase ASCII into a
// caller's buffer. None of it knows any language's words.
package scan

import (
	"unicode"
	"unicode/utf8"
)

// IsDigit reports whether c is an ASCII digit.
func IsDigit(c byte) bool { return c >= '0' && c <= '9' }

// IsASCIILetter reports whether c is an ASCII letter.
func IsASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// SpaceLen returns the byte length of a space on the same line at i:
// space, tab, U+00A0, U+202F or U+2009; 0 if none.
func SpaceLen(text string, i int) int {
	if i >= len(text) {
		return 0
	}
	switch text[i] {
	case ' ', '\t':
		return 1
	case 0xC2:
		if i+1 < len(text) && text[i+1] == 0xA0 {
			return 2
		}
	case 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xAF || text[i+2] == 0x89) {
			return 3
		}
	}
	return 0
}

// SpaceLenBack returns the byte length of a space on the same line ending
// at j, 0 if none.
func SpaceLenBack(text string, j int) int {
	if j <= 0 {
		return 0
	}
	switch text[j-1] {
	case ' ', '\t':
		return 1
	case 0xA0:
		if j >= 2 && text[j-2] == 0xC2 {
			return 2
		}
	case 0xAF, 0x89:
		if j >= 3 && text[j-3] == 0xE2 && text[j-2] == 0x80 {
			return 3
		}
	}
	return 0
}

// SkipSpace returns the position after the spaces on the same line at i.
func SkipSpace(text string, i int) int {
	for {
		n := SpaceLen(text, i)
		if n == 0 {
			return i
		}
		i += n
	}
}

// SkipSpaceBack returns where the spaces on the same line ending at j
// start.
func SkipSpaceBack(text string, j int) int {
	for {
		n := SpaceLenBack(text, j)
		if n == 0 {
			return j
		}
		j -= n
	}
}

// ApostropheLen returns the length of an apostrophe (' or U+2019) at i.
func ApostropheLen(text string, i int) int {
	if i < len(text) && text[i] == '\'' {
		return 1
	}
	if i+2 < len(text) && text[i] == 0xE2 && text[i+1] == 0x80 && text[i+2] == 0x99 {
		return 3
	}
	return 0
}

// ApostropheBefore returns the length of an apostrophe ending at j.
func ApostropheBefore(text string, j int) int {
	if j >= 1 && text[j-1] == '\'' {
		return 1
	}
	if j >= 3 && text[j-3] == 0xE2 && text[j-2] == 0x80 && text[j-1] == 0x99 {
		return 3
	}
	return 0
}

// WordEnd returns the end of the letters (no hyphen) starting at j.
func WordEnd(text string, j int) int {
	k := j
	for k < len(text) {
		c := text[k]
		if IsASCIILetter(c) {
			k++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsLetter(r) {
			break
		}
		k += size
	}
	return k
}

// WordEndASCII is WordEnd that also reports whether the word is ASCII
// letters only.
func WordEndASCII(text string, j int) (int, bool) {
	k := j
	for k < len(text) && IsASCIILetter(text[k]) {
		k++
	}
	if k < len(text) && text[k] >= utf8.RuneSelf {
		return WordEnd(text, k), false
	}
	return k, true
}

// WordStartBack returns where the word ending at j starts (j if none).
func WordStartBack(text string, j int) int {
	k := j
	for k > 0 {
		c := text[k-1]
		if IsASCIILetter(c) {
			k--
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= size
	}
	return k
}

// GluedBefore reports whether the digits at i are glued to what comes
// before: a letter or digit, a currency sign, or a separator after a digit
// or letter ("COVID-19", "v2.1", "US$5", "#3").
func GluedBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	c := text[i-1]
	switch {
	case IsASCIILetter(c) || IsDigit(c) || c == '_' || c == '$' || c == '#' || c == '@':
		return true
	case c >= utf8.RuneSelf:
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) || r == '№' {
			return true
		}
	case c == '-' || c == '/' || c == '.' || c == ',' || c == ':':
		if i >= 2 {
			p := text[i-2]
			if IsASCIILetter(p) || IsDigit(p) {
				return true
			}
			if p >= utf8.RuneSelf {
				r, _ := utf8.DecodeLastRuneInString(text[:i-1])
				return unicode.IsLetter(r)
			}
		}
	}
	return false
}

// IsDigitSepDigit reports whether text[j] is a punctuation mark between
// digits that makes the digits one token ("14/04", "10:30", "2016-2020").
func IsDigitSepDigit(text string, j int) bool {
	if j+1 >= len(text) || !IsDigit(text[j+1]) {
		return false
	}
	switch text[j] {
	case '/', ':', '-', '.', ',':
		return true
	}
	return false
}

// TrimSpace trims ASCII spaces, tabs and line ends.
func TrimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') {
		s = s[1:]
	}
	for len(s) > 0 {
		c := s[len(s)-1]
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			break
		}
		s = s[:len(s)-1]
	}
	return s
}

// FoldInto appends w lowercased with Latin-1 accents removed to dst
// without growing it; ok is false if w does not fit or has a character
// outside ASCII, Latin-1 letters, U+2019 (read as ') and no-break spaces
// (read as spaces).
func FoldInto(dst []byte, w string) ([]byte, bool) {
	for i := 0; i < len(w); {
		if len(dst) == cap(dst) {
			return dst, false
		}
		c := w[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		var f byte
		switch {
		case r >= 0xC0 && r <= 0xFF:
			f = latin1Fold[r-0xC0]
		case r == '\u2019':
			f = '\''
		case r == '\u00a0' || r == '\u202f':
			f = ' '
		}
		if f == 0 {
			return dst, false
		}
		dst = append(dst, f)
	}
	return dst, true
}

// Fold returns w folded as FoldInto does, or "" if it cannot be; it
// allocates, for loading data.
func Fold(w string) string {
	b, ok := FoldInto(make([]byte, 0, len(w)), w)
	if !ok {
		return ""
	}
	return string(b)
}

// latin1Fold maps U+00C0..U+00FF to a lowercase ASCII letter, 0 for
// non-letters and ligatures.
var latin1Fold = [64]byte{
	'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 0,
	'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 'y',
}
