package corpus

import (
	"fmt"
	"strings"
)

// A template is a sentence (or a name, or an office) with slots and
// alternatives, parsed once when the data are loaded:
//
//	{A}            a slot: the article's main Vietnamese city
//	{P1.r}         a field of a slot: the office of the first person
//	{de:B}         a French preposition or article before it ("de Lyon",
//	               "d'Angers", "du Havre", "du Japon", "de la présidente")
//	[said|noted]   one of the alternatives, drawn at random
//
// The slots are listed in slotBases, their fields in fieldsOf. Modifiers:
// le, de, a (French article or preposition by gender: "la France", "du
// Japon", "au Havre"), d ("de"/"d'" without article: "en matière
// d'urbanisme"), the (English "the" where the name takes it) and o (a
// number as an ordinal: "50th", "50e").
type template struct {
	segs []seg
}

type seg struct {
	lit  string
	slot *slot
	alts [][]seg
}

type slot struct {
	mod   string // "", le, de, a, d, the, o
	base  int    // one of the base* constants
	idx   int    // which city, person…
	field string // "", s, r, k…
	raw   string
}

// Slot bases.
const (
	baseCity = iota
	baseCountry
	basePerson
	baseEvent
	baseOrg
	baseTopic
	baseNum
	baseDate
)

// City, country and person indices of an article.
const (
	cityA = iota
	cityA2
	cityB  // the partner city (French or not)
	cityF  // a French city: B when B is French
	cityF2 // another French city
	cityH  // where the event is held
	cityAd // the dateline
	cityC  // the city of the office being rendered
	nCities
)

const (
	countryVN = iota
	countryFR
	countryX // the partner city's country
	nCountries
)

const nPersons = 6

var slotBases = map[string][2]int{
	"A": {baseCity, cityA}, "A2": {baseCity, cityA2}, "B": {baseCity, cityB}, "F": {baseCity, cityF},
	"F2": {baseCity, cityF2}, "H": {baseCity, cityH}, "Ad": {baseCity, cityAd}, "C": {baseCity, cityC},
	"VN": {baseCountry, countryVN}, "FR": {baseCountry, countryFR}, "X": {baseCountry, countryX},
	"P1": {basePerson, 0}, "P2": {basePerson, 1}, "P3": {basePerson, 2}, "P4": {basePerson, 3},
	"P5": {basePerson, 4}, "P6": {basePerson, 5},
	"E": {baseEvent, 0}, "O": {baseOrg, 0}, "O2": {baseOrg, 1},
	"T1": {baseTopic, 0}, "T2": {baseTopic, 1}, "T3": {baseTopic, 2},
	"n":    {baseNum, 0},
	"date": {baseDate, dateRecent}, "year": {baseDate, dateYear}, "since": {baseDate, dateSince},
	"month": {baseDate, dateMonth}, "nextyear": {baseDate, dateNextYear}, "ord": {baseEvent, 1},
	"weekday": {baseDate, dateWeekday}, "nextmonth": {baseDate, dateNextMonth},
}

const (
	dateRecent = iota
	dateYear
	dateSince
	dateMonth
	dateNextYear
	dateWeekday
	dateNextMonth
)

var fieldsOf = map[int][]string{
	baseCity:    {"", "k", "up", "en"},
	baseCountry: {"", "adj", "fp", "mp", "up"},
	basePerson:  {"", "s", "r", "he", "his", "e", "mr"},
	baseEvent:   {"", "s", "date", "month", "year", "ord", "fe"},
	baseOrg:     {""},
	baseTopic:   {""},
	baseNum: {"loc", "floc", "del", "proj", "biz", "agr", "years", "ann", "usd", "pct",
		"members", "cities", "small", "students", "visitors", "twins", "ppl", "gdp"},
	baseDate: {""},
}

var modifiers = map[string]bool{"": true, "le": true, "de": true, "a": true, "d": true, "the": true, "o": true}

func parseTemplate(s string) (*template, error) {
	segs, rest, err := parseSegs(s, false)
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", s, err)
	}
	if rest != "" {
		return nil, fmt.Errorf("template %q: unexpected %q", s, rest)
	}
	return &template{segs: segs}, nil
}

// parseSegs parses s up to its end or, inside alternatives, up to the
// next unnested "|" or "]", which it leaves in rest.
func parseSegs(s string, inAlt bool) (segs []seg, rest string, err error) {
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			segs = append(segs, seg{lit: lit.String()})
			lit.Reset()
		}
	}
	for len(s) > 0 {
		c := s[0]
		switch {
		case c == '{':
			end := strings.IndexByte(s, '}')
			if end < 0 {
				return nil, "", fmt.Errorf("unclosed {")
			}
			sl, err := parseSlot(s[1:end])
			if err != nil {
				return nil, "", err
			}
			flush()
			segs = append(segs, seg{slot: sl})
			s = s[end+1:]
		case c == '[':
			flush()
			var alts [][]seg
			s = s[1:]
			for {
				alt, r, err := parseSegs(s, true)
				if err != nil {
					return nil, "", err
				}
				alts = append(alts, alt)
				if r == "" {
					return nil, "", fmt.Errorf("unclosed [")
				}
				s = r[1:]
				if r[0] == ']' {
					break
				}
			}
			segs = append(segs, seg{alts: alts})
		case inAlt && (c == '|' || c == ']'):
			flush()
			return segs, s, nil
		case c == '}' || c == ']':
			return nil, "", fmt.Errorf("unexpected %q", c)
		default:
			lit.WriteByte(c)
			s = s[1:]
		}
	}
	flush()
	return segs, "", nil
}

func parseSlot(s string) (*slot, error) {
	sl := &slot{raw: s}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		sl.mod, s = s[:i], s[i+1:]
	}
	if !modifiers[sl.mod] {
		return nil, fmt.Errorf("unknown modifier in {%s}", sl.raw)
	}
	name := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		name, sl.field = s[:i], s[i+1:]
	}
	b, ok := slotBases[name]
	if !ok {
		return nil, fmt.Errorf("unknown slot {%s}", sl.raw)
	}
	sl.base, sl.idx = b[0], b[1]
	known := false
	for i, f := range fieldsOf[sl.base] {
		if f == sl.field {
			known = true
			if sl.base == baseNum {
				sl.idx = i
			}
		}
	}
	if !known {
		return nil, fmt.Errorf("unknown field in {%s}", sl.raw)
	}
	return sl, nil
}
