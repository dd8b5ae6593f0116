package extract

import (
	"strconv"

	"github.com/kg-dev/kg/extract/dates"
)

// findCandidates is the third stage: it proposes what the text may name,
// deciding nothing. For every token the gazetteer names and demonyms that
// start there, with every reading of a name (places.go, proposePlaces) and
// the countries the article names without doubt; the dates of an undated
// article that carry their year, and the year the article speaks from.
// Names of people, bodies and events are read by resolve, which needs the
// places decided first.
func findCandidates(t *tokenized) *candidates {
	d := &candidates{tokenized: *t}
	if d.doc.Date == "" {
		d.textDates = d.explicitDates()
	}
	d.ctxYear = d.contextYear()
	d.proposePlaces()
	return d
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
