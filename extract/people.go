package extract

import (
	"strings"

	"github.com/kg-dev/kg/extract/gazetteer"
)

// notNameWords are capitalised words that never start or continue a
// person's name.
var notNameWords = map[string]bool{
	"the": true, "le": true, "la": true, "les": true, "l": true, "un": true, "une": true, "a": true, "an": true,
	"in": true, "on": true, "at": true, "he": true, "she": true, "it": true, "il": true, "elle": true, "this": true,
	"ce": true, "cette": true, "ces": true, "these": true, "that": true, "and": true, "et": true, "of": true, "de": true,
	"du": true, "des": true, "but": true, "mais": true, "for": true, "pour": true, "with": true, "avec": true, "since": true,
	"depuis": true, "after": true, "apres": true, "before": true, "avant": true, "during": true, "selon": true, "according": true,
	"his": true, "her": true, "their": true, "son": true, "sa": true, "ses": true, "leur": true, "we": true, "nous": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true, "janvier": true, "fevrier": true, "mars": true,
	"avril": true, "mai": true, "juin": true, "juillet": true, "aout": true, "septembre": true, "octobre": true, "novembre": true,
	"decembre": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"photo": true, "vna": true, "vns": true, "afp": true, "reuters": true, "covid": true, "party": true, "parti": true, "state": true,
	"etat": true, "government": true, "gouvernement": true, "deputy": true, "vice": true, "speaking": true, "meanwhile": true,
	"also": true, "however": true, "toutefois": true, "en": true, "au": true, "aux": true, "par": true, "sur": true, "to": true,
	"as": true, "by": true, "from": true, "is": true, "was": true, "said": true, "has": true, "had": true, "will": true, "would": true,
	"can": true, "not": true, "no": true, "all": true, "both": true, "each": true, "every": true, "other": true,
	"new": true, "quand": true, "when": true, "where": true, "while": true, "lors": true, "dans": true, "si": true,
	"if": true, "our": true, "my": true, "your": true, "there": true, "here": true, "what": true, "who": true, "which": true,
	"madame": true, "monsieur": true, "mr": true, "mrs": true, "ms": true, "mme": true, "m": true, "dr": true, "gen": true,
}

// nameShape reads a capitalised name starting at token i: up to five
// words, glued by hyphens ("Jean-Claude", "Won-soon"). It returns the end
// and the number of words; (i, 0) when no name starts there.
func (d *docState) nameShape(i int) (int, int) {
	j, words := i, 0
	for j < len(d.toks) && words < 5 {
		t := d.toks[j]
		if !t.word || t.num || !(t.cap || t.upper) || t.sent != d.toks[i].sent || d.inCaption(j) {
			break
		}
		if d.cover[j] >= 0 {
			break
		}
		if notNameWords[t.key] && !(words == 0 && d.vietSurnameStart(j)) {
			break // "Le" is an article, unless it is Lê opening a Vietnamese name
		}
		if words > 0 {
			// a country or a long place name ends the name ("Nguyen Van An Vietnam")
			if c := d.placeAt[j]; c.p != nil && !c.demonym && (c.p.Type == Country || c.end-j >= 2) && !d.x.lx.surnamesVI[t.key] {
				break
			}
			if k, _ := d.x.lx.titles.longest(d.toks, j); k > j {
				break
			}
		}
		words++
		j++
		if j+1 < len(d.toks) && d.toks[j].punct == '-' && !d.toks[j].space && d.toks[j+1].word && (d.toks[j+1].cap || !d.toks[j+1].space) && !d.toks[j+1].num && !d.toks[j+1].space {
			j += 2 // Jean-Claude, Won-soon
		}
	}
	if words == 0 {
		return i, 0
	}
	return j, words
}

// thingNamedAfter reports whether the name at [i, j) names a thing (a
// bridge, a street, a school) rather than a person.
func (d *docState) thingNamedAfter(i, j int) bool {
	if i > 0 && d.toks[i-1].word {
		if k, v := d.x.lx.cue("notperson-before", d.toks, i-1); v != "" && k == i {
			return true
		}
		if i > 1 && d.toks[i-2].word {
			if k, v := d.x.lx.cue("notperson-before", d.toks, i-2); v != "" && k == i {
				return true
			}
		}
	}
	if j < len(d.toks) {
		if _, v := d.x.lx.cue("notperson-after", d.toks, j); v != "" {
			return true
		}
	}
	return false
}

// personShape reports whether a name of n words at [i, j) looks like a
// person's name on its own: a Vietnamese family name with three or more
// syllables, a Korean or Chinese family name with three, or a known given
// name followed by a family name.
func (d *docState) personShape(i, j, n int) bool {
	first := d.toks[i].key
	switch {
	case d.x.lx.surnamesVI[first] && n >= 3 && n <= 4:
		for k := i; k < j; k++ {
			if d.toks[k].word && len(d.toks[k].key) > 7 {
				return false
			}
		}
		return true
	case d.x.lx.surnamesEtc[first] && n == 3:
		return true
	case n >= 2 && n <= 3 && d.x.lx.given[d.givenKey(i)]:
		return true
	}
	return false
}

// givenKey is the key of the given name at token i, hyphenated compounds
// included ("Jean-Claude").
func (d *docState) givenKey(i int) string {
	k := d.toks[i].key
	if i+2 < len(d.toks) && d.toks[i+1].punct == '-' && d.toks[i+2].word {
		if d.x.lx.given[k+d.toks[i+2].key] {
			return k + d.toks[i+2].key
		}
	}
	return k
}

// findPeople recognises people introduced by a title or role ("Deputy
// Prime Minister Trần Hồng Hà", "le maire de Lyon, Grégory Doucet",
// "Anne Hidalgo, the Mayor of Paris") or by the shape of their
// name, and records the role the text gives them.
func (d *docState) findPeople() {
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].word || d.inCaption(i) || d.cover[i] >= 0 {
			continue
		}
		if j := d.titledPerson(i); j > i {
			i = j - 1
			continue
		}
	}
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].word || !d.toks[i].cap || d.inCaption(i) || d.cover[i] >= 0 {
			continue
		}
		if i > 0 && d.toks[i-1].word && d.toks[i-1].cap && d.cover[i-1] < 0 && !notNameWords[d.toks[i-1].key] && d.toks[i-1].sent == d.toks[i].sent {
			continue // inside a capitalised run that did not start a name
		}
		j, n := d.nameShape(i)
		if n < 2 || d.thingNamedAfter(i, j) {
			continue
		}
		if c := d.placeAt[i]; c.p != nil && c.end >= j {
			continue // "Việt Nam, Deputy Prime Minister …": a place, not a name
		}
		// "X, the President of the Senate": a role after the name
		if r := d.roleAfter(j); r != nil || d.personShape(i, j, n) || (d.x.ner != nil && d.placeAt[i].end < j && d.x.ner.isPerson(d, i, j)) {
			m := d.addPerson(i, j)
			if r != nil {
				m.role = r
			}
			i = j - 1
		}
	}
}

// addPerson records a person mention over [i, j).
func (d *docState) addPerson(i, j int) *ment {
	name := d.surface(i, j)
	name = strings.Join(strings.Fields(name), " ")
	id := slugID("person", name)
	m := d.addMention(id, Person, name, i, j, false)
	d.setCover(i, j, len(d.ments)-1)
	return m
}

// titledPerson reads "TITLE [of BODY|PLACE] [,] NAME" at token i and
// returns the end of the name, or i when there is none.
func (d *docState) titledPerson(i int) int {
	j, cues := d.x.lx.titles.longest(d.toks, i)
	if cues == nil {
		return i
	}
	cue := cues[0]
	if cue.scope == "honorific" && (!d.toks[i].cap || (len(d.toks[i].key) <= 2 && !(i+1 < len(d.toks) && d.toks[i+1].punct == '.'))) {
		return i
	}
	target := ""
	// a body or place before the title: "the Hà Nội Party Committee’s Secretary"
	if b := i - 1; b >= 1 && d.toks[b].key == "s" && d.toks[b-1].punct == '\'' {
		if m := d.cover[b-2]; b >= 2 && m >= 0 {
			target = d.ments[m].id
		} else if c := d.placeEndingAt(b - 1); c != nil {
			target = c.ID
		}
	}
	if c := d.placeAt[max(i-1, 0)]; i > 0 && target == "" && c.demonym && c.end == i {
		target = c.p.ID
	}
	r := j
	if r < len(d.toks) && d.toks[r].punct == '.' && cue.scope == "honorific" {
		r++
	}
	r, target = d.roleComplement(r, target)
	if r < len(d.toks) && d.toks[r].punct == ',' {
		r++
	}
	e, n := d.nameShape(r)
	if n == 0 || d.thingNamedAfter(r, e) {
		return i
	}
	if n == 1 {
		// "Mayor Sobyanin", "M. Gricourt": one word, resolved once every
		// full name of the article is known (findPartialPeople)
		if c := d.placeAt[r]; c.p != nil && !c.p.Ambiguous {
			return i
		}
		p := pendingName{i: r, j: e}
		if cue.scope != "honorific" {
			p.role = &role{title: cue.role, target: target, sent: d.toks[i].sent, scope: cue.scope}
		}
		d.pending = append(d.pending, p)
		return e
	}
	m := d.addPerson(r, e)
	if cue.scope != "honorific" {
		m.role = &role{title: cue.role, target: target, sent: d.toks[i].sent, scope: cue.scope}
	}
	// "les anciens SG Tran Phu et Ha Huy Tap": coordinated names share the title
	if e+1 < len(d.toks) && (d.toks[e].key == "and" || d.toks[e].key == "et") {
		if e2, n2 := d.nameShape(e + 1); n2 >= 2 && !d.thingNamedAfter(e+1, e2) {
			m2 := d.addPerson(e+1, e2)
			if m.role != nil {
				r2 := *m.role
				m2.role = &r2
			}
			return e2
		}
	}
	return e
}

// roleComplement reads "of the Hanoi People's Committee", "de Séoul", "du
// Conseil européen" after a title and returns the end and the body or
// place it names (or target unchanged).
func (d *docState) roleComplement(r int, target string) (int, string) {
	for r < len(d.toks) {
		k := d.toks[r].key
		if !(k == "of" || k == "de" || k == "du" || k == "des" || k == "d") {
			break
		}
		s := r + 1
		for s < len(d.toks) && (d.toks[s].key == "the" || d.toks[s].key == "la" || d.toks[s].key == "le" || d.toks[s].key == "l" || d.toks[s].punct == '\'' || (localModifiers[d.toks[s].key] && d.cover[s] < 0)) {
			s++
		}
		if s >= len(d.toks) {
			break
		}
		if m := d.cover[s]; m >= 0 && d.ments[m].i == s && d.ments[m].typ == Organization {
			target = d.ments[m].id
			r = d.ments[m].j
			continue
		}
		if e, p := d.placeAtTok(s); p != nil {
			if target == "" {
				target = p.ID
			}
			r = e
			continue
		}
		break
	}
	// "l'ambassadeur de Chine au Vietnam": a place after "au/in/to" doesn't change the target
	if r+1 < len(d.toks) && (d.toks[r].key == "au" || d.toks[r].key == "in" || d.toks[r].key == "to" || d.toks[r].key == "en") {
		if e, p := d.placeAtTok(r + 1); p != nil {
			r = e
		}
	}
	return r, target
}

// placeEndingAt returns a place whose candidate mention ends at token e.
func (d *docState) placeEndingAt(e int) *gazetteer.Place {
	for b := e - 1; b >= 0 && b >= e-6; b-- {
		if c := d.placeAt[b]; c.p != nil && !c.demonym && c.end == e {
			return c.p
		}
	}
	return nil
}

// roleAfter reads ", [the] TITLE [of X]" after a name ending at e.
func (d *docState) roleAfter(e int) *role {
	if e >= len(d.toks) || d.toks[e].punct != ',' {
		return nil
	}
	r := e + 1
	for r < len(d.toks) && (d.toks[r].key == "the" || d.toks[r].key == "le" || d.toks[r].key == "la" || d.toks[r].punct == '\'' || d.toks[r].key == "l") {
		r++
	}
	j, cues := d.x.lx.titles.longest(d.toks, r)
	if cues == nil || cues[0].scope == "honorific" {
		return nil
	}
	_, target := d.roleComplement(j, "")
	return &role{title: cues[0].role, target: target, sent: d.toks[e].sent, scope: cues[0].scope}
}

// findPartialPeople resolves later partial mentions ("Quang said",
// "Hidalgo", "Mayor Sobyanin") to the full name given earlier in the
// article: a Vietnamese person by the given name (the last syllable),
// others by the family name.
func (d *docState) findPartialPeople() {
	parts := map[string]string{}
	conflict := map[string]bool{}
	add := func(k, id string) {
		if old, ok := parts[k]; ok && old != id {
			conflict[k] = true
		}
		parts[k] = id
	}
	for _, m := range d.ments {
		if m.typ != Person || m.coref {
			continue
		}
		var words []int
		for k := m.i; k < m.j; k++ {
			if d.toks[k].word {
				words = append(words, k)
			}
		}
		if len(words) < 2 {
			continue
		}
		last := d.toks[words[len(words)-1]].key
		add(last, m.id)
		if first := d.toks[words[0]].key; d.x.lx.surnamesEtc[first] && (!d.x.lx.surnamesVI[first] || strings.Contains(d.surface(m.i, m.j), "-")) {
			add(first, m.id)
		}
	}
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.word || !t.cap || d.cover[i] >= 0 || d.inCaption(i) {
			continue
		}
		id, ok := parts[t.key]
		if !ok || conflict[t.key] {
			continue
		}
		if i+1 < len(d.toks) && d.toks[i+1].word && d.toks[i+1].cap && d.toks[i+1].sent == t.sent {
			continue // part of a longer name
		}
		if i > 0 && d.toks[i-1].word && d.toks[i-1].cap && d.cover[i-1] < 0 && d.toks[i-1].sent == t.sent && !d.isTitleEnd(i) {
			continue
		}
		if i > 0 && d.x.pw.context[d.toks[i-1].key] && d.placeAt[i].p != nil {
			continue // "in Vinh": the place
		}
		b := d.ents[id]
		m := d.addMention(id, Person, b.e.Name, i, i+1, true)
		d.setCover(i, i+1, len(d.ments)-1)
		for _, p := range d.pending {
			if p.i == i {
				m.role = p.role
			}
		}
	}
	// titled single names that match no full name are people of their own
	for _, p := range d.pending {
		if d.cover[p.i] >= 0 {
			continue
		}
		m := d.addPerson(p.i, p.j)
		m.role = p.role
	}
}

// pendingName is a one-word name after a title ("Mayor Sobyanin").
type pendingName struct {
	i, j int
	role *role
}

// isTitleEnd reports whether a title cue ends right before token i.
func (d *docState) isTitleEnd(i int) bool {
	for b := i - 1; b >= 0 && b >= i-4; b-- {
		if j, c := d.x.lx.titles.longest(d.toks, b); c != nil && j == i {
			return true
		}
	}
	return false
}

// vietSurnameStart reports whether token i is a Vietnamese family name
// that doubles as a function word ("Le", "La", "Ha") followed by two more
// capitalised syllables: "Le Anh Quan" is a name, "Le Monde" is not.
func (d *docState) vietSurnameStart(i int) bool {
	if !d.x.lx.surnamesVI[d.toks[i].key] {
		return false
	}
	for k := i + 1; k <= i+2; k++ {
		if k >= len(d.toks) || !d.toks[k].word || !d.toks[k].cap || notNameWords[d.toks[k].key] || len(d.toks[k].key) > 7 || d.toks[k].sent != d.toks[i].sent {
			return false
		}
	}
	return true
}
