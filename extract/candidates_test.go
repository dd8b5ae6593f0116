package extract

import (
	"slices"
	"strings"
	"testing"
)

// candidatesOf runs the stages up to findCandidates on text.
func candidatesOf(t *testing.T, doc Document) *candidates {
	t.Helper()
	p := prepare(testExtractor(t), doc, new(docBufs))
	return findCandidates(tokenizeDoc(p, p.bodyStart, p.bodyEnd))
}

// nameAtSurface returns the candidate proposed at the first token of the
// first occurrence of surface.
func nameAtSurface(t *testing.T, c *candidates, surface string) (placeCand, bool) {
	t.Helper()
	off := strings.Index(c.text, surface)
	for i, tok := range c.toks {
		if tok.start == off {
			return c.nameAt[i], c.nameAt[i].end > 0
		}
	}
	t.Fatalf("no token at %q", surface)
	return placeCand{}, false
}

// TestFindCandidates drives the candidate stage alone: it proposes every
// reading of a name and decides nothing.
func TestFindCandidates(t *testing.T) {
	tests := []struct {
		name, text, date string
		at               string   // a surface to look up
		want             bool     // a candidate starts there
		readings         int      // at least this many readings (0: a demonym or none)
		countries        []string // ISO codes among those named without doubt
		notCountries     []string
		ctxYear          int
	}{
		{"en: a homonym keeps all its readings", "Title\nThe mayor of Laval met the French delegation.\n", "2024-05-02",
			"Laval", true, 2, []string{"FR"}, nil, 2024},
		{"fr: a lower-case demonym is a candidate", "Titre\nLes localités françaises et le Vietnam ont signé un accord.\n", "2023",
			"françaises", true, 0, []string{"FR", "VN"}, nil, 2023},
		{"en: a lower-case common word is not", "Title\nThe weather was nice in the capital.\n", "2023",
			"nice", false, 0, nil, nil, 2023},
		{"en: a small homonym names no country by itself", "Title\nThe team visited Vinh last week.\n", "2023",
			"Vinh", true, 1, nil, []string{"VN"}, 2023},
		{"fr: an undated article speaks from its latest full date", "Titre\nLe 13 décembre 2021, la ville de Lyon a reçu ses partenaires. En mars 2019, déjà.\n", "",
			"Lyon", true, 1, nil, nil, 2021},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := candidatesOf(t, Document{ID: "t", Text: tt.text, Date: tt.date})
			pc, ok := nameAtSurface(t, c, tt.at)
			if ok != tt.want {
				t.Fatalf("candidate at %q: %v, want %v", tt.at, ok, tt.want)
			}
			if ok && len(pc.cands) < tt.readings {
				t.Errorf("%q: %d readings, want at least %d", tt.at, len(pc.cands), tt.readings)
			}
			if ok && tt.readings == 0 && !pc.demonym {
				t.Errorf("%q: want a demonym, got %+v", tt.at, pc)
			}
			for _, iso := range tt.countries {
				if !slices.Contains(c.countries, iso) {
					t.Errorf("country %s not noted: %v", iso, c.countries)
				}
			}
			for _, iso := range tt.notCountries {
				if slices.Contains(c.countries, iso) {
					t.Errorf("country %s noted: %v", iso, c.countries)
				}
			}
			if c.ctxYear != tt.ctxYear {
				t.Errorf("ctxYear %d, want %d", c.ctxYear, tt.ctxYear)
			}
			if (tt.date == "") != (len(c.textDates) > 0) {
				t.Errorf("text dates %v for date %q", c.textDates, tt.date)
			}
		})
	}
}

// TestFindCandidatesPhrases checks the phrases of the word lists
// proposed at each token: titles, event nouns, bodies, head nouns and
// local-body heads, with where they end.
func TestFindCandidatesPhrases(t *testing.T) {
	type at func(c *candidates, i int) int // the end of the phrase at token i, i if none
	title := func(c *candidates, i int) int { j, _ := c.titleAt(i); return j }
	event := func(c *candidates, i int) int { j, _ := c.eventHeadAt(i); return j }
	head := func(c *candidates, i int) int { j, _ := c.orgHeadAt(i); return j }
	orgWord := func(c *candidates, i int) int { j, _ := c.orgWordAt(i); return j }
	tests := []struct {
		name, text, at, want string // want: the phrase's text, "" for none
		fn                   at
	}{
		{"en: a compound title", "T\nThe Deputy Prime Minister spoke.\n", "Deputy", "Deputy Prime Minister", title},
		{"fr: a feminine title", "T\nLa présidente du conseil régional a parlé.\n", "présidente", "présidente", title},
		{"en: a word that is no title", "T\nThe minister's car was parked.\n", "car", "", title},
		{"fr: an event noun", "T\nLes Assises de la coopération ont eu lieu.\n", "Assises", "Assises", event},
		{"en: a common noun that is no event", "T\nThe table was set.\n", "table", "", event},
		{"en: a local-body head", "T\nThe Hanoi People's Committee met.\n", "People", "People's Committee", head},
		{"fr: a lower-case local-body head", "T\nLe comité populaire de la ville a voté.\n", "comité", "comité populaire", head},
		{"en: the head noun of a body", "T\nThe Ministry of Foreign Affairs said so.\n", "Ministry", "Ministry", orgWord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := candidatesOf(t, Document{ID: "t", Text: tt.text, Date: "2024"})
			off := strings.Index(tt.text, tt.at)
			for i, tok := range c.toks {
				if tok.start != off {
					continue
				}
				got := ""
				if j := tt.fn(c, i); j > i {
					got = c.text[tok.start:c.toks[j-1].end]
				}
				if got != tt.want {
					t.Errorf("at %q: %q, want %q", tt.at, got, tt.want)
				}
				return
			}
			t.Fatalf("no token at %q", tt.at)
		})
	}
}

// surfaceTok returns the index of the token that starts the first
// occurrence of surface in c's text.
func surfaceTok(t *testing.T, c *candidates, surface string) int {
	t.Helper()
	off := strings.Index(c.text, surface)
	for i, tok := range c.toks {
		if tok.start == off {
			return i
		}
	}
	t.Fatalf("no token at %q", surface)
	return -1
}

// TestProposeNames checks the name shapes the candidate stage proposes at
// a capitalised word, before any place, body or person is decided: as far
// as the text alone lets the name go, with the name lists of its first
// word; and, through resolve, that decided places cut them.
func TestProposeNames(t *testing.T) {
	tests := []struct {
		name, text, at string
		want           string       // the proposed name's text, "" for none
		words          int          // its words
		ev             nameEvidence // evidence bits it must have
		resolved       string       // the name resolve reads there (nameShape), when it differs
	}{
		{"en: three words after a verb", "T\nThe talks were opened by Maria Lindqvist Berg yesterday.\n", "Maria",
			"Maria Lindqvist Berg", 3, givenName, ""},
		{"en: a title after the name ends it", "T\nThey greeted Maria Solberg Mayor of the town.\n", "Maria",
			"Maria Solberg", 2, givenName, ""},
		{"en: a sentence end ends it", "T\nShe thanked Maria. Solberg then left.\n", "Maria",
			"Maria", 1, 0, ""},
		{"en: a Vietnamese family name", "T\nDeputy Minister Nguyen Thi Lan spoke first.\n", "Nguyen",
			"Nguyen Thi Lan", 3, viSurname, ""},
		{"en: Le opening a Vietnamese name", "T\nYesterday Le Van Tam visited the port.\n", "Le",
			"Le Van Tam", 3, viSurname, ""},
		{"fr: a hyphenated given name", "T\nLe maire Jean-Baptiste Morel a signé la charte.\n", "Jean",
			"Jean-Baptiste Morel", 2, givenName, ""},
		{"fr: Le as an article is no name", "T\nLe Monde a publié la nouvelle hier.\n", "Le",
			"", 0, 0, ""},
		{"fr: a lower-case word is no name", "T\nLe maire a signé la charte.\n", "maire",
			"", 0, 0, ""},
		{"en: a country after the name is proposed, resolve cuts it", "T\nThe speaker was Nguyen Van An Vietnam said.\n", "Nguyen",
			"Nguyen Van An Vietnam", 4, viSurname, "Nguyen Van An"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := candidatesOf(t, Document{ID: "t", Text: tt.text, Date: "2024"})
			i := surfaceTok(t, c, tt.at)
			s := c.nameAtTok(i)
			got := ""
			if s.words > 0 {
				got = c.text[c.toks[i].start:c.toks[s.end-1].end]
			}
			if got != tt.want || int(s.words) != tt.words {
				t.Fatalf("at %q: %q (%d words), want %q (%d)", tt.at, got, s.words, tt.want, tt.words)
			}
			if s.ev&tt.ev != tt.ev {
				t.Errorf("at %q: evidence %b, want bits %b", tt.at, s.ev, tt.ev)
			}
			if tt.resolved == "" {
				return
			}
			r := resolve(decidePlaces(c))
			for k := range r.cover {
				r.cover[k] = -1 // as before any mention is decided
			}
			j, _ := r.nameShape(i)
			if got := r.text[r.toks[i].start:r.toks[j-1].end]; got != tt.resolved {
				t.Errorf("resolve reads %q, want %q", got, tt.resolved)
			}
		})
	}
}

// TestProposeUnits checks the administrative units the candidate stage
// proposes with their type word, each with its tokens, its name's tokens
// and the name it would have as a unit of its own ("" when the gazetteer
// place is the unit).
func TestProposeUnits(t *testing.T) {
	type unit struct{ span, name, place string } // place: the gazetteer place's name, "" if none
	tests := []struct {
		name, text string
		want       []unit
	}{
		{"en: a ward named with its English word", "T\nThe new clinic opened in Kim Lien Ward on Monday.\n",
			[]unit{{"Kim Lien Ward", "Kim Lien Ward", ""}}},
		{"en: a plural unit word after two names", "T\nFloods hit Trung Hoa and Mai Dich wards last night.\n",
			[]unit{{"Mai Dich wards", "Mai Dich Ward", ""}, {"Trung Hoa", "Trung Hoa Ward", ""}}},
		{"fr: a known district named with its level is that district", "T\nLe maire du district de Cau Giay a reçu les invités.\n",
			[]unit{{"district de Cau Giay", "", "Cau Giay"}}},
		{"en: a ward named after a known district is a ward of its own", "T\nInvestors came to Cau Giay Ward this year.\n",
			[]unit{{"Cau Giay Ward", "Cau Giay Ward", "Cau Giay"}}},
		{"fr: a Vietnamese word before the name", "T\nLa délégation a visité le phường Kim Lien la semaine dernière.\n",
			[]unit{{"phường Kim Lien", "Kim Lien Ward", ""}}},
		{"en: a name that is no Vietnamese syllable is no ward", "T\nShe lives near Greenfield Ward in the old town.\n", nil},
		{"fr: a lower-case word alone is no unit", "T\nLe quartier a fêté son marché hier.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := candidatesOf(t, Document{ID: "t", Text: tt.text, Date: "2024"})
			var got []unit
			for _, u := range c.unitSpans {
				g := unit{span: c.text[c.toks[u.i].start:c.toks[u.j-1].end], name: u.name}
				if u.p != nil {
					g.place = u.p.Name
				}
				if u.ni < u.i || u.nj > u.j || u.nj <= u.ni {
					t.Errorf("name [%d, %d) outside the unit [%d, %d)", u.ni, u.nj, u.i, u.j)
				}
				got = append(got, g)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("units %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCountsIn checks the count phrases the candidate stage reads in a
// sentence when relate asks (countsIn): the numbers, approximate or not,
// and none in a sentence without one.
func TestCountsIn(t *testing.T) {
	type count struct {
		v      float64
		approx bool
	}
	tests := []struct {
		name, text string
		want       []count
	}{
		{"en: digits after an approximation word", "T\nMore than 80 delegates from 12 towns attended the fair.\n",
			[]count{{80, true}, {12, false}}},
		{"fr: an approximate number word", "T\nUne trentaine de communes étaient représentées au salon.\n",
			[]count{{30, true}}},
		{"en: no number, no count", "T\nThe mayor thanked the guests warmly.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := candidatesOf(t, Document{ID: "t", Text: tt.text, Date: "2024"})
			s := len(c.sents) - 1 // the sentence after the title
			var got []count
			for _, n := range c.countsIn(s) {
				got = append(got, count{n.Value, n.Approx})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("counts %v, want %v", got, tt.want)
			}
			if again := c.countsIn(s); len(again) != len(got) {
				t.Errorf("second call: %d counts, want %d", len(again), len(got))
			}
		})
	}
}

// TestStopAt checks the evidence the candidate stage keeps for every
// capitalised word, that it is never part of a person's name (stopAt),
// and that a lower-case word is looked up as well.
func TestStopAt(t *testing.T) {
	tests := []struct {
		text, at string
		want     bool
	}{
		{"T\nLe Monde a publié la nouvelle hier.\n", "Le", true},
		{"T\nThe talks were opened by Maria Lindqvist yesterday.\n", "Maria", false},
		{"T\nThe talks were opened by Maria Lindqvist yesterday.\n", "The", true},
		{"T\nShe said the talks went well.\n", "the", true},
		{"T\nShe said the talks went well.\n", "talks", false},
	}
	for _, tt := range tests {
		c := candidatesOf(t, Document{ID: "t", Text: tt.text, Date: "2024"})
		if got := c.stopAt(surfaceTok(t, c, tt.at)); got != tt.want {
			t.Errorf("%q in %q: stopAt %v, want %v", tt.at, tt.text, got, tt.want)
		}
	}
}

// TestProposeEvents checks the event names and references proposed once
// places are decided (decidePlaces, proposeEvents): their extent around
// the event noun and their evidence, before resolve groups them.
func TestProposeEvents(t *testing.T) {
	type ev struct {
		text      string
		ordinal   int
		countries []string
	}
	tests := []struct {
		name, text string
		names      []ev
		refs       []string
	}{
		{"en: an ordinal and a topic", "T\nThe 5th Forum on Coastal Tourism opened on Monday.\n",
			[]ev{{"5th Forum on Coastal Tourism", 5, nil}}, nil},
		{"fr: an ordinal and two countries", "T\nLa 3e Conférence franco-italienne des villes s'est ouverte hier.\n",
			[]ev{{"3e Conférence franco-italienne des villes", 3, []string{"FR", "IT"}}}, nil},
		{"en: a definite noun alone is a reference", "T\nThe guests said the forum was a success.\n",
			nil, []string{"forum"}},
		{"fr: an indefinite meeting is no event", "T\nUne réunion a été prévue hier soir.\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := decidePlaces(candidatesOf(t, Document{ID: "t", Text: tt.text, Date: "2024"}))
			var names []ev
			for _, e := range p.eventNames {
				names = append(names, ev{p.text[p.toks[e.i].start:p.toks[e.j-1].end], e.ordinal, e.countries})
			}
			if len(names) != len(tt.names) {
				t.Fatalf("names %+v, want %+v", names, tt.names)
			}
			for k := range names {
				if names[k].text != tt.names[k].text || names[k].ordinal != tt.names[k].ordinal || !slices.Equal(names[k].countries, tt.names[k].countries) {
					t.Errorf("name %+v, want %+v", names[k], tt.names[k])
				}
			}
			var refs []string
			for _, e := range p.eventRefs {
				refs = append(refs, p.text[p.toks[e.i].start:p.toks[e.j-1].end])
			}
			if !slices.Equal(refs, tt.refs) {
				t.Errorf("references %q, want %q", refs, tt.refs)
			}
		})
	}
}
