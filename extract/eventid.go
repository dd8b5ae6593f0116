package extract

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/extract/fold"
)

// findEvents recognises event names ("12e Conférence de coopération
// décentralisée Vietnam - France", "12th Conference on Việt Nam-France’s
// Decentralised Cooperation", "Sommet mondial des villes 2016 (WCS
// 2016)", "a seminar connecting X and Y took place in Z"), groups the
// names of one event within the article (clusterEvents), gives each event
// an id from its acronym or its ordinal, type, countries, parties, topic
// and year so that its names in any article and language get one id,
// marks the later uses of its acronym, and resolves references ("the
// conference", "la conférence", "the event") to the event last named of
// their type, else to the event the article reports.
func (d *resolved) findEvents() {
	evs := make([]*eventMention, len(d.eventNames))
	for k, p := range d.eventNames {
		ev := *p // clusterEvents gives it an id: the proposal stays as it was
		evs[k] = &ev
	}
	refs := d.eventRefs
	d.clusterEvents(evs)
	unnumbered := map[string]bool{} // id -> one of its names gives its year
	for _, ev := range evs {
		d.addEventMention(ev, ev.i, ev.j, false)
		b := d.ents[ev.id]
		b.e.Props["type"] = ev.typ
		if ev.ordinal > 0 {
			b.e.Props["ordinal"] = ev.ordinal
		}
		if len(ev.countries) > 0 && b.e.Props["countries"] == nil {
			b.e.Props["countries"] = append([]string(nil), ev.countries...)
		}
		if len(ev.parties) > 0 && b.parties == nil {
			b.parties = append([]string(nil), ev.parties...)
		}
		if ev.year > 0 && b.e.Props["date"] == nil {
			b.e.Props["date"] = strconv.Itoa(ev.year)
		}
		if ev.ordinal == 0 || ev.bareOrdinal() {
			unnumbered[ev.id] = unnumbered[ev.id] || ev.year > 0
		}
		if ev.acronym != "" {
			if k := ev.j + 1; k < len(d.toks) && d.cover[k] < 0 {
				d.addEventMention(ev, k, k+1, false) // "(AEMF)"
			}
		}
	}
	for id, named := range unnumbered {
		d.ents[id].ctxYear = !named && d.ctxYear > 0 // its id ends with the article's year
	}
	d.acronymMentions(evs)
	// references, in text order: the last event of their type named
	// before them, else (definite ones: "the event", "cette rencontre")
	// the event the article reports, when it was named before them
	var pending []*eventMention
	type typeOrd struct {
		typ string
		ord int
	}
	last := map[typeOrd]*eventMention{} // the last event named so far, by type and by type and ordinal
	next := 0
	for _, ref := range refs {
		for ; next < len(evs) && evs[next].i < ref.i; next++ {
			ev := evs[next]
			last[typeOrd{ev.typ, 0}] = ev
			last[typeOrd{ev.typ, ev.ordinal}] = ev
		}
		if d.covered(ref.i, ref.j) {
			continue
		}
		var to *eventMention
		if !d.x.lx.refHeads[ref.typ] {
			to = last[typeOrd{ref.typ, ref.ordinal}]
		}
		switch {
		case to != nil:
			d.addEventMention(to, ref.i, ref.j, true)
		case ref.ordinal == 0 && ref.i > 0 && d.definiteRef(ref.i-1):
			pending = append(pending, ref)
		}
	}
	d.focus = d.focusEvents()
	if f := d.focus; len(f) > 0 {
		for _, ref := range pending {
			if d.ents[f[0]].first < ref.i {
				d.addMention(f[0], Event, d.ents[f[0]].e.Name, ref.i, ref.j, true)
				d.setCover(ref.i, ref.j, len(d.ments)-1)
			}
		}
	}
}

// proposeEvents reads, once places are decided, the event names around
// the event nouns the candidates hold (readEvent: "12e Conférence de
// coopération décentralisée Vietnam - France", "Sommet mondial des villes
// 2016 (WCS 2016)", "a seminar connecting X and Y took place in Z"), with
// their evidence (ordinal, year, countries, parties, topic words,
// acronym), and the references to events ("the conference", "cette
// rencontre"), in text order; a name read ends where the next may start.
// resolve decides among them (findEvents).
func (d *placed) proposeEvents() {
	floor := 0
	for h := 0; h < len(d.toks); h++ {
		if !d.toks[h].word || d.inCaption(h) {
			continue
		}
		he, types := d.eventHeadAt(h)
		if types == nil || d.sessionOfEvent(h, he, types[0]) {
			continue
		}
		ev := d.readEvent(h, he, floor, types[0])
		if ev == nil {
			continue
		}
		if ev.named {
			d.eventNames = append(d.eventNames, ev)
			h = ev.j - 1
		} else {
			d.eventRefs = append(d.eventRefs, ev)
			h = he - 1
		}
		floor = h + 1
	}
}

func (d *resolved) addEventMention(ev *eventMention, i, j int, coref bool) {
	d.addMention(ev.id, Event, ev.name, i, j, coref)
	d.setCover(i, j, len(d.ments)-1)
}

// sessionOfEvent reports whether the head at [h, he) is a session word
// followed by the event it is a session of ("the 9th meeting of the
// Joint Committee"): that event's name takes the ordinal.
func (d *placed) sessionOfEvent(h, he int, typ string) bool {
	if !d.inAt(h, listSession) || he+1 >= len(d.toks) || !d.inAt(he, listEventPrep) {
		return false
	}
	k := he + 1
	if d.inAt(k, listDefinite) && k+1 < len(d.toks) {
		k++
	}
	for n := 0; n < 4 && k < len(d.toks) && d.toks[k].sent == d.toks[h].sent; n, k = n+1, k+1 {
		if _, v := d.eventHeadAt(k); v != nil && v[0] != typ && !d.x.lx.refHeads[v[0]] {
			return true
		}
		if t := &d.toks[k]; !(t.cap || t.punct == '-' || d.countryAt(k) != "") {
			return false
		}
	}
	return false
}

// describedEvent reads an event introduced by an indefinite article and
// said to have taken place ("A seminar linking X and Y was held in
// Osaka", "Une conférence ... a eu lieu le 6 mars à Hué"):
// it has no name, so its identity is its type, countries, place and year,
// and its description is its surface.
func (d *placed) describedEvent(ev *eventMention) {
	_, k := d.hasCue(cueHeld, d.toks[ev.i].sent)
	// "X held an investment promotion conference in Y", "X a organisé
	// un séminaire à Y": the cue before the event, the venue after it
	active := k >= 0 && k < ev.i && k >= ev.i-6 // "held on May 5 a conference"
	if !active && (k < ev.j || k > ev.j+25) {
		return
	}
	from := k + 1
	if active {
		from = ev.j
	}
	_, e := d.sentRange(d.toks[ev.i].sent)
	place := ""
	for q := from; q < e && q < from+14; q++ {
		if c := d.placeAt[q]; c.p != nil && !c.demonym && d.venueBefore(q) {
			place = c.p.ID
			if c.p.Type == Country {
				continue // "in the Japanese city of Osaka": the city
			}
			break
		}
	}
	if place == "" {
		return
	}
	for q := ev.j; q < k; q++ {
		if c, end := d.countrySpan(q); c != "" {
			ev.addCountry(c)
			q = end - 1
		}
	}
	if !active {
		ev.j = k
	}
	ev.place, ev.described, ev.named = place, true, true
	for ev.j > ev.i && !d.toks[ev.j-1].word {
		ev.j--
	}
	if len(ev.countries) == 0 && len(ev.parties) == 0 {
		d.subjectParties(ev)
	}
	if ev.year == 0 {
		ev.year = d.ctxYear
	}
}

// subjectParties gives a described event with neither countries nor
// parties the localities of different countries the sentence names
// before it (not after "in/à": venues; not in a dateline): "The province of A and B province of Laos
// reviewed their cooperation at a conference held in C" is the A-B
// conference (in C), as "the A-B conference" would be.
func (d *placed) subjectParties(ev *eventMention) {
	a, _ := d.sentRange(d.toks[ev.i].sent)
	var ids []string
	countries := map[string]bool{}
	for q := a; q < ev.i; q++ {
		c := d.placeAt[q]
		if c.p == nil {
			continue
		}
		if !c.demonym && c.p.Type == City && !d.venueBefore(q) && !d.inCaption(q) && !d.inDateline(&ment{i: q, j: c.end}) && !slices.Contains(ids, c.p.ID) {
			ids = append(ids, c.p.ID)
			countries[c.p.Country] = true
		}
		q = max(q, c.end-1)
	}
	if len(ids) < 2 || len(ids) > 4 || len(countries) < 2 {
		return
	}
	for _, id := range ids {
		ev.addParty(id)
	}
}

// acronymMentions marks the later uses of the events' acronyms ("the AEMF",
// "AEMF 2024") as mentions of their events.
func (d *resolved) acronymMentions(evs []*eventMention) {
	acr := map[string]*eventMention{}
	for _, ev := range evs {
		if ev.acronym != "" {
			acr[phraseKey(acronymKey(ev.acronym))] = ev
		}
	}
	if len(acr) == 0 {
		return
	}
	for k := range d.toks {
		t := &d.toks[k]
		if !t.upper || d.cover[k] >= 0 || d.inCaption(k) {
			continue
		}
		if ev := acr[t.key]; ev != nil && k > ev.i {
			d.addEventMention(ev, k, k+1, false)
		}
	}
}

// clusterEvents gives every event name of the article its event's id and
// name. Two names are one event when one is the other's acronym ("ACMC
// Conference", "(ACMC)"), or when they have the same type and neither
// contradicts the other: ordinals and years equal or missing, countries,
// parties and topic words of one among the other's.
func (d *candidates) clusterEvents(evs []*eventMention) {
	var clusters []*eventMention // merged copies
	byAcronym := map[string]int{}
	of := make([]int, len(evs))
	for i, ev := range evs {
		of[i] = -1
		// the cluster of the acronym, else one of the last clusters (an
		// article names few events; a huge input stays linear)
		if c, ok := byAcronym[strings.ToLower(ev.acroRef)]; ok && ev.acroRef != "" {
			of[i] = c
		} else if c, ok := byAcronym[strings.ToLower(acronymKey(ev.acronym))]; ok && ev.acronym != "" {
			of[i] = c
		}
		for c := len(clusters) - 1; c >= 0 && c >= len(clusters)-maxClusterScan && of[i] < 0; c-- {
			if sameEvent(clusters[c], ev) {
				of[i] = c
			}
		}
		if of[i] >= 0 {
			clusters[of[i]].merge(ev)
			if ev.acronym != "" {
				byAcronym[strings.ToLower(acronymKey(ev.acronym))] = of[i]
			}
		}
		if of[i] < 0 {
			cp := *ev
			cp.countries = append([]string(nil), ev.countries...)
			cp.parties = append([]string(nil), ev.parties...)
			clusters = append(clusters, &cp)
			of[i] = len(clusters) - 1
			if ev.acronym != "" {
				byAcronym[strings.ToLower(acronymKey(ev.acronym))] = of[i]
			}
		}
	}
	ids := make([][2]string, len(clusters))
	for c, cl := range clusters {
		ids[c][0], ids[c][1] = d.eventIdentity(cl)
	}
	for i, ev := range evs {
		ev.id, ev.name = ids[of[i]][0], ids[of[i]][1]
	}
}

// maxClusterScan bounds how many earlier events a name is compared with.
const maxClusterScan = 64

// sameEvent reports whether the event name b names the event of cluster a.
func sameEvent(a, b *eventMention) bool {
	if a.acronym != "" && (strings.EqualFold(acronymKey(b.acronym), acronymKey(a.acronym)) || strings.EqualFold(b.acroRef, acronymKey(a.acronym))) {
		return true
	}
	if a.typ != b.typ || (a.ordinal != 0 && b.ordinal != 0 && a.ordinal != b.ordinal) || (a.year != 0 && b.year != 0 && a.year != b.year) {
		return false
	}
	if a.acronym != "" && b.acronym != "" {
		return false
	}
	if a.ordinal != b.ordinal && len(a.topics)+len(a.countries) > 0 && len(b.topics)+len(b.countries) > 0 {
		// "the 12th conference on X" and "the conference on X": one event
		// only when the unnumbered one adds nothing
		if a.ordinal == 0 && !subset(a.topics, b.topics) || b.ordinal == 0 && !subset(b.topics, a.topics) {
			return false
		}
	}
	return (subset(a.countries, b.countries) || subset(b.countries, a.countries)) &&
		(subset(a.parties, b.parties) || subset(b.parties, a.parties)) &&
		(subset(a.topics, b.topics) || subset(b.topics, a.topics)) && a.place == b.place
}

// acronymKey is the acronym proper of an event's acronym ("WCS 2016": "WCS").
func acronymKey(a string) string {
	if f := strings.Fields(a); len(f) > 0 {
		return f[0]
	}
	return ""
}

func subset(a, b []string) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}

// merge adds what another name of the same event says.
func (ev *eventMention) merge(o *eventMention) {
	if ev.ordinal == 0 {
		ev.ordinal = o.ordinal
	}
	if ev.year == 0 {
		ev.year = o.year
	}
	if ev.acronym == "" {
		ev.acronym = o.acronym
	}
	if ev.quoted == "" {
		ev.quoted = o.quoted
	}
	if len(o.topics) > len(ev.topics) {
		ev.topics = o.topics
	}
	for _, c := range o.countries {
		ev.addCountry(c)
	}
	for _, p := range o.parties {
		ev.addParty(p)
	}
}

// eventIdentity returns the id and English name of an event. An event
// with an acronym is known by it and its year ("event:aemf-2024"), the same
// in every language; others by ordinal, type, countries, parties, topic
// words and, when unnumbered, year (the name's, else the article's): so
// different editions never share an id. An ordinal and a type alone ("the
// 11th session of the Joint Commission") name no series, since many
// commissions and forums have an 11th: such an event is dated like an
// unnumbered one.
func (d *candidates) eventIdentity(ev *eventMention) (string, string) {
	dated := ev.ordinal == 0 || ev.bareOrdinal()
	year := ev.year
	if year == 0 && dated {
		year = d.ctxYear
	}
	var parts []string
	if ev.acronym != "" && ev.ordinal == 0 {
		parts = append(parts, fold.Slug(acronymKey(ev.acronym)))
	} else {
		countries := append([]string(nil), ev.countries...)
		sort.Strings(countries)
		topics := append([]string(nil), ev.topics...)
		sort.Strings(topics)
		parties := append([]string(nil), ev.parties...)
		sort.Strings(parties)
		if ev.ordinal > 0 {
			parts = append(parts, strconv.Itoa(ev.ordinal))
		}
		parts = append(parts, strings.ReplaceAll(ev.typ, " ", "-"))
		for _, c := range countries {
			parts = append(parts, strings.ToLower(c))
		}
		for _, p := range parties {
			parts = append(parts, p[strings.IndexByte(p, ':')+1:])
		}
		parts = append(parts, topics...)
		if ev.place != "" {
			parts = append(parts, ev.place[strings.IndexByte(ev.place, ':')+1:])
		}
	}
	if dated && year > 0 {
		parts = append(parts, strconv.Itoa(year))
	}
	id := "event:" + strings.Join(parts, "-")
	// English display name
	var b []string
	if ev.ordinal > 0 {
		b = append(b, ordinalEN(ev.ordinal))
	}
	var names []string
	for _, c := range ev.countries {
		if p := d.x.gaz.Country(c); p != nil {
			names = append(names, p.Name)
		} else {
			names = append(names, c)
		}
	}
	for _, id := range ev.parties {
		if p := d.x.gaz.ByID(id); p != nil {
			names = append(names, p.Name)
		}
	}
	if len(names) > 0 {
		b = append(b, strings.Join(names, "-"))
	}
	if ev.quoted != "" {
		b = append(b, ev.quoted)
	} else {
		for _, t := range ev.topics {
			b = append(b, titleWord(t))
		}
	}
	b = append(b, titleWord(ev.typ))
	if ev.place != "" {
		if p := d.x.gaz.ByID(ev.place); p != nil {
			b = append(b, "in", p.Name)
		}
	}
	if dated && year > 0 {
		b = append(b, strconv.Itoa(year))
	}
	return id, strings.Join(b, " ")
}

// bareOrdinal reports whether an event's identity would be its ordinal
// and type only: no countries, parties, topic words, place or quoted name.
func (ev *eventMention) bareOrdinal() bool {
	return ev.ordinal > 0 && len(ev.countries) == 0 && len(ev.parties) == 0 && len(ev.topics) == 0 && ev.place == "" && ev.quoted == ""
}
