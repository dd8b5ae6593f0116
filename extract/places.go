package extract

import (
	"github.com/kg-dev/kg/extract/gazetteer"
)

// placeContext are words after which an ambiguous place name ("Nice",
// "Vinh", "Orange") is read as a place.
var placeContext = map[string]bool{
	"in": true, "at": true, "from": true, "to": true, "of": true, "visit": true, "visited": true, "near": true,
	"a": true, "au": true, "en": true, "de": true, "d": true, "depuis": true, "vers": true, "city": true, "province": true,
	"ville": true, "capitale": true, "capital": true, "and": true, "et": true, "with": true, "avec": true, "between": true, "entre": true,
}

// findPlaceCandidates records, for every token, the longest gazetteer place
// or demonym that starts there. Names must be capitalised ("Hà Nội",
// "HÀ NỘI"); French demonyms may be lowercase ("localités françaises").
func (d *docState) findPlaceCandidates() {
	d.placeAt = resize(&d.bufs.placeAt, len(d.toks))
	for i := range d.toks {
		t := d.toks[i]
		if !t.word || t.num {
			continue
		}
		if t.cap {
			if j, ps := d.x.places.longest(d.toks, i); ps != nil {
				if p := d.choosePlace(ps, i, j); p != nil {
					d.placeAt[i] = placeCand{end: j, p: p}
					continue
				}
			}
		}
		if j, ps := d.x.demonyms.longest(d.toks, i); ps != nil {
			if t.cap || d.lang != "en" {
				d.placeAt[i] = placeCand{end: j, p: ps[0], demonym: true}
			}
		}
	}
}

// choosePlace picks the reading of a place name at tokens [i, j), or nil
// when the name is ambiguous and nothing in the context says it is a place.
func (d *docState) choosePlace(cands []placeAlias, i, j int) *gazetteer.Place {
	p := cands[0].p
	// an all-caps match of a short name is an acronym, not a place ("HA")
	if j-i == 1 && len(d.toks[i].key) <= 3 && d.toks[i].upper {
		return nil
	}
	// the next word capitalised and glued: part of a longer name we don't know
	// ("Ha Huy Tap": "Ha" would be a place only alone)
	if !p.Ambiguous && !d.x.gaz.AmbiguousName(cands[0].surface, p) {
		return p
	}
	if j < len(d.toks) && d.toks[j].word && d.toks[j].cap && d.toks[j].sent == d.toks[i].sent {
		return nil
	}
	if i > 0 && d.toks[i-1].sent == d.toks[i].sent {
		prev := d.toks[i-1]
		if prev.punct == '\'' && i > 1 {
			prev = d.toks[i-2]
		}
		if placeContext[prev.key] {
			return p
		}
	}
	if j < len(d.toks) && d.toks[j].punct == '(' && j+1 < len(d.toks) {
		if k, ps := d.x.places.longest(d.toks, j+1); ps != nil && k > j+1 {
			return p
		}
	}
	return nil
}

// findPlaces turns place candidates not covered by people into mentions.
// Places inside the names of bodies and events are mentioned too
// ("Comité populaire de Hanoi" mentions Hanoi); demonyms inside them are
// not ("Agence française de développement" does not mention France).
func (d *docState) findPlaces() {
	for i := 0; i < len(d.toks); i++ {
		c := d.placeAt[i]
		if c.p == nil || d.sents[d.toks[i].sent].caption {
			continue
		}
		if d.coveredBy(i, c.end, Person) {
			continue
		}
		if c.demonym && d.covered(i, c.end) {
			continue
		}
		d.addMention(c.p.ID, c.p.Type, c.p.Name, i, c.end, c.demonym)
		if c.p.CountryID != "" {
			d.ensureCountry(c.p.CountryID)
		}
		i = c.end - 1
	}
}

// coveredBy reports whether a token of [i, j) is covered by a mention of type typ.
func (d *docState) coveredBy(i, j int, typ string) bool {
	for k := i; k < j; k++ {
		if m := d.cover[k]; m >= 0 && d.ments[m].typ == typ {
			return true
		}
	}
	return false
}

// ensureCountry makes sure the country of a city exists as an entity of
// the document, so LOCATED_IN has both ends.
func (d *docState) ensureCountry(id string) {
	if _, ok := d.ents[id]; ok {
		return
	}
	if p := d.x.gaz.ByID(id); p != nil {
		d.entity(p.ID, p.Type, p.Name)
	}
}

// placeIn returns the place mention candidate at token i, skipping an
// article ("la", "the").
func (d *docState) placeAtTok(i int) (int, *gazetteer.Place) {
	if i < len(d.placeAt) && d.placeAt[i].p != nil && !d.placeAt[i].demonym {
		return d.placeAt[i].end, d.placeAt[i].p
	}
	return i, nil
}
