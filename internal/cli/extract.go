package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/internal/termtext"
	ucli "github.com/urfave/cli/v2"
)

func extractCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "extract",
		Usage:     "extract entities, relations and quantities from articles",
		ArgsUsage: "PATH...",
		Description: "Reads files or directories (recursively) and prints one result for all of them, with one\n" +
			"entity per real-world thing. --format json follows the extraction contract (docs/FORMAT.md).",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "json", Usage: "output `FORMAT`: json or table"},
			&ucli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			workersFlag(),
		},
		Action: func(c *ucli.Context) error {
			format := c.String("format")
			if format != "json" && format != "table" {
				return fmt.Errorf("%w: --format must be json or table, not %q", ErrUsage, format)
			}
			if c.NArg() == 0 {
				return fmt.Errorf("%w: extract needs at least one PATH", ErrUsage)
			}
			res, failed, err := extractArgs(c)
			if err != nil {
				return err
			}
			w := c.App.Writer
			finish := func(err error) error { return err }
			if out := c.String("out"); out != "" {
				if w, finish, err = createOutput(out); err != nil {
					return err
				}
			}
			if format == "json" {
				err = writeJSON(w, res)
			} else {
				err = writeTable(w, res)
			}
			if err = finish(err); err != nil {
				return err
			}
			if len(res.Documents) == 0 && len(failed) == 0 {
				return noArticleError(c.Args().Slice())
			}
			return inputsError(failed)
		},
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeTable prints the result for people: every name goes through
// termtext before the columns are aligned.
func writeTable(w io.Writer, res extract.Result) error {
	tw := tabwriter.NewWriter(termtext.NewWriter(w), 2, 4, 2, ' ', 0)
	safe := termtext.String
	names := map[string]string{}
	fmt.Fprintln(tw, "TYPE\tID\tNAME\tALIASES\tMENTIONS")
	for _, e := range res.Entities {
		names[e.ID] = safe(e.Name)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", e.Type, safe(e.ID), safe(e.Name), safe(strings.Join(e.Aliases, "; ")), len(e.Mentions))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "RELATION\tFROM\tTO\tPROPS\tEVIDENCE")
	for _, r := range res.Relations {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", r.Type, names[r.From], names[r.To], safe(propString(r.Props)), len(r.Evidence))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "QUANTITY\tSUBJECT\tUNIT\tOF\tAPPROX")
	for _, q := range res.Quantities {
		fmt.Fprintf(tw, "%g\t%s\t%s\t%s\t%v\n", q.Count, names[q.Subject], safe(q.Unit), names[q.Of], q.Approx)
	}
	return tw.Flush()
}

func propString(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s=%v", k, p[k])
	}
	return b.String()
}
