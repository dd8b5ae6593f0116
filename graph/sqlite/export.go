package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// Batches streams every article's contribution as the graph.Batch that
// was written (Skipped aside), by article id: replaying them into another
// store rebuilds the same graph. Only one article is in memory at a time.
func (s *Store) Batches(ctx context.Context, fn func(graph.Batch) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.classify("exporting", err)
	}
	defer conn.Close()
	// One read transaction: a consistent snapshot even if a writer commits.
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return s.classify("exporting", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")

	var arts []graph.ArticleRow
	var aids []int64
	// Articles are read in pages so that the cursor is not held open while
	// fn runs and the other queries use the connection.
	last := ""
	for {
		arts, aids = arts[:0], aids[:0]
		rows, err := conn.QueryContext(ctx, `SELECT aid, id, title, date, lang, path, url, hash FROM articles WHERE id > ? ORDER BY id LIMIT 256`, last)
		if err != nil {
			return s.classify("exporting articles", err)
		}
		for rows.Next() {
			var a graph.ArticleRow
			var aid int64
			if err := rows.Scan(&aid, &a.ID, &a.Title, &a.Date, &a.Lang, &a.Path, &a.URL, &a.Hash); err != nil {
				rows.Close()
				return s.classify("exporting articles", err)
			}
			arts, aids = append(arts, a), append(aids, aid)
		}
		if err := rows.Close(); err != nil {
			return s.classify("exporting articles", err)
		}
		if len(arts) == 0 {
			return nil
		}
		for i, a := range arts {
			b, err := s.batch(ctx, conn, aids[i], a)
			if err != nil {
				return s.classify("exporting article "+a.ID, err)
			}
			if err := fn(b); err != nil {
				return err
			}
		}
		last = arts[len(arts)-1].ID
	}
}

func (s *Store) batch(ctx context.Context, conn *sql.Conn, aid int64, a graph.ArticleRow) (graph.Batch, error) {
	b := graph.Batch{Article: a}
	rows, err := conn.QueryContext(ctx, `SELECT n.id, n.label, f.name, f.aliases, f.props, f.mentions, f.starts, f.ends
		FROM node_facts f JOIN nodes n ON n.nid = f.nid WHERE f.aid = ? ORDER BY n.id`, aid)
	if err != nil {
		return b, err
	}
	for rows.Next() {
		var e extract.Entity
		var aliases, props, starts, ends string
		var count int
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &aliases, &props, &count, &starts, &ends); err != nil {
			rows.Close()
			return b, err
		}
		if err := decode(aliases, &e.Aliases); err != nil {
			rows.Close()
			return b, err
		}
		if e.Props, err = decodeProps(props); err != nil {
			rows.Close()
			return b, err
		}
		b.Nodes = append(b.Nodes, graph.NodeRowOf(e))
		if count > 0 {
			m := graph.MentionRow{Article: a.ID, Node: e.ID, Count: count}
			if err := decode(starts, &m.Starts); err != nil {
				rows.Close()
				return b, err
			}
			if err := decode(ends, &m.Ends); err != nil {
				rows.Close()
				return b, err
			}
			b.Mentions = append(b.Mentions, m)
		}
	}
	if err := rows.Close(); err != nil {
		return b, err
	}

	rows, err = conn.QueryContext(ctx, `SELECT e.key, e.type, s.id, d.id, f.props, f.evidence
		FROM edge_facts f JOIN edges e ON e.eid = f.eid JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst
		WHERE f.aid = ? ORDER BY e.key`, aid)
	if err != nil {
		return b, err
	}
	for rows.Next() {
		var e graph.EdgeRow
		var props, ev string
		if err := rows.Scan(&e.Key, &e.Type, &e.From, &e.To, &props, &ev); err != nil {
			rows.Close()
			return b, err
		}
		if e.Props, err = decodeProps(props); err != nil {
			rows.Close()
			return b, err
		}
		if e.Evidence, err = decodeEvidence(a.ID, ev, nil); err != nil {
			rows.Close()
			return b, err
		}
		b.Edges = append(b.Edges, e)
	}
	if err := rows.Close(); err != nil {
		return b, err
	}

	rows, err = conn.QueryContext(ctx, `SELECT q.key, s.id, coalesce(c.id, ''), f.unit, q.count, f.approx, f.evidence
		FROM quantity_facts f JOIN quantities q ON q.qid = f.qid JOIN nodes s ON s.nid = q.subject LEFT JOIN nodes c ON c.nid = q.country
		WHERE f.aid = ? ORDER BY q.key`, aid)
	if err != nil {
		return b, err
	}
	defer rows.Close()
	for rows.Next() {
		var q graph.QuantityRow
		var ev string
		if err := rows.Scan(&q.Key, &q.Subject, &q.Of, &q.Unit, &q.Count, &q.Approx, &ev); err != nil {
			return b, err
		}
		if q.Evidence, err = decodeEvidence(a.ID, ev, nil); err != nil {
			return b, err
		}
		b.Quantities = append(b.Quantities, q)
	}
	return b, rows.Err()
}

// Nodes streams every merged entity node, by id.
func (s *Store) Nodes(ctx context.Context, fn func(graph.NodeRow) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, name, key, keys, aliases, props FROM nodes ORDER BY id`)
	if err != nil {
		return s.classify("exporting nodes", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n graph.NodeRow
		var keys, aliases, props string
		if err := rows.Scan(&n.ID, &n.Label, &n.Name, &n.Key, &keys, &aliases, &props); err != nil {
			return s.classify("exporting nodes", err)
		}
		if err := decode(keys, &n.Keys); err != nil {
			return fmt.Errorf("exporting node %s: %w", n.ID, err)
		}
		if err := decode(aliases, &n.Aliases); err != nil {
			return fmt.Errorf("exporting node %s: %w", n.ID, err)
		}
		if n.Props, err = decodeProps(props); err != nil {
			return fmt.Errorf("exporting node %s: %w", n.ID, err)
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return s.classify("exporting nodes", rows.Err())
}

// Edges streams every merged relation, by key, with the evidence of every
// contributing article (by article id, then offset; Span.Doc is the
// article id).
func (s *Store) Edges(ctx context.Context, fn func(graph.EdgeRow) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT e.key, e.type, s.id, d.id, e.props, a.id, f.evidence
		FROM edges e JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst
		JOIN edge_facts f ON f.eid = e.eid JOIN articles a ON a.aid = f.aid
		ORDER BY e.key, a.id`)
	if err != nil {
		return s.classify("exporting relations", err)
	}
	defer rows.Close()
	var cur *graph.EdgeRow
	for rows.Next() {
		var e graph.EdgeRow
		var props, art, ev string
		if err := rows.Scan(&e.Key, &e.Type, &e.From, &e.To, &props, &art, &ev); err != nil {
			return s.classify("exporting relations", err)
		}
		if cur != nil && cur.Key != e.Key {
			if err := fn(*cur); err != nil {
				return err
			}
			cur = nil
		}
		if cur == nil {
			if e.Props, err = decodeProps(props); err != nil {
				return fmt.Errorf("exporting relation %s: %w", e.Key, err)
			}
			e.Evidence = []extract.Span{}
			cur = &e
		}
		if cur.Evidence, err = decodeEvidence(art, ev, cur.Evidence); err != nil {
			return fmt.Errorf("exporting relation %s: %w", e.Key, err)
		}
	}
	if err := rows.Err(); err != nil {
		return s.classify("exporting relations", err)
	}
	if cur != nil {
		return fn(*cur)
	}
	return nil
}

// Quantities streams every merged quantity, by key, with the evidence of
// every contributing article.
func (s *Store) Quantities(ctx context.Context, fn func(graph.QuantityRow) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT q.key, s.id, coalesce(c.id, ''), q.unit, q.count, q.approx, a.id, f.evidence
		FROM quantities q JOIN nodes s ON s.nid = q.subject LEFT JOIN nodes c ON c.nid = q.country
		JOIN quantity_facts f ON f.qid = q.qid JOIN articles a ON a.aid = f.aid
		ORDER BY q.key, a.id`)
	if err != nil {
		return s.classify("exporting quantities", err)
	}
	defer rows.Close()
	var cur *graph.QuantityRow
	for rows.Next() {
		var q graph.QuantityRow
		var art, ev string
		if err := rows.Scan(&q.Key, &q.Subject, &q.Of, &q.Unit, &q.Count, &q.Approx, &art, &ev); err != nil {
			return s.classify("exporting quantities", err)
		}
		if cur != nil && cur.Key != q.Key {
			if err := fn(*cur); err != nil {
				return err
			}
			cur = nil
		}
		if cur == nil {
			q.Evidence = []extract.Span{}
			cur = &q
		}
		if cur.Evidence, err = decodeEvidence(art, ev, cur.Evidence); err != nil {
			return fmt.Errorf("exporting quantity %s: %w", q.Key, err)
		}
	}
	if err := rows.Err(); err != nil {
		return s.classify("exporting quantities", err)
	}
	if cur != nil {
		return fn(*cur)
	}
	return nil
}

// decodeEvidence appends the spans of an evidence JSON array to out.
func decodeEvidence(article, ev string, out []extract.Span) ([]extract.Span, error) {
	var raw [][3]json.RawMessage
	if err := json.Unmarshal([]byte(ev), &raw); err != nil {
		return out, err
	}
	if out == nil {
		out = make([]extract.Span, 0, len(raw))
	}
	for _, r := range raw {
		sp := extract.Span{Doc: article}
		if err := json.Unmarshal(r[0], &sp.Start); err != nil {
			return out, err
		}
		if err := json.Unmarshal(r[1], &sp.End); err != nil {
			return out, err
		}
		if err := json.Unmarshal(r[2], &sp.Text); err != nil {
			return out, err
		}
		out = append(out, sp)
	}
	return out, nil
}
