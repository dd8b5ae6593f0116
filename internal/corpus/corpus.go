// Package corpus generates news articles about Vietnam–France city
// diplomacy, in English and French, for measuring extraction and ingest
// speed on corpora of any size.
//
// Each article recombines sentence templates (data/templates_*.txt) about
// meetings, cooperation agreements, conferences, festivals and visits,
// with places from the gazetteer (extract/gazetteer), people made from
// Vietnamese and Western name parts, offices (data/roles.tsv), events
// (data/events.tsv), bodies and fields of cooperation. Places are drawn
// with a Zipf skew (the capital and big cities often, a long tail rarely);
// the people holding an office are the same across articles for one term,
// so the number of distinct people, places and events grows with the
// number of articles, as in a real archive.
//
// Generation is deterministic: article i depends only on the seed, i and
// the data (PCG random numbers from math/rand/v2, no maps iterated, no
// clock), and it streams: memory does not grow with the number of
// articles. The data and template loading lives in data.go and
// template.go, the article plan in corpus.go, the rendering in render.go.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Options says what to generate.
type Options struct {
	Seed        int64
	N           int     // number of articles
	FrenchShare float64 // share of French articles, in (0, 1]; 0 means 0.5
}

// Article is one generated article, laid out like a plain text article of
// kg's inputs: an optional " date YYYY-MM-DD Title" first line, then
// paragraphs.
type Article struct {
	Name string // a file name: "000042_fr.txt"
	Lang string // "en" or "fr"
	Text string
}

// Generate calls fn with articles 0 to opts.N-1 in order, and stops at
// fn's first error, which it returns.
func Generate(opts Options, fn func(Article) error) error {
	if opts.N < 0 {
		return fmt.Errorf("corpus: N must not be negative, got %d", opts.N)
	}
	fr := opts.FrenchShare
	if fr == 0 {
		fr = 0.5
	}
	if fr < 0 || fr > 1 {
		return fmt.Errorf("corpus: FrenchShare must be between 0 and 1, got %g", opts.FrenchShare)
	}
	lx, err := defaultLexicon()
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	g := newGenerator(lx, opts.Seed, fr)
	for i := 0; i < opts.N; i++ {
		if err := fn(g.article(i)); err != nil {
			return err
		}
	}
	return nil
}

// generator holds the random source and buffers reused from one article
// to the next.
type generator struct {
	lx     *lexicon
	seed   uint64
	french float64

	src *rand.PCG
	r   *rand.Rand
	zVN *rand.Zipf
	zFR *rand.Zipf
	zX  []*rand.Zipf

	psrc *rand.PCG // for people: seeded by the office they hold
	pr   *rand.Rand

	a    art
	b    strings.Builder
	s    strings.Builder
	used map[string][]bool // templates used in the current article, by section
}

func newGenerator(lx *lexicon, seed int64, french float64) *generator {
	g := &generator{lx: lx, seed: uint64(seed), french: french, used: map[string][]bool{}}
	g.src = rand.NewPCG(0, 0)
	g.r = rand.New(g.src)
	g.psrc = rand.NewPCG(0, 0)
	g.pr = rand.New(g.psrc)
	g.zVN = rand.NewZipf(g.r, 1.15, 1, uint64(len(lx.vnCities)-1))
	g.zFR = rand.NewZipf(g.r, 1.1, 2, uint64(len(lx.frCities)-1))
	for _, cs := range lx.foreign {
		if len(cs) < 2 {
			g.zX = append(g.zX, nil)
			continue
		}
		g.zX = append(g.zX, rand.NewZipf(g.r, 1.2, 1, uint64(len(cs)-1)))
	}
	for lang := range lx.tmpl {
		for _, s := range sectionNames {
			if n := len(lx.tmpl[lang][s]); n > len(g.used[s]) {
				g.used[s] = make([]bool, n)
			}
		}
	}
	return g
}

// Scenarios: what an article is mainly about.
const (
	scMeet = iota
	scSign
	scEvent
	scVisit
	nScenarios
)

var scenarioNames = [nScenarios]string{"meet", "sign", "event", "visit"}

var scenarioWeights = [nScenarios]int{30, 20, 35, 15}

// step is a part of an article's plan: between min and max sentences from
// a section.
type step struct {
	section  string
	min, max int
}

// plans lists, for each scenario, the sections its body draws from after
// the lead; the sentences are then shuffled, except the first (about the
// scenario) and the closing ones.
var plans = [nScenarios][]step{
	scMeet:  {{"meet", 4, 5}, {"partner", 2, 3}, {"speech", 3, 5}, {"quote", 1, 2}, {"filler", 6, 9}, {"org", 0, 1}, {"national", 0, 1}},
	scSign:  {{"sign", 4, 5}, {"partner", 2, 3}, {"speech", 3, 5}, {"quote", 0, 2}, {"filler", 6, 9}, {"count", 0, 1}, {"org", 0, 1}},
	scEvent: {{"event", 5, 7}, {"count", 1, 2}, {"speech", 3, 4}, {"national", 1, 2}, {"quote", 0, 2}, {"filler", 5, 8}, {"org", 0, 1}},
	scVisit: {{"visit", 4, 5}, {"partner", 2, 3}, {"speech", 3, 5}, {"quote", 0, 2}, {"filler", 6, 9}, {"org", 0, 1}},
}

var sectionNames = []string{
	"title.meet", "title.sign", "title.event", "title.visit",
	"lead.meet", "lead.sign", "lead.event", "lead.visit",
	"meet", "sign", "event", "visit", "partner", "speech", "quote", "count", "national", "org",
	"filler", "outlook", "caption",
}

var requiredSections = sectionNames

// Article styles: how a source lays out its articles.
const (
	styleVNA   = iota // Vietnam News Agency: "Hanoi (VNA) –" dateline, no diacritics
	styleVNS          // Viet Nam News: Vietnamese diacritics, "HÀ NỘI —" dateline
	stylePlain        // no dateline
)

// art is the cast and setting of the article being generated.
type art struct {
	lang     int // 0 English, 1 French
	style    int
	accents  bool // Vietnamese names with diacritics
	frForms  bool // French spellings of Vietnamese places (Hanoï)
	scenario int

	cities    [nCities]*city
	countries [nCountries]*country
	persons   [nPersons]person
	ev        event
	orgs      [2]*org
	topics    [3]*topic
	nums      [18]int

	year, month, day int // the article's date
	rday, rmonth     int // the date of what it reports
	since            int // the partnership's first year

	roleX      *country       // the country {X} of the office being rendered, or nil
	inEvent    bool           // rendering the event's name
	introduced [nPersons]bool // the person's full name has been written
}

type event struct {
	kind       *eventKind
	ord        int
	year       int
	month, day int
	name       string
	frGender   byte
}

func (g *generator) pick(cum []int) int {
	n := g.r.IntN(cum[len(cum)-1])
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > n {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func (g *generator) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) vnCity(not ...*city) *city {
	for {
		c := g.lx.vnCities[g.zVN.Uint64()]
		if !contains(not, c) {
			return c
		}
	}
}

func (g *generator) frCity(not ...*city) *city {
	for {
		c := g.lx.frCities[g.zFR.Uint64()]
		if !contains(not, c) {
			return c
		}
	}
}

func (g *generator) foreignCity() *city {
	for {
		i := g.pick(g.lx.partnerCumW)
		cs := g.lx.foreign[i]
		switch {
		case len(cs) == 0:
			continue
		case g.zX[i] == nil:
			return cs[0]
		}
		return cs[g.zX[i].Uint64()]
	}
}

func contains(cs []*city, c *city) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// article generates article i.
func (g *generator) article(i int) Article {
	g.src.Seed(g.seed, uint64(i))
	a := &g.a
	*a = art{}
	lx := g.lx
	for _, u := range g.used {
		clear(u)
	}

	if g.chance(g.french) {
		a.lang = 1
	}
	switch p := g.r.IntN(100); {
	case a.lang == 0 && p < 55, a.lang == 1 && p < 70:
		a.style = styleVNA
	case a.lang == 0 && p < 85:
		a.style = styleVNS
	default:
		a.style = stylePlain
	}
	a.accents = a.style == styleVNS
	a.frForms = a.lang == 1 && (a.style == stylePlain || g.chance(0.5))

	// When: 2008 to 2025, recent years more often.
	a.year = 2025 - min(g.r.IntN(12), g.r.IntN(18))
	a.month = g.between(1, 12)
	a.day = g.between(3, 28)
	a.rmonth, a.rday = a.month, a.day-g.r.IntN(3)
	a.since = a.year - g.between(3, 35)

	a.scenario = g.pick(scenarioCum[:])

	// The event: every article has one, in the lead of some, in the body
	// of event articles.
	ek := lx.events.items[g.pick(lx.events.cum)]
	a.ev.kind = ek

	// Where: a Vietnamese city, a partner city (French three times out of
	// four), more cities for the background.
	a.countries[countryVN] = lx.vn
	a.countries[countryFR] = lx.fr
	a.cities[cityA] = g.vnCity()
	a.cities[cityA2] = g.vnCity(a.cities[cityA])
	if ek.france || g.chance(0.75) {
		a.cities[cityB] = g.frCity()
		a.cities[cityF] = a.cities[cityB]
	} else {
		a.cities[cityB] = g.foreignCity()
		a.cities[cityF] = g.frCity()
	}
	a.cities[cityF2] = g.frCity(a.cities[cityF])
	a.countries[countryX] = a.cities[cityB].country
	a.cities[cityAd] = a.cities[cityA]
	if a.style == styleVNA && g.chance(0.4) {
		a.cities[cityAd] = lx.vnCities[0] // the capital
	}

	g.setEvent()
	g.setPeople()

	for k := range a.orgs {
		a.orgs[k] = lx.orgs.items[g.pick(lx.orgs.cum)]
	}
	if a.orgs[1] == a.orgs[0] {
		a.orgs[1] = lx.orgs.items[(g.pick(lx.orgs.cum)+1)%len(lx.orgs.items)]
	}
	perm := g.r.Perm(len(lx.topics))
	for k := range a.topics {
		a.topics[k] = lx.topics[perm[k]]
	}
	g.setNumbers()

	lang := "en"
	if a.lang == 1 {
		lang = "fr"
	}
	return Article{Name: fmt.Sprintf("%06d_%s.txt", i, lang), Lang: lang, Text: g.write()}
}

var scenarioCum = func() (c [nScenarios]int) {
	t := 0
	for i, w := range scenarioWeights {
		t += w
		c[i] = t
	}
	return c
}()

// setEvent fixes the event's date, ordinal, place and name.
func (g *generator) setEvent() {
	a := &g.a
	ek := a.ev.kind
	e := &a.ev
	e.year = a.year
	e.month, e.day = a.rmonth, a.rday
	if a.scenario != scEvent && g.chance(0.5) {
		// an event being prepared, a few months ahead
		e.month += g.between(1, 5)
		e.day = g.between(1, 28)
		if e.month > 12 {
			e.month -= 12
			e.year++
		}
	}
	if ek.baseYear > 0 {
		e.ord = max(1, ek.baseOrd+floorDiv(e.year-ek.baseYear, ek.period))
	}
	switch ek.where {
	case "vn":
		a.cities[cityH] = a.cities[cityA]
	case "partner":
		a.cities[cityH] = a.cities[cityB]
	default:
		if e.ord%2 == 0 {
			a.cities[cityH] = a.cities[cityA]
		} else {
			a.cities[cityH] = a.cities[cityB]
		}
	}
	e.name = ""
	e.frGender = ek.frGender
	a.inEvent = true // {year} is the event's
	defer func() { a.inEvent = false }()
	if a.lang == 0 {
		e.name = g.renderString(ek.en[g.r.IntN(len(ek.en))])
	} else {
		k := g.r.IntN(len(ek.fr))
		e.name = g.renderString(ek.fr[k])
		e.frGender = ek.frGenders[k]
	}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// setPeople picks the offices of the article's people and who holds them.
func (g *generator) setPeople() {
	a := &g.a
	g.setPerson(0, "vnlocal", a.cities[cityA], nil)
	if a.cities[cityB].country == g.lx.fr {
		g.setPerson(1, "frlocal", a.cities[cityB], nil)
	} else {
		g.setPerson(1, "forlocal", a.cities[cityB], a.countries[countryX])
	}
	g.setPerson(2, "vnnat", nil, g.lx.vn)
	g.setPerson(3, "xnat", nil, a.countries[countryX])
	g.setPerson(4, "vnlocal", a.cities[cityA2], nil)
	g.setPerson(5, "frlocal", a.cities[cityF2], nil)
	if a.persons[4].office == a.persons[0].office {
		g.setPerson(4, "vnlocal", a.cities[cityA2], nil)
	}
}

// termYears is how long an office is held, by scope.
var termYears = map[string]int{"vnlocal": 5, "vnnat": 5, "frlocal": 6, "forlocal": 4, "xnat": 3}

func (g *generator) setPerson(k int, scope string, c *city, x *country) {
	a := &g.a
	ws := g.lx.roles[scope]
	ri := g.pick(ws.cum)
	r := ws.items[ri]
	term := floorDiv(a.year-2001, termYears[scope])
	key := fmt.Sprintf("%s|%d|%d", scope, ri, term)
	switch {
	case c != nil:
		key += "|" + c.id
	case x != nil:
		key += "|" + x.iso
	}
	style := "vi"
	switch {
	case c != nil:
		style = c.country.style
	case strings.HasSuffix(r.holds, ":X") && x != nil:
		style = x.style
	}
	p := g.personFor(key, style)
	a.cities[cityC] = c
	a.roleX = x
	forms := r.en
	if a.lang == 1 {
		forms = r.frM
		if p.female {
			forms = r.frF
		}
	}
	p.role = g.renderString(forms[g.r.IntN(len(forms))])
	p.office = key
	a.roleX = nil
	a.cities[cityC] = nil
	a.persons[k] = p
}

func (g *generator) setNumbers() {
	a := &g.a
	n := &a.nums
	round := func(v, to int) int { return (v + to/2) / to * to }
	n[0] = g.between(18, 63)                   // loc: Vietnamese localities
	n[1] = g.between(5, 45)                    // floc: French localities
	n[2] = round(g.between(150, 2000), 50)     // del: delegates
	n[3] = g.between(10, 400)                  // proj: projects
	n[4] = round(g.between(20, 400), 5)        // biz: businesses
	n[5] = g.between(2, 40)                    // agr: agreements
	n[6] = a.year - a.since                    // years
	n[7] = 5 * g.between(1, 11)                // ann: anniversary
	n[8] = g.between(1, 500)                   // usd: millions
	n[9] = g.between(5, 60)                    // pct
	n[10] = g.between(5, 40)                   // members of a delegation
	n[11] = g.between(3, 20)                   // cities
	n[12] = g.between(2, 9)                    // small (in words)
	n[13] = round(g.between(50, 5000), 10)     // students
	n[14] = round(g.between(1000, 80000), 100) // visitors
	n[15] = g.between(2, 12)                   // twins: twinned localities
	n[16] = g.between(20, 500)                 // ppl: people
	n[17] = g.between(3, 9)                    // gdp: growth in percent
}

// write lays out the article: header line, optional caption, lead with
// dateline, body paragraphs, closing mark.
func (g *generator) write() string {
	a := &g.a
	b := &g.b
	b.Reset()
	b.Grow(4096)
	sep := "\n\n"
	if a.lang == 0 && a.style == styleVNA {
		sep = "\n"
	}
	title := g.sentence("title." + scenarioNames[a.scenario])
	title = strings.TrimSuffix(title, ".")
	switch p := g.r.IntN(100); {
	case p < 75:
		fmt.Fprintf(b, " date %04d-%02d-%02d ", a.year, a.month, a.day)
	case p < 88:
		fmt.Fprintf(b, " date %04d-%02d ", a.year, a.month)
	}
	if a.style == styleVNS && g.chance(0.2) {
		b.WriteString(strings.ToUpper(g.countryName(g.lx.vn)))
		b.WriteString(", ")
		b.WriteString(dayMonth(0, a.month, a.day))
		b.WriteString(" -")
	} else {
		b.WriteString(title)
	}
	b.WriteString(sep)
	if g.chance(0.35) {
		b.WriteString(g.sentence("caption"))
		if a.lang == 0 {
			b.WriteString(" (Photo: VNA)")
		} else {
			b.WriteString(" Photo: VNA")
		}
		b.WriteString(sep)
	}

	// lead
	switch a.style {
	case styleVNA:
		b.WriteString(g.cityName(a.cities[cityAd]))
		if a.lang == 0 {
			b.WriteString(" (VNA) – ")
		} else if g.chance(0.5) {
			b.WriteString(" (VNA) - ")
		} else {
			b.WriteString(" (VNA) – ")
		}
	case styleVNS:
		b.WriteString(strings.ToUpper(g.cityName(a.cities[cityAd])))
		b.WriteString(" — ")
	}
	b.WriteString(g.sentence("lead." + scenarioNames[a.scenario]))

	// body: the scenario's own sentences first, the others shuffled; they
	// are rendered in their final order, so that a person's first mention
	// is their full name (see slotValue)
	plan := plans[a.scenario]
	var sections []string
	for range g.between(plan[0].min, plan[0].max) {
		sections = append(sections, plan[0].section)
	}
	k := len(sections)
	for _, st := range plan[1:] {
		for range g.between(st.min, st.max) {
			sections = append(sections, st.section)
		}
	}
	rest := sections[k:]
	g.r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	sections = append(sections, "outlook")
	body := make([]string, len(sections))
	for i, sec := range sections {
		body[i] = g.sentence(sec)
	}

	for i := 0; i < len(body); {
		b.WriteString(sep)
		n := 1 + g.r.IntN(3)
		if a.style == styleVNA && a.lang == 0 {
			n = 1 + g.r.IntN(2)
		}
		for k := 0; k < n && i < len(body); k++ {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(body[i])
			i++
		}
	}
	switch {
	case a.style == styleVNA && a.lang == 0:
		b.WriteString(" /.")
	case a.style == styleVNA:
		b.WriteString(" -VNA")
	case a.style == styleVNS:
		b.WriteString(" — VNS")
	}
	b.WriteByte('\n')
	return b.String()
}

// sentence renders a template of section, not used before in this article
// if possible, with its first letter capitalised.
func (g *generator) sentence(section string) string {
	ts := g.lx.tmpl[g.a.lang][section]
	used := g.used[section]
	k := g.r.IntN(len(ts))
	for try := 0; try < len(ts) && used[k]; try++ {
		k = (k + 1) % len(ts)
	}
	used[k] = true
	return capitalise(g.renderString(ts[k]))
}
