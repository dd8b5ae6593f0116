// Package merge folds what many articles say about one entity, relation or
// quantity into the one value a store keeps. It is pure and
// order-independent: a store keeps a small Summary per node, edge and
// quantity, adds each article's contribution to it as the article comes
// and removes it when the article is replaced or removed, and asks the
// summary for the merged value. A summary holds counts, never lists of
// articles, so folding in one article costs the same for a node mentioned
// by ten articles or by a hundred thousand, and Add and Remove commute:
// the merged value is a function of the set of contributing articles, not
// of the order they were read in.
//
// The rules (Entity.Value, Relation.Value, Quantity.Value):
//   - name: the spelling with the most mentions over all articles (each
//     article's mentions count for the name that article gives), then the
//     one the most articles give, then the smallest in byte order;
//   - aliases: every other spelling any contributing article gives;
//   - props (see Prop): "date" the most precise value, then the one most
//     articles give, then the smallest; "since" the earliest, "as_of" the
//     latest; any other key the value most articles give, then the
//     smallest;
//   - unit of a quantity: the spelling most articles give, then the
//     smallest; approx only if every article says approximate.
//
// Both stores (graph/sqlite and graph/neo4j) merge through this package
// and nothing else.
package merge

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// EntityFact is one article's contribution to an entity: the name and
// aliases it gives, its props (graph.Props values) and how many times it
// mentions the entity.
type EntityFact struct {
	Name     string
	Aliases  []string
	Props    map[string]any
	Mentions int
}

// Fact returns an entity row's contribution, with the article's mention
// count.
func Fact(n graph.NodeRow, mentions int) EntityFact {
	return EntityFact{Name: n.Name, Aliases: n.Aliases, Props: n.Props, Mentions: mentions}
}

// Entity is the summary of every contribution to one entity.
type Entity struct {
	Articles int64                 `json:"n"`
	Names    map[string]*nameCount `json:"names,omitempty"` // the name an article gives
	Spelling map[string]int64      `json:"spell,omitempty"` // name or alias -> articles giving it
	Props    map[string]PropCounts `json:"props,omitempty"` // key -> value -> articles
}

type nameCount struct {
	Mentions int64 `json:"m"`
	Articles int64 `json:"a"`
}

// PropCounts counts, for one property key, the articles giving each
// value; values are keyed by their JSON text.
type PropCounts map[string]int64

// Add folds in one article's contribution.
func (s *Entity) Add(f EntityFact) { s.fold(f, 1) }

// Remove takes out a contribution added before (the same fact).
func (s *Entity) Remove(f EntityFact) { s.fold(f, -1) }

func (s *Entity) fold(f EntityFact, sign int64) {
	s.Articles += sign
	if s.Names == nil {
		s.Names = map[string]*nameCount{}
		s.Spelling = map[string]int64{}
	}
	nc := s.Names[f.Name]
	if nc == nil {
		nc = &nameCount{}
		s.Names[f.Name] = nc
	}
	nc.Mentions += sign * int64(f.Mentions)
	nc.Articles += sign
	if nc.Articles <= 0 {
		delete(s.Names, f.Name)
	}
	seen := map[string]bool{}
	for _, sp := range append([]string{f.Name}, f.Aliases...) {
		if sp == "" || seen[sp] {
			continue
		}
		seen[sp] = true
		count(s.Spelling, sp, sign)
	}
	s.Props = foldProps(s.Props, f.Props, sign)
}

// Empty reports whether no article contributes any more.
func (s *Entity) Empty() bool { return s.Articles <= 0 }

// Value returns the merged name, aliases (sorted) and props.
func (s *Entity) Value() (name string, aliases []string, props map[string]any) {
	var best *nameCount
	for n, c := range s.Names {
		if best == nil || c.Mentions > best.Mentions ||
			(c.Mentions == best.Mentions && (c.Articles > best.Articles || (c.Articles == best.Articles && n < name))) {
			name, best = n, c
		}
	}
	aliases = []string{}
	for sp := range s.Spelling {
		if sp != name {
			aliases = append(aliases, sp)
		}
	}
	slices.Sort(aliases)
	return name, aliases, propValues(s.Props)
}

// Row returns the merged node row of entity id with label label.
func (s *Entity) Row(id, label string) graph.NodeRow {
	name, aliases, props := s.Value()
	return graph.NodeRowOf(extract.Entity{ID: id, Type: label, Name: name, Aliases: aliases, Props: props})
}

// Relation is the summary of every article's props of one relation. The
// evidence is a set the stores keep per article; Articles is the number
// of contributing articles.
type Relation struct {
	Articles int64                 `json:"n"`
	Props    map[string]PropCounts `json:"props,omitempty"`
}

// Add folds in one article's props of the relation.
func (s *Relation) Add(props map[string]any) { s.Articles++; s.Props = foldProps(s.Props, props, 1) }

// Remove takes out props added before.
func (s *Relation) Remove(props map[string]any) {
	s.Articles--
	s.Props = foldProps(s.Props, props, -1)
}

// Empty reports whether no article contributes any more.
func (s *Relation) Empty() bool { return s.Articles <= 0 }

// Value returns the merged props.
func (s *Relation) Value() map[string]any { return propValues(s.Props) }

// Quantity is the summary of every article's statement of one quantity
// (the key fixes subject, count, folded unit and country).
type Quantity struct {
	Articles int64            `json:"n"`
	Exact    int64            `json:"exact,omitempty"` // articles that do not say approximate
	Units    map[string]int64 `json:"units,omitempty"` // spelling -> articles
}

// Add folds in one article's unit spelling and approx flag.
func (s *Quantity) Add(unit string, approx bool) { s.fold(unit, approx, 1) }

// Remove takes out a statement added before.
func (s *Quantity) Remove(unit string, approx bool) { s.fold(unit, approx, -1) }

func (s *Quantity) fold(unit string, approx bool, sign int64) {
	s.Articles += sign
	if !approx {
		s.Exact += sign
	}
	if s.Units == nil {
		s.Units = map[string]int64{}
	}
	count(s.Units, unit, sign)
}

// Empty reports whether no article contributes any more.
func (s *Quantity) Empty() bool { return s.Articles <= 0 }

// Value returns the merged unit and approx flag.
func (s *Quantity) Value() (unit string, approx bool) {
	return consensus(s.Units), s.Articles > 0 && s.Exact == 0
}

func count(m map[string]int64, k string, sign int64) {
	if m[k] += sign; m[k] <= 0 {
		delete(m, k)
	}
}

func foldProps(s map[string]PropCounts, props map[string]any, sign int64) map[string]PropCounts {
	for k, v := range props {
		t, ok := valueText(v)
		if !ok {
			continue
		}
		if s == nil {
			s = map[string]PropCounts{}
		}
		c := s[k]
		if c == nil {
			c = PropCounts{}
			s[k] = c
		}
		count(c, t, sign)
		if len(c) == 0 {
			delete(s, k)
		}
	}
	return s
}

// valueText is the JSON text a prop value is counted under; empty values
// (nil, "") count for nothing.
func valueText(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		if x == "" {
			return "", false
		}
		if plain(x) {
			return `"` + x + `"`, true
		}
	case int64:
		return strconv.FormatInt(x, 10), true
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", false
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), true
}

func propValues(s map[string]PropCounts) map[string]any {
	out := make(map[string]any, len(s))
	for k, c := range s {
		if t := Prop(k, c); t != "" {
			if v, ok := decodeValue(k, t); ok {
				out[k] = v
			}
		}
	}
	return out
}

// plain reports whether s is its own JSON text between quotes: no quote,
// backslash, control character, U+2028 or U+2029 (which encoding/json
// escapes), or invalid UTF-8.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' || c < 0x20 {
			return false
		}
	}
	return utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
}

func decodeValue(k, t string) (any, bool) {
	if len(t) >= 2 && t[0] == '"' && t[len(t)-1] == '"' && plain(t[1:len(t)-1]) {
		return t[1 : len(t)-1], true
	}
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		return n, true
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(t)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	p := graph.Props(map[string]any{k: v})
	v, ok := p[k]
	return v, ok
}

// Prop picks the merged value of key among counted values (JSON texts):
// "date" the most precise (longest), then the most articles, then the
// smallest; "since" the earliest and "as_of" the latest (numbers by
// value); anything else the most articles, then the smallest. It returns
// "" when c is empty.
func Prop(key string, c PropCounts) string {
	switch key {
	case "since":
		return extreme(c, -1)
	case "as_of":
		return extreme(c, 1)
	case "date":
		best := ""
		for t, n := range c {
			if best == "" || len(t) > len(best) || (len(t) == len(best) && (n > c[best] || (n == c[best] && t < best))) {
				best = t
			}
		}
		return best
	}
	return consensus(c)
}

// consensus returns the key with the greatest count, then the smallest.
func consensus(c map[string]int64) string {
	best := ""
	found := false
	for t, n := range c {
		if !found || n > c[best] || (n == c[best] && t < best) {
			best, found = t, true
		}
	}
	return best
}

// extreme returns the smallest (dir -1) or greatest (dir 1) value, numbers
// compared as numbers, before strings.
func extreme(c PropCounts, dir int) string {
	best := ""
	for t := range c {
		if best == "" || dir*compareValues(t, best) > 0 {
			best = t
		}
	}
	return best
}

func compareValues(a, b string) int {
	var fa, fb float64
	ea, eb := json.Unmarshal([]byte(a), &fa), json.Unmarshal([]byte(b), &fb)
	switch {
	case ea == nil && eb == nil:
		if c := cmp.Compare(fa, fb); c != 0 {
			return c
		}
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	return cmp.Compare(a, b)
}
