package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kg-dev/kg/internal/termtext"
	"github.com/kg-dev/kg/queries"
	ucli "github.com/urfave/cli/v2"
	"golang.org/x/term"
)

func queryCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "query",
		Usage:     "run a canned query",
		ArgsUsage: "NAME",
		Description: "Runs one of the canned queries (kg queries lists them, with their parameters) on the embedded\n" +
			"store or, with --neo4j, on Neo4j. Names are matched in any spelling: --param city=\"Hà Nội\" finds Hanoi.\n" +
			"No rows is not an error: kg says so on standard error and exits 0.",
		Flags: append([]ucli.Flag{
			storeFlag(),
			&ucli.GenericFlag{Name: "param", Aliases: []string{"p"}, Value: &paramList{}, Usage: "query parameter `KEY=VALUE` (repeat for each)"},
			formatFlag(),
			fullFlag(),
		}, append(periodFlags(), neo4jFlags()...)...),
		Action: func(c *ucli.Context) error {
			args := c.Args().Slice()
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			if len(args) != 1 {
				return fmt.Errorf("%w: query needs exactly one NAME (kg queries lists them)", ErrUsage)
			}
			q, ok := queries.Get(args[0])
			if !ok {
				return fmt.Errorf("%w: no query %q (kg queries lists them)", ErrUsage, args[0])
			}
			raw, err := c.Generic("param").(*paramList).Map()
			if err != nil {
				return err
			}
			period, err := periodOf(c)
			if err != nil {
				return err
			}
			res, where, err := runQuery(c, q, raw)
			if err != nil {
				return err
			}
			if res, err = filterPeriod(q.Name, res, period); err != nil {
				return err
			}
			if len(res.Rows) == 0 {
				if err := unknownNames(c, q, raw); err != nil {
					return err
				}
				fmt.Fprintf(c.App.ErrWriter, "kg: %s: no results in %s\n", q.Name, where)
			}
			if format == "json" {
				return writeResultJSON(c.App.Writer, q, raw, res)
			}
			if format == "csv" {
				return writeResultCSV(c.App.Writer, res)
			}
			if len(res.Rows) == 0 {
				return nil
			}
			return writeResultTable(c.App.Writer, res, c.Bool("full"))
		},
	}
}

// runQuery binds raw params and runs q on the store the flags name.
func runQuery(c *ucli.Context, q queries.Query, raw map[string]string) (queries.Result, string, error) {
	bound, err := q.Bind(raw)
	if err != nil {
		return queries.Result{}, "", fmt.Errorf("%w: %w", ErrUsage, err)
	}
	// Mapped (sqlite.Options.Mapped): a canned query reads scattered rows
	// (each relation's facts through an index), a system call and a copy
	// each without the map. participants of every "conference" on the
	// 100,000-article store: 1.23-1.34 s -> 0.97-0.98 s, with 480 MB of
	// the page cache counted in the resident size instead of 148 MB.
	st, err := openGraphMapped(c, false, true)
	if err != nil {
		return queries.Result{}, "", err
	}
	res, err := st.Run(c.Context, q, bound)
	err = closeGraph(st, storeError(err))
	if err != nil {
		if errors.Is(err, queries.ErrParams) {
			return res, "", fmt.Errorf("%w: %w", ErrUsage, err)
		}
		return res, "", err
	}
	return res, st.Where(), nil
}

func formatFlag() ucli.Flag {
	return &ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: table, json or csv"}
}

// fullFlag is --full: whole cells (evidence sentences) on a terminal,
// wrapped to its width, rather than cut.
func fullFlag() ucli.Flag {
	return &ucli.BoolFlag{Name: "full", Usage: "print whole evidence sentences, wrapped on a terminal (default there: cut to one line)"}
}

func outputFormat(c *ucli.Context, also ...string) (string, error) {
	f := c.String("format")
	ok := []string{"table", "json", "csv"}
	ok = append(ok, also...)
	if !slices.Contains(ok, f) {
		return "", fmt.Errorf("%w: --format must be %s or %s, not %q", ErrUsage, strings.Join(ok[:len(ok)-1], ", "), ok[len(ok)-1], f)
	}
	return f, nil
}

// paramList collects repeated --param KEY=VALUE flags. Values may contain
// commas and "=".
type paramList struct{ raw []string }

// Set adds a value. urfave/cli copies a flag given by its alias (-p) to
// its other names by Set(String()) on the same value: that copy is
// recognised (it is String() itself) and ignored.
func (p *paramList) Set(v string) error {
	if len(p.raw) > 0 && v == p.String() {
		return nil
	}
	p.raw = append(p.raw, v)
	return nil
}

func (p *paramList) String() string {
	if p == nil {
		return ""
	}
	return strings.Join(p.raw, " ")
}

// Map returns the params by key; a malformed key, or a key given twice
// with different values, is a usage error. (urfave/cli may Set a generic
// flag's values twice when the flag precedes the arguments.)
func (p *paramList) Map() (map[string]string, error) {
	m := map[string]string{}
	for _, kv := range p.raw {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, fmt.Errorf("%w: --param %q: want KEY=VALUE", ErrUsage, kv)
		}
		if old, dup := m[k]; dup && old != v {
			return nil, fmt.Errorf("%w: --param %s given twice", ErrUsage, k)
		}
		m[k] = v
	}
	return m, nil
}

// writeResultJSON prints {"query", "params", "columns", "rows"}, each row
// an object with the columns in order.
func writeResultJSON(w io.Writer, q queries.Query, params map[string]string, res queries.Result) error {
	rows := make([]orderedRow, len(res.Rows))
	for i, r := range res.Rows {
		rows[i] = orderedRow{cols: res.Columns, vals: r}
	}
	if params == nil {
		params = map[string]string{}
	}
	return writeJSON(w, struct {
		Query   string            `json:"query"`
		Params  map[string]string `json:"params"`
		Columns []string          `json:"columns"`
		Rows    []orderedRow      `json:"rows"`
	}{q.Name, params, res.Columns, rows})
}

type orderedRow struct {
	cols []string
	vals []any
}

func (r orderedRow) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range r.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c)
		b.Write(k)
		b.WriteByte(':')
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r.vals[i]); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(buf.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// formatValue renders a result value for people: lists joined with "; ",
// whole numbers without a decimal point, nil as "", control characters and
// bidi overrides made visible (termtext).
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return termtext.String(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formatValue(e)
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v)
}

func isTerminal(w io.Writer) bool {
	if tw, ok := w.(*termtext.Writer); ok {
		w = tw.Unwrap()
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func newTabWriter(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 2, 4, 2, ' ', 0) }
