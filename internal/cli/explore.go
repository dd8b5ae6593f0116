package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/extract/gazetteer"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/explore"
	"github.com/kg-dev/kg/queries"
	ucli "github.com/urfave/cli/v2"
)

// explorer is an open store read by the analysts' commands (search, show,
// why, timeline), with its entities indexed by every spelling.
type explorer struct {
	st    graph.Store
	x     graph.Explorer
	ix    *explore.Index
	where string
}

// openExplorer opens the store for reading and indexes its entities,
// with the gazetteer's spellings of the places it holds. mapped maps the
// embedded store (sqlite.Options.Mapped): worth it for the commands that
// read a bounded number of scattered rows (search, show, why); a read of
// everything about a hub (timeline) would count its hundreds of MB of
// pages in the process's resident size.
func openExplorer(c *ucli.Context, mapped bool) (*explorer, error) {
	lessGC()
	st, err := openGraphMapped(c, false, mapped)
	if err != nil {
		return nil, err
	}
	return explorerOn(c, st)
}

// lessGC lets the heap of a command that reads and ends grow 9 times
// its live size before a collection (GOGC=800) up to 512 MiB, instead
// of twice: collecting cost a third of kg search's CPU time (42 -> 28 ms
// on a 100,000-article store). GOGC and GOMEMLIMIT still rule when set.
func lessGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(800)
		debug.SetMemoryLimit(512 << 20)
	}
}

// explorerOn indexes the entities of st, open for reading or writing; it
// closes st when it fails.
func explorerOn(c *ucli.Context, st graph.Store) (*explorer, error) {
	x, ok := st.(graph.Explorer)
	if !ok {
		return nil, closeGraph(st, fmt.Errorf("%s cannot be explored", st.Where()))
	}
	var keys []graph.EntityKey
	var err error
	if u, ok := x.(graph.UnorderedKeys); ok {
		keys, err = u.EntityKeysUnordered(c.Context)
	} else {
		keys, err = x.EntityKeys(c.Context)
	}
	if err != nil {
		return nil, closeGraph(st, storeError(err))
	}
	held := map[string]bool{} // the gazetteer's ids are of cities and countries
	for _, k := range keys {
		if strings.HasPrefix(k.ID, "city:") || strings.HasPrefix(k.ID, "country:") {
			held[k.ID] = true
		}
	}
	alt, iso, err := gazetteer.AltNames(func(id string) bool { return held[id] })
	if err != nil {
		return nil, closeGraph(st, fmt.Errorf("reading the gazetteer: %w", err))
	}
	return &explorer{st: st, x: x, ix: explore.NewLazyIndex(keys, alt, iso, x.EntitiesByID), where: st.Where()}, nil
}

// load reads the details of the entities of hits (and of their places
// and countries), and sets each hit's entity, spelling and country.
func (e *explorer) load(ctx context.Context, hits []explore.Hit) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Entity.ID
	}
	if err := e.ix.Load(ctx, ids); err != nil {
		return storeError(err)
	}
	var unplaced []string // places the gazetteer lacks: their country is a relation
	for _, h := range hits {
		if ent, _ := e.ix.Entity(h.Entity.ID); ent.Label == "City" && e.ix.CountryID(ent) == "" {
			unplaced = append(unplaced, ent.ID)
		}
	}
	if len(unplaced) > 0 {
		links, err := e.x.Links(ctx, unplaced)
		if err != nil {
			return storeError(err)
		}
		e.ix.Locate(links)
		countries := make([]string, 0, len(links))
		for _, l := range links {
			countries = append(countries, l.To)
		}
		if err := e.ix.Load(ctx, countries); err != nil {
			return storeError(err)
		}
	}
	for i := range hits {
		h := &hits[i]
		h.Entity, _ = e.ix.Entity(h.Entity.ID)
		if h.Via != h.Entity.ID {
			h.Via = e.ix.Spelling(h.Entity.ID, fold.Key(h.Via))
		}
		h.Country = e.ix.Country(h.Entity)
	}
	return nil
}

func (e *explorer) close(err error) error { return closeGraph(e.st, err) }

// resolve returns the one entity name denotes; an unknown name (with the
// closest spellings the store has) or an ambiguous one (with the
// candidates' ids) is a usage error.
func (e *explorer) resolve(ctx context.Context, name string) (graph.Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return graph.Entity{}, fmt.Errorf("%w: an empty name", ErrUsage)
	}
	found := e.ix.Resolve(name)
	ids := make([]string, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	if err := e.ix.Load(ctx, ids); err != nil {
		return graph.Entity{}, storeError(err)
	}
	for i := range found {
		found[i], _ = e.ix.Entity(found[i].ID)
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return graph.Entity{}, fmt.Errorf("%w: %s", ErrUsage, e.unknown(ctx, name))
	}
	var cands []string
	for _, f := range found {
		cands = append(cands, fmt.Sprintf("%s (%s %s)", f.Name, strings.ToLower(f.Label), f.ID))
	}
	return graph.Entity{}, fmt.Errorf("%w: %q is ambiguous in %s: %s; give the id instead", ErrUsage, name, e.where, strings.Join(cands, ", "))
}

// unknown says that no entity is called name and suggests the closest.
func (e *explorer) unknown(ctx context.Context, name string) string {
	msg := fmt.Sprintf("no entity named %q in %s", name, e.where)
	hits := e.ix.Search(name, explore.SearchOptions{Limit: 3})
	if err := e.load(ctx, hits); err != nil {
		return msg
	}
	if len(hits) == 0 {
		return msg + " (kg search TEXT finds entities by part of a name)"
	}
	var sug []string
	for i, h := range hits {
		if i == 3 {
			break
		}
		sug = append(sug, fmt.Sprintf("%s (%s)", h.Entity.Name, h.Entity.ID))
	}
	return msg + "; did you mean " + strings.Join(sug, ", ") + "?"
}

// periodFlags are --since and --until.
func periodFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "since", Usage: "only what is dated `DATE` (YYYY, YYYY-MM or YYYY-MM-DD) or later"},
		&ucli.StringFlag{Name: "until", Usage: "only what is dated `DATE` or earlier"},
	}
}

func periodOf(c *ucli.Context) (explore.Period, error) {
	var p explore.Period
	for _, f := range []struct {
		name string
		dst  *string
	}{{"since", &p.Since}, {"until", &p.Until}} {
		v := c.String(f.name)
		if v == "" {
			continue
		}
		d, err := explore.ParseDate(v)
		if err != nil {
			return p, fmt.Errorf("%w: --%s: %v", ErrUsage, f.name, err)
		}
		*f.dst = d
	}
	if p.Since != "" && p.Until != "" && p.Until < p.Since && !strings.HasPrefix(p.Since, p.Until) {
		return p, fmt.Errorf("%w: --until %s is before --since %s", ErrUsage, p.Until, p.Since)
	}
	return p, nil
}

// screenWidth is the width of the terminal w writes to, or 0 when it is
// not a terminal.
func screenWidth(w io.Writer) int {
	if !isTerminal(w) {
		return 0
	}
	return max(terminalWidth(w), 40)
}

// sentence writes an evidence sentence under indent: whole when screen is
// 0 (not a terminal), else cut to screen columns, or wrapped with full.
func sentence(w io.Writer, indent, s, article string, screen int, full bool) {
	s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	text := s + " [" + article + "]"
	width := screen - len([]rune(indent)) - 2
	if screen == 0 || width < 20 {
		fmt.Fprintf(w, "%s· %s\n", indent, text)
		return
	}
	if !full {
		fmt.Fprintf(w, "%s· %s\n", indent, cut(s, max(width-len(article)-3, 10))+" ["+article+"]")
		return
	}
	for i, l := range wrap(text, width) {
		mark := "· "
		if i > 0 {
			mark = "  "
		}
		fmt.Fprintf(w, "%s%s%s\n", indent, mark, l)
	}
}

// unknownNames is the error for a query that returned no rows because a
// name parameter names no entity at all (with the closest names), as
// opposed to an empty answer about a known entity; nil otherwise.
func unknownNames(c *ucli.Context, q queries.Query, raw map[string]string) error {
	var params []queries.Param
	for _, p := range q.Params {
		if _, ok := raw[p.Name]; ok && p.Type == queries.Key {
			params = append(params, p)
		}
	}
	if len(params) == 0 {
		return nil
	}
	ex, err := openExplorer(c, true)
	if err != nil {
		return nil // the query ran: say "no results" rather than fail now
	}
	defer ex.close(nil)
	for _, p := range params {
		n := raw[p.Name]
		found := ex.ix.Resolve(n)
		if len(found) == 0 {
			return fmt.Errorf("%w: %s", ErrUsage, ex.unknown(c.Context, n))
		}
		// a parameter named after a label ("city") takes an entity of it:
		// "kg partners Vietnam" is a question about a country
		if !validType(p.Name) || slices.ContainsFunc(found, func(e graph.Entity) bool { return strings.EqualFold(e.Label, p.Name) }) {
			continue
		}
		e := found[0]
		return fmt.Errorf("%w: %q is %s (%s), not %s: %s takes %s (kg show %q lists every relation of it)",
			ErrUsage, n, withArticle(strings.ToLower(e.Label)), e.ID, withArticle(p.Name), q.Name, withArticle(p.Name), n)
	}
	return nil
}

// dateColumns are the columns a canned query's rows are dated by, first
// found first: --since/--until on kg query and kg partners filter on it.
var dateColumns = []string{"date", "as_of", "since"}

// filterPeriod keeps the rows of res whose date column is in p; rows
// without a date are left out when p is not open. A query without a date
// column cannot be filtered: a usage error.
func filterPeriod(name string, res queries.Result, p explore.Period) (queries.Result, error) {
	if p.Open() {
		return res, nil
	}
	col := -1
	for _, d := range dateColumns {
		if i := slices.Index(res.Columns, d); i >= 0 {
			col = i
			break
		}
	}
	if col < 0 {
		return res, fmt.Errorf("%w: --since/--until: %s returns no dated rows (columns %s)", ErrUsage, name, strings.Join(res.Columns, ", "))
	}
	kept := res.Rows[:0:0]
	for _, r := range res.Rows {
		if p.Contains(rawValue(r[col])) {
			kept = append(kept, r)
		}
	}
	res.Rows = kept
	return res, nil
}

// withArticle puts "a" or "an" before a label's name.
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
