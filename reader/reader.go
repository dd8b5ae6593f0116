// Package reader finds articles under paths and reads them into
// extract.Documents. It is the I/O edge of extraction: decoding, format
// detection (plain text, HTML, JSON Lines) and per-file errors live here.
package reader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kg-dev/kg/extract"
)

// Walk reads every article under paths (files, or directories searched
// recursively) in a stable order and calls fn for each. A file that cannot
// be read is reported to onErr and skipped; Walk stops early only when fn
// returns an error or ctx is cancelled.
func Walk(ctx context.Context, paths []string, fn func(extract.Document) error, onErr func(path string, err error)) error {
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			onErr(root, err)
			continue
		}
		var files []string
		if info.IsDir() {
			err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					onErr(p, err)
					return nil
				}
				if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".txt") {
					files = append(files, p)
				}
				return nil
			})
			if err != nil {
				return err
			}
		} else {
			files = []string{root}
		}
		for _, p := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				onErr(p, err)
				continue
			}
			sum := sha256.Sum256(b)
			doc := extract.Document{
				ID:   strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)),
				Path: p,
				Text: string(b),
				Hash: hex.EncodeToString(sum[:]),
			}
			if err := fn(doc); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
	}
	return nil
}
