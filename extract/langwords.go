package extract

import (
	"fmt"
	"io/fs"
	"path"
	"sort"

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
	langs    []string         // the languages with function words, in directory order
	function map[string]uint8 // lower-cased word -> 1 + index in langs of the language it marks (quickLang)

	article, and, of, ofPlural, member, deputy map[string]bool
	complement, toPlace, inPlace               map[string]bool
	since, inYear, years, eventStop            map[string]bool
	the, ofShort, nameDet, nameArticle         map[string]bool
	hostIn, hostArticle                        map[string]bool
}

func loadWordClasses(fsys fs.FS) (*wordClasses, error) {
	w := &wordClasses{function: map[string]uint8{}}
	classes := map[string]*map[string]bool{
		"article": &w.article, "and": &w.and, "of": &w.of, "ofplural": &w.ofPlural,
		"member": &w.member, "deputy": &w.deputy, "complement": &w.complement,
		"toplace": &w.toPlace, "inplace": &w.inPlace, "since": &w.since, "inyear": &w.inYear,
		"years": &w.years, "eventstop": &w.eventStop, "the": &w.the, "ofshort": &w.ofShort,
		"namedet": &w.nameDet, "namearticle": &w.nameArticle, "hostin": &w.hostIn, "hostarticle": &w.hostArticle,
	}
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
		w.langs = append(w.langs, lang)
		li := uint8(len(w.langs))
		if err := data.ReadTSV(fsys, name, func(f []string) error {
			if len(f) != 2 {
				return fmt.Errorf("want class<TAB>word, got %d fields", len(f))
			}
			if f[0] == "function" {
				if _, dup := w.function[f[1]]; !dup { // the first language keeps a word two share
					w.function[f[1]] = li
				}
				return nil
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
		return nil, fmt.Errorf("no data/*/words.tsv")
	}
	return w, nil
}
