//go:build !unix

package reader

import (
	"io/fs"
	"path/filepath"
)

// dirKey identifies a directory however it is reached.
type dirKey struct{ path string }

// keyOf returns a directory's absolute path with symbolic links resolved.
func keyOf(p string, _ fs.FileInfo) (dirKey, bool) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return dirKey{}, false
	}
	abs, err := filepath.Abs(real)
	if err != nil {
		return dirKey{}, false
	}
	return dirKey{abs}, true
}
