package extract

import (
	"strings"

	"github.com/kg-dev/kg/extract/gazetteer"
)

// Titles and the offices they name. A title before a name ("Deputy Prime
// Minister Trần Hồng Hà", "le maire de Lyon, Grégory Doucet", "Quebec
// Premier Marie Tremblay") or after it ("Anne Hidalgo, the Mayor of Paris",
// "X, maire de Y") gives the person a role: the title and the body or place
// whose office it is (the HOLDS_ROLE target). Coordinated titles ("General
// Secretary of the Party and President of Laos") give several roles.

// titledPerson reads "[BODY|PLACE] TITLE [of BODY|PLACE] [and TITLE …] [,]
// NAME" at token i and returns the end of the name, or i when there is none.
func (d *resolved) titledPerson(i int) int {
	j, cues := d.titleAt(i)
	if cues == nil {
		return i
	}
	cue := cues[0]
	honor := cue.scope == "honorific"
	if honor && (!d.toks[i].cap || (len(d.toks[i].key) <= 2 && !(i+1 < len(d.toks) && d.toks[i+1].punct == '.'))) {
		return i
	}
	sent := d.toks[i].sent
	if !honor && j+2 < len(d.toks) && d.toks[j].punct == '\'' && d.inAt(j+1, listPossessive) {
		if e, c := d.titleAt(j + 2); c != nil && e > j+2 {
			return i // "the UK Prime Minister's Trade Envoy X": the title after it is X's (targetBefore)
		}
	}
	if !honor {
		// "M. X, vice-président du Comité …, M. Y": a title in apposition
		// after a name is that person's
		b := i - 1
		for b > 0 && (d.inAt(b, listArticle) || d.toks[b].punct == '\'') {
			b--
		}
		if b > 0 && d.toks[b].punct == ',' && d.toks[b].sent == sent {
			m := d.cover[b-1]
			if m < 0 {
				if s := d.nameEndingAt(b); s >= 0 {
					d.addPerson(s, b)
					m = len(d.ments) - 1
				}
			}
			if m >= 0 && d.ments[m].typ == Person && d.ments[m].j == b {
				if rs := d.roleAfter(b); rs != nil {
					d.ments[m].roles = append(d.ments[m].roles, rs...)
				}
				ro := &role{}
				e := d.roleTail(j, ro)
				e, _ = d.moreRoles(e, nil)
				return max(e, i+1)
			}
		}
	}
	var roles []*role
	r := j
	if honor {
		if r < len(d.toks) && d.toks[r].punct == '.' {
			r++
		}
	} else {
		ro := &role{title: cue.role, target: d.targetBefore(i), sent: sent, scope: cue.scope}
		if i > 0 && d.inAt(i-1, listDeputy) && !strings.HasPrefix(ro.title, "Deputy") && !strings.HasPrefix(ro.title, "Vice") {
			ro.title = "Deputy " + ro.title // "Deputy Foreign Minister"
			if ro.target == "" {
				ro.target = d.targetBefore(i - 1)
			}
		}
		r = d.roleTail(r, ro)
		if ro.target == "" && i > 0 && d.x.words.itsDet[d.toks[i-1].key] {
			ro.target = d.placeBeforeIts(i - 1) // "a delegation from Khon Kaen province led by its Governor X"
		}
		if ro.target == "" && ro.scope == "local" && d.ledByBefore(i) {
			ro.target = d.cityBefore(i) // "a delegation from Gangneung, South Korea, led by Deputy Mayor X"
		}
		roles = append(roles, ro)
		r, roles = d.moreRoles(r, roles)
		r = d.skipPortfolio(r)
		if ro.target == "" && ro.scope != "national" {
			ro.target = d.localBodyBefore(i)
		}
		d.relocateBodies(roles)
	}
	if r < len(d.toks) && d.toks[r].punct == ',' {
		r++
	}
	if q, c := d.titleAt(r); c != nil && c[0].scope == "honorific" && (d.toks[r].cap || d.toks[r].upper) {
		r = q // "Deputy Prime Minister Samdech X"
		if r < len(d.toks) && d.toks[r].punct == '.' {
			r++
		}
	}
	if r >= len(d.toks) || d.toks[r].sent != sent {
		return i // the name after a title is in its sentence
	}
	e, n := d.nameShape(r)
	if n >= 2 && d.notPersonName(r, e) {
		n = 0
	}
	if n == 0 {
		// "Minister of Tourism Samdech Techo Chan Sokha": a name at the
		// end of the capitalised run after the title
		if r, e = d.runName(r); e == r {
			return i
		}
		n = 2
	}
	if d.thingNamedAfter(r, e) {
		return i
	}
	if n == 1 {
		// "Mayor Sobyanin", "M. Gricourt": one word, resolved once every
		// full name of the article is known (findPartialPeople)
		if c := d.placeAt[r]; c.p != nil && !c.p.Ambiguous {
			return i
		}
		if d.notPersonName(r, e) {
			return i
		}
		d.pending = append(d.pending, pendingName{i: r, j: e, roles: roles})
		return e
	}
	m := d.addPerson(r, e)
	m.roles = roles
	// "Governor Tanaka Ichiro of Nara Prefecture", "Mayor Anne Leroy of
	// Blois": the office after the name, when the title named none
	if len(roles) > 0 && roles[0].target == "" && e < len(d.toks) && d.toks[e].sent == sent && d.inAt(e, listOf) {
		if e2, t := d.roleComplement(e, ""); t != "" {
			roles[0].target = t
			e = e2
		}
	}
	// "les anciens SG Tran Van Kien et Ha Minh Tuan": coordinated names share the title
	if e+1 < len(d.toks) && d.inAt(e, listAnd) {
		if _, c := d.titleAt(e + 1); c != nil {
			return e // "… and Mayor X of Y": a title of its own
		}
		if e2, n2 := d.nameShape(e + 1); n2 >= 2 && !d.thingNamedAfter(e+1, e2) && !d.notPersonName(e+1, e2) {
			m2 := d.addPerson(e+1, e2)
			for _, ro := range roles {
				r2 := *ro
				m2.roles = append(m2.roles, &r2)
			}
			return e2
		}
	}
	return e
}

// placeBeforeIts returns the place named nearest before the possessive
// determiner at token k in its sentence ("… Khon Kaen province led by
// its Governor", "… la province de X, conduite par son gouverneur"), or "".
func (d *resolved) placeBeforeIts(k int) string {
	for b := k - 1; b >= 0 && b >= k-12 && d.toks[b].sent == d.toks[k].sent; b-- {
		if p := d.placeEndingAt(b + 1); p != nil {
			return p.ID
		}
	}
	return ""
}

// ledByBefore reports whether a "led by" cue ends right before token i,
// or before an article there ("led by", "headed by", "conduite par l'").
func (d *resolved) ledByBefore(i int) bool {
	for q := max(0, i-5); q < i; q++ {
		if d.x.lx.mayCue(cueLedBy, &d.toks[q]) {
			if e, v := d.x.lx.cue(cueLedBy, d.toks, q); v != "" && e <= i && d.skipArticles(e) == i {
				return true
			}
		}
	}
	return false
}

// skipHonorific returns the start of the honorific and article before a
// name starting at token i ("Mme Claire Martin", "M. X"), or i.
func (d *resolved) skipHonorific(i int) int {
	for b := max(0, i-3); b < i; b++ {
		if e, c := d.titleAt(b); c != nil && c[0].scope == "honorific" && (e == i || e < i && d.toks[e].punct == '.' && e+1 == i) {
			return b
		}
	}
	return i
}

// cityBefore returns the last locality named in the sentence before token
// i, within fifteen tokens: the place of the delegation a local office
// holder leads. "" if none.
func (d *resolved) cityBefore(i int) string {
	for b := i - 1; b >= 0 && b >= i-15 && d.toks[b].sent == d.toks[i].sent; b-- {
		if c := d.placeAt[b]; c.p != nil && !c.demonym && c.p.Type == City && c.end <= i {
			return c.p.ID
		}
	}
	return ""
}

// skipPortfolio passes over the portfolio of a title up to the comma
// before the name ("vice-présidente de la Métropole chargée des
// relations internationales, Claire Martin"; cue "portfolio"), or
// returns r.
func (d *resolved) skipPortfolio(r int) int {
	if r >= len(d.toks) || !d.toks[r].word {
		return r
	}
	k, v := d.x.lx.cue(cuePortfolio, d.toks, r)
	if v == "" {
		return r
	}
	for ; k < len(d.toks) && k < r+14 && d.toks[k].sent == d.toks[r].sent; k++ {
		if d.toks[k].punct == ',' {
			return k
		}
	}
	return r
}

// nameEndingAt returns the start of a person's name of two to four words
// ending right before token e ("Rosa Blanco Pérez, First Secretary …"),
// or -1.
func (d *resolved) nameEndingAt(e int) int {
	for s := e - 1; s >= 0 && s >= e-8; s-- {
		t := &d.toks[s]
		if t.sent != d.toks[e].sent || d.cover[s] >= 0 || !(t.word && (t.cap || t.upper) || t.punct == '-') {
			return -1
		}
		if !t.word {
			continue
		}
		if s > 0 && d.toks[s-1].word && (d.toks[s-1].cap || d.toks[s-1].upper) && (!d.stopAt(s-1) || d.vietSurnameStart(s-1)) && d.cover[s-1] < 0 {
			continue // the name starts further left ("Lê Văn Tâm, président …": Lê is no article)
		}
		if q, c := d.titleAt(s); c != nil && q > s {
			return -1
		}
		if end, n := d.nameShape(s); end == e && n >= 2 && n <= 4 && !d.notPersonName(s, e) && !d.thingNamedAfter(s, e) {
			if c := d.placeAt[s]; c.p != nil && c.end >= e {
				return -1
			}
			return s
		}
		return -1
	}
	return -1
}

// moreRoles reads coordinated titles after a first one: "and President of
// Laos", "et président du Groupe …". It returns the end and the roles.
func (d *resolved) moreRoles(r int, roles []*role) (int, []*role) {
	for r < len(d.toks) && len(roles) < 4 {
		k := d.skipComplement(r)
		if !(d.inAt(k, listAnd) || d.toks[k].punct == ',') {
			break
		}
		n := d.skipArticles(k + 1)
		j, cues := d.titleAt(n)
		if cues == nil {
			n = d.skipMember(n)
			j, cues = d.titleAt(n)
		}
		if cues == nil || cues[0].scope == "honorific" {
			if d.toks[k].punct == ',' {
				r = k
			}
			break
		}
		ro := &role{title: cues[0].role, sent: d.toks[n].sent, scope: cues[0].scope}
		r = d.roleTail(j, ro)
		roles = append(roles, ro)
	}
	return r, roles
}

// skipMember steps over "member of the Standing Committee," and "membre
// du Comité permanent," before a title: membership is not an office.
func (d *tokenized) skipMember(k int) int {
	if k >= len(d.toks) || !d.inAt(k, listMember) {
		return k
	}
	for e := k + 1; e < len(d.toks) && e < k+12 && d.toks[e].sent == d.toks[k].sent; e++ {
		if d.toks[e].punct == ',' || d.inAt(e, listAnd) {
			return d.skipArticles(e + 1)
		}
	}
	return k
}

// skipComplement steps over the rest of a title's complement that names no
// known body or place ("of the Party", "de l'Assemblée") up to the comma,
// "and" or "et" that ends it, within a few words; else it returns r.
func (d *tokenized) skipComplement(r int) int {
	if r >= len(d.toks) || d.toks[r].cap {
		return r
	}
	if !d.inAt(r, listComplement) {
		return r
	}
	for k := r + 1; k < len(d.toks) && k < r+12 && d.toks[k].sent == d.toks[r].sent; k++ {
		t := &d.toks[k]
		if t.punct == ',' || d.in(t, listAnd) {
			return k
		}
		if !t.word && t.punct != '\'' && t.punct != '-' {
			return r
		}
	}
	return r
}

// skipArticles steps over articles ("the", "le", "la", "l'").
func (d *tokenized) skipArticles(k int) int {
	for k < len(d.toks) && (d.inAt(k, listArticle) || d.toks[k].punct == '\'') {
		k++
	}
	return k
}

// roleTail reads what follows a title: a demonym ("l'ambassadeur
// vietnamien"), "of/de BODY|PLACE", "to/in/en/auprès de PLACE", and sets
// the role's target. It returns the end.
func (d *resolved) roleTail(r int, ro *role) int {
	if r < len(d.toks) {
		if c := d.placeAt[r]; c.p != nil && c.demonym && !d.toks[r].cap {
			if ro.target == "" {
				ro.target = c.p.ID
			}
			r = c.end
		}
	}
	r, ro.target = d.roleComplement(r, ro.target)
	return r
}

// targetBefore returns the body or place named right before a title: "the
// Hà Nội Party Committee’s Secretary", "Quebec Premier", "Vietnamese
// Ambassador", "the British Prime Minister's Trade Envoy" (the office of a
// title in the possessive is that title's).
func (d *resolved) targetBefore(i int) string {
	b := i - 1
	if b >= 1 && d.inAt(b, listPossessive) && d.toks[b-1].punct == '\'' {
		b -= 2
		start := -1 // of the longest title ending there: "Prime Minister", not "Minister"
		for s := b; s >= 0 && s >= b-4; s-- {
			if e, c := d.titleAt(s); c != nil && e == b+1 && c[0].scope != "honorific" {
				start = s
			}
		}
		if start >= 0 {
			b = start - 1
		}
	}
	if b < 0 || d.toks[b].sent != d.toks[i].sent || !d.toks[b].word {
		return ""
	}
	if m := d.cover[b]; m >= 0 {
		if mm := d.ments[m]; mm.typ == Organization && mm.j == b+1 {
			return mm.id
		}
		return ""
	}
	if c := d.placeEndingAt(b + 1); c != nil {
		return c.ID
	}
	for s := b; s >= 0 && s >= b-3; s-- {
		if c := d.placeAt[s]; c.p != nil && c.demonym && c.end == b+1 {
			return c.p.ID
		}
	}
	return ""
}

// localBodyBefore returns the nearest local body (People's Committee,
// Party Committee) named earlier in the sentence of token i: "a delegation
// of the X Party Committee, led by Deputy Secretary Y".
func (d *resolved) localBodyBefore(i int) string {
	a, _ := d.sentRange(d.toks[i].sent)
	for k := i - 1; k >= a; k-- {
		m := d.cover[k]
		if m < 0 {
			continue
		}
		mm := d.ments[m]
		if mm.typ == Person {
			return "" // the body is that person's
		}
		if mm.typ != Organization {
			continue
		}
		if _, ok := d.ents[mm.id].e.Props["place"]; ok {
			return mm.id
		}
		k = mm.i
	}
	return ""
}

// roleComplement reads "of the Hanoi People's Committee", "de Séoul", "du
// Conseil européen", "of the northern province of X" after a title and
// returns the end and the body or place it names (or target unchanged).
func (d *resolved) roleComplement(r int, target string) (int, string) {
	for r < len(d.toks) {
		if !(d.inAt(r, listOf) || d.inAt(r, listOfPlural)) || d.toks[r].cap {
			break // (a capital: "Du", "De" open a name)
		}
		s := r + 1
		its := false // "the Chairman of its People's Committee": the body named right after
		for s < len(d.toks) && (d.inAt(s, listArticle) || d.toks[s].punct == '\'' || (d.inAt(s, listModifier) && d.cover[s] < 0) || d.x.words.itsDet[d.toks[s].key] && !d.toks[s].cap) {
			its = its || d.x.words.itsDet[d.toks[s].key]
			s++
		}
		if s >= len(d.toks) {
			break
		}
		if its && (d.cover[s] < 0 || d.ments[d.cover[s]].typ != Organization) {
			break // "of its members": no body, no place
		}
		if m := d.cover[s]; m >= 0 && d.ments[m].i == s && d.ments[m].typ == Organization {
			if target == "" {
				target = d.ments[m].id
			}
			r = d.afterNamed(d.ments[m].j)
			continue
		}
		if e, p := d.describedPlace(s); p != nil {
			// "of Japan's Nara prefecture": the country's place
			if p.Type == Country && e+2 < len(d.toks) && d.toks[e].punct == '\'' && d.inAt(e+1, listPossessive) {
				if e2, p2 := d.describedPlace(e + 2); p2 != nil && p2.Type != Country {
					e, p = e2, p2
				}
			}
			if target == "" {
				target = p.ID
			}
			r = d.afterNamed(e)
			continue
		}
		// "la présidente de la région, X": the article's region
		if kind := d.x.lx.placeKindOf[d.toks[s].key]; kind != "" && !d.toks[s].cap && (s+1 >= len(d.toks) || !d.toks[s+1].word) {
			if p := d.foci.ofKind[kind]; p != nil {
				if target == "" {
					target = p.ID
				}
				r = s + 1
				continue
			}
		}
		// "du PCC de la province du Yunnan": a word that names nothing
		// known, before another complement
		if n := s + 1; n+1 < len(d.toks) && d.toks[s].word && (d.toks[s].upper || !d.toks[s].cap && !d.inAt(s, listFrPrep) && !d.inAt(s, listConnector)) &&
			d.inAt(n, listOf) {
			r = n
			continue
		}
		break
	}
	// "l'ambassadeur de Chine au Vietnam", "Ambassador to the UK": a place
	// after "au/in/to/auprès de" doesn't change the target
	if r+1 < len(d.toks) && !d.toks[r].cap { // "Tô Hùng" is not "to Hùng"
		k := d.toks[r].key
		s := r + 1
		if d.inAt(r, listToPlaceOf) && (d.inAt(s, listOf) || d.inAt(s, listOfPlural)) {
			s++
		}
		if d.inAt(r, listToPlace) {
			if e, p := d.describedPlace(d.skipArticles(s)); p != nil {
				if target == "" && d.x.words.inPlace[k] {
					target = p.ID // "First Secretary of the Party in X"
				}
				r = d.afterNamed(e)
			}
		}
	}
	return r, target
}

// afterNamed steps over what may follow a named body or place in a title's
// complement: an acronym in parentheses ("(RoK)"), a place-type word
// ("Oudomxay province") and generic words that name a part of the body
// ("… Party (MPP) Central Committee").
func (d *candidates) afterNamed(r int) int {
	if r+2 < len(d.toks) && d.toks[r].punct == '(' && d.toks[r+2].punct == ')' && d.toks[r+1].word {
		r += 3
	}
	for r < len(d.toks) && d.toks[r].word && d.toks[r].sent == d.toks[max(r-1, 0)].sent {
		t := &d.toks[r]
		if q, c := d.titleAt(r); c != nil && q > r {
			break
		}
		if d.in(t, listPlaceDescr) && !d.in(t, listConnector) && !d.in(t, listFrPrep) || (t.cap && d.x.lx.nonName[t.key] == "thing") {
			r++
			continue
		}
		break
	}
	return r
}

// describedPlace reads a place at token s, after words that describe it
// ("Vietnamese central province of Gia Lai", "province cubaine
// de Matanzas"): it returns the place's end and the place, or (s, nil).
func (d *resolved) describedPlace(s int) (int, *gazetteer.Place) {
	k := s
	for n := 0; k < len(d.toks) && n < 6; n++ {
		if e, p := d.placeAtTok(k); p != nil {
			return e, p
		}
		t := &d.toks[k]
		switch {
		case t.punct == '\'' || t.punct == '-':
			k++
		case t.word && d.in(t, listPlaceDescr):
			k++
		case t.word && d.placeAt[k].demonym && t.upper:
			return d.placeAt[k].end, d.placeAt[k].p // "the UK"
		case t.word && d.placeAt[k].demonym:
			k = d.placeAt[k].end
		default:
			return s, nil
		}
	}
	return s, nil
}

// placeEndingAt returns a place whose candidate mention ends at token e.
func (d *placed) placeEndingAt(e int) *gazetteer.Place {
	for b := e - 1; b >= 0 && b >= e-10; b-- { // "Alpes-de-Haute-Provence" is seven tokens
		if c := d.placeAt[b]; c.p != nil && !c.demonym && c.end == e {
			return c.p
		}
	}
	return nil
}

// roleAfter reads ", [the] TITLE [of X] [and TITLE of Y]" after a name
// ending at e.
func (d *resolved) roleAfter(e int) []*role {
	if e >= len(d.toks) || d.toks[e].punct != ',' {
		return nil
	}
	r := d.skipArticles(e + 1)
	owner := ""
	if r >= len(d.toks) {
		return nil // "X," at the end of the text
	}
	if c := d.placeAt[r]; c.p != nil && !c.demonym && c.end+1 < len(d.toks) && d.toks[c.end].punct == '\'' && d.inAt(c.end+1, listPossessive) {
		owner, r = c.p.ID, c.end+2 // ", Queensland's Assistant Minister for Tourism"
	}
	j, cues := d.titleAt(r)
	if cues == nil {
		r = d.skipMember(r)
		j, cues = d.titleAt(r)
	}
	if cues == nil || cues[0].scope == "honorific" {
		return nil
	}
	ro := &role{title: cues[0].role, target: owner, sent: d.toks[e].sent, scope: cues[0].scope}
	r = d.roleTail(j, ro)
	_, roles := d.moreRoles(r, []*role{ro})
	d.relocateBodies(roles)
	return roles
}

// runName finds a person's name at the end of the capitalised run that
// starts at r, after the portfolio or body a title names ("of Tourism
// Samdech Techo Chan Sokha", "of the Party Central Committee Lucia Herrera
// Soto"): the name starts after a word that cannot be part of it (a
// connector, a head or title word, an acronym, a place) or after an
// honorific, and runs to the end of the run. It returns (r, r) when there
// is none.
func (d *resolved) runName(r int) (int, int) {
	if r >= len(d.toks) {
		return r, r
	}
	sent := d.toks[r].sent
	end := r
	for k := r; k < len(d.toks) && k < r+20 && d.toks[k].sent == sent; k++ {
		t := &d.toks[k]
		if t.word && (t.cap || t.upper) {
			end = k + 1
			continue
		}
		if t.word && d.in(t, listConnector) || t.punct == '\'' || t.punct == '-' || (d.in(t, listPossessive) && k > 0 && d.toks[k-1].punct == '\'') {
			continue
		}
		break
	}
	for p := r; p < end; {
		if q, c := d.titleAt(p); c != nil && q > p {
			p = q
			continue
		}
		t := &d.toks[p]
		if !t.word || !t.cap || t.upper || p == r || !d.breaksName(p-1) {
			p++
			continue
		}
		if c := d.placeAt[p]; c.p != nil && !d.in(t, listSurnameVI) {
			p++
			continue
		}
		if e, n := d.nameShape(p); e == end && n >= 2 && n <= 4 && !d.notPersonName(p, e) {
			return p, e
		}
		p++
	}
	return r, r
}

// breaksName reports whether token k cannot be the last word before a
// name: a connector, a title, head or stop word, an acronym, a place or a
// covered mention, or an honorific title ending there.
func (d *resolved) breaksName(k int) bool {
	t := &d.toks[k]
	if !t.word {
		return t.punct != '-'
	}
	if d.in(t, listConnector) || d.x.lx.nonName[t.key] != "" || d.in(t, listRoleWord) || t.upper || d.cover[k] >= 0 {
		return true
	}
	if d.placeEndingAt(k+1) != nil {
		return true
	}
	return d.isTitleEnd(k + 1)
}
