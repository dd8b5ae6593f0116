package extract

import (
	"strings"
	"testing"
)

// TestTokenizeDoc drives the second stage alone: sentences (with captions
// marked) and their tokens, with byte offsets into the article.
func TestTokenizeDoc(t *testing.T) {
	x := testExtractor(t)
	tests := []struct {
		name, text string
		sents      []string // sentence texts; a leading "C:" marks a caption
	}{
		{"en: two sentences run together",
			"Headline\nThe mayor came in 2019.The council agreed. Mr. Smith left.\n",
			[]string{"Headline", "The mayor came in 2019.", "The council agreed.", "Mr. Smith left."}},
		{"fr: a photo caption opens the line",
			"Titre\nLa délégation à la mairie. Photo : AFP La ville de Nantes accueille ses partenaires.\n",
			[]string{"Titre", "C:La délégation à la mairie. Photo : AFP", "La ville de Nantes accueille ses partenaires."}},
		{"abbreviations do not end a sentence",
			"T\nIl a vu M. Martin et l'U.E. hier.\n",
			[]string{"T", "Il a vu M. Martin et l'U.E. hier."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := prepare(x, Document{ID: "t", Text: tt.text, Lang: "en"}, new(docBufs))
			d := tokenizeDoc(p, p.bodyStart, p.bodyEnd)
			var got []string
			for _, s := range d.sents {
				txt := tt.text[s.start:s.end]
				if s.caption {
					txt = "C:" + txt
				}
				got = append(got, txt)
				for k := s.tokStart; k < s.tokEnd; k++ {
					if tok := d.toks[k]; tt.text[tok.start:tok.end] != tok.text || tok.sent != len(got)-1 {
						t.Errorf("token %d %q: offsets [%d, %d) give %q, sentence %d", k, tok.text, tok.start, tok.end, tt.text[tok.start:tok.end], tok.sent)
					}
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.sents, "|") {
				t.Errorf("sentences\n got %q\nwant %q", got, tt.sents)
			}
		})
	}
}
