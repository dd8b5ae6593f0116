package extract

import (
	"slices"
	"strings"
	"time"
)

// Document-level relations: participants, hosts and places attached to
// the event a sentence is about even when the sentence does not name it
// ("More than 500 delegates attended", "Co-hosted by X and Y, the event
// ...", "Etaient présents : M. X, Mme Y"). The event of such a sentence is
// the one last named earlier in its paragraph, else the article's focus
// (focusEvents).

// contextEvents finds, for every sentence, the event last named earlier
// in the same paragraph (after the headline), for sentences that name
// none (contextEvent).
func (d *related) contextEvents() {
	d.ctxEvents = make([]string, len(d.sents))
	titleEnd, _ := d.titleAndLead()
	last := ""
	for k := range d.sents {
		if k > 0 && (k == titleEnd || strings.IndexByte(d.text[d.sents[k-1].end:d.sents[k].start], '\n') >= 0) {
			last = "" // a new paragraph
		}
		d.ctxEvents[k] = last
		if d.sents[k].caption {
			continue
		}
		if ev := lastEventIn(d.sentMentions(k)); ev != "" && k >= titleEnd {
			last = ev
		}
	}
}

// contextEvent returns the event sentence s is about when it names none:
// the event last named earlier in the same paragraph (after the
// headline), else the first focus event, else "".
func (d *related) contextEvent(s int) string {
	if ev := d.ctxEvents[s]; ev != "" {
		return ev
	}
	if len(d.focus) > 0 {
		return d.focus[0]
	}
	return ""
}

// sentOrContextEvent returns the first event sentence s names, or its
// context event; named reports whether the sentence names it.
func (d *related) sentOrContextEvent(s int, ms []*ment) (ev string, named bool) {
	if ev = sentEvent(ms); ev != "" {
		return ev, true
	}
	return d.contextEvent(s), false
}

// isShow reports whether an event is of a type where speakers are not
// thereby participants (an exhibition, a fair: data/events.tsv "show").
func (d *resolved) isShow(ev string) bool { return d.x.lx.shows[d.eventType(ev)] }

// participation finds who took part in the sentence's event: the people
// of a sentence with a participation cue ("attended", "co-chaired by",
// "ont assisté à", "étaient présents"), and its places and bodies when the
// cue speaks of delegations or representation ("delegations from", "with
// leaders of", "la participation de"); the speaker of a gathering ("X
// said", "a souligné", "in his opening speech, X").
func (d *related) participation(s int, ms []*ment) {
	ev, named := d.sentOrContextEvent(s, ms)
	if ev == "" {
		return
	}
	cue := d.strongestCue(cueParticipate, s, named)
	rep := d.strongestCue(cueRepresent, s, named)
	if cue == "" && rep == "" {
		if sp, _ := d.hasCue(cueSpeak, s); sp != "" && !d.isShow(ev) && (!named || d.onlyEvent(ms, ev)) && d.isCurrent(ev) {
			for _, m := range ms {
				if m.typ == Person && !d.insideOther(m) {
					d.addRel(ParticipatedIn, m.id, ev, nil, s)
					break
				}
			}
		}
		return
	}
	lists := rep != ""
	// who is met ("attended the forum and met X") and who hosts is not
	// thereby a participant; nor is the body or place of a person's title
	_, metAt := d.hasCue(cueMet, s)
	_, hostAt := d.hasCue(cueHostedBy, s)
	_, partnerAt := d.hasCue(cuePartner, s) // "… où la ville a signé un accord de jumelage avec X": X is a partner
	var hosts []*ment
	if hostAt >= 0 {
		hosts = d.listAfter(ms, d.cueEnd(cueHostedBy, hostAt), City, Country, Organization)
	}
	for _, m := range ms {
		if (metAt >= 0 && m.i > metAt && cue != "sidelines") || (partnerAt >= 0 && m.i > partnerAt && m.typ != Person) || containsMent(hosts, m) || d.isRoleTarget(ms, m) || d.titleBody(m) || d.inDateline(m) {
			continue
		}
		switch m.typ {
		case Person:
			d.addRel(ParticipatedIn, m.id, ev, nil, s)
		case City, Country, Organization:
			if lists && !d.insideOther(m) && !d.isVenue(m) {
				d.addRel(ParticipatedIn, m.id, ev, nil, s)
			}
		}
	}
}

func containsMent(ms []*ment, m *ment) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

// isRoleTarget reports whether m is the body or place of the title of a
// person of the sentence ("Chairman of the X People's Committee Y").
func (d *tokenized) isRoleTarget(ms []*ment, m *ment) bool {
	if m.typ == Person || m.typ == Event {
		return false
	}
	for _, p := range ms {
		if p.typ != Person {
			continue
		}
		for _, r := range p.roles {
			if r.target == m.id {
				return true
			}
		}
	}
	return false
}

// inDateline reports whether a mention is in the dateline that opens a
// sentence ("Quang Nam (VNA) – ", "TOKYO — "): capitalised words and an
// agency in parentheses before a dash, within the first tokens.
func (d *tokenized) inDateline(m *ment) bool {
	a, b := d.sentRange(d.toks[m.i].sent)
	for k := a; k < b && k < a+8; k++ {
		t := &d.toks[k]
		switch {
		case isDash(t.punct) && k > a:
			return m.i < k
		case t.punct == '(' || t.punct == ')' || t.punct == ',' || t.punct == '/' || (t.word && (t.cap || t.upper)):
		default:
			return false
		}
	}
	return false
}

// titleBody reports whether an organisation mention is the body of a
// title ("Chairman of the X People's Committee", "member of the Party
// Central Committee"): the person holds the office, the body does not
// thereby take part.
func (d *tokenized) titleBody(m *ment) bool {
	if m.typ != Organization {
		return false
	}
	a, _ := d.sentRange(d.toks[m.i].sent)
	for k, n := m.i-1, 0; k >= a && n < 4; k, n = k-1, n+1 {
		t := &d.toks[k]
		if d.x.lx.titles.full[t.key] != nil || d.x.lx.offices[t.key] {
			return true
		}
		if !(d.in(t, listDefinite) || d.in(t, listOf) || t.punct == '\'') {
			return false
		}
	}
	return false
}

// isCurrent reports whether an event happens when the article is written
// (or either date is unknown): a conference held months before the
// article is recalled, one months ahead is announced, and who speaks in
// the article does not speak at it.
func (d *related) isCurrent(ev string) bool {
	date := d.eventDate(ev)
	ref := d.doc.Date
	if date == "" || ref == "" {
		return true
	}
	n := min(len(date), len(ref))
	switch {
	case n < 7:
		return date[:n] == ref[:n] // the same year
	case n < 10:
		// the same month, or the month before (an event at the end of a
		// month reported early in the next)
		de, err1 := time.Parse("2006-01", date[:7])
		re, err2 := time.Parse("2006-01", ref[:7])
		return err1 != nil || err2 != nil || de.Equal(re) || de.AddDate(0, 1, 0).Equal(re)
	}
	de, err1 := time.Parse("2006-01-02", date[:10])
	re, err2 := time.Parse("2006-01-02", ref[:10])
	if err1 != nil || err2 != nil {
		return true
	}
	// reported up to ten days after, or announced for the next days
	return re.Sub(de) <= 10*24*time.Hour && de.Sub(re) <= 3*24*time.Hour
}

// strongestCue returns the value of a cue of the category in sentence s:
// the first that does not need the event named ("named" in cues.tsv),
// else, when named, the first; "" if none.
func (d *candidates) strongestCue(cat cueCat, s int, named bool) string {
	v, k := d.hasCue(cat, s)
	if v != "named" {
		return v
	}
	_, b := d.sentRange(s)
	for k++; k < b; k++ {
		if !d.x.lx.mayCue(cat, &d.toks[k]) {
			continue
		}
		if _, w := d.x.lx.cue(cat, d.toks, k); w != "" && w != "named" {
			return w
		}
	}
	if named {
		return v
	}
	return ""
}

// onlyEvent reports whether the sentence names no event but ev and the
// other events the article reports ("the ACMC Conference and AEMF Forum
// have met every year since 2015", said the host in his speech).
func (d *resolved) onlyEvent(ms []*ment, ev string) bool {
	for _, m := range ms {
		if m.typ == Event && m.id != ev && !slices.Contains(d.focus, m.id) {
			return false
		}
	}
	return true
}

// isVenue reports whether a place mention is where something happens ("in
// Hanoi", "à Wuhan", "dans la ville de Hué") rather than who comes.
func (d *resolved) isVenue(m *ment) bool {
	return (m.typ == City || m.typ == Country) && d.venueBefore(m.i)
}

// venueBefore reports whether the place name at token i follows a venue
// preposition, maybe through a determiner, words for kinds of places, an
// adjective after one and "of"/"de" ("in the capital Phnom Penh", "dans la
// ville côtière de Quy Nhon", "in the city of Osaka").
func (d *placed) venueBefore(i int) bool {
	a, _ := d.sentRange(d.toks[i].sent)
	for k, n := i-1, 0; k >= a && n < 6; k, n = k-1, n+1 {
		t := &d.toks[k]
		if d.in(t, listVenuePrep) {
			return true
		}
		if t.punct == '-' && !t.space && k > a && d.toks[k-1].word && !d.toks[k-1].cap && k+1 < i && !d.toks[k+1].cap {
			k, n = k-1, n-1 // "the south-central city of": one adjective, read as its last word
			continue
		}
		if t.punct == ',' && n > 0 {
			// an apposition to a venue: "in Hoi An city, the central
			// province of Quang Nam"
			for q := k - 1; q >= a && q >= k-4; q-- {
				if c := d.placeAt[q]; c.p != nil && !c.demonym && c.end >= k-1 && c.end <= k {
					return d.venueBefore(q)
				}
			}
			return false
		}
		afterKind := k > a && d.inAt(k-1, listPlaceKind)                                                     // "la ville côtière de"
		countryKind := d.placeAt[k].p != nil && d.placeAt[k].p.Type == Country && d.inAt(k+1, listPlaceKind) // "the Japanese city of"
		beforeKind := d.inAt(k+1, listPlaceKind)                                                             // "the central city of"
		if !t.word || !(d.in(t, listDefinite) || d.in(t, listPlaceKind) || (d.in(t, listVenueOf) && n == 0) || (!t.cap && (afterKind || beforeKind)) || countryKind) {
			return false
		}
	}
	return false
}

// heldIn finds where the sentence's event took place: a place after a
// "held" cue ("took place in the capital Phnom Penh", "s'est tenue à
// Hanoï", "a eu lieu le 6 mars dans la ville de Hué") when the
// sentence names the event (or refers to it) before the cue.
func (d *related) heldIn(s int, ms []*ment) {
	_, k := d.hasCue(cueHeld, s)
	if k < 0 {
		return
	}
	var evs []string
	for _, m := range ms {
		if m.typ == Event && m.j <= k {
			evs = append(evs, m.id)
		}
	}
	if len(evs) == 0 {
		return
	}
	for _, m := range ms {
		if m.i <= k || m.i > k+14 || (m.typ != City && m.typ != Country) || d.insideOther(m) {
			continue
		}
		if !d.isVenue(m) {
			continue
		}
		for _, ev := range evs {
			d.addRel(HeldIn, ev, m.id, nil, s)
		}
		return
	}
}

// gatheredIn finds where an event was held from a gathering before it:
// "Mayors of 20 cities gathered in the central city of Hue on May 5 for
// the 3rd Asia-Europe Mayors Forum", "les maires se sont réunis à
// Hué pour le Festival": a gather cue, a venue after it, then (within a
// few words, in the same clause) a gatherfor cue right before the event's
// name.
func (d *related) gatheredIn(s int, ms []*ment) {
	_, g := d.hasCue(cueGather, s)
	if g < 0 {
		return
	}
	var place *ment
	for _, m := range ms {
		switch {
		case m.i <= g:
		case place == nil && (m.typ == City || m.typ == Country) && m.i <= g+8 && !d.insideOther(m) && d.isVenue(m):
			place = m
		case place != nil && m.typ == Event && m.i > place.j && m.i <= place.j+12 && d.gatherForBefore(place.j, m.i) && !d.clauseBreak(place.j, m.i):
			d.addRel(HeldIn, m.id, place.id, nil, s)
			return
		}
	}
}

// clauseBreak reports whether [k, e) holds "and/et" or a semicolon: "gathered
// in Hue and praised plans for the forum in Seoul" is not the forum's venue.
func (d *related) clauseBreak(k, e int) bool {
	for q := k; q < e; q++ {
		if d.toks[q].punct == ';' || d.inAt(q, listAnd) {
			return true
		}
	}
	return false
}

// occasionIn finds where an event was held from a venue named before an
// occasion cue that the event follows: "to be signed in Perth in June
// on the occasion of the 3rd Trade Week", "présentée à Nantes du 14 au
// 28 septembre, lors du Festival de la gastronomie"; within twelve tokens, in the same clause.
func (d *related) occasionIn(s int, ms []*ment) {
	_, o := d.hasCue(cueOccasion, s)
	if o < 0 {
		return
	}
	e, _ := d.x.lx.cue(cueOccasion, d.toks, o)
	var ev *ment
	for _, m := range ms {
		if m.typ == Event && m.i >= e && m.i <= d.skipArticles(e)+1 {
			ev = m
			break
		}
	}
	if ev == nil || ev.coref {
		return
	}
	var place *ment
	for _, m := range ms {
		if m.j <= o && m.i >= o-12 && (m.typ == City || m.typ == Country) && !d.placeAt[m.i].demonym && !d.insideOther(m) && d.isVenue(m) {
			place = m // not "dans la ville tchèque": a city of that country
		}
	}
	if place != nil && !d.clauseBreak(place.j, o) {
		d.addRel(HeldIn, ev.id, place.id, nil, s)
	}
}

// gatherForBefore reports whether a gatherfor cue in [k, e) ends at e,
// or before a determiner at e-1 ("for the", "pour le").
func (d *related) gatherForBefore(k, e int) bool {
	for q := max(k, e-5); q < e; q++ {
		if !d.x.lx.mayCue(cueGatherFor, &d.toks[q]) {
			continue
		}
		if end, v := d.x.lx.cue(cueGatherFor, d.toks, q); v != "" && (end == e || end == e-1 && d.inAt(e-1, listDefinite)) {
			return true
		}
	}
	return false
}

// hostedBy finds the hosts of the sentence's event: every place or body
// listed after a "hosted by" cue ("co-hosted by X and Y", "organisées
// conjointement par X, Y et par Z"); the event is named before the cue,
// after the list ("Co-hosted by X, the event ...") or is the sentence's
// context event.
func (d *related) hostedBy(s int, ms []*ment) {
	_, k := d.hasCue(cueHostedBy, s)
	if k < 0 {
		return
	}
	hosts := d.listAfter(ms, d.cueEnd(cueHostedBy, k), City, Country, Organization)
	if len(hosts) == 0 {
		return
	}
	ev := ""
	for _, m := range ms {
		if m.typ == Event && (m.j <= k || ev == "") {
			ev = m.id
		}
	}
	if ev == "" {
		ev = d.contextEvent(s)
	}
	for _, h := range hosts {
		d.addRel(HostedBy, ev, h.id, nil, s)
	}
}

// cueEnd returns the token after the cue of the category at token k.
func (d *tokenized) cueEnd(cat cueCat, k int) int {
	e, _ := d.x.lx.cue(cat, d.toks, k)
	return e
}

// listAfter returns the mentions of the given types listed after token k:
// the first within a few words of k, then each one separated from the
// previous only by list separators, determiners, prepositions and words
// for kinds of places ("X, Y et la ville de Z", "A and B", "(C, D)").
func (d *resolved) listAfter(ms []*ment, k int, types ...string) []*ment {
	var out []*ment
	prev := k
	for _, m := range ms {
		if m.i < prev || d.insideOther(m) || (m.typ == Country && d.placeAt[m.i].demonym) {
			continue // "the Vietnamese Embassy": the embassy
		}
		ok := false
		for _, t := range types {
			ok = ok || m.typ == t
		}
		if !ok {
			if len(out) > 0 && m.typ != Country {
				break
			}
			continue
		}
		gap := 0
		for g := prev; g < m.i; g++ {
			if t := &d.toks[g]; !(t.punct == ',' || t.punct == '(' || t.punct == ')' || t.punct == '\'' || d.isDeterminer(t.key) || d.x.lx.listWords[t.key] || d.in(t, listPlaceKind) || d.placeAt[g].demonym) {
				gap++
			}
		}
		if (len(out) == 0 && gap > 3) || (len(out) > 0 && gap > 0) {
			break
		}
		out = append(out, m)
		prev = m.j
	}
	return out
}

// showsAtTheirPlace gives a festival, fair or exhibition named after one
// locality ("the Hue Festival", "le Festival du patrimoine minier de X",
// events.tsv "show") that the article places nowhere else HELD_IN that
// locality: such events are held in the place they are named after.
func (d *related) showsAtTheirPlace() {
	var held map[string]bool
	for _, id := range d.order {
		b := d.ents[id]
		if b.e.Type != Event || len(b.parties) != 1 || !d.isShow(id) || d.ents[b.parties[0]] == nil {
			continue
		}
		if held == nil {
			held = map[string]bool{}
			for _, r := range d.rels {
				if r.Type == HeldIn {
					held[r.From] = true
				}
			}
		}
		if !held[id] {
			d.addRel(HeldIn, id, b.parties[0], nil, d.toks[b.first].sent)
		}
	}
}

// nameCountriesParticipate makes the countries a gathering the article
// reports is named after take part in it ("Vietnam-France conference", "rencontres franco-
// chinoises"): two countries or more, for bilateral and multilateral
// events; and so its localities, two or more ("the Hue - Blois Culture
// Week", "A and B reviewed their cooperation at a conference held in C").
func (d *related) nameCountriesParticipate() {
	for _, id := range d.focus {
		b := d.ents[id]
		if d.isShow(id) {
			continue
		}
		if len(b.parties) >= 2 {
			for _, p := range b.parties {
				if d.ents[p] != nil {
					d.addRel(ParticipatedIn, p, id, nil, d.toks[b.first].sent)
				}
			}
		}
		cs, _ := b.e.Props["countries"].([]string)
		if len(cs) < 2 {
			continue
		}
		for _, iso := range cs {
			if p := d.x.gaz.Country(iso); p != nil {
				d.ensureCountry(p.ID)
				d.addRel(ParticipatedIn, p.ID, id, nil, d.toks[b.first].sent)
			}
		}
	}
}
