package extract

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
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
					// a sentence's first token counts as after a space ("2019.The")
					if tok := d.toks[k]; tok.space != (k == s.tokStart || isSpaceByte(tt.text[tok.start-1])) {
						t.Errorf("token %d %q: space %v", k, tok.text, tok.space)
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

// TestSplitSentencesTerminators checks splitSentences, which jumps from
// one '.', '!' or '?' to the next, against the same split testing every
// byte, on every line of the sample articles and on lines with the three
// marks mixed, repeated, at the start, at the end and run together.
func TestSplitSentencesTerminators(t *testing.T) {
	abbrev := testExtractor(t).words.abbrev
	lines := []string{
		"Really? Yes! The mayor came. Dr. Smith left?! Then... \"Who?\" she asked. A. Nguyen too.",
		"?Why. !Now. .Then",
		"It grew in 2019.The mayor said so! \u201cGood.\u201d Et la ville? Oui.",
		"No mark at all",
		"Ends with a mark.",
		"!?.",
	}
	for _, doc := range seedDocsT(t) {
		lines = append(lines, strings.Split(doc.Text, "\n")...)
	}
	n := 0
	for _, line := range lines {
		got := splitSentences(line, 0, len(line), abbrev)
		want := splitSentencesByByte(line, 0, len(line), abbrev)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.80q: %v, want %v", line, got, want)
		}
		if more := appendSentences([][2]int{{-1, -1}}, line, 0, len(line), abbrev); !reflect.DeepEqual(more, append([][2]int{{-1, -1}}, want...)) {
			t.Errorf("%.80q: appendSentences gives %v", line, more)
		}
		if len(got) > 1 {
			n++
		}
	}
	if n < 10 {
		t.Errorf("%d lines of %d split: the test sees no splits", n, len(lines))
	}
}

// splitSentencesByByte is splitSentences testing every byte for a mark
// instead of jumping from one to the next.
func splitSentencesByByte(text string, start, end int, abbreviations map[string]bool) [][2]int {
	var out [][2]int
	s := start
	for i := start; i < end; i++ {
		if c := text[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		if j, k, ok := sentenceBreak(text, s, i, end, abbreviations); ok {
			out = append(out, [2]int{s, j})
			s = k
			i = k - 1
		}
	}
	if s < end {
		out = append(out, [2]int{s, end})
	}
	return out
}

// TestTokenizeWordShape checks the word tokens' end, case flags and camel
// offset (read by runs of lower-case ASCII letters) against a rune-by-rune
// reading of each word, on the samples and on words mixing cases, digits
// and accents; and isSpace and isWordRune against their definitions on
// every rune up to U+2FFFF.
func TestTokenizeWordShape(t *testing.T) {
	texts := []string{
		"mayorOf the ABC, Abc aBC x1y 1,000 élan hàNội CommitteeSecretary theVientiane ĐàNẵng aÉb ÀÉ A a",
		"x\u0301y \u200bword\ufeff end\u00a0here",
	}
	for _, doc := range seedDocsT(t) {
		texts = append(texts, doc.Text)
	}
	for _, text := range texts {
		for _, tk := range tokenize(text, 0, len(text), 0, nil) {
			if !tk.word {
				continue
			}
			end, cap, upper, camel := wordShapeByRune(text, tk.start)
			if tk.end != end || tk.cap != cap || tk.upper != upper || int(tk.camel) != camel {
				t.Errorf("%q: end %d cap %v upper %v camel %d, want %d %v %v %d", tk.text, tk.end, tk.cap, tk.upper, tk.camel, end, cap, upper, camel)
			}
		}
	}
	for r := rune(-1); r < 0x30000; r++ {
		space := r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0
		if r >= utf8.RuneSelf {
			space = unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b'
		}
		word := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if r >= utf8.RuneSelf {
			word = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		if isSpace(r) != space || isWordRune(r) != word {
			t.Errorf("%U: isSpace %v isWordRune %v, want %v %v", r, isSpace(r), isWordRune(r), space, word)
		}
	}
}

// wordShapeByRune reads the word starting at text[i] rune by rune: its
// end, whether it starts with a capital, whether it has two capitals or
// more and no lower-case letter, and the offset of its first lower→upper
// change (0 if none). ASCII words stop at any other ASCII rune.
func wordShapeByRune(text string, i int) (end int, cap, upper bool, camel int) {
	lower, uppers, prevLower := false, 0, false
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r < utf8.RuneSelf && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			break
		}
		if r >= utf8.RuneSelf && !isWordRune(r) {
			break
		}
		switch {
		case unicode.IsUpper(r):
			uppers++
			if j == i {
				cap = true
			} else if prevLower && camel == 0 {
				camel = j - i
			}
			prevLower = false
		case unicode.IsLower(r):
			lower, prevLower = true, true
		case r < utf8.RuneSelf: // a digit
			prevLower = false
		}
		j += size
	}
	return j, cap, uppers >= 2 && !lower, camel
}

// TestReleaseClearsTokens checks that releasing a document's buffers
// leaves no token of it in them (no article text kept reachable from the
// pool), when a long piece is tokenised and then a shorter one into the
// same buffers, as a long article's segments are.
func TestReleaseClearsTokens(t *testing.T) {
	x := testExtractor(t)
	long := "Title\n" + strings.Repeat("The mayor of Lyon met the delegation from Hue. ", 200) + "\nPhoto: AFP\n"
	b := new(docBufs)
	p := prepare(x, Document{ID: "t", Text: long, Lang: "en"}, b)
	tokenizeDoc(p, p.bodyStart, p.bodyEnd)
	tokenizeDoc(p, p.bodyStart, p.bodyStart+60)
	if len(b.toks) == 0 || cap(b.toks) <= len(b.toks) {
		t.Fatalf("%d of %d tokens: the test needs a shorter second piece", len(b.toks), cap(b.toks))
	}
	b.release()
	for i, tk := range b.toks[:cap(b.toks)] {
		if tk != (token{}) {
			t.Fatalf("token %d kept after release: %+v", i, tk)
		}
	}
	for i, tk := range b.line[:cap(b.line)] {
		if tk != (token{}) {
			t.Fatalf("line token %d kept after release: %+v", i, tk)
		}
	}
}
