package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-dev/kg/eval"
	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/reader"
)

func extractDir(t *testing.T, dir string) extract.Result {
	t.Helper()
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.DocResult
	err = reader.Walk(context.Background(), []string{dir}, func(d extract.Document) error {
		docs = append(docs, x.Extract(d))
		return nil
	}, func(path string, err error) { t.Errorf("%s: %v", path, err) })
	if err != nil {
		t.Fatal(err)
	}
	return extract.Merge(docs)
}

// TestQualityFloorsOnSeeds scores extraction of the sample articles against
// their gold annotations with the reference rules (package eval). The
// floors sit just under what kg reaches (`kg eval --gold
// eval/testdata/seeds.gold.json seeds`), so quality cannot drop silently.
func TestQualityFloorsOnSeeds(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "eval", "testdata", "seeds.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.LoadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	r := eval.Score(gold, extractDir(t, filepath.Join("..", "seeds")))
	t.Logf("entities F1 %.3f (dup %d), relations F1 %.3f, quantities F1 %.3f, dates %d/%d, mentions %d/%d",
		r.Entities.F1, r.Duplicates, r.Relations.F1, r.Quantities.F1, r.DatesOK, r.Dates, r.MentionsOK, r.Mentions)
	floors := []struct {
		name      string
		got, want float64
	}{
		{"entity F1", r.Entities.F1, 0.97},
		{"relation F1", r.Relations.F1, 0.97},
		{"quantity F1", r.Quantities.F1, 0.95},
		{"document-mention recall", float64(r.MentionsOK) / float64(r.Mentions), 0.95},
	}
	for _, fl := range floors {
		if fl.got < fl.want {
			t.Errorf("%s: got %.3f, want at least %.3f", fl.name, fl.got, fl.want)
		}
	}
	if r.Duplicates != 0 {
		t.Errorf("duplicates: got %d, want 0", r.Duplicates)
	}
	if r.DatesOK != r.Dates {
		t.Errorf("event dates: got %d/%d right, want all", r.DatesOK, r.Dates)
	}
}

// TestHeldOutArticles checks the facts of articles written for the test
// (testdata/unseen), not the samples the cue lists were first tried on.
func TestHeldOutArticles(t *testing.T) {
	res := extractDir(t, filepath.Join("testdata", "unseen"))
	type rel struct{ typ, from, to string }
	want := []rel{
		{extract.PartnerOf, "city:ho-chi-minh-city", "city:lyon"},
		{extract.PartnerOf, "city:blois", "city:hue"},
		{extract.Met, "person:sylvain-godinot", "person:tran-thi-dieu-thuy"},
		{extract.Met, "person:marc-gricourt", "person:nguyen-van-phuong"},
		{extract.Met, "person:nguyen-van-nen", "person:olivier-brochet"},
		{extract.HoldsRole, "person:tran-thi-dieu-thuy", "org:ho-chi-minh-city-peoples-committee"},
		{extract.HoldsRole, "person:olivier-brochet", "country:france"},
		{extract.HeldIn, "event:13-conference-fr-vn-cooperation-decentralised", "city:lyon"},
		{extract.HeldIn, "event:12-conference-fr-vn-cooperation-decentralised", "city:hanoi"},
		{extract.LocatedIn, "city:blois", "country:france"},
	}
	have := map[rel]bool{}
	for _, r := range res.Relations {
		have[rel{r.Type, r.From, r.To}] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("got no %s %s -> %s", w.typ, w.from, w.to)
		}
	}
	ents := map[string]bool{}
	for _, e := range res.Entities {
		ents[e.ID] = true
	}
	for _, id := range []string{"person:marc-gricourt", "person:phan-thien-dinh", "event:forum-fr-vn-cities-sustainable-2024", "org:ho-chi-minh-city-party-committee"} {
		if !ents[id] {
			t.Errorf("got no entity %s", id)
		}
	}
	for _, id := range []string{"person:gricourt", "person:pham-minh-chinh"} {
		if ents[id] {
			t.Errorf("got entity %s, want none (partial name / teaser)", id)
		}
	}
}
