//go:build unix

package reader

import (
	"io/fs"
	"syscall"
)

// dirKey identifies a directory however it is reached.
type dirKey struct{ dev, ino uint64 }

// keyOf returns the device and inode of a directory.
func keyOf(_ string, fi fs.FileInfo) (dirKey, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return dirKey{}, false
	}
	return dirKey{uint64(st.Dev), uint64(st.Ino)}, true // field types vary by platform
}
