package extract

import "github.com/kg-dev/kg/extract/numbers"

// findQuantities reads counts of participants and outcomes ("près de
// 1.000 délégués de 50 localités du Vietnam et 12 villes de France",
// "representatives from 50 Vietnamese and 12 French localities") and
// attaches them to the event of the sentence, or, after a gathering verb
// ("ont rassemblé", "gathered"), to the event the article last named.
// Countries the counted things belong to take part in the event.
func (d *docState) findQuantities() {
	lastEvent := ""
	for s := range d.sents {
		if d.sents[s].caption {
			continue
		}
		ms := d.sentMentions(s)
		subject := sentEvent(ms)
		if subject == "" {
			if g, _ := d.hasCue("gather", s); g != "" {
				subject = lastEvent
			}
		}
		if ev := lastEventIn(ms); ev != "" {
			lastEvent = ev
		}
		if subject == "" {
			continue
		}
		st := d.sents[s]
		a, b := d.sentRange(s)
		counts := d.x.numbers.Counts(d.text[st.start:st.end], d.lang)
		type q struct {
			c    numbers.Count
			unit string
			of   string
			next int // token after the count phrase
		}
		var qs []q
		for _, c := range counts {
			if first := d.tokenAt(st.start+c.Start, a, b); first > a && definite[d.toks[first-1].key] || (c.Value == 2 && !d.toks[first].num) {
				continue // "the two countries", "les deux villes", "des deux pays": a reference, not a count
			}
			pos := d.tokenAt(st.start+c.End, a, b)
			if pos < b && d.toks[pos].start < st.start+c.End {
				pos++
			}
			if pos > a && d.cover[pos-1] >= 0 && d.ments[d.cover[pos-1]].typ == Event {
				continue // "Sommet mondial des villes 2016"
			}
			x := q{c: c}
			p := pos
			if p < b && d.placeAt[p].demonym && d.placeAt[p].p != nil {
				x.of = d.placeAt[p].p.ID
				p = d.placeAt[p].end
			}
			if p+1 < b && (d.toks[p].key == "de" || d.toks[p].key == "d" || d.toks[p].key == "of") {
				// "une soixantaine de collectivités", "dozens of businesses"
				q := p + 1
				if q < b && d.toks[q].punct == '\'' {
					q++
				}
				if _, u := d.x.lx.units.longest(d.toks, q); u != nil {
					p = q
				}
			}
			if e, u := d.x.lx.units.longest(d.toks, p); u != nil {
				x.unit = u[0]
				p = e
			}
			// "de France", "du Vietnam", "in Vietnam", "from France", "of Việt Nam"
			if p+1 < b && (d.toks[p].key == "de" || d.toks[p].key == "du" || d.toks[p].key == "in" || d.toks[p].key == "from" || d.toks[p].key == "of" || d.toks[p].key == "d") {
				r := p + 1
				if r < b && (d.toks[r].punct == '\'' || d.toks[r].key == "the") {
					r++
				}
				if e, pl := d.placeAtTok(r); pl != nil && pl.Type == Country {
					x.of = pl.ID
					p = e
				}
			}
			if x.unit == "" && numbers.IsYearLike(c.Value) {
				continue
			}
			x.next = p
			qs = append(qs, x)
		}
		// "50 Vietnamese and 12 French localities", "50 localities in Vietnam and 12 from France"
		for k := range qs {
			if qs[k].unit != "" {
				continue
			}
			coord := qs[k].next < b && (d.toks[qs[k].next].key == "and" || d.toks[qs[k].next].key == "et" || d.toks[qs[k].next].punct == ',')
			if k+1 < len(qs) && qs[k+1].unit != "" && coord {
				qs[k].unit = qs[k+1].unit
			} else if k > 0 && qs[k-1].unit != "" && qs[k].of != "" {
				qs[k].unit = qs[k-1].unit
			}
		}
		for _, x := range qs {
			if x.unit == "" {
				continue
			}
			sp := Evidence{Doc: d.doc.ID, Start: st.start, End: st.end, Text: d.text[st.start:st.end]}
			d.qs = append(d.qs, Quantity{Subject: subject, Count: x.c.Value, Unit: x.unit, Of: x.of, Approx: x.c.Approx, Evidence: []Evidence{sp}})
			if x.of != "" {
				d.ensureCountry(x.of)
				d.addRel(ParticipatedIn, x.of, subject, nil, s)
			}
		}
	}
}

// definite words before a number make it a reference, not a count.
var definite = map[string]bool{
	"the": true, "these": true, "those": true, "both": true, "their": true, "les": true, "ces": true, "leurs": true, "nos": true, "our": true, "all": true, "tous": true,
}

func lastEventIn(ms []*ment) string {
	ev := ""
	for _, m := range ms {
		if m.typ == Event {
			ev = m.id
		}
	}
	return ev
}
