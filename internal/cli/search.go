package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/extract/gazetteer"
	"github.com/kg-dev/kg/graph/explore"
	ucli "github.com/urfave/cli/v2"
)

// searchCounted is how many of the best hits get their mentions counted
// and are ranked by them within a match kind (a hub has tens of thousands
// of mentions to count).
const searchCounted = 40

func searchCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "search",
		Usage:     "find entities by any part of a name or alias, in any spelling",
		ArgsUsage: "TEXT",
		Description: "Lists the entities whose name, alias or alternate name (the gazetteer's spellings of places:\n" +
			"HCMC, Saigon and TP.HCM find Ho Chi Minh City) matches TEXT, best first: exact (any spelling: Hà Nội =\n" +
			"ha noi), prefix, every word in any order (\"minh ho\" finds Ho Chi Minh City), part of a name, then close spellings\n" +
			"(edit distance on the folded name: Hanio finds Hanoi); within each, the most mentioned first. No match is\n" +
			"not an error: kg says so and exits 0.",
		Flags: append([]ucli.Flag{
			storeFlag(), formatFlag(),
			&ucli.StringFlag{Name: "type", Aliases: []string{"t"}, Usage: "only entities of these `TYPES` (comma-separated: person, city, country, organization, event)"},
			&ucli.StringFlag{Name: "country", Aliases: []string{"c"}, Usage: "only places, bodies and events in `COUNTRY` (a name in any spelling, an id or an ISO code; people have no country)"},
			&ucli.IntFlag{Name: "limit", Aliases: []string{"n"}, Value: 20, Usage: "at most `N` results (0: all)"},
		}, neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			text := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
			if text == "" {
				return fmt.Errorf("%w: search needs TEXT", ErrUsage)
			}
			var opts explore.SearchOptions
			for _, t := range strings.Split(c.String("type"), ",") {
				if t = strings.TrimSpace(t); t != "" {
					if !validType(t) {
						return fmt.Errorf("%w: --type %q: want person, city, country, organization or event", ErrUsage, t)
					}
					opts.Types = append(opts.Types, t)
				}
			}
			country := strings.TrimSpace(c.String("country"))
			if c.Int("limit") < 0 {
				return fmt.Errorf("%w: --limit must not be negative", ErrUsage)
			}
			ex, err := openExplorer(c, true)
			if err != nil {
				return err
			}
			opts.Limit = searchCounted
			if country != "" {
				opts.Limit = 4 * searchCounted
			}
			hits := ex.ix.Search(text, opts)
			if country != "" { // needs the entities' props: load, then filter
				if err := ex.load(c.Context, hits); err != nil {
					return ex.close(err)
				}
				kept := hits[:0]
				for _, h := range hits {
					if ex.ix.InCountry(h.Entity, country) {
						kept = append(kept, h)
					}
				}
				hits = kept
			}
			if len(hits) > searchCounted {
				hits = hits[:searchCounted]
			}
			if err := ex.load(c.Context, hits); err != nil {
				return ex.close(err)
			}
			ids := make([]string, len(hits))
			for i, h := range hits {
				ids[i] = h.Entity.ID
			}
			counts, err := ex.x.MentionCounts(c.Context, ids)
			if err = ex.close(storeError(err)); err != nil {
				return err
			}
			for i := range hits {
				hits[i].Mentions = counts[hits[i].Entity.ID]
			}
			explore.Rank(hits)
			if n := c.Int("limit"); n > 0 && len(hits) > n {
				hits = hits[:n]
			}
			if len(hits) == 0 {
				if country != "" && !knownCountry(country) {
					return fmt.Errorf("%w: --country %q: not a country kg knows (a name in any spelling, an id such as country:france, or an ISO code such as FR)", ErrUsage, country)
				}
				fmt.Fprintf(c.App.ErrWriter, "kg: no entity matches %q in %s\n", text, ex.where)
			}
			switch format {
			case "json":
				if hits == nil {
					hits = []explore.Hit{}
				}
				return writeJSON(c.App.Writer, hits)
			case "csv":
				return writeCSV(c.App.Writer, []string{"name", "type", "id", "country", "mentions", "match", "via"}, searchCSV(hits))
			}
			if len(hits) == 0 {
				return nil
			}
			return writeCells(c.App.Writer, []string{"NAME", "TYPE", "ID", "COUNTRY", "MENTIONS", "MATCH"}, searchTable(hits), false)
		},
	}
}

// searchTable is the hits for people: the match says by which spelling
// when it is not the name.
func searchTable(hits []explore.Hit) [][]string {
	rows := make([][]string, len(hits))
	for i, h := range hits {
		m := h.Match
		if h.Via != h.Entity.Name && h.Via != h.Entity.ID {
			m += ": " + formatValue(h.Via)
		}
		rows[i] = []string{formatValue(h.Entity.Name), h.Entity.Label, formatValue(h.Entity.ID), formatValue(h.Country), strconv.Itoa(h.Mentions), m}
	}
	return rows
}

func searchCSV(hits []explore.Hit) [][]string {
	rows := make([][]string, len(hits))
	for i, h := range hits {
		rows[i] = []string{h.Entity.Name, h.Entity.Label, h.Entity.ID, h.Country, strconv.Itoa(h.Mentions), h.Match, h.Via}
	}
	return rows
}

func validType(t string) bool {
	for _, l := range []string{"person", "city", "country", "organization", "event"} {
		if strings.EqualFold(t, l) {
			return true
		}
	}
	return false
}

// knownCountry reports whether name is a country of the gazetteer: a name
// in any of its spellings, its id or its ISO 3166-1 code. It is asked only
// when a --country search finds nothing, to tell a typo from an empty answer.
func knownCountry(name string) bool {
	g, err := gazetteer.Default()
	if err != nil {
		return true // cannot tell: not the user's error
	}
	if g.Country(name) != nil {
		return true
	}
	if p := g.ByID(name); p != nil && p.Type == gazetteer.TypeCountry {
		return true
	}
	for _, p := range g.LookupName(name) {
		if p.Type == gazetteer.TypeCountry {
			return true
		}
	}
	return false
}
