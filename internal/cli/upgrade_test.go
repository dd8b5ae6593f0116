package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kg-dev/kg/extract"
	"github.com/rogpeppe/go-internal/testscript"
)

// The scripts upgrade the extractor the honest way: the kg of this test
// binary extracts with the data files of the directory KG_TEST_EXTRACT_DATA
// names (a copy of the embedded ones, changed: extractdata writes it),
// exactly as a kg built with those files would. kg itself has no such
// setting: extractorOptions is set here only.

// useTestData points the extractor at $KG_TEST_EXTRACT_DATA when set.
func useTestData() {
	if dir := os.Getenv("KG_TEST_EXTRACT_DATA"); dir != "" {
		extractorOptions = []extract.Option{extract.WithData(os.DirFS(dir))}
	}
}

// cmdExtractData writes the embedded data files to DIR, with a line of
// the FIELDs, tab-separated, added at the end of FILE (a path under data/,
// e.g. data/orgs.tsv).
func cmdExtractData(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: extractdata DIR FILE FIELD...")
	}
	dir, file, line := ts.MkAbs(args[0]), args[1], strings.Join(args[2:], "\t")
	src := extract.DataFS()
	if _, err := fs.Stat(src, file); err != nil {
		ts.Fatalf("extractdata: %v", err)
	}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if p == file {
			if len(b) > 0 && b[len(b)-1] != '\n' {
				b = append(b, '\n')
			}
			b = append(b, line+"\n"...)
		}
		out := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		ts.Fatalf("extractdata: %v", err)
	}
}
