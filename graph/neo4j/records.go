package neo4j

import (
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Values read back from Neo4j go through the driver's typed accessors
// (neo4j.GetRecordValue, neo4j.GetProperty): a missing column or a value
// of another type is an error that says which, never a panic or a silent
// zero.

// Records returns the rows as driver records, for the typed accessors.
func (r Rows) Records() []*driver.Record {
	out := make([]*driver.Record, len(r.Values))
	for i, v := range r.Values {
		out[i] = &driver.Record{Keys: r.Keys, Values: v}
	}
	return out
}

// value returns column key of rec as a T; a missing column, a null or a
// value of another type is an error.
func value[T driver.RecordValue](rec *driver.Record, key string) (T, error) {
	v, isNil, err := driver.GetRecordValue[T](rec, key)
	if err != nil {
		return v, fmt.Errorf("column %s: %w", key, err)
	}
	if isNil {
		return v, fmt.Errorf("column %s is null", key)
	}
	return v, nil
}

// optional is value for a column that may be null (T's zero value then).
func optional[T driver.RecordValue](rec *driver.Record, key string) (T, error) {
	v, _, err := driver.GetRecordValue[T](rec, key)
	if err != nil {
		return v, fmt.Errorf("column %s: %w", key, err)
	}
	return v, nil
}

// single returns the only record of rows.
func single(rows Rows) (*driver.Record, error) {
	if len(rows.Values) != 1 {
		return nil, fmt.Errorf("got %d rows, want 1", len(rows.Values))
	}
	return rows.Records()[0], nil
}

// into reads column key of rec with get (value or optional) into *dst.
func into[T driver.RecordValue](dst *T, get func(*driver.Record, string) (T, error), rec *driver.Record, key string) error {
	v, err := get(rec, key)
	if err == nil {
		*dst = v
	}
	return err
}

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// stringsOf returns column key of rec, a list of strings or null (nil).
// The driver returns lists as []any; a []string (test executors) is taken
// as it is.
func stringsOf(rec *driver.Record, key string) ([]string, error) {
	raw, ok := rec.Get(key)
	if !ok {
		return nil, fmt.Errorf("column %s: not in the result (columns %v)", key, rec.Keys)
	}
	if l, ok := raw.([]string); ok {
		return l, nil
	}
	l, err := optional[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(l))
	for i, x := range l {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("column %s: element %d is a %T, want a string", key, i, x)
		}
		out[i] = s
	}
	return out, nil
}
