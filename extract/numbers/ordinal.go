package numbers

import "github.com/kg-dev/kg/extract/internal/scan"

// Ordinal returns the number of an ordinal token: digits with a suffix
// ("12th", "1st", "2nd", "3rd", "12e", "12è", "12ème", "12es", "1er",
// "1re", "1ère", "14ᵉ"), a Roman numeral with a suffix flagged roman
// ("XIIe", "XXIe", "Ier"), or ordinal words ("first", "twenty-first",
// "one hundredth", "premier", "première", "second", "deuxième", "vingt et
// unième", "quatre-vingt-dixième"). Which suffix goes with which number
// comes from the data ("12st" is rejected in English).
func (w *Words) Ordinal(token string) (int, bool) {
	s := scan.TrimSpace(token)
	if s == "" {
		return 0, false
	}
	if scan.IsDigit(s[0]) {
		return w.ordinalDigits(s)
	}
	if s[0] >= 'A' && s[0] <= 'Z' {
		if v, ok := w.ordinalRoman(s); ok {
			return v, true
		}
	}
	var buf [64]byte
	f, ok := scan.FoldInto(buf[:0], s)
	if !ok {
		return 0, false
	}
	return w.ordinalWords(string(f))
}

// ordinalDigits parses "12th", "1er", "14ᵉ".
func (w *Words) ordinalDigits(s string) (int, bool) {
	j := 0
	v := 0
	for j < len(s) && scan.IsDigit(s[j]) {
		if j >= 9 {
			return 0, false
		}
		v = v*10 + int(s[j]-'0')
		j++
	}
	if v == 0 {
		return 0, false
	}
	suf, ok := w.digitSufs[s[j:]]
	if !ok || !suffixFits(suf.rule, v) {
		return 0, false
	}
	return v, true
}

// suffixFits reports whether a digit suffix's rule accepts v.
func suffixFits(rule string, v int) bool {
	last := v % 10
	teen := v%100 >= 11 && v%100 <= 13
	switch rule {
	case "any":
		return true
	case "one":
		return v == 1
	case "two":
		return v == 2
	case "last1":
		return last == 1 && !teen
	case "last2":
		return last == 2 && !teen
	case "last3":
		return last == 3 && !teen
	case "other":
		return teen || last == 0 || last >= 4
	}
	return false
}

// ordinalRoman parses "XIIe", "XXIe", "Ier", "Ve".
func (w *Words) ordinalRoman(s string) (int, bool) {
	j := 0
	for j < len(s) && numRomanValue(s[j]) > 0 {
		j++
	}
	if j == 0 {
		return 0, false
	}
	roman, suf := s[:j], s[j:]
	v, ok := numRoman(roman)
	if !ok {
		return 0, false
	}
	d, ok := w.digitSufs[suf]
	if !ok || !d.roman || !suffixFits(d.rule, v) {
		return 0, false
	}
	if d.rule == "any" {
		if len(roman) == 1 && roman != "V" && roman != "X" {
			// "Le", "Ce", "De", "Me" are words; "Ie" is none.
			return 0, false
		}
	}
	return v, true
}

func numRomanValue(c byte) int {
	switch c {
	case 'I':
		return 1
	case 'V':
		return 5
	case 'X':
		return 10
	case 'L':
		return 50
	case 'C':
		return 100
	case 'D':
		return 500
	case 'M':
		return 1000
	}
	return 0
}

// numRoman parses a canonical Roman numeral (1-3999).
func numRoman(s string) (int, bool) {
	if len(s) > 15 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		x := numRomanValue(s[i])
		if i+1 < len(s) && numRomanValue(s[i+1]) > x {
			v -= x
		} else {
			v += x
		}
	}
	if v <= 0 || v >= 4000 || numRomanString(v) != s {
		return 0, false
	}
	return v, true
}

func numRomanString(v int) string {
	vals := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b []byte
	for i, x := range vals {
		for v >= x {
			b = append(b, syms[i]...)
			v -= x
		}
	}
	return string(b)
}

// ordinalWord returns what a single folded ordinal word stands for
// ("first" -> one, "deuxieme" -> deux, "twentieth" -> twenty) and whether
// it is one.
func (w *Words) ordinalWord(f string) (ordinalWord, bool) {
	if o, ok := w.ordinals[f]; ok {
		return o, true
	}
	for _, e := range w.endings {
		if len(f) <= len(e.suffix) || f[len(f)-len(e.suffix):] != e.suffix {
			continue
		}
		stem := f[:len(f)-len(e.suffix)]
		if c, ok := w.stems[stem]; ok {
			return ordinalWord{cardinal: c, lang: e.lang, space: e.space}, true
		}
		for _, r := range e.replacements {
			c := stem + r
			if w.isCardinalWord(c, e) {
				return ordinalWord{cardinal: c, lang: e.lang, space: e.space}, true
			}
		}
	}
	return ordinalWord{}, false
}

// isCardinalWord reports whether c is a singular cardinal word of the
// ending's language that the ending accepts.
func (w *Words) isCardinalWord(c string, e ordinalEnding) bool {
	n, ok := w.all.words[c]
	if !ok || n.langs&e.lang == 0 || n.pl {
		return false
	}
	switch n.kind {
	case numTens:
		return !e.notTens
	case numUnit, numTeen, numDix, numHundred, numScale:
		return !e.tens
	}
	return false
}

// ordinalWords parses folded ordinal words: the last word is an ordinal,
// the words before it a cardinal ("vingt et unieme", "twenty first", "one
// hundred and fifth").
func (w *Words) ordinalWords(s string) (int, bool) {
	// Split into parts on spaces and hyphens.
	var parts [12]string
	np := 0
	for i := 0; i < len(s); {
		for i < len(s) && (s[i] == ' ' || s[i] == '-') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '-' {
			j++
		}
		if j > i {
			if np == len(parts) {
				return 0, false
			}
			parts[np] = s[i:j]
			np++
		}
		i = j
	}
	if np == 0 {
		return 0, false
	}
	o, ok := w.ordinalWord(parts[np-1])
	if !ok {
		return 0, false
	}
	tab := w.all
	for _, l := range w.langs {
		if t := w.byLang[l]; o.lang&t.bit != 0 {
			tab = t
		}
	}
	if o.alone {
		// "premier", "seconde" stand alone: "vingt et unième", not
		// "vingt et premier".
		if np > 1 {
			return 0, false
		}
		e, ok := tab.words[o.cardinal]
		if !ok {
			return 0, false
		}
		return int(e.val), true
	}
	// Rebuild the cardinal phrase and parse it with the count grammar.
	var b []byte
	for i := 0; i < np-1; i++ {
		b = append(b, parts[i]...)
		b = append(b, ' ')
	}
	b = append(b, o.cardinal...)
	phrase := string(b)
	v, end, ok := numParseCardinal(phrase, tab)
	if !ok || end != len(phrase) || v < 1 || v > 1e9 {
		return 0, false
	}
	return int(v), true
}

// numParseCardinal parses a whole word cardinal such as "vingt et un" or
// "one hundred and five", returning its value and where it ends.
func numParseCardinal(s string, tab *table) (float64, int, bool) {
	if w := numPartAt(s, 0, tab); w.end == len(s) && !w.e.pl &&
		w.e.kind >= numUnit && w.e.kind <= numScale {
		// "unième", "first", "tenth", "hundredth", "millionth"
		return w.e.val, len(s), true
	}
	sp, _, ok := numWordPhrase(s, 0, tab)
	if !ok {
		return 0, 0, false
	}
	return sp.Value, sp.End, true
}
