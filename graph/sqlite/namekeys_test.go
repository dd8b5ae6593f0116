package sqlite

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// checkDerived fails t when name_keys or nodes.mentioned differ from the
// tables.
func checkDerived(t *testing.T, s *Store, when string) {
	t.Helper()
	if err := s.CheckDerived(context.Background()); err != nil {
		t.Errorf("%s: %v", when, err)
	}
}

// manyPlaces is an article naming n cities (more than a name_keys chunk
// holds) from first on, each mentioned unless quiet, with aliases.
func manyPlaces(id string, first, n int, quiet bool, aliases ...string) extract.DocResult {
	d := extract.DocResult{Doc: extract.DocumentInfo{ID: id, Hash: id + fmt.Sprint(first, n, quiet, aliases)}}
	for i := first; i < first+n; i++ {
		e := extract.Entity{ID: fmt.Sprintf("city:c%04d", i), Type: extract.City, Name: fmt.Sprintf("Cité %d", i), Aliases: aliases}
		if !quiet {
			e.Mentions = []extract.Mention{{Start: i, End: i + 1, Text: "x"}}
		}
		d.Entities = append(d.Entities, e)
	}
	return d
}

// TestNameKeysMatchTables: name_keys (what kg search indexes) and
// nodes.mentioned say what nodes, node_keys and node_facts say after
// writes that add nodes over several chunks, add and drop aliases, add
// articles that do not mention a node, replace and remove articles,
// empty a chunk, and across checkpoints and a rollback.
func TestNameKeysMatchTables(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	ingest(t, s, fixture(t)...)
	checkDerived(t, s, "fixture")
	ingest(t, s, manyPlaces("p-1", 0, 300, false), manyPlaces("p-2", 100, 50, true))
	checkDerived(t, s, "300 places")
	keys, err := s.EntityKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(keys, func(k graph.EntityKey) bool { return k.ID == "city:c0299" && k.Key == "cite299" }) {
		t.Errorf("EntityKeys has no key cite299 of city:c0299")
	}
	counts, err := s.MentionCounts(ctx, []string{"city:c0000", "city:c0120", "city:c0299", "city:none"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"city:c0000": 1, "city:c0120": 1, "city:c0299": 1}; fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("MentionCounts = %v, want %v", counts, want)
	}

	// New aliases on 50 of them (mentioned), then replaced by none.
	ingest(t, s, manyPlaces("p-2", 100, 50, false, "Vieille Cité"))
	checkDerived(t, s, "aliases added")
	if c, _ := s.MentionCounts(ctx, []string{"city:c0120"}); c["city:c0120"] != 2 {
		t.Errorf("city:c0120 mentioned by %d articles, want 2", c["city:c0120"])
	}
	ingest(t, s, manyPlaces("p-2", 100, 50, false))
	checkDerived(t, s, "aliases dropped")

	// In one transaction, with a checkpoint between: remove the article
	// naming every place (the chunks of the first 100 and the last 150
	// empty), then put some back.
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Remove("p-1"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Checkpoint(); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, s, "p-1 removed, checkpointed")
	if err := tx.Put(graph.Build(manyPlaces("p-3", 280, 10, false, "Autre"))); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, s, "p-3 put")
	keys, _ = s.EntityKeys(ctx)
	if slices.ContainsFunc(keys, func(k graph.EntityKey) bool { return k.ID == "city:c0000" }) {
		t.Errorf("EntityKeys still has city:c0000, which no article names")
	}

	// A rolled-back transaction leaves both as they were.
	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Put(graph.Build(manyPlaces("p-4", 400, 200, false))); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, s, "rolled back")
	after, _ := s.EntityKeys(ctx)
	if !slices.Equal(after, keys) {
		t.Errorf("a rolled-back write changed EntityKeys: %d keys, want %d", len(after), len(keys))
	}
}

// TestNameKeysCorrupt: a name_keys blob that does not decode is reported
// as a corrupt store, not read as other keys.
func TestNameKeysCorrupt(t *testing.T) {
	s, _ := openTemp(t)
	ingest(t, s, fixture(t)...)
	if _, err := s.db.Exec(`UPDATE name_keys SET entities = x'05616263' WHERE chunk = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EntityKeys(context.Background()); err == nil {
		t.Errorf("EntityKeys of a bad blob: no error")
	}
}
