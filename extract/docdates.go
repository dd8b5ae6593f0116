package extract

import (
	"strconv"

	"github.com/kg-dev/kg/extract/dates"
)

// The dates of a document are read against the article's date (its
// header, feed or page metadata). An article without a date does not
// guess one from the first number that looks like a year: a day and month
// without a year ("le 14 décembre") are placed around the nearest full
// date the text gives before them ("les 13 et 14 décembre 2021"), and
// relative forms ("on Monday", "last week", "hier") are left unresolved.

// contextYear is the year the article speaks from: its date's year, or,
// for an undated article, the year of the latest full date its text gives
// (a day or month with its year), or 0.
func (d *docState) contextYear() int {
	if len(d.doc.Date) >= 4 {
		if y, err := strconv.Atoi(d.doc.Date[:4]); err == nil && y > 0 {
			return y
		}
		return 0
	}
	best := ""
	for _, sp := range d.explicitDates() {
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
// order; nil for a dated article.
func (d *docState) explicitDates() []dates.Span {
	if !d.textDatesDone {
		d.textDatesDone = true
		if d.doc.Date == "" {
			d.textDates = d.x.dates.Find(d.text[:d.bodyEnd], dates.Options{Lang: d.lang})
		}
	}
	return d.textDates
}

// dateOptions returns how to read the dates of sentence s: against the
// article's date, or for an undated article around the year in the name
// of an event the sentence names ("le Sommet mondial des villes 2016 ...
// le 10 juillet"), else around the latest full date the text gives before
// the sentence (else the first one after it).
func (d *docState) dateOptions(s int) dates.Options {
	o := dates.Options{Lang: d.lang, Ref: d.doc.Date}
	if o.Ref != "" {
		return o
	}
	start := d.sents[s].start
	for _, sp := range d.explicitDates() {
		if sp.Start >= start && o.Anchor != "" {
			break
		}
		o.Anchor = sp.Value
	}
	for _, m := range d.sentMentions(s) {
		if m.typ != Event {
			continue
		}
		if b := d.ents[m.id]; b == nil {
			continue
		} else if y, ok := b.e.Props["date"].(string); ok && len(y) == 4 {
			if o.Anchor[:min(4, len(o.Anchor))] != y {
				o.Anchor = y
			}
			break
		}
	}
	return o
}

// sentDates returns the dates of sentence s, with offsets into the
// sentence.
func (d *docState) sentDates(s int) []dates.Span {
	st := d.sents[s]
	return d.x.dates.Find(d.text[st.start:st.end], d.dateOptions(s))
}
