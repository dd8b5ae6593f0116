package corpus

import (
	"strings"
	"testing"
)

func TestFrenchGrammar(t *testing.T) {
	tests := []struct {
		fn         func(string, byte, int) string
		text       string
		gender     byte
		kind       int
		want, name string
	}{
		{frDe, "Lyon", 'm', nounCity, "de Lyon", "de city"},
		{frDe, "Angers", 'm', nounCity, "d'Angers", "de city, vowel"},
		{frDe, "Le Havre", 'm', nounCity, "du Havre", "de city with article"},
		{frA, "Le Havre", 'm', nounCity, "au Havre", "à city with article"},
		{frA, "Paris", 'm', nounCity, "à Paris", "à city"},
		{frLe, "La Rochelle", 'm', nounCity, "La Rochelle", "le city"},
		{frDe, "France", 'f', nounCountry, "de France", "de feminine country"},
		{frDe, "Japon", 'm', nounCountry, "du Japon", "de masculine country"},
		{frDe, "Italie", 'f', nounCountry, "d'Italie", "de country, vowel"},
		{frDe, "États-Unis", 'p', nounCountry, "des États-Unis", "de plural country"},
		{frA, "France", 'f', nounCountry, "en France", "à feminine country"},
		{frA, "Japon", 'm', nounCountry, "au Japon", "à masculine country"},
		{frA, "Cuba", 0, nounCountry, "à Cuba", "à country without article"},
		{frLe, "Allemagne", 'f', nounCountry, "l'Allemagne", "le country, vowel"},
		{frLe, "Cuba", 0, nounCountry, "Cuba", "le country without article"},
		{frLe, "présidente du Comité populaire de Hué", 'f', nounThing, "la présidente du Comité populaire de Hué", "le feminine office"},
		{frDe, "maire de Lyon", 'm', nounThing, "du maire de Lyon", "de masculine office"},
		{frDe, "ambassadrice de France", 'f', nounThing, "de l'ambassadrice de France", "de office, vowel"},
		{frA, "forum", 'm', nounThing, "au forum", "à masculine thing"},
		{frA, "Assises", 'p', nounThing, "aux Assises", "à plural thing"},
		{frDe, "Cités Unies France", 0, nounThing, "de Cités Unies France", "de body without article"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.text, tt.gender, tt.kind); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{ordinal(1, false), "1st"}, {ordinal(2, false), "2nd"}, {ordinal(3, false), "3rd"},
		{ordinal(11, false), "11th"}, {ordinal(12, false), "12th"}, {ordinal(21, false), "21st"},
		{ordinal(1, true), "1re"}, {ordinal(12, true), "12e"},
		{formatInt(950, false), "950"}, {formatInt(1000, false), "1,000"}, {formatInt(1000, true), "1.000"},
		{formatInt(1234567, false), "1,234,567"},
		{onDate(false, 4, 14), "on April 14"}, {onDate(true, 4, 14), "le 14 avril"}, {onDate(true, 5, 1), "le 1er mai"},
		{frContract("de", "le sport"), "du sport"}, {frContract("à", "les transports publics"), "aux transports publics"},
		{frContract("de", "la santé"), "de la santé"}, {frContract("à", "l'urbanisme"), "à l'urbanisme"},
		{stripMarks("Trần Lưu Quang"), "Tran Luu Quang"}, {stripMarks("Đinh Tiến Dũng"), "Dinh Tien Dung"},
		{capitalise("la conférence"), "La conférence"}, {capitalise("élu"), "Élu"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestParseTemplate(t *testing.T) {
	tests := []struct{ in, err string }{
		{"{A} and {de:B} [met|saw] {P1.r} in {the:X}.", ""},
		{"[a|b|{n.del} delegates]", ""},
		{"{A", "unclosed {"},
		{"[a|b", "unclosed ["},
		{"a]", "unexpected"},
		{"{Z}", "unknown slot"},
		{"{A.zz}", "unknown field"},
		{"{xx:A}", "unknown modifier"},
		{"{n.nothing}", "unknown field"},
	}
	for _, tt := range tests {
		_, err := parseTemplate(tt.in)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%q: %v", tt.in, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: got error %v, want one containing %q", tt.in, err, tt.err)
		}
	}
}

func TestPlaceSpellings(t *testing.T) {
	lx, err := defaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if lx.vnCities[0].id != "city:hanoi" {
		t.Fatalf("the first Vietnamese place is %s, want the capital", lx.vnCities[0].id)
	}
	h := lx.vnCities[0]
	if h.en != "Hanoi" || h.vi != "Hà Nội" || h.fr != "Hanoï" {
		t.Errorf("Hanoi is spelt %q, %q, %q; want Hanoi, Hà Nội, Hanoï", h.en, h.vi, h.fr)
	}
	for _, c := range lx.vnCities {
		if c.id == "city:ho-chi-minh-city" && !strings.HasSuffix(c.fr, "Minh-Ville") {
			t.Errorf("Ho Chi Minh City in French is %q", c.fr)
		}
	}
}
