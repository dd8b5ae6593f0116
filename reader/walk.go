package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/extract/dates"
)

// format is how a file is read.
type format int

const (
	unsupported format = iota
	plainText
	htmlPage
	jsonLines
)

// formatOf picks a file's format from its extension.
func formatOf(name string) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return plainText
	case ".html", ".htm":
		return htmlPage
	case ".jsonl", ".ndjson":
		return jsonLines
	}
	return unsupported
}

// walker carries one WalkWith call's state.
type walker struct {
	ctx     context.Context
	fn      func(extract.Document) error
	opts    Options
	visited map[dirKey]string // directory → the path it was first read as
	buf     []byte            // copy buffer shared by file reads
	stat    *Source           // the file being read, as stat gave it before
	seen    map[string]string // article id → where it was first read (ErrDuplicateID)
}

// root reads one path given by the caller. Unlike files found in a
// directory, a file named explicitly is read even when its extension is
// unknown, if its content looks like text, HTML or JSON Lines; a FIFO or a
// device named explicitly, and "-" (standard input), are read as streams.
func (w *walker) root(p string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if p == StdinName {
		return w.stream(p, unsupported)
	}
	fi, err := os.Stat(p)
	if err != nil {
		w.opts.fail(p, cleanErr(err))
		return nil
	}
	if fi.IsDir() {
		return w.dir(p, fi)
	}
	if isStream(fi) {
		return w.stream(p, formatOf(p))
	}
	return w.file(p, fi, true)
}

// dir reads a directory recursively in lexical order, skipping hidden
// entries and directories already read (symbolic link loops).
func (w *walker) dir(p string, fi fs.FileInfo) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if key, ok := keyOf(p, fi); ok {
		if first, seen := w.visited[key]; seen {
			w.opts.warn(p, fmt.Errorf("%w as %s", ErrAlreadyRead, first))
			return nil
		}
		if w.visited == nil {
			w.visited = map[dirKey]string{}
		}
		w.visited[key] = p
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		// ReadDir returns the entries read before the error: keep them.
		w.opts.fail(p, cleanErr(err))
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		child := filepath.Join(p, name)
		if w.ignored(child) {
			continue
		}
		info, err := os.Stat(child) // follows symbolic links
		if err != nil {
			if e.Type()&fs.ModeSymlink != 0 && formatOf(name) == unsupported {
				w.opts.warn(child, fmt.Errorf("%w, skipped (and a broken symbolic link)", ErrUnsupported))
				continue
			}
			w.opts.fail(child, cleanErr(err))
			continue
		}
		if info.IsDir() {
			err = w.dir(child, info)
		} else {
			err = w.file(child, info, false)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ignored reports whether p is one of Options.Ignore.
func (w *walker) ignored(p string) bool {
	if len(w.opts.Ignore) == 0 {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	for _, q := range w.opts.Ignore {
		if qa, err := filepath.Abs(q); err == nil && qa == abs {
			return true
		}
	}
	return false
}

// file reads one file. explicit is true when the caller named it.
func (w *walker) file(p string, fi fs.FileInfo, explicit bool) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	ft := formatOf(p)
	if !explicit {
		if ft == unsupported {
			w.opts.warn(p, fmt.Errorf("%w, skipped", unsupportedErr(p)))
			return nil
		}
		if !fi.Mode().IsRegular() { // a FIFO would block, a device never end
			w.opts.warn(p, fmt.Errorf("%w: not a regular file, skipped", ErrUnsupported))
			return nil
		}
	}
	if ft == plainText || ft == htmlPage {
		// An unchanged file is skipped unopened; the document then read
		// carries the stat taken before it, so that a change made while
		// it is read shows at the next walk.
		src := Source{ID: docID(p), Path: p, Size: fi.Size(), ModTime: fi.ModTime()}
		known, err := w.opts.known(src)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if known {
			return nil
		}
		w.stat = &src
		defer func() { w.stat = nil }()
	}
	f, err := os.Open(p)
	if err != nil {
		w.opts.fail(p, cleanErr(err))
		return nil
	}
	defer f.Close()
	if ft == unsupported {
		if ft, err = sniffFile(f); err != nil {
			w.opts.fail(p, err)
			return nil
		}
		if ft == unsupported {
			w.opts.fail(p, unsupportedErr(p))
			return nil
		}
	}
	if w.buf == nil {
		w.buf = make([]byte, 256<<10)
	}
	switch ft {
	case jsonLines:
		err = scanJSONL(w.ctx, f, p, w.opts, w.emit)
	case htmlPage:
		err = w.one(p, p, func() (extract.Document, []error, error) {
			return readHTML(f, fi.Size(), w.opts.maxSize(), w.buf)
		})
	default:
		err = w.one(p, p, func() (extract.Document, []error, error) {
			return readText(f, fi.Size(), w.opts, w.buf)
		})
	}
	return err
}

// one reads a single document with read and hands it on, named after
// name (a file's path, or the name a stream was given). A read that a
// cancellation cut short hands nothing on.
func (w *walker) one(p, name string, read func() (extract.Document, []error, error)) error {
	doc, warns, err := read()
	if ctxErr := w.ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	for _, wn := range warns {
		w.opts.warn(p, wn)
	}
	if err != nil {
		if errors.Is(err, ErrEmpty) {
			w.opts.warn(p, err)
		} else {
			w.opts.fail(p, err)
		}
		return nil
	}
	doc.ID = docID(name)
	doc.Path = p
	if w.stat != nil {
		doc.Size, doc.ModTime = w.stat.Size, w.stat.ModTime
	}
	return w.emit(p, doc)
}

// docID is the ID of the document read from a file or stream name: the
// name without directory and extension.
func docID(name string) string {
	return strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
}

// emit hands a document to fn, unless an article of its id was read
// before; fn's error ends the walk.
func (w *walker) emit(where string, doc extract.Document) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if first, dup := w.seen[doc.ID]; dup {
		if first != where {
			w.opts.fail(where, fmt.Errorf("%w: %q, the id of %s, read before: each article needs its own (a file's is its name without directory and extension)", ErrDuplicateID, doc.ID, first))
		}
		return nil // or the same input named twice ("kg ingest seeds seeds"): read once
	}
	w.seen[doc.ID] = where
	if err := w.fn(doc); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// readText reads a plain text file (see decodeText).
func readText(r io.Reader, size int64, opts Options, buf []byte) (extract.Document, []error, error) {
	src, hash, err := readAll(r, size, opts.maxSize(), buf)
	if err != nil {
		return extract.Document{}, nil, err
	}
	text, warns, err := decodeText(src, opts.StrictUTF8)
	if err != nil {
		return extract.Document{}, warns, err
	}
	if w := dateLineWarning(text); w != nil {
		warns = append(warns, w)
	}
	return extract.Document{Text: text, Hash: hash}, warns, nil
}

// dateLineWarning says when a text's first line looks like the date line
// " date YYYY-MM-DD title" (docs/INPUTS.md), "date" and a number, but its
// date is not one (2024-02-30, 31/02/2024): the extractor then reads the
// whole line as the title and looks for a date in the text.
func dateLineWarning(text string) error {
	line := strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(text, " \t\r\n"), "\ufeff"), " \t")
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if len(line) < 5 || !strings.EqualFold(line[:5], "date ") {
		return nil
	}
	f := strings.Fields(line[5:])
	if len(f) == 0 || f[0][0] < '0' || f[0][0] > '9' {
		return nil // "Date set for the summit": a title
	}
	if _, ok := dates.ParseNumeric(f[0]); ok {
		return nil
	}
	return fmt.Errorf("first line: date %q not understood: the line is read as the title", f[0])
}

// unsupportedErr says that p is not a file kg reads; a directory entry's
// warning adds that it is skipped, a failure (a file named by the caller)
// does not, as the caller's report of a failure already says it.
func unsupportedErr(p string) error {
	ext := filepath.Ext(p)
	if ext == "" {
		return fmt.Errorf("%w (no extension; kg reads .txt, .html, .htm, .jsonl, .ndjson)", ErrUnsupported)
	}
	return fmt.Errorf("%w %q (kg reads .txt, .html, .htm, .jsonl, .ndjson)", ErrUnsupported, ext)
}

// sniffFile guesses the format of a file named without a known extension
// from its first KiB, and rewinds it.
func sniffFile(f io.ReadSeeker) (format, error) {
	head := make([]byte, 1024)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return unsupported, fmt.Errorf("reading: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return unsupported, fmt.Errorf("rewinding: %w", err)
	}
	return sniff(head[:n]), nil
}

// sniff guesses a format from the first bytes of a file: HTML markup, a
// JSON object per line, UTF-16, UTF-32 or UTF-8 text; anything else (binary data)
// is unsupported.
func sniff(head []byte) format {
	if enc, _ := transcoding(string(head)); enc != nil {
		return plainText
	}
	h := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	h = bytes.TrimLeft(h, " \t\r\n\f")
	lower := bytes.ToLower(h)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return htmlPage
		}
	}
	// Drop a rune cut by the 1 KiB window before validating.
	for i := 1; i <= utf8.UTFMax && i <= len(h); i++ {
		if utf8.RuneStart(h[len(h)-i]) {
			if !utf8.FullRune(h[len(h)-i:]) {
				h = h[:len(h)-i]
			}
			break
		}
	}
	if !utf8.Valid(h) {
		return unsupported
	}
	for _, c := range h {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return unsupported
		}
	}
	if len(h) > 0 && h[0] == '{' {
		return jsonLines
	}
	return plainText
}

// cleanErr drops the path from *fs.PathError, since reports already name
// the input, keeping what was being done and the cause.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
