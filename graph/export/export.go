// Package export writes a kg graph in formats other tools load:
//
//   - neo4j-admin (neo4jadmin.go): node and relationship CSV files with
//     `neo4j-admin database import full` headers, plus import.sh;
//   - cypher (cypher.go): one script for cypher-shell, the only place kg
//     writes values as Cypher literals (through Literal);
//   - graphml (graphml.go): GraphML for Gephi and yEd.
//
// The graph comes from a Source, read as a stream (twice: once for the
// property schema, once for the data), so nothing holds the whole graph
// in memory. Everything here is pure: a Source in, files or a writer out.
package export

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/kg-dev/kg/graph"
)

// Node is one node with its properties as the graph model has them
// (graph/model.go). ID is the node's id, or its key for a Quantity.
type Node struct {
	ID    string
	Label string
	Props map[string]any // every property but the id (key for Quantity)
}

// Rel is one relationship: From and To are node ids (keys for quantities).
type Rel struct {
	Type  string
	From  string
	To    string
	Props map[string]any
}

// Source is a graph read as a stream. Nodes calls fn once per node and
// Rels once per relationship, in a stable order, stopping at fn's first
// error and returning it. Property values are string, bool, int64,
// float64, or a slice of one of those ([]any of them is accepted too).
// The embedded store (graph/sqlite) provides one.
type Source interface {
	Nodes(ctx context.Context, fn func(Node) error) error
	Rels(ctx context.Context, fn func(Rel) error) error
}

// Summary says what an export wrote.
type Summary struct {
	Nodes map[string]int // by label
	Rels  map[string]int // by type
	Files []string       // files written, relative to the output directory
}

func newSummary() Summary { return Summary{Nodes: map[string]int{}, Rels: map[string]int{}} }

// idProp is the name of the identifying property of a label.
func idProp(label string) string {
	if label == "Quantity" {
		return "key"
	}
	return "id"
}

// Property value kinds, as neo4j-admin names them.
const (
	kString  = "string"
	kLong    = "long"
	kDouble  = "double"
	kBoolean = "boolean"
)

// column is one property of a label or type, with the kind of its values.
type column struct {
	Name  string
	Kind  string // kString, kLong, kDouble or kBoolean
	Array bool
}

// schema collects the columns of each label or type over a stream: a
// property whose values disagree in kind becomes a string (or a string
// array).
type schema map[string]map[string]column

func (s schema) add(group string, props map[string]any) error {
	if s[group] == nil {
		s[group] = map[string]column{}
	}
	for k, v := range props {
		kind, array, err := kindOf(v)
		if err != nil {
			return fmt.Errorf("property %s: %w", k, err)
		}
		if kind == "" {
			continue // empty list: says nothing about the kind
		}
		c, ok := s[group][k]
		if !ok {
			s[group][k] = column{Name: k, Kind: kind, Array: array}
			continue
		}
		switch {
		case c.Kind == kind && c.Array == array:
		case c.Array == array && numeric(c.Kind) && numeric(kind):
			c.Kind = kDouble
		default:
			c.Kind = kString
			c.Array = c.Array || array
		}
		s[group][k] = c
	}
	// A property seen only as empty lists is a string array.
	for k, v := range props {
		if _, ok := s[group][k]; !ok {
			if _, array, _ := kindOf(v); array {
				s[group][k] = column{Name: k, Kind: kString, Array: true}
			}
		}
	}
	return nil
}

func numeric(k string) bool { return k == kLong || k == kDouble }

// columns returns group's columns sorted by name, without skip.
func (s schema) columns(group, skip string) []column {
	var out []column
	for _, c := range s[group] {
		if c.Name != skip {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b column) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func (s schema) groups() []string {
	out := slices.Collect(maps.Keys(s))
	sort.Strings(out)
	return out
}

// kindOf returns the kind of a property value and whether it is a list.
// The kind of an empty list is "".
func kindOf(v any) (string, bool, error) {
	switch x := v.(type) {
	case string:
		return kString, false, nil
	case bool:
		return kBoolean, false, nil
	case int, int64, int32:
		return kLong, false, nil
	case float64, float32:
		return kDouble, false, nil
	case []string:
		return ifAny(len(x) > 0, kString), true, nil
	case []int64, []int:
		return ifAny(listLen(x) > 0, kLong), true, nil
	case []float64:
		return ifAny(len(x) > 0, kDouble), true, nil
	case []bool:
		return ifAny(len(x) > 0, kBoolean), true, nil
	case []any:
		kind := ""
		for _, e := range x {
			k, arr, err := kindOf(e)
			if err != nil {
				return "", false, err
			}
			if arr {
				return "", false, fmt.Errorf("nested list")
			}
			switch {
			case kind == "":
				kind = k
			case kind == k:
			case numeric(kind) && numeric(k):
				kind = kDouble
			default:
				kind = kString
			}
		}
		return kind, true, nil
	case nil:
		return "", false, fmt.Errorf("null value")
	}
	return "", false, fmt.Errorf("unsupported value type %T", v)
}

func ifAny(ok bool, kind string) string {
	if ok {
		return kind
	}
	return ""
}

func listLen(v any) int {
	switch x := v.(type) {
	case []int64:
		return len(x)
	case []int:
		return len(x)
	}
	return 0
}

// elems returns the elements of a list value ([]any, []string, ...).
func elems(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []string:
		return toAny(x)
	case []int64:
		return toAny(x)
	case []int:
		return toAny(x)
	case []float64:
		return toAny(x)
	case []bool:
		return toAny(x)
	}
	return nil
}

func toAny[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// validLabel reports whether label is one an export writes: a label of
// graph.Labels, or SourceLabel.
func validLabel(label string) bool { return graph.ValidLabel(label) || label == SourceLabel }

// walk reads src once: through Walk when src is a Walker, else Nodes then
// Rels.
func walk(ctx context.Context, src Source, node func(Node) error, rel func(Rel) error) error {
	if w, ok := src.(Walker); ok {
		return w.Walk(ctx, node, rel)
	}
	if err := src.Nodes(ctx, node); err != nil {
		return err
	}
	return src.Rels(ctx, rel)
}

// emptyLists counts, per label or type and property, the records that
// hold it as an empty list and the records that lack it: neo4j-admin
// stores no property for an empty list, so after an import they are set
// again (WriteNeo4jAdmin's after-import.cypher).
type emptyLists struct {
	rows  map[string]int
	empty map[string]map[string]int // group -> property -> records with []
	has   map[string]map[string]int // group -> property -> records with it
}

func newEmptyLists() *emptyLists {
	return &emptyLists{rows: map[string]int{}, empty: map[string]map[string]int{}, has: map[string]map[string]int{}}
}

func (e *emptyLists) add(group string, props map[string]any) {
	e.rows[group]++
	if e.has[group] == nil {
		e.has[group], e.empty[group] = map[string]int{}, map[string]int{}
	}
	for k, v := range props {
		e.has[group][k]++
		if kind, array, err := kindOf(v); err == nil && array && kind == "" {
			e.empty[group][k]++
		}
	}
}

// everywhere returns the properties of group held as an empty list by
// some records and present in all of them, sorted.
func (e *emptyLists) everywhere(group string) []string {
	var out []string
	for k, n := range e.empty[group] {
		if n > 0 && e.has[group][k] == e.rows[group] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// sometimes reports whether property k of group is an empty list in some
// records and missing in others: those records are completed one by one.
func (e *emptyLists) sometimes(group, k string) bool {
	return e.empty[group][k] > 0 && e.has[group][k] < e.rows[group]
}

// scan reads the source once and returns the property schemas of its
// labels and relationship types, and where they hold empty lists. It
// keeps no node or relationship.
func scan(ctx context.Context, src Source) (nodes, rels schema, empties *emptyLists, err error) {
	nodes, rels, empties = schema{}, schema{}, newEmptyLists()
	err = walk(ctx, src, func(n Node) error {
		if !validLabel(n.Label) {
			return fmt.Errorf("node %s: label %q is not in graph.Labels", n.ID, n.Label)
		}
		if err := nodes.add(n.Label, n.Props); err != nil {
			return fmt.Errorf("node %s: %w", n.ID, err)
		}
		empties.add("node:"+n.Label, n.Props)
		return nil
	}, func(r Rel) error {
		if !graph.ValidRelType(r.Type) {
			return fmt.Errorf("relationship %s-%s: type %q is not in graph.RelTypes", r.From, r.To, r.Type)
		}
		if err := rels.add(r.Type, r.Props); err != nil {
			return fmt.Errorf("relationship %s %s %s: %w", r.From, r.Type, r.To, err)
		}
		empties.add("rel:"+r.Type, r.Props)
		return nil
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("reading the graph: %w", err)
	}
	return nodes, rels, empties, nil
}
