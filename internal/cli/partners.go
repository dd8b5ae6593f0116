package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kg-dev/kg/internal/termtext"
	"github.com/kg-dev/kg/queries"
	ucli "github.com/urfave/cli/v2"
)

func partnersCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "partners",
		Usage:     "list a city's partner cities and the sentences that say so",
		ArgsUsage: "CITY",
		Description: "Shortcut for kg query partners --param city=CITY. The city is matched in any spelling\n" +
			"(Hanoi, Hà Nội, Hanoï, ha noi). No partner is not an error: kg says so and exits 0.",
		Flags: append(append([]ucli.Flag{storeFlag(), formatFlag()}, periodFlags()...), neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			args := c.Args().Slice()
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			city := strings.TrimSpace(strings.Join(args, " "))
			if city == "" {
				return fmt.Errorf("%w: partners needs a CITY", ErrUsage)
			}
			q, ok := queries.Get("partners")
			if !ok {
				return fmt.Errorf("the partners query is missing from this build")
			}
			raw := map[string]string{"city": city}
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
				fmt.Fprintf(c.App.ErrWriter, "kg: no partners of %q in %s\n", city, where)
			}
			if format == "json" {
				return writeResultJSON(c.App.Writer, q, raw, res)
			}
			if format == "csv" {
				return writeResultCSV(c.App.Writer, res)
			}
			return writePartners(c.App.Writer, res)
		},
	}
}

// writePartners prints each partnership with its kind, since, the number
// of articles stating it and the first sentences (the query returns up to
// three), and says how to list the rest:
//
//	Hanoi — Seoul (twinning, since 1996; 5 articles)
//	  · Hanoi and Seoul have been twin cities since 1996. [fx-003]
//	  … 4 more articles: kg query edge-articles --param rel=partner-of --param source="Hanoi" --param target="Seoul"
func writePartners(out io.Writer, res queries.Result) error {
	// A line per sentence: buffer them rather than write each to stdout.
	w := bufio.NewWriter(termtext.NewWriter(out))
	col := map[string]int{}
	for i, c := range res.Columns {
		col[c] = i
	}
	for _, r := range res.Rows {
		get := func(c string) any { return r[col[c]] }
		var info []string
		if k := formatValue(get("kind")); k != "" {
			info = append(info, k)
		}
		if s := formatValue(get("since")); s != "" {
			info = append(info, "since "+s)
		}
		n, _ := get("article_count").(int64)
		line := fmt.Sprintf("%s — %s", formatValue(get("city")), formatValue(get("partner")))
		if len(info) > 0 {
			line += " (" + strings.Join(info, ", ")
			if n > 0 {
				line += fmt.Sprintf("; %s", plural(n, "article"))
			}
			line += ")"
		} else if n > 0 {
			line += fmt.Sprintf(" (%s)", plural(n, "article"))
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
		sents, _ := get("sentences").([]any)
		arts, _ := get("articles").([]any)
		shown := map[string]bool{}
		for i, s := range sents {
			art := ""
			if i < len(arts) {
				a := formatValue(arts[i])
				shown[a] = true
				art = " [" + a + "]"
			}
			fmt.Fprintf(w, "  · %s%s\n", formatValue(s), art)
		}
		if more := n - int64(len(shown)); more > 0 {
			fmt.Fprintf(w, "  … %s: kg query edge-articles --param rel=partner-of --param source=%q --param target=%q\n",
				plural(more, "more article"), rawString(get("city")), rawString(get("partner")))
		}
	}
	return w.Flush()
}

func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// rawString is a result value as it is stored, for a command to copy
// (quoted with %q, which escapes control characters itself).
func rawString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return formatValue(v)
}
