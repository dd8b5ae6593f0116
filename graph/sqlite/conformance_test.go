package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/storetest"
)

// TestConformance runs the graph.Store conformance suite on new embedded
// stores.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "kg.db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s.Graph()
	})
}
