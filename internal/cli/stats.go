package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/internal/termtext"
	ucli "github.com/urfave/cli/v2"
)

func statsCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "stats",
		Usage: "say what the store holds: counts, extractor fingerprints, size, schema version",
		Description: "Prints the number of nodes per label and of relationships per type, the articles per extractor\n" +
			"fingerprint (those stored by another extractor than this kg's are stale: kg ingest extracts them again),\n" +
			"the store's size on disk and its schema version, for the embedded store or, with --neo4j, Neo4j (which\n" +
			"does not report its size).",
		Flags: append([]ucli.Flag{storeFlag(), formatFlag()}, neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			format, err := outputFormat(c)
			if err != nil {
				return err
			}
			if c.NArg() > 0 {
				return fmt.Errorf("%w: stats takes no arguments", ErrUsage)
			}
			fp, err := runningFingerprint()
			if err != nil {
				return err
			}
			st, err := openGraph(c, false)
			if err != nil {
				return err
			}
			s, err := st.Stats(c.Context)
			if err = closeGraph(st, storeError(err)); err != nil {
				return err
			}
			rep := newStatsReport(st.Where(), fp, s)
			switch format {
			case "json":
				return writeJSON(c.App.Writer, rep)
			case "csv":
				return rep.writeCSV(c.App.Writer)
			}
			return rep.writeTable(termtext.NewWriter(c.App.Writer))
		},
	}
}

// runningFingerprint is the fingerprint of the extractor kg ingest would
// run.
func runningFingerprint() (string, error) {
	fp, err := extract.FingerprintOf(extractorOptions...)
	if err != nil {
		return "", fmt.Errorf("loading extractor data: %w", err)
	}
	return fp, nil
}

// statsReport is what kg stats prints; its JSON form is documented in
// the README.
type statsReport struct {
	Store        string           `json:"store"`
	Schema       string           `json:"schema"`
	Bytes        *int64           `json:"bytes"` // null when the store does not say
	Extractor    string           `json:"extractor"`
	Articles     int64            `json:"articles"`
	Stale        int64            `json:"stale"`
	Fingerprints map[string]int64 `json:"fingerprints"`
	Nodes        map[string]int64 `json:"nodes"`
	Rels         map[string]int64 `json:"relationships"`
}

func newStatsReport(where, fp string, s graph.Stats) statsReport {
	r := statsReport{
		Store: where, Schema: s.Schema, Extractor: fp,
		Fingerprints: s.Fingerprints, Nodes: s.Nodes, Rels: s.Rels,
	}
	if s.Bytes >= 0 {
		r.Bytes = &s.Bytes
	}
	for f, n := range s.Fingerprints {
		r.Articles += n
		if f != fp {
			r.Stale += n
		}
	}
	return r
}

func (r statsReport) writeTable(w io.Writer) error {
	size := "size unknown"
	if r.Bytes != nil {
		size = humanBytes(*r.Bytes)
	}
	fmt.Fprintf(w, "store      %s (schema %s, %s)\n", r.Store, r.Schema, size)
	fmt.Fprintf(w, "extractor  %s\n", r.Extractor)
	fmt.Fprintf(w, "articles   %d, %d stale (stored by another extractor: kg ingest extracts them again)\n", r.Articles, r.Stale)
	tw := newTabWriter(w)
	fmt.Fprintln(tw, "\nFINGERPRINT\tARTICLES\tNOTE")
	for _, f := range sortedKeys(r.Fingerprints) {
		note := ""
		switch {
		case f == r.Extractor:
			note = "this kg's"
		case f == "":
			note = "(none: stored before fingerprints)"
		}
		name := f
		if name == "" {
			name = "-"
		}
		fmt.Fprintln(tw, strings.TrimRight(fmt.Sprintf("%s\t%d\t%s", name, r.Fingerprints[f], note), "\t"))
	}
	fmt.Fprintln(tw, "\nLABEL\tNODES")
	for _, l := range graph.Labels {
		fmt.Fprintf(tw, "%s\t%d\n", l, r.Nodes[l])
	}
	fmt.Fprintln(tw, "\nTYPE\tRELATIONSHIPS")
	for _, t := range graph.RelTypes {
		fmt.Fprintf(tw, "%s\t%d\n", t, r.Rels[t])
	}
	return tw.Flush()
}

// writeCSV prints the report as RFC 4180 CSV, one value per row under
// section,name,value: store (path, schema, bytes: empty when the store does
// not say, extractor), articles (total, stale), then the articles per
// fingerprint, the nodes per label and the relationships per type.
func (r statsReport) writeCSV(w io.Writer) error {
	bytes := ""
	if r.Bytes != nil {
		bytes = strconv.FormatInt(*r.Bytes, 10)
	}
	rows := [][]string{
		{"store", "path", r.Store},
		{"store", "schema", r.Schema},
		{"store", "bytes", bytes},
		{"store", "extractor", r.Extractor},
		{"articles", "total", strconv.FormatInt(r.Articles, 10)},
		{"articles", "stale", strconv.FormatInt(r.Stale, 10)},
	}
	for _, f := range sortedKeys(r.Fingerprints) {
		rows = append(rows, []string{"fingerprint", f, strconv.FormatInt(r.Fingerprints[f], 10)})
	}
	for _, l := range graph.Labels {
		rows = append(rows, []string{"nodes", l, strconv.FormatInt(r.Nodes[l], 10)})
	}
	for _, t := range graph.RelTypes {
		rows = append(rows, []string{"relationships", t, strconv.FormatInt(r.Rels[t], 10)})
	}
	return writeCSV(w, []string{"section", "name", "value"}, rows)
}

// humanBytes prints a size with a binary unit: 512 B, 1.5 KiB, 564.0 MiB.
func humanBytes(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	f, unit := float64(n), ""
	for _, u := range []string{"KiB", "MiB", "GiB", "TiB"} {
		f, unit = f/1024, u
		if f < 1024 {
			break
		}
	}
	return strings.TrimSpace(fmt.Sprintf("%.1f %s", f, unit))
}
