package extract

import (
	"math/bits"
	"strconv"

	"github.com/kg-dev/kg/extract/dates"
	"github.com/kg-dev/kg/extract/numbers"
)

// findCandidates is the third stage: it proposes what the text may name,
// deciding nothing. For every token the gazetteer names and demonyms that
// start there, with every reading of a name (places.go, proposePlaces) and
// the countries the article names without doubt; the title cues and event
// nouns that start there (titleAt, eventHeadAt), the well-known bodies,
// the head nouns of body names and the heads of local bodies (knownOrgAt,
// orgWordAt, orgHeadAt); the capitalised name shape that may be a
// person's name, with its evidence (names.go); the administrative units
// named with their type word (proposeUnits); the dates of an undated
// article that carry their year, and the year the article speaks from;
// a sentence's count phrases, read when relate first asks (countsIn).
// The names of events built on the phrases are proposed by decidePlaces
// and those of bodies read by resolve, which need the places decided
// first.
func findCandidates(t *tokenized) *candidates {
	d := &candidates{tokenized: *t}
	if d.doc.Date == "" {
		d.textDates = d.explicitDates()
	}
	d.ctxYear = d.contextYear()
	d.indexUnitStarts()
	d.proposePlaces()
	// the tokens where one of the five lists may start, read once
	lx := d.x.lx
	starts := mayStartAny(d.toks, []uint64{lx.titles.bit, lx.eventHeads.bit, lx.orgs.bit, lx.orgWords.bit, d.x.orgHeads.bit}, &d.bufs.starts)
	d.phraseStarts = starts
	d.titles = proposePhrases(lx.titles, d.toks, starts, &d.bufs.titles)
	d.eventHeads = proposePhrases(lx.eventHeads, d.toks, starts, &d.bufs.eventHeads)
	d.knownOrgs = proposePhrases(lx.orgs, d.toks, starts, &d.bufs.knownOrgs)
	d.orgWords = proposePhrases(lx.orgWords, d.toks, starts, &d.bufs.orgWords)
	d.orgHeads = proposePhrases(d.x.orgHeads, d.toks, starts, &d.bufs.orgHeads)
	d.orgPhrases = resize(&d.bufs.orgPhrases, len(d.toks))
	for _, i := range starts {
		d.orgPhrases[i] = d.knownOrgs[i].v != nil || d.orgHeads[i].v != nil || d.orgWords[i].v != nil
	}
	d.proposeNames()
	d.proposeUnits()
	d.indexCues()
	d.counts = resize(&d.bufs.counts, len(d.sents)) // filled by countsIn
	return d
}

// indexCues finds, in every sentence, the first cue of each category of
// data/cues.tsv (the first token where the longest cue of the category
// starting there has a value), in one pass over the sentence: the cue
// index hasCue reads.
func (d *candidates) indexCues() {
	ci := d.x.lx.cueIdx
	nc := len(ci.maxToks)
	d.cueFirst = resize(&d.bufs.cueFirst, len(d.sents)*nc)
	hits := resize(&d.bufs.cueHits, nc)
	all := uint64(1)<<nc - 1
	none := resize(&d.bufs.cueNone, nc) // no cue of any category
	for k := range none {
		none[k] = sentCue{k: -1}
	}
	for s := range d.sents {
		first := d.cueFirst[s*nc : (s+1)*nc]
		copy(first, none)
		var done uint64
		a, b := d.sentRange(s)
		for k := a; k < b && done != all; k++ {
			if t := &d.toks[k]; !t.word || !t.mayStart(ci.bit) {
				continue // as at, without the call
			}
			found := ci.at(d.toks, k, hits, done)
			for ; found != 0; found &= found - 1 {
				cat := bits.TrailingZeros64(found)
				if hits[cat].v != "" {
					first[cat] = sentCue{v: hits[cat].v, k: k}
					done |= 1 << cat
				}
			}
		}
	}
}

// hasCue reports whether sentence s contains a cue of the category and
// returns its value and token (the first token where the longest cue of
// the category starting there has a value; "", -1 if none): a look-up in
// the index indexCues built.
func (d *candidates) hasCue(cat cueCat, s int) (string, int) {
	lx := d.x.lx
	first := d.cueFirst[s*len(lx.cueIdx.maxToks)+lx.cueCat[cat]]
	return first.v, first.k
}

// sentCue is the first cue of a category in a sentence (k -1 if none).
type sentCue struct {
	v string
	k int
}

// phraseAt is the longest phrase of a list that starts at a token: its
// end (exclusive token index) and its values, nil if none starts there.
type phraseAt[T any] struct {
	end int
	v   []T
}

// proposePhrases matches m at the tokens of starts (mayStartAny with m's
// bit among others), into buf's array indexed by token.
func proposePhrases[T any](m *keyMatcher[T], toks []token, starts []int32, buf *[]phraseAt[T]) []phraseAt[T] {
	out := resize(buf, len(toks))
	bit := m.bit
	for _, i := range starts {
		// most of them start no phrase of this list: tell them here,
		// without the call
		if !toks[i].mayStart(bit) {
			continue
		}
		if j, v := m.longest(toks, int(i)); v != nil {
			out[i] = phraseAt[T]{j, v}
		}
	}
	return out
}

// mayStartAny returns the word tokens where a phrase of a matcher with
// one of bits may start, into buf's array: most tokens start none, and
// one pass over the tokens tells them for several matchers.
func mayStartAny(toks []token, bits []uint64, buf *[]int32) []int32 {
	var mask uint64
	for _, b := range bits {
		if b == 0 { // a matcher without a bit may start anywhere
			mask = ^uint64(0)
			break
		}
		mask |= b
	}
	out := (*buf)[:0]
	for i := range toks {
		if t := &toks[i]; t.word && (t.starts&startsKnown == 0 || t.starts&mask != 0) {
			out = append(out, int32(i))
		}
	}
	*buf = out
	return out
}

// titleAt returns the end and readings of the longest title cue
// (data/titles.tsv) starting at token i, or (i, nil).
func (d *candidates) titleAt(i int) (int, []titleCue) { return phraseEnd(d.titles, i) }

// eventHeadAt returns the end and types of the longest event noun
// (data/events.tsv) starting at token i, or (i, nil).
func (d *candidates) eventHeadAt(i int) (int, []string) { return phraseEnd(d.eventHeads, i) }

// contextYear is the year the article speaks from: its date's year, or,
// for an undated article, the year of the latest full date its text gives
// (a day or month with its year), or 0.
func (d *candidates) contextYear() int {
	if len(d.doc.Date) >= 4 {
		if y, err := strconv.Atoi(d.doc.Date[:4]); err == nil && y > 0 {
			return y
		}
		return 0
	}
	best := ""
	for _, sp := range d.textDates {
		if sp.Value > best {
			best = sp.Value
		}
	}
	if y, err := strconv.Atoi(best[:min(4, len(best))]); err == nil {
		return y
	}
	return 0
}

// explicitDates returns the dates of an undated article's body that carry
// their own year ("13 décembre 2021", "April 2023", "14/04/2023"), in text
// order.
func (d *tokenized) explicitDates() []dates.Span {
	if d.whole != nil && d.whole.textDatesRead {
		return d.whole.textDates
	}
	var out []dates.Span
	for _, sp := range d.x.dates.Find(d.text[:d.bodyEnd], dates.Options{Lang: d.lang}) {
		if len(sp.Value) >= 7 { // "in 2021" alone places no day
			out = append(out, sp)
		}
	}
	if d.whole != nil { // the same for every segment of the article
		d.whole.textDates, d.whole.textDatesRead = out, true
	}
	return out
}

// knownOrgAt returns the end and entries of the longest well-known body
// name (data/orgs.tsv) starting at token i, or (i, nil).
func (d *candidates) knownOrgAt(i int) (int, []*orgEntry) { return phraseEnd(d.knownOrgs, i) }

// orgWordAt returns the end and readings of the longest head noun of a
// body's name (data/orgwords.tsv) starting at token i, or (i, nil).
func (d *candidates) orgWordAt(i int) (int, []orgWord) { return phraseEnd(d.orgWords, i) }

// orgHeadAt returns the end and English heads of the longest local-body
// head (data/orgheads.tsv: People's Committee, conseil régional) starting
// at token i, or (i, nil).
func (d *candidates) orgHeadAt(i int) (int, []string) { return phraseEnd(d.orgHeads, i) }

func phraseEnd[T any](ps []phraseAt[T], i int) (int, []T) {
	if i >= len(ps) || ps[i].v == nil {
		return i, nil
	}
	return ps[i].end, ps[i].v
}

// sentCounts are the count phrases of a sentence (countsIn): read
// reports whether they were read.
type sentCounts struct {
	read bool
	cs   []numbers.Count
}

// countsIn returns the count phrases (extract/numbers: a number, its
// approximation, where it starts and ends in the sentence) of sentence s,
// read on the first call and kept in the candidates' counts. They are
// read on demand, not for every sentence by findCandidates: relate asks
// only for the sentences that name an event or say who took part in one
// (findQuantities), and reading every sentence's cost about a quarter of
// the extraction's CPU time; the smallest set of sentences this stage
// could tell in advance (an event noun, a capitalised acronym given in
// parentheses, a participation cue) is twice the text relate reads.
func (d *candidates) countsIn(s int) []numbers.Count {
	c := &d.counts[s]
	if !c.read {
		st := d.sents[s]
		*c = sentCounts{read: true, cs: d.x.numbers.Counts(d.text[st.start:st.end], d.lang)}
	}
	return c.cs
}
