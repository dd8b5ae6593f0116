package queries

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/kg-dev/kg/extract/fold"
)

//go:embed *.cypher *.sql
var files embed.FS

// Param types (see the package comment).
const (
	Key    = "key"
	Words  = "words"
	String = "string"
	Int    = "int"
	Rel    = "rel"
)

// Column types (see the package comment).
const (
	ColString = "string"
	ColInt    = "int"
	ColFloat  = "float"
	ColBool   = "bool"
	ColList   = "list" // a list whose order is not significant
	ColSeq    = "seq"  // a list whose order is significant
)

// ErrParams is wrapped by Bind's errors: an unknown, missing or malformed
// parameter.
var ErrParams = errors.New("bad query parameters")

// Param is one $param of a query.
type Param struct {
	Name        string
	Type        string // Key, Words, String, Int or Rel
	Description string
}

// Query is one canned query with its Cypher and SQL text.
type Query struct {
	Name        string
	Description string
	Params      []Param
	Columns     []string
	Types       []string // one per column: ColString, ColInt, ...
	Cypher      string
	SQL         string
}

// Result is the rows a query returns. Values are nil, string, int64,
// float64, bool or []any of those.
type Result struct {
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

// Engine runs canned queries. params are bound values (see Bind), keyed by
// param name without the "$". Run returns the query's declared columns in
// order, and rows in the query's order.
type Engine interface {
	Run(ctx context.Context, q Query, params map[string]any) (Result, error)
}

var (
	loadOnce sync.Once
	all      []Query
	loadErr  error
)

// All returns every canned query, sorted by name.
func All() []Query {
	qs, _ := load()
	return slices.Clone(qs)
}

// Get returns the query called name.
func Get(name string) (Query, bool) {
	qs, _ := load()
	for _, q := range qs {
		if q.Name == name {
			return q, true
		}
	}
	return Query{}, false
}

// Check reports whether the embedded queries parsed; All and Get return
// only the valid ones.
func Check() error {
	_, err := load()
	return err
}

func load() ([]Query, error) {
	loadOnce.Do(func() { all, loadErr = Load(files) })
	return all, loadErr
}

// Load parses every NAME.cypher file of fsys with its NAME.sql. It returns
// the queries it could parse and an error listing the others.
func Load(fsys fs.FS) ([]Query, error) {
	names, err := fs.Glob(fsys, "*.cypher")
	if err != nil {
		return nil, fmt.Errorf("listing queries: %w", err)
	}
	var qs []Query
	var errs []error
	for _, n := range names {
		q, err := loadOne(fsys, strings.TrimSuffix(n, ".cypher"))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		qs = append(qs, q)
	}
	slices.SortFunc(qs, func(a, b Query) int { return cmp.Compare(a.Name, b.Name) })
	return qs, errors.Join(errs...)
}

func loadOne(fsys fs.FS, base string) (Query, error) {
	cy, err := fs.ReadFile(fsys, base+".cypher")
	if err != nil {
		return Query{}, fmt.Errorf("reading query %s: %w", base, err)
	}
	q, err := ParseHeader(string(cy))
	if err != nil {
		return Query{}, fmt.Errorf("query %s.cypher: %w", base, err)
	}
	if q.Name != path.Base(base) {
		return Query{}, fmt.Errorf("query %s.cypher: header names it %q", base, q.Name)
	}
	sql, err := fs.ReadFile(fsys, base+".sql")
	if err != nil {
		return Query{}, fmt.Errorf("reading query %s: %w", base, err)
	}
	q.Cypher, q.SQL = string(cy), string(sql)
	if n := headerValue(q.SQL, "--", "name"); n != q.Name {
		return Query{}, fmt.Errorf("query %s.sql: header names it %q, want %q", base, n, q.Name)
	}
	return q, nil
}

func headerValue(text, comment, key string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, comment) {
			if line == "" {
				continue
			}
			break
		}
		k, v, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, comment)), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// ParseHeader reads the "// key: value" lines at the top of a .cypher file
// (see the package comment). Cypher and SQL are left empty.
func ParseHeader(cypher string) (Query, error) {
	var q Query
	for _, line := range strings.Split(cypher, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "//") {
			break
		}
		k, v, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "//")), ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "name":
			q.Name = v
		case "description":
			q.Description = v
		case "param":
			p, err := parseParam(v)
			if err != nil {
				return q, err
			}
			for _, o := range q.Params {
				if o.Name == p.Name {
					return q, fmt.Errorf("param %s declared twice", p.Name)
				}
			}
			q.Params = append(q.Params, p)
		case "columns":
			for _, c := range strings.Split(v, ",") {
				name, typ, _ := strings.Cut(strings.TrimSpace(c), ":")
				if typ == "" {
					typ = ColString
				}
				switch typ {
				case ColString, ColInt, ColFloat, ColBool, ColList, ColSeq:
				default:
					return q, fmt.Errorf("column %s: unknown type %q", name, typ)
				}
				if name == "" {
					return q, fmt.Errorf("empty column name in %q", v)
				}
				q.Columns = append(q.Columns, name)
				q.Types = append(q.Types, typ)
			}
		}
	}
	switch {
	case q.Name == "":
		return q, fmt.Errorf("header has no name line")
	case q.Description == "":
		return q, fmt.Errorf("header has no description line")
	case len(q.Columns) == 0:
		return q, fmt.Errorf("header has no columns line")
	}
	return q, nil
}

func parseParam(v string) (Param, error) {
	f := strings.Fields(v)
	if len(f) < 3 {
		return Param{}, fmt.Errorf("param line %q: want NAME TYPE DESCRIPTION", v)
	}
	p := Param{Name: f[0], Type: f[1]}
	switch p.Type {
	case Key, Words, String, Int, Rel:
	default:
		return Param{}, fmt.Errorf("param %s: unknown type %q", p.Name, p.Type)
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(v, f[0])), f[1]))
	p.Description = rest
	return p, nil
}

// Bind validates raw text values against q's params and converts them to
// the values the engines expect (see the package comment). Every param
// must be given and no other; errors wrap ErrParams.
func (q Query) Bind(raw map[string]string) (map[string]any, error) {
	var unknown []string
	for k := range raw {
		if !slices.ContainsFunc(q.Params, func(p Param) bool { return p.Name == k }) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("%w: %s has no parameter %s (it takes %s)", ErrParams, q.Name, strings.Join(unknown, ", "), q.paramList())
	}
	out := make(map[string]any, len(q.Params))
	for _, p := range q.Params {
		v, ok := raw[p.Name]
		if !ok {
			return nil, fmt.Errorf("%w: %s needs parameter %s (%s)", ErrParams, q.Name, p.Name, p.Description)
		}
		bv, err := BindValue(p.Type, v)
		if err != nil {
			return nil, fmt.Errorf("%w: parameter %s: %v", ErrParams, p.Name, err)
		}
		out[p.Name] = bv
	}
	return out, nil
}

func (q Query) paramList() string {
	if len(q.Params) == 0 {
		return "no parameters"
	}
	names := make([]string, len(q.Params))
	for i, p := range q.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// BindValue converts one raw text value for a param of type typ.
func BindValue(typ, v string) (any, error) {
	switch typ {
	case Key:
		return fold.Key(v), nil
	case Words:
		words := []string{}
		for _, w := range strings.Fields(fold.Fold(v)) {
			if k := fold.Key(w); k != "" && !slices.Contains(words, k) {
				words = append(words, k)
			}
		}
		return words, nil
	case Int:
		i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", v)
		}
		return i, nil
	case String:
		return v, nil
	case Rel:
		r := strings.Map(func(c rune) rune {
			if c == '-' || c == ' ' {
				return '_'
			}
			return unicode.ToUpper(c)
		}, strings.TrimSpace(v))
		return r, nil
	}
	return nil, fmt.Errorf("unknown param type %q", typ)
}

// Normalize makes results from different engines comparable:
//   - every integer becomes int64, every float float64 (an int64 in a
//     float column becomes float64, a float64 in an int column with an
//     integral value becomes int64);
//   - in a bool column, int64 0/1 becomes false/true;
//   - every list becomes []any with its elements normalized; a list
//     column's elements are sorted (nil first, then by type: bool, number,
//     string; then by value), a seq column keeps its order;
//   - a nil list stays nil, an empty list becomes []any{}.
//
// Row order is kept: queries order their rows themselves.
func (q Query) Normalize(r Result) Result {
	types := map[string]string{}
	for i, c := range q.Columns {
		types[c] = q.Types[i]
	}
	out := Result{Columns: slices.Clone(r.Columns), Rows: make([][]any, len(r.Rows))}
	for i, row := range r.Rows {
		nr := make([]any, len(row))
		for j, v := range row {
			typ := ""
			if j < len(r.Columns) {
				typ = types[r.Columns[j]]
			}
			nr[j] = normalizeValue(v, typ)
		}
		out.Rows[i] = nr
	}
	return out
}

// Normalize is Query.Normalize for a result whose query is unknown: every
// list is treated as a list (sorted) and no column is converted by type.
func Normalize(r Result) Result { return Query{}.Normalize(r) }

func normalizeValue(v any, typ string) any {
	v = scalar(v)
	switch typ {
	case ColFloat:
		if i, ok := v.(int64); ok {
			return float64(i)
		}
	case ColInt:
		if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f)
		}
	case ColBool:
		if i, ok := v.(int64); ok {
			return i != 0
		}
	}
	l, ok := toList(v)
	if !ok {
		return v
	}
	if l == nil {
		return nil
	}
	out := make([]any, len(l))
	for i, x := range l {
		out[i] = normalizeValue(x, "")
	}
	if typ != ColSeq {
		slices.SortStableFunc(out, compareValues)
	}
	return out
}

func scalar(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case float32:
		return float64(x)
	case []byte:
		return string(x)
	}
	return v
}

func toList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []string:
		return anys(x), true
	case []int64:
		return anys(x), true
	case []float64:
		return anys(x), true
	case []bool:
		return anys(x), true
	}
	return nil, false
}

// anys converts a typed list to []any; nil stays nil.
func anys[T any](x []T) []any {
	if x == nil {
		return nil
	}
	out := make([]any, len(x))
	for i, s := range x {
		out[i] = s
	}
	return out
}

func rank(v any) int {
	switch v.(type) {
	case nil:
		return 0
	case bool:
		return 1
	case int64, float64:
		return 2
	case string:
		return 3
	}
	return 4
}

func compareValues(a, b any) int {
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	switch x := a.(type) {
	case bool:
		y := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	case int64, float64:
		return cmp.Compare(num(a), num(b))
	case string:
		return cmp.Compare(x, b.(string))
	}
	return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func num(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return 0
}
