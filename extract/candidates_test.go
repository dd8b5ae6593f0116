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
