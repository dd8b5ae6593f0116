package extract

import (
	"github.com/kg-dev/kg/extract/dates"
	"github.com/kg-dev/kg/extract/gazetteer"
)

// The extraction of one article is a pipeline of stages. Each stage is one
// function that reads the previous stage's output and returns its own, a
// struct that embeds the previous one: a method lives on the lowest stage
// whose data it needs, so the compiler keeps an early stage from reading
// what a later one decides.
//
//	prepare         Document    -> *prepared    header date and title, language, where the body and its teasers are (prepare.go)
//	tokenizeDoc     *prepared   -> *tokenized   sentences and tokens with byte offsets, captions (prepare.go)
//	findCandidates  *tokenized  -> *candidates  gazetteer names and demonyms with all their readings, the phrases of the word lists, people's name shapes, administrative units, the countries named without doubt, dates, each sentence's first cues (candidates.go)
//	decidePlaces    *candidates -> *placed      which place each name is, with the article in view; the article's main places; the event names and references read with them (resolve.go, places.go, eventid.go)
//	resolve         *placed     -> *resolved    decisions with the article in view: events grouped, organisations, people, partial names; mentions and entities (resolve.go)
//	relate          *resolved   -> *related     relations sentence by sentence, event dates, counts, in its own fields (relate.go)
//	(*related).result           -> DocResult    entities with aliases, relations, quantities (extractor.go)
//
// A long body is cut into segments (extractor.go); every segment runs the
// stages after prepare on its own.

// runStages runs the stages after prepare on text[start:end], a part of
// p's body cut at line ends.
func runStages(p *prepared, start, end int) *related {
	return relate(resolve(decidePlaces(findCandidates(tokenizeDoc(p, start, end)))))
}

// prepared is the output of prepare: the document with its date, title
// and language filled from its text when the source gave none.
type prepared struct {
	x         *Extractor
	bufs      *docBufs // working slices reused across documents (docPool)
	doc       Document
	text      string
	lang      string
	bodyStart int // where the body starts (after the date line's date)
	bodyEnd   int // where related-article teasers start, else len(text)
	// whole is what is read from the whole article once for all its
	// segments (nil: read for each).
	whole *wholeDoc
}

// wholeDoc holds what a stage reads from the whole article rather than
// from its segment: read for each of a long article's segments, it made
// the cost quadratic in the article's length.
type wholeDoc struct {
	textDates     []dates.Span // explicitDates
	textDatesRead bool
}

// tokenized is the output of tokenizeDoc: sentences and tokens.
type tokenized struct {
	prepared
	toks  []token
	sents []sentence
}

// candidates is the output of findCandidates: what the text may name,
// before anything is decided.
type candidates struct {
	tokenized
	nameAt       []placeCand           // token -> longest gazetteer name (all its readings, best first) or demonym starting there
	nameDemonym  map[int]placeCand     // token -> the demonym that starts where a gazetteer name of nameAt also starts (nil if none)
	countries    []string              // ISO codes of the countries the article names without doubt, as often as named (noteCountries)
	textDates    []dates.Span          // an undated article's dates that carry their year, in text order
	ctxYear      int                   // the year the article speaks from (contextYear), 0 if unknown
	unitWords    bool                  // some token may start an administrative unit word (placeunits.go)
	nameFirsts   map[string]int        // first word key -> how many names of two or more words open with it (firstOfName), nil until asked
	unitNext     []int32               // token -> the first token from there on where a unit word may start, len(toks) if none (unitNear)
	unitSpans    []unitSpan            // administrative units named with their type word, in text order (proposeUnits)
	phraseStarts []int32               // the tokens where titles, eventHeads, knownOrgs, orgWords or orgHeads may have a phrase (mayStartAny)
	titles       []phraseAt[titleCue]  // token -> longest title cue starting there (titleAt)
	eventHeads   []phraseAt[string]    // token -> longest event noun starting there, with its types (eventHeadAt)
	knownOrgs    []phraseAt[*orgEntry] // token -> longest well-known body name starting there (knownOrgAt)
	orgWords     []phraseAt[orgWord]   // token -> longest head noun of a body's name (orgWordAt)
	orgHeads     []phraseAt[string]    // token -> longest local-body head (orgHeadAt)
	names        []nameSpan            // token -> the capitalised name shape starting there, with its evidence (proposeNames, names.go)
	orgPhrases   []bool                // token -> knownOrgs, orgHeads or orgWords has a phrase there (mayStartOrg)
	cueFirst     []sentCue             // sentence*categories+category -> first cue of the category in the sentence (indexCues, hasCue)
	counts       []sentCounts          // sentence -> its count phrases, read on the first countsIn
}

// placed is the output of decidePlaces: which place each name is, with
// the whole article in view, and the article's main places.
type placed struct {
	candidates
	placeAt  []placeCand        // token -> the place or demonym mention decided there
	anchored []anchoredName     // places read by findAnchored (placeanchors.go)
	units    []*gazetteer.Place // administrative units read in the article (placeunits.go)
	foci     placeFoci          // the article's main places, once places are decided (placeFoci)

	eventNames []*eventMention // event names read around the event nouns, with their evidence, in text order (proposeEvents)
	eventRefs  []*eventMention // references to events ("the conference", "cette rencontre"), in text order
}

// resolved is the output of resolve: the article's entities and their
// mentions, each decided with the whole article in view.
type resolved struct {
	placed
	cover []int // token -> index of the person/org/event mention covering it, -1 if none
	ments []*ment
	ents  map[string]*entBuilder
	order []string // entity ids in the order first found
	focus []string // the events the article reports, most important first (focusEvents, set by findEvents)

	// working state of the resolution itself
	pending  []pendingName     // one-word names after a title, resolved by findPartialPeople
	acronyms map[string]string // acronym key -> the entity its expansion in this article names
	focused  []focusBody       // local bodies named by their level only, given the article's main locality
	nerCache map[int][]string  // sentence -> names prose's NER tags PERSON, asked for only where nothing else decides
	mentSlab []ment            // the array addMention takes its next mention from (newMent)
	entSlab  []entBuilder      // the array entity takes its next builder from
	mnSlab   []Mention         // the array an entity's first mentions go to (addMention)
}

// related is the output of relate: relations and quantities, with the
// indexes of the resolved mentions they are read from.
type related struct {
	resolved
	sentMents [][]*ment // sentence -> its mentions in text order
	ctxEvents []string  // sentence -> the event it is about when it names none (contextEvent)
	salient   map[string][]string
	year      int   // ctxYear, or for an undated article the year of the event it reports once dated (eventDates)
	leader    *ment // the person who leads the delegation last named (meetings)
	rels      []Relation
	qs        []Quantity
	evDates   map[string]string // event id -> the date relate gives it (eventDates); result writes it over the year of its name
	countries []string          // the countries relations need that resolve has no entity for, in the order added (ensureCountry)
	evSlab    []Evidence        // the array evidenceOf takes the evidence of relations and quantities from
}
