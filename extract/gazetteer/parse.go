package gazetteer

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/extract/fold"
)

// Data file names read by Load.
const (
	CountriesFile = "countries.tsv"
	PlacesFile    = "places.tsv"
	ExtraFile     = "extra.tsv"
	AmbiguousFile = "ambiguous.txt"
	WordsFile     = "words.txt"
)

// ParseError reports a malformed line of a data file.
type ParseError struct {
	File  string
	Line  int    // 1-based
	Field string // column name, or "" for the whole line
	Err   error
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Field, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

var (
	countryCols = []string{"id", "iso2", "name", "flags", "aliases", "demonyms"}
	placeCols   = []string{"id", "name", "country", "kind", "population", "flags", "aliases"}
	kinds       = map[string]bool{
		KindCity: true, KindProvince: true, KindRegion: true, KindDepartment: true, KindMunicipality: true,
	}
)

// Load reads a gazetteer from fsys, which must hold countries.tsv and
// places.tsv and may hold extra.tsv, ambiguous.txt and words.txt:
//
//	countries.tsv  id, iso2, name, flags (citystate, territory), aliases, demonyms
//	places.tsv     id, name, country, kind, population, flags (capital), aliases
//	extra.tsv      "alias" id aliases | "demonym" iso2 demonyms | "successor" id id | "place" and the places.tsv columns
//	ambiguous.txt  one name a line: names that need context
//	words.txt      one word a line: place names spelt as common words (generated)
//
// Lists inside a field are separated by "|", flags by ","; lines starting with "#" and
// blank lines are skipped. Errors are *ParseError values naming the file,
// line and field.
func Load(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{byID: map[string]*Place{}, byISO: map[string]*Place{}, demonyms: map[string]*Place{},
		stop: map[string]bool{}, words: map[string]bool{}}
	if err := eachLine(fsys, CountriesFile, false, func(line int, f []string) error {
		return g.addCountry(line, f)
	}); err != nil {
		return nil, err
	}
	if err := eachLine(fsys, PlacesFile, false, func(line int, f []string) error {
		return g.addPlace(PlacesFile, line, f)
	}); err != nil {
		return nil, err
	}
	if err := eachLine(fsys, ExtraFile, true, g.addExtra); err != nil {
		return nil, err
	}
	for _, name := range []string{AmbiguousFile, WordsFile} {
		if err := eachLine(fsys, name, true, func(line int, f []string) error {
			k := fold.Key(f[0])
			if len(f) != 1 || k == "" {
				return &ParseError{File: name, Line: line, Err: fmt.Errorf("got %q, want one name", strings.Join(f, "\t"))}
			}
			if name == WordsFile {
				g.words[strings.ToLower(f[0])] = true
			} else {
				g.stop[k] = true
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	for _, p := range g.places {
		if p.Type == TypeCity && g.byISO[p.Country] == nil {
			return nil, fmt.Errorf("place %s: unknown country %s", p.ID, p.Country)
		}
	}
	g.index()
	return g, nil
}

// eachLine calls fn with the tab-separated fields of each data line of
// name. A missing file is an error unless optional.
func eachLine(fsys fs.FS, name string, optional bool, fn func(line int, fields []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("open gazetteer data: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || text[0] == '#' {
			continue
		}
		if err := fn(n, strings.Split(text, "\t")); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func fieldCount(file string, line int, f, cols []string) error {
	if len(f) != len(cols) {
		return &ParseError{File: file, Line: line, Err: fmt.Errorf("got %d fields, want %d (%s)", len(f), len(cols), strings.Join(cols, ", "))}
	}
	for i, v := range f {
		if strings.TrimSpace(v) != v {
			return &ParseError{File: file, Line: line, Field: cols[i], Err: errors.New("leading or trailing space")}
		}
	}
	return nil
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func flags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func checkList(file string, line int, field string, l []string) error {
	for _, a := range l {
		if fold.Key(a) == "" {
			return &ParseError{File: file, Line: line, Field: field, Err: fmt.Errorf("empty name in %q", strings.Join(l, "|"))}
		}
	}
	return nil
}

func (g *Gazetteer) register(file string, line int, p *Place) error {
	if _, dup := g.byID[p.ID]; dup {
		return &ParseError{File: file, Line: line, Field: "id", Err: fmt.Errorf("duplicate id %s", p.ID)}
	}
	g.byID[p.ID] = p
	g.places = append(g.places, p)
	return nil
}

func (g *Gazetteer) addCountry(line int, f []string) error {
	const file = CountriesFile
	if err := fieldCount(file, line, f, countryCols); err != nil {
		return err
	}
	p := &Place{ID: f[0], Type: TypeCountry, Country: f[1], Name: f[2], Kind: KindCountry, Aliases: list(f[4])}
	if !strings.HasPrefix(p.ID, "country:") || len(p.ID) == len("country:") {
		return &ParseError{File: file, Line: line, Field: "id", Err: fmt.Errorf("got %q, want country:<slug>", p.ID)}
	}
	if !isISO2(p.Country) {
		return &ParseError{File: file, Line: line, Field: "iso2", Err: fmt.Errorf("got %q, want two capital letters", p.Country)}
	}
	if fold.Key(p.Name) == "" {
		return &ParseError{File: file, Line: line, Field: "name", Err: errors.New("empty name")}
	}
	for _, fl := range flags(f[3]) {
		switch fl {
		case "citystate":
			p.CityState = true
		case "territory":
			p.Territory = true
		default:
			return &ParseError{File: file, Line: line, Field: "flags", Err: fmt.Errorf("unknown flag %q", fl)}
		}
	}
	if err := checkList(file, line, "aliases", p.Aliases); err != nil {
		return err
	}
	dems := list(f[5])
	if err := checkList(file, line, "demonyms", dems); err != nil {
		return err
	}
	if _, dup := g.byISO[p.Country]; dup {
		return &ParseError{File: file, Line: line, Field: "iso2", Err: fmt.Errorf("duplicate country %s", p.Country)}
	}
	if err := g.register(file, line, p); err != nil {
		return err
	}
	g.byISO[p.Country] = p
	g.addDemonyms(p, dems)
	return nil
}

func (g *Gazetteer) addDemonyms(p *Place, dems []string) {
	for _, d := range dems {
		g.demonyms[fold.Key(d)] = p
		g.demNames = append(g.demNames, named{d, p})
	}
}

func (g *Gazetteer) addPlace(file string, line int, f []string) error {
	if err := fieldCount(file, line, f, placeCols); err != nil {
		return err
	}
	p := &Place{ID: f[0], Type: TypeCity, Name: f[1], Country: f[2], Kind: f[3], Aliases: list(f[6])}
	if !strings.HasPrefix(p.ID, "city:") || len(p.ID) == len("city:") {
		return &ParseError{File: file, Line: line, Field: "id", Err: fmt.Errorf("got %q, want city:<slug>", p.ID)}
	}
	if fold.Key(p.Name) == "" {
		return &ParseError{File: file, Line: line, Field: "name", Err: errors.New("empty name")}
	}
	if !isISO2(p.Country) {
		return &ParseError{File: file, Line: line, Field: "country", Err: fmt.Errorf("got %q, want two capital letters", p.Country)}
	}
	if !kinds[p.Kind] {
		return &ParseError{File: file, Line: line, Field: "kind", Err: fmt.Errorf("unknown kind %q", p.Kind)}
	}
	pop, err := strconv.Atoi(f[4])
	if err != nil || pop < 0 {
		return &ParseError{File: file, Line: line, Field: "population", Err: fmt.Errorf("got %q, want a count", f[4])}
	}
	p.Population = pop
	for _, fl := range flags(f[5]) {
		if fl != "capital" {
			return &ParseError{File: file, Line: line, Field: "flags", Err: fmt.Errorf("unknown flag %q", fl)}
		}
		p.Capital = true
	}
	if err := checkList(file, line, "aliases", p.Aliases); err != nil {
		return err
	}
	return g.register(file, line, p)
}

// addExtra applies one line of extra.tsv.
func (g *Gazetteer) addExtra(line int, f []string) error {
	const file = ExtraFile
	switch f[0] {
	case "alias":
		if err := fieldCount(file, line, f, []string{"directive", "id", "aliases"}); err != nil {
			return err
		}
		p := g.byID[f[1]]
		if p == nil {
			return &ParseError{File: file, Line: line, Field: "id", Err: fmt.Errorf("unknown place %s", f[1])}
		}
		l := list(f[2])
		if err := checkList(file, line, "aliases", l); err != nil {
			return err
		}
		for _, a := range l {
			if a != p.Name && !contains(p.Aliases, a) {
				p.Aliases = append(p.Aliases, a)
			}
		}
	case "demonym":
		if err := fieldCount(file, line, f, []string{"directive", "iso2", "demonyms"}); err != nil {
			return err
		}
		p := g.byISO[f[1]]
		if p == nil {
			return &ParseError{File: file, Line: line, Field: "iso2", Err: fmt.Errorf("unknown country %q", f[1])}
		}
		l := list(f[2])
		if err := checkList(file, line, "demonyms", l); err != nil {
			return err
		}
		g.addDemonyms(p, l)
	case "successor":
		if err := fieldCount(file, line, f, []string{"directive", "id", "successor"}); err != nil {
			return err
		}
		p, succ := g.byID[f[1]], g.byID[f[2]]
		if p == nil {
			return &ParseError{File: file, Line: line, Field: "id", Err: fmt.Errorf("unknown place %s", f[1])}
		}
		if succ == nil || succ == p {
			return &ParseError{File: file, Line: line, Field: "successor", Err: fmt.Errorf("unknown or same place %s", f[2])}
		}
		p.Successor = succ.ID
	case "place":
		if err := fieldCount(file, line, f, append([]string{"directive"}, placeCols...)); err != nil {
			return err
		}
		return g.addPlace(file, line, f[1:])
	default:
		return &ParseError{File: file, Line: line, Field: "directive", Err: fmt.Errorf("got %q, want alias, demonym, successor or place", f[0])}
	}
	return nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func isISO2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}
