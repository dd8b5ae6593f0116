package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestCreateOutput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name     string
		writeErr error
		keep     bool
	}{
		{"written", nil, true},
		{"failed write", errors.New("disk full"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".json")
			w, finish, err := createOutput(path)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, "{}")
			if err := finish(tc.writeErr); !errors.Is(err, tc.writeErr) {
				t.Errorf("finish returned %v, want %v", err, tc.writeErr)
			}
			_, err = os.Stat(path)
			if kept := err == nil; kept != tc.keep {
				t.Errorf("file kept: %v, want %v", kept, tc.keep)
			}
		})
	}
	if _, _, err := createOutput(filepath.Join(dir, "no", "such", "dir.json")); err == nil {
		t.Error("createOutput in a missing directory: no error")
	}
}
