package neo4j

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kg-dev/kg/queries"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
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
	res, err := e.run(ctx, q, params)
	if err != nil && missingFulltext(err) {
		// A database kg has not loaded yet (or an import without schema):
		// create the index the queries look names up in, then ask again.
		if cerr := e.createFulltext(ctx); cerr == nil {
			res, err = e.run(ctx, q, params)
		}
	}
	return res, err
}

// missingFulltext reports whether err says the fulltext index is missing.
func missingFulltext(err error) bool {
	var nerr *driver.Neo4jError
	return errors.As(err, &nerr) && strings.Contains(nerr.Msg, "no such fulltext schema index")
}

// createFulltext creates the fulltext index (IF NOT EXISTS) and waits for
// it to be online.
func (e *Engine) createFulltext(ctx context.Context) error {
	stmts, err := loadStatements()
	if err != nil {
		return err
	}
	for _, st := range stmts.schema {
		if st.Name != stSchemaPrefix+FulltextIndex && st.Name != stAwaitIndexes {
			continue
		}
		err := e.exec.ExecuteWrite(ctx, func(tx Tx) error {
			_, err := tx.Run(ctx, st.Cypher, nil)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error) {
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
