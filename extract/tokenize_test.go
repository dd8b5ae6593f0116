package extract

import (
	"strings"
	"testing"
	"testing/fstest"
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
		{"fr: an accented month abbreviation does not end a sentence",
			"T\nLa visite du 3 févr. 2025 à Lyon a eu lieu. Le conseil du 9 déc. 2024 l'avait votée.\n",
			[]string{"T", "La visite du 3 févr. 2025 à Lyon a eu lieu.", "Le conseil du 9 déc. 2024 l'avait votée."}},
		{"en: titles and company suffixes", "T\nDr. Lee of Acme Co. Ltd. met Gov. Tran. They agreed.\n",
			[]string{"T", "Dr. Lee of Acme Co. Ltd. met Gov. Tran.", "They agreed."}},
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

// TestAbbreviationsFromData checks that the abbreviations come from
// data/LANG/abbreviations.tsv: a data set without them splits after "Dr.".
func TestAbbreviationsFromData(t *testing.T) {
	x := testExtractor(t)
	for _, a := range []string{"mr", "dr", "st", "m", "mme", "janv", "févr"} {
		if !x.words.abbrev[a] {
			t.Errorf("abbreviation %q not loaded", a)
		}
	}
	text := "Il a vu Dr. Martin hier."
	if got := splitSentences(text, 0, len(text), x.words.abbrev); len(got) != 1 {
		t.Errorf("with the data: %d sentences, want 1", len(got))
	}
	if got := splitSentences(text, 0, len(text), map[string]bool{}); len(got) != 2 {
		t.Errorf("without abbreviations: %d sentences, want 2 (Dr. ends one)", len(got))
	}
	fsys := fstest.MapFS{"data/fr/abbreviations.tsv": {Data: []byte("# test\nmme\n")}}
	got, err := loadAbbreviations(fsys)
	if err != nil || !got["mme"] || got["m"] {
		t.Errorf("loadAbbreviations(map) = %v, %v; want mme only", got, err)
	}
}
