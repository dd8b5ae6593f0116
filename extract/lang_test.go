package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	"github.com/kg-dev/kg/internal/corpus"
)

func TestQuickLang(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english", "The mayor of the city met with the delegation from France on Monday, and said that the two sides have agreed to expand cooperation in culture and education.", "en"},
		{"french", "Le maire de la ville a reçu la délégation française lundi et a déclaré que les deux parties sont convenues d'élargir leur coopération dans les domaines de la culture et de l'éducation.", "fr"},
		{"english with Vietnamese names", "Chairman of the Hà Nội People's Committee Trần Sỹ Thanh said the city is ready to work with the French side, and thanked the Mayor of Paris for the support of the city in the past years.", "en"},
		{"english with many Vietnamese names", "Chairman of the Đắk Nông People's Committee Hồ Văn Mười and Vice Chairwoman Tôn Thị Ngọc Hạnh received the mayor of the city, and Secretary Ngô Thanh Danh said that the province is ready to work with the French side on the new projects.", "en"},
		{"french with many Vietnamese names", "Le président du comité populaire de Đắk Nông, Hồ Văn Mười, et la vice-présidente Tôn Thị Ngọc Hạnh ont reçu le maire de la ville, et le secrétaire Ngô Thanh Danh a dit que la province est prête à travailler avec la partie française sur les projets des deux villes dans les domaines qui sont les leurs.", "fr"},
		{"vietnamese", "Chủ tịch Ủy ban nhân dân thành phố Hà Nội đã tiếp đoàn đại biểu của thành phố Paris và hai bên đã thảo luận về hợp tác trong lĩnh vực văn hóa, giáo dục và y tế.", ""},
		{"short english", "The mayor said.", ""},
		{"short french", "Le maire a dit.", ""},
		{"title only", "Hanoi and Toulouse", ""},
		{"empty", "", ""},
		{"mixed", "The conference et les délégués of the city et des villes, with the mayor and des maires, for the people dans la ville.", ""},
		{"german", "Der Bürgermeister der Stadt hat die Delegation aus Frankreich empfangen und gesagt, dass beide Seiten die Zusammenarbeit ausbauen wollen.", ""},
		{"spanish", "El alcalde de la ciudad recibió a la delegación francesa el lunes y dijo que las dos partes acordaron ampliar su cooperación en cultura.", ""},
		{"numbers and names", "2023 - 12 - 05 Nguyễn Văn An, Jean Dupont, Anne Hidalgo, 1.000 500 300", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testExtractor(t).words.quickLang(tt.text); got != tt.want {
				t.Errorf("quickLang(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestDetectLang(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Le maire de la ville a reçu la délégation française lundi et a déclaré que les deux parties sont convenues d'élargir leur coopération dans les domaines de la culture et de l'éducation.", "fr"},
		{"Chủ tịch Ủy ban nhân dân thành phố Hà Nội đã tiếp đoàn đại biểu của thành phố Paris và hai bên đã thảo luận về hợp tác trong lĩnh vực văn hóa, giáo dục và y tế.", "vi"},
		{"The mayor said.", "en"},
		{"Le maire a dit que la ville est prête.", "fr"},
	} {
		if got := testExtractor(t).words.detectLang(tt.text); got != tt.want {
			t.Errorf("detectLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// whatlang is detectLang without the function-word shortcut.
func whatlang(text string) string {
	if len(text) > langSample {
		cut := langSample
		for cut < len(text) && text[cut]&0xC0 == 0x80 {
			cut++
		}
		text = text[:cut]
	}
	switch whatlanggo.DetectWithOptions(text, langOptions).Lang {
	case whatlanggo.Fra:
		return "fr"
	case whatlanggo.Vie:
		return "vi"
	}
	return "en"
}

// TestQuickLangAgreesWithWhatlanggo checks that the shortcut never
// decides otherwise than whatlanggo would, on the sample and held-out
// articles and on generated ones (whole bodies and their first lines).
func TestQuickLangAgreesWithWhatlanggo(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "unseen", "*.txt"))
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	n := 400
	if testing.Short() {
		n = 50
	}
	for _, fr := range []float64{0.5, 1} {
		err := corpus.Generate(corpus.Options{Seed: 3, N: n, FrenchShare: fr}, func(a corpus.Article) error {
			texts = append(texts, a.Text)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	whole := 0
	for _, text := range texts {
		if testExtractor(t).words.quickLang(truncate(text, langSample)) != "" {
			whole++
		}
	}
	t.Logf("%d of %d articles decided without whatlanggo", whole, len(texts))
	decided := 0
	var samples []string
	for _, text := range texts {
		samples = append(samples, text)
		lines := strings.Split(text, "\n")
		for k := 1; k < len(lines) && k <= 4; k++ {
			samples = append(samples, strings.Join(lines[:k], "\n"))
		}
	}
	for _, s := range samples {
		q := testExtractor(t).words.quickLang(truncate(s, langSample))
		if q == "" {
			continue
		}
		decided++
		if w := whatlang(s); q != w {
			t.Errorf("quickLang says %s, whatlanggo %s: %.200q", q, w, s)
		}
	}
	t.Logf("%d of %d articles and beginnings of articles decided without whatlanggo", decided, len(samples))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && s[n]&0xC0 == 0x80 {
		n++
	}
	return s[:n]
}

// TestFunctionLang checks the packed table of function words against the
// map it is built from: every word, short or long, gives its language.
func TestFunctionLang(t *testing.T) {
	w := testExtractor(t).words
	if len(w.function) == 0 {
		t.Fatal("no function words")
	}
	for k, l := range w.function {
		if got := w.functionLang([]byte(k)); got != l {
			t.Errorf("functionLang(%q) = %d, want %d", k, got, l)
		}
	}
	for _, k := range []string{"", "mayor", "xq", "conference"} {
		if got := w.functionLang([]byte(k)); got != w.function[k] {
			t.Errorf("functionLang(%q) = %d, want %d", k, got, w.function[k])
		}
	}
}

// TestFunctionCounts checks functionCounts, which reads ASCII bytes
// through a table, against the same count decoding every rune, on the
// sample articles and on words at the edges (16 bytes, a long word ending
// in a letter of two bytes, digits inside words, invalid UTF-8).
func TestFunctionCounts(t *testing.T) {
	w := testExtractor(t).words
	texts := []string{
		"The mayor and the council of the city met in the hall; LE MAIRE ET LE CONSEIL.",
		"abcdefghijklmnop the abcdefghijklmnoé de l'été à Hà Nội và Đà Nẵng, của những người",
		"th3 the2 de\xffla \xc3 les\xe2\x80 et",
		"Ánh et Élise, ÉTÉ, über des ÉTATS",
	}
	for _, doc := range seedDocsT(t) {
		texts = append(texts, doc.Text)
	}
	for _, text := range texts {
		counts, vi := w.functionCounts(text)
		wantCounts, wantVI := functionCountsByRune(w, text)
		if counts != wantCounts || vi != wantVI {
			t.Errorf("%.80q: counts %v vi %d, want %v vi %d", text, counts, vi, wantCounts, wantVI)
		}
	}
	if c, _ := w.functionCounts(texts[0]); c == ([maxLangs]int{}) {
		t.Error("no function word counted")
	}
}

// functionCountsByRune is functionCounts decoding every rune.
func functionCountsByRune(w *wordClasses, text string) (counts [maxLangs]int, vi int) {
	isLetter := func(r rune) bool {
		if r < utf8.RuneSelf {
			return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		}
		return unicode.IsLetter(r)
	}
	var buf [16]byte
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isLetter(r) {
			i += size
			continue
		}
		n, long, viWord := 0, false, false
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isLetter(r) {
				break
			}
			if r >= utf8.RuneSelf && vietnameseLetter(r) {
				viWord = true
			}
			switch {
			case long:
			case r < utf8.RuneSelf:
				if n < len(buf) {
					buf[n] = byte(unicode.ToLower(r))
					n++
				} else {
					long = true
				}
			default:
				if l := unicode.ToLower(r); n+utf8.RuneLen(l) <= len(buf) {
					n += utf8.EncodeRune(buf[n:], l)
				} else {
					long = true
				}
			}
			i += size
		}
		if viWord {
			vi++
		}
		if long || n > w.functionLen {
			continue
		}
		if l := w.functionLang(buf[:n]); l > 0 {
			counts[l-1]++
		}
	}
	return counts, vi
}
