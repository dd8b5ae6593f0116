package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

var langOptions = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Fra: true, whatlanggo.Vie: true,
}}

// langSample is how much of the body language detection reads: enough
// for these three languages, and detection cost grows with the sample.
const langSample = 1000

// detectLang identifies English, French or Vietnamese on the first
// kilobyte of the body: by counting function words when one language
// clearly dominates (quickLang), else with whatlanggo's trigram model,
// which costs ~100 times more.
func (w *wordClasses) detectLang(body string) string {
	if len(body) > langSample {
		cut := langSample
		for cut < len(body) && body[cut]&0xC0 == 0x80 {
			cut++
		}
		body = body[:cut]
	}
	if l := w.quickLang(body); l != "" {
		return l
	}
	info := whatlanggo.DetectWithOptions(body, langOptions)
	switch info.Lang {
	case whatlanggo.Fra:
		return "fr"
	case whatlanggo.Vie:
		return "vi"
	case whatlanggo.Eng:
		return "en"
	}
	return "en"
}

// maxLangs bounds the languages quickLang counts function words of.
const maxLangs = 16

// quickLang decides among the languages of data/LANG/words.tsv (English
// and French) by counting their function words in text: a language wins
// with at least 8 of its words and 4 times as many as all the others
// together, and more of them than the words written with letters only
// Vietnamese uses (ơ, ư, đ, ă, ạ, ế…: the names of an English or French
// article about Vietnam have some, a Vietnamese text mostly such words).
// It returns "" when none wins: whatlanggo decides those.
func (w *wordClasses) quickLang(text string) string {
	counts, vi := w.functionCounts(text)
	total := 0
	for _, c := range counts {
		total += c
	}
	for l, c := range counts[:len(w.langs)] {
		if c >= 8 && c >= 4*(total-c) && vi <= c {
			return w.langs[l]
		}
	}
	return ""
}

// functionCounts counts the function words of each language in text
// (counts[l] for w.langs[l]) and the words written with a letter only
// Vietnamese uses.
func (w *wordClasses) functionCounts(text string) (counts [maxLangs]int, vi int) {
	var buf [16]byte
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiLower[c] == 0 {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) {
			i += size
			continue
		}
		// a word: lowercase it into buf (longer words are no function words)
		n, long, viWord := 0, false, false
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				l := asciiLower[c]
				if l == 0 {
					break
				}
				if n < len(buf) {
					buf[n] = l
					n++
				} else {
					long = true
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				break
			}
			if vietnameseLetter(r) {
				viWord = true
			}
			if !long {
				if l := unicode.ToLower(r); n+utf8.RuneLen(l) <= len(buf) {
					n += utf8.EncodeRune(buf[n:], l)
				} else {
					long = true
				}
			}
			i += size
		}
		if viWord {
			vi++
		}
		if long {
			continue
		}
		if n > w.functionLen {
			continue // longer than any function word
		}
		if l := w.functionLang(buf[:n]); l > 0 {
			counts[l-1]++
		}
	}
	return counts, vi
}

// asciiLower maps the ASCII letters to their lower case, every other
// byte to 0.
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// vietnameseLetter reports whether r is a letter of Vietnamese that
// French and English do not use: ă, đ, ơ, ư and the vowels with tone
// marks of Latin Extended Additional (ạ, ả, ấ… ỹ).
func vietnameseLetter(r rune) bool {
	switch r {
	case 'ă', 'Ă', 'đ', 'Đ', 'ơ', 'Ơ', 'ư', 'Ư', 'ĩ', 'Ĩ', 'ũ', 'Ũ':
		return true
	}
	return r >= 0x1EA0 && r <= 0x1EF9
}
