package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/queries"
)

// TestPartnersFirstSentences checks the partners query on a relation
// stated in more articles than it shows: the count covers them all, the
// sentences are the first three in (article id, offset) order whatever
// the order the articles were ingested in, as the Cypher version returns
// them from the relation's sorted evidence lists.
func TestPartnersFirstSentences(t *testing.T) {
	doc := func(id string, sentences ...string) extract.DocResult {
		var ev []extract.Evidence
		for i, s := range sentences {
			ev = append(ev, extract.Evidence{Doc: id, Start: 100 * i, End: 100*i + len(s), Text: s})
		}
		return extract.DocResult{
			Doc: extract.DocumentInfo{ID: id, Hash: "h-" + id},
			Entities: []extract.Entity{
				{ID: "city:a", Type: extract.City, Name: "A"},
				{ID: "city:b", Type: extract.City, Name: "B"},
			},
			Relations: []extract.Relation{{Type: extract.PartnerOf, From: "city:a", To: "city:b", Evidence: ev}},
		}
	}
	docs := []extract.DocResult{
		doc("e", "e1"), doc("b", "b2", "b1"), doc("d", "d1"), doc("a", "a1"), doc("c", "c1", "c2"),
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {3, 1, 4, 2, 0}} {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			s, _ := openTemp(t)
			for _, i := range order { // one transaction each: aids follow this order
				ingest(t, s, docs[i])
			}
			q, _ := queries.Get("partners")
			params, err := q.Bind(map[string]string{"city": "a"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Run(context.Background(), q, params)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != 1 {
				t.Fatalf("%d rows, want 1", len(res.Rows))
			}
			row := map[string]any{}
			for i, c := range res.Columns {
				row[c] = res.Rows[0][i]
			}
			if n, _ := row["article_count"].(int64); n != 5 {
				t.Errorf("article_count = %v, want 5", row["article_count"])
			}
			if got, want := stringList(row["sentences"]), []string{"a1", "b2", "b1"}; !slices.Equal(got, want) {
				t.Errorf("sentences = %q, want %q", got, want)
			}
			if got, want := stringList(row["articles"]), []string{"a", "b", "b"}; !slices.Equal(got, want) {
				t.Errorf("articles = %q, want %q", got, want)
			}
		})
	}
}

func stringList(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// TestMigrateFromVersion1 opens a store written by a kg that knew only
// the first migration: a read-only open asks for an ingest, a write open
// migrates it in place and keeps its graph.
func TestMigrateFromVersion1(t *testing.T) {
	s, path := openTemp(t)
	ingest(t, s, fixture(t)...)
	before := snap(t, s)
	for _, stmt := range []string{"DROP INDEX edge_facts_eid", "DROP INDEX articles_aid_id", "PRAGMA user_version = 1"} {
		if _, err := s.db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	if _, err := Open(context.Background(), path, Options{ReadOnly: true}); err == nil || !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only open of a version 1 store: %v, want ErrReadOnly asking for an ingest", err)
	}
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version, indexes int
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name IN ('edge_facts_eid', 'articles_aid_id')").Scan(&indexes)
	if version != SchemaVersion || indexes != 2 {
		t.Errorf("after a write open: version %d, %d of 2 new indexes; want version %d", version, indexes, SchemaVersion)
	}
	compareGraph(t, snap(t, s), before)
}
