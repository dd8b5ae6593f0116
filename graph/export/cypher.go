package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg-dev/kg/graph"
)

// Literal returns v as a Cypher literal: strings single-quoted with every
// quote, backslash and control character escaped, numbers and booleans as
// written, lists as [a, b], maps as {`key`: value}. It is the only place
// kg turns values into Cypher text; everywhere else values are $params.
func Literal(v any) (string, error) {
	var b strings.Builder
	if err := writeLiteral(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeLiteral(b *strings.Builder, v any) error {
	switch x := v.(type) {
	case string:
		quoteString(b, x)
	case bool, int, int32, int64:
		b.WriteString(scalarText(x))
	case float64:
		if x != x || x > 1.7976931348623157e308 || x < -1.7976931348623157e308 {
			return fmt.Errorf("float %v has no Cypher literal", x)
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0" // keep it a float
		}
		b.WriteString(s)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Name(k))
			b.WriteString(": ")
			if err := writeLiteral(b, x[k]); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		}
		b.WriteByte('}')
	default:
		es := elems(v)
		if es == nil {
			if _, isList := kindOfList(v); !isList {
				return fmt.Errorf("unsupported value type %T", v)
			}
		}
		b.WriteByte('[')
		for i, e := range es {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeLiteral(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	}
	return nil
}

func kindOfList(v any) (string, bool) {
	_, arr, err := kindOf(v)
	return "", arr && err == nil
}

// quoteString writes s as a single-quoted Cypher string. Invalid UTF-8
// bytes become U+FFFD.
func quoteString(b *strings.Builder, s string) {
	b.WriteByte('\'')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\'':
			b.WriteString(`\'`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r) // utf8.RuneError for invalid bytes: U+FFFD
		}
	}
	b.WriteByte('\'')
}

// Name returns a property key, label or type as a Cypher name: plain when
// it is a simple identifier, else in backticks with backticks doubled.
func Name(s string) string {
	plain := s != ""
	for i, r := range s {
		if r == '_' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		plain = false
		break
	}
	if plain {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

// WriteCypher writes the graph as a cypher-shell script: the schema
// statements, then nodes and relationships in explicit transactions of
// batch statements each (:begin/:commit), each relationship after its
// endpoints (a Walker's order, else every node first). Loading it into a database that
// already holds the graph changes nothing (MERGE on ids and keys). The
// source is read once.
func WriteCypher(ctx context.Context, src Source, w io.Writer, schema []string, batch int) (Summary, error) {
	sum := newSummary()
	if batch <= 0 {
		batch = 1000
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "// kg graph export for cypher-shell:")
	fmt.Fprintln(bw, "//   cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f graph.cypher")
	fmt.Fprintln(bw, "// (cypher-shell asks for the password, or reads NEO4J_PASSWORD).")
	for _, s := range schema {
		fmt.Fprintf(bw, "%s;\n", s)
	}
	n := 0
	open := false
	stmt := func(s string) {
		if !open {
			fmt.Fprintln(bw, ":begin")
			open = true
		}
		fmt.Fprintf(bw, "%s;\n", s)
		n++
		if n%batch == 0 {
			fmt.Fprintln(bw, ":commit")
			open = false
		}
	}
	// The label of every node, by ID space and id, so relationships match
	// their endpoints through the id constraints (ids only: the nodes
	// themselves are not kept).
	labels := map[string]string{}
	node := func(nd Node) error {
		if !validLabel(nd.Label) {
			return fmt.Errorf("node %s: label %q is not in graph.Labels", nd.ID, nd.Label)
		}
		if nd.Label == SourceLabel {
			// No id: found by the relationship's or quantity's key and
			// the article, its uniqueness constraint.
			match, err := Literal(map[string]any{"of": nd.Props["of"], "article": nd.Props["article"]})
			if err != nil {
				return err
			}
			props, err := Literal(withoutKey(withoutKey(nd.Props, "of"), "article"))
			if err != nil {
				return fmt.Errorf("source %v: %w", nd.Props["of"], err)
			}
			stmt(fmt.Sprintf("MERGE (n:%s %s) SET n += %s", SourceLabel, match, props))
			sum.Nodes[nd.Label]++
			return nil
		}
		labels[idSpace(nd.Label)+"\x00"+nd.ID] = nd.Label
		id, err := Literal(nd.ID)
		if err != nil {
			return err
		}
		props, err := Literal(withoutKey(nd.Props, idProp(nd.Label)))
		if err != nil {
			return fmt.Errorf("node %s: %w", nd.ID, err)
		}
		stmt(fmt.Sprintf("MERGE (n:%s {%s: %s}) SET n += %s", nd.Label, idProp(nd.Label), id, props))
		sum.Nodes[nd.Label]++
		return nil
	}
	rel := func(r Rel) error {
		if !graph.ValidRelType(r.Type) {
			return fmt.Errorf("relationship %s-%s: type %q is not in graph.RelTypes", r.From, r.To, r.Type)
		}
		from, err := Literal(r.From)
		if err != nil {
			return err
		}
		to, err := Literal(r.To)
		if err != nil {
			return err
		}
		start, end := endpoints(r.Type)
		la, lb := labels[start+"\x00"+r.From], labels[end+"\x00"+r.To]
		if la == "" || lb == "" {
			return fmt.Errorf("relationship %s %s %s: an endpoint is not among the nodes before it", r.From, r.Type, r.To)
		}
		props, err := Literal(withoutKey(r.Props, "key"))
		if err != nil {
			return fmt.Errorf("relationship %s %s %s: %w", r.From, r.Type, r.To, err)
		}
		merge := fmt.Sprintf("MERGE (a)-[r:%s]->(b)", r.Type)
		if k, ok := r.Props["key"]; ok {
			kl, err := Literal(k)
			if err != nil {
				return err
			}
			merge = fmt.Sprintf("MERGE (a)-[r:%s {key: %s}]->(b)", r.Type, kl)
		}
		stmt(fmt.Sprintf("MATCH (a:%s {%s: %s}) MATCH (b:%s {%s: %s}) %s SET r += %s",
			la, idProp(la), from, lb, idProp(lb), to, merge, props))
		sum.Rels[r.Type]++
		return nil
	}
	if err := walk(ctx, src, node, rel); err != nil {
		return sum, fmt.Errorf("writing the graph: %w", err)
	}
	if open {
		fmt.Fprintln(bw, ":commit")
	}
	if err := bw.Flush(); err != nil {
		return sum, fmt.Errorf("writing cypher script: %w", err)
	}
	return sum, nil
}

func withoutKey(p map[string]any, key string) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		if k != key {
			out[k] = v
		}
	}
	return out
}
