package dates

import (
	"time"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/internal/scan"
)

// Span is a date found in text: text[Start:End] is the date phrase
// ("29 août 2023", "last April", "vendredi dernier"; a preposition such as
// "le", "on", "in", "en" before it is not included). Value is an ISO 8601
// prefix: "2023", "2023-04" or "2023-04-14".
type Span struct {
	Start, End int
	Value      string
}

// Options tells Find how to read a text.
type Options struct {
	// Lang is the text's language, "en", "fr" or "" (both). In French,
	// "sept" is the month only when written "sept." (it is also seven).
	Lang string
	// Ref is the article's date as an ISO 8601 prefix ("2023",
	// "2023-08", "2023-08-30") or "". Dates without a year, relative
	// months and weekdays are resolved against it.
	Ref string
	// Anchor is a date the text itself gives (an ISO 8601 prefix), used
	// when Ref is empty to place a day and month without a year, as Ref
	// would; relative forms ("last week", "on Monday") still need Ref.
	Anchor string
	// Ahead says the text speaks of what is to come ("will be held in
	// October", "prévu le 12 mars"): a day and month, or a month, without
	// a year are the next ones on or after Ref instead of those of the
	// window around it ("October" in an article of 2023-04 is 2023-10,
	// not 2022-10). Needs a Ref with a month.
	Ahead bool
}

// dateMonthOK applies the rules that keep "may", "march" and French
// "sept" (seven) from being read as months (the cap and dot flags).
func dateMonthOK(text string, ws, we int, e entry) bool {
	if e.cap && !(text[ws] >= 'A' && text[ws] <= 'Z') {
		return false
	}
	if e.dot && (we >= len(text) || text[we] != '.') {
		return false
	}
	return true
}

// dateTok is one token: a word, a digit run (with any letters glued to
// it, "1er"), or one punctuation character.
type dateTok struct {
	start, end int
	kind       uint8 // dtEOF, dtWord, dtNum, dtPunct
	e          entry
	num        int  // dtNum: value, capped
	ndig       int  // dtNum: number of digits
	suf        int  // dtNum: end of the digits when letters follow
	daySuf     bool // dtNum: the letters are a day suffix ("1er", "29th")
	punct      byte // dtPunct: the byte, or 0x80 for non-ASCII
}

const (
	dtEOF uint8 = iota
	dtWord
	dtNum
	dtPunct
)

// dateNext returns the token at or after i, its word looked up in tab.
func dateNext(text string, i int, tab wordTab, daySufs map[string]bool) dateTok {
	n := len(text)
	for i < n {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			i++
			continue
		}
		if s := scan.SpaceLen(text, i); s > 0 {
			i += s
			continue
		}
		break
	}
	if i >= n {
		return dateTok{start: n, end: n}
	}
	c := text[i]
	if scan.IsDigit(c) {
		j := i
		v := 0
		for j < n && scan.IsDigit(text[j]) {
			if v < 1e8 {
				v = v*10 + int(text[j]-'0')
			}
			j++
		}
		t := dateTok{start: i, end: j, kind: dtNum, num: v, ndig: j - i, suf: j}
		if k := scan.WordEnd(text, j); k > j {
			t.end = k
			t.daySuf = daySufs[text[j:k]]
		}
		return t
	}
	if scan.IsASCIILetter(c) || c >= utf8.RuneSelf {
		k, ascii := scan.WordEndASCII(text, i)
		if k > i {
			t := dateTok{start: i, end: k, kind: dtWord}
			// an ASCII word folds to itself in lower case: the table's
			// filter can turn it away before it is folded
			if k-i <= 12 && (!ascii || tab.mayHold(c|0x20, k-i)) {
				var buf [maxWord]byte
				if w, ok := scan.FoldInto(buf[:0], text[i:k]); ok {
					t.e = tab.get(w)
				}
			}
			return t
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		return dateTok{start: i, end: i + size, kind: dtPunct, punct: 0x80}
	}
	return dateTok{start: i, end: i + 1, kind: dtPunct, punct: c}
}

// dateIsApostrophe reports whether t is ' or U+2019.
func dateIsApostrophe(text string, t dateTok) bool {
	return t.kind == dtPunct && (t.punct == '\'' || t.punct == 0x80 && text[t.start:t.end] == "\u2019")
}

// dateMode says how a date without a year is placed relative to Ref.
type dateMode uint8

const (
	dmWindow dateMode = iota // from six months before Ref to five after
	dmPast                   // "avril dernier", "last April": before Ref
	dmFuture                 // "août prochain", "next August": after Ref
)

// dateFinder holds one Find call.
type dateFinder struct {
	text       string
	tab        wordTab
	daySufs    map[string]bool
	ry, rm, rd int // Ref, zero parts when absent
	ay, am     int // Anchor, zero parts when absent
	ahead      bool
	out        []Span
	keepSpans  bool     // record every date phrase read, resolved or not
	spans      [][2]int // the phrases read, when keepSpans
}

// Find returns the dates of text in order. It recognises:
//
//   - day and month, with an optional year: "29 août", "1er mai",
//     "29 août 2023", "29 August 2023", "29th of August", "August 29",
//     "August 29, 2023", "Aug. 29", "le 14 décembre dernier";
//   - month and year: "April 2023", "avril 2023", "janv. 2024";
//   - a month relative to Ref: "avril dernier", "last April", "août
//     prochain", "next August", "April this year", "avril de l'an dernier";
//   - a month after a preposition or period word ("in April", "en mai",
//     "mi-avril", "fin juin", "au mois d'août"), placed like a day and
//     month without a year;
//   - weekdays, when Ref is a full date: "Friday", "on Friday", "ce
//     vendredi" and "vendredi" are the latest such day on or before Ref
//     (news reports what happened: an article dated Friday that says "on
//     Friday" means that day); "last Friday" and "vendredi dernier" the
//     latest strictly before Ref; "next Friday" and "vendredi prochain"
//     the first strictly after. A weekday followed by a date ("vendredi 29
//     août") gives way to the date; followed by a day alone ("mardi 14",
//     "Tuesday 14th") it is that day in Ref's month, the month before or
//     the month after, whichever falls on that weekday (Ref needs a
//     month). "every Friday" is no date;
//   - ranges, as one span valued at their first day: "14-15 octobre
//     2019", "les 14 et 15 octobre", "du 28 février au 2 mars 2024",
//     "October 14-15, 2019", "Jan 1 to March 31, 2024" (the first part
//     takes the year written in the second);
//   - ISO dates "2023-04-14" and numeric dates "14/04/2023", "14.04.2023",
//     "14-04-2023", read day first unless only month first is valid
//     ("04/14/2023").
//
// A day and month without a year take the year that puts them from six
// months before Ref's month to five months after it ("29 août" in an
// article of 2023-08 is 2023-08-29; "December 30" in one of 2024-01-02 is
// 2023-12-30); with a Ref that is only a year, that year; without Ref,
// the same around Anchor; without either, the date is skipped. Relative forms need a Ref
// with a month. Invalid dates ("31 avril", "February 30", "29 février
// 2023") are skipped. Month names are matched in any case, with or without
// accents, except that "May", "March" and "Mar." must be capitalised.
func (w *Words) Find(text string, o Options) []Span {
	f := dateFinder{text: text, tab: w.table(o.Lang), daySufs: w.daySufs, ahead: o.Ahead}
	if y, m, d, ok := dateParseISO(scan.TrimSpace(o.Ref)); ok {
		f.ry, f.rm, f.rd = y, m, d
	}
	if f.ry == 0 {
		if y, m, _, ok := dateParseISO(scan.TrimSpace(o.Anchor)); ok {
			f.ay, f.am = y, m
		}
	}
	f.run()
	return f.out
}

// Shapes returns the byte ranges of text that read as dates, whether or
// not they resolve to one ("29 août" without a year, "31 avril"): a
// counter of numbers skips the numbers inside them.
func (w *Words) Shapes(text, lang string) [][2]int {
	f := dateFinder{text: text, tab: w.table(lang), daySufs: w.daySufs, keepSpans: true}
	f.run()
	return f.spans
}

// lastTokens holds the last three tokens read, apostrophes left out, as
// a ring: a token is written once, not shifted along with the two others
// at every token.
type lastTokens struct {
	t [3]dateTok
	h int // t[h] is the token just before
}

func (r *lastTokens) push(t dateTok) {
	if r.h--; r.h < 0 {
		r.h = 2
	}
	r.t[r.h] = t
}

// last returns the three tokens, the one just before first.
func (r *lastTokens) last() [3]dateTok {
	return [3]dateTok{r.t[r.h], r.t[(r.h+1)%3], r.t[(r.h+2)%3]}
}

func (f *dateFinder) run() {
	text := f.text
	var prev lastTokens
	for i := 0; ; {
		t := dateNext(text, i, f.tab, f.daySufs)
		if t.kind == dtEOF {
			break
		}
		i = t.end
		end := -1
		switch {
		case t.kind == dtNum:
			end = f.fromNumber(t)
			if end < 0 {
				end = f.bareYear(t, prev.t[prev.h])
			}
		case t.kind == dtWord && t.e.role == rMonth:
			if dateMonthOK(text, t.start, t.end, t.e) {
				end = f.fromMonth(t, prev.last())
			}
		case t.kind == dtWord && t.e.role == rWeekday:
			end = f.fromWeekday(t, prev.last())
		case t.kind == dtWord && (t.e.role == rDay || t.e.role == rWeek || t.e.role == rYear || t.e.role == rPeriod && t.e.v == unitMonth):
			end = f.fromUnit(t, prev.t[prev.h])
		}
		if end >= 0 {
			if f.keepSpans {
				f.spans = append(f.spans, [2]int{t.start, end})
			}
			i = end
			prev = lastTokens{}
			continue
		}
		if dateIsApostrophe(text, t) {
			continue
		}
		prev.push(t)
	}
}

// emit records a date; it returns end so callers can return it.
func (f *dateFinder) emit(start, end, y, m, d int) int {
	if y < 1000 || y > 9999 || m != 0 && (m < 1 || m > 12) || d < 0 || d != 0 && d > dateDaysIn(y, m) {
		return end
	}
	f.out = append(f.out, Span{Start: start, End: end, Value: dateFormat(y, m, d)})
	return end
}

// next returns the token after i, skipping apostrophes.
func (f *dateFinder) next(i int) dateTok {
	t := dateNext(f.text, i, f.tab, f.daySufs)
	for dateIsApostrophe(f.text, t) {
		t = dateNext(f.text, t.end, f.tab, f.daySufs)
	}
	return t
}

// dateIsYear reports whether t is a four-digit year.
func dateIsYear(t dateTok) bool {
	return t.kind == dtNum && t.ndig == 4 && t.suf == t.end && t.num >= 1000 && t.num <= 2999
}

// isDay reports whether t can be a day of the month and is not part of a
// longer number ("2,000", "10:30", "14/04"). With loose, any one- or
// two-digit number qualifies, so that "32 mai 2023" is read, and skipped,
// as a whole.
func (f *dateFinder) isDay(t dateTok, loose bool) bool {
	if t.kind != dtNum || t.ndig > 2 || !loose && (t.num < 1 || t.num > 31) || t.suf != t.end && !t.daySuf {
		return false
	}
	if t.end < len(f.text) && t.end+1 < len(f.text) && scan.IsDigit(f.text[t.end+1]) {
		switch f.text[t.end] {
		case ',', '.', ':', '/':
			return false
		}
	}
	return true
}

// dateCand is a date phrase read but not yet placed in a year.
type dateCand struct {
	start, end int
	y          int // the written year, 0 if none; an offset from Ref's year if yearRel
	m, d       int // d is 0 for a month, -1 for a day that cannot be
	mode       dateMode
	yearRel    bool // "this year", "l'an dernier"
}

// finish resolves c and emits it; it returns c.end.
func (f *dateFinder) finish(c dateCand) int {
	switch {
	case c.yearRel:
		if f.ry == 0 {
			return c.end
		}
		return f.emit(c.start, c.end, f.ry+c.y, c.m, c.d)
	case c.y != 0:
		return f.emit(c.start, c.end, c.y, c.m, c.d)
	}
	return f.resolve(c.start, c.end, c.m, c.d, c.mode)
}

// isMonth reports whether t is a month name that reads as one here.
func (f *dateFinder) isMonth(t dateTok) bool {
	return t.kind == dtWord && t.e.role == rMonth && dateMonthOK(f.text, t.start, t.end, t.e)
}

// isConn reports whether t joins the two ends of a range: "-", "–", "to",
// "au", "and", "et", "until", "jusqu'au".
func (f *dateFinder) isConn(t dateTok) bool {
	switch t.kind {
	case dtWord:
		return t.e.role == rRangeTo || t.e.role == rRange || t.e.role == rRangeElided
	case dtPunct:
		return t.punct == '-' || t.punct == 0x80 && f.text[t.start:t.end] == "\u2013"
	}
	return false
}

// afterConn returns the token after the range connector c ("jusqu'au"
// is one connector).
func (f *dateFinder) afterConn(c dateTok) dateTok {
	n := f.next(c.end)
	if c.kind == dtWord && c.e.role == rRangeElided && n.kind == dtWord && f.isConn(n) {
		n = f.next(n.end) // "jusqu'au"
	}
	return n
}

// monthEnd returns where the month word t ends for the parse (after an
// abbreviation's dot) and for the span (the dot only when it does not end
// the sentence).
func (f *dateFinder) monthEnd(t dateTok) (int, int) {
	if t.e.abbr && t.end < len(f.text) && f.text[t.end] == '.' {
		if dateIsMonthDot(f.text, t.end+1) {
			return t.end + 1, t.end + 1
		}
		return t.end + 1, t.end
	}
	return t.end, t.end
}

// tail reads what may follow a month at pos: a year ("29 août 2023",
// "29 August, 2023"), "dernier"/"prochain", or year words.
func (f *dateFinder) tail(c *dateCand, pos int) {
	n := f.next(pos)
	if n.kind == dtPunct && n.punct == ',' {
		if n2 := f.next(n.end); dateIsYear(n2) {
			n = n2
		}
	}
	switch {
	case dateIsYear(n):
		c.y, c.end = n.num, n.end
	case n.kind == dtWord && n.e.role == rPast:
		c.mode, c.end = dmPast, n.end
	case n.kind == dtWord && n.e.role == rFuture:
		c.mode, c.end = dmFuture, n.end
	default:
		if delta, yend, ok := f.yearWords(pos); ok {
			c.y, c.yearRel, c.end = delta, true, yend
		}
	}
}

// dayFirst reads a date that starts with the day t: "29 août",
// "29th of August 2023", "14 et 15 octobre", "14-15 octobre 2019".
func (f *dateFinder) dayFirst(t dateTok) (dateCand, bool) {
	n1 := f.next(t.end)
	if f.isConn(n1) {
		// "14-15 octobre", "les 14 et 15 octobre", "du 14 au 16 octobre"
		if n2 := f.afterConn(n1); f.isDay(n2, false) {
			if n3 := f.next(n2.end); f.isMonth(n3) {
				n1 = n3
			}
		}
	}
	if n1.kind == dtWord && n1.e.role == rOf {
		n1 = f.next(n1.end)
	}
	if !f.isMonth(n1) {
		return dateCand{}, false
	}
	c := dateCand{start: t.start, m: int(n1.e.v), d: t.num}
	if c.d < 1 {
		c.d = -1 // "0 mai" is no date; emit skips it
	}
	pos, end := f.monthEnd(n1)
	c.end = end
	f.tail(&c, pos)
	return c, true
}

// monthFirst reads a date that starts with the month t: "August 29",
// "August 29, 2023", "October 14-15, 2019", "April 2023", "avril
// dernier", "April this year". ok is false for a month alone.
func (f *dateFinder) monthFirst(t dateTok) (dateCand, bool) {
	pos, end := f.monthEnd(t)
	c := dateCand{start: t.start, end: end, m: int(t.e.v)}
	n1 := f.next(pos)
	switch {
	case f.isDay(n1, false):
		c.d, c.end = n1.num, n1.end
		if n2 := f.next(n1.end); f.isConn(n2) {
			// "October 14-15", "October 14 and 15"
			if n3 := f.afterConn(n2); f.isDay(n3, false) && !f.isMonth(f.next(n3.end)) {
				c.end = n3.end
			}
		}
		n := f.next(c.end)
		if n.kind == dtPunct && n.punct == ',' {
			n = f.next(n.end)
		}
		if dateIsYear(n) {
			c.y, c.end = n.num, n.end
		}
		return c, true
	case dateIsYear(n1):
		c.y, c.end = n1.num, n1.end
		return c, true
	}
	c.end = t.end
	f.tail(&c, pos)
	return c, c.end != t.end
}

// joinRange extends a day and month without a year over a range whose
// second end has one: "du 28 février au 2 mars 2024", "Jan 1 to March
// 31, 2024".
func (f *dateFinder) joinRange(c *dateCand) {
	if c.y != 0 || c.yearRel || c.mode != dmWindow || c.d < 1 {
		return
	}
	conn := f.next(c.end)
	if !f.isConn(conn) {
		return
	}
	n := f.afterConn(conn)
	var c2 dateCand
	ok := false
	switch {
	case f.isDay(n, false):
		c2, ok = f.dayFirst(n)
	case f.isMonth(n):
		c2, ok = f.monthFirst(n)
	}
	if !ok || c2.y == 0 || c2.yearRel || c2.d == 0 {
		return
	}
	c.y, c.end = c2.y, c2.end
	if c.m > c2.m {
		c.y-- // "du 28 décembre au 3 janvier 2024"
	}
}

// fromNumber reads a date starting with the number t; it returns the end
// of what it consumed, or -1.
func (f *dateFinder) fromNumber(t dateTok) int {
	text := f.text
	if scan.GluedBefore(text, t.start) {
		return -1
	}
	if t.suf == t.end && t.end < len(text) {
		if sep := text[t.end]; sep == '-' || sep == '/' || sep == '.' {
			if end := f.numericDate(t, sep); end >= 0 {
				return end
			}
		}
	}
	if !f.isDay(t, true) {
		return -1
	}
	c, ok := f.dayFirst(t)
	if !ok {
		return -1
	}
	f.joinRange(&c)
	return f.finish(c)
}

// dateIsMonthDot reports whether the "." before end belongs to the
// abbreviation rather than ending the sentence: kept unless a capital
// letter or the end of the text follows.
func dateIsMonthDot(text string, end int) bool {
	j := scan.SkipSpace(text, end)
	return j < len(text) && text[j] != '\n' && !(text[j] >= 'A' && text[j] <= 'Z')
}

// numericDate reads "2023-04-14", "14/04/2023", "14.04.2023"; it returns
// the end of the pattern (even when the date is invalid) or -1.
func (f *dateFinder) numericDate(t dateTok, sep byte) int {
	text := f.text
	// run reads digits at i and returns their value, count and end.
	run := func(i int) (int, int, int) {
		v, j := 0, i
		for j < len(text) && scan.IsDigit(text[j]) && j-i < 5 {
			v = v*10 + int(text[j]-'0')
			j++
		}
		return v, j - i, j
	}
	a, na := t.num, t.ndig
	b, nb, e1 := run(t.end + 1)
	if nb == 0 || nb > 2 || e1 >= len(text) || text[e1] != sep {
		return -1
	}
	c, nc, e2 := run(e1 + 1)
	if e2 < len(text) && (scan.IsDigit(text[e2]) || scan.IsDigitSepDigit(text, e2) && text[e2] == sep) {
		return -1
	}
	if e2 < len(text) && scan.IsASCIILetter(text[e2]) {
		return -1
	}
	switch {
	case na == 4 && nc == 2 && nb == 2:
		return f.emit(t.start, e2, a, b, c)
	case na <= 2 && nc == 4:
		day, month := a, b
		if a <= 12 && b > 12 {
			day, month = b, a
		}
		if day < 1 {
			return e2
		}
		return f.emit(t.start, e2, c, month, day)
	}
	return -1
}

// fromMonth reads a date around the month word t.
func (f *dateFinder) fromMonth(t dateTok, prev [3]dateTok) int {
	c, ok := f.monthFirst(t)
	if ok {
		f.joinRange(&c)
		return f.finish(c)
	}
	c.end = t.end
	p := prev[0]
	if p.kind == dtWord {
		switch p.e.role {
		case rLast:
			c.start, c.mode = p.start, dmPast
			return f.finish(c)
		case rNext:
			c.start, c.mode = p.start, dmFuture
			return f.finish(c)
		case rThis:
			c.start = p.start
			return f.finish(c)
		case rPrep:
			return f.finish(c)
		case rRangeTo:
			return f.finish(c) // "until May", "from April to June"
		case rOf, rDe:
			if prev[1].kind == dtWord && (prev[1].e.role == rPeriod || prev[1].e.role == rPrep) {
				return f.finish(c) // "au mois d'août", "the end of May"
			}
		}
	}
	if p.kind == dtPunct && p.punct == '-' && p.end == t.start && prev[1].kind == dtWord && prev[1].e.role == rPrep {
		return f.finish(c) // "mi-avril", "mid-April"
	}
	return -1
}

// yearWords reads "this year", "last year", "next year", "de cette
// année", "de l'année dernière", "l'an prochain" after i; it returns the
// year offset from Ref and the end.
func (f *dateFinder) yearWords(i int) (int, int, bool) {
	a := f.next(i)
	if a.kind != dtWord {
		return 0, 0, false
	}
	if a.e.role == rDe {
		a = f.next(a.end)
		if a.kind != dtWord {
			return 0, 0, false
		}
	}
	b := f.next(a.end)
	if b.kind != dtWord || b.e.role != rYear {
		return 0, 0, false
	}
	switch a.e.role {
	case rThis:
		return 0, b.end, true
	case rLast:
		return -1, b.end, true
	case rNext:
		return 1, b.end, true
	case rArticle:
		c := f.next(b.end)
		if c.kind == dtWord && c.e.role == rPast {
			return -1, c.end, true
		}
		if c.kind == dtWord && c.e.role == rFuture {
			return 1, c.end, true
		}
	}
	return 0, 0, false
}

// fromWeekday reads "on Friday", "ce vendredi", "vendredi dernier", "next
// Friday".
func (f *dateFinder) fromWeekday(t dateTok, prev [3]dateTok) int {
	n1 := f.next(t.end)
	if n1.kind == dtNum {
		if f.isDay(n1, false) {
			if n2 := f.next(n1.end); !(n2.kind == dtWord && n2.e.role == rMonth) && !(n2.kind == dtWord && n2.e.role == rOf) {
				return f.weekdayDay(t, n1)
			}
		}
		return -1 // "vendredi 29 août": the date follows
	}
	if n1.kind == dtPunct && n1.punct == ',' {
		if n2 := f.next(n1.end); n2.kind == dtNum || n2.kind == dtWord && n2.e.role == rMonth {
			return -1 // "Friday, August 29"
		}
	}
	if f.rd == 0 {
		return -1
	}
	start, end, mode := t.start, t.end, dmWindow
	p := prev[0]
	if p.kind == dtWord {
		switch p.e.role {
		case rEvery:
			return -1
		case rLast:
			start, mode = p.start, dmPast
		case rNext:
			start, mode = p.start, dmFuture
		case rThis:
			start = p.start
		}
	}
	if n1.kind == dtWord {
		switch n1.e.role {
		case rPast:
			end, mode = n1.end, dmPast
		case rFuture:
			end, mode = n1.end, dmFuture
		}
	}
	ref := time.Date(f.ry, time.Month(f.rm), f.rd, 12, 0, 0, 0, time.UTC)
	wd := time.Weekday(t.e.v)
	var day time.Time
	switch mode {
	case dmFuture:
		delta := (int(wd) - int(ref.Weekday()) + 7) % 7
		if delta == 0 {
			delta = 7
		}
		day = ref.AddDate(0, 0, delta)
	default:
		delta := (int(ref.Weekday()) - int(wd) + 7) % 7
		if delta == 0 && mode == dmPast {
			delta = 7
		}
		day = ref.AddDate(0, 0, -delta)
	}
	return f.emit(start, end, day.Year(), int(day.Month()), day.Day())
}

// weekdayDay reads "mardi 14", "Tuesday 14th": the day d of Ref's month,
// the month before or the month after (in that order of preference) that
// falls on that weekday. Both tokens are consumed even when none does.
func (f *dateFinder) weekdayDay(t, n1 dateTok) int {
	if f.rm == 0 {
		return n1.end
	}
	for _, k := range [...]int{0, -1, 1} {
		y, m := f.ry, f.rm+k
		if m < 1 {
			y, m = y-1, 12
		} else if m > 12 {
			y, m = y+1, 1
		}
		if n1.num > dateDaysIn(y, m) {
			continue
		}
		if time.Date(y, time.Month(m), n1.num, 12, 0, 0, 0, time.UTC).Weekday() == time.Weekday(t.e.v) {
			return f.emit(t.start, n1.end, y, m, n1.num)
		}
	}
	return n1.end
}

// resolve emits month m (and day d, 0 if none) in the year chosen by mode
// relative to Ref, or skips it; it returns end either way.
func (f *dateFinder) resolve(start, end, m, d int, mode dateMode) int {
	y := 0
	switch {
	case mode == dmWindow && f.ahead && f.rm != 0:
		y = f.ry // the next such month (day) on or after Ref
		if m < f.rm || d != 0 && m == f.rm && f.rd != 0 && d < f.rd {
			y = f.ry + 1
		}
	case mode == dmWindow && f.ry != 0:
		y = window(f.ry, f.rm, m)
	case mode == dmWindow:
		y = window(f.ay, f.am, m)
	case f.rm == 0:
		// Relative forms need a Ref month.
	case mode == dmPast:
		y = f.ry - 1
		if m < f.rm || d != 0 && m == f.rm && (f.rd == 0 || d < f.rd) {
			y = f.ry
		}
	case mode == dmFuture:
		y = f.ry + 1
		if m > f.rm || d != 0 && m == f.rm && (f.rd == 0 || d > f.rd) {
			y = f.ry
		}
	}
	if y == 0 {
		return end
	}
	return f.emit(start, end, y, m, d)
}

// window returns the year that puts month m from six months before the
// reference month rm of year ry to five months after it; with no
// reference month, ry; with no reference, 0.
func window(ry, rm, m int) int {
	if rm == 0 {
		return ry
	}
	y := 0
	for k := -1; k <= 1; k++ {
		if diff := 12*k + m - rm; diff >= -6 && diff <= 5 {
			y = ry + k
		}
	}
	return y
}
