package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/reader"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the output of testdata/score.py")

// python returns the path of python3, or "" when it is not installed.
func python(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		return ""
	}
	return p
}

// runScorePy runs the reference scorer and returns its standard output.
func runScorePy(t *testing.T, py, gold, pred string, args ...string) string {
	t.Helper()
	cmd := exec.Command(py, append([]string{filepath.Join("testdata", "score.py"), gold, pred}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py %s %s: %v\n%s", gold, pred, err, stderr.String())
	}
	return string(out)
}

// render is what score.py prints with --verbose --json.
func render(t *testing.T, rep Report, verbose, withJSON bool) string {
	t.Helper()
	var b strings.Builder
	if err := rep.WriteText(&b, verbose); err != nil {
		t.Fatal(err)
	}
	if withJSON {
		b.Write(rep.JSON())
		b.WriteString("\n")
	}
	return b.String()
}

// sameText fails t with the first differing line of got and want.
func sameText(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w || i >= len(gl) || i >= len(wl) {
			t.Errorf("%s: line %d: got %q, want %q", what, i+1, g, w)
			return
		}
	}
}

func loadGoldFile(t *testing.T, path string) *Gold {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := LoadGold(f)
	if err != nil {
		t.Fatalf("LoadGold(%s): %v", path, err)
	}
	return g
}

// goldFor returns the gold file a prediction fixture is scored against.
func goldFor(pred string) string {
	if strings.HasPrefix(filepath.Base(pred), "pred_edge_") {
		return filepath.Join("testdata", "edge.gold.json")
	}
	return filepath.Join("testdata", "seeds.gold.json")
}

// canonical re-encodes JSON with number literals kept, so two documents
// compare equal exactly when score.py reads the same values from both.
func canonical(t *testing.T, b []byte) string {
	t.Helper()
	x, err := decodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestAgreement scores every prediction fixture and compares the report
// with the golden output of score.py, and with score.py itself when
// python3 is installed.
func TestAgreement(t *testing.T) {
	preds, err := filepath.Glob(filepath.Join("testdata", "pred_*.json"))
	if err != nil || len(preds) < 10 {
		t.Fatalf("got %d prediction fixtures (%v), want at least 10", len(preds), err)
	}
	py := python(t)
	if py == "" {
		t.Log("python3 not found: comparing with the golden files only")
		if *update {
			t.Fatal("-update needs python3 to run testdata/score.py")
		}
	}
	for _, pred := range preds {
		name := strings.TrimSuffix(filepath.Base(pred), ".json")
		t.Run(name, func(t *testing.T) {
			goldPath := goldFor(pred)
			g := loadGoldFile(t, goldPath)
			raw, err := os.ReadFile(pred)
			if err != nil {
				t.Fatal(err)
			}
			var res extract.Result
			if err := json.Unmarshal(raw, &res); err != nil {
				t.Fatalf("reading %s: %v", pred, err)
			}
			// score.py reads the fixture itself: it must be exactly what
			// kg would write for the Result Go reads from it.
			back, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := canonical(t, back), canonical(t, raw); got != want {
				t.Fatalf("fixture is not in the form kg writes:\ngot  %s\nwant %s", got, want)
			}
			rep := Score(g, res)
			got := render(t, rep, true, true)
			golden := filepath.Join("testdata", name+".golden")
			if py != "" {
				want := runScorePy(t, py, goldPath, pred, "--verbose", "--json")
				if *update {
					if err := os.WriteFile(golden, []byte(want), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				sameText(t, "Go vs score.py --verbose --json", got, want)
				sameText(t, "Go vs score.py", render(t, rep, false, false), runScorePy(t, py, goldPath, pred))
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./eval -update with python3)", err)
			}
			sameText(t, "Go vs "+golden, got, string(want))
		})
	}
}

// TestSeedsAgreement runs the real extractor over the seed articles and
// checks that Go and score.py score its JSON output the same way.
func TestSeedsAgreement(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	var docs []extract.DocResult
	err = reader.Walk(context.Background(), []string{filepath.Join("..", "seeds")}, func(d extract.Document) error {
		docs = append(docs, x.Extract(d))
		return nil
	}, func(path string, err error) { t.Errorf("reading %s: %v", path, err) })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 5 {
		t.Fatalf("got %d seed articles, want 5", len(docs))
	}
	res := extract.Merge(docs)
	b, err := json.MarshalIndent(res, "", " ")
	if err != nil {
		t.Fatalf("marshalling the extraction: %v", err)
	}
	predPath := filepath.Join(t.TempDir(), "seeds.pred.json")
	if err := os.WriteFile(predPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	goldPath := filepath.Join("testdata", "seeds.gold.json")
	g := loadGoldFile(t, goldPath)
	got := render(t, Score(g, res), true, true)

	// Scoring what kg extract would print gives the same report.
	var back extract.Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	sameText(t, "Result vs its JSON", render(t, Score(g, back), true, true), got)

	py := python(t)
	if py == "" {
		t.Skip("python3 not found: cannot run testdata/score.py on the extraction")
	}
	sameText(t, "Go vs score.py on the seeds", got, runScorePy(t, py, goldPath, predPath, "--verbose", "--json"))
	t.Logf("seeds: %s", strings.TrimSpace(got[strings.LastIndex(strings.TrimSpace(got), "\n")+1:]))
}
