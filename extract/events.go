package extract

import (
	"github.com/kg-dev/kg/extract/fold"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// eventMention is a recognised event name before it becomes an entity.
type eventMention struct {
	i, j      int
	typ       string
	ordinal   int
	year      int
	countries []string // ISO codes in order of appearance
	topics    []string // canonical English topic words, in English order
	named     bool     // more than a bare head ("the conference")
	acronym   string
	acroRef   string   // "ACMC Conference": the name is an acronym and a head
	quoted    string   // a quoted proper name: «Lumières de Hué»
	parties   []string // ids of the places it is between ("entre Ninh Binh et la Normandie")
	place     string   // an event described, not named: where it took place ("a seminar ... took place in X")
	described bool
	id, name  string // identity (clusterEvents)
}

// definiteRef reports whether token k is a definite or demonstrative
// determiner, which makes the event noun after it a reference ("the
// event", "cette rencontre", "l'événement", "ces Assises").
func (d *tokenized) definiteRef(k int) bool {
	t := &d.toks[k]
	if t.punct == '\'' && k > 0 {
		t = &d.toks[k-1]
	}
	return d.in(t, listDefinite)
}

func (d *resolved) eventType(id string) string {
	if b := d.ents[id]; b != nil {
		if t, ok := b.e.Props["type"].(string); ok {
			return t
		}
	}
	return ""
}

// readEvent reads the extent of an event name around the head at [h, he).
// floor is the first token it may extend to (the end of the previous
// event name).
func (d *placed) readEvent(h, he, floor int, typ string) *eventMention {
	ev := &eventMention{i: h, j: he, typ: typ}
	sent := d.toks[h].sent
	var left []string
	// left: ordinals, countries, capitalised and topic words ("12th Vietnam-France decentralised cooperation")
	l := h
	for l > floor && d.toks[l-1].sent == sent {
		t := &d.toks[l-1]
		if t.punct == '\'' && l >= 2 && l-2 >= floor && d.toks[l-2].word && d.x.words.endsPossessive(d.toks[l-2].key) && d.toks[l-2].sent == sent {
			l-- // "Asia-Pacific Mayors' Forum"
			continue
		}
		if t.punct == '-' {
			if l >= 2 && d.toks[l-2].word {
				l--
				continue
			}
			break
		}
		if t.punct == '"' && l >= 2 {
			// a quoted name: «Lumières de Hué» festival
			q := l - 2
			for q >= 0 && q >= l-12 && d.toks[q].punct != '"' && d.toks[q].sent == sent {
				q--
			}
			if q >= 0 && d.toks[q].punct == '"' && q < l-2 {
				ev.quoted = d.surface(q+1, l-1)
				ev.named = true
				l = q
			}
			break
		}
		if (t.punct == ',' || t.word && d.in(t, listAnd)) && l >= 2 && l < h && d.toks[l-2].sent == sent && d.in(&d.toks[l-2], listTopic) && d.in(&d.toks[l], listTopic) {
			l-- // "an investment, trade and tourism promotion conference"
			continue
		}
		if !t.word {
			break
		}
		if n, ok := d.x.numbers.Ordinal(t.text); ok {
			ev.ordinal = n
			l--
			continue
		}
		if t.num && len(t.text) == 4 {
			if y, err := strconv.Atoi(t.text); err == nil && y >= 1900 && y <= 2100 {
				ev.year = y
				l--
				continue
			}
		}
		if d.isDeterminer(t.key) {
			break
		}
		if c := d.countryAt(l - 1); c != "" || d.in(t, listTopic) || (t.cap && !d.isSentenceStart(l-1) && !d.stopAt(l-1)) {
			l--
			continue
		}
		break
	}
	for k := l; k < h && ev.quoted == ""; k++ {
		t := &d.toks[k]
		if !t.word || (ev.ordinal > 0 && d.x.isOrdinal(t.text)) || (ev.year > 0 && t.text == strconv.Itoa(ev.year)) {
			continue
		}
		if c, e := d.countrySpan(k); c != "" {
			ev.addCountry(c)
			k = e - 1
			continue
		}
		if c := d.placeAt[k]; c.p != nil && !c.demonym && c.p.Type == City && c.end <= h {
			ev.addParty(c.p.ID) // "the Hue - Blois Culture Week"
			k = c.end - 1
			continue
		}
		if len(left) == 0 || !ev.named {
			left = append(left, t.text)
		}
	}
	if len(left) == 1 && ev.ordinal == 0 && len(ev.countries) == 0 && l < h && d.toks[l].upper && d.toks[l].text == left[0] {
		ev.acroRef = left[0]
	}
	// "the 7th session of the Joint Commission", "la 7e session de la Commission mixte"
	if ev.ordinal == 0 && l > 0 {
		q := l - 1
		if q > floor && d.inAt(q, listDefinite) {
			q--
		}
		if q > floor+1 && d.inAt(q, listEventPrep) && d.inAt(q-1, listSession) {
			if n, ok := d.x.numbers.Ordinal(d.toks[q-2].text); ok && q-2 >= floor && d.toks[q-2].sent == sent {
				ev.ordinal = n
				l = q - 2
			}
		}
	}
	ev.i = l
	// right: French adjectives, then groups introduced by de/des/on/of...
	r := he
	var groups [][]string
	var adjs []string
	for r < len(d.toks) && d.toks[r].sent == sent {
		t := &d.toks[r]
		if t.word && d.in(t, listTopic) && !t.cap && d.lang == "fr" && len(groups) == 0 {
			adjs = append(adjs, t.text)
			r++
			continue
		}
		if t.word && d.in(t, listEventPrep) {
			// "des 25 ans de", "marking 15 years of": an anniversary's ordinal
			if r+2 < len(d.toks) && d.toks[r+1].num && d.x.lx.yearWords[d.toks[r+2].key] && ev.ordinal == 0 {
				if n, err := strconv.Atoi(d.toks[r+1].text); err == nil && n > 0 && n < 200 {
					ev.ordinal = n
					r += 3
					continue
				}
			}
			g, e := d.eventGroup(ev, r+1)
			if len(g) == 0 && e == r+1 {
				break
			}
			groups = append(groups, g)
			r = e
			continue
		}
		if t.punct == '"' {
			// festival «Lumières de Hué»
			q := r + 1
			for q < len(d.toks) && q < r+12 && d.toks[q].punct != '"' {
				q++
			}
			if q < len(d.toks) && d.toks[q].punct == '"' && q > r+1 && ev.quoted == "" {
				ev.quoted = d.surface(r+1, q)
				ev.named = true
				r = q + 1
				continue
			}
		}
		if t.num && len(t.text) == 4 {
			if y, err := strconv.Atoi(t.text); err == nil && y >= 1900 && y <= 2100 {
				ev.year = y
				r++
				continue
			}
		}
		if d.in(t, listVenuePrep) && r+1 < len(d.toks) && d.toks[r+1].num && len(d.toks[r+1].text) == 4 && ev.year == 0 {
			if y, err := strconv.Atoi(d.toks[r+1].text); err == nil && y >= 1900 && y <= 2100 {
				ev.year = y // "le Forum des maires (AEMF) en 2024"
				r += 2
				continue
			}
		}
		if c := d.placeAt[r]; c.p != nil && !c.demonym && c.p.Type == City && isDash(d.toks[r-1].punct) && len(ev.countries)+len(ev.parties) > 0 {
			ev.addParty(c.p.ID) // "la Commission mixte Vietnam-Québec"
			r = c.end
			continue
		}
		if c, e := d.countrySpan(r); c != "" && (d.lang == "fr" || d.toks[r-1].punct == '-') {
			ev.addCountry(c)
			r = e
			if r+1 < len(d.toks) && isDash(d.toks[r].punct) && (d.countryAt(r+1) != "" || d.placeAt[r+1].p != nil && !d.placeAt[r+1].demonym) {
				r++
			}
			continue
		}
		break
	}
	ev.j = r
	// trailing acronym: (WCS 2016)
	if r+1 < len(d.toks) && d.toks[r].punct == '(' && d.toks[r+1].upper {
		q := r + 1
		for q < len(d.toks) && q < r+5 && d.toks[q].punct != ')' {
			q++
		}
		if q < len(d.toks) && d.toks[q].punct == ')' {
			ev.acronym = d.surface(r+1, q)
		}
	}
	if ev.quoted != "" {
		// a proper name: its words are its topic, in its own order
		for _, w := range strings.Fields(fold.Fold(ev.quoted)) {
			ev.addTopic(d, w)
		}
	}
	// topic words in English order: French adjectives, then each group
	// with its noun-adjective order reversed; English keeps its order
	for _, w := range left {
		ev.addTopic(d, w)
	}
	for _, w := range adjs {
		ev.addTopic(d, w)
	}
	for _, g := range groups {
		if d.lang == "fr" {
			for k := len(g) - 1; k >= 0; k-- {
				ev.addTopic(d, g[k])
			}
		} else {
			for _, w := range g {
				ev.addTopic(d, w)
			}
		}
	}
	headCap := d.toks[h].cap && !d.isSentenceStart(h)
	leftCap := false
	for k := ev.i; k < h; k++ {
		leftCap = leftCap || (d.toks[k].cap && !d.isSentenceStart(k) && !d.stopAt(k))
	}
	det := ""
	if ev.i > 0 && d.toks[ev.i-1].sent == sent {
		det = d.toks[ev.i-1].key
		if d.toks[ev.i-1].punct == '\'' && ev.i > 1 {
			det = d.toks[ev.i-2].key
		}
	}
	// a name, not a description: proper words, numbers, countries,
	// parties, an acronym; topic words alone only after "the"/"la" or in
	// a capitalised name ("business conferences" is no event)
	ev.named = ev.named || ev.ordinal > 0 || ev.year > 0 || len(ev.countries) > 0 || len(ev.parties) > 0 || ev.acronym != "" || leftCap ||
		(len(ev.topics) > 0 && (headCap || d.x.lx.definites[det]))
	if !ev.named && d.x.lx.indefinites[det] && !d.x.lx.refHeads[ev.typ] {
		d.describedEvent(ev)
	}
	if d.x.lx.refHeads[ev.typ] {
		ev.named, ev.quoted = false, "" // "the event": only ever a reference
	}
	if ev.typ == "meeting" && !(headCap || ev.ordinal > 0 || ev.year > 0 || ev.acronym != "" || len(ev.countries) > 0 || ev.described) {
		return nil // "une réunion", "a meeting": not a named event
	}
	if !ev.named {
		// a reference needs a determiner: "the conference", "la conférence", "this event"
		if ev.i == h && h > 0 && !(d.isDeterminer(d.toks[h-1].key) || d.toks[h-1].punct == '\'' || ev.ordinal > 0) {
			return nil
		}
	}
	return ev
}

// eventGroup reads the words of a group after a preposition inside an
// event name: topic words, capitalised words and countries, joined by
// hyphens, "'s" and "and/et".
func (d *placed) eventGroup(ev *eventMention, r int) ([]string, int) {
	var g []string
	start := r
	for r < len(d.toks) && d.toks[r].sent == d.toks[start].sent {
		t := &d.toks[r]
		if t.word && (d.in(t, listDefinite) || d.in(t, listPlaceKind)) && !d.in(t, listTopic) && d.groupItemAt(r+1) {
			r++ // "la région", "the city of"
			continue
		}
		if t.word && d.in(t, listEventPrep) && r > start && d.inAt(r-1, listPlaceKind) && d.groupItemAt(r+1) {
			r++ // "province de Ninh Binh"
			continue
		}
		if t.punct == '(' && r+2 < len(d.toks) && d.toks[r+2].punct == ')' && d.countryAt(r+1) != "" {
			ev.addCountry(d.countryAt(r + 1)) // "Ninh Binh (Vietnam)"
			r += 3
			continue
		}
		if c := d.placeAt[r]; c.p != nil && !c.demonym && c.p.Type == City {
			ev.addParty(c.p.ID)
			g = append(g, "\x01")
			r = c.end
			continue
		}
		if t.punct == '\'' && r+1 < len(d.toks) && d.inAt(r+1, listPossessive) {
			r += 2
			continue
		}
		if t.punct == '\'' || t.punct == '-' {
			r++
			continue
		}
		if c, e := d.countrySpan(r); c != "" {
			g = append(g, "\x00"+c)
			r = e
			continue
		}
		if t.word && (d.in(t, listTopic) || (t.cap && !d.stopAt(r))) {
			g = append(g, t.text)
			r++
			continue
		}
		if t.word && !t.cap && !t.num && len(g) == 0 && r+1 < len(d.toks) && d.toks[r+1].num && len(d.toks[r+1].text) == 4 && d.toks[r+1].sent == t.sent {
			g = append(g, t.text) // "la réunion d'automne 2025": the year follows
			r++
			continue
		}
		if t.word && d.in(t, listAnd) && len(g) > 0 && r+1 < len(d.toks) && d.groupItemAt(r+1) {
			r++
			continue
		}
		break
	}
	if len(g) == 0 {
		return nil, start
	}
	// don't end on a joiner
	for r > start && !d.toks[r-1].word {
		r--
	}
	return g, r
}

// groupItemAt reports whether an event-name group can go on at token r
// after "and"/"et": a topic word, a country or a place, maybe after a
// determiner and a word for a kind of place.
func (d *placed) groupItemAt(r int) bool {
	for n := 0; r < len(d.toks) && n < 4; r, n = r+1, n+1 {
		t := &d.toks[r]
		if d.in(t, listTopic) || d.countryAt(r) != "" || (d.placeAt[r].p != nil && !d.placeAt[r].demonym) || (t.cap && !d.stopAt(r)) {
			return true
		}
		if !(d.in(t, listDefinite) || d.in(t, listPlaceKind) || d.in(t, listEventPrep) || t.punct == '\'') {
			return false
		}
	}
	return false
}

func (ev *eventMention) addParty(id string) {
	for _, p := range ev.parties {
		if p == id {
			return
		}
	}
	ev.parties = append(ev.parties, id)
}

func (ev *eventMention) addCountry(iso string) {
	for _, c := range ev.countries {
		if c == iso {
			return
		}
	}
	ev.countries = append(ev.countries, iso)
}

func (ev *eventMention) addTopic(d *placed, w string) {
	if strings.HasPrefix(w, "\x00") {
		ev.addCountry(w[1:])
		return
	}
	if w == "\x01" {
		return // a party, already added
	}
	k := phraseKey(w)
	if k == "" || d.x.words.eventStop[k] {
		return
	}
	if c := d.x.lx.topics[k]; c == "-" {
		return // a function word (topics.tsv)
	} else if c != "" {
		k = c
	} else if len(k) < 3 {
		return
	}
	for _, t := range ev.topics {
		if t == k {
			return
		}
	}
	ev.topics = append(ev.topics, k)
}

// countryAt returns the ISO code of a country named or qualified at token
// i ("France", "French", "franco-").
func (d *placed) countryAt(i int) string {
	iso, _ := d.countrySpan(i)
	return iso
}

// countrySpan returns the ISO code of a country named or qualified at
// token i and the token after it ("franco-" ends after its hyphen).
func (d *placed) countrySpan(i int) (string, int) {
	if c := d.placeAt[i]; c.p != nil && c.p.Type == Country {
		return c.p.Country, c.end
	}
	if iso := d.x.lx.prefixes[d.toks[i].key]; iso != "" && i+1 < len(d.toks) && d.toks[i+1].punct == '-' {
		return iso, i + 2
	}
	return "", i
}

// isDeterminer reports whether a word key is a determiner before an event
// noun (data/cues.tsv definite, indefinite and determiner).
func (d *tokenized) isDeterminer(k string) bool {
	return d.x.lx.definites[k] || d.x.lx.indefinites[k] || d.x.lx.determiners[k]
}

func (x *Extractor) isOrdinal(s string) bool { _, ok := x.numbers.Ordinal(s); return ok }

func ordinalEN(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

func titleWord(w string) string {
	var out []string
	for _, p := range strings.Fields(w) {
		r, size := utf8.DecodeRuneInString(p)
		out = append(out, string(unicode.ToUpper(r))+p[size:])
	}
	return strings.Join(out, " ")
}
