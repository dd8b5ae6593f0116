// Package data embeds kg's per-language word lists, one directory per
// language (ISO 639-1 code): en/, fr/. Each file's header says what it
// holds, its format and its source. The files at the top of this
// directory (cue lists, titles, units, name lists) are embedded by package
// extract itself.
//
// Adding a language is adding its directory with the same files (dates.tsv,
// numbers.tsv, units.tsv, counts.tsv, words.tsv, abbreviations.tsv); the code that reads them
// (extract/dates, extract/numbers, extract's quantities.go and
// langwords.go) finds every language directory on its own.
package data

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

// FS holds every LANG/*.tsv file.
//
//go:embed */*.tsv
var FS embed.FS

// ReadTSV calls fn with the tab-separated fields of every line of the
// file name in fsys that is neither blank nor a # comment; an error from
// fn is returned prefixed with the file and line ("en/dates.tsv:12: …").
func ReadTSV(fsys fs.FS, name string, fn func(fields []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("opening %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if err := fn(strings.Split(s, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	return nil
}
