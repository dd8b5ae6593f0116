package extract

// Counts and ordinals in English and French news text.
//
// FindCounts is one forward pass over the bytes: digit runs are parsed in
// place (thousands separators, decimals, scale words such as "million"),
// and words are looked up, lowercased into a stack buffer, in a small table
// of number words; a word that can start a number phrase ("vingt",
// "hundred", "des", "a") starts a bounded look-ahead that reads the rest of
// the phrase ("quatre-vingt-dix-neuf", "one hundred and fifty", "des
// centaines de"). Approximation modifiers ("près de", "more than") are
// found by looking back at most four words from the number. The number
// words are a closed grammatical class, so they live in this file rather
// than in a data file.

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// CountSpan is a cardinal number found in text. Start and End are byte
// offsets into the text; Start includes an approximation modifier ("près
// de 1.000") and NumStart is where the number itself begins, so
// Start <= NumStart < End. End excludes a linking "of"/"de"/"d'" ("des
// centaines de délégués" ends after "centaines"). Value is the number;
// collective forms without an exact value ("hundreds of", "des dizaines
// de") take the smallest plural value (200, 20) and are Approx, as are
// "une vingtaine" (20) and "un millier" (1000) and every number preceded by
// a modifier.
type CountSpan struct {
	Start, End int
	Value      float64
	Approx     bool
	NumStart   int
}

// IsYearLike reports whether v could be a year rather than a count: an
// integer from 1800 to 2100. FindCounts returns such numbers ("in 2016")
// and leaves the choice to the caller, which can also look at the text
// (a year is never written "2,016").
func IsYearLike(v float64) bool {
	return v == math.Trunc(v) && v >= 1800 && v <= 2100
}

// FindCounts returns the cardinal numbers of text in order, for lang "en",
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
// FindDates reads as a date are skipped, resolved or not ("29 août",
// "August 29, 2023", "les 14 et 15 octobre"); years elsewhere are
// returned: see IsYearLike.
func FindCounts(text, lang string) []CountSpan {
	tab := numTableFor(lang)
	var out []CountSpan
	dates := dateShapes(text, lang)
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			for len(dates) > 0 && dates[0][1] <= i {
				dates = dates[1:]
			}
			if len(dates) > 0 && dates[0][0] <= i {
				// A day or year of a date: "29 août 2023", "October 14-15, 2019".
				i = numSkipBlob(text, i)
				continue
			}
			sp, next, ok := numDigits(text, i, lang)
			if ok {
				out = append(out, sp)
			}
			i = next
		case numIsASCIILetter(c):
			sp, next, ok := numWordPhrase(text, i, tab, lang)
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
	kind numKind
	val  float64
	pl   bool // plural: "hundreds", "milliers", "cents"
	flag uint8
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
	numFlagVingt   uint8 = 1 << iota // "vingt(s)": "quatre-vingts"
	numFlagUn                        // "un", "une", "one": after "et"
	numFlagOnze                      // "onze": "soixante et onze"
	numFlagExact                     // "dozen", "douzaine": not approximate
	numFlagNeedMul                   // "tens": only in "tens of thousands"
	numFlagEN                        // English connector or determiner
)

var (
	numTableEN = numBuildTable(true, false)
	numTableFR = numBuildTable(false, true)
	numTableXX = numBuildTable(true, true)
)

func numTableFor(lang string) map[string]numEntry {
	switch lang {
	case "en":
		return numTableEN
	case "fr":
		return numTableFR
	}
	return numTableXX
}

func numBuildTable(en, fr bool) map[string]numEntry {
	t := make(map[string]numEntry, 128)
	add := func(w string, k numKind, v float64, pl bool, flag uint8) {
		t[w] = numEntry{kind: k, val: v, pl: pl, flag: flag}
	}
	if en {
		for i, w := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"} {
			var f uint8
			if i == 0 {
				f = numFlagUn
			}
			add(w, numUnit, float64(i+1), false, f)
		}
		for i, w := range []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"} {
			add(w, numTeen, float64(i+10), false, 0)
		}
		for i, w := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
			add(w, numTens, float64(20+10*i), false, 0)
		}
		add("hundred", numHundred, 100, false, 0)
		add("hundreds", numHundred, 100, true, 0)
		add("thousand", numScale, 1e3, false, 0)
		add("thousands", numScale, 1e3, true, 0)
		add("million", numScale, 1e6, false, 0)
		add("millions", numScale, 1e6, true, 0)
		add("billion", numScale, 1e9, false, 0)
		add("billions", numScale, 1e9, true, 0)
		add("dozen", numColl, 12, false, numFlagExact)
		add("dozens", numColl, 12, true, 0)
		add("tens", numColl, 10, true, numFlagNeedMul)
		add("a", numArticle, 1, false, numFlagEN)
		add("several", numDet, 0, false, numFlagEN)
		add("few", numDet, 0, false, numFlagEN)
		add("and", numAnd, 0, false, numFlagEN)
	}
	if fr {
		for i, w := range []string{"un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"} {
			var f uint8
			if i == 0 {
				f = numFlagUn
			}
			add(w, numUnit, float64(i+1), false, f)
		}
		add("une", numUnit, 1, false, numFlagUn)
		for i, w := range []string{"onze", "douze", "treize", "quatorze", "quinze", "seize"} {
			var f uint8
			if i == 0 {
				f = numFlagOnze
			}
			add(w, numTeen, float64(i+11), false, f)
		}
		add("dix", numDix, 10, false, 0)
		add("vingt", numTens, 20, false, numFlagVingt)
		add("vingts", numTens, 20, true, numFlagVingt)
		for i, w := range []string{"trente", "quarante", "cinquante", "soixante"} {
			add(w, numTens, float64(30+10*i), false, 0)
		}
		add("cent", numHundred, 100, false, 0)
		add("cents", numHundred, 100, true, 0)
		add("mille", numScale, 1e3, false, 0)
		add("million", numScale, 1e6, false, 0)
		add("millions", numScale, 1e6, true, 0)
		add("milliard", numScale, 1e9, false, 0)
		add("milliards", numScale, 1e9, true, 0)
		coll := []struct {
			w string
			v float64
		}{{"dizaine", 10}, {"douzaine", 12}, {"quinzaine", 15}, {"vingtaine", 20}, {"trentaine", 30},
			{"quarantaine", 40}, {"cinquantaine", 50}, {"soixantaine", 60}, {"centaine", 100}, {"millier", 1000}}
		for _, c := range coll {
			var f uint8
			if c.v == 12 {
				f = numFlagExact
			}
			add(c.w, numColl, c.v, false, f)
			add(c.w+"s", numColl, c.v, true, 0)
		}
		add("des", numDet, 0, false, 0)
		add("plusieurs", numDet, 0, false, 0)
		add("et", numAnd, 0, false, 0)
	}
	return t
}

// numScaleAfterDigits are the words that multiply a number written in
// digits: "2.5 million", "3 milliards".
var numScaleAfterDigits = map[string]float64{
	"thousand": 1e3, "mille": 1e3,
	"million": 1e6, "millions": 1e6, "mln": 1e6,
	"billion": 1e9, "billions": 1e9, "bn": 1e9,
	"milliard": 1e9, "milliards": 1e9,
	"trillion": 1e12, "trillions": 1e12,
}

// numApprox lists approximation modifiers, folded (lowercase, no accents,
// "d'" read as "de", "jusqu'" as "jusqu") with words joined by one space.
var numApprox = map[string]bool{
	// English
	"nearly": true, "almost": true, "about": true, "around": true, "approximately": true,
	"some": true, "roughly": true, "more than": true, "over": true, "up to": true,
	"at least": true, "close to": true, "less than": true, "fewer than": true,
	"under": true, "an estimated": true, "estimated": true, "upwards of": true,
	"just over": true, "just under": true, "well over": true, "as many as": true,
	"no fewer than": true, "no less than": true, "not less than": true,
	"in excess of": true, "circa": true, "approx": true,
	// French
	"pres de": true, "presque": true, "environ": true, "quelque": true, "quelques": true,
	"plus de": true, "au moins": true, "jusqu a": true, "autour de": true,
	"approximativement": true, "pas moins de": true, "moins de": true,
	"a peu pres": true, "quasiment": true, "un peu plus de": true,
	"un peu moins de": true, "bien plus de": true, "au dela de": true,
}

// numDigits parses the digit run at text[i]. It returns the span, the
// position to continue from and whether the run is a count.
func numDigits(text string, i int, lang string) (CountSpan, int, bool) {
	skip := numSkipBlob(text, i)
	if numGluedBefore(text, i) {
		return CountSpan{}, skip, false
	}
	n := len(text)
	j := i
	for j < n && numIsDigit(text[j]) {
		j++
	}
	first := j - i
	if first > 15 {
		return CountSpan{}, skip, false
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
		if sw == 0 || end+sw >= n || !numIsDigit(text[end+sw]) {
			break
		}
		k := end + sw
		for k < n && numIsDigit(text[k]) {
			k++
		}
		run := text[end+sw : k]
		decSep := sep == "." || sep == ","
		isGroup := len(run) == 3 && first <= 3 && (groupSep == "" || groupSep == sep)
		if isGroup && decSep && (k >= n || !numIsDigitSepDigit(text, k)) {
			if _, ok := numScaleWordAt(text, k); ok && numIsDecimalSep(sep, lang) {
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
		if numIsASCIILetter(c) || c == '%' || c == '_' || c == '$' {
			return CountSpan{}, skip, false
		}
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(text[end:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) || r == '°' {
				return CountSpan{}, skip, false
			}
		}
		if numIsDigitSepDigit(text, end) {
			return CountSpan{}, skip, false
		}
	}
	if numPercentAfter(text, end) {
		return CountSpan{}, skip, false
	}
	if s, ok := numScaleWordAt(text, end); ok {
		_, we := numNextWord(text, end)
		value *= s
		end = we
	}
	start, approx := numModifierBefore(text, i)
	return CountSpan{Start: start, End: end, Value: value, Approx: approx, NumStart: i}, end, true
}

// numWordPhrase reads the number phrase that may start with the ASCII word
// at text[i]. It returns the position after the phrase or after the word.
func numWordPhrase(text string, i int, tab map[string]numEntry, lang string) (CountSpan, int, bool) {
	tokEnd := numSkipToken(text, i)
	if i > 0 && (numIsDigit(text[i-1]) || text[i-1] == '_') {
		// A word glued to a digit ("19h", "2nd") is no number.
		return CountSpan{}, tokEnd, false
	}
	p := numPartAt(text, i, tab)
	if p.e.kind == numNone || p.e.kind == numAnd {
		return CountSpan{}, tokEnd, false
	}
	ph := numPhrase{text: text, i: i, tab: tab, tokEnd: tokEnd}
	switch p.e.kind {
	case numArticle:
		// "a hundred", "a thousand", "a dozen", "a few hundred".
		q := numPartAt(text, p.end, tab)
		if !numIsEnglishWord(text[q.start:q.end]) {
			return CountSpan{}, tokEnd, false
		}
		switch {
		case (q.e.kind == numHundred || q.e.kind == numScale) && !q.e.pl:
			return ph.cardinal(q, 1, numSkFinal)
		case q.e.kind == numColl && !q.e.pl && q.e.flag&numFlagNeedMul == 0:
			return ph.finish(q.e.val, q.end, q.e.flag&numFlagExact == 0)
		case q.e.kind == numDet:
			return ph.det(q)
		}
		return CountSpan{}, tokEnd, false
	case numDet:
		return ph.det(p)
	case numColl:
		if !p.e.pl {
			return CountSpan{}, tokEnd, false
		}
		return ph.collPlural(p, 2)
	case numHundred, numScale:
		if p.e.pl {
			return ph.collPlural(p, 2)
		}
		// Alone, only French "cent" and "mille" start a number ("mille
		// délégués"); "million" after skipped money ("$5 million") or
		// "hundred" do not.
		if !numIsFrenchStarter(text[p.start:p.end]) || numPercentBefore(text, i) {
			return CountSpan{}, tokEnd, false
		}
	}
	return ph.cardinal(p, 0, numSkNone)
}

// numPhrase reads one word number phrase starting at text[i].
type numPhrase struct {
	text   string
	i      int
	tab    map[string]numEntry
	tokEnd int
}

// finish checks and returns the phrase with value v ending at e.
func (ph numPhrase) finish(v float64, e int, approx bool) (CountSpan, int, bool) {
	if v < 2 || numPercentAfter(ph.text, e) {
		return CountSpan{}, numMax(e, ph.tokEnd), false
	}
	if o := numOrdinalAfter(ph.text, e); o > 0 {
		return CountSpan{}, numMax(o, ph.tokEnd), false
	}
	start, mod := numModifierBefore(ph.text, ph.i)
	return CountSpan{Start: start, End: e, Value: v, Approx: approx || mod, NumStart: ph.i}, e, true
}

// cardinal reads a compound cardinal from part p, with small already
// holding an implicit one after the article "a".
func (ph numPhrase) cardinal(p numPart, small float64, sk numSk) (CountSpan, int, bool) {
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
			if e.flag&numFlagEN != 0 {
				// "one hundred and fifty"
				ok = (hund != 0 || lastScale != 0) && sk == numSkNone &&
					(q.e.kind == numUnit || q.e.kind == numTeen || q.e.kind == numTens) &&
					numIsEnglishWord(ph.text[q.start:q.end])
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
		return CountSpan{}, ph.tokEnd, false
	}
	return ph.finish(total+hund+small, end, false)
}

// det reads "des centaines de", "plusieurs milliers de", "several
// hundred", "a few thousand" from the determiner part p.
func (ph numPhrase) det(p numPart) (CountSpan, int, bool) {
	q := numPartAt(ph.text, p.end, ph.tab)
	switch {
	case (q.e.kind == numHundred || q.e.kind == numScale) && !q.e.pl && p.e.flag&numFlagEN != 0:
		// "several hundred", "a few thousand"
		return ph.finish(2*q.e.val, q.end, true)
	case (q.e.kind == numColl || q.e.kind == numHundred || q.e.kind == numScale) && q.e.pl:
		return ph.collPlural(q, 2)
	}
	return CountSpan{}, ph.tokEnd, false
}

// collPlural reads a plural collective at p ("centaines", "hundreds",
// "dozens") taken n times, which must be followed by "of"/"de"; a larger
// plural collective after it multiplies ("des dizaines de milliers de",
// "tens of thousands of").
func (ph numPhrase) collPlural(p numPart, n float64) (CountSpan, int, bool) {
	of := numOfAfter(ph.text, p.end)
	if of < 0 {
		return CountSpan{}, numMax(p.end, ph.tokEnd), false
	}
	v := n * p.e.val
	end := p.end
	q := numPartAt(ph.text, of, ph.tab)
	if (q.e.kind == numColl || q.e.kind == numHundred || q.e.kind == numScale) && q.e.pl &&
		q.e.val > p.e.val && numOfAfter(ph.text, q.end) >= 0 {
		v *= q.e.val
		end = q.end
	} else if p.e.flag&numFlagNeedMul != 0 {
		return CountSpan{}, numMax(p.end, ph.tokEnd), false
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
func numPartAt(text string, i int, tab map[string]numEntry) numPart {
	n := len(text)
	j := i
	if j < n && text[j] == '-' && j > 0 && numIsASCIILetter(text[j-1]) {
		j++
	} else {
		j = numSkipSpace(text, j)
	}
	if j >= n || !numIsASCIILetter(text[j]) {
		return numPart{start: j, end: j}
	}
	k := j
	for k < n && numIsASCIILetter(text[k]) {
		k++
	}
	if k < n && text[k] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsLetter(r) {
			return numPart{start: j, end: k}
		}
	}
	if k-j > 12 {
		return numPart{start: j, end: k}
	}
	var buf [12]byte
	for x := j; x < k; x++ {
		c := text[x]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[x-j] = c
	}
	return numPart{start: j, end: k, e: tab[string(buf[:k-j])]}
}

// numOrdinalAfter returns the end of an ordinal word that continues the
// number phrase ending at e ("twenty-first", "vingt et unième",
// "trente-deuxième", "twenty first"), or 0.
func numOrdinalAfter(text string, e int) int {
	j := e
	hyphen := false
	for k := 0; k < 2; k++ {
		if j < len(text) && text[j] == '-' {
			j++
			hyphen = true
		} else {
			j = numSkipSpace(text, j)
		}
		w := numWordEnd(text, j)
		if w == j {
			return 0
		}
		f := numFoldWord(text[j:w])
		if k == 0 && (f == "et" || f == "and") {
			j = w
			hyphen = true
			continue
		}
		c, ok := numOrdinalWord(f)
		if !ok {
			return 0
		}
		// With a plain space only English composes ("twenty first");
		// "les deux premiers jours" counts two days.
		if !hyphen {
			if _, en := numTableEN[c]; !en || f == "second" {
				return 0
			}
		}
		return w
	}
	return 0
}

// numWordEnd returns the end of the letters (no hyphen) starting at j.
func numWordEnd(text string, j int) int {
	k := j
	for k < len(text) {
		c := text[k]
		if numIsASCIILetter(c) {
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

// numIsFrenchStarter reports whether w is "cent" or "mille".
func numIsFrenchStarter(w string) bool {
	var buf [32]byte
	switch string(numFold(&buf, w)) {
	case "cent", "mille":
		return true
	}
	return false
}

// numIsEnglishWord reports whether w is an English number word; it keeps
// French "a" (has) and "et" from joining English words in mixed text.
func numIsEnglishWord(w string) bool {
	var buf [32]byte
	_, en := numTableEN[string(numFold(&buf, w))]
	return en
}

// numPercentAfter reports whether a percent sign or word follows e.
func numPercentAfter(text string, e int) bool {
	ws, we := numNextWord(text, e)
	if ws < 0 {
		return false
	}
	if text[ws] == '%' {
		return true
	}
	var buf [32]byte
	switch string(numFold(&buf, text[ws:we])) {
	case "percent", "pourcent":
		return true
	case "per", "pour":
		ws2, we2 := numNextWord(text, we)
		return ws2 >= 0 && string(numFold(&buf, text[ws2:we2])) == "cent"
	}
	return false
}

// numPercentBefore reports whether "pour" or "per" comes just before the
// word at i ("dix pour cent").
func numPercentBefore(text string, i int) bool {
	j := numSkipSpaceBack(text, i)
	if j == i {
		return false
	}
	var buf [32]byte
	switch string(numFold(&buf, text[numWordStartBack(text, j):j])) {
	case "pour", "per":
		return true
	}
	return false
}

// numOfAfter returns the position after "of", "de" or "d'" following i, or
// -1.
func numOfAfter(text string, i int) int {
	j := numSkipSpace(text, i)
	if j == i || j >= len(text) {
		return -1
	}
	k := j
	for k < len(text) && numIsASCIILetter(text[k]) {
		k++
	}
	var buf [32]byte
	switch string(numFold(&buf, text[j:k])) {
	case "of", "de":
		if k < len(text) && (text[k] == ' ' || numSpaceLen(text, k) > 0) {
			return k
		}
	case "d":
		if a := numApostropheLen(text, k); a > 0 {
			return k + a
		}
	}
	return -1
}

// numModifierBefore looks back from the number at i for an approximation
// modifier and returns where the count starts and whether it is approximate.
func numModifierBefore(text string, i int) (int, bool) {
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
		if a := numApostropheBefore(text, j); a > 0 {
			j -= a
			elided = true
		} else if nw > 0 && j > 0 && text[j-1] == '-' {
			j--
		} else {
			j = numSkipSpaceBack(text, j)
			if j == p {
				break
			}
		}
		k := numWordStartBack(text, j)
		if k == j || j-k > len(bufs[nw]) {
			break
		}
		w, ok := numFoldInto(bufs[nw][:0], text[k:j])
		if !ok {
			break
		}
		if elided {
			switch string(w) {
			case "d":
				w = append(w[:0], "de"...)
			case "qu":
				w = append(w[:0], "que"...)
			}
		}
		words[nw] = w
		starts[nw] = k
		nw++
		p = k
		if k > 0 && text[k-1] != '-' && numSpaceLenBack(text, k) == 0 && numApostropheBefore(text, k) == 0 {
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
		if numApprox[string(b)] {
			return starts[k-1], true
		}
	}
	return i, false
}

// numScaleWordAt returns the multiplier of a scale word after the digits
// ending at i ("2.5 million").
func numScaleWordAt(text string, i int) (float64, bool) {
	ws, we := numNextWord(text, i)
	if ws < 0 || ws == i {
		return 0, false
	}
	var buf [32]byte
	s, ok := numScaleAfterDigits[string(numFold(&buf, text[ws:we]))]
	return s, ok
}

// numNextWord returns the bounds of the word or symbol after i, skipping
// spaces on the same line, or -1, -1.
func numNextWord(text string, i int) (int, int) {
	j := numSkipSpace(text, i)
	if j >= len(text) {
		return -1, -1
	}
	if !numIsASCIILetter(text[j]) && text[j] < utf8.RuneSelf {
		return j, j + 1
	}
	k := numWordEnd(text, j)
	if k == j {
		return -1, -1
	}
	return j, k
}

// numWordStartBack returns where the word ending at j starts (j if none).
func numWordStartBack(text string, j int) int {
	k := j
	for k > 0 {
		c := text[k-1]
		if numIsASCIILetter(c) {
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

// numGluedBefore reports whether the digits at i are glued to what comes
// before: a letter or digit, a currency sign, or a separator after a digit
// or letter ("COVID-19", "v2.1", "US$5", "#3").
func numGluedBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	c := text[i-1]
	switch {
	case numIsASCIILetter(c) || numIsDigit(c) || c == '_' || c == '$' || c == '#' || c == '@':
		return true
	case c >= utf8.RuneSelf:
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) || r == '№' {
			return true
		}
	case c == '-' || c == '/' || c == '.' || c == ',' || c == ':':
		if i >= 2 {
			p := text[i-2]
			if numIsASCIILetter(p) || numIsDigit(p) {
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

// numSkipBlob returns the end of the run of digits and in-number
// punctuation that starts at i ("14/04/2023", "1.000.000", "10:30").
func numSkipBlob(text string, i int) int {
	j := i
	for j < len(text) {
		c := text[j]
		if numIsDigit(c) {
			j++
			continue
		}
		if numIsDigitSepDigit(text, j) {
			j++
			continue
		}
		if _, sw := numSepAt(text, j); sw > 0 && j+sw < len(text) && numIsDigit(text[j+sw]) {
			// Spaces in "1 000" are skipped only before exactly three digits.
			k := j + sw
			m := k
			for m < len(text) && numIsDigit(text[m]) {
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
		if numIsASCIILetter(c) || numIsDigit(c) {
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

// numIsDigitSepDigit reports whether text[j] is a punctuation mark between
// digits that makes the digits one token ("14/04", "10:30", "2016-2020").
func numIsDigitSepDigit(text string, j int) bool {
	if j+1 >= len(text) || !numIsDigit(text[j+1]) {
		return false
	}
	switch text[j] {
	case '/', ':', '-', '.', ',':
		return true
	}
	return false
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
	if n := numSpaceLen(text, i); n > 1 {
		return " ", n
	}
	return "", 0
}

func numIsDecimalSep(sep, lang string) bool {
	switch lang {
	case "en":
		return sep == "."
	case "fr":
		return sep == ","
	}
	return sep == "." || sep == ","
}

// numSpaceLen returns the byte length of a space on the same line at i:
// space, tab, U+00A0, U+202F or U+2009; 0 if none.
func numSpaceLen(text string, i int) int {
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

func numSpaceLenBack(text string, j int) int {
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

func numSkipSpace(text string, i int) int {
	for {
		n := numSpaceLen(text, i)
		if n == 0 {
			return i
		}
		i += n
	}
}

func numSkipSpaceBack(text string, j int) int {
	for {
		n := numSpaceLenBack(text, j)
		if n == 0 {
			return j
		}
		j -= n
	}
}

// numApostropheLen returns the length of an apostrophe (' or U+2019) at i.
func numApostropheLen(text string, i int) int {
	if i < len(text) && text[i] == '\'' {
		return 1
	}
	if i+2 < len(text) && text[i] == 0xE2 && text[i+1] == 0x80 && text[i+2] == 0x99 {
		return 3
	}
	return 0
}

func numApostropheBefore(text string, j int) int {
	if j >= 1 && text[j-1] == '\'' {
		return 1
	}
	if j >= 3 && text[j-3] == 0xE2 && text[j-2] == 0x80 && text[j-1] == 0x99 {
		return 3
	}
	return 0
}

// numSkipToken returns the end of the word at i, hyphenated parts
// included.
func numSkipToken(text string, i int) int {
	j := i
	for j < len(text) {
		c := text[j]
		if numIsASCIILetter(c) {
			j++
			continue
		}
		if c == '-' && j > i && j+1 < len(text) && numIsASCIILetter(text[j+1]) {
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
	b, ok := numFoldInto(buf[:0], w)
	if !ok {
		return nil
	}
	return b
}

// numFoldWord returns w lowercased with Latin-1 accents removed, or "" if
// it has other characters or is long.
func numFoldWord(w string) string {
	var buf [32]byte
	b, ok := numFoldInto(buf[:0], w)
	if !ok {
		return ""
	}
	return string(b)
}

// numFoldInto appends w lowercased with Latin-1 accents removed to dst
// without growing it; ok is false if w does not fit or has a character
// outside ASCII letters, Latin-1 letters, hyphens, spaces and apostrophes.
func numFoldInto(dst []byte, w string) ([]byte, bool) {
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
			f = numLatin1Fold[r-0xC0]
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

// numLatin1Fold maps U+00C0..U+00FF to a lowercase ASCII letter, 0 for
// non-letters and ligatures.
var numLatin1Fold = [64]byte{
	'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 0,
	'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 'y',
}

func numIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func numIsASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

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

// ParseOrdinal returns the number of an ordinal token: digits with an
// English or French suffix ("12th", "1st", "2nd", "3rd", "12e", "12è",
// "12ème", "12eme", "12es", "12èmes", "1er", "1re", "1ère", "14ᵉ"), a
// Roman numeral with a French suffix ("XIIe", "XXIe", "Ier"), or ordinal
// words ("first", "twenty-first", "one hundredth", "premier", "première",
// "second", "deuxième", "vingt et unième", "quatre-vingt-dixième"). English
// digit suffixes must agree with the number ("12st" is rejected).
func ParseOrdinal(token string) (int, bool) {
	s := numTrimSpace(token)
	if s == "" {
		return 0, false
	}
	if numIsDigit(s[0]) {
		return numOrdinalDigits(s)
	}
	if s[0] >= 'A' && s[0] <= 'Z' {
		if v, ok := numOrdinalRoman(s); ok {
			return v, true
		}
	}
	var buf [64]byte
	f, ok := numFoldInto(buf[:0], s)
	if !ok {
		return 0, false
	}
	return numOrdinalWords(string(f))
}

func numTrimSpace(s string) string {
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

// numOrdinalDigits parses "12th", "1er", "14ᵉ".
func numOrdinalDigits(s string) (int, bool) {
	j := 0
	v := 0
	for j < len(s) && numIsDigit(s[j]) {
		if j >= 9 {
			return 0, false
		}
		v = v*10 + int(s[j]-'0')
		j++
	}
	if v == 0 {
		return 0, false
	}
	switch s[j:] {
	case "th", "TH":
		if v%100 >= 11 && v%100 <= 13 || v%10 == 0 || v%10 >= 4 {
			return v, true
		}
	case "st", "ST":
		if v%10 == 1 && v%100 != 11 {
			return v, true
		}
	case "nd", "ND":
		if v%10 == 2 && v%100 != 12 {
			return v, true
		}
	case "rd", "RD":
		if v%10 == 3 && v%100 != 13 {
			return v, true
		}
	case "e", "è", "ème", "eme", "ième", "ieme", "es", "èmes", "emes", "ièmes", "iemes",
		"\u1d49", "\u1d49\u02e2", "E", "ÈME", "EME", "ES":
		return v, true
	case "er", "re", "ère", "ers", "res", "ères", "\u1d49\u02b3", "\u02b3\u1d49", "ER", "RE":
		if v == 1 {
			return v, true
		}
	case "nde", "ndes", "d", "de", "des":
		if v == 2 {
			return v, true
		}
	}
	return 0, false
}

// numOrdinalRoman parses "XIIe", "XXIe", "Ier", "Ve".
func numOrdinalRoman(s string) (int, bool) {
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
	switch suf {
	case "e", "è", "ème", "eme", "es", "èmes", "emes", "\u1d49":
		if len(roman) == 1 && roman != "V" && roman != "X" && roman != "I" {
			// "Le", "Ce", "De", "Me" are words.
			return 0, false
		}
		if roman == "I" {
			return 0, false
		}
		return v, true
	case "er", "re", "ère", "\u1d49\u02b3":
		if v == 1 {
			return 1, true
		}
	}
	return 0, false
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

// numOrdinalWordEN maps irregular English ordinal words to cardinals.
var numOrdinalWordEN = map[string]string{
	"first": "one", "second": "two", "third": "three", "fifth": "five",
	"eighth": "eight", "ninth": "nine", "twelfth": "twelve",
}

// numOrdinalWord returns the cardinal word of a single folded ordinal word
// ("first" → "one", "deuxieme" → "deux", "twentieth" → "twenty") and
// whether it is one.
func numOrdinalWord(w string) (string, bool) {
	if c, ok := numOrdinalWordEN[w]; ok {
		return c, true
	}
	switch w {
	case "premier", "premiere", "premiers", "premieres":
		return "un", true
	case "seconde", "secondes":
		return "deux", true
	}
	if len(w) > 4 && w[len(w)-4:] == "ieth" {
		c := w[:len(w)-4] + "y"
		if e, ok := numTableEN[c]; ok && e.kind == numTens {
			return c, true
		}
		return "", false
	}
	if len(w) > 2 && w[len(w)-2:] == "th" {
		c := w[:len(w)-2]
		if e, ok := numTableEN[c]; ok && e.kind != numArticle && e.kind != numDet && e.kind != numAnd && e.kind != numTens && !e.pl {
			return c, true
		}
		return "", false
	}
	stem := ""
	switch {
	case len(w) > 5 && w[len(w)-5:] == "iemes":
		stem = w[:len(w)-5]
	case len(w) > 4 && w[len(w)-4:] == "ieme":
		stem = w[:len(w)-4]
	default:
		return "", false
	}
	switch stem {
	case "cinqu":
		return "cinq", true
	case "neuv":
		return "neuf", true
	case "un":
		return "un", true
	}
	for _, c := range [...]string{stem, stem + "e"} {
		if e, ok := numTableFR[c]; ok && e.kind != numDet && e.kind != numAnd && e.kind != numColl && !e.pl && c != "une" {
			return c, true
		}
	}
	return "", false
}

// numOrdinalWords parses folded ordinal words: the last word is an
// ordinal, the words before it a cardinal ("vingt et unieme", "twenty
// first", "one hundred and fifth").
func numOrdinalWords(s string) (int, bool) {
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
	last := parts[np-1]
	card, ok := numOrdinalWord(last)
	if !ok {
		return 0, false
	}
	if card == "un" && last != "unieme" && last != "uniemes" || card == "deux" && last != "deuxieme" && last != "deuxiemes" {
		// "premier", "seconde" stand alone: "vingt et unième", not
		// "vingt et premier".
		if np > 1 {
			return 0, false
		}
		if card == "un" {
			return 1, true
		}
		return 2, true
	}
	if np == 1 && card == "one" {
		return 1, true
	}
	// Rebuild the cardinal phrase and parse it with the count grammar.
	var b []byte
	for i := 0; i < np-1; i++ {
		b = append(b, parts[i]...)
		b = append(b, ' ')
	}
	b = append(b, card...)
	phrase := string(b)
	tab, lang := numTableFR, "fr"
	if _, en := numTableEN[card]; en {
		tab, lang = numTableEN, "en"
	}
	v, end, ok := numParseCardinal(phrase, tab, lang)
	if !ok || end != len(phrase) || v < 1 || v > 1e9 {
		return 0, false
	}
	return int(v), true
}

// numParseCardinal parses a whole word cardinal such as "vingt et un" or
// "one hundred and five", returning its value and where it ends.
func numParseCardinal(s string, tab map[string]numEntry, lang string) (float64, int, bool) {
	if w := numPartAt(s, 0, tab); w.end == len(s) && !w.e.pl &&
		(w.e.kind == numUnit && w.e.val == 1 || w.e.kind == numHundred || w.e.kind == numScale) {
		// "unième", "first", "hundredth", "millionth"
		return w.e.val, len(s), true
	}
	sp, _, ok := numWordPhrase(s, 0, tab, lang)
	if !ok {
		return 0, 0, false
	}
	return sp.Value, sp.End, true
}
