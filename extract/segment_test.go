package extract

import (
	"strings"
	"testing"
)

func TestSegments(t *testing.T) {
	for _, c := range []struct {
		name       string
		text       string
		start, max int
		want       []string
	}{
		{"short", "one line\nanother", 0, 100, []string{"one line\nanother"}},
		{"at a line end", "aaaa bbbb\ncccc dddd\neeee", 0, 12, []string{"aaaa bbbb\n", "cccc dddd\n", "eeee"}},
		{"at a space without line ends", "aaaa bbbb cccc dddd", 0, 12, []string{"aaaa bbbb ", "cccc dddd"}},
		{"after the header", "HEAD\naaaa bbbb\ncccc", 5, 12, []string{"aaaa bbbb\n", "cccc"}},
		{"never inside a rune", strings.Repeat("é", 10), 0, 7, []string{"ééé", "ééé", "ééé", "é"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			prev := c.start
			for _, sg := range segments(c.text, c.start, len(c.text), c.max) {
				if sg[0] != prev {
					t.Fatalf("segment %v does not start where the previous ended (%d)", sg, prev)
				}
				prev = sg[1]
				got = append(got, c.text[sg[0]:sg[1]])
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestSegmentedExtraction checks that an article extracted in segments
// gives the facts of its parts with offsets into the whole article.
func TestSegmentedExtraction(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	para := "Hanoi and Toulouse signed a twinning agreement in 2015. The mayor of Toulouse visited Hanoi.\n"
	text := strings.Repeat(para, 40)
	whole := x.extractSegments(Document{ID: "a", Text: text}, len(text)+1)
	parts := x.extractSegments(Document{ID: "a", Text: text}, 3*len(para))
	key := func(r DocResult) map[string]int {
		m := map[string]int{}
		for _, e := range r.Entities {
			m[e.ID] += len(e.Mentions)
			for _, s := range e.Mentions {
				if text[s.Start:s.End] != s.Text {
					t.Errorf("mention %q at %d-%d is %q in the article", s.Text, s.Start, s.End, text[s.Start:s.End])
				}
			}
		}
		for _, r := range r.Relations {
			m[RelationKey(r)] += len(r.Evidence)
		}
		return m
	}
	w, p := key(whole), key(parts)
	if len(w) == 0 {
		t.Fatal("nothing extracted from the test paragraph")
	}
	// every fact of the whole is found, with as many mentions and pieces of
	// evidence or more (LOCATED_IN, from the gazetteer, takes the first
	// sentence naming the city: once per segment)
	for k, n := range w {
		if p[k] < n {
			t.Errorf("%s: %d mentions or pieces of evidence in segments, %d whole", k, p[k], n)
		}
	}
	for k := range p {
		if _, ok := w[k]; !ok {
			t.Errorf("%s: found in segments only", k)
		}
	}
	if parts.Doc.ID != "a" {
		t.Errorf("doc id %q", parts.Doc.ID)
	}
}
