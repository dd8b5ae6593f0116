package extract

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/kg-dev/kg/extract/gazetteer"
	"github.com/kg-dev/kg/extract/numbers"
)

// Counts: "près de 1.000 délégués de 50 localités du Vietnam et 12 villes
// de France", "representatives from 50 Vietnamese and 12 French
// localities", "over 80 delegates representing Germany's businesses",
// "Une trentaine de collectivités y étaient représentées". A number is a
// count of an event when a counted noun follows it (data/LANG/units.tsv:
// localities, delegates, businesses, projects...), so the people of a
// population, money, years, hectares and percentages are not counts. The
// count belongs to the event the sentence names, else, when the sentence
// says who took part (cues participate, represent, gather), to the event
// it is about (its paragraph's, else the article's: contextEvent), unless
// it is quoted speech.
// Approximation words ("more than", "près de", "hundreds of") make it
// approximate; the country the counted things belong to ("French
// localities", "localités françaises", "from France", "la délégation
// française ... comprenait 85 participants") is its Of, and takes part
// in the event.

// countWords are the words around a count (data/LANG/counts.tsv), as
// token keys.
type countWords struct {
	of, from, article, definite, and, has map[string]bool
}

// loadCountWords reads data/*/units.tsv and data/*/counts.tsv.
func loadCountWords(fsys fs.FS) (*keyMatcher[string], *countWords, error) {
	units := newKeyMatcher[string]()
	cw := &countWords{of: map[string]bool{}, from: map[string]bool{}, article: map[string]bool{}, definite: map[string]bool{}, and: map[string]bool{}, has: map[string]bool{}}
	files, err := fs.Glob(fsys, "data/*/units.tsv")
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("no data/LANG/units.tsv")
	}
	for _, name := range files {
		if err := readLines(fsys, name, func(f []string) error {
			if len(f) < 2 {
				return fmt.Errorf("want surface<TAB>unit, got %q", strings.Join(f, "\t"))
			}
			u := f[1]
			if len(f) > 2 && (f[2] == "cue" || f[2] == "outcome") {
				// cue: counts only where the sentence says who took part;
				// outcome: also where it says what was signed or presented
				u += "|" + f[2]
			}
			units.add(f[0], u)
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	files, err = fs.Glob(fsys, "data/*/counts.tsv")
	if err != nil {
		return nil, nil, err
	}
	for _, name := range files {
		if err := readLines(fsys, name, func(f []string) error {
			if len(f) < 2 {
				return fmt.Errorf("want word<TAB>role, got %q", strings.Join(f, "\t"))
			}
			k := phraseKey(strings.TrimRight(f[0], "'\u2019"))
			switch f[1] {
			case "of":
				cw.of[k] = true
			case "from":
				cw.from[k] = true
			case "article":
				cw.article[k] = true
			case "definite":
				cw.definite[k] = true
			case "and":
				cw.and[k] = true
			case "has":
				cw.has[k] = true
			default:
				return fmt.Errorf("unknown role %q", f[1])
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	return units, cw, nil
}

// findQuantities reads the counts of every sentence (see above).
func (d *related) findQuantities() {
	cw := d.x.lx.counts
	for s := range d.sents {
		if d.sents[s].caption {
			continue
		}
		ms := d.sentMentions(s)
		subject := sentEvent(ms)
		// outcomesOnly: the sentence names its event by reference and says
		// what came out of it, not who took part ("12 agreements were
		// signed at the forum"): only counts of outcomes are the event's
		outcomesOnly := false
		if subject != "" && onlyReferences(ms) && !d.saysWhoTookPart(s) {
			c, _ := d.hasCue(cueOutcome, s)
			said, _ := d.hasCue(cueSpeak, s)
			if c != "" && said == "" && !d.quoted(s) { // not what a speaker recalls
				outcomesOnly = true
			} else {
				subject = "" // "Speaking at the event, he said the country has 63 provinces"
			}
		}
		if subject == "" && d.saysWhoTookPart(s) && !d.quoted(s) {
			subject = d.contextEvent(s)
		}
		if subject == "" {
			continue
		}
		st := d.sents[s]
		a, b := d.sentRange(s)
		counts := d.countsIn(s)
		type q struct {
			c    numbers.Count
			unit string
			of   string
			next int // token after the count phrase
		}
		var qs []q
		deleg, delegEnd, delegDone := "", 0, false // the sentence's first delegation with its country
		for _, c := range counts {
			first := d.tokenAt(st.start+c.Start, a, b)
			if first > a && cw.definite[d.toks[first-1].key] || (c.Value == 2 && !d.toks[first].num) {
				continue // "the two countries", "les deux villes", "des deux pays": a reference, not a count
			}
			if first > a && cw.has[d.toks[first-1].key] {
				continue // "the province has 30 localities", "la région compte 12 villes": what a place has
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
			if p+1 < b && d.toks[p].punct == '-' && !d.toks[p].space && d.toks[p+1].word && !d.toks[p+1].space {
				p++ // "a 25-member delegation"
			}
			if p < b && d.placeAt[p].demonym && d.placeAt[p].p != nil {
				x.of = d.placeAt[p].p.ID // "50 French localities"
				p = d.placeAt[p].end
			}
			if p+1 < b && cw.of[d.toks[p].key] {
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
				unit, cue, _ := strings.Cut(u[0], "|")
				switch {
				case outcomesOnly && cue != "outcome":
				case cue == "cue" && !d.saysWhoTookPart(s):
				default:
					x.unit = unit
				}
				p = e
			}
			if x.of == "" && p < b && d.placeAt[p].demonym && d.placeAt[p].p != nil {
				x.of = d.placeAt[p].p.ID // "50 localités françaises"
				p = d.placeAt[p].end
			}
			// "de France", "du Vietnam", "in Vietnam", "from France", "of the UK", "representing the UK"
			if x.of == "" {
				if e, pl := d.fromPlace(p, b); pl != nil && pl.Type == Country {
					x.of = pl.ID
					p = e
				}
			}
			if x.of == "" && x.unit == "members" {
				// "a 25-member delegation from Busan, South Korea", "une
				// délégation de 12 membres de Nantes", "la délégation de
				// Nantes, forte de 12 membres"
				if x.of = d.originAfter(p, b); x.of == "" {
					x.of = d.originBefore(a, first)
				}
			}
			if x.unit == "" && numbers.IsYearLike(c.Value) {
				continue
			}
			if x.of == "" && x.unit != "" {
				if !delegDone {
					deleg, delegEnd = d.delegationCountry(a, b)
					delegDone = true
				}
				if delegEnd <= first {
					x.of = deleg // "la délégation française comprenait 85 participants"
				}
			}
			x.next = p
			qs = append(qs, x)
		}
		// "50 Vietnamese and 12 French localities", "50 localities in Vietnam and 12 from France"
		for k := range qs {
			if qs[k].unit != "" {
				continue
			}
			coord := qs[k].next < b && (cw.and[d.toks[qs[k].next].key] || d.toks[qs[k].next].punct == ',')
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
			d.qs = append(d.qs, Quantity{Subject: subject, Count: x.c.Value, Unit: x.unit, Of: x.of, Approx: x.c.Approx, Evidence: d.evidenceOf(sp)})
			if x.of != "" {
				d.ensureCountry(x.of)
				d.addRel(ParticipatedIn, x.of, subject, nil, s)
			}
		}
	}
}

// quoted reports whether sentence s is reported speech that opens with a
// quotation mark: what a speaker says of the state of things ("“Up to
// now, 38 French localities take part in this mechanism,” he said") is
// not a count of the event the article reports.
func (d *tokenized) quoted(s int) bool {
	t := strings.TrimLeft(d.text[d.sents[s].start:d.sents[s].end], " \t")
	for _, q := range [...]string{"\"", "\u201c", "\u00ab", "\u2018", "'", "\u201e"} {
		if strings.HasPrefix(t, q) {
			return true
		}
	}
	return false
}

// onlyReferences reports whether the sentence names its events only by
// reference ("the event", "la conférence"), not by name.
func onlyReferences(ms []*ment) bool {
	for _, m := range ms {
		if m.typ == Event && !m.coref {
			return false
		}
	}
	return true
}

// saysWhoTookPart reports whether sentence s speaks of who took part in
// an event: "attended", "étaient représentées", "ont rassemblé".
func (d *candidates) saysWhoTookPart(s int) bool {
	for _, cat := range [...]cueCat{cueParticipate, cueRepresent, cueGather} {
		if c, _ := d.hasCue(cat, s); c != "" {
			return true
		}
	}
	return false
}

// delegationCountry returns the country of the first delegation named in
// tokens [a, end) with its demonym ("the French delegation", "la
// délégation française") and the token after it, or "", end.
func (d *resolved) delegationCountry(a, end int) (string, int) {
	for k := a; k < end; k++ {
		if !d.inAt(k, listDelegation) {
			continue
		}
		if k+1 < end && d.placeAt[k+1].demonym && d.placeAt[k+1].p != nil {
			return d.placeAt[k+1].p.ID, d.placeAt[k+1].end
		}
		for j := k - 1; j >= a && j >= k-3; j-- {
			if d.placeAt[j].demonym && d.placeAt[j].p != nil && d.placeAt[j].end == k {
				return d.placeAt[j].p.ID, k + 1
			}
		}
	}
	return "", end
}

// originAfter returns the country a delegation's size is of: that of the
// place after "from/de" within a few words after token p (and the
// delegation noun): "25-member delegation from Busan" is of South Korea.
// "" if none.
func (d *related) originAfter(p, b int) string {
	for k := p; k+1 < b && k < p+6; k++ {
		if _, pl := d.fromPlace(k, b); pl != nil {
			if pl.Type == Country {
				return pl.ID
			}
			return pl.CountryID
		}
	}
	return ""
}

// fromPlace reads "from/de/of [the] PLACE" at token k (before b): the
// place and its end, or nil.
func (d *related) fromPlace(k, b int) (int, *gazetteer.Place) {
	cw := d.x.lx.counts
	if k+1 >= b || !d.toks[k].word || !cw.from[d.toks[k].key] {
		return k, nil
	}
	r := k + 1
	if r < b && (d.toks[r].punct == '\'' || cw.article[d.toks[r].key]) {
		r++
	}
	return d.placeAtTok(r)
}

// originBefore returns the country of the place after the last
// delegation noun before token first ("la délégation de Nantes, forte de
// 12 membres"), "" if none.
func (d *related) originBefore(a, first int) string {
	for k := first - 1; k >= a && k >= first-10; k-- {
		if d.inAt(k, listDelegation) {
			return d.originAfter(k+1, first)
		}
	}
	return ""
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
