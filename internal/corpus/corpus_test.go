package corpus

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// digest generates opts and returns a hash of every article with its
// name, and the articles' total size.
func digest(t testing.TB, opts Options) (string, int) {
	t.Helper()
	h := sha256.New()
	size := 0
	err := Generate(opts, func(a Article) error {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", a.Name, a.Lang, a.Text)
		size += len(a.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), size
}

func TestDeterministic(t *testing.T) {
	a, _ := digest(t, Options{Seed: 7, N: 300})
	b, _ := digest(t, Options{Seed: 7, N: 300})
	if a != b {
		t.Errorf("two runs with seed 7 differ")
	}
	c, _ := digest(t, Options{Seed: 8, N: 300})
	if a == c {
		t.Errorf("seeds 7 and 8 give the same articles")
	}
	// A prefix of a corpus is the smaller corpus: article i depends only
	// on the seed and i.
	var first, again []string
	Generate(Options{Seed: 7, N: 50}, func(a Article) error { first = append(first, a.Text); return nil })
	Generate(Options{Seed: 7, N: 10}, func(a Article) error { again = append(again, a.Text); return nil })
	for i := range again {
		if again[i] != first[i] {
			t.Fatalf("article %d differs between N=50 and N=10", i)
		}
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		wantFR [2]float64 // accepted range of the French share
		err    string
	}{
		{"default share", Options{Seed: 1, N: 2000}, [2]float64{0.45, 0.55}, ""},
		{"mostly French", Options{Seed: 1, N: 2000, FrenchShare: 0.9}, [2]float64{0.87, 0.93}, ""},
		{"all French", Options{Seed: 1, N: 500, FrenchShare: 1}, [2]float64{1, 1}, ""},
		{"few French", Options{Seed: 1, N: 2000, FrenchShare: 0.1}, [2]float64{0.07, 0.13}, ""},
		{"none", Options{Seed: 1, N: 0}, [2]float64{0, 1}, ""},
		{"negative N", Options{N: -1}, [2]float64{}, "N must not be negative"},
		{"share above 1", Options{N: 1, FrenchShare: 1.5}, [2]float64{}, "FrenchShare"},
		{"negative share", Options{N: 1, FrenchShare: -0.1}, [2]float64{}, "FrenchShare"},
	}
	name := regexp.MustCompile(`^\d{6}_(en|fr)\.txt$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, fr := 0, 0
			err := Generate(tt.opts, func(a Article) error {
				if want := fmt.Sprintf("%06d_%s.txt", n, a.Lang); a.Name != want || !name.MatchString(a.Name) {
					t.Errorf("article %d is named %q, want %q", n, a.Name, want)
				}
				n++
				if a.Lang == "fr" {
					fr++
				}
				return nil
			})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.opts.N {
				t.Fatalf("got %d articles, want %d", n, tt.opts.N)
			}
			if n == 0 {
				return
			}
			share := float64(fr) / float64(n)
			if share < tt.wantFR[0] || share > tt.wantFR[1] {
				t.Errorf("French share %.3f, want %.2f to %.2f", share, tt.wantFR[0], tt.wantFR[1])
			}
		})
	}
}

func TestStopsAtFirstError(t *testing.T) {
	stop := errors.New("enough")
	n := 0
	err := Generate(Options{Seed: 1, N: 100}, func(Article) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("got %v after %d articles, want %v after 3", err, n, stop)
	}
}

func TestShape(t *testing.T) {
	const n = 2000
	header := regexp.MustCompile(`^ date (\d{4}-\d{2}(-\d{2})?) \S`)
	var size, dated, monthOnly int
	err := Generate(Options{Seed: 3, N: n}, func(a Article) error {
		size += len(a.Text)
		if m := header.FindStringSubmatch(a.Text); m != nil {
			dated++
			if m[2] == "" {
				monthOnly++
			}
		}
		for _, bad := range []string{"{", "}", "[", "]", "?", "  ", " ,", " .", "..", "\n\n\n"} {
			if strings.Contains(a.Text, bad) {
				i := strings.Index(a.Text, bad)
				t.Errorf("%s: %q at %d: …%s…", a.Name, bad, i, a.Text[max(0, i-60):min(len(a.Text), i+60)])
				return errors.New("stop")
			}
		}
		if !strings.HasSuffix(a.Text, "\n") || strings.Count(a.Text, "\n") < 5 {
			t.Errorf("%s: not laid out in paragraphs:\n%s", a.Name, a.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	avg := size / n
	t.Logf("%d articles, %d bytes, %d on average; %d dated, %d with a month only", n, size, avg, dated, monthOnly)
	if avg < 2500 || avg > 4000 {
		t.Errorf("average size %d bytes, want 2.5 to 4 KB like the sample articles", avg)
	}
	if dated < n*3/4 || dated == n || monthOnly == 0 {
		t.Errorf("%d of %d articles have a date line (%d with a month only): want most, not all", dated, n, monthOnly)
	}
}

// cast counts the distinct people, places and events of n articles, as
// the generator chose them.
func cast(t testing.TB, n int) (people, cities, events int) {
	t.Helper()
	lx, err := defaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(lx, 11, 0.5)
	seen := [3]map[string]bool{{}, {}, {}}
	for i := range n {
		g.article(i)
		a := &g.a
		for _, p := range a.persons {
			seen[0][p.plain] = true
		}
		for _, c := range a.cities[:cityC] {
			seen[1][c.id] = true
		}
		// an event is its kind and what its name depends on
		key := fmt.Sprintf("%p", a.ev.kind)
		for _, c := range a.ev.kind.names {
			switch c {
			case 'A':
				key += "|" + a.cities[cityA].id
			case 'B':
				key += "|" + a.cities[cityB].id
			case 'X':
				key += "|" + a.countries[countryX].iso
			case 'y':
				key += fmt.Sprintf("|%d|%d", a.ev.year, a.ev.ord)
			}
		}
		seen[2][key] = true
	}
	return len(seen[0]), len(seen[1]), len(seen[2])
}

func TestGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 11,000 articles")
	}
	p1, c1, e1 := cast(t, 1000)
	p2, c2, e2 := cast(t, 10000)
	t.Logf("1,000 articles: %d people, %d cities, %d events; 10,000: %d, %d, %d", p1, c1, e1, p2, c2, e2)
	if p2 < 3*p1 || e2 < 3*e1 || c2 < c1*5/4 {
		t.Errorf("the cast does not grow with the corpus")
	}
}

// TestSkew checks that places are drawn with a skew: the capital is
// frequent, most places rare.
func TestSkew(t *testing.T) {
	counts := map[string]int{}
	const n = 3000
	err := Generate(Options{Seed: 5, N: n, FrenchShare: 0.01}, func(a Article) error {
		if strings.Contains(a.Text, "Hanoi") || strings.Contains(a.Text, "Hà Nội") {
			counts["hanoi"]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if share := float64(counts["hanoi"]) / n; share < 0.1 || share > 0.6 {
		t.Errorf("Hanoi is in %.0f%% of the articles, want a hub (10%% to 60%%)", 100*share)
	}
}

func BenchmarkGenerate(b *testing.B) {
	var size int64
	const sample = 1000
	if err := Generate(Options{Seed: 1, N: sample}, func(a Article) error { size += int64(len(a.Text)); return nil }); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size / sample) // per article: ns/op and MB/s are per article
	b.ReportAllocs()
	b.ResetTimer()
	if err := Generate(Options{Seed: 1, N: b.N}, func(Article) error { return nil }); err != nil {
		b.Fatal(err)
	}
}

// TestEventYear checks that an event's name carries its own year, not
// the article's (an article may announce next year's festival).
func TestEventYear(t *testing.T) {
	lx, err := defaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(lx, 1, 0.5)
	for i := range 3000 {
		g.article(i)
		e := g.a.ev
		for y := 2000; y < 2030; y++ {
			if y != e.year && strings.Contains(e.name, fmt.Sprint(y)) {
				t.Fatalf("article %d: event %q of %d", i, e.name, e.year)
			}
		}
	}
}
