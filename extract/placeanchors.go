package extract

import (
	"github.com/kg-dev/kg/extract/gazetteer"
)

// Places the gazetteer does not know (a Munich borough, a Cuban
// municipality, a Japanese region) are read when the text both names
// their level and ties them to a known place:
//
//	Munich's Schwabing District          <place>'s <name> <unit>
//	the Tohoku region of Japan           <name> <unit> of|in <place>
//	the city of Holguín and the districts of Gibara and Banes
//	                                     <unit> of <name> [and <name>], after a known place in the sentence
//
// The place is named as written, without its unit word, and located in
// the known place's country; its other mentions in the article
// ("Schwabing Mayor …") are found too.

// maxAnchorGap is how many tokens before a "districts of" phrase a known
// place may stand and still anchor it.
const maxAnchorGap = 12

// findAnchored reads places named with a unit word and anchored to a
// known place (see above); findParenPlaces and bareMentions follow.
func (d *placed) findAnchored() {
	bit := d.x.pw.units.bit
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		if !t.word || t.num {
			continue
		}
		if !t.mayStart(bit) && (!t.cap || !d.unitNear(i)) {
			continue // no unit word here or just after: the common case
		}
		if d.inCaption(i) {
			continue
		}
		// <unit> of <name> [and <name>]
		if k, u := d.unitAt(i, true); u != nil && k > i && u.en {
			if anchor := d.anchorBefore(i); anchor != "" {
				j := d.readAnchored(k, anchor, *u)
				for j > k && j+1 < len(d.toks) && (d.inAt(j, listAnd) || d.toks[j].punct == ',') {
					j2 := d.readAnchored(j+1, anchor, *u)
					if j2 == j+1 {
						break
					}
					j = j2
				}
				if j > k {
					i = j - 1
					continue
				}
			}
		}
		if !t.cap || d.placeAt[i].p != nil || !d.unitNear(i) {
			continue
		}
		if i > 0 && d.toks[i-1].word && d.toks[i-1].cap && d.toks[i-1].sent == t.sent && !d.inAt(i-1, listPlaceContext) &&
			(!d.stopAt(i-1) || d.unknownName(i-1) > i) {
			continue // inside a capitalised run ("The" opens none; "La" opens "La Lisa")
		}
		j := d.unknownName(i)
		if j == i {
			continue
		}
		k, u := d.unitAt(j, false)
		if u == nil {
			continue
		}
		// <place>'s <name> <unit>
		if c := d.placeEndingAt(possessiveStart(d.toks, i)); c != nil && possessiveStart(d.toks, i) < i {
			d.addAnchored(i, j, k, c.Country, *u)
			i = k - 1
			continue
		}
		// <name> <unit> of|in [the] <place>
		if k < len(d.toks) && d.x.words.unitOf[d.toks[k].key] {
			r := k + 1
			if r < len(d.toks) && d.inAt(r, listThe) {
				r++
			}
			if _, p := d.placeAtTok(r); p != nil && d.toks[r].sent == t.sent {
				d.addAnchored(i, j, k, p.Country, *u)
				i = k - 1
			}
		}
	}
}

// findParenPlaces reads "<name> (<country>)" after a locative word as a
// place of that country the gazetteer lacks: "a delegation from Chinon
// (France)", "à Kitakyushu (Japon)". The name is one to maxUnitName
// capitalised words, none a known place, a given name or a Vietnamese
// family name (people come with their country in brackets too).
func (d *placed) findParenPlaces() {
	for k := 1; k+2 < len(d.toks); k++ {
		if d.toks[k].punct != '(' {
			continue
		}
		e, p := d.placeAtTok(k + 1)
		if p == nil || p.Type != Country || e >= len(d.toks) || d.toks[e].punct != ')' {
			continue
		}
		for i := max(k-maxUnitName, 1); i < k; i++ {
			if d.toks[i].sent != d.toks[k].sent || !d.x.pw.locative[d.toks[i-1].key] || d.toks[i-1].cap && !d.x.words.capLocative[d.toks[i-1].key] {
				continue
			}
			if d.inAt(i, listGiven) || d.inAt(i, listSurnameVI) || d.unknownName(i) != k {
				continue
			}
			d.addAnchored(i, k, k, p.Country, unitWord{kind: "city"})
			break
		}
	}
}

// possessiveStart returns the token before "'s" ending just before token
// i, or i when there is none.
func possessiveStart(toks []token, i int) int {
	if i >= 2 && i <= len(toks) && toks[i-1].key == "s" && toks[i-2].punct == '\'' {
		return i - 2
	}
	return i
}

// anchorBefore returns the country of the nearest known place before
// token i in its sentence (within maxAnchorGap tokens), or "".
func (d *placed) anchorBefore(i int) string {
	// "the Dutch province of Zeeland": the demonym of the unit word
	if b := i - 1; b >= 0 && d.placeAt[b].demonym && d.placeAt[b].end == i {
		if p := d.placeAt[b].p; p != nil && p.Type == Country && p.Country != "" {
			return p.Country
		}
	}
	for b := i - 1; b >= 0 && b >= i-maxAnchorGap && d.toks[b].sent == d.toks[i].sent; b-- {
		if c := d.placeAt[b]; c.p != nil && !c.demonym && c.end <= i {
			return c.p.Country
		}
	}
	return ""
}

// readAnchored reads an unknown name at token i as a place of country
// iso and returns its end, or i when no unknown name starts there.
func (d *placed) readAnchored(i int, iso string, u unitWord) int {
	if i < len(d.toks) && d.inAt(i, listThe) {
		i++
	}
	j := d.unknownName(i)
	if j == i {
		return i
	}
	d.addAnchored(i, j, j, iso, u)
	return j
}

// unknownName reads a name the gazetteer does not know starting at
// token i: one to maxUnitName capitalised words, none a known place, a
// title or a word that is no name ("The", "La", except before another
// capitalised word: "La Lisa"). It returns its end, or i.
func (d *placed) unknownName(i int) int {
	j := i
	for j < len(d.toks) && j-i < maxUnitName {
		t := &d.toks[j]
		if !t.word || !t.cap || t.num || t.sent != d.toks[i].sent || d.placeAt[j].p != nil {
			break
		}
		// "La Lisa", "Le Havre": an article opens a name, but never is one
		if d.stopAt(j) && (j > i || d.in(t, listThe) || j+1 >= len(d.toks) || !d.toks[j+1].word || !d.toks[j+1].cap) {
			break
		}
		if k, _ := d.unitAt(j, false); k > j {
			break // the unit word itself ("District")
		}
		if k, _ := d.titleAt(j); k > j {
			break
		}
		j = nextJoined(d.toks, j)
	}
	if j > i && d.toks[j-1].punct != 0 {
		j--
	}
	return j
}

// addAnchored records the place named by tokens [i, j) of country iso,
// its unit word ending at k.
func (d *placed) addAnchored(i, j, k int, iso string, u unitWord) {
	if u.kind == "region" && iso == "VN" {
		return // Vietnam's regions are geographic, not administrative: "the Mekong Delta region"
	}
	name := d.surface(i, j)
	id := slugID("city", name)
	p := d.place(id)
	if p == nil {
		kind := gazetteer.KindCity
		if u.kind == "region" {
			kind = gazetteer.KindRegion
		}
		p = &gazetteer.Place{ID: id, Type: City, Name: name, Country: iso, Kind: kind}
		if c := d.x.gaz.Country(iso); c != nil {
			p.CountryID = c.ID
		}
		d.units = append(d.units, p)
		d.anchored = append(d.anchored, anchoredName{p: p, i: i, j: j})
	}
	for t := i; t < k; t++ {
		d.placeAt[t] = placeCand{}
	}
	d.placeAt[i] = placeCand{end: k, p: p}
}

// anchoredName is a place read by findAnchored and the tokens of its name.
type anchoredName struct {
	p    *gazetteer.Place
	i, j int
}

// bareMentions finds the other mentions of the places read by
// findAnchored: the same words, capitalised, where no other place starts.
func (d *placed) bareMentions() {
	for _, a := range d.anchored {
		for i := range d.toks {
			if d.placeAt[i].p != nil || !d.toks[i].cap || d.toks[i].key != d.toks[a.i].key || i == a.i {
				continue
			}
			k, n, end := i, a.i, i
			for n < a.j && k < len(d.toks) && d.toks[k].word && d.toks[k].key == d.toks[n].key {
				end = k + 1
				k, n = nextJoined(d.toks, k), nextJoined(d.toks, n)
			}
			if n >= a.j {
				d.placeAt[i] = placeCand{end: end, p: a.p}
			}
		}
	}
}
