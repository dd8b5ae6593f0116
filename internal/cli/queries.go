package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kg-dev/kg/internal/termtext"
	"github.com/kg-dev/kg/queries"
	ucli "github.com/urfave/cli/v2"
)

func queriesCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "queries",
		Usage:     "list the canned queries and their parameters",
		ArgsUsage: "[NAME]",
		Description: "Without NAME, lists every query kg query can run. With NAME, shows its parameters, its columns and its\n" +
			"Cypher, ready for Neo4j Browser (set the parameters with :param first, as shown). Each query has two forms:\n" +
			"the table (the columns kg query prints) and the graph (nodes and relationships, for Browser to draw); --graph\n" +
			"shows the graph form.",
		Flags: []ucli.Flag{&ucli.BoolFlag{Name: "graph", Usage: "show the graph form of NAME (for Neo4j Browser)"}},
		Action: func(c *ucli.Context) error {
			if err := queries.Check(); err != nil {
				return fmt.Errorf("loading canned queries: %w", err)
			}
			w := termtext.NewWriter(c.App.Writer)
			switch c.NArg() {
			case 0:
				tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tFORMS\tPARAMETERS\tDESCRIPTION")
				for _, q := range queries.All() {
					var ps []string
					for _, p := range q.Params {
						ps = append(ps, p.Name+"="+strings.ToUpper(p.Type))
					}
					forms := "table"
					if _, ok := queries.Graph(q.Name); ok {
						forms = "table+graph"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", q.Name, forms, strings.Join(ps, " "), q.Description)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				fmt.Fprintln(w, "\nRun one with: kg query NAME --param KEY=VALUE...; kg queries NAME shows its parameters and Cypher.")
				fmt.Fprintln(w, "table: returns the columns kg query prints (queries/NAME.cypher); graph: returns nodes and relationships,")
				fmt.Fprintln(w, "which Neo4j Browser draws (queries/graph/NAME.cypher; kg queries --graph NAME shows it).")
				return nil
			case 1:
				q, ok := queries.Get(c.Args().First())
				if !ok {
					return fmt.Errorf("%w: no query %q (kg queries lists them)", ErrUsage, c.Args().First())
				}
				fmt.Fprintf(w, "%s: %s\n\nParameters:\n", q.Name, q.Description)
				if len(q.Params) == 0 {
					fmt.Fprintln(w, "  (none)")
				}
				for _, p := range q.Params {
					fmt.Fprintf(w, "  %s (%s)  %s\n", p.Name, p.Type, p.Description)
				}
				fmt.Fprintf(w, "\nColumns: %s\n\nNeo4j Browser:\n", strings.Join(q.Columns, ", "))
				for _, p := range q.Params {
					fmt.Fprintf(w, "  :param %s => %s\n", p.Name, browserExample(p))
				}
				if c.Bool("graph") {
					g, ok := queries.Graph(q.Name)
					if !ok {
						return fmt.Errorf("%w: query %q has no graph form", ErrUsage, q.Name)
					}
					fmt.Fprintf(w, "\nGraph form (%s):\n%s", g.Description, g.Cypher)
					return nil
				}
				fmt.Fprintf(w, "\n%s", q.Cypher)
				return nil
			}
			return fmt.Errorf("%w: queries takes at most one NAME", ErrUsage)
		},
	}
}

// browserExample is a Cypher literal for a param, as Bind would produce it
// from the example in its description (or a placeholder).
func browserExample(p queries.Param) string {
	ex := ""
	if i := strings.Index(p.Description, "(e.g. "); i >= 0 {
		ex = strings.TrimSuffix(p.Description[i+len("(e.g. "):], ")")
		if j := strings.IndexAny(ex, ",)"); j >= 0 {
			ex = ex[:j]
		}
	}
	v, err := queries.BindValue(p.Type, ex)
	if err != nil {
		return "0"
	}
	switch x := v.(type) {
	case []string:
		q := make([]string, len(x))
		for i, s := range x {
			q[i] = "'" + s + "'"
		}
		return "[" + strings.Join(q, ", ") + "]"
	case string:
		return "'" + strings.ReplaceAll(x, "'", "\\'") + "'"
	}
	return fmt.Sprint(v)
}
