package numbers

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/internal/scan"
)

// Count is a cardinal number found in text. Start and End are byte
// offsets into the text; Start includes an approximation modifier ("près
// de 1.000") and NumStart is where the number itself begins, so
// Start <= NumStart < End. End excludes a linking "of"/"de"/"d'" ("des
// centaines de délégués" ends after "centaines"). Value is the number;
// collective forms without an exact value ("hundreds of", "des dizaines
// de") take the smallest plural value (200, 20) and are Approx, as are
// "une vingtaine" (20) and "un millier" (1000) and every number preceded by
// a modifier.
type Count struct {
	Start, End int
	Value      float64
	Approx     bool
	NumStart   int
}

// IsYearLike reports whether v could be a year rather than a count: an
// integer from 1800 to 2100. Counts returns such numbers ("in 2016")
// and leaves the choice to the caller, which can also look at the text
// (a year is never written "2,016").
func IsYearLike(v float64) bool {
	return v == math.Trunc(v) && v >= 1800 && v <= 2100
}

// Counts returns the cardinal numbers of text in order, for lang "en",
// "fr" or "" (both). It finds digits with thousands separators ("1,000",
// "1.000", "1 000" with a normal, no-break or narrow no-break space),
// decimals with a scale word ("2,5 millions", "2.5 million"), number words
// ("twenty-two", "quatre-vingt-dix-neuf", "deux mille", "a dozen") and
// collective forms ("une vingtaine", "un millier", "hundreds of").
//
// It skips what is not a count: ordinals ("12th", "12e", "1er", "XIIe"),
// numbers glued to letters or other digits ("COVID-19", "A320", "10h30",
// "14/04/2023", "2016-2020"), percentages, money with a currency sign,
// days and years next to a month name ("29 août 2023", "August 29, 2023"),
// and word numbers below 2 ("one", "un", "une"). Numbers inside what
// extract/dates reads as a date are skipped, resolved or not ("29 août",
// "August 29, 2023", "les 14 et 15 octobre"); years elsewhere are
// returned: see IsYearLike.
func (w *Words) Counts(text, lang string) []Count {
	tab := w.table(lang)
	var out []Count
	var dates [][2]int // read at the first digit: only digits can be inside a date
	datesRead := false
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			if !datesRead {
				dates, datesRead = w.dates.Shapes(text, lang), true
			}
			for len(dates) > 0 && dates[0][1] <= i {
				dates = dates[1:]
			}
			if len(dates) > 0 && dates[0][0] <= i {
				// A day or year of a date: "29 août 2023", "October 14-15, 2019".
				i = numSkipBlob(text, i)
				continue
			}
			sp, next, ok := numDigits(text, i, tab)
			if ok {
				out = append(out, sp)
			}
			i = next
		case scan.IsASCIILetter(c):
			sp, next, ok := numWordPhrase(text, i, tab)
			if ok {
				out = append(out, sp)
			}
			i = next
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) {
				i = numSkipToken(text, i)
			} else {
				i += size
			}
		}
	}
	return out
}

// numEntry is one number word.
type numEntry struct {
	kind  numKind
	val   float64
	pl    bool // plural: "hundreds", "milliers", "cents"
	flag  uint8
	langs uint32 // the languages it is a word of, one bit each
}

type numKind uint8

const (
	numNone    numKind = iota
	numUnit            // 1-9 ("un", "one" included)
	numTeen            // 10-19 in English, 11-16 in French
	numDix             // French "dix": "dix-sept", "soixante-dix"
	numTens            // 20-90; French "vingt" to "soixante"
	numHundred         // "hundred", "cent", "cents", "hundreds"
	numScale           // "thousand", "mille", "million", "milliard", "billion"
	numColl            // "dozen", "douzaine", "dizaine", ..., "millier"
	numArticle         // English "a"
	numDet             // "des", "plusieurs", "several", "few"
	numAnd             // "and", "et"
)

const (
	numFlagVingt         uint8 = 1 << iota // "vingt(s)": "quatre-vingts"
	numFlagUn                              // "un", "une", "one": after "et"
	numFlagOnze                            // "onze": "soixante et onze"
	numFlagExact                           // "dozen", "douzaine": not approximate
	numFlagNeedMul                         // "tens": only in "tens of thousands"
	numFlagBeforeScale                     // "several", "few": "several hundred"
	numFlagJoinsHundreds                   // English "and": "one hundred and fifty"
	numFlagStarter                         // "cent", "mille": start a number alone
)

// numDigits parses the digit run at text[i]. It returns the span, the
// position to continue from and whether the run is a count.
func numDigits(text string, i int, tab *table) (Count, int, bool) {
	skip := numSkipBlob(text, i)
	if scan.GluedBefore(text, i) {
		return Count{}, skip, false
	}
	n := len(text)
	j := i
	for j < n && scan.IsDigit(text[j]) {
		j++
	}
	first := j - i
	if first > 15 {
		return Count{}, skip, false
	}
	value := numAtoi(text[i:j])
	end := j
	// Separators followed by exactly three digits group thousands, one
	// kind per number ("1,000,000", "1.000", "1 000"); another "." or ","
	// is decimal ("2,5", "1,234.5"). Before a scale word the language's
	// decimal separator is decimal even before three digits ("1,250
	// millions" in French).
	groupSep := ""
	for end < n {
		sep, sw := numSepAt(text, end)
		if sw == 0 || end+sw >= n || !scan.IsDigit(text[end+sw]) {
			break
		}
		k := end + sw
		for k < n && scan.IsDigit(text[k]) {
			k++
		}
		run := text[end+sw : k]
		decSep := sep == "." || sep == ","
		isGroup := len(run) == 3 && first <= 3 && (groupSep == "" || groupSep == sep)
		if isGroup && decSep && (k >= n || !scan.IsDigitSepDigit(text, k)) {
			if _, ok := numScaleWordAt(text, k, tab); ok && strings.Contains(tab.decimal, sep) {
				isGroup = false
			}
		}
		if isGroup && value < 1e12 {
			value = value*1000 + numAtoi(run)
			groupSep = sep
			end = k
			continue
		}
		if decSep && sep != groupSep && len(run) <= 15 {
			value += numAtoi(run) / math.Pow(10, float64(len(run)))
			end = k
		}
		break
	}
	// What follows decides whether this is a count at all.
	if end < n {
		c := text[end]
		if scan.IsASCIILetter(c) || c == '%' || c == '_' || c == '$' {
			return Count{}, skip, false
		}
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(text[end:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) || r == '°' {
				return Count{}, skip, false
			}
		}
		if scan.IsDigitSepDigit(text, end) {
			return Count{}, skip, false
		}
	}
	if numPercentAfter(text, end, tab) {
		return Count{}, skip, false
	}
	if s, ok := numScaleWordAt(text, end, tab); ok {
		_, we := numNextWord(text, end)
		value *= s
		end = we
	}
	start, approx := numModifierBefore(text, i, tab)
	return Count{Start: start, End: end, Value: value, Approx: approx, NumStart: i}, end, true
}

// numWordPhrase reads the number phrase that may start with the ASCII word
// at text[i]. It returns the position after the phrase or after the word.
func numWordPhrase(text string, i int, tab *table) (Count, int, bool) {
	tokEnd := numSkipToken(text, i)
	if i > 0 && (scan.IsDigit(text[i-1]) || text[i-1] == '_') {
		// A word glued to a digit ("19h", "2nd") is no number.
		return Count{}, tokEnd, false
	}
	p := numPartAt(text, i, tab)
	if p.e.kind == numNone || p.e.kind == numAnd {
		return Count{}, tokEnd, false
	}
	ph := numPhrase{text: text, i: i, tab: tab, tokEnd: tokEnd}
	switch p.e.kind {
	case numArticle:
		// "a hundred", "a thousand", "a dozen", "a few hundred".
		q := numPartAt(text, p.end, tab)
		if q.e.langs&p.e.langs == 0 {
			return Count{}, tokEnd, false
		}
		switch {
		case (q.e.kind == numHundred || q.e.kind == numScale) && !q.e.pl:
			return ph.cardinal(q, 1, numSkFinal)
		case q.e.kind == numColl && !q.e.pl && q.e.flag&numFlagNeedMul == 0:
			return ph.finish(q.e.val, q.end, q.e.flag&numFlagExact == 0)
		case q.e.kind == numDet:
			return ph.det(q)
		}
		return Count{}, tokEnd, false
	case numDet:
		return ph.det(p)
	case numColl:
		if !p.e.pl {
			return Count{}, tokEnd, false
		}
		return ph.collPlural(p, 2)
	case numHundred, numScale:
		if p.e.pl {
			return ph.collPlural(p, 2)
		}
		// Alone, only French "cent" and "mille" start a number ("mille
		// délégués"); "million" after skipped money ("$5 million") or
		// "hundred" do not.
		if p.e.flag&numFlagStarter == 0 || numPercentBefore(text, i, tab) {
			return Count{}, tokEnd, false
		}
	}
	return ph.cardinal(p, 0, numSkNone)
}

// numPhrase reads one word number phrase starting at text[i].
type numPhrase struct {
	text   string
	i      int
	tab    *table
	tokEnd int
}

// finish checks and returns the phrase with value v ending at e.
func (ph numPhrase) finish(v float64, e int, approx bool) (Count, int, bool) {
	if v < 2 || numPercentAfter(ph.text, e, ph.tab) {
		return Count{}, numMax(e, ph.tokEnd), false
	}
	if o := numOrdinalAfter(ph.text, e, ph.tab); o > 0 {
		return Count{}, numMax(o, ph.tokEnd), false
	}
	start, mod := numModifierBefore(ph.text, ph.i, ph.tab)
	return Count{Start: start, End: e, Value: v, Approx: approx || mod, NumStart: ph.i}, e, true
}

// cardinal reads a compound cardinal from part p, with small already
// holding an implicit one after the article "a".
func (ph numPhrase) cardinal(p numPart, small float64, sk numSk) (Count, int, bool) {
	var (
		total, hund, lastScale float64
		end                    = -1
	)
	for {
		e := p.e
		ok := true
		switch e.kind {
		case numUnit, numTeen, numDix, numTens:
			small, sk, ok = numSmallStep(small, sk, e)
		case numHundred:
			if hund != 0 || small >= 100 || e.pl && small == 0 {
				ok = false
				break
			}
			hund = math.Max(small, 1) * 100
			small, sk = 0, numSkNone
		case numScale:
			if lastScale != 0 && e.val >= lastScale || e.pl && hund+small == 0 {
				ok = false
				break
			}
			total += math.Max(hund+small, 1) * e.val
			hund, small, sk = 0, 0, numSkNone
			lastScale = e.val
		case numColl:
			// "two dozen", "deux centaines de", "un millier".
			n := total + hund + small
			if end < 0 || n == 0 || e.flag&numFlagNeedMul != 0 {
				ok = false
				break
			}
			if e.pl {
				return ph.collPlural(p, n)
			}
			return ph.finish(n*e.val, p.end, e.flag&numFlagExact == 0)
		case numAnd:
			q := numPartAt(ph.text, p.end, ph.tab)
			if e.flag&numFlagJoinsHundreds != 0 {
				// "one hundred and fifty"
				ok = (hund != 0 || lastScale != 0) && sk == numSkNone &&
					(q.e.kind == numUnit || q.e.kind == numTeen || q.e.kind == numTens) &&
					q.e.langs&e.langs != 0
			} else {
				// "vingt et un", "soixante et onze"
				ok = sk == numSkTens && small <= 60 &&
					(q.e.flag&numFlagUn != 0 || q.e.flag&numFlagOnze != 0 && small == 60)
			}
		default:
			ok = false
		}
		if !ok {
			break
		}
		if e.kind != numAnd {
			end = p.end
		}
		q := numPartAt(ph.text, p.end, ph.tab)
		if q.e.kind == numNone {
			break
		}
		p = q
	}
	if end < 0 {
		return Count{}, ph.tokEnd, false
	}
	return ph.finish(total+hund+small, end, false)
}

// det reads "des centaines de", "plusieurs milliers de", "several
// hundred", "a few thousand" from the determiner part p.
func (ph numPhrase) det(p numPart) (Count, int, bool) {
	q := numPartAt(ph.text, p.end, ph.tab)
	switch {
	case (q.e.kind == numHundred || q.e.kind == numScale) && !q.e.pl && p.e.flag&numFlagBeforeScale != 0:
		// "several hundred", "a few thousand"
		return ph.finish(2*q.e.val, q.end, true)
	case (q.e.kind == numColl || q.e.kind == numHundred || q.e.kind == numScale) && q.e.pl:
		return ph.collPlural(q, 2)
	}
	return Count{}, ph.tokEnd, false
}

// collPlural reads a plural collective at p ("centaines", "hundreds",
// "dozens") taken n times, which must be followed by "of"/"de"; a larger
// plural collective after it multiplies ("des dizaines de milliers de",
// "tens of thousands of").
func (ph numPhrase) collPlural(p numPart, n float64) (Count, int, bool) {
	of := numOfAfter(ph.text, p.end, ph.tab)
	if of < 0 {
		return Count{}, numMax(p.end, ph.tokEnd), false
	}
	v := n * p.e.val
	end := p.end
	q := numPartAt(ph.text, of, ph.tab)
	if (q.e.kind == numColl || q.e.kind == numHundred || q.e.kind == numScale) && q.e.pl &&
		q.e.val > p.e.val && numOfAfter(ph.text, q.end, ph.tab) >= 0 {
		v *= q.e.val
		end = q.end
	} else if p.e.flag&numFlagNeedMul != 0 {
		return Count{}, numMax(p.end, ph.tokEnd), false
	}
	return ph.finish(v, end, true)
}

type numSk uint8

const (
	numSkNone  numSk = iota
	numSkUnit        // a unit that may still take "vingt" ("quatre")
	numSkTens        // tens that may take a unit
	numSkDix         // "dix" that may take 7-9
	numSkFinal       // nothing small may follow
)

// numSmallStep adds one word below a hundred to small, enforcing the
// grammar of compound numbers so that "two three" is not five.
func numSmallStep(small float64, sk numSk, e numEntry) (float64, numSk, bool) {
	switch sk {
	case numSkNone:
		switch e.kind {
		case numUnit:
			return e.val, numSkUnit, true
		case numTeen:
			return e.val, numSkFinal, true
		case numDix:
			return 10, numSkDix, true
		case numTens:
			return e.val, numSkTens, true
		}
	case numSkUnit:
		if e.flag&numFlagVingt != 0 && small == 4 {
			return 80, numSkTens, true
		}
	case numSkTens:
		switch e.kind {
		case numUnit:
			return small + e.val, numSkFinal, true
		case numTeen:
			if small == 60 || small == 80 {
				return small + e.val, numSkFinal, true
			}
		case numDix:
			if small == 60 || small == 80 {
				return small + 10, numSkDix, true
			}
		}
	case numSkDix:
		if e.kind == numUnit && e.val >= 7 {
			return small + e.val, numSkFinal, true
		}
	}
	return small, sk, false
}

// numPart is one word, or one part of a hyphenated word, with its entry.
type numPart struct {
	start, end int
	e          numEntry
}

// numPartAt returns the word part that starts at or after i, skipping
// spaces and at most one hyphen between letters. Its entry is empty when
// the part is no number word or nothing follows on the same line.
func numPartAt(text string, i int, tab *table) numPart {
	n := len(text)
	j := i
	if j < n && text[j] == '-' && j > 0 && scan.IsASCIILetter(text[j-1]) {
		j++
	} else {
		j = scan.SkipSpace(text, j)
	}
	if j >= n || !scan.IsASCIILetter(text[j]) {
		return numPart{start: j, end: j}
	}
	k := j
	for k < n && scan.IsASCIILetter(text[k]) {
		k++
	}
	if k < n && text[k] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsLetter(r) {
			return numPart{start: j, end: k}
		}
	}
	if k-j > maxWord || tab.lens[text[j]|0x20]&(1<<(k-j)) == 0 {
		return numPart{start: j, end: k} // (most words: no number word of that length starts with that letter)
	}
	var buf [maxWord]byte
	for x := j; x < k; x++ {
		c := text[x]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[x-j] = c
	}
	return numPart{start: j, end: k, e: tab.words[string(buf[:k-j])]}
}

// numOrdinalAfter returns the end of an ordinal word that continues the
// number phrase ending at e ("twenty-first", "vingt et unième",
// "trente-deuxième", "twenty first"), or 0.
func numOrdinalAfter(text string, e int, tab *table) int {
	j := e
	hyphen := false
	for k := 0; k < 2; k++ {
		if j < len(text) && text[j] == '-' {
			j++
			hyphen = true
		} else {
			j = scan.SkipSpace(text, j)
		}
		w := scan.WordEnd(text, j)
		if w == j {
			return 0
		}
		f := numFoldWord(text[j:w])
		if k == 0 && tab.w.all.words[f].kind == numAnd {
			j = w
			hyphen = true
			continue
		}
		o, ok := tab.w.ordinalWord(f)
		if !ok {
			return 0
		}
		// With a plain space only some languages compose ("twenty
		// first"); "les deux premiers jours" counts two days.
		if !hyphen && (!o.space || o.hyphen) {
			return 0
		}
		return w
	}
	return 0
}

// numPercentAfter reports whether a percent sign or word follows e.
func numPercentAfter(text string, e int, tab *table) bool {
	ws, we := numNextWord(text, e)
	if ws < 0 {
		return false
	}
	if text[ws] == '%' {
		return true
	}
	var buf [32]byte
	w := numFold(&buf, text[ws:we])
	if tab.w.percent[string(w)] {
		return true
	}
	if second, ok := tab.w.percent2[string(w)]; ok {
		ws2, we2 := numNextWord(text, we)
		return ws2 >= 0 && string(numFold(&buf, text[ws2:we2])) == second
	}
	return false
}

// numPercentBefore reports whether the first word of a two-word percent
// ("pour", "per") comes just before the word at i ("dix pour cent").
func numPercentBefore(text string, i int, tab *table) bool {
	j := scan.SkipSpaceBack(text, i)
	if j == i {
		return false
	}
	var buf [32]byte
	_, ok := tab.w.percent2[string(numFold(&buf, text[scan.WordStartBack(text, j):j]))]
	return ok
}

// numOfAfter returns the position after "of", "de" or "d'" following i, or
// -1.
func numOfAfter(text string, i int, tab *table) int {
	j := scan.SkipSpace(text, i)
	if j == i || j >= len(text) {
		return -1
	}
	k := j
	for k < len(text) && scan.IsASCIILetter(text[k]) {
		k++
	}
	var buf [32]byte
	w := numFold(&buf, text[j:k])
	if tab.w.of[string(w)] && k < len(text) && (text[k] == ' ' || scan.SpaceLen(text, k) > 0) {
		return k
	}
	if tab.w.ofElided[string(w)] {
		if a := scan.ApostropheLen(text, k); a > 0 {
			return k + a
		}
	}
	return -1
}

// numModifierBefore looks back from the number at i for an approximation
// modifier and returns where the count starts and whether it is approximate.
func numModifierBefore(text string, i int, tab *table) (int, bool) {
	var (
		starts [4]int
		words  [4][]byte
		bufs   [4][20]byte
		nw     int
	)
	p := i
	for nw < 4 {
		j := p
		elided := false
		if a := scan.ApostropheBefore(text, j); a > 0 {
			j -= a
			elided = true
		} else if nw > 0 && j > 0 && text[j-1] == '-' {
			j--
		} else {
			j = scan.SkipSpaceBack(text, j)
			if j == p {
				break
			}
		}
		k := scan.WordStartBack(text, j)
		if k == j || j-k > len(bufs[nw]) {
			break
		}
		w, ok := scan.FoldInto(bufs[nw][:0], text[k:j])
		if !ok {
			break
		}
		if elided {
			if full, ok := tab.w.elision[string(w)]; ok && len(full) <= cap(w) {
				w = append(w[:0], full...)
			}
		}
		words[nw] = w
		starts[nw] = k
		nw++
		p = k
		if k > 0 && text[k-1] != '-' && scan.SpaceLenBack(text, k) == 0 && scan.ApostropheBefore(text, k) == 0 {
			break
		}
	}
	var buf [64]byte
	for k := nw; k >= 1; k-- {
		b := buf[:0]
		for x := k - 1; x >= 0; x-- {
			b = append(b, words[x]...)
			if x > 0 {
				b = append(b, ' ')
			}
		}
		if tab.w.approx[string(b)] {
			return starts[k-1], true
		}
	}
	return i, false
}

// numScaleWordAt returns the multiplier of a scale word after the digits
// ending at i ("2.5 million").
func numScaleWordAt(text string, i int, tab *table) (float64, bool) {
	ws, we := numNextWord(text, i)
	if ws < 0 || ws == i {
		return 0, false
	}
	var buf [32]byte
	s, ok := tab.w.digitScale[string(numFold(&buf, text[ws:we]))]
	return s, ok
}
