package extract

import (
	"strings"

	"github.com/kg-dev/kg/extract/fold"
)

// notName reports whether a word never starts or continues a person's
// name (data/nonname.tsv, class stop).
func (d *tokenized) notName(key string) bool { return d.x.lx.nonNameTab.get(key) == nonNameStop }

// thingNamedAfter reports whether the name at [i, j) names a thing (a
// bridge, a street, a school) rather than a person. A place-type word
// that closes a place's name in English ("Quang Nam Province", "Tay Ho
// District") says nothing of the name after it: "Chairman of Quang Nam
// Province Nguyen Van Tam".
func (d *placed) thingNamedAfter(i, j int) bool {
	if i > 0 && d.toks[i-1].word {
		if k, v := d.x.lx.cue(cueNotPersonBefore, d.toks, i-1); v != "" && k == i && d.placeEndingAt(i) == nil && d.placeEndingAt(i-1) == nil {
			return true
		}
		if i > 1 && d.toks[i-2].word {
			if k, v := d.x.lx.cue(cueNotPersonBefore, d.toks, i-2); v != "" && k == i && d.placeEndingAt(i) == nil && d.placeEndingAt(i-2) == nil {
				return true
			}
		}
	}
	if j < len(d.toks) {
		if _, v := d.x.lx.cue(cueNotPersonAfter, d.toks, j); v != "" {
			return true
		}
	}
	return false
}

// findPeople recognises people introduced by a title or role ("Deputy
// Prime Minister Trần Hồng Hà", "le maire de Lyon, Grégory Doucet",
// "Anne Hidalgo, the Mayor of Paris") or by the shape of their
// name, and records the role the text gives them.
func (d *resolved) findPeople() {
	// titles start only at phraseStarts; next is the first token after
	// the titled person last found
	next := 0
	for _, k := range d.phraseStarts {
		if i := int(k); i >= next && d.cover[i] < 0 && d.titles[i].v != nil {
			if j := d.titledPerson(i); j > i {
				next = j
			}
		}
	}
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].word || !d.toks[i].cap || d.inCaption(i) || d.cover[i] >= 0 {
			continue
		}
		if i > 0 && d.toks[i-1].word && d.toks[i-1].cap && d.cover[i-1] < 0 && !d.stopAt(i-1) && d.toks[i-1].sent == d.toks[i].sent &&
			d.placeEndingAt(i) == nil && !d.isTitleEnd(i) {
			continue // inside a capitalised run that did not start a name
		}
		if k, c := d.titleAt(i); c != nil {
			i = k - 1 // a title is not part of the name after it
			continue
		}
		j, n := d.nameShape(i)
		if n < 2 || d.thingNamedAfter(i, j) || d.notPersonName(i, j) {
			continue
		}
		if c := d.placeAt[i]; c.p != nil && c.end >= j {
			continue // "Việt Nam, Deputy Prime Minister …": a place, not a name
		}
		// "X, the President of the Senate": a role after the name
		if r := d.roleAfter(j); r != nil || d.personShape(i, j, n) || (d.x.ner != nil && d.placeAt[i].p == nil && !d.titleCase(d.toks[i].sent) && d.x.ner.isPerson(d, i, j)) {
			m := d.addPerson(i, j)
			m.roles = r
			i = j - 1
		}
	}
}

// titleCase reports whether a sentence is written in title case (a
// headline: "Hanoi Vows To Boost Green Transport"), where capitals say
// nothing about names.
func (d *tokenized) titleCase(s int) bool {
	a, b := d.sentRange(s)
	words, caps := 0, 0
	for k := a; k < b; k++ {
		if t := &d.toks[k]; t.word && !t.num {
			words++
			if t.cap || t.upper {
				caps++
			}
		}
	}
	return words >= 4 && caps*10 >= words*7
}

// addPerson records a person mention over [i, j).
func (d *resolved) addPerson(i, j int) *ment {
	name := d.personName(i, j)
	id := slugID("person", name)
	m := d.addMention(id, Person, name, i, j, false)
	d.setCover(i, j, len(d.ments)-1)
	return m
}

// personName is the name written over [i, j) with one space between its
// words, also between words the outlet ran together ("PhamQuang").
func (d *tokenized) personName(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		t := &d.toks[k]
		if k > i && (t.space || (t.word && d.toks[k-1].word)) {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// notPersonName reports whether the capitalised run [i, j) cannot be a
// person's name: it has a number or a noun of bodies, agreements or places
// ("Cooperation Treaty", "Central Committee"), ends in a place-type noun
// ("Tay Ho Ward"), or is made only of title, head, topic and stop words
// ("Secretary General", "General Administration") or of all-capital words
// ("DETACH DELETE").
func (d *tokenized) notPersonName(i, j int) bool {
	words, role, upper := 0, 0, 0
	last := ""
	for k := i; k < j; k++ {
		t := &d.toks[k]
		if !t.word {
			continue
		}
		if t.num {
			return true
		}
		words++
		switch cl := d.x.lx.nonNameTab.get(t.key); {
		case cl == nonNameThing:
			return true
		case cl == nonNameStop || d.in(t, listRoleWord):
			role++
		}
		if t.upper {
			upper++
		}
		last = t.key
	}
	return words == 0 || role == words || upper == words || d.x.lx.nonNameTab.get(last) == nonNameSuffix
}

// findPartialPeople resolves later partial mentions ("Quang said",
// "Hidalgo", "Mayor Sobyanin") to the full name given earlier in the
// article: a Vietnamese person by the given name (the last syllable),
// others by the family name.
func (d *resolved) findPartialPeople() {
	parts := map[string]string{}
	conflict := map[string]bool{}
	add := func(k, id string) {
		if old, ok := parts[k]; ok && old != id {
			conflict[k] = true
		}
		parts[k] = id
	}
	// any word of a full name, for one-word names after a title or an
	// honorific ("M. Ito" for Ito Naoki, "Mayor Park")
	anyPart := map[string]string{}
	addAny := func(k, id string) {
		if old, ok := anyPart[k]; ok && old != id {
			anyPart[k] = "-"
		} else {
			anyPart[k] = id
		}
	}
	firsts := map[string]bool{}      // parts that are first words (see below)
	firstFamily := map[string]bool{} // parts that are family names written first
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
		for _, w := range words {
			addAny(d.toks[w].key, m.id)
		}
		first := d.toks[words[0]].key
		switch {
		case d.inAt(words[0], listSurnameOther) && (!d.inAt(words[0], listSurnameVI) || strings.Contains(d.surface(m.i, m.j), "-")):
			firstFamily[first] = true
			add(first, m.id) // "Park" for Park Min-seok
		case !d.inAt(words[0], listSurnameVI) && !d.inAt(words[0], listGiven) && !d.inAt(words[0], listParticle) && d.nameAt[words[0]].cands == nil:
			// a first word that is neither a Vietnamese family name nor a
			// given name of the lists, nor a place name: a Lao or Thai
			// given name, which people go by ("Bounmy" for
			// Bounmy Sisouk)
			firsts[first] = true
			add(first, m.id)
		}
	}
	for i := 0; i < len(d.toks) && len(parts) > 0; i++ {
		t := &d.toks[i]
		if !t.word || !t.cap || d.cover[i] >= 0 || d.inCaption(i) {
			continue
		}
		if i+1 < len(d.toks) && d.toks[i+1].word && d.toks[i+1].cap && d.toks[i+1].sent == t.sent {
			continue // part of a longer name
		}
		id, ok := parts[t.key]
		if !ok || conflict[t.key] {
			continue
		}
		if i > 0 && d.toks[i-1].word && d.toks[i-1].cap && d.cover[i-1] < 0 && d.toks[i-1].sent == t.sent && !d.isTitleEnd(i) {
			continue
		}
		if d.placeAt[i].p != nil && (i+1 < len(d.toks) && d.inAt(i+1, listPlaceKind) ||
			i > 0 && d.inAt(i-1, listPlaceContext) && !(firstFamily[t.key] && (d.inAt(i-1, listAnd) || d.inAt(i-1, listPairWith) || d.inAt(i-1, listPairBetween)))) {
			continue // "in Vinh", "Hashimoto city": the place; but "talks with Hashimoto" is Hashimoto Kazuyuki
		}
		if firsts[t.key] && d.placeAt[i].p != nil {
			continue
		}
		b := d.ents[id]
		m := d.addMention(id, Person, b.e.Name, i, i+1, true)
		d.setCover(i, i+1, len(d.ments)-1)
		for _, p := range d.pending {
			if p.i == i {
				m.roles = p.roles
			}
		}
	}
	// titled single names that match no full name are people of their own
	for _, p := range d.pending {
		if d.cover[p.i] >= 0 {
			continue
		}
		if id := d.partOfName(p.i, anyPart); id != "" {
			m := d.addMention(id, Person, d.ents[id].e.Name, p.i, p.j, true)
			d.setCover(p.i, p.j, len(d.ments)-1)
			m.roles = p.roles
			continue
		}
		if p.j-p.i == 1 && d.inAt(p.i, listSurnameVI) {
			continue // "M. Nguyen": a Vietnamese family name alone names no one
		}
		m := d.addPerson(p.i, p.j)
		m.roles = p.roles
	}
}

// partOfName returns the person whose full name has the one word at token
// i, or has a word that starts it with lower-case letters after
// ("Tamnoted": "Tam" run into "noted"), when one person only
// does.
func (d *tokenized) partOfName(i int, anyPart map[string]string) string {
	t := &d.toks[i]
	if id := anyPart[t.key]; id != "" {
		if id == "-" {
			return ""
		}
		return id
	}
	found := ""
	for k := 3; k <= len(t.key)-3; k++ {
		id := anyPart[t.key[:k]]
		if id == "" || id == "-" {
			continue
		}
		rest := t.text[len(t.text)-(len(t.key)-k):]
		if strings.ToLower(rest) != rest || fold.Key(rest) != t.key[k:] {
			continue
		}
		if found != "" && found != id {
			return ""
		}
		found = id
	}
	return found
}

// pendingName is a one-word name after a title ("Mayor Sobyanin").
type pendingName struct {
	i, j  int
	roles []*role
}

// isTitleEnd reports whether a title cue ends right before token i.
func (d *candidates) isTitleEnd(i int) bool {
	for b := i - 1; b >= 0 && b >= i-4; b-- {
		if j, c := d.titleAt(b); c != nil && j == i {
			return true
		}
	}
	return false
}
