package extract

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/dates"
	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/extract/gazetteer"
	"github.com/kg-dev/kg/extract/numbers"
)

// Extractor extracts entities, relations and quantities from documents. It
// holds the gazetteers, cue lists and models, loaded once; it is safe for
// concurrent use by several goroutines.
type Extractor struct {
	gaz      *gazetteer.Gazetteer
	lx       *lexicon
	places   *keyMatcher[placeAlias]
	demonyms *keyMatcher[*gazetteer.Place]
	pw       *placeWords
	orgHeads *keyMatcher[string]
	ner      nerSignal
	words    *wordClasses                  // data/LANG/words.tsv
	vocab    *vocab                        // the keys the matchers know, numbered (vocab.go)
	listSets [numWordLists]map[string]bool // the word lists read by token (wordlists.go)
	dates    *dates.Words                  // data/LANG/dates.tsv
	numbers  *numbers.Words                // data/LANG/numbers.tsv
	// fingerprint identifies the code and data this extractor extracts
	// with (Fingerprint).
	fingerprint string
}

type placeAlias struct {
	p         *gazetteer.Place
	surface   string
	ambiguous bool // the surface needs context (gazetteer.AmbiguousName), computed once
}

// Option configures an Extractor.
type Option func(*config)

type config struct {
	data fs.FS
	gaz  *gazetteer.Gazetteer
	ner  bool
}

func newConfig(opts []Option) config {
	c := config{data: dataFS, ner: true}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithData replaces the embedded cue lists (data/*.tsv, data/*.txt) with
// those of fsys, for tests; the extractor's Fingerprint is then that of
// fsys.
func WithData(fsys fs.FS) Option { return func(c *config) { c.data = fsys } }

// WithGazetteer replaces the embedded gazetteer.
func WithGazetteer(g *gazetteer.Gazetteer) Option { return func(c *config) { c.gaz = g } }

// WithNER turns prose's English NER signal on or off (default on): it
// proposes person names that no cue or name list found.
func WithNER(on bool) Option { return func(c *config) { c.ner = on } }

var (
	defaultOnce sync.Once
	defaultX    *Extractor
	defaultErr  error
)

// Default returns an Extractor with the embedded data, built once per
// process.
func Default() (*Extractor, error) {
	defaultOnce.Do(func() { defaultX, defaultErr = New() })
	return defaultX, defaultErr
}

// New builds an Extractor, loading its data once.
func New(opts ...Option) (*Extractor, error) {
	c := newConfig(opts)
	lx, err := loadLexicon(c.data)
	if err != nil {
		return nil, fmt.Errorf("loading cue lists: %w", err)
	}
	g := c.gaz
	if g == nil {
		if g, err = gazetteer.Default(); err != nil {
			return nil, fmt.Errorf("loading gazetteer: %w", err)
		}
	}
	x := &Extractor{gaz: g, lx: lx, places: newKeyMatcher[placeAlias](), demonyms: newKeyMatcher[*gazetteer.Place](), orgHeads: newKeyMatcher[string]()}
	if x.fingerprint, err = extractorFingerprint(c); err != nil {
		return nil, err
	}
	if x.words, err = loadWordClasses(c.data); err != nil {
		return nil, fmt.Errorf("loading function words: %w", err)
	}
	if len(x.words.langs) > maxLangs {
		return nil, fmt.Errorf("function words of %d languages, at most %d", len(x.words.langs), maxLangs)
	}
	if x.dates, err = dates.Default(); err != nil {
		return nil, fmt.Errorf("loading date words: %w", err)
	}
	if x.numbers, err = numbers.Default(); err != nil {
		return nil, fmt.Errorf("loading number words: %w", err)
	}
	g.Names(func(surface string, p *gazetteer.Place) {
		x.places.add(surface, placeAlias{p, surface, p.Ambiguous || g.AmbiguousName(surface, p)})
	})
	sortPlaceCandidates(x.places)
	if x.pw, err = loadPlaceWords(c.data, g); err != nil {
		return nil, err
	}
	g.DemonymNames(func(surface string, p *gazetteer.Place) { x.demonyms.add(surface, p) })
	if err := readLines(c.data, "data/orgheads.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		x.orgHeads.add(f[0], f[1])
		lx.addRoleWords(f[0])
		return nil
	}); err != nil {
		return nil, err
	}
	if c.ner {
		x.ner = newProseNER()
	}
	ms := []startIndexed{x.places, x.demonyms, x.pw.units, x.orgHeads, lx.titles, lx.orgs, lx.eventHeads, lx.units, lx.cueIdx, lx.orgWords}
	cats := make([]string, 0, len(lx.cues))
	for c := range lx.cues {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		ms = append(ms, lx.cues[c])
	}
	x.listSets = x.wordListSets()
	x.vocab = newVocab(ms, x.listSets[:])
	return x, nil
}

// knownWord reports whether a word key is one the extractor knows by
// itself: part of a title, head, cue, topic or stop list, a place, or a
// family or given name. Words of two letters or fewer do not count.
func (x *Extractor) knownWord(key string) bool {
	if len(key) < 3 {
		return x.words.shortKnown[key]
	}
	lx := x.lx
	return lx.roleWords[key] || lx.nonName[key] != "" || lx.surnamesVI[key] || lx.surnamesEtc[key] || lx.given[key] || x.places.full[key] != nil || x.vocab.known(key)
}

// Extract extracts one document. Ids in the result are global.
//
// A body longer than maxSegment (a report pasted as one record, a saved
// page with its comments) is extracted in segments of about that size cut
// at line ends, and their results are merged as one article's: the cost
// stays linear in the length and memory bounded by the segment, at the
// price of resolving partial names and references within a segment only.
func (x *Extractor) Extract(doc Document) DocResult {
	return x.extractSegments(doc, maxSegment)
}

func (x *Extractor) extractSegments(doc Document, maxSeg int) DocResult {
	bufs := docPool.Get().(*docBufs)
	defer bufs.release()
	p := prepare(x, doc, bufs)
	segs := segments(p.text, p.bodyStart, p.bodyEnd, maxSeg)
	if len(segs) == 1 {
		return runStages(p, p.bodyStart, p.bodyEnd).result()
	}
	var acc segmentResult
	for _, sg := range segs {
		acc.add(runStages(p, sg[0], sg[1]).result())
	}
	return acc.res
}

// segmentResult folds the results of an article's segments into one
// DocResult as they come, so that only one segment's working state and
// the article's facts are in memory at once: an entity seen in several
// segments is one entity with all its mentions and names (its first
// segment's name and, for each property, its first value), relations and
// quantities are kept as found, as in an article extracted whole (Merge
// joins their repeats across articles).
type segmentResult struct {
	res   DocResult
	ent   map[string]int             // entity id -> index in res.Entities
	names map[string]map[string]bool // entity id -> its names
}

func (a *segmentResult) add(r DocResult) {
	if a.ent == nil {
		a.res.Doc = r.Doc
		a.ent, a.names = map[string]int{}, map[string]map[string]bool{}
	}
	for _, e := range r.Entities {
		k, ok := a.ent[e.ID]
		if !ok {
			a.ent[e.ID] = len(a.res.Entities)
			a.names[e.ID] = map[string]bool{e.Name: true}
			for _, n := range e.Aliases {
				a.names[e.ID][n] = true
			}
			a.res.Entities = append(a.res.Entities, e)
			continue
		}
		cur := &a.res.Entities[k]
		cur.Mentions = append(cur.Mentions, e.Mentions...)
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if !a.names[e.ID][n] {
				a.names[e.ID][n] = true
				if n != cur.Name {
					cur.Aliases = append(cur.Aliases, n)
				}
			}
		}
		for p, v := range e.Props {
			cur.Props[p] = mergeProp(p, cur.Props[p], v)
		}
	}
	a.res.Relations = append(a.res.Relations, r.Relations...)
	a.res.Quantities = append(a.res.Quantities, r.Quantities...)
}

// run runs every stage of the extraction of doc in one piece and returns
// the last stage's output, for tests that look inside it.
func (x *Extractor) run(doc Document, bufs *docBufs) *related {
	p := prepare(x, doc, bufs)
	return runStages(p, p.bodyStart, p.bodyEnd)
}

// maxSegment is the longest body extracted in one piece, in bytes: far
// longer than any news article.
const maxSegment = 1 << 18

// segments cuts text[start:end] into pieces of at most about max bytes,
// each ending at a line end where the text has one in the second half of
// the piece, else at white space, else at a rune boundary.
func segments(text string, start, end, max int) [][2]int {
	var out [][2]int
	for end-start > max {
		cut := start + max
		if i := strings.LastIndexByte(text[start+max/2:cut], '\n'); i >= 0 {
			cut = start + max/2 + i + 1
		} else if i := strings.LastIndexAny(text[start+max/2:cut], " \t\r"); i >= 0 {
			cut = start + max/2 + i + 1
		} else {
			for cut > start && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, [2]int{start, cut})
		start = cut
	}
	return append(out, [2]int{start, end})
}

// docBufs are the working slices of one extraction, reused by the next
// (docPool): none of them reaches a DocResult, and tokens are cleared on
// release so that no article text stays reachable from the pool.
type docBufs struct {
	toks       []token
	line       []token
	toksHigh   int // how far into toks and line this document wrote (what release clears)
	lineHigh   int
	spans      [][2]int // a line's sentences (appendSentences)
	sents      []sentence
	cover      []int
	nameAt     []placeCand
	titles     []phraseAt[titleCue]
	eventHeads []phraseAt[string]
	knownOrgs  []phraseAt[*orgEntry]
	orgWords   []phraseAt[orgWord]
	orgHeads   []phraseAt[string]
	names      []nameSpan
	placeAt    []placeCand
	countries  []string // ISO codes of the countries the article names (noteCountries)
	cueFirst   []sentCue
	cueNone    []sentCue
	cueHits    []cueHit
	counts     []sentCounts
	unitNext   []int32
	starts     []int32 // tokens where a phrase may start (mayStartAny)
	orgPhrases []bool
	keys       keyCache // the word keys of the document being tokenised
}

var docPool = sync.Pool{New: func() any { return new(docBufs) }}

// maxPooledToks bounds what the pool keeps of an unusually long document.
const maxPooledToks = 1 << 16

func (b *docBufs) release() {
	if cap(b.toks) > maxPooledToks || cap(b.line) > maxPooledToks {
		return // let the collector have it
	}
	clear(b.toks[:min(b.toksHigh, cap(b.toks))])
	clear(b.line[:min(b.lineHigh, cap(b.line))])
	b.toksHigh, b.lineHigh = 0, 0
	b.keys.reset(nil)
	docPool.Put(b)
}

// resize sets *buf to a zeroed slice of length n, reusing its array when
// large enough, and returns it.
func resize[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	} else {
		*buf = (*buf)[:n]
		clear(*buf)
	}
	return *buf
}

type placeCand struct {
	end     int // exclusive token index; 0 if none
	p       *gazetteer.Place
	demonym bool
	cands   []placeAlias // the gazetteer's readings of the name, best first (proposePlaces)
}

// ment is one mention of an entity in the document.
type ment struct {
	i, j  int // token range [i, j)
	typ   string
	id    string
	coref bool    // "the conference", "Quang": not an alias
	roles []*role // the offices the text gives a person here
}

// role is the office a person holds, as stated in the text.
type role struct {
	title  string // normalised English title
	target string // entity id of the body or place
	scope  string // national, local or org (see data/titles.tsv)
	sent   int
}

// entBuilder accumulates one entity of the document.
type entBuilder struct {
	e     Entity
	count int
	first int      // first mention's token
	names []string // the surfaces of its mentions, each once (addName)
	// the first two of names, where they go without an allocation (the
	// builders do not move: see resolved.entity)
	names2 [2]string
	// ctxYear: an unnumbered event whose id and name end with the
	// article's year, since none of its names gives one (redateEvents)
	ctxYear bool
	// parties: an event's localities ("the Hue - Blois Culture Week", see
	// eventMention.parties), which take part in it when it is a focus
	parties []string
}

// addName records a surface of the entity's mentions. An entity has few
// distinct surfaces: a list read through is cheaper than a map.
func (b *entBuilder) addName(n string) {
	for _, m := range b.names {
		if m == n {
			return
		}
	}
	if b.names == nil {
		b.names = b.names2[:0]
	}
	b.names = append(b.names, n)
}

// result assembles the DocResult: entities with their aliases, relations
// and quantities, all with global ids.
func (d *related) result() DocResult {
	res := DocResult{Doc: DocumentInfo{ID: d.doc.ID, Path: d.doc.Path, Title: d.doc.Title, Date: d.doc.Date, Lang: d.doc.Lang, URL: d.doc.URL, Hash: d.doc.Hash}}
	for _, id := range d.order {
		b := d.ents[id]
		e := b.e
		e.Aliases = []string{}
		for _, n := range b.names {
			if n != e.Name && strings.TrimSpace(n) != "" {
				e.Aliases = append(e.Aliases, n)
			}
		}
		sort.Strings(e.Aliases)
		if e.Mentions == nil {
			e.Mentions = []Mention{}
		}
		slices.SortFunc(e.Mentions, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) }) // (sort.Slice allocates twice)
		if v, ok := d.evDates[id]; ok {
			e.Props = maps.Clone(e.Props) // resolve's entity keeps the year of its name
			e.Props["date"] = v
		}
		res.Entities = append(res.Entities, e)
	}
	for _, id := range d.countries {
		p := d.x.gaz.ByID(id)
		res.Entities = append(res.Entities, Entity{ID: p.ID, Type: p.Type, Name: p.Name, Props: map[string]any{}, Aliases: []string{}, Mentions: []Mention{}})
	}
	res.Relations = d.rels
	res.Quantities = d.qs
	return res
}

var apostrophes = strings.NewReplacer("'", "", "\u2019", "")

// slugID builds an entity id from a type prefix and a name.
func slugID(prefix, name string) string {
	if strings.IndexByte(name, '\'') >= 0 || strings.Contains(name, "\u2019") {
		name = apostrophes.Replace(name) // which allocates even when it replaces nothing
	}
	var arr [96]byte
	b := append(append(arr[:0], prefix...), ':')
	return string(fold.AppendSlug(b, name))
}
