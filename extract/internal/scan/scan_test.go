package scan

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Février", "fevrier"}, {"AOÛT", "aout"}, {"jusqu’à", "jusqu'a"}, {"1\u00a0000", "1 000"},
		{"Hà Nội", ""}, {"œuvre", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var buf [4]byte
	if _, ok := FoldInto(buf[:0], "octobre"); ok {
		t.Errorf("FoldInto into 4 bytes of %q: got ok, want false", "octobre")
	}
}

func TestGluedBefore(t *testing.T) {
	tests := []struct {
		text string
		i    int
		want bool
	}{
		{"COVID-19", 6, true}, {"A320", 1, true}, {"US$5", 3, true}, {"v2.1", 3, true},
		{"le 19", 3, false}, {"(19)", 1, false}, {"19", 0, false}, {"é19", 2, true}, {"- 19", 2, false},
	}
	for _, tt := range tests {
		if got := GluedBefore(tt.text, tt.i); got != tt.want {
			t.Errorf("GluedBefore(%q, %d) = %v, want %v", tt.text, tt.i, got, tt.want)
		}
	}
}

func TestSpaces(t *testing.T) {
	text := "a \u00a0\u202f\tb"
	if got := SkipSpace(text, 1); got != len(text)-1 {
		t.Errorf("SkipSpace = %d, want %d", got, len(text)-1)
	}
	if got := SkipSpaceBack(text, len(text)-1); got != 1 {
		t.Errorf("SkipSpaceBack = %d, want 1", got)
	}
	if got := WordEnd("août 2023", 0); got != len("août") {
		t.Errorf("WordEnd = %d, want %d", got, len("août"))
	}
	if got := WordStartBack("le mois d'août", len("le mois d'août")); got != len("le mois d'") {
		t.Errorf("WordStartBack = %d, want %d", got, len("le mois d'"))
	}
}

func TestWordEndASCII(t *testing.T) {
	for _, tt := range []struct {
		text  string
		j     int
		end   int
		ascii bool
	}{
		{"April 2024", 0, 5, true},
		{"Août 2024", 0, 5, false},
		{"mai.", 0, 3, true},
		{"Hà Nội", 4, 9, false},
		{"May’s", 0, 3, false}, // U+2019 ends the word: read the slow way
		{"x", 1, 1, true},
		{"déc", 0, 4, false},
	} {
		end, ascii := WordEndASCII(tt.text, tt.j)
		if end != tt.end || ascii != tt.ascii || end != WordEnd(tt.text, tt.j) {
			t.Errorf("WordEndASCII(%q, %d) = %d, %v; want %d, %v (WordEnd %d)", tt.text, tt.j, end, ascii, tt.end, tt.ascii, WordEnd(tt.text, tt.j))
		}
	}
}
