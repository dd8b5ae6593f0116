package reader

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Count estimates how many articles WalkWith would read under paths, for a
// progress bar: one per text or HTML file, one per non-blank line of a JSON
// Lines file. It follows WalkWith's rules (hidden entries and unsupported
// files in directories skipped, each directory counted once) but reports
// no errors: what it cannot read counts as nothing. JSON Lines files are
// read once more, sequentially, which also warms the page cache for the
// real read. A stream ("-", a FIFO or a device named explicitly) cannot be
// counted without consuming it: Count then returns ErrUncountable.
func Count(ctx context.Context, paths []string) (int, error) {
	c := counter{ctx: ctx, visited: map[dirKey]bool{}}
	for _, p := range paths {
		if p == StdinName {
			return c.n, ErrUncountable
		}
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if isStream(fi) {
			return c.n, ErrUncountable
		}
		if fi.IsDir() {
			err = c.dir(p, fi)
		} else {
			err = c.file(p, true)
		}
		if err != nil {
			return c.n, err
		}
	}
	return c.n, nil
}

// ErrUncountable is Count's error when a path is a stream.
var ErrUncountable = errors.New("a stream's articles cannot be counted in advance")

type counter struct {
	ctx     context.Context
	visited map[dirKey]bool
	n       int
}

func (c *counter) dir(p string, fi fs.FileInfo) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	if key, ok := keyOf(p, fi); ok {
		if c.visited[key] {
			return nil
		}
		c.visited[key] = true
	}
	entries, _ := os.ReadDir(p)
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		child := filepath.Join(p, name)
		info, err := os.Stat(child)
		if err != nil {
			continue
		}
		if info.IsDir() {
			err = c.dir(child, info)
		} else if info.Mode().IsRegular() && formatOf(name) != unsupported {
			err = c.file(child, false)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *counter) file(p string, explicit bool) error {
	ft := formatOf(p)
	if ft != jsonLines && !explicit {
		c.n++
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	if ft == unsupported {
		if ft, err = sniffFile(f); err != nil || ft == unsupported {
			return nil
		}
	}
	if ft != jsonLines {
		c.n++
		return nil
	}
	n, err := countLines(c.ctx, f)
	c.n += n
	return err
}

// countLines counts the lines of r holding something other than blanks.
func countLines(ctx context.Context, r io.Reader) (int, error) {
	n := 0
	blank := true
	buf := make([]byte, 1<<20)
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		m, err := r.Read(buf)
		chunk := buf[:m]
		for len(chunk) > 0 {
			i := bytes.IndexByte(chunk, '\n')
			line := chunk
			if i >= 0 {
				line = chunk[:i]
			}
			if blank && len(bytes.TrimSpace(line)) > 0 {
				blank = false
			}
			if i < 0 {
				break
			}
			if !blank {
				n++
			}
			blank = true
			chunk = chunk[i+1:]
		}
		if err == io.EOF {
			if !blank {
				n++
			}
			return n, nil
		}
		if err != nil {
			return n, nil
		}
	}
}
