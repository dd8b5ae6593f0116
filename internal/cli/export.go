package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/export"
	"github.com/kg-dev/kg/graph/neo4j"
	ucli "github.com/urfave/cli/v2"
)

func exportCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "export",
		Usage:     "write the embedded store's graph for neo4j-admin, cypher-shell or Gephi/yEd",
		ArgsUsage: "DIR",
		Description: "Formats:\n" +
			"  neo4j-admin  DIR/nodes_LABEL.csv, DIR/rels_TYPE.csv and DIR/import.sh for\n" +
			"               `neo4j-admin database import full` (a stopped, empty Neo4j), then\n" +
			"               DIR/after-import.cypher for cypher-shell once it is started\n" +
			"  cypher       DIR/graph.cypher, a script for cypher-shell -f (MERGE: safe to re-run)\n" +
			"  graphml      DIR/graph.graphml, for Gephi and yEd\n" +
			"neo4j-admin and cypher write the graph kg ingest --neo4j writes (Source nodes, summaries),\n" +
			"so kg ingest --neo4j loads the next articles on top. The store is read as a stream;\n" +
			"docs/NEO4J.md describes the files.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "`FORMAT`: neo4j-admin, cypher or graphml (required)"},
			storeFlag(),
		},
		Action: func(c *ucli.Context) error {
			format := c.String("format")
			switch format {
			case "neo4j-admin", "cypher", "graphml":
			case "":
				return fmt.Errorf("%w: export needs --format neo4j-admin, cypher or graphml", ErrUsage)
			default:
				return fmt.Errorf("%w: --format must be neo4j-admin, cypher or graphml, not %q", ErrUsage, format)
			}
			if c.NArg() != 1 {
				return fmt.Errorf("%w: export needs one DIR", ErrUsage)
			}
			dir := c.Args().First()
			st, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer st.Close()
			// neo4j-admin and cypher: the layout kg ingest --neo4j writes,
			// so that kg ingest --neo4j loads on top of the import.
			var src export.Source = export.Neo4jLayout(st)
			if format == "graphml" {
				src = export.FromStore(st)
			}
			sum, err := writeExport(c, format, src, dir)
			if err != nil {
				if unavailable(err) { // the directory, not the store
					return err
				}
				return storeError(err)
			}
			fmt.Fprintf(c.App.ErrWriter, "kg: exported %s to %s: %s\n", summaryText(sum), dir, strings.Join(sum.Files, ", "))
			return nil
		},
	}
}

func writeExport(c *ucli.Context, format string, src export.Source, dir string) (export.Summary, error) {
	if format == "neo4j-admin" {
		schema, err := schemaTexts()
		if err != nil {
			return export.Summary{}, err
		}
		sum, err := export.WriteNeo4jAdmin(c.Context, src, dir, schema)
		if err != nil {
			return sum, fmt.Errorf("exporting for neo4j-admin: %w", err)
		}
		return sum, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return export.Summary{}, fmt.Errorf("creating %s: %w", dir, err)
	}
	name := "graph." + format
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return export.Summary{}, fmt.Errorf("creating export: %w", err)
	}
	sum, err := writeTo(c, format, src, f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing %s: %w", name, cerr)
	}
	sum.Files = append(sum.Files, name)
	return sum, err
}

func writeTo(c *ucli.Context, format string, src export.Source, w io.Writer) (export.Summary, error) {
	if format == "graphml" {
		sum, err := export.WriteGraphML(c.Context, src, w)
		if err != nil {
			return sum, fmt.Errorf("exporting GraphML: %w", err)
		}
		return sum, nil
	}
	texts, err := schemaTexts()
	if err != nil {
		return export.Summary{}, err
	}
	sum, err := export.WriteCypher(c.Context, src, w, texts, neo4j.DefaultBatchSize)
	if err != nil {
		return sum, fmt.Errorf("exporting Cypher: %w", err)
	}
	return sum, nil
}

// schemaTexts returns the loader's schema statements (constraints and
// indexes, IF NOT EXISTS).
func schemaTexts() ([]string, error) {
	schema, err := neo4j.SchemaStatements()
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(schema))
	for i, s := range schema {
		texts[i] = s.Cypher
	}
	return texts, nil
}

func summaryText(s export.Summary) string {
	// In the order kg stats prints them (graph.Labels, graph.RelTypes),
	// then any other name sorted.
	count := func(m map[string]int, order []string) (int, string) {
		var parts []string
		n := 0
		seen := map[string]bool{}
		add := func(k string) {
			if v, ok := m[k]; ok && !seen[k] {
				seen[k] = true
				parts = append(parts, fmt.Sprintf("%d %s", v, k))
				n += v
			}
		}
		for _, k := range order {
			add(k)
		}
		for _, k := range sortedKeys(m) {
			add(k)
		}
		return n, strings.Join(parts, ", ")
	}
	nn, nd := count(s.Nodes, graph.Labels)
	rn, rd := count(s.Rels, graph.RelTypes)
	return fmt.Sprintf("%d nodes (%s) and %d relationships (%s)", nn, nd, rn, rd)
}
