package extract

import (
	"strings"
	"testing"
)

// TestTextDatesOncePerArticle: the dates of an undated article, read from
// its whole text, are read once and shared by all its segments (read for
// each segment, a long article's cost grew with the square of its
// length), and every segment sees all of them.
func TestTextDatesOncePerArticle(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		if i == 3 {
			b.WriteString("The fair opened on 12 March 2021 in the old town.\n")
		}
		b.WriteString("The council met again and spoke about the new bridge over the river.\n")
	}
	b.WriteString("It closed in April 2022.\n")
	p := prepare(testExtractor(t), Document{ID: "t", Text: b.String()}, new(docBufs))
	segs := segments(p.text, p.bodyStart, p.bodyEnd, 512)
	if len(segs) < 4 {
		t.Fatalf("got %d segments, want at least 4", len(segs))
	}
	var first []string
	for i, sg := range segs {
		c := findCandidates(tokenizeDoc(p, sg[0], sg[1]))
		var got []string
		for _, sp := range c.textDates {
			got = append(got, sp.Value)
		}
		if i == 0 {
			first = got
			if strings.Join(got, " ") != "2021-03-12 2022-04" {
				t.Fatalf("segment 0: text dates %v, want [2021-03-12 2022-04]", got)
			}
			continue
		}
		if strings.Join(got, " ") != strings.Join(first, " ") {
			t.Errorf("segment %d: text dates %v, want %v", i, got, first)
		}
		if &c.textDates[0] != &p.whole.textDates[0] {
			t.Errorf("segment %d: text dates read again, want the article's", i)
		}
	}
}
