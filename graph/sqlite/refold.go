package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kg-dev/kg/graph/merge"
)

// refold computes every summary and merged value from the facts, for a
// store written before summaries were kept (migration 6). The summaries
// are built in memory (one per node, edge and quantity, not per fact),
// then written.
func refold(ctx context.Context, conn *sql.Conn) error {
	scan := func(q string, fn func(*sql.Rows) error) error {
		rows, err := conn.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				return errors.Join(err, rows.Close())
			}
		}
		return errors.Join(rows.Err(), rows.Close())
	}

	type node struct {
		id, label string
		sum       merge.Entity
	}
	nodes := map[int64]*node{}
	err := scan(`SELECT nid, id, label FROM nodes`, func(r *sql.Rows) error {
		n := &node{}
		var nid int64
		if err := r.Scan(&nid, &n.id, &n.label); err != nil {
			return err
		}
		nodes[nid] = n
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading nodes: %w", err)
	}
	err = scan(`SELECT nid, name, aliases, props, mentions FROM node_facts`, func(r *sql.Rows) error {
		var nid int64
		var aliases, props string
		var f merge.EntityFact
		if err := r.Scan(&nid, &f.Name, &aliases, &props, &f.Mentions); err != nil {
			return err
		}
		if err := decode(aliases, &f.Aliases); err != nil {
			return err
		}
		var err error
		if f.Props, err = decodeProps(props); err != nil {
			return err
		}
		if n := nodes[nid]; n != nil {
			n.sum.Add(f)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading node facts: %w", err)
	}
	for nid, n := range nodes {
		row := n.sum.Row(n.id, n.label)
		if _, err := conn.ExecContext(ctx, `UPDATE nodes SET name = ?, key = ?, keys = ?, aliases = ?, props = ?, summary = ? WHERE nid = ?`,
			row.Name, row.Key, mustJSON(row.Keys), mustJSON(row.Aliases), mustJSON(row.Props), mustJSON(&n.sum), nid); err != nil {
			return fmt.Errorf("writing node %s: %w", n.id, err)
		}
		if _, err := conn.ExecContext(ctx, `DELETE FROM node_keys WHERE nid = ?`, nid); err != nil {
			return err
		}
		for _, k := range row.Keys {
			if _, err := conn.ExecContext(ctx, `INSERT OR IGNORE INTO node_keys (key, nid) VALUES (?, ?)`, k, nid); err != nil {
				return err
			}
		}
	}

	edges := map[int64]*merge.Relation{}
	err = scan(`SELECT eid, props FROM edge_facts`, func(r *sql.Rows) error {
		var eid int64
		var props string
		if err := r.Scan(&eid, &props); err != nil {
			return err
		}
		p, err := decodeProps(props)
		if err != nil {
			return err
		}
		if edges[eid] == nil {
			edges[eid] = &merge.Relation{}
		}
		edges[eid].Add(p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading relation facts: %w", err)
	}
	for eid, sum := range edges {
		if _, err := conn.ExecContext(ctx, `UPDATE edges SET props = ?, summary = ? WHERE eid = ?`, mustJSON(sum.Value()), mustJSON(sum), eid); err != nil {
			return fmt.Errorf("writing relation %d: %w", eid, err)
		}
	}

	quants := map[int64]*merge.Quantity{}
	err = scan(`SELECT qid, unit, approx FROM quantity_facts`, func(r *sql.Rows) error {
		var qid int64
		var unit string
		var approx bool
		if err := r.Scan(&qid, &unit, &approx); err != nil {
			return err
		}
		if quants[qid] == nil {
			quants[qid] = &merge.Quantity{}
		}
		quants[qid].Add(unit, approx)
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading quantity facts: %w", err)
	}
	for qid, sum := range quants {
		unit, approx := sum.Value()
		if _, err := conn.ExecContext(ctx, `UPDATE quantities SET unit = ?, approx = ?, summary = ? WHERE qid = ?`, unit, approx, mustJSON(sum), qid); err != nil {
			return fmt.Errorf("writing quantity %d: %w", qid, err)
		}
	}
	return nil
}
