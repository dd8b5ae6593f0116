package serve

import (
	"context"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-dev/kg/internal/serve/servetest"
	"github.com/kg-dev/kg/queries"
)

var partialSort = regexp.MustCompile(`USE TEMP B-TREE FOR (RIGHT PART|LAST TERM) OF ORDER BY`)

// referenceNeighbours ranks every relation of an entity by a plain sort
// (the neighbours query before migration 9's indexes): the answer the
// indexed query must give.
const referenceNeighbours = `
WITH n AS (SELECT nid FROM nodes WHERE id = :id), x AS (
  SELECT e.eid AS eid, e.dst AS other FROM n CROSS JOIN edges e ON e.src = n.nid
  UNION ALL
  SELECT e.eid, e.src FROM n CROSS JOIN edges e ON e.dst = n.nid
)
SELECT e.type AS rel, e.key AS key, s.id AS source_id, d.id AS target_id,
       o.id AS other_id, o.label AS other_label, o.name AS other_name, e.n_articles AS articles,
       e.props ->> 'kind' AS kind, e.props ->> 'since' AS since, e.props ->> 'title' AS title,
       coalesce(e.props ->> 'date', e.props ->> 'as_of') AS date
FROM x CROSS JOIN edges e ON e.eid = x.eid
JOIN nodes s ON s.nid = e.src
JOIN nodes d ON d.nid = e.dst
JOIN nodes o ON o.nid = x.other
ORDER BY articles DESC, key
LIMIT :limit`

// TestNeighboursRanking: for every entity of the samples and every limit
// up to its number of relations, the neighbours query gives the first
// rows of the plain sort of all its relations (most attested first, then
// by key), and its plan reads the relations in that order from
// migration 9's indexes, sorting only the ties (so it stops at the limit).
func TestNeighboursRanking(t *testing.T) {
	ctx := context.Background()
	st := servetest.Embedded(t)
	qs, err := serveQueries()
	if err != nil {
		t.Fatal(err)
	}
	q := qs["neighbours"]
	ref := q
	ref.Name, ref.SQL = "reference", referenceNeighbours
	ids, err := st.Run(ctx, queries.Query{Name: "ids", Columns: []string{"id"}, Types: []string{queries.ColString}, SQL: "SELECT id FROM nodes ORDER BY id"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, row := range ids.Rows {
		id := row[0].(string)
		all, err := st.Run(ctx, ref, map[string]any{"id": id, "limit": int64(10000)})
		if err != nil {
			t.Fatal(err)
		}
		for n := 1; n <= len(all.Rows)+1; n++ {
			got, err := st.Run(ctx, q, map[string]any{"id": id, "limit": int64(n)})
			if err != nil {
				t.Fatal(err)
			}
			want := all.Rows[:min(n, len(all.Rows))]
			if !reflect.DeepEqual(got.Rows, want) {
				t.Fatalf("neighbours of %s, limit %d: got\n%v\nwant\n%v", id, n, got.Rows, want)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d (entity, limit) pairs checked: the samples have too few relations", checked)
	}

	plan := queries.Query{Name: "plan", Params: q.Params, Columns: []string{"id", "parent", "notused", "detail"},
		Types: []string{queries.ColInt, queries.ColInt, queries.ColInt, queries.ColString}, SQL: "EXPLAIN QUERY PLAN " + q.SQL}
	res, err := st.Run(ctx, plan, map[string]any{"id": "city:hanoi", "limit": int64(200)})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range res.Rows {
		lines = append(lines, strconv.FormatInt(r[0].(int64), 10)+" "+r[3].(string))
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"MERGE (UNION ALL)", "USING INDEX edges_src_articles (src=?)", "USING INDEX edges_dst_articles (dst=?)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the plan has no %q:\n%s", want, text)
		}
	}
	// SQLite says RIGHT PART or, for its last column, LAST TERM
	if n := len(partialSort.FindAllString(text, -1)); n != 2 {
		t.Errorf("the plan sorts %d of the two ends' relations by their ties only, want 2:\n%s", n, text)
	}
}
