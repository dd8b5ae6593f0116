package extract

import (
	"strconv"

	"github.com/kg-dev/kg/extract/dates"
)

// findCandidates is the third stage: it proposes what the text may name,
// deciding nothing. For every token the gazetteer names and demonyms that
// start there, with every reading of a name (places.go, proposePlaces) and
// the countries the article names without doubt; the title cues and event
// nouns that start there (titleAt, eventHeadAt); the dates of an undated
// article that carry their year, and the year the article speaks from.
// The names of people, bodies and events built on them are read by
// resolve, which needs the places decided first.
func findCandidates(t *tokenized) *candidates {
	d := &candidates{tokenized: *t}
	if d.doc.Date == "" {
		d.textDates = d.explicitDates()
	}
	d.ctxYear = d.contextYear()
	d.proposePlaces()
	d.titles = proposePhrases(d.x.lx.titles, d.toks, &d.bufs.titles)
	d.eventHeads = proposePhrases(d.x.lx.eventHeads, d.toks, &d.bufs.eventHeads)
	return d
}

// phraseAt is the longest phrase of a list that starts at a token: its
// end (exclusive token index) and its values, nil if none starts there.
type phraseAt[T any] struct {
	end int
	v   []T
}

// proposePhrases matches m at every token of toks, into buf's array.
func proposePhrases[T any](m *keyMatcher[T], toks []token, buf *[]phraseAt[T]) []phraseAt[T] {
	out := resize(buf, len(toks))
	for i := range toks {
		if j, v := m.longest(toks, i); v != nil {
			out[i] = phraseAt[T]{j, v}
		}
	}
	return out
}

// titleAt returns the end and readings of the longest title cue
// (data/titles.tsv) starting at token i, or (i, nil).
func (d *candidates) titleAt(i int) (int, []titleCue) {
	if i >= len(d.titles) || d.titles[i].v == nil {
		return i, nil
	}
	return d.titles[i].end, d.titles[i].v
}

// eventHeadAt returns the end and types of the longest event noun
// (data/events.tsv) starting at token i, or (i, nil).
func (d *candidates) eventHeadAt(i int) (int, []string) {
	if i >= len(d.eventHeads) || d.eventHeads[i].v == nil {
		return i, nil
	}
	return d.eventHeads[i].end, d.eventHeads[i].v
}

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
	var out []dates.Span
	for _, sp := range d.x.dates.Find(d.text[:d.bodyEnd], dates.Options{Lang: d.lang}) {
		if len(sp.Value) >= 7 { // "in 2021" alone places no day
			out = append(out, sp)
		}
	}
	return out
}
