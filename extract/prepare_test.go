package extract

import (
	"strings"
	"testing"
)

// TestPrepare drives the first stage alone: the header's date and title,
// the language, and where the body and its teasers start.
func TestPrepare(t *testing.T) {
	x := testExtractor(t)
	tests := []struct {
		name, text        string
		date, title, lang string
		bodyStart         int
		teaser            string // the line the body ends at, "" for none
	}{
		{"en: date line and headline",
			"date 2025-03-14 Lille and Da Nang renew their ties\nThe mayor of Lille said that the city and its partner have worked together for years, and that the two cities will also open a school with the help of the region.\n",
			"2025-03-14", "Lille and Da Nang renew their ties", "en", 16, ""},
		{"fr: no date line, teaser cut",
			"Rouen et Hué signent un accord\nLe maire de Rouen et les élus de la ville ont reçu une délégation de Hué pour une semaine consacrée aux échanges entre les deux villes et leurs écoles.\nLire aussi\nUn autre article sans rapport\n",
			"", "Rouen et Hué signent un accord", "fr", 0, "Lire aussi\n"},
		{"a teaser cue inside a sentence does not cut",
			"Title\nYou can read more about the cities of the region and the plan that was adopted by the council, which has been working with the partners for years.\n",
			"", "Title", "en", 0, ""},
		{"a date that is not one stays in the title",
			"date 2025-13-40 Not a date\nThe text of the article is in English and the mayor said that this was the first visit of the delegation.\n",
			"", "date 2025-13-40 Not a date", "en", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := prepare(x, Document{ID: "t", Text: tt.text}, new(docBufs))
			end := len(tt.text)
			if tt.teaser != "" {
				end = strings.Index(tt.text, tt.teaser)
			}
			if p.doc.Date != tt.date || p.doc.Title != tt.title || p.lang != tt.lang || p.bodyStart != tt.bodyStart || p.bodyEnd != end {
				t.Errorf("got date %q title %q lang %q body [%d, %d), want %q %q %q [%d, %d)",
					p.doc.Date, p.doc.Title, p.lang, p.bodyStart, p.bodyEnd, tt.date, tt.title, tt.lang, tt.bodyStart, end)
			}
		})
	}
	// what the source gives is kept
	p := prepare(x, Document{Text: "Some title\nLe maire et les élus de la ville sont dans la salle pour une réunion avec des délégués.\n", Date: "2024", Lang: "vi", Title: "Given"}, new(docBufs))
	if p.doc.Date != "2024" || p.lang != "vi" || p.doc.Title != "Given" {
		t.Errorf("source metadata overwritten: %q %q %q", p.doc.Date, p.lang, p.doc.Title)
	}
}
