package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ArrayDelimiter separates array elements inside a CSV field. Sentences
// contain every printable character, so it is U+001F (unit separator),
// passed to neo4j-admin as --array-delimiter=U+001F; an element holding it
// has it replaced by U+FFFD.
const ArrayDelimiter = "\x1f"

// idSpace is the neo4j-admin ID space of a label: articles, entities and
// quantities have separate id namespaces.
func idSpace(label string) string {
	switch label {
	case "Article", "Quantity":
		return label
	}
	return "Entity"
}

// endpoints returns the ID spaces of a relationship type's start and end.
func endpoints(relType string) (string, string) {
	switch relType {
	case "MENTIONS":
		return "Article", "Entity"
	case "QUANTIFIES", "OF":
		return "Quantity", "Entity"
	}
	return "Entity", "Entity"
}

// AfterImport is the cypher-shell script WriteNeo4jAdmin writes beside
// import.sh, to run once the imported database is started: the schema
// (neo4j-admin imports none) and the empty lists neo4j-admin cannot
// store (an empty array field is no property), set again, so that the
// graph is the one kg ingest --neo4j writes.
const AfterImport = "after-import.cypher"

// WriteNeo4jAdmin writes the graph as CSV files for
// `neo4j-admin database import full` into dir: nodes_LABEL.csv and
// rels_TYPE.csv, each with its header line, import.sh with the command,
// and AfterImport with the schema statements (schema, as for WriteCypher)
// and what the import cannot store. The source is read twice.
func WriteNeo4jAdmin(ctx context.Context, src Source, dir string, schema []string) (Summary, error) {
	sum := newSummary()
	nodeSchema, relSchema, empties, err := scan(ctx, src)
	if err != nil {
		return sum, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return sum, fmt.Errorf("creating %s: %w", dir, err)
	}
	files := map[string]*csvFile{}
	closeAll := func() error {
		var errs []error
		for _, f := range files {
			errs = append(errs, f.close())
		}
		return errors.Join(errs...)
	}
	// The file and columns of each label or type, found once.
	type group struct {
		f         *csvFile
		cols      []column
		sometimes []string // properties an empty list in some records, missing in others
	}
	groups := map[string]*group{}
	open := func(name, key string, cols []column, header []string) (*group, error) {
		f, err := createCSV(filepath.Join(dir, name), append(header, headers(cols)...))
		if err != nil {
			return nil, err
		}
		files[name] = f
		sum.Files = append(sum.Files, name)
		g := &group{f: f, cols: cols}
		for _, c := range cols {
			if empties.sometimes(key, c.Name) {
				g.sometimes = append(g.sometimes, c.Name)
			}
		}
		groups[name] = g
		return g, nil
	}
	// Records whose empty lists cannot be set by label or type alone.
	var oneByOne []string

	longest := 0 // bytes of the longest CSV record
	err = walk(ctx, src, func(n Node) error {
		name := "nodes_" + n.Label + ".csv"
		header := []string{":LABEL"}
		rec := []string{n.Label}
		if n.Label != SourceLabel {
			header = []string{idProp(n.Label) + ":ID(" + idSpace(n.Label) + ")", ":LABEL"}
			rec = []string{n.ID, n.Label}
		}
		g := groups[name]
		if g == nil {
			var err error
			if g, err = open(name, "node:"+n.Label, nodeSchema.columns(n.Label, idProp(n.Label)), header); err != nil {
				return err
			}
		}
		f, cols := g.f, g.cols
		vals, quote := fields(cols, n.Props)
		rec = append(rec, vals...)
		quote = append(make([]bool, len(rec)-len(vals)), quote...)
		sum.Nodes[n.Label]++
		longest = max(longest, recordSize(rec))
		for _, k := range g.sometimes {
			if isEmptyList(n.Props[k]) {
				st, err := setEmptyNode(n, k)
				if err != nil {
					return err
				}
				oneByOne = append(oneByOne, st)
			}
		}
		return f.write(rec, quote)
	}, func(r Rel) error {
		name := "rels_" + r.Type + ".csv"
		g := groups[name]
		if g == nil {
			start, end := endpoints(r.Type)
			var err error
			if g, err = open(name, "rel:"+r.Type, relSchema.columns(r.Type, ""), []string{":START_ID(" + start + ")", ":END_ID(" + end + ")", ":TYPE"}); err != nil {
				return err
			}
		}
		f, cols := g.f, g.cols
		vals, quote := fields(cols, r.Props)
		rec := append([]string{r.From, r.To, r.Type}, vals...)
		quote = append(make([]bool, 3), quote...)
		sum.Rels[r.Type]++
		longest = max(longest, recordSize(rec))
		for _, k := range g.sometimes {
			if isEmptyList(r.Props[k]) {
				st, err := setEmptyRel(r, k)
				if err != nil {
					return err
				}
				oneByOne = append(oneByOne, st)
			}
		}
		return f.write(rec, quote)
	})
	if err != nil {
		return sum, errors.Join(fmt.Errorf("writing the graph: %w", err), closeAll())
	}
	if err := closeAll(); err != nil {
		return sum, err
	}
	slices.Sort(sum.Files) // nodes_*, then rels_*
	script := ImportCommand(sum.Files, readBuffer(longest))
	if err := os.WriteFile(filepath.Join(dir, "import.sh"), []byte(script), 0o755); err != nil {
		return sum, fmt.Errorf("writing import.sh: %w", err)
	}
	sum.Files = append(sum.Files, "import.sh")
	after := afterImport(schema, empties, nodeSchema, relSchema, oneByOne)
	if err := os.WriteFile(filepath.Join(dir, AfterImport), []byte(after), 0o644); err != nil {
		return sum, fmt.Errorf("writing %s: %w", AfterImport, err)
	}
	sum.Files = append(sum.Files, AfterImport)
	return sum, nil
}

func isEmptyList(v any) bool {
	kind, array, err := kindOf(v)
	return err == nil && array && kind == ""
}

// afterImport returns the AfterImport script: schema, then, per label and
// type, one statement per property that some records hold as an empty
// list (and all hold), in batches of 10,000 records, then the statements
// for single records.
func afterImport(schema []string, empties *emptyLists, nodes, rels schema, oneByOne []string) string {
	var b strings.Builder
	b.WriteString("// Run once on the database imported from kg export --format neo4j-admin, once started:\n")
	b.WriteString("//   cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f " + AfterImport + "\n")
	b.WriteString("// It creates the schema (neo4j-admin imports none) and sets the empty lists that\n")
	b.WriteString("// neo4j-admin cannot store (an empty array field is no property), so that the graph\n")
	b.WriteString("// is the one kg ingest --neo4j writes and kg ingest --neo4j can load on top of it.\n")
	for _, s := range schema {
		fmt.Fprintf(&b, "%s;\n", s)
	}
	for _, lb := range nodes.groups() {
		for _, k := range empties.everywhere("node:" + lb) {
			fmt.Fprintf(&b, "MATCH (n:%s) WHERE n.%s IS NULL CALL (n) { SET n.%s = [] } IN TRANSACTIONS OF 10000 ROWS;\n", lb, Name(k), Name(k))
		}
	}
	for _, t := range rels.groups() {
		for _, k := range empties.everywhere("rel:" + t) {
			fmt.Fprintf(&b, "MATCH ()-[r:%s]->() WHERE r.%s IS NULL CALL (r) { SET r.%s = [] } IN TRANSACTIONS OF 10000 ROWS;\n", t, Name(k), Name(k))
		}
	}
	for _, s := range oneByOne {
		fmt.Fprintf(&b, "%s;\n", s)
	}
	return b.String()
}

// setEmptyNode returns the statement that sets property k of node n to
// an empty list.
func setEmptyNode(n Node, k string) (string, error) {
	var match map[string]any
	if n.Label == SourceLabel {
		match = map[string]any{"of": n.Props["of"], "article": n.Props["article"]}
	} else {
		match = map[string]any{idProp(n.Label): n.ID}
	}
	m, err := Literal(match)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("MATCH (n:%s %s) SET n.%s = []", n.Label, m, Name(k)), nil
}

// setEmptyRel returns the statement that sets property k of relationship
// r to an empty list; entity endpoints are found by id without a label
// (a rare case: a property an empty list in some records, missing in
// others).
func setEmptyRel(r Rel, k string) (string, error) {
	end := func(space, id string) (string, error) {
		l, err := Literal(id)
		if err != nil {
			return "", err
		}
		switch space {
		case "Article":
			return "(:Article {id: " + l + "})", nil
		case "Quantity":
			return "(:Quantity {key: " + l + "})", nil
		}
		return "({id: " + l + "})", nil
	}
	s, e := endpoints(r.Type)
	from, err := end(s, r.From)
	if err != nil {
		return "", err
	}
	to, err := end(e, r.To)
	if err != nil {
		return "", err
	}
	where := ""
	if key, ok := r.Props["key"]; ok {
		kl, err := Literal(key)
		if err != nil {
			return "", err
		}
		where = " WHERE r.key = " + kl
	}
	return fmt.Sprintf("MATCH %s-[r:%s]->%s%s SET r.%s = []", from, r.Type, to, where, Name(k)), nil
}

// defaultReadBuffer is neo4j-admin import's default --read-buffer-size:
// a field longer than it fails the import ("Tried to read a field larger
// than buffer size"). A hub's relationship carries all its sentences (Hanoi
// LOCATED_IN Vietnam: 12 MB in a 100,000-article export).
const defaultReadBuffer = 4 << 20

// recordSize returns an upper bound of the bytes rec takes as a CSV line:
// its fields, quoted, with their quotes doubled, and the commas.
func recordSize(rec []string) int {
	n := 0
	for _, f := range rec {
		n += len(f) + strings.Count(f, `"`) + 3
	}
	return n
}

// readBuffer returns the --read-buffer-size (bytes) that holds a record of
// longest bytes twice over, a whole number of MiB; 0 when neo4j-admin's
// default is enough.
func readBuffer(longest int) int {
	if 2*longest <= defaultReadBuffer {
		return 0
	}
	return (2*longest + 1<<20 - 1) >> 20 << 20
}

// ImportCommand returns a shell script that imports files (written by
// WriteNeo4jAdmin) into the database neo4j of a stopped Neo4j, with
// --read-buffer-size=buffer bytes when buffer > 0.
func ImportCommand(files []string, buffer int) string {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	b.WriteString("# Imports kg's export into the database \"neo4j\" of a STOPPED Neo4j 5, replacing it.\n")
	b.WriteString("# Run from this directory; set NEO4J_HOME or put neo4j-admin on PATH.\n")
	b.WriteString("set -e\n")
	b.WriteString("cd \"$(dirname \"$0\")\"\n")
	b.WriteString("\"${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin\" database import full neo4j \\\n")
	b.WriteString("  --overwrite-destination=true --multiline-fields=true --array-delimiter=U+001F \\\n")
	if buffer > 0 {
		fmt.Fprintf(&b, "  --read-buffer-size=%dm \\\n", buffer>>20)
	}
	for _, f := range files {
		switch {
		case strings.HasPrefix(f, "nodes_"):
			fmt.Fprintf(&b, "  --nodes=%s \\\n", f)
		case strings.HasPrefix(f, "rels_"):
			fmt.Fprintf(&b, "  --relationships=%s \\\n", f)
		}
	}
	b.WriteString("  \"$@\"\n")
	return b.String()
}

func headers(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name + ":" + c.Kind
		if c.Array {
			out[i] += "[]"
		}
	}
	return out
}

// fields returns props as CSV fields in column order, and which must be
// quoted: a missing property is an empty field (no property on import), an
// empty string a quoted empty field (an empty string).
func fields(cols []column, props map[string]any) ([]string, []bool) {
	out := make([]string, len(cols))
	quote := make([]bool, len(cols))
	for i, c := range cols {
		v, ok := props[c.Name]
		if !ok || v == nil {
			continue
		}
		if c.Array {
			es := elems(v)
			parts := make([]string, len(es))
			for j, e := range es {
				parts[j] = strings.ReplaceAll(scalarText(e), ArrayDelimiter, "\uFFFD")
			}
			out[i] = strings.Join(parts, ArrayDelimiter)
			continue
		}
		out[i] = scalarText(v)
		quote[i] = out[i] == ""
	}
	return out, quote
}

// scalarText formats a scalar for CSV and GraphML.
func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	}
	return fmt.Sprint(v)
}

type csvFile struct {
	f  *os.File
	bw *bufio.Writer
}

func createCSV(path string, header []string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", filepath.Base(path), err)
	}
	c := &csvFile{f: f, bw: bufio.NewWriter(f)}
	if err := c.write(header, nil); err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return c, nil
}

// write writes one record as encoding/csv does (fields quoted when they
// hold a comma, quote, CR or LF, begin with a space or are \.; quotes
// doubled; LF line ends), and the fields quote says quoted even when
// empty: neo4j-admin reads "" as an empty string, an empty field as no
// property.
func (c *csvFile) write(rec []string, quote []bool) error {
	for i, f := range rec {
		if i > 0 {
			c.bw.WriteByte(',')
		}
		if !(i < len(quote) && quote[i]) && !needsQuotes(f) {
			c.bw.WriteString(f)
			continue
		}
		c.bw.WriteByte('"')
		for {
			j := strings.IndexByte(f, '"')
			if j < 0 {
				break
			}
			c.bw.WriteString(f[:j+1])
			c.bw.WriteByte('"')
			f = f[j+1:]
		}
		c.bw.WriteString(f)
		c.bw.WriteByte('"')
	}
	return c.bw.WriteByte('\n')
}

// needsQuotes is encoding/csv's rule with a comma separator.
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

func (c *csvFile) close() error {
	err := c.bw.Flush()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(c.f.Name()), err)
	}
	return nil
}
