package sqlite

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// TestDecodeEvidence checks the hand-written evidence reader against
// what evidenceJSON writes, and falls back to encoding/json on the rest.
func TestDecodeEvidence(t *testing.T) {
	tests := []struct {
		name  string
		spans []extract.Span
	}{
		{"none", []extract.Span{}},
		{"one", []extract.Span{{Start: 0, End: 5, Text: "Hanoi"}}},
		{"several", []extract.Span{{Start: 3, End: 40, Text: "Hà Nội and Toulouse signed."}, {Start: 120, End: 170, Text: "Séoul, Hanoï."}}},
		{"quotes and escapes", []extract.Span{{Start: 1, End: 2, Text: `He said "twin cities" \ <b>&</b>` + "\t\n\u2028"}}},
		{"empty text", []extract.Span{{Start: 7, End: 7, Text: ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := evidenceJSON(tt.spans)
			got, err := decodeEvidence("a1", ev, nil)
			if err != nil {
				t.Fatalf("decodeEvidence(%s): %v", ev, err)
			}
			want := []extract.Span{}
			for _, s := range tt.spans {
				s.Doc = "a1"
				want = append(want, s)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeEvidence(%s) = %#v, want %#v", ev, got, want)
			}
		})
	}
	// Other JSON spellings of the same thing take the slow path.
	got, err := decodeEvidence("a1", ` [ [1, 2, "x"] ]`, []extract.Span{{Doc: "a0", Text: "kept"}})
	if err != nil || len(got) != 2 || got[1] != (extract.Span{Doc: "a1", Start: 1, End: 2, Text: "x"}) || got[0].Text != "kept" {
		t.Errorf("spaced JSON: got %v, %v", got, err)
	}
	for _, bad := range []string{``, `[`, `[[1,2]]`, `[[1,2,"x"`, `[[1,2,"x"],]`, `[["1",2,"x"]]`, `{}`} {
		if _, err := decodeEvidence("a1", bad, nil); err == nil {
			t.Errorf("decodeEvidence(%q): no error", bad)
		}
	}
}

// TestArticlesMentions checks the article and mention streams against
// Batches, which export used to read them from.
func TestArticlesMentions(t *testing.T) {
	s, _ := openTemp(t)
	ingest(t, s, synthetic(fixture(t), 3)...)
	ctx := context.Background()
	var wantArts []graph.ArticleRow
	var wantMentions []graph.MentionRow
	if err := s.Batches(ctx, func(b graph.Batch) error {
		wantArts = append(wantArts, b.Article)
		wantMentions = append(wantMentions, b.Mentions...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var arts []graph.ArticleRow
	var mentions []graph.MentionRow
	if err := s.Articles(ctx, func(a graph.ArticleRow) error { arts = append(arts, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Mentions(ctx, func(m graph.MentionRow) error { mentions = append(mentions, m); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(arts, wantArts) {
		t.Errorf("Articles:\n%v\nwant (Batches):\n%v", arts, wantArts)
	}
	// Mentions come in store order, Batches by article.
	byArticle := func(a, b graph.MentionRow) int {
		return cmp.Or(strings.Compare(a.Article, b.Article), strings.Compare(a.Node, b.Node))
	}
	slices.SortFunc(mentions, byArticle)
	if len(mentions) == 0 || !reflect.DeepEqual(mentions, wantMentions) {
		t.Errorf("Mentions (%d):\n%v\nwant (Batches, %d):\n%v", len(mentions), mentions, len(wantMentions), wantMentions)
	}
}
