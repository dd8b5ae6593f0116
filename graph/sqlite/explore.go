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
	return s.links(ctx, "WITH "+byIDs+`
SELECT e.key, e.type, sn.id, dn.id, e.props, e.n_articles, e.first_evidence
FROM edges e CROSS JOIN nodes sn ON sn.nid = e.src CROSS JOIN nodes dn ON dn.nid = e.dst
WHERE e.eid IN (SELECT e.eid FROM q CROSS JOIN edges e ON e.src = q.nid
                UNION SELECT e.eid FROM q CROSS JOIN edges e ON e.dst = q.nid)
ORDER BY e.key`, mustJSON(ids))
}

// LinksByKey implements graph.LinkLister.
func (s *Store) LinksByKey(ctx context.Context, keys []string) ([]graph.Link, error) {
	return s.links(ctx, `
SELECT e.key, e.type, sn.id, dn.id, e.props, e.n_articles, e.first_evidence
FROM json_each(?1) j CROSS JOIN edges e ON e.key = j.value
     CROSS JOIN nodes sn ON sn.nid = e.src CROSS JOIN nodes dn ON dn.nid = e.dst
ORDER BY e.key`, mustJSON(keys))
}

// LinksBetween implements graph.LinkLister. An edge's key begins with
// its type and its ends' ids (extract.RelationKey: "TYPE|from|to", then
// "|title" for a role), so the edges between two entities are found by
// probing the key index for each type and direction; the ends are then
// checked by nid.
func (s *Store) LinksBetween(ctx context.Context, pairs [][2]string) ([]graph.Link, error) {
	var probes [][3]string // key prefix, from, to
	seen := map[[2]string]bool{}
	for _, p := range pairs {
		if p[1] < p[0] {
			p[0], p[1] = p[1], p[0]
		}
		if seen[p] {
			continue
		}
		seen[p] = true
		for _, t := range extract.RelationTypes {
			probes = append(probes, [3]string{t + "|" + p[0] + "|" + p[1], p[0], p[1]})
			if p[0] != p[1] {
				probes = append(probes, [3]string{t + "|" + p[1] + "|" + p[0], p[1], p[0]})
			}
		}
	}
	return s.links(ctx, `
WITH k AS MATERIALIZED (SELECT j.value ->> 0 AS k, j.value ->> 1 AS a, j.value ->> 2 AS b FROM json_each(?1) j),
m AS MATERIALIZED (
	SELECT e.eid, k.a, k.b FROM k CROSS JOIN edges e ON e.key = k.k
	UNION ALL
	SELECT e.eid, k.a, k.b FROM k CROSS JOIN edges e ON e.key > k.k || '|' AND e.key < k.k || '}')
SELECT e.key, e.type, sn.id, dn.id, e.props, e.n_articles, e.first_evidence
FROM m CROSS JOIN edges e ON e.eid = m.eid
     CROSS JOIN nodes sn ON sn.nid = e.src CROSS JOIN nodes dn ON dn.nid = e.dst
WHERE sn.id = m.a AND dn.id = m.b
ORDER BY e.key`, mustJSON(probes))
}

func (s *Store) links(ctx context.Context, query string, args ...any) ([]graph.Link, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
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
		if err := linkProps(&l, props); err != nil {
			return nil, err
		}
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

func linkProps(l *graph.Link, props string) error {
	if props == "{}" { // most relations: StoredProps would return nil
		l.Props = nil
		return nil
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(props), &p); err != nil {
		return fmt.Errorf("relation %s: props: %w", l.Key, err)
	}
	l.Props = graph.StoredProps(p, graph.EdgeProps)
	return nil
}

// LinksOf implements graph.LinkLister: one pass over the entity's edges
// from each end, with the other end's name and label, and an event's
// date; no evidence, no sort.
func (s *Store) LinksOf(ctx context.Context, id string) ([]graph.LinkEnd, error) {
	rows, err := s.db.QueryContext(ctx, `
WITH q AS MATERIALIZED (SELECT nid, id FROM nodes WHERE id = ?1)
SELECT e.key, e.type, q.id, o.id, o.label, o.name, iif(o.label = 'Event', o.props -> '$.date', NULL), e.props, e.n_articles, 1
FROM q CROSS JOIN edges e ON e.src = q.nid CROSS JOIN nodes o ON o.nid = e.dst
UNION ALL
SELECT e.key, e.type, o.id, q.id, o.label, o.name, iif(o.label = 'Event', o.props -> '$.date', NULL), e.props, e.n_articles, 0
FROM q CROSS JOIN edges e ON e.dst = q.nid CROSS JOIN nodes o ON o.nid = e.src
WHERE e.src <> e.dst`, id)
	if err != nil {
		return nil, s.classify("reading relations", err)
	}
	defer rows.Close()
	var out []graph.LinkEnd
	for rows.Next() {
		var l graph.LinkEnd
		var date sql.NullString
		var props string
		var outgoing bool
		if err := rows.Scan(&l.Key, &l.Type, &l.From, &l.To, &l.Other.Label, &l.Other.Name, &date, &props, &l.Articles, &outgoing); err != nil {
			return nil, s.classify("reading relations", err)
		}
		l.Other.ID = l.To
		if !outgoing {
			l.Other.ID = l.From
		}
		if err := linkProps(&l.Link, props); err != nil {
			return nil, err
		}
		if date.Valid {
			v, err := jsonValue(date.String)
			if err != nil {
				return nil, fmt.Errorf("entity %s: date: %w", l.Other.ID, err)
			}
			l.Other.Props = graph.StoredProps(map[string]any{"date": v}, graph.NodeProps)
		}
		out = append(out, l)
	}
	return out, s.classify("reading relations", rows.Err())
}

// jsonValue decodes one JSON value, a string without escapes without
// encoding/json.
func jsonValue(s string) (any, error) {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' && !strings.ContainsAny(s[1:len(s)-1], "\\\"") {
		return s[1 : len(s)-1], nil
	}
	var v any
	err := json.Unmarshal([]byte(s), &v)
	return v, err
}

// MentionCounts implements graph.Explorer.
func (s *Store) MentionCounts(ctx context.Context, ids []string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, "WITH "+byIDs+`
SELECT q.id, n.mentioned FROM q CROSS JOIN nodes n ON n.nid = q.nid WHERE n.mentioned > 0`, mustJSON(ids))
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

// ArticlesMentioning implements graph.Explorer. It reads the entity's
// count of articles first (nodes.mentioned); for a hub, whose articles are so
// many that walking all articles by date meets limit of them sooner than
// reading and sorting its own (mentions² > limit × articles), it walks
// articles_date and probes node_facts, else it sorts its articles.
func (s *Store) ArticlesMentioning(ctx context.Context, id string, limit int) ([]graph.ArticleRef, int, error) {
	var nid int64
	var total, articles int
	err := s.db.QueryRowContext(ctx, `
SELECT n.nid, n.mentioned, (SELECT ifnull(max(aid), 0) FROM articles)
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

// EntityKeys implements graph.Explorer: it reads name_keys (about 200
// blobs on a 100,000-article store) and sorts the keys by id.
func (s *Store) EntityKeys(ctx context.Context) ([]graph.EntityKey, error) {
	keys, err := s.nameKeys(ctx)
	graph.SortEntityKeys(keys)
	return keys, err
}

// EntityKeysUnordered implements graph.UnorderedKeys: EntityKeys without
// the sort (in nid order).
func (s *Store) EntityKeysUnordered(ctx context.Context) ([]graph.EntityKey, error) {
	return s.nameKeys(ctx)
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
