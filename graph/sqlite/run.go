package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
	if l, ok := parseList(s); ok {
		return l, nil
	}
	l, err := jsonList(s)
	if err != nil {
		return nil, fmt.Errorf("decoding list %.40q: %w", s, err)
	}
	return l, nil
}

// jsonList decodes a JSON array with encoding/json, integers as int64
// and other numbers as float64: decodeList's slow path, and the reference
// its fast path is tested against.
func jsonList(s string) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var l []any
	if err := dec.Decode(&l); err != nil {
		return nil, err
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

// parseList is decodeList's fast path for the compact arrays SQLite's
// json_group_array writes: strings, integers, null, true and false. ok is
// false for anything else (floats, nested values, spaces), which then goes
// through encoding/json. Strings with escapes are unquoted by
// encoding/json one at a time.
func parseList(s string) (l []any, ok bool) {
	if len(s) < 2 || s[0] != '[' {
		return nil, false
	}
	l = []any{}
	i := 1
	if s[i] == ']' {
		return l, i+1 == len(s)
	}
	for {
		if i >= len(s) {
			return nil, false
		}
		switch c := s[i]; {
		case c == '"':
			j, esc := i+1, false
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					esc = true
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, false
			}
			if esc {
				var v string
				if err := json.Unmarshal([]byte(s[i:j+1]), &v); err != nil {
					return nil, false
				}
				l = append(l, v)
			} else {
				if !utf8.ValidString(s[i+1 : j]) {
					return nil, false
				}
				l = append(l, s[i+1:j])
			}
			i = j + 1
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			v, err := strconv.ParseInt(s[i:j], 10, 64)
			if err != nil {
				return nil, false // a float, or too large: encoding/json decides
			}
			l = append(l, v)
			i = j
		case strings.HasPrefix(s[i:], "null"):
			l, i = append(l, nil), i+4
		case strings.HasPrefix(s[i:], "true"):
			l, i = append(l, true), i+4
		case strings.HasPrefix(s[i:], "false"):
			l, i = append(l, false), i+5
		default:
			return nil, false
		}
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ']':
			return l, i+1 == len(s)
		case ',':
			i++
		default:
			return nil, false
		}
	}
}
