// Command cypherdump writes every Cypher statement kg's Neo4j loader can
// send, one file each, so tools/cypherlint lints exactly the text the code
// sends. Usage:
//
//	go run ./tools/cypherlint/cypherdump DIR
//
// It writes DIR/schema.json (kg's closed label and relationship type sets)
// and DIR/loader/NAME.cypher, each with a header declaring its parameters
// ("// param: rows") in the format of the canned queries.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/neo4j"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: cypherdump DIR")
		os.Exit(2)
	}
	n, err := dump(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "cypherdump: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("cypherdump: wrote %d loader statements to %s\n", n, filepath.Join(os.Args[1], "loader"))
}

// dump writes the schema and the statements under dir and returns the
// number of statements.
func dump(dir string) (int, error) {
	sts, err := neo4j.Statements()
	if err != nil {
		return 0, fmt.Errorf("building statements: %w", err)
	}
	loader := filepath.Join(dir, "loader")
	if err := os.MkdirAll(loader, 0o755); err != nil {
		return 0, fmt.Errorf("creating %s: %w", loader, err)
	}
	schema, err := json.MarshalIndent(map[string][]string{"labels": append(slices.Clone(graph.Labels), neo4j.SourceLabel), "relationshipTypes": graph.RelTypes}, "", "  ")
	if err != nil {
		return 0, fmt.Errorf("encoding schema: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "schema.json"), append(schema, '\n'), 0o644); err != nil {
		return 0, fmt.Errorf("writing schema: %w", err)
	}
	for _, st := range sts {
		if err := os.WriteFile(filepath.Join(loader, fileName(st.Name)), []byte(render(st)), 0o644); err != nil {
			return 0, fmt.Errorf("writing %s: %w", st.Name, err)
		}
	}
	return len(sts), nil
}

// fileName turns a statement name ("edge-merge/MET/City/Person") into a
// file name.
func fileName(name string) string { return strings.ReplaceAll(name, "/", "__") + ".cypher" }

// render returns the file for st: a header naming it and declaring its
// parameters, then the statement exactly as the loader sends it.
func render(st neo4j.Statement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// name: %s\n", st.Name)
	for _, p := range st.Params {
		fmt.Fprintf(&b, "// param: %s\n", p)
	}
	b.WriteString(st.Cypher)
	b.WriteString("\n")
	return b.String()
}
