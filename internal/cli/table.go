package cli

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/kg-dev/kg/internal/termtext"
	"github.com/kg-dev/kg/queries"
	"golang.org/x/term"
)

// cutWidth is the widest cell a table shows on a terminal without --full.
const cutWidth = 60

// writeResultTable prints rows under upper-cased column names: aligned on
// a terminal (long cells cut to cutWidth, or with full wrapped onto
// continuation lines), tab-separated otherwise (cells whole).
func writeResultTable(w io.Writer, res queries.Result, full bool) error {
	head := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		head[i] = strings.ToUpper(c)
	}
	rows := make([][]string, len(res.Rows))
	for i, r := range res.Rows {
		rows[i] = make([]string, len(r))
		for j, v := range r {
			rows[i][j] = formatValue(v)
		}
	}
	return writeCells(w, head, rows, full)
}

// writeCells prints a header and rows of cells already made safe for a
// terminal (formatValue): see writeResultTable.
func writeCells(w io.Writer, head []string, rows [][]string, full bool) error {
	tty := isTerminal(w)
	width := cutWidth
	if full {
		width = max(cutWidth, terminalWidth(w)/2)
	}
	// One write per line to an unbuffered stdout is a system call per
	// row; buffer them.
	bw := bufio.NewWriter(termtext.NewWriter(w))
	out := io.Writer(bw)
	var tw *tabwriter.Writer
	if tty {
		tw = newTabWriter(bw)
		out = tw
	}
	fmt.Fprintln(out, strings.Join(head, "\t"))
	for _, r := range rows {
		lines := [][]string{make([]string, len(r))}
		for i, s := range r {
			s = strings.NewReplacer("\t", " ", "\n", " ").Replace(s)
			if !tty {
				lines[0][i] = s
				continue
			}
			parts := []string{cut(s, width)}
			if full {
				parts = wrap(s, width)
			}
			for j, p := range parts {
				for len(lines) <= j {
					lines = append(lines, make([]string, len(r)))
				}
				lines[j][i] = p
			}
		}
		for _, l := range lines {
			fmt.Fprintln(out, strings.Join(l, "\t"))
		}
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// cut shortens s to width runes, ending it with "…" when it was longer.
func cut(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}

// wrap breaks s into lines of at most width runes, at spaces where it can
// (a word longer than width is broken).
func wrap(s string, width int) []string {
	var lines []string
	var line []rune
	for _, word := range strings.Fields(s) {
		wr := []rune(word)
		for len(wr) > width {
			if len(line) > 0 {
				lines, line = append(lines, string(line)), nil
			}
			lines, wr = append(lines, string(wr[:width])), wr[width:]
		}
		switch {
		case len(line) == 0:
			line = wr
		case len(line)+1+len(wr) <= width:
			line = append(append(line, ' '), wr...)
		default:
			lines, line = append(lines, string(line)), wr
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, string(line))
	}
	return lines
}

// terminalWidth is w's width in columns if it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	if tw, ok := w.(*termtext.Writer); ok {
		w = tw.Unwrap()
	}
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil {
			return cols
		}
	}
	return 0
}

// writeResultCSV prints the rows as RFC 4180 CSV under the column names,
// lists joined with "; ", values verbatim (no terminal escaping: CSV is
// for programs).
func writeResultCSV(w io.Writer, res queries.Result) error {
	rows := make([][]string, len(res.Rows))
	for i, r := range res.Rows {
		rows[i] = make([]string, len(r))
		for j, v := range r {
			rows[i][j] = rawValue(v)
		}
	}
	return writeCSV(w, res.Columns, rows)
}

func writeCSV(w io.Writer, head []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// rawValue is formatValue without the terminal escaping.
func rawValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = rawValue(e)
		}
		return strings.Join(parts, "; ")
	}
	return formatValue(v)
}
