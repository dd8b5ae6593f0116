package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostile are sequences a terminal obeys: OSC "set the window title"
// ended by BEL, CSI "clear the screen", and RIGHT-TO-LEFT OVERRIDE.
var hostile = []string{"\x1b]0;owned\x07", "\x1b[2J", "\u202e"}

// TestHostileText runs every command that prints article text, file names
// or stored values on an article (and a file name) full of terminal
// control sequences: what is meant for people (tables, the partners
// list, the eval report, warnings, errors, summaries) shows them as
// visible escapes; JSON and the export files keep them verbatim.
func TestHostileText(t *testing.T) {
	for _, k := range []string{"NEO4J_URI", "NEO4J_PASSWORD", "KG_STORE"} {
		t.Setenv(k, "")
	}
	dir := t.TempDir()
	name := "evil\x1b[2J"
	text := "Hanoi and Toulouse \x1b]0;owned\x07signed a twinning agreement\x1b[2J in 1996 \u202e to work together.\n" +
		"The mayor of Toulouse visited Hanoi.\n"
	in := filepath.Join(dir, "in")
	writeTree(t, in, map[string]string{name + ".txt": text})
	bad := filepath.Join(dir, "bad\x1b]0;t\x07\u202e.bin")
	if err := os.WriteFile(bad, []byte("\x00\x01\x02\x03binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	gold := filepath.Join(dir, "gold.json")
	goldJSON := `{"version": 1, "documents": {"evil\u001b[2J": {"lang": "en"}},
		"entities": [{"id": "lyon", "types": ["City"], "name": "Lyon\u001b]0;x\u0007", "aliases": [], "docs": ["evil\u001b[2J"]}],
		"relations": [], "quantities": []}`
	if err := os.WriteFile(gold, []byte(goldJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "kg.db")
	ctx := context.Background()

	tests := []struct {
		name     string
		args     []string
		human    bool // output meant for people
		verbatim bool // stdout must hold the hostile text as it is
		shows    string
	}{
		{name: "ingest", args: []string{"ingest", "--store", store, in, bad}, human: true, shows: "bad^[]0;t^G<U+202E>.bin"},
		{name: "extract table", args: []string{"extract", "--format", "table", in, bad}, human: true, shows: "bad^[]0;t^G<U+202E>.bin"},
		{name: "extract json", args: []string{"extract", "--format", "json", in}, verbatim: true},
		{name: "query table", args: []string{"query", "--store", store, "partners", "--param", "city=Hanoi"}, human: true, shows: "^[]0;owned^G"},
		{name: "query json", args: []string{"query", "--store", store, "--format", "json", "partners", "--param", "city=Hanoi"}, verbatim: true},
		{name: "partners", args: []string{"partners", "--store", store, "Hanoi"}, human: true, shows: "^[]0;owned^Gsigned a twinning agreement^[[2J in 1996 <U+202E>"},
		{name: "partners json", args: []string{"partners", "--store", store, "--format", "json", "Hanoi"}, verbatim: true},
		{name: "query with a hostile parameter", args: []string{"query", "--store", store, "city-events", "--param", "city=\x1b]0;x\x07"}, human: true},
		{name: "eval", args: []string{"eval", "--verbose", "--gold", gold, in}, human: true, shows: "^[]0;x^G"},
		{name: "export", args: []string{"export", "--store", store, "--format", "cypher", filepath.Join(dir, "out\x1b[2J")}, human: true, shows: "out^[[2J"},
		{name: "a missing store named by a hostile path", args: []string{"partners", "--store", filepath.Join(dir, "no\x1b]0;t\x07.db"), "Hanoi"}, human: true, shows: "no^[]0;t^G.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kgRun(t, ctx, tt.args...)
			out := r.stderr
			if tt.human {
				out += r.stdout
			}
			for _, h := range hostile {
				if strings.Contains(out, h) {
					t.Errorf("printed %q raw:\nstdout:\n%s\nstderr:\n%s", h, r.stdout, r.stderr)
				}
			}
			if strings.ContainsAny(out, "\x1b\x07\u202e\u009b") {
				t.Errorf("a control character reached the terminal:\n%q", out)
			}
			if tt.shows != "" && !strings.Contains(out, tt.shows) {
				t.Errorf("output does not show %q:\nstdout:\n%s\nstderr:\n%s", tt.shows, r.stdout, r.stderr)
			}
			if tt.verbatim {
				for _, h := range []string{`\u001b]0;owned\u0007`, `\u001b[2J`, "\u202e"} {
					if !strings.Contains(r.stdout, h) {
						t.Errorf("JSON lost %q:\n%s", h, r.stdout)
					}
				}
			}
		})
	}
	// The export files are data: verbatim.
	b, err := os.ReadFile(filepath.Join(dir, "out\x1b[2J", "graph.cypher"))
	if err != nil {
		entries, _ := os.ReadDir(filepath.Join(dir, "out\x1b[2J"))
		t.Fatalf("reading the export: %v (%v)", err, entries)
	}
	if !strings.Contains(string(b), "\u202e") {
		t.Error("the Cypher export lost the article's U+202E")
	}
}
