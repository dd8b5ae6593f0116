package dates

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/kg-dev/kg/extract/data"
	"github.com/kg-dev/kg/extract/internal/scan"
)

// role is what a word does in a date phrase (see data/en/dates.tsv).
type role uint8

const (
	rNone        role = iota
	rMonth            // "avril", "Aug."
	rWeekday          // "Friday"
	rLast             // "last": before
	rNext             // "next": before
	rThis             // "this", "ce", "cette"
	rPast             // "dernier": after
	rFuture           // "prochain": after
	rOf               // "of"
	rDe               // "de", "d", "du"
	rArticle          // "l", "le", "la"
	rYear             // "year", "année", "an"
	rPeriod           // "month", "end", "mois", "milieu"
	rEvery            // "every", "chaque"
	rPrep             // "in", "en", "since", "mi", "fin", ...
	rRangeTo          // "to", "until": a range connector that introduces a month alone
	rRange            // "and", "et", "au"
	rRangeElided      // "jusqu", which takes "au" after it
	rDay              // "yesterday", "hier", "aujourd'hui": v days from Ref
	rWeek             // "week", "semaine"
)

// unitMonth is the v of a period word that is the month itself ("month",
// "mois"), so that "last month" and "le mois prochain" are dates.
const unitMonth = 1

var roleNames = map[string]role{
	"month": rMonth, "weekday": rWeekday, "last": rLast, "next": rNext, "this": rThis,
	"past": rPast, "future": rFuture, "of": rOf, "de": rDe, "article": rArticle,
	"year": rYear, "period": rPeriod, "every": rEvery, "prep": rPrep,
	"range-to": rRangeTo, "range": rRange, "range-elided": rRangeElided,
	"day": rDay, "week": rWeek,
}

// entry is one folded word's role.
type entry struct {
	role role
	v    int8   // month 1-12 or weekday (time.Weekday)
	abbr bool   // may end with "."
	cap  bool   // a month only when capitalised
	dot  bool   // a month only when written with its "."
	year bool   // a preposition that makes a bare year after it a date: "in 2021"
	rest string // the part after an apostrophe: "hui" of "aujourd'hui"
}

// Words holds the date words of every language, loaded once. It is
// read-only and safe for concurrent use.
type Words struct {
	all     wordTab            // every language; flags merged
	byLang  map[string]wordTab // every language, the language's own entries winning
	daySufs map[string]bool    // "29th", "1er": as written
	langs   []string
}

// table returns the word table for lang.
func (w *Words) table(lang string) wordTab {
	if t, ok := w.byLang[lang]; ok {
		return t
	}
	return w.all
}

// Langs returns the languages loaded, sorted.
func (w *Words) Langs() []string { return append([]string(nil), w.langs...) }

var (
	defaultOnce  sync.Once
	defaultWords *Words
	defaultErr   error
)

// Default returns the words of the embedded data (extract/data), loaded
// once per process.
func Default() (*Words, error) {
	defaultOnce.Do(func() { defaultWords, defaultErr = Load(data.FS) })
	return defaultWords, defaultErr
}

// MustDefault is Default for callers that cannot go on without the
// embedded data (it is compiled in, so it only fails if the binary is
// broken).
func MustDefault() *Words {
	w, err := Default()
	if err != nil {
		panic(err)
	}
	return w
}

// Load reads LANG/dates.tsv for every directory LANG of fsys.
func Load(fsys fs.FS) (*Words, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("listing languages: %w", err)
	}
	w := &Words{byLang: map[string]wordTab{}, daySufs: map[string]bool{}}
	all := map[string]entry{}
	own := map[string]map[string]entry{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		name := d.Name() + "/dates.tsv"
		if _, err := fs.Stat(fsys, name); err != nil {
			continue
		}
		t := map[string]entry{}
		if err := readDates(fsys, name, t, w.daySufs); err != nil {
			return nil, err
		}
		own[d.Name()] = t
		w.langs = append(w.langs, d.Name())
	}
	if len(w.langs) == 0 {
		return nil, fmt.Errorf("no LANG/dates.tsv found")
	}
	sort.Strings(w.langs)
	for _, l := range w.langs {
		for k, e := range own[l] {
			if p, ok := all[k]; ok && p.role == e.role && p.v == e.v {
				e.abbr, e.cap, e.dot = e.abbr || p.abbr, e.cap || p.cap, e.dot || p.dot
			}
			all[k] = e
		}
	}
	lens := new([256]uint16) // every table has the keys of all
	for k := range all {
		lens[k[0]] |= 1 << len(k)
	}
	w.all = wordTab{all, lens}
	for _, l := range w.langs {
		t := make(map[string]entry, len(all))
		for k, e := range all {
			t[k] = e
		}
		for k, e := range own[l] {
			t[k] = e
		}
		w.byLang[l] = wordTab{t, lens}
	}
	return w, nil
}

func readDates(fsys fs.FS, name string, t map[string]entry, daySufs map[string]bool) error {
	return data.ReadTSV(fsys, name, func(fields []string) error {
		if len(fields) < 2 {
			return fmt.Errorf("want word<TAB>role, got %q", strings.Join(fields, "\t"))
		}
		if fields[1] == "day-suffix" {
			daySufs[fields[0]] = true
			return nil
		}
		r, ok := roleNames[fields[1]]
		if !ok {
			return fmt.Errorf("unknown role %q", fields[1])
		}
		word, rest, _ := strings.Cut(scan.Fold(fields[0]), "'")
		if word == "" || len(word) > maxWord {
			return fmt.Errorf("word %q cannot be folded to at most %d bytes", fields[0], maxWord)
		}
		e := entry{role: r, rest: rest}
		switch {
		case r == rPeriod && len(fields) > 2 && fields[2] == "month":
			e.v = unitMonth
		case r == rDay:
			if len(fields) < 3 {
				return fmt.Errorf("day needs an offset")
			}
			v, err := strconv.Atoi(fields[2])
			if err != nil || v < -7 || v > 7 {
				return fmt.Errorf("day needs an offset from -7 to 7, got %q", fields[2])
			}
			e.v = int8(v)
		}
		if r == rMonth || r == rWeekday {
			if len(fields) < 3 {
				return fmt.Errorf("%s needs a value", fields[1])
			}
			v, err := strconv.Atoi(fields[2])
			if err != nil || r == rMonth && (v < 1 || v > 12) || r == rWeekday && (v < 0 || v > 6) {
				return fmt.Errorf("bad value %q", fields[2])
			}
			e.v = int8(v)
		}
		if len(fields) > 3 {
			for _, fl := range strings.Fields(fields[3]) {
				switch fl {
				case "abbr":
					e.abbr = true
				case "cap":
					e.cap = true
				case "dot":
					e.dot = true
				case "year":
					e.year = true
				default:
					return fmt.Errorf("unknown flag %q", fl)
				}
			}
		}
		t[word] = e
		return nil
	})
}

// maxWord is the longest folded word looked up.
const maxWord = 12

// wordTab is a table of date words (folded keys) with a filter that
// turns most other words away before the map is hashed: bit n of
// lens[c] says some key of n bytes starts with the byte c. A text's words
// are looked up one by one, and few of them are date words.
type wordTab struct {
	m    map[string]entry
	lens *[256]uint16 // n <= maxWord < 16
}

// mayHold reports whether the table may hold a word of n bytes starting
// with the byte c (the filter of get).
func (t wordTab) mayHold(c byte, n int) bool { return t.lens[c]&(1<<n) != 0 }

// get returns the entry of the folded word w, the zero entry if none.
func (t wordTab) get(w []byte) entry {
	if len(w) == 0 || t.lens[w[0]]&(1<<len(w)) == 0 {
		return entry{}
	}
	return t.m[string(w)]
}
