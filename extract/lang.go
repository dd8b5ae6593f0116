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
func detectLang(body string) string {
	if len(body) > langSample {
		cut := langSample
		for cut < len(body) && body[cut]&0xC0 == 0x80 {
			cut++
		}
		body = body[:cut]
	}
	if l := quickLang(body); l != "" {
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

// Function words frequent in one of English and French and rare in the
// other (and in Vietnamese, Spanish, Italian or German): "a", "en", "on",
// "de", "la", "que" and the like are left out.
var (
	enFunctionWords = map[string]bool{
		"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "was": true, "were": true,
		"for": true, "with": true, "that": true, "said": true, "by": true, "at": true, "from": true, "has": true,
		"have": true, "this": true, "will": true, "its": true, "their": true, "which": true, "are": true,
		"an": true, "be": true, "been": true, "also": true, "between": true,
	}
	frFunctionWords = map[string]bool{
		"les": true, "des": true, "du": true, "et": true, "est": true, "une": true, "dans": true, "aux": true,
		"sur": true, "pour": true, "qui": true, "avec": true, "ont": true, "sont": true, "cette": true,
		"au": true, "été": true, "entre": true, "ses": true, "leur": true, "leurs": true, "également": true,
		"l": true, "d": true, "qu": true, // elisions: l'accord, d'une, qu'il
	}
)

// quickLang decides between English and French by counting function words
// in text, and returns "" when neither clearly dominates or when the text
// has many letters only Vietnamese uses (ơ, ư, đ, ă, ạ, ế…): whatlanggo
// decides those.
func quickLang(text string) string {
	en, fr, vi := 0, 0, 0
	var buf [16]byte
	for i := 0; i < len(text); {
		r, size := decodeRune(text, i)
		if !isLetter(r) {
			i += size
			continue
		}
		// a word: lowercase it into buf (longer words are no function words)
		n, long := 0, false
		for i < len(text) {
			r, size = decodeRune(text, i)
			if !isLetter(r) {
				break
			}
			if r >= utf8.RuneSelf && vietnameseLetter(r) {
				vi++
			}
			switch {
			case long:
			case r < utf8.RuneSelf:
				if n < len(buf) {
					if r >= 'A' && r <= 'Z' {
						r += 'a' - 'A'
					}
					buf[n] = byte(r)
					n++
				} else {
					long = true
				}
			default:
				if l := unicode.ToLower(r); n+utf8.RuneLen(l) <= len(buf) {
					n += utf8.EncodeRune(buf[n:], l)
				} else {
					long = true
				}
			}
			i += size
		}
		if long {
			continue
		}
		// (a map index with a converted []byte key does not allocate)
		if enFunctionWords[string(buf[:n])] {
			en++
		} else if frFunctionWords[string(buf[:n])] {
			fr++
		}
	}
	switch {
	case vi > (en+fr)/2:
		return ""
	case en >= 8 && en >= 4*fr:
		return "en"
	case fr >= 8 && fr >= 4*en:
		return "fr"
	}
	return ""
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

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
