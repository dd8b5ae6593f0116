package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/kg-dev/kg/queries"
)

// Run runs a canned query's SQL with bound params (see queries.Query.Bind)
// and returns its declared columns, converted to their declared types.
// Store implements queries.Engine.
func (s *Store) Run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error) {
	res := queries.Result{Columns: slices.Clone(q.Columns), Rows: [][]any{}}
	args := make([]any, 0, len(q.Params))
	for _, p := range q.Params {
		v, ok := params[p.Name]
		if !ok {
			return res, fmt.Errorf("query %s: %w: missing parameter %s", q.Name, queries.ErrParams, p.Name)
		}
		args = append(args, sql.Named(p.Name, sqlValue(v)))
	}
	rows, err := s.db.QueryContext(ctx, q.SQL, args...)
	if err != nil {
		return res, s.classify("running query "+q.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return res, s.classify("running query "+q.Name, err)
	}
	if !slices.Equal(cols, q.Columns) {
		return res, fmt.Errorf("query %s: the SQL returns columns %v, the header declares %v", q.Name, cols, q.Columns)
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return res, s.classify("reading query "+q.Name, err)
		}
		for i, v := range vals {
			if vals[i], err = columnValue(v, q.Types[i]); err != nil {
				return res, fmt.Errorf("query %s: column %s: %w", q.Name, cols[i], err)
			}
		}
		res.Rows = append(res.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		return res, s.classify("running query "+q.Name, err)
	}
	return res, nil
}

// sqlValue turns a bound param into what SQLite takes: lists as JSON text.
func sqlValue(v any) any {
	switch x := v.(type) {
	case []string, []any, []int64:
		return mustJSON(x)
	case int:
		return int64(x)
	}
	return v
}

// columnValue converts a SQLite value to the column's declared type.
func columnValue(v any, typ string) (any, error) {
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	if v == nil {
		return nil, nil
	}
	switch typ {
	case queries.ColList, queries.ColSeq:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("got %T, want a JSON array", v)
		}
		return decodeList(s)
	case queries.ColBool:
		if i, ok := v.(int64); ok {
			return i != 0, nil
		}
	case queries.ColFloat:
		if i, ok := v.(int64); ok {
			return float64(i), nil
		}
	case queries.ColInt:
		if f, ok := v.(float64); ok && f == math.Trunc(f) {
			return int64(f), nil
		}
	}
	return v, nil
}

func decodeList(s string) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var l []any
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("decoding list %.40q: %w", s, err)
	}
	if l == nil {
		l = []any{}
	}
	for i, x := range l {
		if n, ok := x.(json.Number); ok {
			if v, err := n.Int64(); err == nil {
				l[i] = v
			} else if f, err := n.Float64(); err == nil {
				l[i] = f
			}
		}
	}
	return l, nil
}
