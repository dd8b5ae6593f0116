package numbers

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/kg-dev/kg/extract/data"
	"github.com/kg-dev/kg/extract/dates"
	"github.com/kg-dev/kg/extract/internal/scan"
)

// Words holds the number words of every language (data/LANG/numbers.tsv)
// and the date words whose numbers are no counts, loaded once. It is
// read-only and safe for concurrent use.
//
// Number words are read in the article's language (with every language's
// when it is unknown), so that French "a" (has) or "six" in English text
// keep their own reading; approximation, percent and scale words and
// ordinals are read in every language, as news text quotes across
// languages.
type Words struct {
	dates  *dates.Words
	all    *table
	byLang map[string]*table
	langs  []string

	digitScale map[string]float64 // "million", "bn": after digits
	approx     map[string]bool    // "more than", "pres de": folded, words joined by one space
	percent    map[string]bool    // "percent", "pourcent"
	percent2   map[string]string  // "per" -> "cent"
	of         map[string]bool    // "of", "de"
	ofElided   map[string]bool    // "d" (d')
	elision    map[string]string  // "d" -> "de", "qu" -> "que"
	ordinals   map[string]ordinalWord
	endings    []ordinalEnding // longest first
	stems      map[string]string
	digitSufs  map[string]digitSuffix
}

// setLens fills t.lens from t.words.
func (t *table) setLens() {
	for k := range t.words {
		if k != "" && len(k) <= maxWord {
			t.lens[k[0]] |= 1 << len(k)
		}
	}
}

// table is one language's cardinal words, or every language's.
type table struct {
	bit     uint32 // the language's bit, 0 for every language's table
	words   map[string]numEntry
	lens    [256]uint32 // bit n of lens[c]: some word of n bytes starts with c (numPartAt's filter)
	decimal string      // decimal separators: ".", ",", or both
	w       *Words
}

// ordinalWord is an irregular ordinal ("first", "premier").
type ordinalWord struct {
	cardinal string
	lang     uint32
	alone    bool // only on its own: "premier", never "vingt et premier"
	space    bool // composes after a plain space ("twenty first")
	hyphen   bool // composes only after a hyphen ("twenty-second")
}

// ordinalEnding is a regular ending ("ieth" -> "y", "ième" -> "" or "e").
type ordinalEnding struct {
	suffix       string
	replacements []string
	lang         uint32
	tens         bool // the cardinal must be a tens word
	notTens      bool // the cardinal must not be one
	space        bool
}

// digitSuffix says which numbers a suffix glued to digits makes ordinals.
type digitSuffix struct {
	rule  string // any, one, two, last1, last2, last3, other
	roman bool   // also after a Roman numeral
}

var kinds = map[string]numKind{
	"unit": numUnit, "teen": numTeen, "dix": numDix, "tens": numTens, "hundred": numHundred,
	"scale": numScale, "collective": numColl, "article": numArticle, "determiner": numDet, "and": numAnd,
}

var flags = map[string]uint8{
	"vingt": numFlagVingt, "one": numFlagUn, "onze": numFlagOnze, "exact": numFlagExact,
	"needs-multiplier": numFlagNeedMul, "before-scale": numFlagBeforeScale,
	"joins-hundreds": numFlagJoinsHundreds, "starter": numFlagStarter,
}

var (
	defaultOnce  sync.Once
	defaultWords *Words
	defaultErr   error
)

// Default returns the words of the embedded data (extract/data), loaded
// once per process.
func Default() (*Words, error) {
	defaultOnce.Do(func() {
		d, err := dates.Default()
		if err != nil {
			defaultErr = err
			return
		}
		defaultWords, defaultErr = Load(data.FS, d)
	})
	return defaultWords, defaultErr
}

// MustDefault is Default for callers that cannot go on without the
// embedded data.
func MustDefault() *Words {
	w, err := Default()
	if err != nil {
		panic(err)
	}
	return w
}

// Load reads LANG/numbers.tsv for every directory LANG of fsys. Numbers
// inside what d reads as dates are no counts.
func Load(fsys fs.FS, d *dates.Words) (*Words, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("listing languages: %w", err)
	}
	w := &Words{
		dates: d, byLang: map[string]*table{},
		digitScale: map[string]float64{}, approx: map[string]bool{}, percent: map[string]bool{},
		percent2: map[string]string{}, of: map[string]bool{}, ofElided: map[string]bool{},
		elision: map[string]string{}, ordinals: map[string]ordinalWord{}, stems: map[string]string{},
		digitSufs: map[string]digitSuffix{},
	}
	w.all = &table{words: map[string]numEntry{}, w: w}
	var phrases []string // approximation phrases, folded after every elision is known
	for _, dir := range dirs {
		name := dir.Name() + "/numbers.tsv"
		if !dir.IsDir() {
			continue
		}
		if _, err := fs.Stat(fsys, name); err != nil {
			continue
		}
		if len(w.langs) == 32 {
			return nil, fmt.Errorf("more than 32 languages")
		}
		bit := uint32(1) << len(w.langs)
		t := &table{bit: bit, words: map[string]numEntry{}, w: w}
		if err := w.read(fsys, name, bit, t, &phrases); err != nil {
			return nil, err
		}
		w.byLang[dir.Name()] = t
		w.langs = append(w.langs, dir.Name())
	}
	if len(w.langs) == 0 {
		return nil, fmt.Errorf("no LANG/numbers.tsv found")
	}
	sort.Strings(w.langs)
	for _, l := range w.langs {
		t := w.byLang[l]
		for k, e := range t.words {
			if p, ok := w.all.words[k]; ok {
				e.langs |= p.langs
			}
			w.all.words[k] = e
		}
		for _, c := range t.decimal {
			if !strings.ContainsRune(w.all.decimal, c) {
				w.all.decimal += string(c)
			}
		}
	}
	for _, p := range phrases {
		w.approx[w.foldPhrase(p)] = true
	}
	sort.SliceStable(w.endings, func(i, j int) bool { return len(w.endings[i].suffix) > len(w.endings[j].suffix) })
	w.all.setLens()
	for _, t := range w.byLang {
		t.setLens()
	}
	return w, nil
}

// foldPhrase folds an approximation phrase as numModifierBefore reads the
// text: words joined by one space, hyphens read as spaces, an elided word
// replaced by the word it stands for.
func (w *Words) foldPhrase(p string) string {
	f := scan.Fold(p)
	var out []string
	for _, part := range strings.Fields(strings.ReplaceAll(f, "-", " ")) {
		for {
			k := strings.IndexByte(part, '\'')
			if k < 0 {
				break
			}
			el := part[:k]
			if full, ok := w.elision[el]; ok {
				el = full
			}
			out = append(out, el)
			part = part[k+1:]
		}
		if part != "" {
			out = append(out, part)
		}
	}
	return strings.Join(out, " ")
}

func (w *Words) read(fsys fs.FS, name string, bit uint32, t *table, phrases *[]string) error {
	return data.ReadTSV(fsys, name, func(f []string) error { return w.readLine(f, bit, t, phrases) })
}

func (w *Words) readLine(f []string, bit uint32, t *table, phrases *[]string) error {
	if len(f) < 2 {
		return fmt.Errorf("want word<TAB>kind, got %q", strings.Join(f, "\t"))
	}
	raw, kind := f[0], f[1]
	value := ""
	if len(f) > 2 {
		value = f[2]
	}
	var fl []string
	if len(f) > 3 {
		fl = strings.Fields(f[3])
	}
	word := scan.Fold(raw)
	if word == "" && kind != "digit-suffix" {
		return fmt.Errorf("word %q cannot be folded", raw)
	}
	has := func(name string) bool {
		for _, x := range fl {
			if x == name {
				return true
			}
		}
		return false
	}
	num := func() (float64, error) {
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return 0, fmt.Errorf("%s %q: bad value %q", kind, raw, value)
		}
		return v, nil
	}
	switch kind {
	case "digit-scale":
		v, err := num()
		if err != nil {
			return err
		}
		w.digitScale[word] = v
	case "approx":
		*phrases = append(*phrases, raw)
	case "percent":
		if a, b, two := strings.Cut(word, " "); two {
			w.percent2[a] = b
		} else {
			w.percent[word] = true
		}
	case "of":
		if el, ok := strings.CutSuffix(word, "'"); ok {
			w.ofElided[el] = true
		} else {
			w.of[word] = true
		}
	case "elision":
		el, ok := strings.CutSuffix(word, "'")
		if !ok || value == "" {
			return fmt.Errorf("elision %q: want the elided form with its apostrophe and the full word", raw)
		}
		w.elision[el] = scan.Fold(value)
	case "decimal":
		if raw != "." && raw != "," {
			return fmt.Errorf("decimal separator %q: want . or ,", raw)
		}
		t.decimal += raw
	case "ordinal":
		w.ordinals[word] = ordinalWord{cardinal: scan.Fold(value), lang: bit, alone: has("alone"), space: has("space"), hyphen: has("hyphen-only")}
	case "ordinal-ending":
		e := ordinalEnding{suffix: word, lang: bit, tens: has("tens"), notTens: has("not-tens"), space: has("space")}
		for _, r := range strings.Split(value, "|") {
			if r == "-" {
				r = ""
			}
			e.replacements = append(e.replacements, scan.Fold(r))
		}
		w.endings = append(w.endings, e)
	case "ordinal-stem":
		w.stems[word] = scan.Fold(value)
	case "digit-suffix":
		switch value {
		case "any", "one", "two", "last1", "last2", "last3", "other":
		default:
			return fmt.Errorf("digit-suffix %q: unknown rule %q", raw, value)
		}
		w.digitSufs[raw] = digitSuffix{rule: value, roman: has("roman")}
	default:
		k, ok := kinds[kind]
		if !ok {
			return fmt.Errorf("unknown kind %q", kind)
		}
		if len(word) > maxWord {
			return fmt.Errorf("word %q longer than %d bytes", raw, maxWord)
		}
		v, err := num()
		if err != nil {
			return err
		}
		e := numEntry{kind: k, val: v, langs: bit}
		for _, x := range fl {
			if x == "plural" {
				e.pl = true
				continue
			}
			b, ok := flags[x]
			if !ok {
				return fmt.Errorf("unknown flag %q", x)
			}
			e.flag |= b
		}
		t.words[word] = e
	}
	return nil
}

// table returns the cardinal words for lang.
func (w *Words) table(lang string) *table {
	if t, ok := w.byLang[lang]; ok {
		return t
	}
	return w.all
}

// maxWord is the longest cardinal word looked up.
const maxWord = 16
