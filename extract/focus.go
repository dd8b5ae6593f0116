package extract

import (
	"cmp"
	"slices"
	"strings"
)

// Weights of where an event is named, for focusEvents: the headline says
// what the article reports, the lead paragraph says it again, and the
// body names it more often than the events it only recalls.
const (
	focusTitleWeight = 8
	focusLeadWeight  = 4
	focusLeadSents   = 2 // sentences after the headline that count as the lead (a teaser line may come first)
)

// focusEvents returns the ids of the events the article reports (its
// focus), most important first. An event is in focus when the headline or
// the lead paragraph names it (by name or by a resolved reference such as
// "the conference" or "cette rencontre"); when neither names one, the most
// mentioned event is the focus if the body names it at least twice. Events
// the article only recalls ("the 11th conference, held in 2021") are
// therefore left out unless the headline or lead is about them. Ranking:
// headline, then lead, then number of mentions, then first mention.
//
// findEvents sets the resolved focus from it once the events are grouped
// and named (the references it resolves to the focus come after).
func (d *resolved) focusEvents() []string {
	var focus []string
	type cand struct {
		id                 string
		title, lead, count int
		first              int
	}
	titleEnd, leadEnd := d.titleAndLead()
	byID := map[string]*cand{}
	var cs []*cand
	for _, m := range d.ments {
		if m.typ != Event {
			continue
		}
		s := d.toks[m.i].sent
		if d.sents[s].caption {
			continue
		}
		c := byID[m.id]
		if c == nil {
			c = &cand{id: m.id, first: m.i}
			byID[m.id] = c
			cs = append(cs, c)
		}
		c.count++
		if m.i < c.first {
			c.first = m.i
		}
		switch {
		case s < titleEnd:
			c.title = 1
		case s < leadEnd:
			c.lead = 1
		}
	}
	score := func(c *cand) int { return c.title*focusTitleWeight + c.lead*focusLeadWeight + c.count }
	slices.SortStableFunc(cs, func(x, y *cand) int {
		if a, b := score(x), score(y); a != b {
			return cmp.Compare(b, a)
		}
		return cmp.Compare(x.first, y.first)
	})
	for _, c := range cs {
		if c.title+c.lead > 0 {
			focus = append(focus, c.id)
		}
	}
	if len(focus) == 0 && len(cs) > 0 && cs[0].count >= 2 {
		focus = append(focus, cs[0].id)
	}
	return focus
}

// titleAndLead returns the sentence indexes where the headline ends (the
// sentences of the article's first line) and where the lead ends (the
// first focusLeadSents sentences after it, captions not counted).
func (d *tokenized) titleAndLead() (titleEnd, leadEnd int) {
	if len(d.sents) == 0 {
		return 0, 0
	}
	first := d.sents[0].start
	nl := strings.IndexByte(d.text[first:], '\n')
	if nl < 0 {
		return len(d.sents), len(d.sents)
	}
	lineEnd := first + nl
	for titleEnd < len(d.sents) && d.sents[titleEnd].start < lineEnd {
		titleEnd++
	}
	leadEnd = titleEnd
	n := 0
	for leadEnd < len(d.sents) && n < focusLeadSents {
		if !d.sents[leadEnd].caption {
			n++
		}
		leadEnd++
	}
	return titleEnd, leadEnd
}
