package numbers

import (
	"unicode"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/internal/scan"
)

// numNextWord returns the bounds of the word or symbol after i, skipping
// spaces on the same line, or -1, -1.
func numNextWord(text string, i int) (int, int) {
	j := scan.SkipSpace(text, i)
	if j >= len(text) {
		return -1, -1
	}
	if !scan.IsASCIILetter(text[j]) && text[j] < utf8.RuneSelf {
		return j, j + 1
	}
	k := scan.WordEnd(text, j)
	if k == j {
		return -1, -1
	}
	return j, k
}

// numSkipBlob returns the end of the run of digits and in-number
// punctuation that starts at i ("14/04/2023", "1.000.000", "10:30").
func numSkipBlob(text string, i int) int {
	j := i
	for j < len(text) {
		c := text[j]
		if scan.IsDigit(c) {
			j++
			continue
		}
		if scan.IsDigitSepDigit(text, j) {
			j++
			continue
		}
		if _, sw := numSepAt(text, j); sw > 0 && j+sw < len(text) && scan.IsDigit(text[j+sw]) {
			// Spaces in "1 000" are skipped only before exactly three digits.
			k := j + sw
			m := k
			for m < len(text) && scan.IsDigit(text[m]) {
				m++
			}
			if m-k == 3 && text[j] != '.' && text[j] != ',' {
				j = m
				continue
			}
		}
		break
	}
	// Skip letters glued to the digits too ("12th", "10h30").
	for j < len(text) {
		c := text[j]
		if scan.IsASCIILetter(c) || scan.IsDigit(c) {
			j++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		j += size
	}
	if j == i {
		j = i + 1
	}
	return j
}

// numSepAt returns the thousands or decimal separator at i and its byte
// length: ",", ".", " ", U+00A0 or U+202F.
func numSepAt(text string, i int) (string, int) {
	if i >= len(text) {
		return "", 0
	}
	switch text[i] {
	case ',':
		return ",", 1
	case '.':
		return ".", 1
	case ' ':
		return " ", 1
	}
	if n := scan.SpaceLen(text, i); n > 1 {
		return " ", n
	}
	return "", 0
}

// numSkipToken returns the end of the word at i, hyphenated parts
// included.
func numSkipToken(text string, i int) int {
	j := i
	for j < len(text) {
		c := text[j]
		if scan.IsASCIILetter(c) {
			j++
			continue
		}
		if c == '-' && j > i && j+1 < len(text) && scan.IsASCIILetter(text[j+1]) {
			j++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	if j == i {
		_, size := utf8.DecodeRuneInString(text[i:])
		j = i + size
	}
	return j
}

// numFold folds w like numFoldWord into buf, without allocating; the
// result is empty when numFoldWord's would be.
func numFold(buf *[32]byte, w string) []byte {
	b, ok := scan.FoldInto(buf[:0], w)
	if !ok {
		return nil
	}
	return b
}

// numFoldWord returns w lowercased with Latin-1 accents removed, or "" if
// it has other characters or is long.
func numFoldWord(w string) string {
	var buf [32]byte
	b, ok := scan.FoldInto(buf[:0], w)
	if !ok {
		return ""
	}
	return string(b)
}

func numAtoi(s string) float64 {
	var v float64
	for i := 0; i < len(s); i++ {
		v = v*10 + float64(s[i]-'0')
	}
	return v
}

func numMax(a, b int) int {
	if a > b {
		return a
	}
	return b
}
