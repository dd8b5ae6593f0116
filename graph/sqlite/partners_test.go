package sqlite

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/queries"
)

// TestPartnersFirstSentences checks the partners query on a relation
// stated in more articles than it shows: the count covers them all, the
// sentences are the first three in (article id, offset) order whatever
// the order the articles were ingested in, and however they were replaced
// or removed, as the Cypher version returns them from the relation's
// sorted evidence lists. The store keeps both in edges (n_articles,
// first_evidence); compareGraph checks those against extract.Merge.
func TestPartnersFirstSentences(t *testing.T) {
	doc := func(id string, sentences ...string) extract.DocResult {
		var ev []extract.Evidence
		for i, s := range sentences {
			ev = append(ev, extract.Evidence{Doc: id, Start: 100 * i, End: 100*i + len(s), Text: s})
		}
		return extract.DocResult{
			Doc: extract.DocumentInfo{ID: id, Hash: "h-" + id + strings.Join(sentences, ",")},
			Entities: []extract.Entity{
				{ID: "city:a", Type: extract.City, Name: "A"},
				{ID: "city:b", Type: extract.City, Name: "B"},
			},
			Relations: []extract.Relation{{Type: extract.PartnerOf, From: "city:a", To: "city:b", Evidence: ev}},
		}
	}
	// silent mentions both cities but no longer states the relation.
	silent := func(id string) extract.DocResult {
		d := doc(id)
		d.Doc.Hash, d.Relations = "silent", nil
		return d
	}
	a, b, c, d, e := doc("a", "a1"), doc("b", "b2", "b1"), doc("c", "c1", "c2"), doc("d", "d1"), doc("e", "e1")
	tests := []struct {
		name      string
		txs       [][]extract.DocResult // one transaction each: aids follow this order
		count     int64
		sentences []string
		articles  []string
	}{
		{"one article", [][]extract.DocResult{{a}}, 1, []string{"a1"}, []string{"a"}},
		{"in id order", [][]extract.DocResult{{a}, {b}, {c}, {d}, {e}}, 5, []string{"a1", "b2", "b1"}, []string{"a", "b", "b"}},
		{"out of id order", [][]extract.DocResult{{e}, {b}, {d}, {a}, {c}}, 5, []string{"a1", "b2", "b1"}, []string{"a", "b", "b"}},
		{"out of id order 2", [][]extract.DocResult{{a}, {b}, {d}, {c}, {e}}, 5, []string{"a1", "b2", "b1"}, []string{"a", "b", "b"}},
		{"one transaction", [][]extract.DocResult{{d, c, e, b, a}}, 5, []string{"a1", "b2", "b1"}, []string{"a", "b", "b"}},
		{"smaller than the third", [][]extract.DocResult{{c, d, e}, {b}, {a}}, 5, []string{"a1", "b2", "b1"}, []string{"a", "b", "b"}},
		{"between the first and the third", [][]extract.DocResult{{a, c}, {b}}, 3, []string{"a1", "b2", "b1"}, []string{"a", "b", "b"}},
		{"fewer than three", [][]extract.DocResult{{e}, {d}}, 2, []string{"d1", "e1"}, []string{"d", "e"}},
		{"replaced", [][]extract.DocResult{{a, b, c, d, e}, {doc("a", "a9", "a8")}}, 5, []string{"a9", "a8", "b2"}, []string{"a", "a", "b"}},
		{"replaced in the same transaction", [][]extract.DocResult{{a, b, c, d, e, doc("b", "b9")}}, 5, []string{"a1", "b9", "c1"}, []string{"a", "b", "c"}},
		{"removed", [][]extract.DocResult{{a, b, c, d, e}, {silent("b")}}, 4, []string{"a1", "c1", "c2"}, []string{"a", "c", "c"}},
		{"removed then added", [][]extract.DocResult{{a, b, c, d, e}, {silent("a"), silent("b"), doc("0", "01")}}, 4, []string{"01", "c1", "c2"}, []string{"0", "c", "c"}},
		{"removed and restored", [][]extract.DocResult{{a, b, c, d, e}, {silent("a")}, {a}}, 5, []string{"a1", "b2", "b1"}, []string{"a", "b", "b"}},
		{"without evidence", [][]extract.DocResult{{b, doc("d")}, {doc("a")}, {e}}, 4, []string{"b2", "b1", "e1"}, []string{"b", "b", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			current := map[string]extract.DocResult{}
			for _, tx := range tt.txs {
				ingest(t, s, tx...)
				for _, d := range tx {
					current[d.Doc.ID] = d
				}
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
			if n, _ := row["article_count"].(int64); n != tt.count {
				t.Errorf("article_count = %v, want %d", row["article_count"], tt.count)
			}
			if got := stringList(row["sentences"]); !slices.Equal(got, tt.sentences) {
				t.Errorf("sentences = %q, want %q", got, tt.sentences)
			}
			if got := stringList(row["articles"]); !slices.Equal(got, tt.articles) {
				t.Errorf("articles = %q, want %q", got, tt.articles)
			}
			var final []extract.DocResult
			for _, id := range slices.Sorted(maps.Keys(current)) {
				final = append(final, current[id])
			}
			compareGraph(t, snap(t, s), expected(final))
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
// the first migration (or the first two, three, four): a read-only open
// asks for an ingest, a write open migrates it in place and keeps its
// graph, with the evidence summaries of migration 3 filled from
// edge_facts (snap reads them; compareGraph compares them with what the
// writer kept) and, from migration 5, every article's extractor
// fingerprint empty: unknown, so kg ingest extracts it again.
func TestMigrateFromVersion1(t *testing.T) {
	docs := append(fixture(t), extract.DocResult{
		// A relation one article states without evidence.
		Doc: extract.DocumentInfo{ID: "fx-000", Hash: "silent"},
		Entities: []extract.Entity{
			{ID: "city:a", Type: extract.City, Name: "A"},
			{ID: "city:b", Type: extract.City, Name: "B"},
		},
		Relations: []extract.Relation{{Type: extract.PartnerOf, From: "city:a", To: "city:b"}},
	})
	for _, from := range []int{1, 2, 3, 4, 5, 10} {
		t.Run(fmt.Sprint(from), func(t *testing.T) {
			s, path := openTemp(t)
			ingest(t, s, docs...)
			// Replace one so that the facts are not in aid order.
			v2 := docs[0]
			v2.Doc.Hash = "v2"
			ingest(t, s, v2)
			before := snap(t, s)
			// Before migration 10: no name_keys, no mention counts; before 9:
			// no edges_*_articles; before 8: no articles_date; before 7: no
			// file stamps.
			// Before migration 11: fact tables keyed by entity, relation or
			// quantity first, with an index by article.
			stmts := slices.Clone(oldFactLayout)
			if from < 10 {
				stmts = append(stmts, "DROP TABLE name_keys", "ALTER TABLE nodes DROP COLUMN mentioned",
					"DROP INDEX edges_src_articles", "DROP INDEX edges_dst_articles", "DROP INDEX articles_date", "ALTER TABLE articles DROP COLUMN src_size", "ALTER TABLE articles DROP COLUMN src_mtime")
			}
			if from < 5 {
				stmts = append(stmts, "ALTER TABLE articles DROP COLUMN fingerprint")
			}
			// Before migration 6: no summaries, a last_article column.
			for _, table := range []string{"nodes", "edges", "quantities"} {
				if from >= 6 {
					break
				}
				stmts = append(stmts, "ALTER TABLE "+table+" DROP COLUMN summary",
					"ALTER TABLE "+table+" ADD COLUMN last_article TEXT NOT NULL DEFAULT ''",
					// An old merge's values, which refold must replace.
					"UPDATE "+table+" SET "+map[string]string{"nodes": "name = 'old'", "edges": "props = '{}'", "quantities": "unit = 'old'"}[table])
			}
			if from < 3 {
				stmts = append(stmts, "ALTER TABLE edges DROP COLUMN n_articles", "ALTER TABLE edges DROP COLUMN first_evidence")
			}
			if from == 2 || from == 3 {
				stmts = append(stmts, "CREATE INDEX edge_facts_eid ON edge_facts(eid, aid)", "CREATE INDEX articles_aid_id ON articles(aid, id)")
			}
			stmts = append(stmts, fmt.Sprintf("PRAGMA user_version = %d", from))
			for _, stmt := range stmts {
				if _, err := s.db.Exec(stmt); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()

			if _, err := Open(context.Background(), path, Options{ReadOnly: true}); err == nil || !errors.Is(err, ErrReadOnly) {
				t.Fatalf("read-only open of a version %d store: %v, want ErrReadOnly asking for an ingest", from, err)
			}
			s, err := Open(context.Background(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var version, indexes int
			s.db.QueryRow("PRAGMA user_version").Scan(&version)
			s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name IN ('edge_facts_eid', 'articles_aid_id')").Scan(&indexes)
			if version != SchemaVersion || indexes != 0 {
				t.Errorf("after a write open: version %d, %d of migration 2's indexes left; want version %d and none", version, indexes, SchemaVersion)
			}
			var free int
			s.db.QueryRow("PRAGMA freelist_count").Scan(&free)
			if free != 0 {
				t.Errorf("after migrating: %d free pages, want none (vacuumed)", free)
			}
			if got, want := factLayout(t, s), "edge_facts (aid, eid) edge_facts_by_edge (eid, aid) node_facts (aid, nid) node_facts_by_node (nid, aid) quantity_facts (aid, qid) quantity_facts_by_quantity (qid, aid)"; got != want {
				t.Errorf("fact tables after migrating: %s\nwant %s", got, want)
			}
			after := snap(t, s)
			compareGraph(t, after, before)
			checkDerived(t, s, "migrated")
			vs, err := s.Graph().Versions(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != len(docs) {
				t.Errorf("after migrating: %d article versions, want %d", len(vs), len(docs))
			}
			for id, v := range vs {
				if v.Fingerprint != "" || v.Hash == "" || v.File != (graph.FileStamp{}) {
					t.Errorf("after migrating: article %s has version %+v, want its hash and no fingerprint", id, v)
				}
			}
			var withEvidence int
			for _, sum := range after.Summaries {
				if len(sum.First) > 0 {
					withEvidence++
				}
			}
			if withEvidence == 0 || len(after.Summaries) == 0 || after.Summaries[0].N == 0 {
				t.Errorf("migrated summaries look empty: %+v", after.Summaries)
			}
		})
	}
}

// oldFactLayout rebuilds the fact tables as migration 1 made them (keyed
// by entity, relation or quantity, then article; an index by article),
// keeping their rows, and drops edges.n_sentences, which migration 11
// fills (checkDerived compares it with the facts).
var oldFactLayout = []string{
	"ALTER TABLE edges DROP COLUMN n_sentences",
	`CREATE TABLE nf (nid INTEGER NOT NULL REFERENCES nodes(nid), aid INTEGER NOT NULL REFERENCES articles(aid),
		name TEXT NOT NULL, aliases TEXT NOT NULL, props TEXT NOT NULL, mentions INTEGER NOT NULL, starts TEXT NOT NULL, ends TEXT NOT NULL,
		PRIMARY KEY (nid, aid)) WITHOUT ROWID`,
	"INSERT INTO nf SELECT nid, aid, name, aliases, props, mentions, starts, ends FROM node_facts",
	"DROP TABLE node_facts", "ALTER TABLE nf RENAME TO node_facts", "CREATE INDEX node_facts_aid ON node_facts(aid)",
	`CREATE TABLE ef (eid INTEGER NOT NULL REFERENCES edges(eid), aid INTEGER NOT NULL REFERENCES articles(aid),
		props TEXT NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (eid, aid)) WITHOUT ROWID`,
	"INSERT INTO ef SELECT eid, aid, props, evidence FROM edge_facts",
	"DROP TABLE edge_facts", "ALTER TABLE ef RENAME TO edge_facts", "CREATE INDEX edge_facts_aid ON edge_facts(aid)",
	`CREATE TABLE qf (qid INTEGER NOT NULL REFERENCES quantities(qid), aid INTEGER NOT NULL REFERENCES articles(aid),
		unit TEXT NOT NULL, approx INTEGER NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (qid, aid)) WITHOUT ROWID`,
	"INSERT INTO qf SELECT qid, aid, unit, approx, evidence FROM quantity_facts",
	"DROP TABLE quantity_facts", "ALTER TABLE qf RENAME TO quantity_facts", "CREATE INDEX quantity_facts_aid ON quantity_facts(aid)",
}

// factLayout lists the fact tables' primary keys and indexes with their
// columns, e.g. "edge_facts (aid, eid) edge_facts_by_edge (eid, aid) …"
// (a primary key goes by its table's name).
func factLayout(t *testing.T, s *Store) string {
	t.Helper()
	strs := func(q string, args ...any) [][2]string {
		rows, err := s.db.Query(q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out [][2]string
		for rows.Next() {
			var a, b string
			if err := rows.Scan(&a, &b); err != nil {
				t.Fatal(err)
			}
			out = append(out, [2]string{a, b})
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	var parts []string
	for _, table := range []string{"edge_facts", "node_facts", "quantity_facts"} {
		for _, ix := range strs(`SELECT name, origin FROM pragma_index_list(?) ORDER BY origin <> 'pk', name`, table) {
			var cols []string
			for _, c := range strs(`SELECT name, '' FROM pragma_index_info(?) ORDER BY seqno`, ix[0]) {
				cols = append(cols, c[0])
			}
			name := ix[0]
			if ix[1] == "pk" {
				name = table
			}
			parts = append(parts, name+" ("+strings.Join(cols, ", ")+")")
		}
	}
	return strings.Join(parts, " ")
}
