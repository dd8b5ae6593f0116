package export

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// GraphML has no list type: lists are written as JSON array text, and
// their key's attr.type is string.

// WriteGraphML writes the graph as GraphML (Gephi, yEd): one <key> per
// property of nodes and of edges, each node with its "labels" (":City")
// and id, each edge with its "label" (the type). Characters XML cannot
// hold are replaced by U+FFFD. The source is read twice.
func WriteGraphML(ctx context.Context, src Source, w io.Writer) (Summary, error) {
	sum := newSummary()
	nodeSchema, relSchema, _, err := scan(ctx, src)
	if err != nil {
		return sum, err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	nodeKeys := mergedColumns(nodeSchema)
	relKeys := mergedColumns(relSchema)
	writeKey(bw, "labels", "node", "labels", kString)
	for _, c := range nodeKeys {
		writeKey(bw, "n_"+c.Name, "node", c.Name, graphmlType(c))
	}
	writeKey(bw, "label", "edge", "label", kString)
	for _, c := range relKeys {
		writeKey(bw, "e_"+c.Name, "edge", c.Name, graphmlType(c))
	}
	bw.WriteString(`<graph id="kg" edgedefault="directed">` + "\n")
	err = src.Nodes(ctx, func(n Node) error {
		props := withoutKey(n.Props, "")
		props[idProp(n.Label)] = n.ID
		fmt.Fprintf(bw, `<node id="%s">`, attr(idSpace(n.Label)+":"+n.ID))
		writeData(bw, "labels", ":"+n.Label)
		for _, c := range nodeKeys {
			if v, ok := props[c.Name]; ok {
				writeData(bw, "n_"+c.Name, dataText(v))
			}
		}
		bw.WriteString("</node>\n")
		sum.Nodes[n.Label]++
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("writing nodes: %w", err)
	}
	i := 0
	err = src.Rels(ctx, func(r Rel) error {
		start, end := endpoints(r.Type)
		i++
		fmt.Fprintf(bw, `<edge id="e%d" source="%s" target="%s" label="%s">`, i, attr(start+":"+r.From), attr(end+":"+r.To), attr(r.Type))
		writeData(bw, "label", r.Type)
		for _, c := range relKeys {
			if v, ok := r.Props[c.Name]; ok {
				writeData(bw, "e_"+c.Name, dataText(v))
			}
		}
		bw.WriteString("</edge>\n")
		sum.Rels[r.Type]++
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("writing relationships: %w", err)
	}
	bw.WriteString("</graph>\n</graphml>\n")
	if err := bw.Flush(); err != nil {
		return sum, fmt.Errorf("writing graphml: %w", err)
	}
	return sum, nil
}

// mergedColumns returns the columns of every group of s, one per name (a
// name whose kinds differ between groups becomes a string), sorted.
func mergedColumns(s schema) []column {
	all := schema{"": {}}
	for _, g := range s.groups() {
		for _, c := range s[g] {
			cur, ok := all[""][c.Name]
			switch {
			case !ok:
				all[""][c.Name] = c
			case cur.Kind == c.Kind && cur.Array == c.Array:
			default:
				all[""][c.Name] = column{Name: c.Name, Kind: kString, Array: cur.Array || c.Array}
			}
		}
	}
	return all.columns("", "")
}

func graphmlType(c column) string {
	if c.Array {
		return "string"
	}
	return c.Kind // string, long, double, boolean are GraphML types too
}

func writeKey(w *bufio.Writer, id, domain, name, typ string) {
	fmt.Fprintf(w, `<key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", attr(id), domain, attr(name), typ)
}

func writeData(w *bufio.Writer, key, text string) {
	fmt.Fprintf(w, `<data key="%s">`, attr(key))
	xml.EscapeText(w, []byte(text))
	w.WriteString("</data>")
}

// dataText formats a value for a <data> element: scalars as text, lists
// as JSON.
func dataText(v any) string {
	if es := elems(v); es != nil || isList(v) {
		if es == nil {
			es = []any{}
		}
		b, err := json.Marshal(es)
		if err != nil {
			return fmt.Sprint(es)
		}
		return string(b)
	}
	return scalarText(v)
}

func isList(v any) bool {
	_, arr, err := kindOf(v)
	return arr && err == nil
}

func attr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
