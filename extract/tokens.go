package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/fold"
)

// token is a word or a punctuation mark with its byte offsets in the
// document text.
type token struct {
	start, end int
	text       string
	key        string // fold.Key(text): lowercase ASCII letters and digits
	word       bool   // letters or digits
	cap        bool   // starts with an uppercase letter
	upper      bool   // all letters uppercase (at least two)
	num        bool   // starts with a digit
	space      bool   // preceded by white space (or at text start)
	caption    bool   // in a photo caption (its sentence's caption, set with sent)
	punct      rune   // the punctuation rune, for non-words
	camel      int32  // byte offset of a lower→upper case change inside the word ("CommitteeSecretary"), 0 if none
	id         int32  // the key's id in the extractor's vocabulary (vocab.intern), 0 if unknown
	sent       int    // sentence index
	starts     uint64 // matchers that may start here (see vocab.go), startsKnown once set
}

// tokenize splits text[start:end] into tokens. Hyphens, apostrophes and
// other punctuation are tokens of their own, so "Việt Nam-France’s" gives
// Việt, Nam, -, France, ’, s.
func tokenize(text string, start, end int, sent int, out []token) []token {
	return tokenizeKeys(nil, text, start, end, sent, out)
}

// tokenizeKeys is tokenize that, given a document's keyCache, also gives
// each word its id and start mask in the extractor's vocabulary (as
// vocab.intern would) and takes its key from the cache.
func tokenizeKeys(kc *keyCache, text string, start, end int, sent int, out []token) []token {
	text = text[:end] // (the loops below test their indices against len(text): no bounds checks)
	i := start
	space := true
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isSpace(r):
			space = true
			i += size
		case isWordRune(r):
			j := i
			cap, lower, upperCount := false, false, 0
			first, prevLower, camel := true, false, 0
			nonASCII := false
			for j < len(text) {
				if c := text[j]; c-'a' < 26 {
					// a run of ASCII lower-case letters, the most common
					k := j + 1
					for k < len(text) && text[k]-'a' < 26 {
						k++
					}
					lower, prevLower, first = true, true, false
					j = k
					if j < len(text) && text[j] < utf8.RuneSelf && !asciiWord[text[j]] {
						goto done // a space or a mark: the most common end of a word
					}
					continue
				}
				r2, s2 := rune(text[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, s2 = utf8.DecodeRuneInString(text[j:])
				}
				if r2 < utf8.RuneSelf {
					// ASCII: letters and digits are the word runes
					switch {
					case r2 >= 'a' && r2 <= 'z':
						lower, prevLower = true, true
					case r2 >= 'A' && r2 <= 'Z':
						upperCount++
						if first {
							cap = true
						} else if prevLower && camel == 0 {
							camel = j - i
						}
						prevLower = false
					case r2 >= '0' && r2 <= '9':
						prevLower = false
					default:
						// keep "1,000" and "1.000" apart: numbers are read by extract/numbers
						goto done
					}
				} else {
					if !isWordRune(r2) {
						break
					}
					nonASCII = true
					if unicode.IsLetter(r2) {
						if unicode.IsUpper(r2) {
							upperCount++
							if first {
								cap = true
							} else if prevLower && camel == 0 {
								camel = j - i
							}
							prevLower = false
						} else if unicode.IsLower(r2) {
							lower, prevLower = true, true
						}
					}
				}
				first = false
				j += s2
			}
		done:
			w := text[i:j]
			// the token is written field by field in its place in out: a
			// token built on the stack and copied stalled the copy's wide
			// loads on the narrow stores of its fields
			out = grow(out)
			t := &out[len(out)-1]
			t.start, t.end, t.text, t.key = i, j, w, ""
			t.word, t.cap, t.upper, t.num, t.space, t.caption = true, cap, upperCount >= 2 && !lower, r >= '0' && r <= '9', space, false
			t.punct, t.camel, t.id, t.sent, t.starts = 0, int32(camel), 0, sent, 0
			if kc != nil {
				// lower-case ASCII letters and digits only: the word is its key
				t.key, t.id, t.starts = kc.intern(w, upperCount == 0 && !nonASCII)
			} else {
				t.key = fold.Key(w)
			}
			if w == "" {
				j = i + size
			}
			space = false
			i = j
			if i < len(text) && text[i] == ' ' { // the most common end of a word: read it here
				space = true
				i++
			}
		default:
			out = grow(out) // (as a word's)
			t := &out[len(out)-1]
			t.start, t.end, t.text, t.key = i, i+size, text[i:i+size], ""
			t.word, t.cap, t.upper, t.num, t.space, t.caption = false, false, false, false, space, false
			t.punct, t.camel, t.id, t.sent, t.starts = normPunct(r), 0, 0, sent, 0
			space = false
			i += size
		}
	}
	return out
}

// grow returns toks one token longer, the new last one as it was.
func grow(toks []token) []token {
	if len(toks) < cap(toks) {
		return toks[:len(toks)+1]
	}
	return append(toks, token{})
}

// isSpace and isWordRune test ASCII themselves and leave the other runes
// to a call, so that they are inlined.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || uint32(r-'\t') <= '\r'-'\t' || r == 0 // ' ', \t, \n, \v, \f, \r, NUL
	}
	return isSpaceRune(r)
}

//go:noinline
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b'
}

func isWordRune(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneOther(r)
}

// asciiWord holds the ASCII word runes: letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isWordRuneOther(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// normPunct maps typographic variants to one rune: all dashes to '-', all
// apostrophes to '\”, all double quotes to '"'.
func normPunct(r rune) rune {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case '\u2019', '\u2018', '\u02bc', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u00ab', '\u00bb', '\u201e':
		return '"'
	}
	return r
}

// sentence is a span of body text with its tokens.
type sentence struct {
	start, end int
	tokStart   int // its tokens are tokenized.toks[tokStart:tokEnd]
	tokEnd     int
	caption    bool
}

// splitSentences splits the line text[start:end] into sentences at ., ! and
// ? followed by white space and an uppercase letter, digit or quote, unless
// the period ends an abbreviation (abbreviations: lower-cased, from
// data/LANG/abbreviations.tsv) or an initial.
func splitSentences(text string, start, end int, abbreviations map[string]bool) [][2]int {
	return appendSentences(nil, text, start, end, abbreviations)
}

// appendSentences is splitSentences appending to out.
func appendSentences(out [][2]int, text string, start, end int, abbreviations map[string]bool) [][2]int {
	s := start
	// the next '.', '!' and '?' at or after i (end if none), found with
	// strings.IndexByte rather than by testing every byte
	next := func(c byte, i int) int {
		if k := strings.IndexByte(text[i:end], c); k >= 0 {
			return i + k
		}
		return end
	}
	dot, bang, quest := -1, -1, -1
	for i := start; i < end; i++ {
		if dot < i {
			dot = next('.', i)
		}
		if bang < i {
			bang = next('!', i)
		}
		if quest < i {
			quest = next('?', i)
		}
		if i = min(dot, bang, quest); i >= end {
			break
		}
		if j, k, ok := sentenceBreak(text, s, i, end, abbreviations); ok {
			out = append(out, [2]int{s, j})
			s = k
			i = k - 1
		}
	}
	if s < end {
		out = append(out, [2]int{s, end})
	}
	return out
}

// sentenceBreak reports whether the mark text[i] ('.', '!' or '?') of
// the sentence that starts at s ends it: the sentence is text[s:j] and
// the next one starts at k.
func sentenceBreak(text string, s, i, end int, abbreviations map[string]bool) (j, k int, ok bool) {
	c := text[i]
	j = i + 1
	for j < end && (text[j] == '.' || text[j] == '"' || text[j] == ')' || text[j] == '\'') {
		j++
	}
	if c == '.' && j == i+1 && runTogether(text, s, i, end, abbreviations) {
		// "…in 2019.The mayor…": a sentence run into the next one
		return j, j, true
	}
	if j >= end || !(text[j] == ' ' || text[j] == '\t') {
		return 0, 0, false
	}
	k = j
	for k < end && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k >= end {
		return 0, 0, false
	}
	r, _ := utf8.DecodeRuneInString(text[k:end])
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\u201c' || r == '\u00ab' || r == '-' || r == '\u2013') {
		return 0, 0, false
	}
	if c == '.' {
		w := lastWord(text[s:i])
		if isAbbreviation(abbreviations, w) {
			return 0, 0, false
		}
		if utf8.RuneCountInString(w) == 1 {
			if r0, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r0) {
				return 0, 0, false // an initial
			}
		}
	}
	return j, k, true
}

// runTogether reports whether the period at text[i] ends a sentence run
// into the next without a space: a lowercase letter or a digit before it,
// an uppercase letter and a lowercase one after it ("2019.The",
// "partners.Both"), and no abbreviation before it ("Mr.Smith").
func runTogether(text string, s, i, end int, abbreviations map[string]bool) bool {
	if i == s || i+2 >= end {
		return false
	}
	p := text[i-1]
	if !(p >= 'a' && p <= 'z' || p >= '0' && p <= '9' || p >= 0x80) {
		return false
	}
	r, size := utf8.DecodeRuneInString(text[i+1 : end])
	if !unicode.IsUpper(r) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(text[i+1+size : end])
	if !unicode.IsLower(r2) {
		return false
	}
	if p >= 0x80 {
		if r0, _ := utf8.DecodeLastRuneInString(text[s:i]); !unicode.IsLower(r0) {
			return false
		}
	}
	w := lastWord(text[s:i])
	return !isAbbreviation(abbreviations, w) && utf8.RuneCountInString(w) > 1
}

func lastWord(s string) string {
	end := len(s)
	i := end
	for i > 0 {
		if c := s[i-1]; c < utf8.RuneSelf { // (most words: ASCII)
			if !asciiWord[c] {
				break
			}
			i--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			break
		}
		i -= size
	}
	return s[i:end]
}

// isAbbreviation reports whether abbreviations has w lower-cased:
// abbreviations[strings.ToLower(w)], without allocating for a short
// ASCII word.
func isAbbreviation(abbreviations map[string]bool, w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return abbreviations[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return abbreviations[strings.ToLower(w)]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return abbreviations[string(buf[:len(w)])]
}
