package neo4j

import (
	"context"
	"fmt"
	"slices"

	"github.com/kg-dev/kg/queries"
)

// Engine runs canned queries (their Cypher text) in read transactions.
type Engine struct{ exec Executor }

// NewEngine returns an engine running queries through exec.
func NewEngine(exec Executor) *Engine { return &Engine{exec: exec} }

// Engine returns the store's queries.Engine.
func (s *Store) Engine() *Engine { return NewEngine(s.exec) }

var _ queries.Engine = (*Engine)(nil)

// Run runs q.Cypher with params and returns q's declared columns, in
// order, with the rows in the query's order.
func (e *Engine) Run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error) {
	if params == nil {
		params = map[string]any{}
	}
	var res queries.Result
	err := e.exec.ExecuteRead(ctx, func(tx Tx) error {
		rows, err := tx.Run(ctx, q.Cypher, params)
		if err != nil {
			return err
		}
		res, err = project(q, rows)
		return err
	})
	if err != nil {
		return queries.Result{}, fmt.Errorf("running query %s on neo4j: %w", q.Name, err)
	}
	return res, nil
}

// project returns rows in the column order q declares; a query that does
// not return a declared column is an error.
func project(q queries.Query, rows Rows) (queries.Result, error) {
	cols := q.Columns
	if len(cols) == 0 {
		cols = rows.Keys
	}
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = slices.Index(rows.Keys, c)
		if idx[i] < 0 {
			return queries.Result{}, fmt.Errorf("query returned columns %v, not the declared column %q", rows.Keys, c)
		}
	}
	out := queries.Result{Columns: slices.Clone(cols), Rows: make([][]any, len(rows.Values))}
	for i, v := range rows.Values {
		r := make([]any, len(cols))
		for j, k := range idx {
			r[j] = v[k]
		}
		out.Rows[i] = r
	}
	return out, nil
}
