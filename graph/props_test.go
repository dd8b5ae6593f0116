package graph_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/internal/corpus"
)

// TestExtractorPropsAreDeclared checks that the closed sets of property
// keys (NodeProps, EdgeProps) cover every prop the extractor produces on
// the sample articles and on 300 generated ones, so Build never drops
// real data. A new prop in extract must be declared in model.go.
func TestExtractorPropsAreDeclared(t *testing.T) {
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.Document
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, extract.Document{ID: filepath.Base(f), Text: string(b)})
	}
	err = corpus.Generate(corpus.Options{Seed: 3, N: 300}, func(a corpus.Article) error {
		docs = append(docs, extract.Document{ID: a.Name, Text: a.Text})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range docs {
		r := x.Extract(d)
		for _, e := range r.Entities {
			for k := range e.Props {
				seen["entity "+k] = true
			}
		}
		for _, rel := range r.Relations {
			for k := range rel.Props {
				seen["relation "+k] = true
			}
		}
		for _, s := range graph.Build(r).Skipped {
			if strings.Contains(s, "not in the graph model") {
				t.Errorf("%s: %s", d.ID, s)
			}
		}
	}
	if !seen["entity date"] || !seen["relation since"] {
		t.Errorf("props seen %v: want at least event dates and partnership years", seen)
	}
}
