package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sync"

	"github.com/kg-dev/kg/extract/gazetteer"
)

// Version is the version of the extraction code. Raise it with every
// change of the code that changes what is extracted from the same text,
// so that kg ingest extracts the stored articles again (a change of the
// data files is seen by itself: see Fingerprint).
const Version = 1

// Fingerprint identifies what the embedded extractor extracts: "x" and
// Version, then the first 12 hex digits of a SHA-256 over the path and
// content of every data file (data/, the gazetteer's data/), in path
// order: "x1-5e2f0c41a9d3". Stores record it with every article; kg
// ingest extracts again the articles recorded with another one.
func Fingerprint() string {
	fp, _ := defaultFingerprint()
	return fp
}

var defaultFingerprint = sync.OnceValues(func() (string, error) {
	return fingerprint(dataFS, gazetteer.DataFS())
})

// DataFS returns the embedded data files (data/...), for fingerprints and
// for tests that build a changed copy of them (WithData).
func DataFS() fs.FS { return dataFS }

// Fingerprint is the fingerprint of x: Fingerprint for the embedded data,
// another one when WithData or WithGazetteer replaced it.
func (x *Extractor) Fingerprint() string { return x.fingerprint }

// fingerprint hashes the files of data and gaz (nil: a gazetteer given
// by WithGazetteer, whose files are unknown).
func fingerprint(data, gaz fs.FS) (string, error) {
	h := sha256.New()
	for _, fsys := range []fs.FS{data, gaz} {
		if fsys == nil {
			h.Write([]byte("custom gazetteer\x00"))
			continue
		}
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
			return "", fmt.Errorf("fingerprinting the extractor's data: %w", err)
		}
	}
	return fmt.Sprintf("x%d-%s", Version, hex.EncodeToString(h.Sum(nil))[:12]), nil
}

// FingerprintOf is the fingerprint New(opts...) gives its extractor,
// computed without building one (which takes about 0.1 s): kg ingest
// compares it with the stored articles' while the extractor loads.
func FingerprintOf(opts ...Option) (string, error) {
	return extractorFingerprint(newConfig(opts))
}

// extractorFingerprint is the fingerprint of an extractor built with c.
func extractorFingerprint(c config) (string, error) {
	if c.data == fs.FS(dataFS) && c.gaz == nil {
		return defaultFingerprint()
	}
	var gaz fs.FS
	if c.gaz == nil {
		gaz = gazetteer.DataFS()
	}
	return fingerprint(c.data, gaz)
}
