package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-dev/kg/eval"
)

// devDir is the dev set: 20 real articles with gold that nobody tuned the
// extractor to, beside the repository as CI lays it out (../shared).
var devDir = filepath.Join("..", "..", "shared", "eval", "dev")

// floors are the least a corpus must score, a little under what kg reaches.
type floors struct {
	entityF1, entityP, relationF1, relationP, quantityF1 float64
	dates, maxDup                                        int
}

// TestQualityFloorsOnDev scores extraction of the dev set's real articles
// against their gold with the reference rules. The floors sit just under
// what kg reaches (`kg eval --gold ../shared/eval/dev/dev.gold.json
// ../shared/eval/dev/articles`), so that quality on real text cannot drop
// silently. Outside CI the test skips when ../shared is missing; in CI
// (CI=true) the dev set must be there.
func TestQualityFloorsOnDev(t *testing.T) {
	gold := filepath.Join(devDir, "dev.gold.json")
	if _, err := os.Stat(gold); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the dev set must be beside the repository in CI: %v", err)
		}
		t.Skipf("no dev set: %v", err)
	}
	checkFloors(t, gold, filepath.Join(devDir, "articles"), floors{
		entityF1: 0.95, entityP: 0.95, relationF1: 0.93, relationP: 0.95, quantityF1: 0.90, dates: 8, maxDup: 1,
	})
}

// TestQualityFloorsOnHeldout scores the articles written for a held-out
// check by someone who had not seen the extractor (eval/testdata/heldout):
// lower floors than the dev set's, which the extractor was improved on.
// Since 2026-12-07 its errors, too, have pointed at general fixes (no
// text of it in code or data), so it is no longer unseen: the floors keep
// what was reached (entities 0.948, P 0.972; relations 0.835, P 0.943;
// quantities 0.727; dates 10 of 14; 1 duplicate).
func TestQualityFloorsOnHeldout(t *testing.T) {
	dir := filepath.Join("..", "eval", "testdata", "heldout")
	checkFloors(t, filepath.Join(dir, "heldout.gold.json"), filepath.Join(dir, "articles"), floors{
		entityF1: 0.93, entityP: 0.95, relationF1: 0.81, relationP: 0.92, quantityF1: 0.70, dates: 9, maxDup: 1,
	})
}

// TestQualityFloorsOnFresh holds the quality on the fresh articles
// (eval/testdata/fresh/README.md): a, b and d were read for error
// analysis, c only scored.
func TestQualityFloorsOnFresh(t *testing.T) {
	for _, set := range []struct {
		name string
		fl   floors
	}{
		{"a", floors{entityF1: 0.90, entityP: 0.92, relationF1: 0.82, relationP: 0.93, quantityF1: 0.90, dates: 6, maxDup: 2}},
		{"b", floors{entityF1: 0.95, entityP: 0.97, relationF1: 0.78, relationP: 0.87, quantityF1: 0.85, dates: 7, maxDup: 1}},
		{"c", floors{entityF1: 0.90, entityP: 0.90, relationF1: 0.79, relationP: 0.87, quantityF1: 0.45, dates: 12, maxDup: 1}},
		{"d", floors{entityF1: 0.94, entityP: 0.96, relationF1: 0.83, relationP: 0.96, quantityF1: 0.88, dates: 8, maxDup: 1}},
	} {
		t.Run(set.name, func(t *testing.T) {
			dir := filepath.Join("..", "eval", "testdata", "fresh", set.name)
			checkFloors(t, filepath.Join(dir, "gold.json"), filepath.Join(dir, "articles"), set.fl)
		})
	}
}

func checkFloors(t *testing.T, goldPath, articles string, fl floors) {
	t.Helper()
	f, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.LoadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	r := eval.Score(gold, extractDir(t, articles))
	t.Logf("entities P %.3f R %.3f F1 %.3f (dup %d), relations P %.3f R %.3f F1 %.3f, quantities F1 %.3f, dates %d/%d, mentions %d/%d",
		r.Entities.P, r.Entities.R, r.Entities.F1, r.Duplicates, r.Relations.P, r.Relations.R, r.Relations.F1,
		r.Quantities.F1, r.DatesOK, r.Dates, r.MentionsOK, r.Mentions)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"entity F1", r.Entities.F1, fl.entityF1},
		{"entity precision", r.Entities.P, fl.entityP},
		{"relation F1", r.Relations.F1, fl.relationF1},
		{"relation precision", r.Relations.P, fl.relationP},
		{"quantity F1", r.Quantities.F1, fl.quantityF1},
		{"event dates right", float64(r.DatesOK), float64(fl.dates)},
	} {
		if c.got < c.want {
			t.Errorf("%s: got %.3f, want at least %.3f", c.name, c.got, c.want)
		}
	}
	if r.Duplicates > fl.maxDup {
		t.Errorf("duplicates: got %d, want at most %d", r.Duplicates, fl.maxDup)
	}
}
