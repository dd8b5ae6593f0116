package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary text to the whole pipeline: it must not panic
// and every mention and evidence span must lie inside the text and match it.
func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(" date 2023-04-14 \n12e Conférence «Balade» — Le maire de Séoul, Park Won-soon, a reçu 1.000 délégués.")
	f.Add("\ufeff\x00Photo:\r\nVoir plus\nM. . , - ' \" « » 12th the conference 2016 (WCS")
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // readers repair invalid UTF-8 before extraction
		}
		r := x.Extract(Document{ID: "f", Text: text})
		check := func(kind string, s Span) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("%s span [%d,%d) %q does not match the text", kind, s.Start, s.End, s.Text)
			}
		}
		for _, e := range r.Entities {
			for _, m := range e.Mentions {
				check("mention", m)
			}
		}
		for _, rel := range r.Relations {
			for _, ev := range rel.Evidence {
				check("evidence", ev)
			}
		}
		for _, q := range r.Quantities {
			for _, ev := range q.Evidence {
				check("quantity evidence", ev)
			}
		}
	})
}
