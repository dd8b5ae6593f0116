package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// The embedded store as a graph.Explorer (kg search, show, why, timeline).

var _ graph.Explorer = (*Graph)(nil)

var _ graph.Curator = (*Graph)(nil)

// entityLabels is the SQL list of entity labels, from the closed set.
var entityLabels = func() string {
	s := ""
	for i, l := range extract.EntityTypes {
		if !graph.ValidLabel(l) {
			panic("not a label: " + l)
		}
		if i > 0 {
			s += ", "
		}
		s += "'" + l + "'"
	}
	return s
}()

// Entities implements graph.Explorer.
func (s *Store) Entities(ctx context.Context) ([]graph.Entity, error) {
	return s.entities(ctx, "SELECT id, label, name, aliases, props FROM nodes WHERE label IN ("+entityLabels+") ORDER BY id")
}

func (s *Store) entities(ctx context.Context, query string, args ...any) ([]graph.Entity, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.classify("reading entities", err)
	}
	defer rows.Close()
	var out []graph.Entity
	for rows.Next() {
		var e graph.Entity
		var aliases, props string
		if err := rows.Scan(&e.ID, &e.Label, &e.Name, &aliases, &props); err != nil {
			return nil, s.classify("reading entities", err)
		}
		if err := json.Unmarshal([]byte(aliases), &e.Aliases); err != nil {
			return nil, fmt.Errorf("entity %s: aliases: %w", e.ID, err)
		}
		if props != "{}" {
			var p map[string]any
			if err := json.Unmarshal([]byte(props), &p); err != nil {
				return nil, fmt.Errorf("entity %s: props: %w", e.ID, err)
			}
			e.Props = graph.StoredProps(p, graph.NodeProps)
		}
		out = append(out, e)
	}
	return out, s.classify("reading entities", rows.Err())
}

// byIDs selects the nids of the ids given as a JSON array in ?1.
const byIDs = "q AS MATERIALIZED (SELECT n.nid, n.id FROM json_each(?1) j CROSS JOIN nodes n ON n.id = j.value)"

// Neighbours implements graph.Explorer.
func (s *Store) Neighbours(ctx context.Context, ids []string) (map[string][]string, error) {
	rows, err := s.db.QueryContext(ctx, "WITH "+byIDs+`
SELECT q.id, o.id FROM q CROSS JOIN edges e ON e.src = q.nid CROSS JOIN nodes o ON o.nid = e.dst
UNION
SELECT q.id, o.id FROM q CROSS JOIN edges e ON e.dst = q.nid CROSS JOIN nodes o ON o.nid = e.src
ORDER BY 1, 2`, mustJSON(ids))
	if err != nil {
		return nil, s.classify("reading neighbours", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, s.classify("reading neighbours", err)
		}
		out[a] = append(out[a], b)
	}
	return out, s.classify("reading neighbours", rows.Err())
}

// Links implements graph.Explorer.
func (s *Store) Links(ctx context.Context, ids []string) ([]graph.Link, error) {
	rows, err := s.db.QueryContext(ctx, "WITH "+byIDs+`
SELECT e.key, e.type, sn.id, dn.id, e.props, e.n_articles, e.first_evidence
FROM edges e CROSS JOIN nodes sn ON sn.nid = e.src CROSS JOIN nodes dn ON dn.nid = e.dst
WHERE e.eid IN (SELECT e.eid FROM q CROSS JOIN edges e ON e.src = q.nid
                UNION SELECT e.eid FROM q CROSS JOIN edges e ON e.dst = q.nid)
ORDER BY e.key`, mustJSON(ids))
	if err != nil {
		return nil, s.classify("reading relations", err)
	}
	defer rows.Close()
	var out []graph.Link
	for rows.Next() {
		var l graph.Link
		var props, ev string
		if err := rows.Scan(&l.Key, &l.Type, &l.From, &l.To, &props, &l.Articles, &ev); err != nil {
			return nil, s.classify("reading relations", err)
		}
		var p map[string]any
		if err := json.Unmarshal([]byte(props), &p); err != nil {
			return nil, fmt.Errorf("relation %s: props: %w", l.Key, err)
		}
		l.Props = graph.StoredProps(p, graph.EdgeProps)
		var pairs [][2]string
		if err := json.Unmarshal([]byte(ev), &pairs); err != nil {
			return nil, fmt.Errorf("relation %s: evidence: %w", l.Key, err)
		}
		l.Evidence = make([]graph.Evidence, len(pairs))
		for i, p := range pairs {
			l.Evidence[i] = graph.Evidence{Article: p[0], Sentence: p[1]}
		}
		out = append(out, l)
	}
	return out, s.classify("reading relations", rows.Err())
}

// MentionCounts implements graph.Explorer.
func (s *Store) MentionCounts(ctx context.Context, ids []string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, "WITH "+byIDs+`
SELECT q.id, count(*) FROM q CROSS JOIN node_facts f ON f.nid = q.nid WHERE f.mentions > 0 GROUP BY q.id`, mustJSON(ids))
	if err != nil {
		return nil, s.classify("counting mentions", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, s.classify("counting mentions", err)
		}
		out[id] = n
	}
	return out, s.classify("counting mentions", rows.Err())
}

// ArticlesMentioning implements graph.Explorer. It counts the entity's
// facts first (its primary key's range); for a hub, whose articles are so
// many that walking all articles by date meets limit of them sooner than
// reading and sorting its own (mentions² > limit × articles), it walks
// articles_date and probes node_facts, else it sorts its articles.
func (s *Store) ArticlesMentioning(ctx context.Context, id string, limit int) ([]graph.ArticleRef, int, error) {
	var nid int64
	var total, articles int
	err := s.db.QueryRowContext(ctx, `
SELECT n.nid, (SELECT count(*) FROM node_facts f WHERE f.nid = n.nid AND f.mentions > 0),
       (SELECT ifnull(max(aid), 0) FROM articles)
FROM nodes n WHERE n.id = ?1`, id).Scan(&nid, &total, &articles)
	if errors.Is(err, sql.ErrNoRows) || err == nil && total == 0 {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, s.classify("reading articles", err)
	}
	query := `
SELECT a.id, a.date, a.title, f.mentions
FROM node_facts f CROSS JOIN articles a ON a.aid = f.aid
WHERE f.nid = ?1 AND f.mentions > 0
ORDER BY a.date = '', a.date, a.id LIMIT ?2`
	if limit > 0 && total*total > limit*articles {
		query = `
SELECT a.id, a.date, a.title, f.mentions
FROM articles a INDEXED BY articles_date CROSS JOIN node_facts f ON f.nid = ?1 AND f.aid = a.aid
WHERE f.mentions > 0
ORDER BY a.date = '', a.date, a.id LIMIT ?2`
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, query, nid, limit)
	if err != nil {
		return nil, 0, s.classify("reading articles", err)
	}
	defer rows.Close()
	var out []graph.ArticleRef
	for rows.Next() {
		var a graph.ArticleRef
		if err := rows.Scan(&a.ID, &a.Date, &a.Title, &a.Mentions); err != nil {
			return nil, 0, s.classify("reading articles", err)
		}
		out = append(out, a)
	}
	return out, total, s.classify("reading articles", rows.Err())
}

// EntityKeys implements graph.Explorer: three narrow scans of indexes
// (labels by nid, ids in id order, keys in (nid, key) order) joined in
// Go, instead of reading every node row with its JSON; the rows come out
// in (id, key) order without sorting them.
func (s *Store) EntityKeys(ctx context.Context) ([]graph.EntityKey, error) {
	labels := map[int64]string{}
	// Index-only scans (nodes_label, the unique index on id, node_keys_nid):
	// node rows, with their JSON and merge summaries, are never read.
	err := s.scan(ctx, "SELECT nid, label FROM nodes INDEXED BY nodes_label WHERE label IN ("+entityLabels+")", func(r *sql.Rows) error {
		var nid int64
		var label string
		if err := r.Scan(&nid, &label); err != nil {
			return err
		}
		labels[nid] = label
		return nil
	})
	if err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	keys := make(map[int64][]string, len(labels))
	err = s.scan(ctx, "SELECT nid, key FROM node_keys ORDER BY nid, key", func(r *sql.Rows) error {
		var nid int64
		var k string
		if err := r.Scan(&nid, &k); err != nil {
			return err
		}
		if _, ok := labels[nid]; ok {
			keys[nid] = append(keys[nid], k)
		}
		return nil
	})
	if err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	out := make([]graph.EntityKey, 0, len(labels)*3/2)
	err = s.scan(ctx, "SELECT nid, id FROM nodes WHERE id > '' ORDER BY id", func(r *sql.Rows) error {
		var nid int64
		var id string
		if err := r.Scan(&nid, &id); err != nil {
			return err
		}
		for _, k := range keys[nid] {
			out = append(out, graph.EntityKey{ID: id, Label: labels[nid], Key: k})
		}
		return nil
	})
	if err != nil {
		return nil, s.classify("reading entity keys", err)
	}
	return out, nil
}

// scan runs query and calls row for each row.
func (s *Store) scan(ctx context.Context, query string, row func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EntitiesByID implements graph.Explorer.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) ([]graph.Entity, error) {
	return s.entities(ctx, "SELECT n.id, n.label, n.name, n.aliases, n.props FROM json_each(?1) j CROSS JOIN nodes n ON n.id = j.value WHERE n.label IN ("+entityLabels+") ORDER BY n.id", mustJSON(ids))
}

// Contributors implements graph.Curator.
func (s *Store) Contributors(ctx context.Context, ids []string) ([]graph.ArticleRow, error) {
	seen := map[string]graph.ArticleRow{}
	for _, id := range ids {
		rows, err := s.db.QueryContext(ctx, `
SELECT a.id, a.title, a.date, a.lang, a.path, a.url, a.hash, a.fingerprint
FROM nodes n CROSS JOIN node_facts f ON f.nid = n.nid CROSS JOIN articles a ON a.aid = f.aid
WHERE n.id = ?1`, id)
		if err != nil {
			return nil, s.classify("reading contributing articles", err)
		}
		for rows.Next() {
			var a graph.ArticleRow
			if err := rows.Scan(&a.ID, &a.Title, &a.Date, &a.Lang, &a.Path, &a.URL, &a.Hash, &a.Fingerprint); err != nil {
				rows.Close()
				return nil, s.classify("reading contributing articles", err)
			}
			seen[a.ID] = a
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, s.classify("reading contributing articles", err)
		}
	}
	out := make([]graph.ArticleRow, 0, len(seen))
	for _, a := range seen {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b graph.ArticleRow) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}
