package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/gazetteer"
)

// Organisation names built on a head noun (data/orgwords.tsv). English
// writes them as a capitalised run around the head ("Lao People's
// Revolutionary Party", "Department of Foreign Affairs", "Embassy of
// Vietnam in the UK"); French puts the head first and may write it in
// lower case, with adjectives and complements after it ("le conseil
// départemental du Morbihan", "Agence régionale pour l'innovation et le
// développement durable"). Embassies get one English name in both
// languages ("Embassy of Vietnam in France" = "l'ambassade du Vietnam en
// France").

// genericOrg recognises a name built on a head at token i and returns its
// end.
func (d *resolved) genericOrg(i int) (int, bool) {
	t := &d.toks[i]
	j, ws := d.orgWordAt(i)
	if ws == nil {
		return i, false
	}
	w := ws[0]
	if d.lang == "fr" || !t.cap {
		if s, e, ok := d.frenchOrg(i, j, w); ok {
			return d.addOrgName(s, e, w)
		}
		if !t.cap {
			return i, false
		}
	}
	s, e, ok := d.englishOrg(i, j, w)
	if !ok {
		return i, false
	}
	return d.addOrgName(s, e, w)
}

// englishOrg extends the head [i, j) to the capitalised run around it.
func (d *resolved) englishOrg(i, j int, w orgWord) (int, int, bool) {
	sent := d.toks[i].sent
	start := i
	// left: "Mongolian People's Party", "Korea-Vietnam Friendship Parliamentary Group"
	for start > 0 {
		k := start - 1
		u := &d.toks[k]
		if u.sent != sent || d.cover[k] >= 0 {
			break
		}
		if u.word && d.in(u, listPossessive) && k >= 2 && d.toks[k-1].punct == '\'' && d.toks[k-2].cap && d.cover[k-2] < 0 {
			start = k - 1 // "People's"
			continue
		}
		if (u.punct == '-' || u.punct == '\'') && k >= 1 && d.toks[k-1].word && d.toks[k-1].cap && d.cover[k-1] < 0 {
			start = k // "Japan-Vietnam"
			continue
		}
		if pc := d.placeAt[k]; u.word && pc.p != nil && !pc.demonym && pc.end > start {
			start = k // "the An Giang Department": a place name whose first word is a stop word
			continue
		}
		if !u.word || !(u.cap || u.upper) || d.stopAt(k) || d.x.lx.titles.full[u.key] != nil {
			break
		}
		if d.isSentenceStart(k) && d.placeAt[k].p == nil && !u.upper && !d.in(u, listRoleWord) {
			break // "Earlier": capitalised because it opens the sentence
		}
		start = k
	}
	end := j
	for end < len(d.toks) && d.toks[end].sent == sent {
		u := &d.toks[end]
		if d.cover[end] >= 0 {
			if m := d.ments[d.cover[end]]; m.typ == Organization && m.i == end && end > j-1 && d.toks[end-1].word && d.inAt(end-1, listEnJoiner) {
				end = m.j // "Communist Party of Vietnam" over a place mention
				continue
			}
			break
		}
		if u.word && (u.cap || u.upper) {
			if d.nameStartsAt(end) {
				break // "… Central Committee Lucia Herrera Soto"
			}
			if q, c := d.titleAt(end); c != nil && q > end && c[0].scope != "honorific" {
				if _, ws := d.orgWordAt(end); ws == nil {
					break // "… Central Committee and President of Mongolia"
				}
			}
			end++
			continue
		}
		if u.word && d.in(u, listPossessive) && d.toks[end-1].punct == '\'' {
			if d.placeEndingAt(end-1) != nil {
				end -= 2 // "… and Quebec's": the place owns what follows
				for end > j && !d.toks[end-1].word {
					end--
				}
				if end > j && d.inAt(end-1, listEnJoiner) {
					end--
				}
				break
			}
			end++
			continue
		}
		if (u.punct == '\'' || u.punct == '-' || u.punct == '&') && end+1 < len(d.toks) && d.toks[end+1].word && (d.toks[end+1].cap || d.inAt(end+1, listPossessive)) {
			end++
			continue
		}
		if u.punct == ',' && end > j {
			if e := d.listInName(end + 1); e > 0 {
				end = e // "Department of Culture, Sports and Tourism"
				continue
			}
		}
		if u.word && d.in(u, listEnJoiner) && end+1 < len(d.toks) {
			if d.in(u, listAnd) && (d.inAt(end+1, listThe) || d.headEndsAt(end) && d.headAhead(end+1)) {
				break // "the X Committee and the Y Commission", "X Centre and Y Airlines": two bodies
			}
			if d.in(u, listAnd) && end > j && d.placeAt[end+1].p != nil && d.headAhead(end+1) {
				break // "… Department of Agriculture and Rural Development and Kochi Prefectural University"
			}
			n := end + 1
			for n < len(d.toks) && d.inAt(n, listEnJoiner) && n < end+3 {
				n++
			}
			if n < len(d.toks) && d.toks[n].word && d.toks[n].cap && !d.nameStartsAt(n) {
				end = n
				continue
			}
		}
		break
	}
	for end > j && !(d.toks[end-1].word && (d.toks[end-1].cap || d.toks[end-1].upper || d.inAt(end-1, listPossessive))) {
		end--
	}
	end = d.cutNameTail(j, end)
	// "Embassy of Vietnam in Japan"
	if w.in && end < len(d.toks) && d.x.words.hostIn[d.toks[end].key] {
		if e, p := d.describedPlace(d.skipArticles(end + 1)); p != nil && p.Type == Country {
			end = e
		}
	}
	if !d.specificOrg(start, end, i, j) {
		return i, i, false
	}
	return start, end, true
}

// frenchOrg reads a French name: the head at [i, j) (capitalised, or in
// lower case after an article when its flag allows) and what follows it,
// adjectives and complements, up to the last word that names something.
func (d *resolved) frenchOrg(i, j int, w orgWord) (int, int, bool) {
	t := &d.toks[i]
	if !t.cap {
		if !w.lower || i == 0 {
			return i, i, false
		}
		p := &d.toks[i-1]
		if !(p.punct == '\'' || d.x.words.nameDet[p.key]) {
			return i, i, false
		}
	}
	sent := t.sent
	end := j    // the name so far
	named := -1 // end of the last capitalised word (or place) of the name
	if t.cap {
		named = j
	}
	k := j
	adj := 0
	noun := false  // the next lower-case word follows a preposition
	place := false // the last word of the name so far ends a place
	for k < len(d.toks) && d.toks[k].sent == sent && k < j+24 {
		u := &d.toks[k]
		if d.cover[k] >= 0 {
			m := d.ments[d.cover[k]]
			if m.typ == Person || m.typ == Event || m.i != k || !d.toks[k-1].word || !d.inAt(k-1, listFrPrep) && d.toks[k-1].punct != '\'' {
				break
			}
			k = m.j // "du Morbihan": a place inside the name
			end, named, adj, noun, place = k, k, 0, false, true
			continue
		}
		switch {
		case u.word && (u.cap || u.upper):
			if d.nameStartsAt(k) {
				break
			}
			k++
			end, named, adj, noun = k, k, 0, false
			place = d.placeEndingAt(k) != nil
			continue
		case u.punct == '-' || u.punct == '\'':
			k++
			continue
		case u.punct == ',' && !place && adj > 0 && d.frListInName(k+1):
			k++ // "Département de la culture, des sports et du tourisme"
			continue
		case u.word && (d.in(u, listFrPrep) && !d.x.words.auxVerb[u.text] || d.in(u, listAnd)):
			if place && d.placeEndingAt(k) != nil && !d.in(u, listOf) && !d.in(u, listAnd) {
				break // "l'Eurométropole de Strasbourg pour la gestion des déchets": the name ends at its place
			}
			n := k + 1
			if d.in(u, listAnd) && !(n < len(d.toks) && d.inAt(n, listFrPrep)) && !d.coordinatedNoun(n) {
				break // "X et l'Association Y": two bodies
			}
			if d.in(u, listAnd) && place {
				break // "du conseil de l'Hérault et de la ville de Sète": a body and a place
			}
			for n < len(d.toks) && (d.x.words.nameArticle[d.toks[n].key] || d.toks[n].punct == '\'' || d.toks[n].punct == '-' && !d.toks[n].space && !u.space || (d.in(u, listAnd) && d.inAt(n, listFrPrep))) && n < k+4 {
				n++
			}
			if n < len(d.toks) && d.toks[n].word && !d.toks[n].num && (d.toks[n].cap || !d.frStop(d.toks[n].key)) {
				if _, es := d.knownOrgAt(n); es != nil && !d.x.words.nameInto[u.key] {
					break // "Département … du ministère français des Affaires étrangères": two bodies
				}
				k = n
				adj, noun, place = 0, true, false
				continue
			}
		case u.word && !u.num && !place && !d.frStop(u.key) && adj < 3 && d.x.lx.titles.full[u.key] == nil && (noun || d.x.lx.frenchAdjective(u.text) || d.placeAt[k].demonym || d.toks[k-1].punct == '-'):
			// the noun after a preposition ("exportation"), or an adjective
			// ("générale"): not a verb after the name ("… participe");
			// after "grandes", its noun ("de grandes villes"). Nothing in
			// lower case right after a place: French puts a name's
			// adjectives before its place ("Comité populaire de la province
			// de X"), so a word there is the verb ("… de Hue coopéraient",
			// "… de Lyon signé"), however it ends.
			noun = d.x.lx.nonName[u.key] == "pre"
			k++
			adj++
			end = k
			if adj <= 2 && named == k-adj && d.x.lx.frenchAdjective(u.text) {
				named = k // "Affaires étrangères", "Banque mondiale"
			}
			continue
		}
		break
	}
	if w.in && end < len(d.toks) && d.x.words.hostIn[d.toks[end].key] {
		if e, p := d.describedPlace(end + 1); p != nil {
			end, named = e, e
		}
	}
	if !t.cap {
		end = named // a lower-case head needs a name after it
	}
	for end > j && !d.toks[end-1].word {
		end--
	}
	if !t.cap && w.kind == gazetteer.KindDepartment {
		// "le département de l'Hérault" is the territory, the place
		// itself (its body is the conseil départemental)
		if p := d.placeEndingAt(end); p != nil && p.Kind == gazetteer.KindDepartment && d.onlyLinksBetween(j, end, p) {
			return i, i, false
		}
	}
	if end <= j || end < 0 || !d.specificOrg(i, end, i, j) {
		return i, i, false
	}
	return i, end, true
}

// frListInName reports whether the words from token k, after a comma in
// a French body's complement, go on with its list of nouns up to "et":
// "(culture), des sports et du tourisme", "(travail), des invalides et des
// affaires sociales": complements of a preposition, an article and a
// lower-case noun, separated by commas, the last after "et".
func (d *resolved) frListInName(k int) bool {
	comp := func(k int) int { // the end of "des sports", "de la culture", "du tourisme"; k if none
		n := k
		if n >= len(d.toks) || !d.toks[n].word || !d.inAt(n, listFrPrep) {
			return k
		}
		for n++; n < len(d.toks) && n < k+3 && (d.x.words.nameArticle[d.toks[n].key] || d.toks[n].punct == '\''); n++ {
		}
		if n >= len(d.toks) || !d.toks[n].word || d.toks[n].cap || d.toks[n].num || d.frStop(d.toks[n].key) {
			return k
		}
		return n + 1
	}
	for n := 0; n < 5; n++ {
		e := comp(k)
		if e == k || e >= len(d.toks) {
			return false
		}
		switch t := &d.toks[e]; {
		case t.punct == ',':
			k = e + 1
		case t.word && d.in(t, listAnd):
			return comp(e+1) > e+1
		default:
			return false
		}
	}
	return false
}

// coordinatedNoun reports whether the word at n, after "et", is a noun
// coordinated inside a name ("du Conseil des communes et régions
// d'Europe"): in lower case, no stop word, and followed by a preposition
// or an apostrophe that goes on with the name.
func (d *resolved) coordinatedNoun(n int) bool {
	if n+1 >= len(d.toks) {
		return false
	}
	t := &d.toks[n]
	if !t.word || t.cap || t.upper || t.num || d.frStop(t.key) || d.x.words.nameArticle[t.key] || d.cover[n] >= 0 {
		return false
	}
	next := &d.toks[n+1]
	return next.sent == t.sent && (next.punct == '\'' || next.word && d.in(next, listFrPrep) && !d.x.words.auxVerb[next.text])
}

// onlyLinksBetween reports whether the tokens from j to the mention of p
// ending at end are prepositions, articles and apostrophes only ("de l'",
// "du").
func (d *resolved) onlyLinksBetween(j, end int, p *gazetteer.Place) bool {
	start := end
	for b := end - 1; b >= j; b-- {
		if c := d.placeAt[b]; c.p == p && c.end == end {
			start = b
			break
		}
	}
	if start == end {
		return false
	}
	for k := j; k < start; k++ {
		t := &d.toks[k]
		if !(t.punct == '\'' || t.word && (d.in(t, listFrPrep) || d.x.words.nameArticle[t.key] || d.placeAt[k].demonym)) {
			return false // "le département français de l'Hérault" is the département too
		}
	}
	return true
}

// frenchAdjective reports whether a lower-case French word has the ending
// of an adjective ("étrangères", "nationale", "populaire", "wallonne").
func (lx *lexicon) frenchAdjective(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return false
	}
	for _, suf := range lx.frAdjEnds {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// headAhead reports whether the capitalised run starting at token k has
// an organisation head: after "and", it names a second body.
func (d *candidates) headAhead(start int) bool {
	for k := start; k < len(d.toks) && k < start+8 && d.toks[k].word && (d.toks[k].cap || d.toks[k].upper || d.inAt(k, listEnJoiner)); k++ {
		if _, ws := d.orgWordAt(k); ws != nil {
			return true
		}
	}
	return false
}

// listInName returns the end of "B and C" from token k after a comma in
// an English body's complement ("Ministry of Culture, Sports and
// Tourism", "Department of Labour, Invalids and Social Affairs"): one or
// two capitalised words, more of them after commas, then "and/&" and one
// to three capitalised words, none a place, a body's head or a person's
// name; 0 if the words after the comma are not such a list.
func (d *resolved) listInName(k int) int {
	run := func(k, most int) int { // the end of a run of plain capitalised words
		e := k
		for e < len(d.toks) && e < k+most && d.toks[e].word && d.toks[e].cap && d.cover[e] < 0 && d.placeAt[e].p == nil && !d.nameStartsAt(e) {
			if _, ws := d.orgWordAt(e); ws != nil {
				return k
			}
			e++
		}
		return e
	}
	for n := 0; n < 4; n++ {
		e := run(k, 2)
		if e == k || e >= len(d.toks) {
			return 0
		}
		switch t := &d.toks[e]; {
		case t.punct == ',':
			k = e + 1
			continue
		case t.punct == '&' || t.word && d.in(t, listAnd):
			if end := run(e+1, 3); end > e+1 && (end >= len(d.toks) || !d.toks[end].word || !d.toks[end].cap) {
				return end
			}
		}
		return 0
	}
	return 0
}

// headEndsAt reports whether an organisation head ends right before token e.
func (d *candidates) headEndsAt(e int) bool {
	for b := e - 1; b >= 0 && b >= e-3; b-- {
		if j, ws := d.orgWordAt(b); ws != nil && j == e {
			return true
		}
	}
	return false
}

// cutNameTail ends an English name before a person's name that follows it
// without a break ("… of the Party Central Committee Lucia Herrera Soto
// expressed"): two to four capitalised words, none a head, title, stop
// word, acronym or place, after the last such word, followed by a lower
// case word or punctuation. It returns the new end.
func (d *resolved) cutNameTail(j, end int) int {
	last := -1
	for k := j - 1; k < end; k++ {
		t := &d.toks[k]
		if !t.word {
			continue
		}
		if d.in(t, listEnJoiner) || d.in(t, listPossessive) {
			last = -2 // a connector after the last generic word: part of the name
			continue
		}
		if t.upper || d.x.lx.nonName[t.key] != "" || d.in(t, listRoleWord) || d.placeAt[k].p != nil {
			last = k
		}
	}
	if last < 0 || end-last-1 < 2 || end-last-1 > 4 {
		return end
	}
	if end < len(d.toks) && d.toks[end].word && d.toks[end].cap {
		return end
	}
	return last + 1
}

// nameStartsAt reports whether a person's name starts at token k: a
// given name or a family name followed by another capitalised word.
func (d *resolved) nameStartsAt(k int) bool {
	t := &d.toks[k]
	if !t.word || !t.cap || t.upper || k+1 >= len(d.toks) || !d.toks[k+1].word || !d.toks[k+1].cap || d.placeAt[k].p != nil {
		return false
	}
	if d.x.lx.nonName[d.toks[k+1].key] != "" || d.inAt(k+1, listRoleWord) {
		return false
	}
	return d.givenAt(k) || d.in(t, listSurnameVI) || d.in(t, listSurnameOther)
}

// specificOrg reports whether [s, e) with the head at [hi, hj) names one
// body: more than the head, and not only generic words ("Central
// Committee", "Joint Commission"), unless a complement names something
// ("Department of Foreign Affairs").
func (d *resolved) specificOrg(s, e, hi, hj int) bool {
	if e-s <= hj-hi {
		return false
	}
	content := 0
	for k := s; k < e; k++ {
		if k >= hi && k < hj {
			continue
		}
		t := &d.toks[k]
		if !t.word || d.in(t, listConnector) || d.in(t, listEnJoiner) || d.in(t, listFrPrep) || d.in(t, listPossessive) {
			continue
		}
		if t.upper || d.placeAt[k].p != nil || d.cover[k] >= 0 {
			return true
		}
		if d.x.lx.nonName[t.key] == "" && !d.in(t, listRoleWord) && !d.in(t, listPlaceDescr) {
			return true
		}
		if k > hj && t.cap && d.toks[hi].cap {
			return true // a capitalised complement: "Department of Foreign Affairs", not "l'organisation du Parti"
		}
		if k >= hj {
			content++
		}
	}
	// "Département de la coopération technique": a French name with
	// a capital, not opening the sentence, and two words after the head
	return d.lang == "fr" && d.toks[hi].cap && !d.isSentenceStart(hi) && content >= 2
}

// addOrgName records the organisation named over [s, e): its surface
// name, or the English name of an embassy.
func (d *resolved) addOrgName(s, e int, w orgWord) (int, bool) {
	name := d.personName(s, e)
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsLower(r) {
		name = string(unicode.ToUpper(r)) + name[utf8.RuneLen(r):]
	}
	if w.kind == "embassy" || w.kind == "consulate" {
		if n := d.missionName(s, e, w.kind); n != "" {
			name = n
		}
	}
	id := slugID("org", name)
	d.addMention(id, Organization, name, s, e, false)
	b := d.entity(id, Organization, name)
	if _, ok := b.e.Props["kind"]; !ok {
		b.e.Props["kind"] = w.kind
	}
	d.setCover(s, e, len(d.ments)-1)
	return e, true
}

// missionName names an embassy or consulate over [s, e) by its countries:
// "Embassy of Vietnam in Japan" for "the Vietnamese Embassy
// in Japan" and "l'ambassade du Vietnam au Japon".
func (d *resolved) missionName(s, e int, kind string) string {
	var from, in *gazetteer.Place
	for k := s; k < e; k++ {
		c := d.placeAt[k]
		if c.p == nil || c.p.Type != Country {
			continue
		}
		prev := ""
		if k > s {
			prev = d.toks[k-1].key
		}
		switch {
		case from == nil && in == nil && !d.x.words.hostIn[prev]:
			from = c.p
		case d.x.words.hostIn[prev] || d.x.words.hostArticle[prev]:
			in = c.p
		}
		k = c.end - 1
	}
	if from == nil {
		return ""
	}
	head := "Embassy"
	if kind == "consulate" {
		head = "Consulate General"
	}
	if in == nil || in == from {
		return "" // "l'Ambassade de France": the host country is not said
	}
	return head + " of " + countryName(from) + " in " + countryName(in)
}

// countryName is a country's English name as written in a sentence: "the
// United Kingdom", "the Philippines", "Vietnam".
func countryName(p *gazetteer.Place) string {
	n := p.Name
	if strings.HasPrefix(n, "United ") || strings.Contains(n, "Republic") || strings.HasSuffix(n, "lands") || strings.HasSuffix(n, "ines") || strings.HasSuffix(n, "Islands") {
		return "the " + n
	}
	return n
}

// frStop reports whether a lower-case word ends a French name: a stop word
// or a verb (data/nonname.tsv).
func (d *tokenized) frStop(key string) bool {
	c := d.x.lx.nonName[key]
	return c == "stop" || c == "verb"
}
