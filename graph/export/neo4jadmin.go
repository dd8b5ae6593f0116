package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// WriteNeo4jAdmin writes the graph as CSV files for
// `neo4j-admin database import full` into dir: nodes_LABEL.csv and
// rels_TYPE.csv, each with its header line, and import.sh with the
// command. The source is read twice.
func WriteNeo4jAdmin(ctx context.Context, src Source, dir string) (Summary, error) {
	sum := newSummary()
	nodeSchema, relSchema, err := scan(ctx, src)
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
	open := func(name string, header []string) (*csvFile, error) {
		if f, ok := files[name]; ok {
			return f, nil
		}
		f, err := createCSV(filepath.Join(dir, name), header)
		if err != nil {
			return nil, err
		}
		files[name] = f
		sum.Files = append(sum.Files, name)
		return f, nil
	}

	longest := 0 // bytes of the longest CSV record
	err = src.Nodes(ctx, func(n Node) error {
		cols := nodeSchema.columns(n.Label, idProp(n.Label))
		name := "nodes_" + n.Label + ".csv"
		header := []string{idProp(n.Label) + ":ID(" + idSpace(n.Label) + ")", ":LABEL"}
		f, err := open(name, append(header, headers(cols)...))
		if err != nil {
			return err
		}
		rec := append([]string{n.ID, n.Label}, fields(cols, n.Props)...)
		sum.Nodes[n.Label]++
		longest = max(longest, recordSize(rec))
		return f.w.Write(rec)
	})
	if err != nil {
		return sum, errors.Join(fmt.Errorf("writing nodes: %w", err), closeAll())
	}
	err = src.Rels(ctx, func(r Rel) error {
		cols := relSchema.columns(r.Type, "")
		start, end := endpoints(r.Type)
		name := "rels_" + r.Type + ".csv"
		header := []string{":START_ID(" + start + ")", ":END_ID(" + end + ")", ":TYPE"}
		f, err := open(name, append(header, headers(cols)...))
		if err != nil {
			return err
		}
		rec := append([]string{r.From, r.To, r.Type}, fields(cols, r.Props)...)
		sum.Rels[r.Type]++
		longest = max(longest, recordSize(rec))
		return f.w.Write(rec)
	})
	if err != nil {
		return sum, errors.Join(fmt.Errorf("writing relationships: %w", err), closeAll())
	}
	if err := closeAll(); err != nil {
		return sum, err
	}
	script := ImportCommand(sum.Files, readBuffer(longest))
	if err := os.WriteFile(filepath.Join(dir, "import.sh"), []byte(script), 0o755); err != nil {
		return sum, fmt.Errorf("writing import.sh: %w", err)
	}
	sum.Files = append(sum.Files, "import.sh")
	return sum, nil
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

// fields returns props as CSV fields in column order; a missing property
// is an empty field (no property on import).
func fields(cols []column, props map[string]any) []string {
	out := make([]string, len(cols))
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
	}
	return out
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
	w  *csv.Writer
}

func createCSV(path string, header []string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", filepath.Base(path), err)
	}
	bw := bufio.NewWriter(f)
	c := &csvFile{f: f, bw: bw, w: csv.NewWriter(bw)}
	if err := c.w.Write(header); err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return c, nil
}

func (c *csvFile) close() error {
	c.w.Flush()
	err := c.w.Error()
	if ferr := c.bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(c.f.Name()), err)
	}
	return nil
}
