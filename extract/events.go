package extract

import (
	"github.com/kg-dev/kg/extract/fold"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// eventStop are function words inside event names: not topic words.
var eventStop = map[string]bool{
	"de": true, "des": true, "du": true, "d": true, "la": true, "le": true, "les": true, "l": true, "sur": true, "pour": true,
	"et": true, "en": true, "on": true, "of": true, "for": true, "the": true, "and": true, "a": true, "s": true, "in": true,
	"au": true, "aux": true, "entre": true, "between": true,
}

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
	quoted    string // a quoted proper name: «Lumières de Hué»
}

// findEvents recognises event names ("12e Conférence de coopération
// décentralisée Vietnam - France", "12th Conference on Việt Nam-France’s
// Decentralised Cooperation", "Sommet mondial des villes 2016 (WCS
// 2016)"), gives each a key from its ordinal, type, countries and topic so
// that its French and English names get one id, and resolves bare
// references ("the conference", "la conférence") to the event last named.
func (d *docState) findEvents() {
	var named []*ment
	var refs []*eventMention // references no named event of their type explains
	for h := 0; h < len(d.toks); h++ {
		if !d.toks[h].word || d.inCaption(h) || d.cover[h] >= 0 {
			continue
		}
		he, types := d.x.lx.eventHeads.longest(d.toks, h)
		if types == nil {
			continue
		}
		ev := d.readEvent(h, he, types[0])
		if ev == nil {
			continue
		}
		if !ev.named {
			// a reference: the last named event of that type, else the
			// event the article reports (below)
			found := false
			for k := len(named) - 1; k >= 0 && !d.x.lx.refHeads[ev.typ]; k-- {
				if d.eventType(named[k].id) == ev.typ && (ev.ordinal == 0 || d.ents[named[k].id].e.Props["ordinal"] == ev.ordinal) {
					d.addMention(named[k].id, Event, d.ents[named[k].id].e.Name, ev.i, ev.j, true)
					d.setCover(ev.i, ev.j, len(d.ments)-1)
					found = true
					break
				}
			}
			if !found && ev.ordinal == 0 && ev.i > 0 && d.definiteRef(ev.i-1) {
				refs = append(refs, ev)
			}
			h = he - 1
			continue
		}
		id, name := d.eventIdentity(ev, named)
		m := d.addMention(id, Event, name, ev.i, ev.j, false)
		d.setCover(ev.i, ev.j, len(d.ments)-1)
		b := d.entity(id, Event, name)
		b.e.Props["type"] = ev.typ
		if ev.ordinal > 0 {
			b.e.Props["ordinal"] = ev.ordinal
		}
		if len(ev.countries) > 0 && b.e.Props["countries"] == nil {
			b.e.Props["countries"] = append([]string(nil), ev.countries...)
		}
		if ev.year > 0 && b.e.Props["date"] == nil {
			b.e.Props["date"] = strconv.Itoa(ev.year)
		}
		named = append(named, m)
		if ev.acronym != "" {
			b.names[ev.acronym] = true
		}
		h = ev.j - 1
	}
	// "the event", "cette manifestation", "the meeting" with no named
	// event of its type: the event the article reports
	if f := d.focusEvents(); len(f) > 0 {
		for _, ev := range refs {
			if d.covered(ev.i, ev.j) || d.ents[f[0]].first > ev.i {
				continue // a reference needs its event named before it
			}
			d.addMention(f[0], Event, d.ents[f[0]].e.Name, ev.i, ev.j, true)
			d.setCover(ev.i, ev.j, len(d.ments)-1)
		}
	}
}

// definiteRef reports whether token k is a definite or demonstrative
// determiner, which makes the event noun after it a reference ("the
// event", "cette rencontre", "l'événement", "ces Assises").
func (d *docState) definiteRef(k int) bool {
	t := d.toks[k]
	if t.punct == '\'' && k > 0 {
		t = d.toks[k-1]
	}
	return d.x.lx.definites[t.key]
}

func (d *docState) eventType(id string) string {
	if b := d.ents[id]; b != nil {
		if t, ok := b.e.Props["type"].(string); ok {
			return t
		}
	}
	return ""
}

// readEvent reads the extent of an event name around the head at [h, he).
func (d *docState) readEvent(h, he int, typ string) *eventMention {
	ev := &eventMention{i: h, j: he, typ: typ}
	sent := d.toks[h].sent
	var left []string
	// left: ordinals, countries, capitalised and topic words ("12th Vietnam-France decentralised cooperation")
	l := h
	for l > 0 && d.toks[l-1].sent == sent {
		t := d.toks[l-1]
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
		if d.cover[l-1] >= 0 || d.isDeterminer(t.key) {
			break
		}
		if c := d.countryAt(l - 1); c != "" || d.x.lx.topics[t.key] != "" || (t.cap && !d.isSentenceStart(l-1) && !d.notName(t.key)) {
			l--
			continue
		}
		break
	}
	for k := l; k < h && ev.quoted == ""; k++ {
		t := d.toks[k]
		if !t.word || (ev.ordinal > 0 && d.x.isOrdinal(t.text)) || (ev.year > 0 && t.text == strconv.Itoa(ev.year)) {
			continue
		}
		if c, e := d.countrySpan(k); c != "" {
			ev.addCountry(c)
			k = e - 1
			continue
		}
		if len(left) == 0 || !ev.named {
			left = append(left, t.text)
		}
	}
	ev.i = l
	// right: French adjectives, then groups introduced by de/des/on/of...
	r := he
	var groups [][]string
	var adjs []string
	for r < len(d.toks) && d.toks[r].sent == sent {
		t := d.toks[r]
		if t.word && d.x.lx.topics[t.key] != "" && !t.cap && d.lang == "fr" && len(groups) == 0 {
			adjs = append(adjs, t.text)
			r++
			continue
		}
		if t.word && (t.key == "de" || t.key == "des" || t.key == "du" || t.key == "d" || t.key == "on" || t.key == "of" || t.key == "for" || t.key == "sur" || t.key == "pour") {
			g, e := d.eventGroup(r + 1)
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
		if c, e := d.countrySpan(r); c != "" && (d.lang == "fr" || d.toks[r-1].punct == '-') {
			ev.addCountry(c)
			r = e
			if r < len(d.toks) && d.toks[r].punct == '-' && r+1 < len(d.toks) && d.countryAt(r+1) != "" {
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
	if len(ev.topics) > 0 || len(ev.countries) > 0 || (headCap && ev.typ != "meeting") || ev.year > 0 {
		ev.named = true
	}
	if d.x.lx.refHeads[ev.typ] {
		ev.named, ev.quoted = false, "" // "the event": only ever a reference
	}
	if ev.typ == "meeting" && !(headCap || ev.ordinal > 0) {
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
func (d *docState) eventGroup(r int) ([]string, int) {
	var g []string
	start := r
	for r < len(d.toks) && d.toks[r].sent == d.toks[start].sent {
		t := d.toks[r]
		if t.word && (t.key == "la" || t.key == "le" || t.key == "les" || t.key == "the" || t.key == "l") && len(g) == 0 {
			r++
			continue
		}
		if t.punct == '\'' && r+1 < len(d.toks) && d.toks[r+1].key == "s" {
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
		if t.word && (d.x.lx.topics[t.key] != "" || (t.cap && !d.notName(t.key) && d.cover[r] < 0)) {
			g = append(g, t.text)
			r++
			continue
		}
		if t.word && (t.key == "and" || t.key == "et") && len(g) > 0 && r+1 < len(d.toks) && d.x.lx.topics[d.toks[r+1].key] != "" {
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

func (ev *eventMention) addCountry(iso string) {
	for _, c := range ev.countries {
		if c == iso {
			return
		}
	}
	ev.countries = append(ev.countries, iso)
}

func (ev *eventMention) addTopic(d *docState, w string) {
	if strings.HasPrefix(w, "\x00") {
		ev.addCountry(w[1:])
		return
	}
	k := phraseKey(w)
	if k == "" || eventStop[k] {
		return
	}
	if c := d.x.lx.topics[k]; c != "" {
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
func (d *docState) countryAt(i int) string {
	iso, _ := d.countrySpan(i)
	return iso
}

// countrySpan returns the ISO code of a country named or qualified at
// token i and the token after it ("franco-" ends after its hyphen).
func (d *docState) countrySpan(i int) (string, int) {
	if c := d.placeAt[i]; c.p != nil && c.p.Type == Country {
		return c.p.Country, c.end
	}
	if iso := d.x.lx.prefixes[d.toks[i].key]; iso != "" && i+1 < len(d.toks) && d.toks[i+1].punct == '-' {
		return iso, i + 2
	}
	return "", i
}

func (d *docState) isDeterminer(k string) bool {
	switch k {
	case "the", "a", "an", "this", "that", "its", "their", "la", "le", "les", "l", "cette", "ce", "cet", "une", "un", "sa", "son", "leur", "du", "au", "year", "s":
		return true
	}
	return false
}

func (x *Extractor) isOrdinal(s string) bool { _, ok := x.numbers.Ordinal(s); return ok }

// eventIdentity returns the id and English name of an event. Within an
// article, a name without ordinal resolves to a named event with the same
// type, countries and topic.
func (d *docState) eventIdentity(ev *eventMention, named []*ment) (string, string) {
	countries := append([]string(nil), ev.countries...)
	sort.Strings(countries)
	topics := append([]string(nil), ev.topics...)
	sort.Strings(topics)
	parts := []string{}
	if ev.ordinal > 0 {
		parts = append(parts, strconv.Itoa(ev.ordinal))
	}
	parts = append(parts, strings.ReplaceAll(ev.typ, " ", "-"))
	for _, c := range countries {
		parts = append(parts, strings.ToLower(c))
	}
	parts = append(parts, topics...)
	if ev.ordinal == 0 && ev.year > 0 {
		parts = append(parts, strconv.Itoa(ev.year))
	}
	id := "event:" + strings.Join(parts, "-")
	if ev.ordinal == 0 {
		suffix := strings.TrimPrefix(id, "event:")
		for k := len(named) - 1; k >= 0; k-- {
			nid := named[k].id
			if strings.HasSuffix(nid, "-"+suffix) || strings.HasSuffix(nid, "-"+strings.TrimSuffix(suffix, "-"+strconv.Itoa(ev.year))) {
				return nid, d.ents[nid].e.Name
			}
		}
	}
	// English display name
	var b []string
	if ev.ordinal > 0 {
		b = append(b, ordinalEN(ev.ordinal))
	}
	if len(ev.countries) > 0 {
		var cs []string
		for _, c := range ev.countries {
			if p := d.x.gaz.Country(c); p != nil {
				cs = append(cs, p.Name)
			} else {
				cs = append(cs, c)
			}
		}
		b = append(b, strings.Join(cs, "-"))
	}
	if ev.quoted != "" {
		b = append(b, ev.quoted)
	} else {
		for _, t := range ev.topics {
			b = append(b, titleWord(t))
		}
	}
	b = append(b, titleWord(ev.typ))
	if ev.year > 0 {
		b = append(b, strconv.Itoa(ev.year))
	}
	return id, strings.Join(b, " ")
}

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
