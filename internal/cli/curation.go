package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/curate"
	"github.com/kg-dev/kg/reader"
	ucli "github.com/urfave/cli/v2"
)

// The curation commands: kg merge, unmerge (split), alias, reject and
// curation. A decision is checked against the store (names resolved as
// everywhere else), then the articles it changes are extracted again from
// their sources with every decision applied (graph/curate) and written
// back, and the decision is added to the curation file, which kg ingest
// applies to every article it writes. A bad decision changes nothing.

func curationFlag() ucli.Flag {
	return &ucli.StringFlag{
		Name: "curation", EnvVars: []string{"KG_CURATION"},
		Usage: "curation decisions `FILE` (default: " + curate.FileName + " next to the embedded store, or in the current directory with Neo4j)",
	}
}

// curationPath is the decisions file the flags name.
func curationPath(c *ucli.Context) string {
	if p := c.String("curation"); p != "" {
		return p
	}
	if useNeo4j(c) {
		return curate.FileName
	}
	store := c.String("store")
	if store == "" {
		store = DefaultStore
	}
	return filepath.Join(filepath.Dir(store), curate.FileName)
}

// loadCuration reads the decisions file; a bad one is a usage error.
func loadCuration(c *ucli.Context) (*curate.Set, string, error) {
	path := curationPath(c)
	s, err := curate.Load(path)
	if err != nil {
		if errors.Is(err, curate.ErrSyntax) {
			return nil, path, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		return nil, path, err
	}
	return s, path, nil
}

func curationFlags() []ucli.Flag {
	return append([]ucli.Flag{storeFlag(), waitFlag(), curationFlag()}, neo4jFlags()...)
}

func mergeCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "merge",
		Usage:     "make two entities one (curation): B's names, mentions and relations go to A",
		ArgsUsage: "A B",
		Description: "A and B are names in any spelling or ids (city:hanoi), of the same type. B's records in every\n" +
			"article become A's: one node with every name and alias of both, and all their relations. The decision\n" +
			"is kept in the curation file (kg curation lists it) and applied at every ingest; kg unmerge undoes it.",
		Flags: curationFlags(),
		Action: func(c *ucli.Context) error {
			if c.NArg() != 2 {
				return fmt.Errorf("%w: merge needs two entities, A and B", ErrUsage)
			}
			return curateStore(c, func(ctx context.Context, k *curation) error {
				a, err := k.resolve(ctx, c.Args().Get(0))
				if err != nil {
					return err
				}
				b, err := k.resolve(ctx, c.Args().Get(1))
				if err != nil {
					return err
				}
				switch {
				case a.ID == b.ID:
					return fmt.Errorf("%w: %q and %q are the same entity (%s)", ErrUsage, c.Args().Get(0), c.Args().Get(1), a.ID)
				case a.Label != b.Label:
					return fmt.Errorf("%w: cannot merge %s %s (%s) with %s %s (%s): they are of different types",
						ErrUsage, strings.ToLower(a.Label), a.Name, a.ID, strings.ToLower(b.Label), b.Name, b.ID)
				}
				if err := k.add(curate.Decision{Action: curate.Merge, ID: a.ID, Other: b.ID, Name: b.Name}); err != nil {
					return err
				}
				k.entities = []string{b.ID}
				k.done = fmt.Sprintf("merged %s (%s) into %s (%s)", b.Name, b.ID, a.Name, a.ID)
				return nil
			})
		},
	}
}

func unmergeCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "unmerge",
		Aliases:   []string{"split"},
		Usage:     "undo kg merge (curation): the merged entities are apart again",
		ArgsUsage: "A [B]",
		Description: "A is the entity kept by a merge (any spelling or its id); B, the entity merged into it, as its\n" +
			"id or its name when it was merged (kg curation lists them). Without B every merge into A is undone.",
		Flags: curationFlags(),
		Action: func(c *ucli.Context) error {
			if c.NArg() < 1 || c.NArg() > 2 {
				return fmt.Errorf("%w: unmerge needs the merged entity A, and optionally B", ErrUsage)
			}
			return curateStore(c, func(ctx context.Context, k *curation) error {
				a, err := k.resolve(ctx, c.Args().Get(0))
				if err != nil {
					return err
				}
				merged := k.next.MergedInto(a.ID)
				if len(merged) == 0 {
					return fmt.Errorf("%w: nothing is merged into %s (%s) in %s", ErrUsage, a.Name, a.ID, k.path)
				}
				if c.NArg() == 2 {
					b := strings.TrimSpace(c.Args().Get(1))
					key := fold.Key(b)
					var hit []curate.Decision
					for _, d := range merged {
						if d.Other == b || (key != "" && fold.Key(d.Name) == key) {
							hit = append(hit, d)
						}
					}
					var names []string
					for _, d := range merged {
						names = append(names, fmt.Sprintf("%s (%s)", d.Name, d.Other))
					}
					switch {
					case len(hit) == 0:
						return fmt.Errorf("%w: %q is not merged into %s (%s); merged into it: %s", ErrUsage, b, a.Name, a.ID, strings.Join(names, ", "))
					case len(hit) > 1:
						return fmt.Errorf("%w: %q names several entities merged into %s: %s; give the id instead", ErrUsage, b, a.ID, strings.Join(names, ", "))
					}
					merged = hit
				}
				drop := map[curate.Decision]bool{}
				var what []string
				for _, d := range merged {
					drop[d] = true
					what = append(what, fmt.Sprintf("%s (%s)", d.Name, d.Other))
				}
				k.next, _ = k.next.Without(func(d curate.Decision) bool { return drop[d] })
				k.entities = []string{a.ID}
				k.done = fmt.Sprintf("unmerged %s from %s (%s)", strings.Join(what, ", "), a.Name, a.ID)
				return nil
			})
		},
	}
}

func aliasCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "alias",
		Usage:     "add a spelling to an entity (curation), so that the name finds it",
		ArgsUsage: "NAME ALIAS",
		Description: "NAME is the entity (any spelling or its id); ALIAS becomes one of its aliases in the store and at\n" +
			"every ingest. An alias that already names another entity is refused (kg merge makes them one).",
		Flags: curationFlags(),
		Action: func(c *ucli.Context) error {
			if c.NArg() != 2 {
				return fmt.Errorf("%w: alias needs NAME and ALIAS", ErrUsage)
			}
			alias := strings.TrimSpace(c.Args().Get(1))
			if fold.Key(alias) == "" {
				return fmt.Errorf("%w: alias %q has no letter or digit", ErrUsage, c.Args().Get(1))
			}
			if strings.ContainsAny(alias, "\t\n\r") {
				return fmt.Errorf("%w: an alias cannot hold a tab or a line break", ErrUsage)
			}
			return curateStore(c, func(ctx context.Context, k *curation) error {
				a, err := k.resolve(ctx, c.Args().Get(0))
				if err != nil {
					return err
				}
				if found := k.ex.ix.Resolve(alias); len(found) > 0 {
					f := found[0]
					for _, g := range found {
						if g.ID == a.ID {
							return fmt.Errorf("%w: %q already names %s (%s)", ErrUsage, alias, a.Name, a.ID)
						}
					}
					if err := k.ex.ix.Load(ctx, []string{f.ID}); err != nil {
						return storeError(err)
					}
					other, _ := k.ex.ix.Entity(f.ID)
					return fmt.Errorf("%w: %q already names %s (%s); kg merge %s %s makes them one", ErrUsage, alias, other.Name, f.ID, a.ID, f.ID)
				}
				if err := k.add(curate.Decision{Action: curate.Alias, ID: a.ID, Name: alias}); err != nil {
					return err
				}
				k.entities = []string{a.ID}
				k.done = fmt.Sprintf("added the alias %s to %s (%s)", alias, a.Name, a.ID)
				return nil
			})
		},
	}
}

func rejectCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "reject",
		Usage:     "drop a wrong entity, or with --relation a wrong relation (curation)",
		ArgsUsage: "A | --relation TYPE A B",
		Description: "kg reject A drops the entity A (any spelling or its id) with its relations and counts; kg reject\n" +
			"--relation TYPE A B drops the TYPE relation from A to B (PARTNER_OF and MET: either way). Kept in the\n" +
			"curation file and applied at every ingest; delete the line there and run kg ingest --reextract to undo.",
		Flags: append(curationFlags(), &ucli.StringFlag{Name: "relation", Aliases: []string{"r"}, Usage: "reject the relation of `TYPE` (" + strings.Join(extract.RelationTypes, ", ") + ") between A and B"}),
		Action: func(c *ucli.Context) error {
			typ := strings.ToUpper(strings.TrimSpace(c.String("relation")))
			switch {
			case typ == "" && c.NArg() != 1:
				return fmt.Errorf("%w: reject needs one entity, or --relation TYPE and two entities", ErrUsage)
			case typ != "" && c.NArg() != 2:
				return fmt.Errorf("%w: reject --relation %s needs two entities, A and B", ErrUsage, typ)
			case typ != "" && !slices.Contains(extract.RelationTypes, typ):
				return fmt.Errorf("%w: --relation %q: want one of %s", ErrUsage, c.String("relation"), strings.Join(extract.RelationTypes, ", "))
			}
			return curateStore(c, func(ctx context.Context, k *curation) error {
				a, err := k.resolve(ctx, c.Args().Get(0))
				if err != nil {
					return err
				}
				if typ == "" {
					if err := k.add(curate.Decision{Action: curate.RejectEntity, ID: a.ID}); err != nil {
						return err
					}
					k.entities = []string{a.ID}
					k.done = fmt.Sprintf("rejected %s %s (%s)", strings.ToLower(a.Label), a.Name, a.ID)
					return nil
				}
				b, err := k.resolve(ctx, c.Args().Get(1))
				if err != nil {
					return err
				}
				links, err := k.ex.x.Links(ctx, []string{a.ID})
				if err != nil {
					return storeError(err)
				}
				found, reversed := false, false
				for _, l := range links {
					if l.Type != typ {
						continue
					}
					switch {
					case l.From == a.ID && l.To == b.ID, extract.Symmetric(typ) && l.From == b.ID && l.To == a.ID:
						found = true
					case l.From == b.ID && l.To == a.ID:
						reversed = true
					}
				}
				if !found {
					msg := fmt.Sprintf("no %s relation from %s (%s) to %s (%s) in %s", typ, a.Name, a.ID, b.Name, b.ID, k.ex.where)
					if reversed {
						msg += fmt.Sprintf("; there is one from %s to %s: kg reject --relation %s %s %s", b.ID, a.ID, typ, b.ID, a.ID)
					}
					return fmt.Errorf("%w: %s", ErrUsage, msg)
				}
				if err := k.add(curate.Decision{Action: curate.RejectRelation, Type: typ, ID: a.ID, Other: b.ID}); err != nil {
					return err
				}
				k.entities = []string{a.ID, b.ID}
				k.both = true
				k.done = fmt.Sprintf("rejected %s %s -> %s (%s -> %s)", typ, a.Name, b.Name, a.ID, b.ID)
				return nil
			})
		},
	}
}

func curationCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "curation",
		Usage:     "list the curation decisions (kg merge, alias, reject) in the curation file",
		ArgsUsage: " ",
		Description: "Reads the curation file (" + curate.FileName + " next to the embedded store, --curation or KG_CURATION)\n" +
			"and lists its decisions in file order: action, entity, the other entity (merge, relation), relation\n" +
			"type, name (merge: the merged entity's name; alias: the alias). No decision is not an error.",
		Flags: append([]ucli.Flag{storeFlag(), curationFlag(), formatFlag()}, neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			if c.NArg() > 0 {
				return fmt.Errorf("%w: curation takes no argument", ErrUsage)
			}
			s, path, err := loadCuration(c)
			if err != nil {
				return err
			}
			type row struct {
				Action   string `json:"action"`
				Entity   string `json:"entity"`
				Other    string `json:"other,omitempty"`
				Relation string `json:"relation,omitempty"`
				Name     string `json:"name,omitempty"`
			}
			rows := []row{}
			var cells [][]string
			for _, d := range s.Decisions() {
				r := row{Action: string(d.Action), Entity: d.ID, Other: d.Other, Relation: d.Type, Name: d.Name}
				if d.Action == curate.RejectRelation {
					r.Action = "reject"
				}
				rows = append(rows, r)
				cells = append(cells, []string{r.Action, r.Entity, r.Other, r.Relation, r.Name})
			}
			if len(rows) == 0 {
				fmt.Fprintf(c.App.ErrWriter, "kg: no curation decision in %s\n", path)
			}
			switch format {
			case "json":
				return writeJSON(c.App.Writer, rows)
			case "csv":
				return writeCSV(c.App.Writer, []string{"action", "entity", "other", "relation", "name"}, cells)
			}
			if len(rows) == 0 {
				return nil
			}
			return writeCells(c.App.Writer, []string{"ACTION", "ENTITY", "OTHER", "RELATION", "NAME"}, cells, false)
		},
	}
}

// curation is one curation command's work: the store, the decisions
// before and after, and which entities' articles the change touches.
type curation struct {
	ex       *explorer
	path     string
	prev     *curate.Set
	next     *curate.Set
	entities []string // the articles contributing to these are extracted again
	both     bool     // only the articles contributing to every one of entities
	done     string   // what was done, for the closing line
}

// resolve finds the entity a curation command names, as kg show does. A
// name or id that a reject decision dropped from the store is a usage
// error that says so, and how to undo it, instead of "no entity named".
func (k *curation) resolve(ctx context.Context, name string) (graph.Entity, error) {
	e, err := k.ex.resolve(ctx, name)
	if err == nil {
		return e, nil
	}
	name = strings.TrimSpace(name)
	slug := fold.Slug(strings.NewReplacer("'", "", "\u2019", "").Replace(name))
	for _, d := range k.prev.Decisions() {
		if d.Action != curate.RejectEntity {
			continue
		}
		_, tail, _ := strings.Cut(d.ID, ":")
		if strings.EqualFold(d.ID, name) || (slug != "" && tail == slug) {
			return graph.Entity{}, fmt.Errorf("%w: %s is rejected in %s (kg curation lists the decisions; to bring it back, delete its line there and run kg ingest --reextract)", ErrUsage, d.ID, k.path)
		}
	}
	return graph.Entity{}, err
}

// add adds d to the decisions; one already there is a usage error.
func (k *curation) add(d curate.Decision) error {
	if slices.Contains(k.prev.Decisions(), d) {
		return fmt.Errorf("%w: %s is already in %s", ErrUsage, strings.ReplaceAll(d.String(), "\t", " "), k.path)
	}
	next, err := k.next.With(d)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	k.next = next
	return nil
}

// curateStore runs a curation command: decide (which checks the
// arguments against the store and sets the new decisions), then extract
// the touched articles again from their sources with the new decisions,
// save the decisions file, and write the articles. Any failure before
// the write leaves the store and the file as they were; a failed write
// puts the old file back.
func curateStore(c *ucli.Context, decide func(context.Context, *curation) error) error {
	ctx := c.Context
	prev, path, err := loadCuration(c)
	if err != nil {
		return err
	}
	st, err := openGraph(c, true)
	if err != nil {
		return err
	}
	ex, err := explorerOn(c, st)
	if err != nil {
		return err
	}
	cur, ok := st.(graph.Curator)
	if !ok {
		return closeGraph(st, fmt.Errorf("%s cannot be curated", st.Where()))
	}
	k := &curation{ex: ex, path: path, prev: prev, next: prev}
	if err := decide(ctx, k); err != nil {
		return ex.close(err)
	}
	arts, err := contributors(ctx, cur, k.entities, k.both)
	if err != nil {
		return ex.close(storeError(err))
	}
	batches, err := reextract(c, arts, k.next)
	if err != nil {
		return ex.close(err)
	}
	existed := true
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		existed = false
	}
	if err := curate.Save(path, k.next); err != nil {
		return ex.close(err)
	}
	if err := graph.Ingest(ctx, st, batches...); err != nil {
		var undo error
		if existed {
			undo = curate.Save(path, prev)
		} else {
			undo = os.Remove(path)
		}
		return ex.close(errors.Join(storeError(err), undo))
	}
	fmt.Fprintf(c.App.ErrWriter, "kg: %s: %s re-extracted in %s; %s holds %s\n", k.done,
		plural(int64(len(batches)), "article"), ex.where, path, plural(int64(k.next.Len()), "decision"))
	return ex.close(nil)
}

// contributors returns the stored articles contributing to any of ids (to
// every one of them when all is set).
func contributors(ctx context.Context, cur graph.Curator, ids []string, all bool) ([]graph.ArticleRow, error) {
	if !all {
		return cur.Contributors(ctx, ids)
	}
	var out []graph.ArticleRow
	for i, id := range ids {
		arts, err := cur.Contributors(ctx, []string{id})
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = arts
			continue
		}
		in := map[string]bool{}
		for _, a := range arts {
			in[a.ID] = true
		}
		out = slices.DeleteFunc(out, func(a graph.ArticleRow) bool { return !in[a.ID] })
	}
	return out, nil
}

// reextract reads arts again from their sources and extracts them with
// the decisions in s applied. A source that is gone, cannot be read or no
// longer holds the stored version of its article is an error naming it
// (ErrInputs): the decision cannot be applied to it.
func reextract(c *ucli.Context, arts []graph.ArticleRow, s *curate.Set) ([]graph.Batch, error) {
	if len(arts) == 0 {
		return nil, nil
	}
	x, err := sharedExtractor()
	if err != nil {
		return nil, fmt.Errorf("loading extractor data: %w", err)
	}
	fp := x.Fingerprint()
	want := map[string]graph.ArticleRow{}
	var paths []string
	var failed []failure
	for _, a := range arts {
		want[a.ID] = a
		switch a.Path {
		case "", "-":
			failed = append(failed, failure{a.ID, errors.New("read from standard input: its source is not kept")})
		default:
			if !slices.Contains(paths, a.Path) {
				paths = append(paths, a.Path)
			}
		}
	}
	got := map[string]graph.Batch{}
	var readFailed []failure
	opts := walkOptions(c.App.ErrWriter, nil, &readFailed, nil)
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			failed = append(failed, failure{p, fmt.Errorf("the source of its articles is gone (%v)", cleanPathErr(err))})
		}
	}
	if len(failed) == 0 {
		err = reader.WalkWith(c.Context, paths, func(doc extract.Document) error {
			a, ok := want[doc.ID]
			if !ok || a.Path != doc.Path {
				return nil
			}
			if doc.Hash != a.Hash {
				failed = append(failed, failure{doc.Path, fmt.Errorf("article %s changed since it was stored: kg ingest it first", doc.ID)})
				return nil
			}
			b := graph.Build(s.Apply(x.Extract(doc)))
			b.Article.Fingerprint = fp
			got[doc.ID] = b
			return nil
		}, opts)
		if err != nil {
			return nil, err
		}
	}
	failed = append(failed, readFailed...)
	if len(failed) == 0 {
		for _, a := range arts {
			if _, ok := got[a.ID]; !ok {
				failed = append(failed, failure{a.Path, fmt.Errorf("article %s is no longer there", a.ID)})
			}
		}
	}
	if len(failed) > 0 {
		for _, f := range failed {
			fmt.Fprintf(c.App.ErrWriter, "kg: cannot extract again %s: %v\n", f.Path, f.Err)
		}
		return nil, fmt.Errorf("%w: the decision is not applied (store and %s unchanged): the articles it changes must be extracted again, and %s of them cannot be read again (listed above)",
			ErrInputs, curate.FileName, plural(int64(len(failed)), "source"))
	}
	out := make([]graph.Batch, 0, len(arts))
	for _, a := range arts {
		out = append(out, got[a.ID])
	}
	return out, nil
}

func cleanPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
