package cli

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/graph/explore"
	"github.com/kg-dev/kg/internal/termtext"
	ucli "github.com/urfave/cli/v2"
)

func whyCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "why",
		Usage:     "the shortest connections between two entities, each relation with the sentence that states it",
		ArgsUsage: "A B",
		Description: "Finds the shortest chains of relations between A and B (names in any spelling, or ids; quote a\n" +
			"name of several words), at most --depth relations long, and prints each relation with the number of\n" +
			"articles stating it and its first sentence and article. No connection is not an error: kg says so and\n" +
			"exits 0.",
		Flags: append([]ucli.Flag{
			storeFlag(), formatFlag(), fullFlag(),
			&ucli.IntFlag{Name: "depth", Aliases: []string{"d"}, Value: 4, Usage: "at most `N` relations between them (1-6)"},
			&ucli.IntFlag{Name: "paths", Value: 3, Usage: "show at most `N` connections of the shortest length"},
		}, neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			args := c.Args().Slice()
			if len(args) != 2 {
				return fmt.Errorf("%w: why needs two entities, A and B (quote names of several words)", ErrUsage)
			}
			depth, paths := c.Int("depth"), c.Int("paths")
			if depth < 1 || depth > 6 {
				return fmt.Errorf("%w: --depth must be between 1 and 6", ErrUsage)
			}
			if paths < 1 {
				return fmt.Errorf("%w: --paths must be at least 1", ErrUsage)
			}
			ex, err := openExplorer(c, true)
			if err != nil {
				return err
			}
			a, err := ex.resolve(c.Context, args[0])
			if err != nil {
				return ex.close(err)
			}
			b, err := ex.resolve(c.Context, args[1])
			if err != nil {
				return ex.close(err)
			}
			if a.ID == b.ID {
				return ex.close(fmt.Errorf("%w: %q and %q are the same entity (%s)", ErrUsage, args[0], args[1], a.ID))
			}
			found, err := explore.Why(c.Context, ex.x, ex.ix, a.ID, b.ID, depth, paths)
			if err = ex.close(storeError(err)); err != nil {
				return err
			}
			if len(found) == 0 {
				fmt.Fprintf(c.App.ErrWriter, "kg: no connection between %s (%s) and %s (%s) within %s (--depth)\n",
					a.Name, a.ID, b.Name, b.ID, plural(int64(depth), "relation"))
			}
			type row = []string
			rows := func(f func(any) string) [][]string {
				var out [][]string
				for i, p := range found {
					for j, l := range p.Links {
						art, sent := "", ""
						if len(l.Evidence) > 0 {
							art, sent = l.Evidence[0].Article, l.Evidence[0].Sentence
						}
						out = append(out, row{strconv.Itoa(i + 1), strconv.Itoa(j + 1), f(p.Nodes[j].Name), f(p.Nodes[j].ID), l.Type,
							f(p.Nodes[j+1].Name), f(p.Nodes[j+1].ID), strconv.Itoa(l.Articles), f(art), f(sent)})
					}
				}
				return out
			}
			switch format {
			case "json":
				if found == nil {
					found = []explore.Path{}
				}
				return writeJSON(c.App.Writer, found)
			case "csv":
				return writeCSV(c.App.Writer, []string{"path", "step", "from", "from_id", "type", "to", "to_id", "articles", "article", "sentence"}, rows(rawValue))
			}
			w := bufio.NewWriter(termtext.NewWriter(c.App.Writer))
			screen := screenWidth(c.App.Writer)
			for i, p := range found {
				names := make([]string, len(p.Nodes))
				for j, n := range p.Nodes {
					names[j] = n.Name
				}
				fmt.Fprintf(w, "%d. %s (%s)\n", i+1, strings.Join(names, " — "), plural(int64(len(p.Links)), "relation"))
				for j, l := range p.Links {
					from, to := p.Nodes[j], p.Nodes[j+1]
					arrow := fmt.Sprintf("-[%s]->", l.Type)
					if l.From != from.ID {
						arrow = fmt.Sprintf("<-[%s]-", l.Type)
					}
					fmt.Fprintf(w, "   %s %s %s (%s)\n", from.Name, arrow, to.Name, plural(int64(l.Articles), "article"))
					if len(l.Evidence) > 0 {
						sentence(w, "     ", l.Evidence[0].Sentence, l.Evidence[0].Article, screen, c.Bool("full"))
					}
				}
			}
			return w.Flush()
		},
	}
}
