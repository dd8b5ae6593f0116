package extract

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/kg-dev/kg/extract/data"
	"github.com/kg-dev/kg/extract/fold"
)

// wordClasses are the closed-class words (articles, prepositions,
// conjunctions) the stages test tokens against, read from
// data/LANG/words.tsv for every language directory: adding a language adds
// its words to every class. Each class is the union over the languages,
// since an article may quote another language's names ("la Mairie de
// Paris" in an English article).
type wordClasses struct {
	langs       []string         // the languages with function words, in directory order
	function    map[string]uint8 // lower-cased word -> 1 + index in langs of the language it marks (quickLang)
	functionLen int              // the length in bytes of the longest key of function
	functionIDs shortIDs         // function's keys of at most 8 bytes, read without hashing a string

	article, and, of, ofPlural, member, deputy map[string]bool
	complement, toPlace, inPlace               map[string]bool
	since, inYear, years, eventStop            map[string]bool
	the, ofShort, nameDet, nameArticle         map[string]bool
	hostIn, hostArticle                        map[string]bool
	possessive, nameInto, capLocative, auxVerb map[string]bool
	venueOf, unitOf, shortKnown, toPlaceOf     map[string]bool
	itsDet, contractLe, contractLes            map[string]bool

	auxVerbIn map[string]map[string]bool // language -> its auxverb words (a word of another class elsewhere)
	stopIn    map[string]map[string]bool // language -> folded keys of its function and stop words (isStop)

	// prefixes of folded words, in sorted order: levelPrefix the words that
	// name a local body's level ("municipal", "provincial"), provincePrefix
	// the province's level, anniversaryPrefix "anniversary"/"anniversaire"
	levelPrefix, provincePrefix, anniversaryPrefix []string
	// captions: the words of a photo credit ("Photo", "Ảnh") as written;
	// caption: their folded keys
	captions []string
	caption  map[string]bool
	// captionTab is caption, contractTab contractLe and contractLes (as
	// the bits contractLe, contractLes), read without hashing a string
	captionTab, contractTab keyTable

	// abbrev: the lower-cased abbreviations after which a period does
	// not end a sentence, of every language (data/LANG/abbreviations.tsv)
	abbrev map[string]bool
}

// hasPrefix reports whether key starts with one of prefixes.
func hasPrefix(key string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// isStop reports whether the folded key is a function or stop word of
// lang (data/LANG/words.tsv, classes function and stop): "un" in French,
// "who" in English.
func (w *wordClasses) isStop(lang, key string) bool { return w.stopIn[lang][key] }

// endsPossessive reports whether key ends with a possessive word written
// without its apostrophe ("mayors" in "Mayors' Forum").
func (w *wordClasses) endsPossessive(key string) bool {
	for p := range w.possessive {
		if strings.HasSuffix(key, p) {
			return true
		}
	}
	return false
}

func loadWordClasses(fsys fs.FS) (*wordClasses, error) {
	w := &wordClasses{function: map[string]uint8{}}
	classes := map[string]*map[string]bool{
		"article": &w.article, "and": &w.and, "of": &w.of, "ofplural": &w.ofPlural,
		"member": &w.member, "deputy": &w.deputy, "complement": &w.complement,
		"toplace": &w.toPlace, "inplace": &w.inPlace, "since": &w.since, "inyear": &w.inYear,
		"years": &w.years, "eventstop": &w.eventStop, "the": &w.the, "ofshort": &w.ofShort,
		"namedet": &w.nameDet, "namearticle": &w.nameArticle, "hostin": &w.hostIn, "hostarticle": &w.hostArticle,
		"possessive": &w.possessive, "nameinto": &w.nameInto, "caplocative": &w.capLocative, "auxverb": &w.auxVerb,
		"venueof": &w.venueOf, "unitof": &w.unitOf, "shortknown": &w.shortKnown, "toplaceof": &w.toPlaceOf,
		"caption": &w.caption, "itsdet": &w.itsDet, "contractle": &w.contractLe, "contractles": &w.contractLes,
	}
	prefixes := map[string]*[]string{
		"levelprefix": &w.levelPrefix, "provinceprefix": &w.provincePrefix, "anniversaryprefix": &w.anniversaryPrefix,
	}
	w.auxVerbIn = map[string]map[string]bool{}
	w.stopIn = map[string]map[string]bool{}
	for _, m := range classes {
		*m = map[string]bool{}
	}
	files, err := fs.Glob(fsys, "data/*/words.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, name := range files {
		lang := path.Base(path.Dir(name))
		li := uint8(0) // set at the language's first function word
		if err := data.ReadTSV(fsys, name, func(f []string) error {
			if len(f) != 2 {
				return fmt.Errorf("want class<TAB>word, got %d fields", len(f))
			}
			if f[0] == "function" || f[0] == "stop" {
				if w.stopIn[lang] == nil {
					w.stopIn[lang] = map[string]bool{}
				}
				w.stopIn[lang][fold.Key(f[1])] = true
			}
			if f[0] == "stop" {
				return nil
			}
			if f[0] == "function" {
				if li == 0 {
					w.langs = append(w.langs, lang)
					li = uint8(len(w.langs))
				}
				if _, dup := w.function[f[1]]; !dup { // the first language keeps a word two share
					w.function[f[1]] = li
					w.functionLen = max(w.functionLen, len(f[1]))
				}
				return nil
			}
			if p := prefixes[f[0]]; p != nil {
				*p = append(*p, fold.Key(f[1]))
				return nil
			}
			switch f[0] {
			case "caption":
				w.captions = append(w.captions, f[1])
			case "auxverb":
				if w.auxVerbIn[lang] == nil {
					w.auxVerbIn[lang] = map[string]bool{}
				}
				w.auxVerbIn[lang][fold.Key(f[1])] = true
			}
			m := classes[f[0]]
			if m == nil {
				return fmt.Errorf("unknown class %q", f[0])
			}
			(*m)[fold.Key(f[1])] = true
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if len(w.langs) == 0 {
		return nil, fmt.Errorf("no function words in data/*/words.tsv")
	}
	if w.abbrev, err = loadAbbreviations(fsys); err != nil {
		return nil, err
	}
	for _, p := range prefixes {
		sort.Strings(*p)
	}
	sort.Strings(w.captions)
	ids := make(map[string]int32, len(w.function))
	for k, l := range w.function {
		ids[k] = int32(l)
	}
	w.functionIDs = newShortIDs(ids)
	w.captionTab = newKeySet(w.caption)
	contract := map[string]int32{}
	for k := range w.contractLe {
		contract[k] |= contractLe
	}
	for k := range w.contractLes {
		contract[k] |= contractLes
	}
	w.contractTab = newKeyTable(contract)
	return w, nil
}

// functionLang returns 1 + the index in langs of the language the
// lower-cased word marks, 0 if it is no function word.
func (w *wordClasses) functionLang(word []byte) uint8 {
	if len(word) <= 8 {
		return uint8(w.functionIDs.getPacked(pack8b(word)))
	}
	return w.function[string(word)]
}

// loadAbbreviations reads data/LANG/abbreviations.tsv of every language:
// one abbreviation a line, kept lower-cased.
func loadAbbreviations(fsys fs.FS) (map[string]bool, error) {
	files, err := fs.Glob(fsys, "data/*/abbreviations.tsv")
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, name := range files {
		if err := data.ReadTSV(fsys, name, func(f []string) error {
			if len(f) != 1 || f[0] == "" {
				return fmt.Errorf("want one abbreviation, got %q", strings.Join(f, "\t"))
			}
			out[strings.ToLower(f[0])] = true
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// The bits of wordClasses.contractTab.
const (
	contractLe  int32 = 1 << iota // "au": à + le
	contractLes                   // "aux": à + les
)
