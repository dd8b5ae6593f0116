package neo4j

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/storetest"
	"github.com/kg-dev/kg/internal/livetest"
)

// TestIntegrationConformance runs the graph.Store conformance suite on
// the live Neo4j of NEO4J_URI (skipped without one, failed in CI), each
// store the emptied test database.
func TestIntegrationConformance(t *testing.T) {
	cfg := integrationConfig(t)
	storetest.Run(t, func(t *testing.T) graph.Store {
		st, err := Open(context.Background(), cfg)
		if err != nil {
			t.Fatalf("opening neo4j: %v", err)
		}
		emptyOnce.Do(func() {
			n := count(t, st, "MATCH (n) RETURN count(n) AS n")
			if n > 0 && os.Getenv("KG_NEO4J_WIPE") != "1" {
				emptyErr = fmt.Errorf("database %q holds %d nodes; the integration tests delete everything, so they need an empty database (or KG_NEO4J_WIPE=1)", st.Database(), n)
			}
		})
		if emptyErr != nil {
			st.Close(context.Background())
			livetest.Skip(t, emptyErr)
		}
		wipe(t, st)
		return st.Graph()
	})
}
