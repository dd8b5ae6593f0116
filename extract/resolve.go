package extract

import "github.com/kg-dev/kg/extract/gazetteer"

// resolve is the fifth stage: with the places decided and the event names
// proposed (decidePlaces), it decides among the candidates with the whole
// article in view and records the article's entities and their mentions,
// in this order (each step reads the decisions of the ones before it):
//
//   - events: the names and references proposeEvents read, grouped, with
//     their ids, and the article's focus events (eventid.go, focus.go);
//   - organisations: known bodies, local bodies, names built on head
//     nouns, acronyms bound to their expansion (orgs.go, orgnames.go,
//     acronyms.go);
//   - people: names from titles and name shapes, prose's NER as a last
//     signal, partial names resolved to the article's full names
//     (people.go, roles.go, ner.go);
//   - place mentions, once people and bodies are known (places.go).
func resolve(p *placed) *resolved {
	d := &resolved{placed: *p, ents: map[string]*entBuilder{}}
	d.cover = resize(&d.bufs.cover, len(d.toks))
	for i := range d.cover {
		d.cover[i] = -1
	}
	d.findEvents()
	d.findOrgs()
	d.findPeople()
	d.findPartialPeople()
	d.findPlaces()
	return d
}

// decidePlaces is the fourth stage: it decides which place each
// gazetteer name is, with the whole article in view (homonyms with the
// countries named, names that need context, names inside a person's
// name), applies the administrative units proposed, reads places in
// parentheses and bare mentions of places (places.go, placeunits.go,
// placeanchors.go), then the article's main places (placeFoci); with the
// places decided it proposes the event names and references around the
// event nouns (proposeEvents, events.go), which resolve decides among.
func decidePlaces(c *candidates) *placed {
	d := &placed{candidates: *c}
	d.choosePlaces()
	d.foci = d.placeFoci()
	d.proposeEvents()
	return d
}

// placeFoci are the article's main places, read from the places decided
// (placeAt) outside captions; local bodies named without their place are
// the main place's.
type placeFoci struct {
	city   *gazetteer.Place            // the Vietnamese city named most often (ties: first named), else the city named most often
	ofKind map[string]*gazetteer.Place // place kind (region, department, province) -> the place of that kind named most often (ties: first to reach the count)
	weight map[string]int              // country id -> mentions of it and of its places, captions and demonyms included
}

func (d *placed) placeFoci() placeFoci {
	f := placeFoci{ofKind: map[string]*gazetteer.Place{}, weight: map[string]int{}}
	// the places named, each once, with their counts: an article names
	// few, so a list read through is cheaper than maps
	type tally struct {
		p            *gazetteer.Place
		named, count int // mentions; a city's count (+1000 in Vietnam)
		first        int // a city's first token
	}
	var arr [32]tally
	ts := arr[:0]
	at := func(p *gazetteer.Place) int {
		for k := range ts {
			if ts[k].p == p {
				return k
			}
		}
		ts = append(ts, tally{p: p})
		return len(ts) - 1
	}
	for i, c := range d.placeAt {
		if c.p == nil {
			continue
		}
		if c.p.CountryID != "" {
			f.weight[c.p.CountryID]++
		}
		if c.p.Type == Country && c.p.ID != c.p.CountryID {
			f.weight[c.p.ID]++
		}
		if c.demonym || d.inCaption(i) {
			continue
		}
		k := at(c.p)
		ts[k].named++
		if b := f.ofKind[c.p.Kind]; b == nil || ts[k].named > ts[at(b)].named {
			f.ofKind[c.p.Kind] = c.p
		}
		if c.p.Type != City {
			continue
		}
		if ts[k].count == 0 {
			ts[k].first = i
		}
		ts[k].count++
		if c.p.Country == "VN" {
			ts[k].count += 1000
		}
	}
	best := -1
	for k, t := range ts {
		if t.count > 0 && (best < 0 || t.count > ts[best].count || (t.count == ts[best].count && t.first < ts[best].first)) {
			best = k
		}
	}
	if best >= 0 {
		f.city = ts[best].p
	}
	return f
}

// countryWeight counts the mentions of a country (ISO code) and of its
// places in the article.
func (d *placed) countryWeight(iso string) int {
	c := d.x.gaz.Country(iso)
	if c == nil {
		return 0
	}
	return d.foci.weight[c.ID]
}

// entity returns the builder of id, creating it with the given type and
// canonical name.
func (d *resolved) entity(id, typ, name string) *entBuilder {
	b := d.ents[id]
	if b == nil {
		// from an array of the document's, as newMent's mentions
		if len(d.entSlab) == cap(d.entSlab) {
			d.entSlab = make([]entBuilder, 0, 16)
		}
		d.entSlab = append(d.entSlab, entBuilder{e: Entity{ID: id, Type: typ, Name: name, Props: map[string]any{}}, first: -1})
		b = &d.entSlab[len(d.entSlab)-1]
		d.ents[id] = b
		d.order = append(d.order, id)
	}
	return b
}

// newMent returns a zero mention from an array of the document's
// (mentSlab): one allocation for 32 mentions. A full array is left to
// the mentions already taken from it and another one started.
func (d *resolved) newMent() *ment {
	if len(d.mentSlab) == cap(d.mentSlab) {
		d.mentSlab = make([]ment, 0, 32)
	}
	d.mentSlab = d.mentSlab[:len(d.mentSlab)+1]
	return &d.mentSlab[len(d.mentSlab)-1]
}

// addMention records a mention of an entity over tokens [i, j).
func (d *resolved) addMention(id, typ, name string, i, j int, coref bool) *ment {
	b := d.entity(id, typ, name)
	m := d.newMent()
	*m = ment{i: i, j: j, typ: typ, id: id, coref: coref}
	d.ments = append(d.ments, m)
	s, e := d.span(i, j)
	if b.e.Mentions == nil {
		// room for the first 4 in an array of the document's (most
		// entities have no more), instead of growing from 1
		if len(d.mnSlab)+4 > cap(d.mnSlab) {
			d.mnSlab = make([]Mention, 0, 64)
		}
		n := len(d.mnSlab)
		d.mnSlab = d.mnSlab[:n+4]
		b.e.Mentions = d.mnSlab[n : n : n+4]
	}
	b.e.Mentions = append(b.e.Mentions, Mention{Doc: d.doc.ID, Start: s, End: e, Text: d.text[s:e]})
	if !coref {
		b.addName(d.text[s:e])
	}
	b.count++
	if b.first < 0 || i < b.first {
		b.first = i
	}
	return m
}

// covered reports whether any token of [i, j) is covered by a mention.
func (d *resolved) covered(i, j int) bool {
	for k := i; k < j && k < len(d.cover); k++ {
		if d.cover[k] >= 0 {
			return true
		}
	}
	return false
}

func (d *resolved) setCover(i, j, m int) {
	for k := i; k < j; k++ {
		d.cover[k] = m
	}
}
