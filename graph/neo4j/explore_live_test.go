package neo4j_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/neo4j"
)

// TestIntegrationExplorerParity: the analysts' reads (graph.Explorer) and
// the commands built on them (kg search, show, why, timeline) give the
// same answers on Neo4j as on the embedded store, for the samples and the
// dev articles.
func TestIntegrationExplorerParity(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	st := neo4j.OpenIntegration(t, cfg)
	dirs := []string{filepath.Join("..", "..", "seeds"), devArticles(t)}
	emb := embeddedIngest(t, dirs...)
	mustKG(t, append([]string{"ingest", "--neo4j"}, dirs...)...)
	ctx := context.Background()
	var want, got graph.Explorer = emb.Graph(), st.Graph()

	same := func(what string, w, g any) {
		t.Helper()
		wj, _ := json.Marshal(w)
		gj, _ := json.Marshal(g)
		if string(wj) != string(gj) {
			t.Errorf("%s:\nneo4j    %s\nembedded %s", what, gj, wj)
		}
	}
	ents, err := want.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gents, err := got.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same("Entities", ents, gents)
	if len(ents) < 50 {
		t.Fatalf("only %d entities: the comparison says little", len(ents))
	}
	ids := make([]string, len(ents))
	for i, e := range ents {
		ids[i] = e.ID
	}
	for _, call := range []struct {
		name string
		f    func(graph.Explorer) (any, error)
	}{
		{"Neighbours", func(x graph.Explorer) (any, error) { return x.Neighbours(ctx, ids) }},
		{"EntityKeys", func(x graph.Explorer) (any, error) { return x.EntityKeys(ctx) }},
		{"EntitiesByID", func(x graph.Explorer) (any, error) { return x.EntitiesByID(ctx, ids[:len(ids)/2]) }},
		{"Links", func(x graph.Explorer) (any, error) { return x.Links(ctx, ids) }},
		{"MentionCounts", func(x graph.Explorer) (any, error) { return x.MentionCounts(ctx, ids) }},
	} {
		w, err := call.f(want)
		if err != nil {
			t.Fatalf("%s embedded: %v", call.name, err)
		}
		g, err := call.f(got)
		if err != nil {
			t.Fatalf("%s neo4j: %v", call.name, err)
		}
		same(call.name, w, g)
	}
	for _, id := range ids {
		wa, wn, err := want.ArticlesMentioning(ctx, id, 3)
		if err != nil {
			t.Fatal(err)
		}
		ga, gn, err := got.ArticlesMentioning(ctx, id, 3)
		if err != nil {
			t.Fatal(err)
		}
		same("ArticlesMentioning "+id, []any{wa, wn}, []any{ga, gn})
	}

	// The commands print the same on both.
	db := filepath.Join(t.TempDir(), "kg.db")
	uri := os.Getenv("NEO4J_URI")
	os.Unsetenv("NEO4J_URI")
	kg(t, append([]string{"ingest", "--store", db}, dirs...)...)
	var embOut []kgResult
	cmds := [][]string{
		{"search", "ha"}, {"search", "--type", "person", "nguyen"}, {"search", "hanio"},
		{"show", "Hanoi"}, {"show", "--format", "json", "city:toulouse"}, {"show", "France", "--since", "2023"},
		{"why", "Toulouse", "Seoul"}, {"why", "--format", "csv", "France", "Seoul"},
		{"timeline", "Hà Nội"}, {"show", "Hanio"},
	}
	for _, c := range cmds {
		r := kg(t, append(append([]string{}, c...), "--store", db)...)
		embOut = append(embOut, r)
	}
	os.Setenv("NEO4J_URI", uri)
	for i, c := range cmds {
		r := kg(t, append(append([]string{}, c...), "--neo4j")...)
		if r.stdout != embOut[i].stdout || r.code != embOut[i].code {
			t.Errorf("kg %v:\nneo4j    exit %d %s%s\nembedded exit %d %s%s", c, r.code, r.stdout, r.stderr, embOut[i].code, embOut[i].stdout, embOut[i].stderr)
		}
	}
}
