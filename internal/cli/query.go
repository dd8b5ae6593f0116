package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

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
		}, neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			args, err := interspersed(c)
			if err != nil {
				return err
			}
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
			res, where, err := runQuery(c, q, raw)
			if err != nil {
				return err
			}
			if len(res.Rows) == 0 {
				fmt.Fprintf(c.App.ErrWriter, "kg: %s: no results in %s\n", q.Name, where)
			}
			if format == "json" {
				return writeResultJSON(c.App.Writer, q, raw, res)
			}
			if len(res.Rows) == 0 {
				return nil
			}
			return writeResultTable(c.App.Writer, res)
		},
	}
}

// runQuery binds raw params and runs q on the store the flags name.
func runQuery(c *ucli.Context, q queries.Query, raw map[string]string) (queries.Result, string, error) {
	bound, err := q.Bind(raw)
	if err != nil {
		return queries.Result{}, "", fmt.Errorf("%w: %w", ErrUsage, err)
	}
	st, err := openGraph(c, false)
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
	return &ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: table or json"}
}

func outputFormat(c *ucli.Context) (string, error) {
	f := c.String("format")
	if f != "table" && f != "json" {
		return "", fmt.Errorf("%w: --format must be table or json, not %q", ErrUsage, f)
	}
	return f, nil
}

// paramList collects repeated --param KEY=VALUE flags. Values may contain
// commas and "=".
type paramList struct{ raw []string }

func (p *paramList) Set(v string) error { p.raw = append(p.raw, v); return nil }

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

// writeResultTable prints rows under upper-cased column names: aligned
// (long cells cut) on a terminal, tab-separated otherwise.
func writeResultTable(w io.Writer, res queries.Result) error {
	tty := isTerminal(w)
	cell := func(v any) string {
		s := formatValue(v)
		s = strings.NewReplacer("\t", " ", "\n", " ").Replace(s)
		if tty && utf8.RuneCountInString(s) > 60 {
			r := []rune(s)
			s = string(r[:59]) + "…"
		}
		return s
	}
	// One write per line to an unbuffered stdout is a system call per
	// row; buffer them.
	bw := bufio.NewWriter(termtext.NewWriter(w))
	out := io.Writer(bw)
	var tw *tabwriter.Writer
	if tty {
		tw = newTabWriter(bw)
		out = tw
	}
	head := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		head[i] = strings.ToUpper(c)
	}
	fmt.Fprintln(out, strings.Join(head, "\t"))
	for _, r := range res.Rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = cell(v)
		}
		fmt.Fprintln(out, strings.Join(cells, "\t"))
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return bw.Flush()
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

// interspersed returns the command's positional arguments, applying the
// flags that follow them: urfave/cli stops parsing flags at the first
// argument, but people write "kg query partners --param city=Hanoi".
func interspersed(c *ucli.Context) ([]string, error) {
	var pos []string
	args := c.Args().Slice()
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := commandFlag(c, name)
		if f == nil {
			return nil, fmt.Errorf("%w: flag provided but not defined: %s", ErrUsage, a)
		}
		if _, isBool := f.(*ucli.BoolFlag); isBool && !hasVal {
			val = "true"
		} else if !hasVal {
			if i+1 >= len(args) {
				return nil, fmt.Errorf("%w: flag needs an argument: %s", ErrUsage, a)
			}
			i++
			val = args[i]
		}
		if err := c.Set(f.Names()[0], val); err != nil {
			return nil, fmt.Errorf("%w: invalid value %q for flag %s: %v", ErrUsage, val, a, err)
		}
	}
	return pos, nil
}

func commandFlag(c *ucli.Context, name string) ucli.Flag {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}
