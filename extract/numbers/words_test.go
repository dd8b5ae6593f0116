package numbers

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kg-dev/kg/extract/dates"
)

// TestLoadNewLanguage shows that a language is its data file: a few
// German number words and one approximation phrase are enough for "mehr
// als zwanzig Städte" to be an approximate 20.
func TestLoadNewLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"de/dates.tsv":   {Data: []byte("mai\tmonth\t5\n")},
		"de/numbers.tsv": {Data: []byte("zwei\tunit\t2\nzwanzig\ttens\t20\nmehr als\tapprox\n,\tdecimal\n")},
	}
	d, err := dates.Load(fsys)
	if err != nil {
		t.Fatalf("dates.Load: %v", err)
	}
	w, err := Load(fsys, d)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	text := "mehr als zwanzig Städte, 2,5 Millionen und am 3 Mai zwei Bürgermeister"
	got := strings.Join(renderCounts(text, w.Counts(text, "de")), " ; ")
	if want := "mehr als |zwanzig=20~ ; 2,5=2.5 ; zwei=2"; got != want {
		t.Errorf("Counts(%q)\n got %q\nwant %q", text, got, want)
	}
}

// TestLoadErrors checks that bad data files fail with their line.
func TestLoadErrors(t *testing.T) {
	d, err := dates.Load(fstest.MapFS{"en/dates.tsv": {Data: []byte("may\tmonth\t5\n")}})
	if err != nil {
		t.Fatalf("dates.Load: %v", err)
	}
	tests := []struct {
		name, file, want string
	}{
		{"unknown kind", "x\tfoo\n", "en/numbers.tsv:1: unknown kind"},
		{"bad value", "# c\ntwo\tunit\ttwo\n", "en/numbers.tsv:2: unit \"two\": bad value"},
		{"unknown flag", "two\tunit\t2\tloud\n", "unknown flag"},
		{"bad digit suffix rule", "th\tdigit-suffix\tmost\n", "unknown rule"},
		{"bad decimal", ";\tdecimal\n", "decimal separator"},
		{"elision without apostrophe", "d\telision\tde\n", "elided form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"en/numbers.tsv": {Data: []byte(tt.file)}}, d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestDefault checks that the embedded data loads.
func TestDefault(t *testing.T) {
	w, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	if got := renderCounts("près de 300 délégués", w.Counts("près de 300 délégués", "fr")); len(got) != 1 || got[0] != "près de |300=300~" {
		t.Errorf("Counts = %q, want [près de |300=300~]", got)
	}
}
