package extract

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/extract/dates"
)

// The dates of a document are read against the article's date (its
// header, feed or page metadata). An article without a date does not
// guess one from the first number that looks like a year: a day and month
// without a year ("le 8 novembre") are placed around the nearest full
// date the text gives before them ("les 7 et 8 novembre 2019"), and
// relative forms ("on Monday", "last week", "hier") are left unresolved.

// dateOptions returns how to read the dates of sentence s: against the
// article's date, or for an undated article around the year in the name
// of an event the sentence names ("le Sommet mondial des villes 2016 ...
// le 10 juillet"), else around the latest full date the text gives before
// the sentence (else the first one after it), else, once events are
// dated, around the year of the event the article reports.
func (d *related) dateOptions(s int) dates.Options {
	o := dates.Options{Lang: d.lang, Ref: d.doc.Date}
	if o.Ref != "" {
		c, _ := d.hasCue(cueAhead, s)
		o.Ahead = c != "" // "will be held in October": the next October
		return o
	}
	start := d.sents[s].start
	if ex := d.textDates; len(ex) > 0 {
		// the last one before the sentence, else the first after it
		k := sort.Search(len(ex), func(i int) bool { return ex[i].Start >= start })
		o.Anchor = ex[max(k-1, 0)].Value
	}
	if o.Anchor == "" && d.year > 0 {
		o.Anchor = strconv.Itoa(d.year) // the year of the event the article reports (eventDates)
	}
	for _, m := range d.sentMentions(s) {
		if m.typ != Event {
			continue
		}
		if y := d.eventDate(m.id); len(y) == 4 {
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
func (d *related) sentDates(s int) []dates.Span {
	st := d.sents[s]
	return d.x.dates.Find(d.text[st.start:st.end], d.dateOptions(s))
}

// eventDates dates each event. From the text first: a date in a sentence
// that names events goes to the events nearest to it ("On May 14, the
// conference and the mayors' forum took place" dates both),
// unless another event, or a noun of something else that happens (a
// visit, talks, a reception: cue "happening"; an event noun that names
// none of ours: "organised on 29 August a meeting to review the
// conference"), is nearer to it; a sentence that names no event but says
// one took place ("it was held on Monday") dates the event it is about
// (contextEvent). "held"/"s'est tenue" sentences weigh more, then more
// precise dates, and a finer date wins over a coarser one it agrees with. The year in an event's name wins over a date of another
// year. Then, for the events the article reports (focusEvents) that the
// text does not date: the article's date when it reports them as
// happening now ("opens today", "s'ouvre"), its month when it reports
// them as done, nothing when as coming ("will be held") or when their
// name gives another year.
func (d *related) eventDates() {
	best := map[string]eventDate{}
	offer := func(id, value string, score int) {
		c, ok := best[id]
		switch {
		case !ok:
		case strings.HasPrefix(c.value, value):
			return // "this year" adds nothing to "October 7, 2014"
		case strings.HasPrefix(value, c.value):
			score = max(score, c.score) // a finer reading of the same date
		case score <= c.score:
			return
		}
		best[id] = eventDate{value, score}
	}
	happening := d.x.lx.cues["happening"]
	withDates := map[string]bool{} // events named in a sentence that gives dates
	for s := range d.sents {
		if d.sents[s].caption {
			continue
		}
		ms := d.sentMentions(s)
		var evs []*ment
		for _, m := range ms {
			if m.typ == Event {
				evs = append(evs, m)
			}
		}
		held, _ := d.hasCue(cueHeld, s)
		if len(evs) == 0 && held == "" {
			continue
		}
		found := d.sentDates(s)
		if len(found) == 0 {
			continue
		}
		st := d.sents[s]
		a, b := d.sentRange(s)
		// nouns of other things that happen compete for the dates
		var others []int
		nouns := 0 // event nouns the sentence names, ours or not
		for k := a; k < b; k++ {
			if d.cover[k] >= 0 {
				continue
			}
			if _, v := d.eventHeadAt(k); v != nil {
				nouns++
				if d.toks[k].cap || (k > a && d.isDeterminer(d.toks[k-1].key) && !d.x.words.auxVerbIn[d.lang][d.toks[k-1].key]) {
					others = append(others, k) // "une réunion", not "a rencontré"
				}
			} else if _, v := happening.longest(d.toks, k); v != nil {
				others = append(others, k)
			}
		}
		if len(evs) == 0 {
			// "It was held on May 14": the event the sentence is about,
			// unless it speaks of something else ("they held talks",
			// "the next summit will be held in 2016")
			if ev := d.contextEvent(s); ev != "" && len(others) == 0 && nouns == 0 {
				offer(ev, found[0].Value, 2*len(found[0].Value)+8-1)
			}
			continue
		}
		for _, m := range evs {
			if !m.coref || !d.nextEdition(m) {
				withDates[m.id] = true
			}
		}
		pos := make([]int, len(found))
		for i, ds := range found {
			pos[i] = d.tokenAt(st.start+ds.Start, a, b)
		}
		dist := func(m *ment, p int) int { return min(absInt(p-m.i), absInt(p-(m.j-1))) }
		for _, m := range evs {
			if m.coref && d.nextEdition(m) {
				continue // "la prochaine édition de la conférence": another edition
			}
			bi, bd := -1, 1<<30
			for i, p := range pos {
				if x := dist(m, p); x < bd && d.dateFor(m, p, x, evs, pos, others) {
					bi, bd = i, x
				}
			}
			if bi < 0 {
				continue
			}
			score := 2 * len(found[bi].Value) // a day (20) over a month (14) over a year (8)
			if held != "" {
				score += 8
			}
			if !m.coref {
				score += 2
			}
			offer(m.id, found[bi].Value, score)
		}
	}
	for id, c := range best {
		if d.ents[id] == nil {
			continue
		}
		if y := d.eventDate(id); len(y) == 4 && !strings.HasPrefix(c.value, y) {
			continue // the name's year wins over a date of another year
		}
		d.evDates[id] = c.value
	}
	d.focusDates(withDates)
	d.redateEvents()
	if d.year == 0 {
		// An undated article without a full date speaks from the year of
		// the event it reports, when that event's name or date gives one
		// ("le Sommet mondial des villes 2016"): the anniversaries it
		// mentions count from there.
		for _, id := range d.focus {
			if v := d.eventDate(id); len(v) >= 4 {
				if y, err := strconv.Atoi(v[:4]); err == nil {
					d.year = y
					break
				}
			}
		}
	}
}

// redateEvents gives an unnumbered event that took the article's year
// into its id and name (none of its names gives one) the year of the date
// the text gives it: in an article of 2026, the fair "prévu en mars 2027"
// is the fair of 2027, the node an article of 2027 about it makes, and the
// conference "held in November 2025" the one of 2025. Left alone when an
// event of the article already has that identity, and in an undated
// article. Runs before relations and quantities, so that they take the
// new id. What resolve decided stays as it was: the renamed entities,
// mentions and lists are copies.
func (d *related) redateEvents() {
	if d.doc.Date == "" {
		return // the year in the ids is then itself read from the text
	}
	cy := "-" + strconv.Itoa(d.ctxYear)
	copied := false
	for k, id := range d.order {
		b := d.ents[id]
		v := d.evDates[id]
		if b == nil || !b.ctxYear || b.e.Type != Event || len(v) < 4 || !strings.HasSuffix(id, cy) || strings.HasPrefix(v, cy[1:]) {
			continue
		}
		if _, err := strconv.Atoi(v[:4]); err != nil {
			continue
		}
		nid := strings.TrimSuffix(id, cy) + "-" + v[:4]
		if d.ents[nid] != nil {
			continue
		}
		if !copied {
			d.ents = maps.Clone(d.ents)
			d.order = slices.Clone(d.order)
			d.ments = slices.Clone(d.ments)
			d.focus = slices.Clone(d.focus)
			d.acronyms = maps.Clone(d.acronyms)
			copied = true
		}
		nb := *b
		nb.names = slices.Clone(b.names) // (not the first builder's names2)
		b = &nb
		b.e.ID = nid
		b.e.Name = strings.TrimSuffix(b.e.Name, " "+cy[1:]) + " " + v[:4]
		delete(d.ents, id)
		d.ents[nid] = b
		d.order[k] = nid
		delete(d.evDates, id)
		d.evDates[nid] = v
		for i, m := range d.ments {
			if m.id == id {
				nm := *m
				nm.id = nid
				d.ments[i] = &nm
			}
		}
		for i, e := range d.ctxEvents {
			if e == id {
				d.ctxEvents[i] = nid
			}
		}
		for i, e := range d.focus {
			if e == id {
				d.focus[i] = nid
			}
		}
		for a, e := range d.acronyms {
			if e == id {
				d.acronyms[a] = nid
			}
		}
	}
	if copied {
		d.indexMentions() // the sentences' mentions are the copies
	}
}

// eventDate returns the date of event id: the one relate decided
// (eventDates), else the year resolve read in its name, else "".
func (d *related) eventDate(id string) string {
	if v, ok := d.evDates[id]; ok {
		return v
	}
	if b := d.ents[id]; b != nil {
		v, _ := b.e.Props["date"].(string)
		return v
	}
	return ""
}

// eventDate is a date the text gives an event, and how sure it is.
type eventDate struct {
	value string
	score int
}

// dateFor reports whether the date at token p, x tokens from the event
// mention m, is m's: no noun of another happening is nearer to it, and
// every other event nearer to it is coordinated with m (no other date
// between them: "X and Y took place on ...").
func (d *tokenized) dateFor(m *ment, p, x int, evs []*ment, pos []int, others []int) bool {
	for _, k := range others {
		if absInt(p-k) < x {
			return false
		}
	}
	for _, n := range evs {
		if n == m || n.id == m.id || min(absInt(p-n.i), absInt(p-(n.j-1))) >= x {
			continue
		}
		lo, hi := min(m.i, n.i), max(m.j, n.j)
		for _, q := range pos {
			if q != p && q >= lo && q < hi {
				return false
			}
		}
	}
	return true
}

// focusDates dates the events the article reports that the text leaves
// undated, from the article's date (see eventDates).
func (d *related) focusDates(withDates map[string]bool) {
	ref := d.doc.Date
	if ref == "" {
		return
	}
	for _, id := range d.focus {
		if d.ents[id] == nil {
			continue
		}
		cur := d.eventDate(id)
		if withDates[id] || cur != "" && cur != ref[:4] {
			continue // the text dates it or what happens around it, or its name gives another year
		}
		now, future := false, false
		for _, m := range d.ments {
			if m.id != id || m.coref && d.nextEdition(m) {
				continue
			}
			s := d.toks[m.i].sent
			if c, _ := d.hasCue(cueFuture, s); c != "" {
				future = true
			}
			if c, _ := d.hasCue(cueNow, s); c != "" {
				now = true
			}
		}
		switch {
		case future:
		case now:
			d.evDates[id] = ref
		case len(ref) > 7:
			d.evDates[id] = ref[:7]
		default:
			d.evDates[id] = ref
		}
	}
}

// nextEdition reports whether a reference to an event speaks of its next
// edition ("the next summit", "la prochaine édition de la conférence":
// cue "nextedition" in the five tokens before it).
func (d *tokenized) nextEdition(m *ment) bool {
	cues := d.x.lx.cues["nextedition"]
	a, _ := d.sentRange(d.toks[m.i].sent)
	for k := max(a, m.i-5); k < m.i; k++ {
		if _, v := cues.longest(d.toks, k); v != nil {
			return true
		}
	}
	return false
}
