package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	// No extraction of the seeds can reach an overall F1 of 0.5 against
	// this gold: it has no relations, so relation F1 is 0.
	unreachable := filepath.Join(dir, "unreachable.gold.json")
	if err := os.WriteFile(unreachable, []byte(`{"entities": [{"id": "x", "types": ["City"], "name": "Xyzzy"}], "relations": [], "quantities": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	badGold := filepath.Join(dir, "bad.gold.json")
	if err := os.WriteFile(badGold, []byte(`{"entities": [{"id": "e", "types": ["Event"], "name": "E", "pattern": "a(b"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	gold := filepath.Join("..", "..", "eval", "testdata", "seeds.gold.json")
	seeds := filepath.Join("..", "..", "seeds")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings, in order
		stderr string
	}{
		{"report", []string{"--gold", gold, seeds}, ExitOK,
			[]string{"entities   P=", "  by type: City ", "relations  P=", "quantities P=", "event dates ", "overall F1="}, ""},
		{"verbose and json", []string{"--gold", gold, "--verbose", "--json", seeds}, ExitOK,
			[]string{"-- missed entities:", "-- false-positive quantities:", "overall F1=", `{"entity_f1": `, `"overall": `}, ""},
		{"above min-f1", []string{"--gold", gold, "--min-f1", "0", seeds}, ExitOK, []string{"overall F1="}, ""},
		{"below min-f1", []string{"--gold", unreachable, "--min-f1", "0.5", seeds}, 1,
			[]string{"overall F1="}, "is below --min-f1 0.5"},
		{"min-f1 out of range", []string{"--gold", gold, "--min-f1", "2", seeds}, ExitUsage, nil, "--min-f1 must be between 0 and 1"},
		{"no gold", []string{seeds}, ExitUsage, nil, "needs --gold"},
		{"no path", []string{"--gold", gold}, ExitUsage, nil, "needs at least one PATH"},
		{"missing gold", []string{"--gold", filepath.Join(dir, "none.json"), seeds}, ExitUsage, nil, "opening gold"},
		{"bad gold", []string{"--gold", badGold, seeds}, ExitUsage, nil, "pattern"},
		{"missing input", []string{"--gold", gold, filepath.Join(dir, "none.txt")}, ExitInputs, []string{"overall F1="}, "none.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(append([]string{"kg", "eval"}, tt.args...), strings.NewReader(""), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("got exit code %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			out := stdout.String()
			for _, s := range tt.stdout {
				i := strings.Index(out, s)
				if i < 0 {
					t.Errorf("got stdout\n%s\nwant it to contain %q (in order)", stdout.String(), s)
					break
				}
				out = out[i+len(s):]
			}
			if tt.stderr != "" && !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("got stderr %q, want it to contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}
