package extract

import (
	"sort"
	"strings"

	"github.com/kg-dev/kg/extract/gazetteer"
)

// inCaption reports whether token i is in a photo caption.
func (d *tokenized) inCaption(i int) bool { return d.toks[i].caption }

// findOrgs recognises organisations: well-known bodies from data/orgs.tsv,
// local bodies named by a head and a place ("Hanoi People's Committee",
// "Comité du Parti de Da Nang"), and names built on generic heads.
func (d *resolved) findOrgs() {
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].word || d.inCaption(i) || d.cover[i] >= 0 {
			continue
		}
		if i > 0 && d.toks[i-1].punct == '(' {
			if d.bindAfter(i - 1); d.cover[i] >= 0 {
				continue
			}
		}
		if !d.mayStartOrg(i) {
			continue // what each finder below tests first: most words
		}
		if j, ok := d.boundAcronym(i); ok {
			i = j - 1
			continue
		}
		if j, ok := d.bindAcronym(i); ok {
			i = j - 1
			continue
		}
		if j, ok := d.knownOrg(i); ok {
			i = j - 1
			continue
		}
		if j, ok := d.localBody(i); ok {
			i = j - 1
			continue
		}
		if j, ok := d.genericOrg(i); ok {
			i = j - 1
		}
	}
	d.initialAcronyms()
}

// mayStartOrg reports whether one of findOrgs' finders may read a body at
// token i: an acronym (boundAcronym, bindAcronym), a well-known body's
// name, with a demonym in French (knownOrg), a local body's head
// (localBody) or a head noun (genericOrg). Each of them returns at once
// when its own test here fails.
func (d *resolved) mayStartOrg(i int) bool {
	if d.acronymAt(i) {
		return true
	}
	if d.orgPhrases[i] { // a phrase of knownOrgs, orgHeads or orgWords
		return true
	}
	return d.demonymAfter(i) != nil // knownOrgWithDemonym
}

// demonymAfter returns the place candidate of a French demonym in lower
// case right after token i (the "vietnamien" of "ministère vietnamien
// de …"), nil if there is none.
func (d *resolved) demonymAfter(i int) *placeCand {
	if d.lang != "fr" || i+1 >= len(d.toks) {
		return nil
	}
	c := &d.placeAt[i+1]
	if c.p == nil || !c.demonym || d.toks[i+1].cap {
		return nil
	}
	return c
}

func (d *resolved) knownOrg(i int) (int, bool) {
	j, es := d.knownOrgAt(i)
	if es == nil {
		j, es = d.knownOrgWithDemonym(i)
	}
	if es == nil {
		return i, false
	}
	e := es[0]
	if len(es) > 1 {
		e = d.likeliestOrg(es) // "Assemblée nationale": of the country the article names most
	}
	surf := d.surface(i, j)
	acronym := strings.ToUpper(surf) == surf && j-i == 1
	if acronym && !d.toks[i].upper {
		return i, false
	}
	if j-i == 1 && !d.toks[i].upper && d.x.words.isStop(d.lang, d.toks[i].key) {
		return i, false // "Un accord" is not the UN, "Who will" not the WHO: a word of the language, not in capitals
	}
	if !d.toks[i].cap && !acronym {
		// "ministère des Affaires étrangères" is written lowercase in French
		if !(d.lang == "fr" && j-i >= 3) {
			return i, false
		}
	}
	if e.needsCountry && d.countryWeight(e.country) == 0 {
		return i, false // "Senate", "Assemblée nationale": of a country the article names (or one of its places)
	}
	m := d.addMention(slugID("org", e.name), Organization, e.name, i, j, false)
	m.typ = Organization
	d.entity(m.id, Organization, e.name).e.Props["kind"] = e.kind
	if c := d.x.gaz.Country(e.country); c != nil {
		d.entity(m.id, Organization, e.name).e.Props["country"] = e.country
	}
	d.setCover(i, j, len(d.ments)-1)
	return j, true
}

// knownOrgWithDemonym matches a well-known body whose French name has a
// demonym after its head ("ministère vietnamien des Affaires étrangères"
// = "ministère des Affaires étrangères" of Vietnam): the body must be of
// that country.
func (d *resolved) knownOrgWithDemonym(i int) (int, []*orgEntry) {
	c := d.demonymAfter(i)
	if c == nil {
		return i, nil
	}
	var buf [12]token
	toks := append(buf[:0], d.toks[i])
	for k := c.end; k < len(d.toks) && len(toks) < len(buf); k++ {
		toks = append(toks, d.toks[k])
	}
	j, es := d.x.lx.orgs.longest(toks, 0)
	if es == nil || j < 2 {
		return i, nil
	}
	for _, e := range es {
		if e.country == c.p.Country {
			return c.end + j - 1, []*orgEntry{e}
		}
	}
	return i, nil
}

// likeliestOrg chooses among well-known bodies of one name the one whose
// country the article names most.
func (d *resolved) likeliestOrg(es []*orgEntry) *orgEntry {
	best, bestN := es[0], -1
	for _, e := range es {
		if n := d.countryWeight(e.country); n > bestN {
			best, bestN = e, n
		}
	}
	return best
}

// localBody recognises "<place> People's Committee", "People's Committee
// of <place>", "Comité populaire (municipal) de <place>" and the bare
// "municipal People's Committee" of the article's main locality.
func (d *resolved) localBody(i int) (int, bool) {
	lower := !d.toks[i].cap // "le comité populaire de la province de X": French only, with its place
	if lower && d.lang != "fr" {
		return i, false
	}
	j, heads := d.orgHeadAt(i)
	if heads == nil {
		return i, false
	}
	head := heads[0]
	start, end := i, j
	var place *gazetteer.Place
	local := d.levelWord(i, j, d.x.words.levelPrefix)
	// left: "Hanoi People's Committee", "Hà Nội’s People Committee", "Hanoi municipal Party Committee"
	k := i
	for k > 0 && d.inAt(k-1, listModifier) && d.toks[k-1].sent == d.toks[i].sent {
		k--
		local = true
	}
	if k >= 2 && d.inAt(k-1, listPossessive) && d.toks[k-2].punct == '\'' {
		k -= 2
	}
	for b := k - 1; b >= 0 && b >= k-6; b-- {
		if c := d.placeAt[b]; c.p != nil && !c.demonym && (c.end == k || (c.end > k && c.end < j && b < i)) && c.p.Type == City {
			place, start = c.p, b
			break
		}
	}
	// right: "of Hanoi", "de Hanoï", "de la ville de Hanoi", "du Parti de Da Nang"
	if place == nil {
		r := j
		for r < len(d.toks) && d.inAt(r, listModifier) {
			r++
			local = true
		}
		if r < len(d.toks) && d.inAt(r, listOf) {
			// "of the Vietnamese central province of X", "de la ville de X"
			if e, p := d.describedPlace(d.skipArticles(r + 1)); p != nil && p.Type == City {
				place, end = p, e
			}
		}
	}
	if place == nil && lower && head != "Regional Council" && head != "Departmental Council" {
		return i, false
	}
	if head == "Prefecture" && place != nil && place.Country != "FR" {
		return i, false // "Kanagawa Prefecture" is the place; "la préfecture du Rhône" the State's office
	}
	focused := false
	if place == nil {
		switch head {
		case "People's Committee", "Party Committee", "People's Council":
			if local || d.toks[i].cap {
				place = d.foci.city
				// "the provincial People's Committee": the main province,
				// when the main locality is a city inside another province
				if provincial := d.levelWord(k, end, d.x.words.provincePrefix); provincial && place != nil && place.Kind != "province" {
					if p := d.foci.ofKind["province"]; p != nil && p.Country == place.Country {
						place = p
					}
				}
				focused = true
			}
			if place != nil && place.Country != "VN" {
				// Vietnam's local government (data/orgheads.tsv): an article
				// about Lyon and an unnamed People's Committee does not make
				// it Lyon's.
				place = nil
			}
		case "Regional Council":
			place = d.foci.ofKind["region"] // "M. X, Président du Conseil régional"
		case "Departmental Council":
			place = d.foci.ofKind["department"]
		}
		if place == nil {
			return i, false
		}
	}
	name := place.Name + " " + head
	id := slugID("org", name)
	m := d.addMention(id, Organization, name, start, end, false)
	if focused {
		d.focused = append(d.focused, focusBody{m, head})
	}
	b := d.entity(id, Organization, name)
	b.e.Props["kind"] = kindOf(head)
	b.e.Props["place"] = place.ID
	d.setCover(start, end, len(d.ments)-1)
	return end, true
}

// levelWord reports whether the tokens [a, e) of a body's name say its
// level ("provincial", "provinciale" for level "provincial").
func (d *tokenized) levelWord(a, e int, prefixes []string) bool {
	for k := max(a, 0); k < e && k < len(d.toks); k++ {
		if hasPrefix(d.toks[k].key, prefixes) {
			return true
		}
	}
	return false
}

// kindOf turns a body's head into a kind: "People's Committee" -> "peoples_committee".
func kindOf(head string) string {
	return strings.ReplaceAll(strings.ToLower(strings.ReplaceAll(head, "'s", "s")), " ", "_")
}

// isSentenceStart reports whether token i opens its sentence (after
// opening quotes or a dash).
func (d *tokenized) isSentenceStart(i int) bool {
	a, b := d.sentRange(d.toks[i].sent)
	for k := a; k < b; k++ {
		if k == i {
			return true
		}
		if d.toks[k].word {
			return false
		}
	}
	return false
}

// focusBody is a mention of a local body named by its level only ("the
// provincial Party Committee"), taken to be the main locality's.
type focusBody struct {
	m    *ment
	head string
}

// relocateBodies gives a body named by its level only the place that a
// coordinated title names: "Secretary of the provincial Party Committee
// and Governor of X province" is X's Party Committee.
func (d *resolved) relocateBodies(roles []*role) {
	var place *gazetteer.Place
	for _, r := range roles {
		if p := d.x.gaz.ByID(r.target); p != nil && p.Type == City {
			place = p
		}
	}
	if place == nil {
		return
	}
	for _, r := range roles {
		// d.focused is in text order (findOrgs reads the article once, before people)
		k := sort.Search(len(d.focused), func(k int) bool { return d.toks[d.focused[k].m.i].sent >= r.sent })
		for ; k < len(d.focused) && d.toks[d.focused[k].m.i].sent == r.sent; k++ {
			f := d.focused[k]
			if f.m.id != r.target || f.m.typ != Organization {
				continue
			}
			if id, _ := d.ents[f.m.id].e.Props["place"].(string); id == place.ID {
				continue
			}
			name := place.Name + " " + f.head
			id := slugID("org", name)
			b := d.entity(id, Organization, name)
			b.e.Props["kind"] = kindOf(f.head)
			b.e.Props["place"] = place.ID
			d.retarget(f.m, id)
			r.target = id
		}
	}
}
