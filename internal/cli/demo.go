package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kg-dev/kg/graph/sqlite"
	"github.com/kg-dev/kg/internal/termtext"
	"github.com/kg-dev/kg/queries"
	ucli "github.com/urfave/cli/v2"
)

// demoSeeds is the directory kg demo ingests, relative to the working
// directory.
const demoSeeds = "seeds"

// The demo's questions, asked through the canned queries with the
// parameters a user would type.
var demoSteps = []struct {
	title, query string
	params       map[string]string
}{
	{"Partners of Hanoi", "partners", map[string]string{"city": "Hanoi"}},
	{"Events Hanoi took part in", "city-events", map[string]string{"city": "Hanoi"}},
	{"Who attended the 12th Vietnam–France decentralised cooperation conference", "participants", map[string]string{"event": "12th conference decentralised"}},
	{"What the articles count about it", "event-counts", map[string]string{"event": "12th conference decentralised"}},
}

func demoCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "demo",
		Usage: "ingest the sample articles into a fresh store and answer a few questions",
		Description: "Ingests ./seeds into a new embedded store (a temporary file, removed afterwards, unless --store\n" +
			"names a file that does not exist yet) and prints Hanoi's partners, the events Hanoi took part in, and\n" +
			"who attended the 12th Vietnam–France decentralised cooperation conference.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "store", Usage: "keep the demo store in `FILE` (must not exist yet)"},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("%w: demo takes no arguments", ErrUsage)
			}
			if st, err := os.Stat(demoSeeds); err != nil || !st.IsDir() {
				return fmt.Errorf("%w: no %s/ directory here: run kg demo from the kg repository's root (it holds the sample articles)", ErrInputs, demoSeeds)
			}
			path := c.String("store")
			if path == "" {
				dir, err := os.MkdirTemp("", "kg-demo-")
				if err != nil {
					return fmt.Errorf("creating the demo store: %w", err)
				}
				defer os.RemoveAll(dir)
				path = filepath.Join(dir, "kg.db")
			} else if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%w: --store %s exists; the demo needs a fresh store (remove it or name another file)", ErrUsage, path)
			}
			return runDemo(c, path)
		},
	}
}

func runDemo(c *ucli.Context, path string) error {
	w := termtext.NewWriter(c.App.Writer)
	s, err := sqlite.Open(c.Context, path, sqlite.Options{})
	if err != nil {
		return storeError(err)
	}
	g := s.Graph()
	tx, err := g.Begin(c.Context)
	if err != nil {
		return errors.Join(storeError(err), s.Close())
	}
	fmt.Fprintf(w, "Ingesting %s/ into %s\n", demoSeeds, path)
	_, err = ingest(c.Context, tx, []string{demoSeeds}, ingestOptions{workers: 2, stderr: c.App.ErrWriter})
	err = closeGraph(g, err)
	if err != nil && !errors.Is(err, ErrInputs) {
		return err
	}
	inputsErr := err

	s, err = sqlite.Open(c.Context, path, sqlite.Options{ReadOnly: true})
	if err != nil {
		return storeError(err)
	}
	defer s.Close()
	for _, step := range demoSteps {
		q, ok := queries.Get(step.query)
		if !ok {
			return fmt.Errorf("the %s query is missing from this build", step.query)
		}
		fmt.Fprintf(w, "\n== %s\n", step.title)
		fmt.Fprintf(w, "   kg query %s%s\n\n", q.Name, paramArgs(step.params))
		bound, err := q.Bind(step.params)
		if err != nil {
			return fmt.Errorf("demo query %s: %w", q.Name, err)
		}
		res, err := s.Run(c.Context, q, bound)
		if err != nil {
			return storeError(err)
		}
		if err := writeDemoResult(w, q, res); err != nil {
			return err
		}
	}
	return inputsErr
}

func paramArgs(params map[string]string) string {
	out := ""
	for _, k := range sortedKeys(params) {
		out += fmt.Sprintf(" --param %s=%q", k, params[k])
	}
	return out
}

func writeDemoResult(w io.Writer, q queries.Query, res queries.Result) error {
	if len(res.Rows) == 0 {
		_, err := fmt.Fprintln(w, "(nothing found)")
		return err
	}
	if q.Name == "partners" {
		return writePartners(w, res)
	}
	// The evidence sentences make tables unreadable: keep the other columns.
	keep := queries.Result{}
	var idx []int
	for i, c := range res.Columns {
		if q.Types[i] == queries.ColList || q.Types[i] == queries.ColSeq || c == "event_id" || c == "city_id" {
			continue
		}
		keep.Columns = append(keep.Columns, c)
		idx = append(idx, i)
	}
	for _, r := range res.Rows {
		row := make([]any, len(idx))
		for j, i := range idx {
			row[j] = r[i]
		}
		keep.Rows = append(keep.Rows, row)
	}
	return writeAligned(w, keep)
}

// writeAligned prints a table aligned whatever w is.
func writeAligned(w io.Writer, res queries.Result) error {
	tw := newTabWriter(w)
	if err := writeResultTable(tw, res, false); err != nil {
		return err
	}
	return tw.Flush()
}
