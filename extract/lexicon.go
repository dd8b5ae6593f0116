package extract

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/kg-dev/kg/extract/data"
)

//go:embed data/*.tsv data/*.txt data/*/*.tsv
var dataFS embed.FS

// lexicon holds the cue lists and small gazetteers of people, bodies and
// events, loaded from data files (see data/).
type lexicon struct {
	titles      *keyMatcher[titleCue]
	orgs        *keyMatcher[*orgEntry]
	surnamesVI  map[string]bool
	surnamesEtc map[string]bool
	given       map[string]bool
	cues        map[string]*keyMatcher[string] // category -> phrases (payload: the phrase's value)
	cueIdx      *cueIndex                      // the same phrases, all categories in one walk
	cueByCat    []*keyMatcher[string]          // cues by cueIdx's category index (cue)
	cueCat      [numCueCats]int                // cueIdx's category index of each cueCat
	eventHeads  *keyMatcher[string]
	topics      map[string]string
	units       *keyMatcher[string]
	counts      *countWords
	prefixes    map[string]string // "franco" -> "FR"
	shows       map[string]bool   // event types whose speakers are not participants (events.tsv "show")
	refHeads    map[string]bool   // generic event nouns that only refer ("the event", "la manifestation")
	venuePreps  map[string]bool   // cues.tsv venue: "in", "à", "dans"
	placeKinds  map[string]bool   // cues.tsv placekind: "city", "province", "ville"
	listWords   map[string]bool   // cues.tsv listword: "and", "et", "par"
	definites   map[string]bool   // cues.tsv definite: "the", "cette", "ces"
	indefinites map[string]bool   // cues.tsv indefinite: "a", "une"
	determiners map[string]bool   // cues.tsv determiner: other determiners ("its", "sa", "du")
	eventPreps  map[string]bool   // cues.tsv eventprep: prepositions inside event names ("of", "de", "entre")
	sessions    map[string]bool   // cues.tsv session: "the 11th session of the Joint Commission"
	yearWords   map[string]bool   // cues.tsv years: "20 years of", "20 ans de"
	offices     map[string]bool   // cues.tsv office: "member", "membre" (of a body, in a title)
	including   map[string]bool   // cues.tsv including: "including", "notamment"
	seats       map[string]bool   // cues.tsv seat: "capital", "capitale" ("Pakse, the capital of Champasak")
	delegations map[string]bool   // cues.tsv delegation: "delegation", "délégation"
	pairPreps   map[string]string // cues.tsv pairprep: "entre" -> between, "avec" -> with, "et" -> and
	kindRank    map[string]int    // partnership kind -> rank, most specific first (cues.tsv kind order)
	nonName     map[string]string // word key -> stop, thing or suffix (data/nonname.tsv)
	nonNameTab  keyTable          // the same, as the index of the class in nonNameClasses + 1
	orgWords    *keyMatcher[orgWord]
	placeDescr  map[string]bool   // "province", "northern": words before a place's name (data/placedescr.tsv)
	placeKindOf map[string]string // "région" -> "region": the kind of place such a noun names alone
	connectors  map[string]bool   // data/namewords.tsv: words joining a name's words, both languages
	enJoiners   map[string]bool   // ... of an English body's name
	frPreps     map[string]bool   // ... introducing a French body name's complement
	modifiers   map[string]bool   // ... the level of a local body ("municipal")
	frAdjEnds   []string          // ... endings of French adjectives (as written, with accents)
	particles   map[string]bool   // ... particles inside a surname after a given name ("Jean-Yves Le Drian")
	// roleWords are the word keys of titles, organisation heads, event
	// heads and topics: a capitalised run made only of these (and nonName
	// words) is not a person's name ("Secretary General").
	roleWords map[string]bool
}

// orgWord is a head noun of organisation names (data/orgwords.tsv).
type orgWord struct {
	kind             string
	in, lower, alone bool
}

type titleCue struct {
	surface, role, scope string
}

type orgEntry struct {
	name, kind, country string
	aliases             []string
	needsCountry        bool
}

// readLines calls fn with the fields of every non-comment line of a
// tab-separated data file.
func readLines(fsys fs.FS, name string, fn func(fields []string) error) error {
	return data.ReadTSV(fsys, name, fn)
}

func loadLexicon(fsys fs.FS) (*lexicon, error) {
	lx := &lexicon{
		titles:      newKeyMatcher[titleCue](),
		orgs:        newKeyMatcher[*orgEntry](),
		surnamesVI:  map[string]bool{},
		surnamesEtc: map[string]bool{},
		given:       map[string]bool{},
		cues:        map[string]*keyMatcher[string]{},
		cueIdx:      newCueIndex(),
		eventHeads:  newKeyMatcher[string](),
		topics:      map[string]string{},
		units:       newKeyMatcher[string](),
		prefixes:    map[string]string{},
		shows:       map[string]bool{},
		refHeads:    map[string]bool{},
		pairPreps:   map[string]string{},
		kindRank:    map[string]int{},
		nonName:     map[string]string{},
		orgWords:    newKeyMatcher[orgWord](),
		roleWords:   map[string]bool{},
		placeDescr:  map[string]bool{},
		placeKindOf: map[string]string{},
		connectors:  map[string]bool{},
		enJoiners:   map[string]bool{},
		frPreps:     map[string]bool{},
		modifiers:   map[string]bool{},
	}
	words := lx.addRoleWords
	need := func(f []string, n int) error {
		if len(f) < n {
			return fmt.Errorf("want %d tab-separated fields, got %d", n, len(f))
		}
		return nil
	}
	steps := []struct {
		file string
		fn   func([]string) error
	}{
		{"data/titles.tsv", func(f []string) error {
			if err := need(f, 3); err != nil {
				return err
			}
			lx.titles.add(f[0], titleCue{f[0], f[1], f[2]})
			if f[2] != "honorific" {
				words(f[0])
			}
			return nil
		}},
		{"data/orgs.tsv", func(f []string) error {
			if err := need(f, 3); err != nil {
				return err
			}
			e := &orgEntry{name: f[0], kind: strings.TrimSuffix(f[1], "?"), country: f[2], needsCountry: strings.HasSuffix(f[1], "?")}
			if len(f) > 3 && f[3] != "" {
				e.aliases = strings.Split(f[3], "|")
			}
			lx.orgs.add(e.name, e)
			for _, a := range e.aliases {
				lx.orgs.add(a, e)
			}
			return nil
		}},
		{"data/surnames_vi.txt", func(f []string) error { lx.surnamesVI[phraseKey(f[0])] = true; return nil }},
		{"data/surnames_other.txt", func(f []string) error { lx.surnamesEtc[phraseKey(f[0])] = true; return nil }},
		{"data/given_names.txt", func(f []string) error { lx.given[phraseKey(f[0])] = true; return nil }},
		{"data/cues.tsv", func(f []string) error {
			if err := need(f, 2); err != nil {
				return err
			}
			m := lx.cues[f[0]]
			if m == nil {
				m = newKeyMatcher[string]()
				lx.cues[f[0]] = m
			}
			v := f[1]
			if len(f) > 2 {
				v = f[2]
			}
			m.add(f[1], v)
			lx.cueIdx.add(f[0], f[1], v)
			if set := lx.wordSet(f[0]); set != nil {
				set[phraseKey(f[1])] = true
			}
			switch f[0] {
			case "pairprep":
				lx.pairPreps[phraseKey(f[1])] = v
			case "kind":
				if _, ok := lx.kindRank[v]; !ok {
					lx.kindRank[v] = len(lx.kindRank)
				}
			}
			return nil
		}},
		{"data/events.tsv", func(f []string) error {
			if err := need(f, 2); err != nil {
				return err
			}
			lx.eventHeads.add(f[0], f[1])
			if len(f) > 2 {
				switch f[2] {
				case "show":
					lx.shows[f[1]] = true
				case "ref":
					lx.refHeads[f[1]] = true
				default:
					return fmt.Errorf("unknown event flag %q", f[2])
				}
			}
			words(f[0])
			return nil
		}},
		{"data/topics.tsv", func(f []string) error {
			if err := need(f, 2); err != nil {
				return err
			}
			lx.topics[phraseKey(f[0])] = f[1]
			words(f[0])
			return nil
		}},
		{"data/demonym_prefixes.tsv", func(f []string) error {
			if err := need(f, 2); err != nil {
				return err
			}
			lx.prefixes[phraseKey(f[0])] = f[1]
			return nil
		}},
		{"data/nonname.tsv", func(f []string) error {
			if err := need(f, 2); err != nil {
				return err
			}
			switch f[1] {
			case "stop", "thing", "suffix", "verb", "pre":
			default:
				return fmt.Errorf("unknown class %q", f[1])
			}
			lx.nonName[phraseKey(f[0])] = f[1]
			return nil
		}},
		{"data/namewords.tsv", func(f []string) error {
			if err := need(f, 2); err != nil {
				return err
			}
			k := phraseKey(f[0])
			switch f[1] {
			case "connector":
				lx.connectors[k] = true
			case "en-joiner":
				lx.enJoiners[k] = true
			case "fr-prep":
				lx.frPreps[k] = true
			case "modifier":
				lx.modifiers[k] = true
			case "particle":
				if lx.particles == nil {
					lx.particles = map[string]bool{}
				}
				lx.particles[k] = true
			case "fr-adj-end":
				lx.frAdjEnds = append(lx.frAdjEnds, f[0])
			default:
				return fmt.Errorf("unknown class %q", f[1])
			}
			return nil
		}},
		{"data/placedescr.tsv", func(f []string) error {
			lx.placeDescr[phraseKey(f[0])] = true
			if len(f) > 1 && f[1] != "" {
				lx.placeKindOf[phraseKey(f[0])] = f[1]
			}
			return nil
		}},
		{"data/orgwords.tsv", func(f []string) error {
			if err := need(f, 2); err != nil {
				return err
			}
			w := orgWord{kind: f[1]}
			if len(f) > 2 {
				for _, fl := range strings.Split(f[2], ",") {
					switch strings.TrimSpace(fl) {
					case "in":
						w.in = true
					case "lower":
						w.lower = true
					case "alone":
						w.alone = true
					case "":
					default:
						return fmt.Errorf("unknown flag %q", fl)
					}
				}
			}
			lx.orgWords.add(f[0], w)
			words(f[0])
			return nil
		}},
	}
	for _, s := range steps {
		if err := readLines(fsys, s.file, s.fn); err != nil {
			return nil, err
		}
	}
	var err error
	if lx.units, lx.counts, err = loadCountWords(fsys); err != nil {
		return nil, err
	}
	for _, c := range []string{"partner", "kind", "met", "held", "host", "hostedby", "participate", "represent", "gather", "teaser", "caption", "notperson-before", "notperson-after", "twocities", "twocountries", "capital", "speak", "venue", "placekind", "listword", "definite", "indefinite", "determiner", "eventprep", "session", "years", "tie", "planned", "ongoing", "pairprep", "delegation", "ledby", "including", "seat", "office"} {
		if lx.cues[c] == nil {
			lx.cues[c] = newKeyMatcher[string]()
		}
		lx.cueIdx.category(c)
	}
	for c, name := range cueCatNames {
		if lx.cues[name] == nil {
			lx.cues[name] = newKeyMatcher[string]()
		}
		lx.cueCat[c] = lx.cueIdx.category(name)
	}
	lx.cueIdx.finish()
	codes := map[string]int32{}
	for k, c := range lx.nonName {
		codes[k] = nonNameCode(c)
	}
	lx.nonNameTab = newKeyTable(codes)
	lx.cueByCat = make([]*keyMatcher[string], len(lx.cueIdx.cats))
	for c, k := range lx.cueIdx.cats {
		lx.cueByCat[k] = lx.cues[c]
	}
	return lx, nil
}

// wordSet returns the set of single words a cue category fills, or nil
// for categories matched as phrases.
func (lx *lexicon) wordSet(cat string) map[string]bool {
	var set *map[string]bool
	switch cat {
	case "venue":
		set = &lx.venuePreps
	case "placekind":
		set = &lx.placeKinds
	case "listword":
		set = &lx.listWords
	case "definite":
		set = &lx.definites
	case "indefinite":
		set = &lx.indefinites
	case "determiner":
		set = &lx.determiners
	case "eventprep":
		set = &lx.eventPreps
	case "session":
		set = &lx.sessions
	case "years":
		set = &lx.yearWords
	case "delegation":
		set = &lx.delegations
	case "including":
		set = &lx.including
	case "seat":
		set = &lx.seats
	case "office":
		set = &lx.offices
	default:
		return nil
	}
	if *set == nil {
		*set = map[string]bool{}
	}
	return *set
}

// addRoleWords adds the words of a title, head or topic phrase to roleWords.
func (lx *lexicon) addRoleWords(phrase string) {
	for _, t := range tokenize(phrase, 0, len(phrase), 0, nil) {
		if t.word && !t.num {
			lx.roleWords[t.key] = true
		}
	}
}

// mayCue reports whether a cue of the category may start at the token
// (false for most tokens): loops over a sentence's tokens ask it, inlined,
// before they call cue.
func (lx *lexicon) mayCue(cat cueCat, t *token) bool {
	return t.word && t.mayStart(lx.cueByCat[lx.cueCat[cat]].bit)
}

// cue reports the end of the longest cue of a category starting at toks[i].
func (lx *lexicon) cue(cat cueCat, toks []token, i int) (int, string) {
	m := lx.cueByCat[lx.cueCat[cat]]
	if i >= len(toks) || !toks[i].word || !toks[i].mayStart(m.bit) {
		return i, "" // as longest, without the call
	}
	j, v := m.longest(toks, i)
	if v == nil {
		return i, ""
	}
	return j, v[0]
}

// The classes of data/nonname.tsv as numbers (lexicon.nonNameTab).
const (
	nonNameStop int32 = 1 + iota
	nonNameThing
	nonNameSuffix
	nonNameVerb
	nonNamePre
)

// nonNameCode is the number of a class of data/nonname.tsv.
func nonNameCode(class string) int32 {
	switch class {
	case "stop":
		return nonNameStop
	case "thing":
		return nonNameThing
	case "suffix":
		return nonNameSuffix
	case "verb":
		return nonNameVerb
	case "pre":
		return nonNamePre
	}
	panic("extract: unknown class " + class + " in data/nonname.tsv")
}
