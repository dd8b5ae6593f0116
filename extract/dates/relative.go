package dates

import (
	"time"

	"github.com/kg-dev/kg/extract/internal/scan"
)

// Dates relative to Ref that name no month or weekday: a day ("yesterday",
// "hier", "aujourd'hui"), a week, a month or a year with "last", "next",
// "this" before it or "dernier", "prochain" after it ("last week", "la
// semaine dernière", "early next month", "le mois prochain", "cette
// année"), and a bare year after a preposition flagged year ("in 2021",
// "en 2019"). Each keeps the precision it has: a day is a full date, a
// month and a week are "YYYY-MM" (a week is in the month of its Thursday,
// as ISO 8601 counts weeks), a year is "YYYY".

// fromUnit reads a date around the day, week, month or year word t, p
// being the token before it.
func (f *dateFinder) fromUnit(t dateTok, p dateTok) int {
	if t.e.role == rDay {
		end := t.end
		if t.e.rest != "" { // "aujourd'hui"
			a := dateNext(f.text, t.end, f.tab, f.daySufs)
			if !dateIsApostrophe(f.text, a) {
				return -1
			}
			b := dateNext(f.text, a.end, f.tab, f.daySufs)
			var buf [maxWord]byte
			if w, ok := scan.FoldInto(buf[:0], f.text[b.start:b.end]); b.kind != dtWord || !ok || string(w) != t.e.rest {
				return -1
			}
			end = b.end
		}
		if f.rd == 0 {
			return end
		}
		day := f.ref().AddDate(0, 0, int(t.e.v))
		return f.emit(t.start, end, day.Year(), int(day.Month()), day.Day())
	}
	start, k := -1, 0
	if p.kind == dtWord {
		switch p.e.role {
		case rLast:
			start, k = p.start, -1
		case rNext:
			start, k = p.start, 1
		case rThis:
			start = p.start
		}
	}
	end := t.end
	if n := f.next(t.end); n.kind == dtWord && (n.e.role == rPast || n.e.role == rFuture) {
		if start < 0 {
			start = t.start
		}
		k, end = 1, n.end
		if n.e.role == rPast {
			k = -1
		}
	}
	if start < 0 {
		return -1 // "the week", "a month": no date
	}
	switch {
	case t.e.role == rYear && f.ry != 0:
		return f.emit(start, end, f.ry+k, 0, 0)
	case t.e.role == rPeriod && f.rm != 0:
		y, m := f.ry, f.rm+k
		for m < 1 {
			y, m = y-1, m+12
		}
		for m > 12 {
			y, m = y+1, m-12
		}
		return f.emit(start, end, y, m, 0)
	case t.e.role == rWeek && f.rd != 0:
		ref := f.ref()
		monday := ref.AddDate(0, 0, -((int(ref.Weekday())+6)%7)+7*k)
		thursday := monday.AddDate(0, 0, 3)
		return f.emit(start, end, thursday.Year(), int(thursday.Month()), 0)
	}
	return end
}

// bareYear reads a four-digit year after a preposition flagged year ("in
// 2021", "en 2019"); not one that starts a range or a longer number
// ("in 2021-2025", "en 2019/2020").
func (f *dateFinder) bareYear(t dateTok, p dateTok) int {
	if !dateIsYear(t) || p.kind != dtWord || p.e.role != rPrep || !p.e.year || scan.GluedBefore(f.text, t.start) {
		return -1
	}
	if t.end < len(f.text) && (scan.IsDigitSepDigit(f.text, t.end) || scan.IsASCIILetter(f.text[t.end])) {
		return -1
	}
	return f.emit(t.start, t.end, t.num, 0, 0)
}

// ref returns Ref as a time, at noon UTC; Ref must be a full date.
func (f *dateFinder) ref() time.Time {
	return time.Date(f.ry, time.Month(f.rm), f.rd, 12, 0, 0, 0, time.UTC)
}
