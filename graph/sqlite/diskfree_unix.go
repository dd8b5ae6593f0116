//go:build unix

package sqlite

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// diskFull reports whether the file system holding path has (almost) no
// space left for an unprivileged writer: SQLite reports some failed writes
// as I/O errors rather than SQLITE_FULL.
func diskFull(path string) bool {
	var st unix.Statfs_t
	if unix.Statfs(filepath.Dir(path), &st) != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 64<<10
}
