package extract

import "strings"

// Acronyms bound to their expansion in the same article: "Agence
// française de développement (AFD)", "UCLG (United Cities and Local
// Governments)". The acronym becomes an alias of the body (or event)
// the expansion names, and a later bare "AFD" is a mention of it, before
// any well-known body of data/orgs.tsv that shares the letters. The
// expansion is found by the letters of the acronym, in order, each one
// starting a word or inside one, the first starting the first word
// (Schwartz and Hearst, "A simple algorithm for identifying abbreviation
// definitions in biomedical text", PSB 2003).

// acronymAt reports whether token i is an acronym: two to eight letters
// or digits, all capitals.
func (d *tokenized) acronymAt(i int) bool {
	t := &d.toks[i]
	return t.word && t.upper && len(t.key) >= 2 && len(t.key) <= 8
}

// bindAcronym reads "EXPANSION (ACR)" or "ACR (EXPANSION)" at token i
// (the acronym or the expansion's first token) and returns the end of what
// it recorded.
func (d *resolved) bindAcronym(i int) (int, bool) {
	// "ACR (EXPANSION)"
	if d.acronymAt(i) && i+2 < len(d.toks) && d.toks[i+1].punct == '(' && d.acronyms[d.toks[i].key] == "" {
		close := i + 2
		for close < len(d.toks) && close < i+16 && d.toks[close].punct != ')' && d.toks[close].sent == d.toks[i].sent {
			close++
		}
		if close < len(d.toks) && d.toks[close].punct == ')' && !d.covered(i+2, close) {
			if s := d.longForm(d.toks[i].key, i+2, close); s == i+2 && d.orgLike(s, close) {
				id := d.addOrgSpan(s, close)
				d.acronymMention(i, id)
				return close + 1, true
			}
		}
	}
	return i, false
}

// bindAfter binds "(ACR)" after a mention or an expansion ending at token
// p (the opening parenthesis).
func (d *resolved) bindAfter(p int) {
	if p < 1 || p+2 >= len(d.toks) || d.toks[p].punct != '(' || !d.acronymAt(p+1) || d.toks[p+2].punct != ')' {
		return
	}
	key := d.toks[p+1].key
	if d.acronyms[key] != "" || d.cover[p+1] >= 0 {
		return
	}
	if m := d.cover[p-1]; m >= 0 {
		mm := d.ments[m]
		if mm.typ == Event {
			d.acronymMention(p+1, mm.id)
		}
		if mm.typ != Organization {
			return
		}
		// "Agence coréenne de coopération internationale (KOICA)": the
		// well-known body of the acronym
		// (unless the letters spell the expansion: "Asian Municipal
		// Federation (AMF)" is not the well-known AMF)
		if _, es := d.knownOrgAt(p + 1); es != nil && d.longForm(key, mm.i, mm.j) == mm.i {
			d.acronymMention(p+1, mm.id)
			return
		}
		if j, ok := d.knownOrg(p + 1); ok && j == p+2 {
			known := d.ments[len(d.ments)-1].id
			d.retarget(mm, known)
			d.bindKey(key, known)
			return
		}
		d.acronymMention(p+1, mm.id)
		return
	}
	a, _ := d.sentRange(d.toks[p].sent)
	from := max(a, p-2*len(key)-4)
	for k := p - 1; k >= from; k-- {
		if d.cover[k] >= 0 || d.toks[k].punct == ',' || d.toks[k].punct == '(' || d.toks[k].punct == ')' {
			from = k + 1
			break
		}
	}
	if s := d.longForm(key, from, p); s >= 0 && d.orgLike(s, p) {
		d.acronymMention(p+1, d.addOrgSpan(s, p))
	}
}

// longForm returns the first token of the shortest expansion of acr that
// ends at token e and starts at or after token from, or -1.
func (d *tokenized) longForm(acr string, from, e int) int {
	var letters []byte
	var owner []int
	var starts []bool
	words := 0
	for k := from; k < e; k++ {
		t := &d.toks[k]
		if !t.word {
			continue
		}
		for c := 0; c < len(t.key); c++ {
			letters = append(letters, t.key[c])
			owner = append(owner, k)
			starts = append(starts, c == 0)
		}
	}
	li := len(letters) - 1
	for a := len(acr) - 1; a >= 0; a-- {
		for li >= 0 && (letters[li] != acr[a] || (a == 0 && !starts[li])) {
			li--
		}
		if li < 0 {
			return -1
		}
		if a == 0 {
			s := owner[li]
			for k := s; k < e; k++ {
				if d.toks[k].word {
					words++
				}
			}
			if words > 2*len(acr)+2 {
				return -1
			}
			return s
		}
		li--
	}
	return -1
}

// orgLike reports whether the expansion [s, e) names a body: it has an
// organisation head, or is all capitalised words of which none names an
// agreement, a programme or a place type ("Bretagne Commerce
// International", not "Vietnam-Korea Free Trade Agreement").
func (d *candidates) orgLike(s, e int) bool {
	if s < 0 || e <= s || !(d.toks[s].cap || d.toks[s].upper) {
		return false
	}
	capital := true
	for k := s; k < e; k++ {
		t := &d.toks[k]
		if !t.word {
			continue
		}
		if _, ws := d.orgWordAt(k); ws != nil {
			return true
		}
		if d.x.lx.nonName[t.key] == "thing" || d.x.lx.eventHeads.full[t.key] != nil {
			return false
		}
		if !(t.cap || t.upper || d.in(t, listConnector) || d.in(t, listFrPrep)) {
			capital = false
		}
	}
	return capital
}

// addOrgSpan records the organisation named by its surface over [s, e)
// and returns its id.
func (d *resolved) addOrgSpan(s, e int) string {
	name := d.personName(s, e)
	id := slugID("org", name)
	d.addMention(id, Organization, name, s, e, false)
	d.setCover(s, e, len(d.ments)-1)
	return id
}

// retarget makes m a mention of entity id instead of its own, dropping
// the entity it named when no other mention is left.
func (d *resolved) retarget(m *ment, id string) {
	old := d.ents[m.id]
	s, e := d.span(m.i, m.j)
	for k, mn := range old.e.Mentions {
		if mn.Start == s && mn.End == e {
			old.e.Mentions = append(old.e.Mentions[:k], old.e.Mentions[k+1:]...)
			break
		}
	}
	old.count--
	if old.count == 0 {
		delete(d.ents, m.id)
		for k, o := range d.order {
			if o == m.id {
				d.order = append(d.order[:k], d.order[k+1:]...)
				break
			}
		}
	}
	b := d.ents[id]
	b.e.Mentions = append(b.e.Mentions, Mention{Doc: d.doc.ID, Start: s, End: e, Text: d.text[s:e]})
	b.addName(d.text[s:e])
	b.count++
	if m.i < b.first {
		b.first = m.i
	}
	m.id = id
}

// acronymMention records the acronym at token i as an alias of id.
func (d *resolved) acronymMention(i int, id string) {
	d.bindKey(d.toks[i].key, "")
	if d.acronyms == nil {
		d.acronyms = map[string]string{}
	}
	if _, ok := d.acronyms[d.toks[i].key]; !ok {
		d.acronyms[d.toks[i].key] = id
	}
	b := d.ents[id]
	d.addMention(id, b.e.Type, b.e.Name, i, i+1, false)
	d.setCover(i, i+1, len(d.ments)-1)
}

// bindKey makes the acronym map and binds key to id (when id is set).
func (d *resolved) bindKey(key, id string) {
	if d.acronyms == nil {
		d.acronyms = map[string]string{}
	}
	if id != "" {
		d.acronyms[key] = id
	}
}

// boundAcronym records a bare acronym bound earlier in the article.
func (d *resolved) boundAcronym(i int) (int, bool) {
	if !d.acronymAt(i) {
		return i, false
	}
	id := d.acronyms[d.toks[i].key]
	if id == "" {
		return i, false
	}
	d.acronymMention(i, id)
	return i + 1, true
}

// initialsOf returns the initials of a name's words, without and with its
// function words: "Communist Party of Chile" -> "cpc", "cpoc".
func (x *Extractor) initialsOf(name string) (string, string) {
	lx := x.lx
	var content, all strings.Builder
	for _, t := range tokenize(name, 0, len(name), 0, nil) {
		if !t.word || t.key == "" {
			continue
		}
		all.WriteByte(t.key[0])
		if !lx.connectors[t.key] && !lx.enJoiners[t.key] && !lx.frPreps[t.key] && !x.words.possessive[t.key] {
			content.WriteByte(t.key[0])
		}
	}
	return content.String(), all.String()
}

// initialAcronyms binds bare acronyms to the article's bodies whose
// initials they spell ("CPC" after "Communist Party of Chile"), when one
// body only does.
func (d *resolved) initialAcronyms() {
	var byInitials map[string]string // spelled at the first bare acronym: most articles have none
	for i := range d.toks {
		if !d.acronymAt(i) || d.cover[i] >= 0 || d.placeAt[i].p != nil || d.inCaption(i) {
			continue
		}
		if byInitials == nil {
			byInitials = d.bodyInitials()
		}
		if id := byInitials[d.toks[i].key]; id != "" && id != "-" {
			d.acronymMention(i, id)
		}
	}
}

// bodyInitials maps the initials of the article's bodies (initialsOf, at
// least 3 letters) to the body's id, "-" when two bodies share them.
func (d *resolved) bodyInitials() map[string]string {
	byInitials := map[string]string{}
	for _, id := range d.order {
		b := d.ents[id]
		if b.e.Type != Organization || b.count == 0 {
			continue
		}
		c, a := d.x.initialsOf(b.e.Name)
		for _, k := range []string{c, a} {
			if len(k) < 3 {
				continue
			}
			if old, ok := byInitials[k]; ok && old != id {
				byInitials[k] = "-"
			} else {
				byInitials[k] = id
			}
		}
	}
	return byInitials
}
