package queries

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

//go:embed graph/*.cypher
var graphFiles embed.FS

// GraphVariant is the Neo4j Browser form of a canned query: the same
// question and parameters, returning nodes, relationships and paths so that
// Browser draws the graph (graph/NAME.cypher; the table form, NAME.cypher,
// returns the columns kg query prints).
type GraphVariant struct {
	Name        string // the table query's name
	Description string
	Params      []Param
	Cypher      string
}

var loadGraphs = sync.OnceValues(func() ([]GraphVariant, error) { return LoadGraphs(graphFiles) })

// Graphs returns the graph variants, sorted by name.
func Graphs() []GraphVariant {
	gs, _ := loadGraphs()
	return slices.Clone(gs)
}

// Graph returns the graph variant of the query called name.
func Graph(name string) (GraphVariant, bool) {
	gs, _ := loadGraphs()
	for _, g := range gs {
		if g.Name == name {
			return g, true
		}
	}
	return GraphVariant{}, false
}

// LoadGraphs parses graph/*.cypher of fsys. Each must be the variant of a
// table query of the same name with the same parameters.
func LoadGraphs(fsys fs.FS) ([]GraphVariant, error) {
	names, err := fs.Glob(fsys, "graph/*.cypher")
	if err != nil {
		return nil, fmt.Errorf("listing graph queries: %w", err)
	}
	var out []GraphVariant
	var errs []error
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		// The header is a table query's without columns.
		q, err := ParseHeader("// columns: graph\n" + string(b))
		if err == nil && q.Name != strings.TrimSuffix(path.Base(n), ".cypher") {
			err = fmt.Errorf("header names it %q", q.Name)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("query %s: %w", n, err))
			continue
		}
		out = append(out, GraphVariant{Name: q.Name, Description: q.Description, Params: q.Params, Cypher: string(b)})
	}
	slices.SortFunc(out, func(a, b GraphVariant) int { return strings.Compare(a.Name, b.Name) })
	return out, errors.Join(errs...)
}
