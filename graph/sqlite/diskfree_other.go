//go:build !unix

package sqlite

// diskFull is not known on this system: I/O errors stay I/O errors.
func diskFull(string) bool { return false }
