package corpus

import (
	"hash/fnv"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// person is someone holding an office in the article.
type person struct {
	name, plain   string // with and without Vietnamese diacritics
	short, splain string // how later mentions name them: "Quang", "Larcher"
	female        bool
	role          string // the office, rendered in the article's language
	office        string // the key the holder was drawn from
}

// personFor returns who holds the office key: the same key (office, place,
// term) always gives the same person for one seed, so office holders recur
// across articles as in a real archive.
func (g *generator) personFor(key, style string) person {
	h := fnv.New64a()
	h.Write([]byte(key))
	g.psrc.Seed(g.seed, h.Sum64())
	r := g.pr
	lx := g.lx
	var p person
	p.female = r.IntN(100) < 22
	gi := 0
	if p.female {
		gi = 1
	}
	pickCum := func(cum []int) int {
		n := r.IntN(cum[len(cum)-1])
		for i, c := range cum {
			if c > n {
				return i
			}
		}
		return len(cum) - 1
	}
	switch style {
	case "vi":
		sur := lx.viSurnames[pickCum(lx.viSurnameCum)]
		mids := lx.viMiddle[gi]
		mid := mids[r.IntN(len(mids))]
		given := lx.viGiven[gi][r.IntN(len(lx.viGiven[gi]))]
		p.name = sur.accented + " " + mid.accented
		p.plain = sur.plain + " " + mid.plain
		if r.IntN(10) == 0 {
			m2 := mids[r.IntN(len(mids))]
			if m2 != mid {
				p.name += " " + m2.accented
				p.plain += " " + m2.plain
			}
		}
		p.name += " " + given.accented
		p.plain += " " + given.plain
		p.short, p.splain = given.accented, given.plain
	case "west":
		given := lx.westGiven[gi][r.IntN(len(lx.westGiven[gi]))]
		sur := lx.westSurnames[pickCum(lx.westSurCum)]
		p.name = given.accented + " " + sur.accented
		p.short = sur.accented
	default:
		st := lx.east[style]
		if st == nil {
			st = lx.east["ko"]
		}
		sur := st.surnames[r.IntN(len(st.surnames))]
		switch {
		case len(st.syllables) > 0 && style == "zh":
			s := st.syllables[r.IntN(len(st.syllables))]
			if r.IntN(2) == 0 {
				s += strings.ToLower(st.syllables[r.IntN(len(st.syllables))])
			}
			p.name, p.short = sur+" "+s, sur
		case len(st.syllables) > 0:
			s1, s2 := st.syllables[r.IntN(len(st.syllables))], st.syllables[r.IntN(len(st.syllables))]
			if r.IntN(2) == 0 {
				p.name = sur + " " + s1 + "-" + strings.ToLower(s2)
			} else {
				p.name = sur + " " + s1 + " " + s2
			}
			p.short = sur
		case len(st.given) > 0 && style == "lo":
			p.name = st.given[r.IntN(len(st.given))] + " " + sur
			p.short = strings.Fields(p.name)[0]
		case len(st.given) > 0:
			p.name = st.given[r.IntN(len(st.given))] + " " + sur
			p.short = sur
		default:
			p.name, p.short = sur, sur
		}
	}
	if p.plain == "" {
		p.plain, p.splain = p.name, p.short
	}
	return p
}

// renderString renders t in the current article.
func (g *generator) renderString(t *template) string {
	g.s.Reset()
	g.render(&g.s, t.segs)
	return g.s.String()
}

func (g *generator) render(b *strings.Builder, segs []seg) {
	for i := range segs {
		s := &segs[i]
		switch {
		case s.slot != nil:
			b.WriteString(g.slotValue(s.slot))
		case s.alts != nil:
			g.render(b, s.alts[g.r.IntN(len(s.alts))])
		default:
			b.WriteString(s.lit)
		}
	}
}

// Kinds of nouns, for French prepositions and articles.
const (
	nounThing   = iota // takes an article by gender: "la conférence", "du maire"
	nounCity           // no article: "de Lyon", "à Lyon", "du Havre"
	nounCountry        // "la France", "de France", "en France", "au Japon"
	nounTopic          // text has no article, the article form is known
)

func (g *generator) slotValue(s *slot) string {
	a := &g.a
	fr := a.lang == 1
	var text string
	gender := byte('m')
	kind := nounThing
	switch s.base {
	case baseCity:
		c := a.cities[s.idx]
		if c == nil {
			return "?"
		}
		kind = nounCity
		switch s.field {
		case "k":
			text, kind = cityKind(c, fr), nounThing
			gender = 'f'
		case "up":
			text = strings.ToUpper(g.cityName(c))
		case "en":
			text = c.en
		default:
			text = g.cityName(c)
		}
	case baseCountry:
		c := a.countries[s.idx]
		if s.idx == countryX && a.roleX != nil {
			c = a.roleX
		}
		kind, gender = nounCountry, c.frGender
		switch s.field {
		case "adj":
			text = c.adjEN
			if fr {
				text = c.adjFR
			}
		case "fp":
			text = c.adjFRfp
		case "mp":
			text = c.adjFR
			if !strings.HasSuffix(text, "s") && !strings.HasSuffix(text, "x") {
				text += "s"
			}
		case "up":
			text = strings.ToUpper(g.countryName(c))
		default:
			text = g.countryName(c)
		}
		if s.field != "" && s.field != "up" {
			kind = nounThing
		} else if s.mod == "the" && !fr && c.theEN {
			return "the " + text
		}
	case basePerson:
		p := &a.persons[s.idx]
		if p.female {
			gender = 'f'
		}
		switch s.field {
		case "s":
			text = p.short
			if !a.accents {
				text = p.splain
			}
			if !a.introduced[s.idx] {
				// a short name only after the full one, as in news
				a.introduced[s.idx] = true
				text = p.name
				if !a.accents {
					text = p.plain
				}
			}
		case "r":
			text = p.role
		case "he":
			text = pick2(fr, p.female, "he", "she", "il", "elle")
		case "his":
			text = pick2(fr, p.female, "his", "her", "son", "sa")
		case "e":
			if p.female && fr {
				text = "e"
			}
		case "mr":
			text = pick2(fr, p.female, "Mr", "Ms", "M.", "Mme")
		default:
			a.introduced[s.idx] = true
			text = p.name
			if !a.accents {
				text = p.plain
			}
		}
	case baseEvent:
		e := &a.ev
		gender = e.frGender
		switch {
		case s.idx == 1 || s.field == "ord":
			text = ordinal(e.ord, fr)
		case s.field == "s":
			text = e.kind.shortEN
			if fr {
				text, gender = e.kind.short, e.kind.shortGender
			}
		case s.field == "fe":
			switch e.frGender {
			case 'f':
				text = "e"
			case 'p':
				text = "es"
			}
		case s.field == "date":
			text = onDate(fr, e.month, e.day)
		case s.field == "month":
			text = inMonth(fr, e.month) + " " + strconv.Itoa(e.year)
		case s.field == "year":
			text = strconv.Itoa(e.year)
		default:
			text = e.name
		}
	case baseOrg:
		o := a.orgs[s.idx]
		text, gender = o.en, o.frGender
		if fr {
			text = o.fr
		} else if s.mod == "the" && o.theEN {
			return "the " + text
		} else if s.mod == "the" {
			return text
		}
	case baseTopic:
		t := a.topics[s.idx]
		text = t.en
		if fr {
			text = t.fr
			switch s.mod {
			case "le":
				return t.frArt
			case "de":
				return frContract("de", t.frArt)
			case "a":
				return frContract("à", t.frArt)
			}
		}
	case baseNum:
		v := a.nums[s.idx]
		switch {
		case s.mod == "o":
			return ordinal(v, fr)
		case s.field == "small":
			text = smallNumber(v, fr)
		default:
			text = formatInt(v, fr)
		}
	case baseDate:
		switch s.idx {
		case dateRecent:
			text = onDate(fr, a.rmonth, a.rday)
		case dateYear:
			text = strconv.Itoa(a.year)
			if a.inEvent {
				text = strconv.Itoa(a.ev.year)
			}
		case dateSince:
			text = strconv.Itoa(a.since)
		case dateNextYear:
			text = strconv.Itoa(a.year + 1)
		case dateMonth:
			text = inMonth(fr, a.rmonth)
		case dateNextMonth:
			text = inMonth(fr, a.rmonth%12+1)
		case dateWeekday:
			wd := time.Date(a.year, time.Month(a.rmonth), a.rday, 12, 0, 0, 0, time.UTC).Weekday()
			if fr {
				text = frWeekdays[wd]
			} else {
				text = "on " + wd.String()
			}
		}
	}
	switch s.mod {
	case "le":
		return frLe(text, gender, kind)
	case "de":
		return frDe(text, gender, kind)
	case "a":
		return frA(text, gender, kind)
	case "d":
		if startsWithVowel(text) {
			return "d'" + text
		}
		return "de " + text
	case "the":
		if kind == nounThing && !fr {
			return "the " + text
		}
	}
	return text
}

func pick2(fr, female bool, enM, enF, frM, frF string) string {
	switch {
	case fr && female:
		return frF
	case fr:
		return frM
	case female:
		return enF
	}
	return enM
}

// cityName is how the article spells c.
func (g *generator) cityName(c *city) string {
	a := &g.a
	switch {
	case a.accents:
		return c.vi
	case a.lang == 1 && (a.frForms || c.country != g.lx.vn):
		return c.fr
	}
	return c.en
}

func (g *generator) countryName(c *country) string {
	switch {
	case g.a.lang == 1:
		return c.fr
	case g.a.accents:
		return c.vi
	}
	return c.en
}

func cityKind(c *city, fr bool) string {
	switch {
	case c.province && fr:
		return "province"
	case c.province:
		return "province"
	case fr:
		return "ville"
	}
	return "city"
}

func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("AEIOUaeiouÉÈÊéèêÂâÎîÔôŒœ", r)
}

// frLe puts the French definite article before text: "la France", "le
// Japon", "l'Allemagne", "les États-Unis", "le maire"; cities and
// countries like Cuba take none.
func frLe(text string, g byte, kind int) string {
	if kind == nounCity || g == 0 {
		return text
	}
	switch {
	case g == 'p':
		return "les " + text
	case startsWithVowel(text):
		return "l'" + text
	case g == 'f':
		return "la " + text
	}
	return "le " + text
}

// frDe is "de" before text: "de Lyon", "d'Angers", "du Havre", "de
// France", "du Japon", "des États-Unis", "de la conférence", "du maire".
func frDe(text string, g byte, kind int) string {
	switch kind {
	case nounCity:
		switch {
		case strings.HasPrefix(text, "Le "):
			return "du " + text[3:]
		case strings.HasPrefix(text, "Les "):
			return "des " + text[4:]
		case startsWithVowel(text):
			return "d'" + text
		}
		return "de " + text
	case nounCountry:
		switch {
		case g == 'p':
			return "des " + text
		case startsWithVowel(text):
			return "d'" + text
		case g == 'm':
			return "du " + text
		}
		return "de " + text
	}
	switch {
	case g == 0 && startsWithVowel(text):
		return "d'" + text
	case g == 0:
		return "de " + text
	case g == 'p':
		return "des " + text
	case startsWithVowel(text):
		return "de l'" + text
	case g == 'f':
		return "de la " + text
	}
	return "du " + text
}

// frA is "à" before text: "à Lyon", "au Havre", "en France", "au Japon",
// "aux États-Unis", "à la conférence", "au forum".
func frA(text string, g byte, kind int) string {
	switch kind {
	case nounCity:
		switch {
		case strings.HasPrefix(text, "Le "):
			return "au " + text[3:]
		case strings.HasPrefix(text, "Les "):
			return "aux " + text[4:]
		}
		return "à " + text
	case nounCountry:
		switch {
		case g == 0:
			return "à " + text
		case g == 'p':
			return "aux " + text
		case g == 'f' || startsWithVowel(text):
			return "en " + text
		}
		return "au " + text
	}
	switch {
	case g == 0:
		return "à " + text
	case g == 'p':
		return "aux " + text
	case startsWithVowel(text):
		return "à l'" + text
	case g == 'f':
		return "à la " + text
	}
	return "au " + text
}

// frContract puts "de" or "à" before a phrase that starts with its
// article: "du sport", "des énergies", "de la santé", "à l'urbanisme",
// "au sport", "aux transports".
func frContract(prep, withArticle string) string {
	de := prep == "de"
	switch {
	case strings.HasPrefix(withArticle, "le ") && de:
		return "du " + withArticle[3:]
	case strings.HasPrefix(withArticle, "le "):
		return "au " + withArticle[3:]
	case strings.HasPrefix(withArticle, "les ") && de:
		return "des " + withArticle[4:]
	case strings.HasPrefix(withArticle, "les "):
		return "aux " + withArticle[4:]
	}
	return prep + " " + withArticle
}

var (
	enMonths = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}
	frWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	enSmall    = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	frSmall    = [...]string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"}
)

func dayMonth(lang, month, day int) string {
	if lang == 1 {
		return strconv.Itoa(day) + " " + frMonths[month-1]
	}
	return enMonths[month-1] + " " + strconv.Itoa(day)
}

// onDate is "on April 14" or "le 14 avril" ("le 1er avril").
func onDate(fr bool, month, day int) string {
	if fr {
		d := strconv.Itoa(day)
		if day == 1 {
			d = "1er"
		}
		return "le " + d + " " + frMonths[month-1]
	}
	return "on " + enMonths[month-1] + " " + strconv.Itoa(day)
}

func inMonth(fr bool, month int) string {
	if fr {
		return "en " + frMonths[month-1]
	}
	return "in " + enMonths[month-1]
}

// ordinal is "12th" or "12e" ("1st", "1re").
func ordinal(n int, fr bool) string {
	s := strconv.Itoa(n)
	if fr {
		if n == 1 {
			return "1re"
		}
		return s + "e"
	}
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return s + "th"
	case n%10 == 1:
		return s + "st"
	case n%10 == 2:
		return s + "nd"
	case n%10 == 3:
		return s + "rd"
	}
	return s + "th"
}

// formatInt groups thousands: "1,000" in English, "1.000" in French (as
// the Vietnam News Agency writes them).
func formatInt(n int, fr bool) string {
	s := strconv.Itoa(n)
	if n < 1000 {
		return s
	}
	sep := byte(',')
	if fr {
		sep = '.'
	}
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, sep)
		}
		b = append(b, s[i])
	}
	return string(b)
}

func smallNumber(n int, fr bool) string {
	if n < 0 || n > 9 {
		return strconv.Itoa(n)
	}
	if fr {
		return frSmall[n]
	}
	return enSmall[n]
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
