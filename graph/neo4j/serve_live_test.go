package neo4j_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph/neo4j"
	"github.com/kg-dev/kg/internal/serve"
	"github.com/kg-dev/kg/internal/serve/servetest"
)

// TestIntegrationServeParity: kg serve's API gives the same answers on
// Neo4j as on the embedded store (internal/serve's golden answers), for
// the samples and a hostile article loaded into both. It lives here, with
// the other tests that write to the live database, so that no two test
// packages load that database at once.
func TestIntegrationServeParity(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	st := neo4j.OpenIntegration(t, cfg)
	bs, err := servetest.Batches()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load(context.Background(), bs, neo4j.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	want := servetest.Answers(t, serve.New(serve.NewBackend(servetest.Embedded(t)), serve.Options{}))
	got := servetest.Answers(t, serve.New(serve.NewBackend(st.Graph()), serve.Options{}))
	for _, r := range servetest.Requests {
		if got[r.Name] != want[r.Name] {
			t.Errorf("GET %s:\nneo4j    %s\nembedded %s", r.Path, got[r.Name], want[r.Name])
		}
	}
	if !strings.Contains(got["neighbours-hanoi"], `"id": "city:toulouse"`) || !strings.Contains(got["hostile-evidence"], "__pwned=4") {
		t.Errorf("neo4j answers miss the samples or the hostile article:\n%s\n%s", got["neighbours-hanoi"], got["hostile-evidence"])
	}
	t.Logf("%d answers compared", len(servetest.Requests))
}
