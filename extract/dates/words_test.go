package dates

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadNewLanguage shows that a language is its data file: German
// months and a preposition, and nothing else, are enough for "im März
// 2024" and "seit Mai" to be read.
func TestLoadNewLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"de/dates.tsv": {Data: []byte("# test\nmärz\tmonth\t3\nmai\tmonth\t5\nseit\tprep\n")},
	}
	w, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	text := "im März 2024 und seit Mai, aber nicht im April"
	got := strings.Join(renderDates(text, w.Find(text, Options{Lang: "de", Ref: "2024-08-01"})), " ; ")
	if want := "März 2024=2024-03 ; Mai=2024-05"; got != want {
		t.Errorf("Find(%q)\n got %q\nwant %q", text, got, want)
	}
	if l := w.Langs(); len(l) != 1 || l[0] != "de" {
		t.Errorf("Langs() = %v, want [de]", l)
	}
}

// TestLoadErrors checks that bad data files fail with their line.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"unknown role", "x\tfoo\n", "en/dates.tsv:1: unknown role"},
		{"month without value", "# c\njanuary\tmonth\n", "en/dates.tsv:2: month needs a value"},
		{"month out of range", "january\tmonth\t13\n", "bad value"},
		{"unknown flag", "may\tmonth\t5\tloud\n", "unknown flag"},
		{"one field", "may\n", "want word<TAB>role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"en/dates.tsv": {Data: []byte(tt.file)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: got %v, want an error containing %q", err, tt.want)
			}
		})
	}
	if _, err := Load(fstest.MapFS{"README": {Data: []byte("x")}}); err == nil {
		t.Errorf("Load without any LANG/dates.tsv: got no error")
	}
}

// TestDefault checks that the embedded data loads and holds English and
// French.
func TestDefault(t *testing.T) {
	w, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	if got := strings.Join(w.Langs(), ","); got != "en,fr" {
		t.Errorf("Langs() = %q, want en,fr", got)
	}
}

// TestWordTabFilter checks that the length filter in front of each
// language's table lets every key of every table through.
func TestWordTabFilter(t *testing.T) {
	w := MustDefault()
	n := 0
	for _, l := range append(w.Langs(), "") {
		tab := w.table(l)
		for k, e := range tab.m {
			n++
			if got := tab.get([]byte(k)); got != e {
				t.Errorf("lang %q: get(%q) = %+v, want %+v", l, k, got, e)
			}
		}
	}
	if n == 0 {
		t.Fatal("no date words loaded")
	}
}
