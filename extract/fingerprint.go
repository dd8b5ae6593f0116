package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"

	"github.com/kg-dev/kg/extract/gazetteer"
)

// DataFingerprint identifies the extractor's embedded data (cue lists,
// word lists, gazetteer): the first 12 hex digits of a SHA-256 over every
// file's path and content, in path order. Two kg binaries with the same
// fingerprint extract with the same data; kg --version prints it.
func DataFingerprint() (string, error) {
	h := sha256.New()
	for _, fsys := range []fs.FS{dataFS, gazetteer.DataFS()} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			h.Write([]byte(p))
			h.Write([]byte{0})
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
