package extract

// partners finds the partnerships a sentence states: pairs after
// "between/entre" ("cooperation between A and B", "entre A et B, C et D",
// "entre A avec B, C et D"), a locality and the list after "with/avec"
// ("A signed partnerships with B, C and D", "A est jumelée avec B, C et
// D"), else the two localities (or countries) of a sentence with a
// partnership cue ("A and B became sister cities", "the two cities").
// Localities of one country are not partners of each other (a ward and
// its city, two districts). A partnership planned or discussed ("will
// sign", "envisagent de signer") is not one yet and is left out.
func (d *related) partners(s int, ms []*ment) {
	cue, cueAt := d.hasCue(cuePartner, s)
	_, tieAt := d.hasCue(cueTie, s)
	if cue == "" && tieAt < 0 {
		return
	}
	at := cueAt
	if at < 0 || (tieAt >= 0 && tieAt < at) {
		at = tieAt
	}
	if p, k := d.hasCue(cuePlanned, s); p != "" && k < at && k >= at-8 {
		if o, _ := d.hasCue(cueOngoing, s); o == "" {
			return // "will sign a twinning agreement", "envisagent de signer"
		}
	}
	props := map[string]any{"kind": d.partnerKind(s)}
	if y := d.sinceYear(s, at); y > 0 {
		props["since"] = y
	}
	var pairs [][2]*ment
	seenWith := false
	a, b := d.sentRange(s)
	for k := at + 1; k < b && len(pairs) == 0; k++ {
		switch {
		case d.inAt(k, listPairBetween):
			pairs = d.betweenPairs(ms, k+1)
			if len(pairs) > 0 {
				pairs = append(pairs, d.moreBetween(ms, k+1, b)...)
			}
		case d.inAt(k, listPairWith) && !seenWith:
			// the first "with" only: a place after it is a partner, not the
			// subject of a later "et avec" (moreWith reads a second cue's)
			seenWith = true
			anchor := d.placeBefore(ms, k, a)
			if anchor == nil {
				anchor = d.kindBefore(ms, a, k) // "la province a noué des relations avec …"
			}
			if anchor != nil {
				l := d.placeList(ms, k+1)
				for _, m := range l {
					pairs = append(pairs, [2]*ment{anchor, m.m})
				}
				if len(l) > 0 {
					pairs = append(pairs, d.moreWith(ms, anchor, l[len(l)-1].m.j, b)...)
				}
			}
		case d.inAt(k, listIncluding) && k <= at+4:
			// "Rouen compte six villes jumelles, dont Norwich et Hanovre"
			if anchor := d.placeBefore(ms, at, a); anchor != nil {
				for _, m := range d.placeList(ms, k) {
					pairs = append(pairs, [2]*ment{anchor, m.m})
				}
			}
		}
	}
	if len(pairs) == 0 {
		pairs = d.dashPairs(ms)
	}
	if len(pairs) == 0 && (cue != "" || d.twoCue(s)) {
		pairs = d.twoParties(s, ms) // "cooperation between the two cities"
	}
	if len(pairs) == 0 && cue != "" {
		pairs = d.kindAndPlace(s, ms) // "the province and Tochigi prefecture signed"
	}
	if len(pairs) == 0 && tieAt >= 0 {
		pairs = d.coordinatedBefore(ms, tieAt) // "Kagawa and Hue set up friendly relations in 2016"
	}
	if len(pairs) == 0 && props["kind"] == "twinning" {
		pairs = d.twinOfSalient(ms)
	}
	for _, p := range pairs {
		if d.partnersOK(p[0], p[1]) {
			d.addRel(PartnerOf, p[0].id, p[1].id, cloneProps(props), s)
		}
	}
}

// partnerKind is the most specific kind of partnership the sentence names
// (data/cues.tsv "kind", most specific first), "partnership" by default.
func (d *tokenized) partnerKind(s int) string {
	kind := ""
	rank := d.x.lx.kindRank
	a, b := d.sentRange(s)
	for k := a; k < b; k++ {
		if !d.x.lx.mayCue(cueKind, &d.toks[k]) {
			continue
		}
		if _, v := d.x.lx.cue(cueKind, d.toks, k); v != "" && (kind == "" || rank[v] < rank[kind]) {
			kind = v
		}
	}
	if kind == "" {
		return "partnership"
	}
	return kind
}

// partnersOK reports whether two places can be partners: both localities
// of different countries (from the gazetteer, or for a unit the article
// names, "the Dutch province of Zeeland", from its words), or both
// countries.
func (d *placed) partnersOK(x, y *ment) bool {
	if x.id == y.id || x.typ != y.typ {
		return false
	}
	if x.typ == City {
		px, py := d.place(x.id), d.place(y.id)
		return px != nil && py != nil && px.Country != py.Country
	}
	return x.typ == Country
}

// listed is a place of a list with the separator before it.
type listed struct {
	m   *ment
	sep string // "", ",", "and", "with"
}

// placeList reads the places listed from token k: names separated by
// commas, "and"/"et", "with"/"avec", determiners, words for kinds of
// places and "of"/"de" ("la province de Ninh Binh"); a place in parentheses
// after another is where that one lies ("Cau Giay (Hanoi)"), not a member.
func (d *resolved) placeList(ms []*ment, k int) []listed {
	var out []listed
	sep := ""
	including := false // "with 20 cities, including A, B and C"
	for _, m := range ms {
		if m.i < k || d.insideBody(m) || d.placeAt[m.i].demonym {
			continue // "the Canadian province of Quebec": Quebec
		}
		if m.typ != City && m.typ != Country {
			break
		}
		ok := true
		for g := k; g < m.i && ok; g++ {
			t := &d.toks[g]
			switch {
			case len(out) == 0 && !including && g < k+8 && d.in(t, listIncluding):
				including = true
			case len(out) == 0 && including:
			case t.punct == ',' || t.punct == ';':
				sep = ","
			case t.word && d.in(t, listPairAnd):
				sep = "and"
			case t.word && d.in(t, listPairWith):
				sep = "with"
			case t.punct == '(' && len(out) > 0:
				ok = false
			case d.placeAt[g].demonym:
				g = max(g, d.placeAt[g].end-1) // "la ville sud-coréenne de Gimhae"
			case t.punct == '\'' || t.punct == ')' || d.in(t, listDefinite) || d.in(t, listPlaceKind) || d.in(t, listOfShort) || d.cover[g] >= 0 && d.ments[d.cover[g]].typ == Country:
			case len(out) == 0 && g < k+8 && d.includingAhead(g, m.i):
				// the words before "including"
			default:
				ok = false
			}
		}
		if !ok {
			break
		}
		if m.typ == Country && m.j+1 < len(d.toks) && d.toks[m.j].punct == '\'' && d.inAt(m.j+1, listPossessive) {
			k = m.j + 2 // "with France's Gironde department": where the member lies
			continue
		}
		if len(out) > 0 && sep == "," && d.seatBefore(out[len(out)-1].m.j, m.i) {
			// "Pakse, the capital of Champasak, and ...": where the
			// member before lies, not a member
			sep, k = "", m.j
			continue
		}
		out = append(out, listed{m, sep})
		sep = ""
		k = m.j
		if k < len(d.toks) && d.toks[k].punct == '(' {
			// "Ninh Binh (Vietnam)": skip the parenthesis
			for k < len(d.toks) && d.toks[k].punct != ')' && k < m.j+6 {
				k++
			}
			k++
		}
	}
	return out
}

// moreBetween reads the pairs after the later "between/entre" of a
// sentence from token k (to b): "a memorandum between A and B on
// tourism, an agreement between C and D on waste".
func (d *related) moreBetween(ms []*ment, k, b int) [][2]*ment {
	var out [][2]*ment
	for ; k < b; k++ {
		if d.inAt(k, listPairBetween) {
			out = append(out, d.betweenPairs(ms, k+1)...)
		}
	}
	return out
}

// moreWith reads, after the list of a first "A signed X with B" that ends
// at token k, the places of a second "and Y with C" in the sentence (up
// to b): a partnership cue, then "with/avec" and a list, whose partner is
// A too ("Can Tho signed a twinning agreement with Tainan and a memorandum
// of understanding with Udon Thani").
func (d *related) moreWith(ms []*ment, anchor *ment, k, b int) [][2]*ment {
	var out [][2]*ment
	cue := false
	for ; k < b; k++ {
		if d.x.lx.mayCue(cuePartner, &d.toks[k]) {
			if e, v := d.x.lx.cue(cuePartner, d.toks, k); v != "" {
				cue, k = true, e-1
				continue
			}
		}
		if !cue || !d.inAt(k, listPairWith) {
			continue
		}
		l := d.placeList(ms, k+1)
		for _, m := range l {
			out = append(out, [2]*ment{anchor, m.m})
		}
		if len(l) > 0 {
			k = l[len(l)-1].m.j - 1
		}
		cue = false
	}
	return out
}

// seatBefore reports whether the tokens [g, e) between two places are a
// comma and a seat word with "of/de" ("Pakse, the capital of
// Champasak", "Pakse, chef-lieu de la province de Champassak"): the
// second place says where the first lies.
func (d *resolved) seatBefore(g, e int) bool {
	if g >= e || d.toks[g].punct != ',' {
		return false
	}
	seat := false
	for q := g + 1; q < e && q < g+9; q++ {
		t := &d.toks[q]
		switch {
		case t.word && d.in(t, listSeat):
			seat = true
		case seat && t.word && (d.in(t, listOfShort) || d.in(t, listOf)):
			return true
		case t.word && t.cap, t.num, t.punct == ',' || t.punct == ';' || t.punct == '(':
			return false
		}
	}
	return false
}

// betweenPairs reads the pairs after "between/entre": "A and B", "A et
// B, C et D", "A avec B, C et D".
func (d *resolved) betweenPairs(ms []*ment, k int) [][2]*ment {
	l := d.placeList(ms, k)
	switch {
	case len(l) == 2 && l[1].sep != ",":
		return [][2]*ment{{l[0].m, l[1].m}}
	case len(l) >= 2 && l[1].sep == "with":
		var out [][2]*ment
		for _, x := range l[1:] {
			out = append(out, [2]*ment{l[0].m, x.m})
		}
		return out
	case len(l) >= 4 && len(l)%2 == 0:
		var out [][2]*ment
		for i := 0; i+1 < len(l); i += 2 {
			if l[i+1].sep != "and" || (i > 0 && l[i].sep != ",") {
				return nil
			}
			out = append(out, [2]*ment{l[i].m, l[i+1].m})
		}
		return out
	}
	return nil
}

// placeBefore returns the last place named before token k in the
// sentence (from a), outside other names: the subject of "X signed an
// agreement with".
func (d *resolved) placeBefore(ms []*ment, k, a int) *ment {
	var last *ment
	for _, m := range ms {
		if m.j > k || m.i < a {
			break
		}
		if (m.typ == City || m.typ == Country) && !d.insideBody(m) && !d.inParens(m) && !d.venueBefore(m.i) {
			last = m // not a venue: "à Tunis, où la ville a signé un accord avec X"
		}
	}
	return last
}

// inParens reports whether a mention is in parentheses right after
// another name ("Cau Giay (Hanoi)").
func (d *tokenized) inParens(m *ment) bool {
	return m.i > 0 && d.toks[m.i-1].punct == '(' && m.j < len(d.toks) && d.toks[m.j].punct == ')'
}

// twoParties returns the pair of a sentence with exactly two localities
// (or two countries and fewer than two localities), or the two salient
// ones for "the two cities", "les deux pays".
func (d *related) twoParties(s int, ms []*ment) [][2]*ment {
	var cities, countries []*ment
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.id] || d.inParens(m) || d.inDateline(m) || d.locatesPrevious(m) {
			continue // "Tokyo (VNA) - ": where the news comes from
		}
		seen[m.id] = true
		switch m.typ {
		case City:
			cities = append(cities, m)
		case Country:
			countries = append(countries, m)
		}
	}
	if v, _ := d.hasCue(cueTwoCities, s); v != "" && len(cities) < 2 {
		cities = d.salientMents(City)
	}
	if v, _ := d.hasCue(cueTwoCountries, s); v != "" && len(countries) < 2 {
		countries = d.salientMents(Country)
	}
	switch {
	case len(cities) == 2:
		return [][2]*ment{{cities[0], cities[1]}}
	case len(countries) == 2 && len(cities) < 2:
		return [][2]*ment{{countries[0], countries[1]}}
	}
	return nil
}

// locatesPrevious reports whether a place mention says where the place
// named just before it lies: "la ville de Sherbrooke, au Québec,", "Lyon,
// in France" (like a place in parentheses after another).
func (d *related) locatesPrevious(m *ment) bool {
	k := m.i - 1
	if k < 2 || !d.inAt(k, listToPlace) || d.toks[k-1].punct != ',' {
		return false
	}
	return d.placeEndingAt(k-1) != nil
}

// oneLocality returns the sentence's one locality, not in parentheses or
// a body's name (nor, with skipDateline, in a dateline); nil when it
// names none or several.
func (d *related) oneLocality(ms []*ment, skipDateline bool) *ment {
	var one *ment
	for _, m := range ms {
		if m.typ != City || d.inParens(m) || d.insideBody(m) || skipDateline && d.inDateline(m) {
			continue
		}
		if one != nil && one.id != m.id {
			return nil
		}
		one = m
	}
	return one
}

// kindAndPlace pairs the one locality a partnership sentence names with
// the article's place that a definite place noun stands for: "the
// province and Tochigi prefecture signed", "la province et la préfecture
// de Tochigi ont signé", "the province signed an agreement with X" (the
// province the article names most, data/placedescr.tsv kinds), when the
// two are of different countries.
func (d *related) kindAndPlace(s int, ms []*ment) [][2]*ment {
	one := d.oneLocality(ms, true)
	if one == nil {
		return nil
	}
	a, b := d.sentRange(s)
	for k := a; k+1 < b; k++ {
		kind := d.placeNounAt(k, b)
		if kind == "" {
			continue
		}
		focus := d.foci.ofKind[kind]
		if focus == nil || focus.ID == one.id {
			continue
		}
		if p := d.place(one.id); p != nil && p.Country != focus.Country {
			return [][2]*ment{{{id: focus.ID, typ: City}, one}}
		}
	}
	return nil
}

// coordinatedBefore returns the two localities joined by "and/et" (a
// place kind word between them allowed) before token k: the subject of
// "A and B set up friendly relations", "A et B ont noué des liens".
func (d *related) coordinatedBefore(ms []*ment, k int) [][2]*ment {
	for n := 0; n+1 < len(ms); n++ {
		x, y := ms[n], ms[n+1]
		if y.j > k || x.typ != City || y.typ != City || d.insideBody(x) || d.insideBody(y) || d.inDateline(x) {
			continue
		}
		and := false
		ok := true
		for q := x.j; q < y.i && ok; q++ {
			t := &d.toks[q]
			switch {
			case t.word && d.in(t, listAnd):
				and = true
			case t.word && (d.in(t, listPlaceKind) || d.in(t, listDefinite) || d.in(t, listOfShort)) || t.punct == '\'':
			default:
				ok = false
			}
		}
		if ok && and {
			return [][2]*ment{{x, y}}
		}
	}
	return nil
}

// kindBefore returns the place that a definite place noun in [a, k)
// stands for ("the province", "la ville", not "the province of X"): the
// last place of that kind named before it in the sentence, a body's
// included ("selon le Service des affaires étrangères de Da Lat, la ville
// a noué …"), else the article's place of that kind; as a mention of it,
// nil if there is none.
func (d *related) kindBefore(ms []*ment, a, k int) *ment {
	for q := a; q+1 < k; q++ {
		kind := d.placeNounAt(q, k)
		if kind == "" {
			continue
		}
		var last *ment
		for _, m := range ms {
			if m.typ == City && m.j <= q {
				if p := d.place(m.id); p != nil && p.Kind == kind {
					last = m
				}
			}
		}
		if last != nil {
			return last
		}
		if focus := d.foci.ofKind[kind]; focus != nil {
			return &ment{id: focus.ID, typ: City}
		}
	}
	return nil
}

// placeNounAt returns the kind of place (data/placedescr.tsv kinds) that a
// definite article at token q and the place noun after it stand for
// ("the province", "la ville"), or "": not "the province of X", which
// names X, nor a noun with a French adjective after it ("la ville
// intelligente", "la province voisine"), nor anything reaching end.
func (d *related) placeNounAt(q, end int) string {
	if q+1 >= end || !d.inAt(q, listDefinite) || d.toks[q+1].cap || d.placeAt[q+1].p != nil || d.cover[q+1] >= 0 {
		return ""
	}
	kind := d.x.lx.placeKindOf[d.toks[q+1].key]
	if n := q + 2; kind != "" && n < end {
		if t := &d.toks[n]; d.inAt(n, listOf) || d.inAt(n, listOfShort) || d.lang == "fr" && t.word && !t.cap && d.x.lx.frenchAdjective(t.text) {
			return ""
		}
	}
	return kind
}

// salientMents returns the two most mentioned entities of a type as
// mentions (of the entity, not of a place in the text).
func (d *related) salientMents(typ string) []*ment {
	var out []*ment
	for _, id := range d.salientN(typ, 2) {
		out = append(out, &ment{id: id, typ: typ})
	}
	return out
}

// dashPairs returns the places joined by a dash in the sentence ("the
// Hue - Blois cooperation", "Vietnam-Laos friendship"), not in a
// name ("the Vietnam-Japan Forum" states no partnership).
func (d *resolved) dashPairs(ms []*ment) [][2]*ment {
	var out [][2]*ment
	for k := 1; k < len(ms); k++ {
		x, y := ms[k-1], ms[k]
		if (x.typ != City && x.typ != Country) || y.typ != x.typ || y.i != x.j+1 || !isDash(d.toks[x.j].punct) || d.insideOther(x) || d.insideOther(y) {
			continue
		}
		out = append(out, [2]*ment{x, y})
	}
	return out
}

func isDash(r rune) bool { return r == '-' || r == '\u2013' || r == '\u2014' }

// insideBody reports whether a place mention lies inside an
// organisation's name (a place inside an event's name, "cooperation
// between X and Y", still counts).
func (d *resolved) insideBody(m *ment) bool {
	c := d.cover[m.i]
	return c >= 0 && d.ments[c] != m && d.ments[c].typ != Event
}

// twinOfSalient pairs the one foreign locality of a twinning sentence
// ("l'arrondissement jumelé de X", "its sister city X") with the
// article's most mentioned locality of another country.
func (d *related) twinOfSalient(ms []*ment) [][2]*ment {
	one := d.oneLocality(ms, false)
	if one == nil {
		return nil
	}
	p := d.x.gaz.ByID(one.id)
	for _, id := range d.salientN(City, 4) {
		if q := d.x.gaz.ByID(id); q != nil && p != nil && q.Country != p.Country {
			return [][2]*ment{{one, {id: id, typ: City}}}
		}
	}
	return nil
}

// includingAhead reports whether an "including" word lies in [g, e).
func (d *tokenized) includingAhead(g, e int) bool {
	for ; g < e; g++ {
		if d.inAt(g, listIncluding) {
			return true
		}
	}
	return false
}

// twoCue reports whether the sentence refers to the two localities or
// countries of the article ("the two cities", "les deux pays").
func (d *candidates) twoCue(s int) bool {
	v, _ := d.hasCue(cueTwoCities, s)
	w, _ := d.hasCue(cueTwoCountries, s)
	return v != "" || w != ""
}

// unifyPartnerKinds gives every statement of one partnership in the
// article its most specific kind and earliest start ("leur jumelage" and
// "la coopération entre les deux villes": a twinning), so the article
// says one thing of it.
func (d *related) unifyPartnerKinds() {
	rank := d.x.lx.kindRank
	type best struct {
		kind  string
		since int
	}
	bests := map[[2]string]best{}
	for _, r := range d.rels {
		if r.Type != PartnerOf {
			continue
		}
		k := [2]string{r.From, r.To}
		b, seen := bests[k]
		kind, _ := r.Props["kind"].(string)
		if !seen || rank[kind] < rank[b.kind] {
			b.kind = kind
		}
		if y, ok := r.Props["since"].(int); ok && (b.since == 0 || y < b.since) {
			b.since = y
		}
		bests[k] = b
	}
	for i := range d.rels {
		r := &d.rels[i]
		if r.Type != PartnerOf {
			continue
		}
		b := bests[[2]string{r.From, r.To}]
		r.Props["kind"] = b.kind
		if b.since > 0 {
			r.Props["since"] = b.since
		}
	}
}
