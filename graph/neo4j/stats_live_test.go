package neo4j_test

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"testing"

	"github.com/kg-dev/kg/graph/neo4j"
)

// TestIntegrationStatsCLI runs kg stats on Neo4j after kg ingest --neo4j
// of the samples: the same counts and fingerprints as the embedded store
// holding the same articles.
func TestIntegrationStatsCLI(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	neo4j.OpenIntegration(t, cfg)
	dir := filepath.Join("..", "..", "seeds")
	emb := embeddedIngest(t, dir)
	mustKG(t, "ingest", "--neo4j", dir)
	type report struct {
		Schema       string           `json:"schema"`
		Bytes        *int64           `json:"bytes"`
		Extractor    string           `json:"extractor"`
		Articles     int64            `json:"articles"`
		Stale        int64            `json:"stale"`
		Fingerprints map[string]int64 `json:"fingerprints"`
		Nodes        map[string]int64 `json:"nodes"`
		Rels         map[string]int64 `json:"relationships"`
	}
	var got, want report
	if err := json.Unmarshal([]byte(mustKG(t, "stats", "--neo4j", "--format", "json").stdout), &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(mustKG(t, "stats", "--store", emb.Path(), "--neo4j-uri", "", "--format", "json").stdout), &want); err != nil {
		t.Fatal(err)
	}
	if got.Articles != 5 || got.Stale != 0 || got.Extractor != want.Extractor || !maps.Equal(got.Fingerprints, want.Fingerprints) {
		t.Errorf("neo4j: %d articles, %d stale, fingerprints %v (extractor %s); embedded: %v (%s)",
			got.Articles, got.Stale, got.Fingerprints, got.Extractor, want.Fingerprints, want.Extractor)
	}
	if !maps.Equal(got.Nodes, want.Nodes) || !maps.Equal(got.Rels, want.Rels) {
		t.Errorf("neo4j counts %v %v, embedded %v %v", got.Nodes, got.Rels, want.Nodes, want.Rels)
	}
	if got.Bytes != nil || got.Schema == "" || want.Bytes == nil {
		t.Errorf("neo4j: bytes %v, schema %q; embedded bytes %v", got.Bytes, got.Schema, want.Bytes)
	}
}
