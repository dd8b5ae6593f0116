package extract

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// relate is the fifth stage: it reads the relations stated sentence by
// sentence among the resolved mentions (partners.go, meet.go, docrel.go),
// dates the events (docdates.go), then the roles and LOCATED_IN from the
// gazetteer, and the counts of participants (quantities.go). It adds
// relations and quantities, the dates of events (evDates) and the countries
// that relations need (countries), each in its own fields: it changes
// nothing resolve decided and adds no mention.
func relate(r *resolved) *related {
	d := &related{resolved: *r, year: r.ctxYear, evDates: map[string]string{}}
	d.indexMentions()
	d.salient = map[string][]string{City: d.rankSalient(City), Country: d.rankSalient(Country)}
	d.contextEvents()
	d.relations()
	d.findQuantities()
	return d
}

// ensureCountry makes sure the country id exists as an entity of the
// result: one of resolve's, else one relate adds (countries).
func (d *related) ensureCountry(id string) {
	if _, ok := d.ents[id]; ok || slices.Contains(d.countries, id) {
		return
	}
	if p := d.x.gaz.ByID(id); p != nil {
		d.countries = append(d.countries, id)
	}
}

// sentMentions returns the mentions of sentence s in text order (ties in
// the order they were found).
func (d *related) sentMentions(s int) []*ment {
	ms := d.sentMents[s]
	return ms[:len(ms):len(ms)]
}

func (d *related) indexMentions() {
	// the mentions of every sentence in one array: counted, then placed
	// in the order of d.ments
	d.sentMents = make([][]*ment, len(d.sents))
	n := make([]int, len(d.sents)+1)
	for _, m := range d.ments {
		n[d.toks[m.i].sent+1]++
	}
	for s := 1; s < len(n); s++ {
		n[s] += n[s-1]
	}
	all := make([]*ment, len(d.ments))
	for s := range d.sentMents {
		if n[s] < n[s+1] {
			d.sentMents[s] = all[n[s]:n[s]:n[s+1]]
		}
	}
	for _, m := range d.ments {
		s := d.toks[m.i].sent
		d.sentMents[s] = append(d.sentMents[s], m)
	}
	for _, ms := range d.sentMents {
		// stable insertion sort by first token: a sentence has few mentions
		for a := 1; a < len(ms); a++ {
			for b := a; b > 0 && ms[b].i < ms[b-1].i; b-- {
				ms[b], ms[b-1] = ms[b-1], ms[b]
			}
		}
	}
}

// evidence is sentence s as evidence.
func (d *tokenized) evidence(s int) Evidence {
	st := d.sents[s]
	return Evidence{Doc: d.doc.ID, Start: st.start, End: st.end, Text: d.text[st.start:st.end]}
}

// evidenceOf returns e as the evidence list of one relation or quantity,
// taken from an array of the document's (one allocation for 32 lists);
// the list's capacity is its length, so that appending to it copies.
func (d *related) evidenceOf(e Evidence) []Evidence {
	if len(d.evSlab) == cap(d.evSlab) {
		d.evSlab = make([]Evidence, 0, 32)
	}
	n := len(d.evSlab)
	d.evSlab = append(d.evSlab, e)
	return d.evSlab[n : n+1 : n+1]
}

func (d *related) addRel(typ, from, to string, props map[string]any, s int) {
	if from == "" || to == "" || from == to {
		return
	}
	if Symmetric(typ) && to < from {
		from, to = to, from
	}
	if props == nil {
		props = map[string]any{}
	}
	d.rels = append(d.rels, Relation{Type: typ, From: from, To: to, Props: props, Evidence: d.evidenceOf(d.evidence(s))})
}

// salientN returns the n most mentioned entities of a type, City or
// Country (ties: first mentioned), for "the two cities" and "les deux
// pays". The slice is shared: callers must not modify it.
func (d *related) salientN(typ string, n int) []string {
	ids := d.salient[typ]
	return ids[:min(n, len(ids)):min(n, len(ids))]
}

// rankSalient orders the entities of a type that have mentions by their
// number of mentions (ties: first mentioned).
func (d *resolved) rankSalient(typ string) []string {
	type c struct {
		id           string
		count, first int
	}
	var cs []c
	for _, id := range d.order {
		b := d.ents[id]
		if b.e.Type == typ && b.count > 0 {
			cs = append(cs, c{id, b.count, b.first})
		}
	}
	slices.SortFunc(cs, func(a, b c) int {
		if a.count != b.count {
			return cmp.Compare(b.count, a.count)
		}
		return cmp.Compare(a.first, b.first)
	})
	out := make([]string, len(cs))
	for k := range cs {
		out[k] = cs[k].id
	}
	return out
}

// relations finds the relations stated sentence by sentence, then the
// roles and LOCATED_IN from the gazetteer.
func (d *related) relations() {
	d.eventDates()
	for s := range d.sents {
		if d.sents[s].caption {
			continue
		}
		ms := d.sentMentions(s)
		d.partners(s, ms)
		d.meetings(s, ms)
		d.reciprocalMeetings(s, ms)
		d.participation(s, ms)
		d.eventPlaces(s, ms)
		d.heldIn(s, ms)
		d.gatheredIn(s, ms)
		d.occasionIn(s, ms)
		d.hostedBy(s, ms)
	}
	d.nameCountriesParticipate()
	d.showsAtTheirPlace()
	d.unifyPartnerKinds()
	d.roles()
	for _, id := range d.order {
		b := d.ents[id]
		if b.e.Type != City || b.count == 0 {
			continue
		}
		if p := d.place(id); p != nil && p.CountryID != "" {
			d.ensureCountry(p.CountryID)
			d.addRel(LocatedIn, id, p.CountryID, nil, d.toks[b.first].sent)
		}
	}
}

// sinceYear reads when a partnership began: "since 2004", "depuis 1996",
// "the 20th anniversary of" (the article's year minus 20), "10 years of",
// "10 ans de".
// When the sentence has several, the one nearest the partnership cue at
// token cue wins ("the 50th anniversary of diplomatic relations and 10
// years of strategic partnership": 10 years).
func (d *related) sinceYear(s, cue int) int {
	a, b := d.sentRange(s)
	best, bestDist := 0, 1<<30
	consider := func(y, k int) {
		if dist := absInt(cue - k); y > 0 && dist < bestDist {
			best, bestDist = y, dist
		}
	}
	// The year an anniversary is celebrated: the one the sentence gives
	// ("in 2017 for the 50th anniversary"), else the article's.
	annivYear, inYear, annivN := d.year, 0, 0
	var annivArr [4][2]int
	anniv := annivArr[:0] // the ordinals before an anniversary word: token, n
	for k := a; k+1 < b; k++ {
		if hasPrefix(d.toks[k+1].key, d.x.words.anniversaryPrefix) {
			if n, ok := d.x.numbers.Ordinal(d.toks[k].text); ok {
				inYear, annivN = -1, n
				anniv = append(anniv, [2]int{k, n})
			}
		}
	}
	for k := a; k < b; k++ {
		t := &d.toks[k]
		if inYear < 0 && k+1 < b && d.toks[k+1].num && len(d.toks[k+1].text) == 4 && d.in(t, listInYear) {
			if y, err := strconv.Atoi(d.toks[k+1].text); err == nil && y > 1900 && y < 2100 {
				if d.year > 0 && d.year-y == annivN {
					return y // "the 30th anniversary of their relationship, established in 1993"
				}
				annivYear, inYear = y, y
			}
		}
	}
	for k := a; k < b; k++ {
		t := &d.toks[k]
		if k+1 < b && d.toks[k+1].num && len(d.toks[k+1].text) == 4 && (d.in(t, listSince) || d.in(t, listInYear)) {
			if y, err := strconv.Atoi(d.toks[k+1].text); err == nil && y > 1900 && y < 2100 && y != inYear {
				consider(y, k)
			}
		}
		if len(anniv) > 0 && anniv[0][0] == k {
			if annivYear > 0 {
				consider(annivYear-anniv[0][1], k)
			}
			anniv = anniv[1:]
		}
		if t.num && k+2 < b && d.inAt(k+1, listYears) && d.inAt(k+2, listOfShort) && d.year > 0 {
			if n, err := strconv.Atoi(t.text); err == nil && n > 0 && n < 200 {
				consider(d.year-n, k)
			}
		}
	}
	return best
}

// insideOther reports whether a place mention lies inside a body's or an
// event's name.
func (d *resolved) insideOther(m *ment) bool {
	c := d.cover[m.i]
	return c >= 0 && d.ments[c] != m
}

// sentEvent returns the event mentioned in the sentence (named or by
// reference), or "".
func sentEvent(ms []*ment) string {
	for _, m := range ms {
		if m.typ == Event {
			return m.id
		}
	}
	return ""
}

// eventPlaces finds HELD_IN ("in X" right after the event's name) and
// HOSTED_BY ("X hosts", "honoured to host"); heldIn and hostedBy
// (docrel.go) read "held in X" and "hosted by X".
func (d *related) eventPlaces(s int, ms []*ment) {
	for _, m := range ms {
		if m.typ != Event || m.coref {
			continue
		}
		_, e := d.sentRange(s)
		for k := m.j; k < e && k < m.j+9; k++ {
			t := &d.toks[k]
			if _, p := d.placeAtTok(k); p != nil && k > m.j && d.venueBefore(k) {
				// "the forum in Hanoi", "the forum in the northern province of X"
				d.addRel(HeldIn, m.id, p.ID, nil, s)
				break
			}
			if t.punct == ';' || (t.word && d.cover[k] >= 0 && d.ments[d.cover[k]].typ == Event) {
				break
			}
		}
	}
	if _, k := d.hasCue(cueHost, s); k >= 0 {
		var host, ev string
		for _, m := range ms {
			if m.j <= k && (m.typ == City || m.typ == Organization) && !d.insideOther(m) {
				host = m.id
			}
			if m.i > k && m.typ == Event && ev == "" {
				ev = m.id
			}
		}
		if host != "" && ev != "" {
			d.addRel(HostedBy, ev, host, nil, s)
		}
		if v, _ := d.hasCue(cueTwoCities, s); host == "" && ev != "" && v != "" {
			// "the two cities in co-hosting the festival"
			for _, c := range d.salientN(City, 2) {
				d.addRel(HostedBy, ev, c, nil, s)
			}
		}
	}
}

// roles turns the titles found with people into HOLDS_ROLE relations. A
// national office without a country is the country of the person's name
// (a Vietnamese name: Vietnam), which is how the domain's press writes.
func (d *related) roles() {
	for _, m := range d.ments {
		if m.typ != Person {
			continue
		}
		for _, r := range m.roles {
			d.role(m, r)
		}
	}
}

// role adds the HOLDS_ROLE relation of one role of a person's mention.
func (d *related) role(m *ment, r *role) {
	target := r.target
	title := r.title
	if target == "" && d.sents[r.sent].caption {
		return // a caption's bodies are not read: no office is guessed there
	}
	if target == "" && (r.scope == "national" || title == "President" || title == "Vice President") {
		if d.inAt(m.i, listSurnameVI) {
			if p := d.x.gaz.Country("VN"); p != nil {
				target = p.ID
				d.ensureCountry(p.ID)
			}
		}
	}
	if target == "" && r.scope == "local" {
		// "une délégation de Nantes, conduite par Mme X, adjointe au
		// maire": the delegation's locality
		if k := d.skipHonorific(m.i); d.ledByBefore(k) {
			target = d.cityBefore(k)
		}
	}
	if target == "" {
		return
	}
	if b := d.ents[target]; b != nil && b.e.Type == Organization {
		kind, _ := b.e.Props["kind"].(string)
		switch kind {
		case "peoples_committee", "peoples_council":
			title = strings.Replace(strings.Replace(title, "Vice President", "Vice Chairman", 1), "President", "Chairman", 1)
			title += " of the " + strings.TrimPrefix(b.e.Name, d.placeName(b)+" ")
		case "party_committee":
			title += " of the Party Committee"
		default:
			if kind != "" && !strings.Contains(title, " of ") {
				title += " of the " + b.e.Name
			}
		}
	}
	props := map[string]any{"title": title}
	if d.doc.Date != "" {
		props["as_of"] = d.doc.Date
	}
	d.addRel(HoldsRole, m.id, target, props, r.sent)
}

func (d *tokenized) placeName(b *entBuilder) string {
	if id, ok := b.e.Props["place"].(string); ok {
		if p := d.x.gaz.ByID(id); p != nil {
			return p.Name
		}
	}
	return ""
}

// tokenAt returns the index of the token containing byte offset off in [a, b).
// Token ends increase, so it is a binary search: a sentence of a million
// tokens costs no more than its log per call.
func (d *tokenized) tokenAt(off, a, b int) int {
	if k := a + sort.Search(b-a, func(i int) bool { return d.toks[a+i].end > off }); k < b {
		return k
	}
	return b - 1
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
