package cli

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/graph/explore"
	"github.com/kg-dev/kg/internal/termtext"
	ucli "github.com/urfave/cli/v2"
)

// showArticles is how many articles kg show lists (--articles changes it),
// showRelations how many relations of each group (--relations): a hub
// has thousands.
const (
	showArticles  = 10
	showRelations = 10
)

func showCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "show",
		Usage:     "everything about one entity: names, country, roles, partners, events, people met, articles",
		ArgsUsage: "NAME|ID",
		Description: "Prints the profile of one entity, named in any spelling or by its id (city:hanoi): its type, names\n" +
			"and aliases, country, then each relation (roles held with their as-of dates, partners, events with\n" +
			"dates, people met, places) with the number of articles stating it and its first sentence, and the\n" +
			"articles that mention it (date, title): the first --relations of each group and the first --articles.\n" +
			"--since/--until keep dated relations and articles in a period.\n" +
			"--format dot draws its neighbourhood for Graphviz, svg draws it with Graphviz's dot (Debian: graphviz).\n" +
			"An unknown or ambiguous name is a usage error (exit 2), with the closest names or the candidates.",
		Flags: append(append([]ucli.Flag{
			storeFlag(),
			&ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: table, json, csv (its relations), dot or svg (its neighbourhood)"},
			fullFlag(),
			&ucli.IntFlag{Name: "articles", Value: showArticles, Usage: "list at most `N` articles (0: all)"},
			&ucli.IntFlag{Name: "relations", Value: showRelations, Usage: "list at most `N` relations of each kind (0: all)"},
		}, periodFlags()...), neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			format, err := outputFormat(c, "dot", "svg")
			if err != nil {
				return err
			}
			p, err := periodOf(c)
			if err != nil {
				return err
			}
			name := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
			if name == "" {
				return fmt.Errorf("%w: show needs a NAME or an id", ErrUsage)
			}
			pr, err := loadProfile(c, name, explore.ProfileOptions{Articles: c.Int("articles"), Relations: c.Int("relations"), Period: p})
			if err != nil {
				return err
			}
			switch format {
			case "json":
				return writeJSON(c.App.Writer, pr)
			case "csv":
				return writeCSV(c.App.Writer, []string{"type", "direction", "other", "other_id", "other_type", "date", "articles", "article", "sentence"}, relationRows(pr, false))
			case "dot":
				return writeDot(c.App.Writer, pr)
			case "svg":
				return writeSVG(c, pr)
			}
			return writeProfile(c.App.Writer, pr, screenWidth(c.App.Writer), c.Bool("full"))
		},
	}
}

// loadProfile resolves name and reads its profile.
func loadProfile(c *ucli.Context, name string, o explore.ProfileOptions) (explore.Profile, error) {
	if o.Articles < 0 {
		return explore.Profile{}, fmt.Errorf("%w: --articles must not be negative", ErrUsage)
	}
	if o.Relations < 0 {
		return explore.Profile{}, fmt.Errorf("%w: --relations must not be negative", ErrUsage)
	}
	ex, err := openExplorer(c, o.Relations > 0 && o.Articles > 0 && o.Period.Open()) // bounded reads only
	if err != nil {
		return explore.Profile{}, err
	}
	e, err := ex.resolve(c.Context, name)
	if err != nil {
		return explore.Profile{}, ex.close(err)
	}
	pr, err := explore.LoadProfile(c.Context, ex.x, ex.ix, e, o)
	return pr, ex.close(storeError(err))
}

// relationHeads names each relation type in a profile, by direction.
var relationHeads = map[string][2]string{ // outgoing, incoming
	"HOLDS_ROLE":      {"Roles", "Role holders"},
	"PARTNER_OF":      {"Partners", "Partners"},
	"PARTICIPATED_IN": {"Events", "Participants"},
	"HELD_IN":         {"Held in", "Events held here"},
	"HOSTED_BY":       {"Hosted by", "Events hosted"},
	"MET":             {"Met", "Met"},
	"LOCATED_IN":      {"Located in", "Places here"},
}

func relationHead(r explore.Relation) string {
	h, ok := relationHeads[r.Type]
	if !ok {
		return r.Type
	}
	if r.Outgoing {
		return h[0]
	}
	return h[1]
}

// writeProfile prints a profile for people:
//
//	Hanoi — City (city:hanoi), Vietnam
//	  also: Hà Nội, Hanoï
//	Partners (2)
//	  Seoul (city:seoul) — twinning, since 1996; 1 article
//	    · Hanoi and Seoul have been twin cities since 1996. [a-1]
//	Articles (5, the first 10 by date)
//	  2023-04-14  003_28b1fc918d690521  Hanoi hosts …
func writeProfile(out io.Writer, pr explore.Profile, screen int, full bool) error {
	w := bufio.NewWriter(termtext.NewWriter(out))
	e := pr.Entity
	head := fmt.Sprintf("%s — %s (%s)", e.Name, e.Label, e.ID)
	if pr.Country != "" && pr.Country != e.Name {
		head += ", " + pr.Country
	}
	fmt.Fprintln(w, head)
	if len(e.Aliases) > 0 {
		fmt.Fprintf(w, "  also: %s\n", strings.Join(e.Aliases, ", "))
	}
	for _, k := range sortedKeys(e.Props) {
		if k != "country" {
			fmt.Fprintf(w, "  %s: %s\n", k, formatValue(propValue(e.Props[k])))
		}
	}
	groups, order := map[string][]explore.Relation{}, []string{}
	for _, r := range pr.Relations {
		h := relationHead(r)
		if _, ok := groups[h]; !ok {
			order = append(order, h)
		}
		groups[h] = append(groups[h], r)
	}
	// The relations left out, by head: a group that lost some kept the
	// first --relations.
	more, counted := map[string]int{}, map[string]bool{}
	for _, r := range pr.Relations {
		if g := explore.Group(r); !counted[g] {
			counted[g] = true
			more[relationHead(r)] += pr.More[g]
		}
	}
	for _, h := range order {
		fmt.Fprintf(w, "%s (%d)\n", h, len(groups[h])+more[h])
		for _, r := range groups[h] {
			line := fmt.Sprintf("  %s (%s)", r.Other.Name, r.Other.ID)
			if info := relationInfo(r); info != "" {
				line += " — " + info
			}
			fmt.Fprintln(w, line)
			if len(r.Evidence) > 0 {
				sentence(w, "    ", r.Evidence[0].Sentence, r.Evidence[0].Article, screen, full)
			}
		}
		if more[h] > 0 {
			fmt.Fprintf(w, "  … %d more (--relations 0 lists all)\n", more[h])
		}
	}
	if pr.ArticlesTotal > 0 {
		n := fmt.Sprintf("%d", pr.ArticlesTotal)
		if len(pr.Articles) < pr.ArticlesTotal {
			n += fmt.Sprintf(", the first %d by date; --articles 0 lists all", len(pr.Articles))
		}
		fmt.Fprintf(w, "Articles (%s)\n", n)
		for _, a := range pr.Articles {
			d := a.Date
			if d == "" {
				d = "(no date)"
			}
			fmt.Fprintf(w, "  %-10s  %s  %s\n", d, a.ID, a.Title)
		}
	}
	return w.Flush()
}

// relationInfo is a relation's properties, date and evidence count in a
// few words: "twinning, since 1996; 3 articles".
func relationInfo(r explore.Relation) string {
	var parts []string
	for _, k := range []string{"title", "kind"} {
		if v, ok := r.Props[k]; ok {
			parts = append(parts, formatValue(propValue(v)))
		}
	}
	if v, ok := r.Props["place"]; ok {
		parts = append(parts, "in "+formatValue(propValue(v)))
	}
	switch {
	case r.Props["since"] != nil:
		parts = append(parts, "since "+formatValue(propValue(r.Props["since"])))
	case r.Props["as_of"] != nil:
		parts = append(parts, "as of "+formatValue(propValue(r.Props["as_of"])))
	case r.Date != "":
		parts = append(parts, r.Date)
	}
	s := strings.Join(parts, ", ")
	if r.Articles > 0 {
		if s != "" {
			s += "; "
		}
		s += plural(int64(r.Articles), "article")
	}
	return s
}

// propValue turns a stored property into what formatValue prints.
func propValue(v any) any {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return v
}

// relationRows is a profile's relations as CSV rows (raw values) or table
// cells (escaped).
func relationRows(pr explore.Profile, escape bool) [][]string {
	f := rawValue
	if escape {
		f = formatValue
	}
	var rows [][]string
	for _, r := range pr.Relations {
		dir := "in"
		if r.Outgoing {
			dir = "out"
		}
		art, sent := "", ""
		if len(r.Evidence) > 0 {
			art, sent = r.Evidence[0].Article, r.Evidence[0].Sentence
		}
		rows = append(rows, []string{r.Type, dir, f(r.Other.Name), f(r.Other.ID), r.Other.Label, r.Date, strconv.Itoa(r.Articles), f(art), f(sent)})
	}
	return rows
}

// writeDot draws the entity and its neighbours in Graphviz's language.
func writeDot(w io.Writer, pr explore.Profile) error {
	bw := bufio.NewWriter(w)
	q := strconv.Quote
	fmt.Fprintf(bw, "graph %s {\n  graph [rankdir=LR, fontname=\"Helvetica\"];\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n", q(pr.Entity.ID))
	fmt.Fprintf(bw, "  %s [label=%s, style=\"rounded,bold\"];\n", q(pr.Entity.ID), q(pr.Entity.Name+"\n"+pr.Entity.Label))
	seen := map[string]bool{pr.Entity.ID: true}
	for _, r := range pr.Relations {
		if !seen[r.Other.ID] {
			seen[r.Other.ID] = true
			fmt.Fprintf(bw, "  %s [label=%s];\n", q(r.Other.ID), q(r.Other.Name+"\n"+r.Other.Label))
		}
	}
	for _, r := range pr.Relations {
		label := r.Type
		if r.Date != "" {
			label += "\n" + r.Date
		}
		arrow := "forward"
		if r.Type == "PARTNER_OF" || r.Type == "MET" {
			arrow = "none"
		}
		fmt.Fprintf(bw, "  %s -- %s [label=%s, dir=%s];\n", q(r.From), q(r.To), q(label), arrow)
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

// writeSVG pipes the dot drawing through Graphviz's dot.
func writeSVG(c *ucli.Context, pr explore.Profile) error {
	dot, err := exec.LookPath("dot")
	if err != nil {
		return fmt.Errorf("%w: --format svg needs Graphviz's dot on the PATH (apt-get install graphviz), or use --format dot", ErrUsage)
	}
	var src strings.Builder
	if err := writeDot(&src, pr); err != nil {
		return err
	}
	cmd := exec.CommandContext(c.Context, dot, "-Tsvg")
	cmd.Stdin = strings.NewReader(src.String())
	cmd.Stdout = c.App.Writer
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("dot -Tsvg: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

func timelineCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "timeline",
		Usage:     "what involved an entity, ordered by date",
		ArgsUsage: "NAME|ID",
		Description: "Lists the dated relations of one entity (events it took part in or hosted, meetings, roles as of a\n" +
			"date, partnerships since a year) and the articles that mention it, by date. --since/--until keep a period.",
		Flags: append(append([]ucli.Flag{storeFlag(), formatFlag(), fullFlag()}, periodFlags()...), neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			p, err := periodOf(c)
			if err != nil {
				return err
			}
			name := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
			if name == "" {
				return fmt.Errorf("%w: timeline needs a NAME or an id", ErrUsage)
			}
			pr, err := loadProfile(c, name, explore.ProfileOptions{Period: p})
			if err != nil {
				return err
			}
			events := explore.Timeline(pr)
			if len(events) == 0 {
				fmt.Fprintf(c.App.ErrWriter, "kg: nothing dated about %s (%s)\n", pr.Entity.Name, pr.Entity.ID)
			}
			rows := func(f func(any) string) [][]string {
				out := make([][]string, len(events))
				for i, ev := range events {
					s := ""
					if len(ev.Evidence) > 0 {
						s = ev.Evidence[0].Sentence
					}
					out[i] = []string{ev.Date, ev.Kind, f(ev.What), f(ev.ID), f(s)}
				}
				return out
			}
			switch format {
			case "json":
				if events == nil {
					events = []explore.Event{}
				}
				return writeJSON(c.App.Writer, struct {
					Entity any             `json:"entity"`
					Events []explore.Event `json:"events"`
				}{pr.Entity, events})
			case "csv":
				return writeCSV(c.App.Writer, []string{"date", "kind", "what", "id", "sentence"}, rows(rawValue))
			}
			if len(events) == 0 {
				return nil
			}
			return writeCells(c.App.Writer, []string{"DATE", "KIND", "WHAT", "ID", "SENTENCE"}, rows(formatValue), c.Bool("full"))
		},
	}
}
