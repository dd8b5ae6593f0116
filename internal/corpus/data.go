package corpus

import (
	"bufio"
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/extract/gazetteer"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/*.tsv data/*.txt
var dataFS embed.FS

// lexicon is everything the generator draws from: places from the
// gazetteer, and its own name parts, offices, events and sentence
// templates from data/.
type lexicon struct {
	vnCities []*city // by importance: capital, municipalities, then by population
	frCities []*city
	foreign  [][]*city // by index of partners: that country's cities

	vn, fr       *country
	partners     []*country // countries of non-French partner cities
	partnerCumW  []int
	viSurnames   []namePart
	viSurnameCum []int
	viMiddle     [2][]namePart // by gender: 0 male, 1 female
	viGiven      [2][]namePart
	westGiven    [2][]namePart
	westSurnames []namePart
	westSurCum   []int
	east         map[string]*eastStyle // by style; looked up, never iterated

	roles  map[string]*weighted[*role] // by scope; looked up, never iterated
	events weighted[*eventKind]
	orgs   weighted[*org]
	topics []*topic

	tmpl [2]map[string][]*template // by language, then section
}

type weighted[T any] struct {
	items []T
	cum   []int
}

func (w *weighted[T]) add(item T, weight int) {
	total := 0
	if n := len(w.cum); n > 0 {
		total = w.cum[n-1]
	}
	w.items = append(w.items, item)
	w.cum = append(w.cum, total+weight)
}

// city is a place of the gazetteer with the spellings articles use.
type city struct {
	id       string
	en       string // the gazetteer's canonical English name: "Hanoi", "Ho Chi Minh City"
	vi       string // with Vietnamese diacritics when the gazetteer has them: "Hà Nội"
	fr       string // the French form when the gazetteer has one: "Hanoï", "Hô Chi Minh-Ville"
	province bool
	country  *country
}

// country is a country with its English name from the gazetteer and its
// French grammar from data/countries.tsv.
type country struct {
	iso, en, vi, fr string
	frGender        byte // m, f, p (plural), 0 (no article: Cuba)
	adjEN, adjFR    string
	adjFRfp         string
	style           string // how its people's names are made: vi, west, ko, ja, zh, lo
	theEN           bool   // "the United States"
}

type namePart struct{ accented, plain string }

type eastStyle struct {
	surnames, given, syllables []string
}

type role struct {
	scope, holds string
	en, frM, frF []*template
}

type eventKind struct {
	where          string // vn, partner, alt
	baseYear       int    // ordinal rule; 0: no ordinal
	baseOrd        int
	period         int
	frGender       byte
	en, fr         []*template
	frGenders      []byte // of each French form
	shortEN, short string
	shortGender    byte
	france         bool   // about France in particular: the partner city is French
	names          string // which slots its names use, among "ABXy" (y: the year, or the ordinal)
}

type org struct {
	en, fr   string
	frGender byte
	theEN    bool // "the World Bank"
}

type topic struct{ en, fr, frArt string } // frArt: with its article

var (
	lexOnce sync.Once
	lex     *lexicon
	lexErr  error
)

func defaultLexicon() (*lexicon, error) {
	lexOnce.Do(func() {
		g, err := gazetteer.Default()
		if err != nil {
			lexErr = fmt.Errorf("loading the gazetteer: %w", err)
			return
		}
		sub, err := fs.Sub(dataFS, "data")
		if err != nil {
			lexErr = err
			return
		}
		lex, lexErr = loadLexicon(sub, g)
	})
	return lex, lexErr
}

// eachLine calls fn with the tab-separated fields of every line of a data
// file that is neither blank nor a comment.
func eachLine(fsys fs.FS, name string, minFields int, fn func(f []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fields := strings.Split(s, "\t")
		if len(fields) < minFields {
			return fmt.Errorf("%s:%d: want %d tab-separated fields, got %d", name, n, minFields, len(fields))
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func loadLexicon(fsys fs.FS, g *gazetteer.Gazetteer) (*lexicon, error) {
	lx := &lexicon{east: map[string]*eastStyle{}, roles: map[string]*weighted[*role]{}}
	for _, step := range []func(fs.FS, *gazetteer.Gazetteer) error{
		lx.loadCountries, lx.loadNames, lx.loadRoles, lx.loadEvents, lx.loadOrgs, lx.loadTemplates,
	} {
		if err := step(fsys, g); err != nil {
			return nil, err
		}
	}
	lx.loadPlaces(g)
	if len(lx.vnCities) == 0 || len(lx.frCities) == 0 {
		return nil, fmt.Errorf("the gazetteer has no Vietnamese or French places")
	}
	return lx, nil
}

func (lx *lexicon) loadCountries(fsys fs.FS, g *gazetteer.Gazetteer) error {
	return eachLine(fsys, "countries.tsv", 9, func(f []string) error {
		p := g.Country(f[0])
		if p == nil {
			return fmt.Errorf("country %s is not in the gazetteer", f[0])
		}
		w, err := strconv.Atoi(f[1])
		if err != nil {
			return err
		}
		c := &country{iso: p.Country, en: p.Name, vi: vietnameseForm(p), fr: f[2],
			adjEN: f[4], adjFR: f[5], adjFRfp: f[6], style: f[7], theEN: f[8] == "the"}
		if f[3] != "0" {
			c.frGender = f[3][0]
		}
		if c.vi == "" {
			c.vi = c.en
		}
		switch c.iso {
		case "VN":
			lx.vn = c
		case "FR":
			lx.fr = c
		}
		if w > 0 {
			lx.partners = append(lx.partners, c)
			total := 0
			if n := len(lx.partnerCumW); n > 0 {
				total = lx.partnerCumW[n-1]
			}
			lx.partnerCumW = append(lx.partnerCumW, total+w)
		}
		return nil
	})
}

// loadPlaces takes the Vietnamese, French and partner countries' cities
// from the gazetteer, ordered by importance so that a Zipf draw makes the
// capital and big cities frequent and the rest a long tail. Names that
// need context to be read as places (Hue, Vinh, Nice, Tours: the
// gazetteer's Ambiguous) are kept, as real articles have them.
func (lx *lexicon) loadPlaces(g *gazetteer.Gazetteer) {
	byISO := map[string][]*gazetteer.Place{}
	for _, p := range g.Places() {
		if p.Type != gazetteer.TypeCity {
			continue
		}
		switch p.Kind {
		case gazetteer.KindCity:
			if p.Population == 0 {
				continue // hamlets and wards
			}
		case gazetteer.KindProvince, gazetteer.KindMunicipality, gazetteer.KindRegion, gazetteer.KindDepartment:
		default:
			continue
		}
		if strings.ContainsAny(p.Name, ",.()") {
			continue // "Washington, D.C.": punctuation the templates do not expect
		}
		byISO[p.Country] = append(byISO[p.Country], p)
	}
	countries := map[string]*country{"VN": lx.vn, "FR": lx.fr}
	for _, c := range lx.partners {
		countries[c.iso] = c
	}
	build := func(iso string, limit int) []*city {
		ps := byISO[iso]
		if iso != "VN" {
			// French and foreign partners are cities and municipalities: the
			// offices of data/roles.tsv (mayor, governor) are theirs, and
			// French départements and regions take articles ("des
			// Hautes-Alpes") that the templates do not handle.
			ps = slices.DeleteFunc(slices.Clone(ps), func(p *gazetteer.Place) bool {
				return p.Kind != gazetteer.KindCity && p.Kind != gazetteer.KindMunicipality
			})
		}
		slices.SortFunc(ps, func(a, b *gazetteer.Place) int {
			if c := cmp.Compare(importance(b), importance(a)); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		if limit > 0 && len(ps) > limit {
			ps = ps[:limit]
		}
		out := make([]*city, 0, len(ps))
		for _, p := range ps {
			c := &city{id: p.ID, en: p.Name, vi: vietnameseForm(p), fr: frenchForm(p),
				province: p.Kind != gazetteer.KindCity && p.Kind != gazetteer.KindMunicipality,
				country:  countries[iso]}
			if c.vi == "" {
				c.vi = c.en
			}
			if c.fr == "" {
				c.fr = c.en
			}
			out = append(out, c)
		}
		return out
	}
	lx.vnCities = build("VN", 0)
	lx.frCities = build("FR", 0)
	lx.foreign = make([][]*city, len(lx.partners))
	for i, c := range lx.partners {
		lx.foreign[i] = build(c.iso, 40)
	}
}

// importance ranks places: the capital, then municipalities (Vietnam's
// centrally run cities), then by population, subdivisions without one
// counting as a large town.
func importance(p *gazetteer.Place) int {
	w := p.Population
	if w == 0 {
		w = 200_000
	}
	if p.Kind == gazetteer.KindMunicipality {
		w += 50_000_000
	}
	if p.Capital {
		w += 100_000_000
	}
	return w
}

// vietnameseForm returns the alias of p spelt like its name but with
// Vietnamese diacritics ("Hà Nội" for Hanoi, "Biên Hòa"), or "".
func vietnameseForm(p *gazetteer.Place) string {
	k := fold.Key(p.Name)
	for _, a := range p.Aliases {
		if fold.Key(a) == k && hasVietnamese(a) {
			return a
		}
	}
	// diacritics that also fit in Latin-1 ("Biên Hòa"), but not a French
	// spelling ("Hanoï", "Hué")
	for _, a := range p.Aliases {
		if p.Country == "VN" && fold.Key(a) == k && !isASCII(a) &&
			!strings.ContainsAny(a, "ïëÏË") && !frenchLooking(a) {
			return a
		}
	}
	return ""
}

// frenchLooking reports whether the only diacritics of s are acute
// accents on e ("Hué"), as in French spellings of Vietnamese names.
func frenchLooking(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r != 'é' && r != 'É' {
			return false
		}
	}
	return true
}

// frenchForm returns the alias of p that is its French spelling: only
// Latin-1 letters, different from the name, and the same once folded
// ("Hanoï", "Séoul") or with "Ville" for "City" ("Hô Chi Minh-Ville"), or
// "".
func frenchForm(p *gazetteer.Place) string {
	k := fold.Key(p.Name)
	kv := strings.TrimSuffix(k, "city") + "ville"
	for _, a := range p.Aliases {
		if a == p.Name || hasVietnamese(a) || isASCII(a) {
			continue
		}
		if p.Country == "VN" && strings.ContainsAny(a, "àáâãăạảấầẩẫậìíòóõùúýÀÁÂÃÌÍÒÓÕÙÚÝ") {
			continue // a Vietnamese spelling that happens to fit in Latin-1: "Tân Thành"
		}
		if ak := fold.Key(a); ak == k || (ak == kv && strings.HasSuffix(k, "city")) {
			return a
		}
	}
	return ""
}

// hasVietnamese reports whether s has a letter outside Latin-1 (and œ), as
// Vietnamese spellings do (ộ, ư, đ) and French ones do not.
func hasVietnamese(s string) bool {
	for _, r := range s {
		if r > 0xFF && r != 'œ' && r != 'Œ' && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stripMarks removes diacritics, keeping case: "Đặng Văn Minh" → "Dang
// Van Minh", "Đinh" → "Dinh".
func stripMarks(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case unicode.Is(unicode.Mn, r):
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func part(s string) namePart { return namePart{accented: s, plain: stripMarks(s)} }

func genders(g string) []int {
	switch g {
	case "m":
		return []int{0}
	case "f":
		return []int{1}
	}
	return []int{0, 1}
}

func (lx *lexicon) loadNames(fsys fs.FS, _ *gazetteer.Gazetteer) error {
	err := eachLine(fsys, "vi_names.tsv", 3, func(f []string) error {
		switch f[0] {
		case "surname":
			w, err := strconv.Atoi(f[2])
			if err != nil {
				return err
			}
			lx.viSurnames = append(lx.viSurnames, part(f[1]))
			lx.viSurnameCum = append(lx.viSurnameCum, last(lx.viSurnameCum)+w)
		case "middle":
			for _, g := range genders(f[2]) {
				lx.viMiddle[g] = append(lx.viMiddle[g], part(f[1]))
			}
		case "given":
			for _, g := range genders(f[2]) {
				lx.viGiven[g] = append(lx.viGiven[g], part(f[1]))
			}
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = eachLine(fsys, "west_names.tsv", 3, func(f []string) error {
		switch f[0] {
		case "given":
			for _, g := range genders(f[2]) {
				lx.westGiven[g] = append(lx.westGiven[g], part(f[1]))
			}
		case "surname":
			w, err := strconv.Atoi(f[2])
			if err != nil {
				return err
			}
			lx.westSurnames = append(lx.westSurnames, part(f[1]))
			lx.westSurCum = append(lx.westSurCum, last(lx.westSurCum)+w)
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return nil
	})
	if err != nil {
		return err
	}
	return eachLine(fsys, "east_names.tsv", 3, func(f []string) error {
		st := lx.east[f[0]]
		if st == nil {
			st = &eastStyle{}
			lx.east[f[0]] = st
		}
		switch f[1] {
		case "surname":
			st.surnames = append(st.surnames, f[2])
		case "given":
			st.given = append(st.given, f[2])
		case "syllable":
			st.syllables = append(st.syllables, f[2])
		default:
			return fmt.Errorf("unknown kind %q", f[1])
		}
		return nil
	})
}

func last(cum []int) int {
	if len(cum) == 0 {
		return 0
	}
	return cum[len(cum)-1]
}

func parseForms(s string) ([]*template, error) {
	var out []*template
	for _, f := range strings.Split(s, "|") {
		t, err := parseTemplate(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (lx *lexicon) loadRoles(fsys fs.FS, _ *gazetteer.Gazetteer) error {
	return eachLine(fsys, "roles.tsv", 6, func(f []string) error {
		w, err := strconv.Atoi(f[1])
		if err != nil {
			return err
		}
		r := &role{scope: f[0], holds: f[2]}
		if r.en, err = parseForms(f[3]); err != nil {
			return err
		}
		if r.frM, err = parseForms(f[4]); err != nil {
			return err
		}
		if r.frF, err = parseForms(f[5]); err != nil {
			return err
		}
		ws := lx.roles[r.scope]
		if ws == nil {
			ws = &weighted[*role]{}
			lx.roles[r.scope] = ws
		}
		ws.add(r, w)
		return nil
	})
}

func (lx *lexicon) loadEvents(fsys fs.FS, _ *gazetteer.Gazetteer) error {
	return eachLine(fsys, "events.tsv", 8, func(f []string) error {
		w, err := strconv.Atoi(f[0])
		if err != nil {
			return err
		}
		e := &eventKind{where: f[1], frGender: f[3][0], shortEN: f[6], short: f[7], shortGender: f[3][0]}
		if len(e.short) > 2 && e.short[1] == ':' {
			e.shortGender, e.short = e.short[0], e.short[2:]
		}
		if f[2] != "-" {
			var y, o, p int
			if _, err := fmt.Sscanf(f[2], "%d:%d:%d", &y, &o, &p); err != nil || p < 1 {
				return fmt.Errorf("bad ordinal rule %q", f[2])
			}
			e.baseYear, e.baseOrd, e.period = y, o, p
		}
		if e.en, err = parseForms(f[4]); err != nil {
			return err
		}
		for _, form := range strings.Split(f[5], "|") {
			g := e.frGender
			if len(form) > 2 && form[1] == ':' && strings.IndexByte("mfp", form[0]) >= 0 {
				g, form = form[0], form[2:]
			}
			t, err := parseTemplate(strings.TrimSpace(form))
			if err != nil {
				return err
			}
			e.fr = append(e.fr, t)
			e.frGenders = append(e.frGenders, g)
		}
		e.france = strings.Contains(f[4], "France") || strings.Contains(f[4], "French")
		for _, u := range []struct{ slot, flag string }{{"{A}", "A"}, {"{B}", "B"}, {"{X", "X"}, {"{year}", "y"}, {"{ord}", "y"}} {
			if strings.Contains(f[4], u.slot) && !strings.Contains(e.names, u.flag) {
				e.names += u.flag
			}
		}
		lx.events.add(e, w)
		return nil
	})
}

func (lx *lexicon) loadOrgs(fsys fs.FS, _ *gazetteer.Gazetteer) error {
	if err := eachLine(fsys, "orgs.tsv", 5, func(f []string) error {
		w, err := strconv.Atoi(f[3])
		if err != nil {
			return err
		}
		o := &org{en: f[0], fr: f[1], frGender: f[2][0], theEN: f[4] == "the"}
		if o.frGender == '0' {
			o.frGender = 0
		}
		lx.orgs.add(o, w)
		return nil
	}); err != nil {
		return err
	}
	return eachLine(fsys, "topics.tsv", 3, func(f []string) error {
		lx.topics = append(lx.topics, &topic{en: f[0], fr: f[1], frArt: f[2]})
		return nil
	})
}

// loadTemplates reads templates_en.txt and templates_fr.txt: "[section]"
// lines start a section, every other line is one template.
func (lx *lexicon) loadTemplates(fsys fs.FS, _ *gazetteer.Gazetteer) error {
	for lang, name := range []string{"templates_en.txt", "templates_fr.txt"} {
		m := map[string][]*template{}
		section := ""
		err := eachLine(fsys, name, 1, func(f []string) error {
			line := strings.TrimSpace(strings.Join(f, " "))
			if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") && !strings.Contains(line, "|") && !strings.Contains(line, " ") {
				section = line[1 : len(line)-1]
				return nil
			}
			if section == "" {
				return fmt.Errorf("template before the first [section]")
			}
			t, err := parseTemplate(line)
			if err != nil {
				return err
			}
			m[section] = append(m[section], t)
			return nil
		})
		if err != nil {
			return err
		}
		lx.tmpl[lang] = m
	}
	for _, s := range requiredSections {
		for lang := range lx.tmpl {
			if len(lx.tmpl[lang][s]) == 0 {
				return fmt.Errorf("%s: no templates in section [%s]", []string{"templates_en.txt", "templates_fr.txt"}[lang], s)
			}
		}
	}
	return nil
}
