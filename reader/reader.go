// Package reader finds articles under paths and reads them into
// extract.Documents. It is the I/O edge of extraction: decoding, format
// detection and per-input errors live here.
//
// Three formats are read, chosen by file extension:
//
//   - plain text (.txt): Text is the file's bytes unchanged when they are
//     valid UTF-8, so offsets are byte offsets into the file; invalid bytes
//     and NULs are replaced one byte for one byte; UTF-16 (with a byte
//     order mark, or recognised by its NUL bytes) and UTF-32 with a byte
//     order mark are transcoded to UTF-8 (text.go);
//   - HTML pages saved from news sites (.html, .htm): the main text, title,
//     date and language are extracted with go-readability, a port of
//     Mozilla's Readability, and from the page's metadata (html.go,
//     htmlmeta.go);
//   - JSON Lines corpora (.jsonl, .ndjson): one article per line, streamed
//     (jsonl.go).
//
// Directories are searched recursively in a stable order (walk.go). One bad
// input never stops the others: it is reported through Options.OnError, and
// oddities that did not stop an input being read through Options.OnWarn.
// docs/INPUTS.md is the user-facing description.
package reader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/kg-dev/kg/extract"
)

// DefaultMaxSize is the default limit on the size of one text or HTML file,
// and of one JSON Lines record.
const DefaultMaxSize = 256 << 20

// Placeholder is the byte that replaces each byte of invalid UTF-8 in a
// plain text file (U+001A SUBSTITUTE), so offsets stay those of the file.
const Placeholder = '\x1a'

// Sentinel errors, for errors.Is on what OnError and OnWarn receive.
var (
	// ErrTooLarge means a file or record is larger than Options.MaxSize.
	ErrTooLarge = errors.New("input too large")
	// ErrEmpty means a file or record holds no text; it is skipped with a
	// warning.
	ErrEmpty = errors.New("no text")
	// ErrUnsupported means a file is not in a format kg reads; inside a
	// directory it is skipped with a warning.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrAlreadyRead means a directory was reached again through a symbolic
	// link (a loop, or a second way in); it is skipped with a warning.
	ErrAlreadyRead = errors.New("directory already read")
	// ErrDuplicateID means an article has the id of one read before in the
	// same walk (two files of one name in two directories, one id on two
	// JSON Lines records): a store keeps one article per id, so it is
	// skipped as an input that failed, and the first one stays.
	ErrDuplicateID = errors.New("duplicate article id")
)

// InvalidUTF8Error reports bytes of a plain text file that are not UTF-8.
// It is a warning when the bytes were replaced by Placeholder and an error
// when Options.StrictUTF8 rejected the file.
type InvalidUTF8Error struct {
	Offset   int64 // byte offset of the first invalid byte
	Count    int   // number of invalid bytes
	Repaired bool  // the bytes were replaced by Placeholder
}

func (e *InvalidUTF8Error) Error() string {
	if e.Repaired {
		return fmt.Sprintf("invalid UTF-8 at byte %d (%d bad bytes replaced by U+001A)", e.Offset, e.Count)
	}
	return fmt.Sprintf("invalid UTF-8 at byte %d (%d bad bytes)", e.Offset, e.Count)
}

// Options configures WalkWith. The zero value is ready to use.
type Options struct {
	// OnError is called for each input that could not be read: a file, or
	// one line of a JSON Lines file. where is the file's path, followed by
	// ":LINE" for a JSON Lines record; err does not repeat it.
	OnError func(where string, err error)
	// OnWarn is called for each input that was read despite something odd
	// (repaired bytes, a transcoded encoding) or skipped on purpose (empty,
	// unsupported type inside a directory, a directory reached twice).
	// where is as for OnError.
	OnWarn func(where string, warn error)
	// MaxSize limits the size in bytes of one text or HTML file and of one
	// JSON Lines record; 0 means DefaultMaxSize. A JSON Lines file as a whole
	// is streamed and has no limit.
	MaxSize int64
	// StrictUTF8 rejects plain text files holding invalid UTF-8 instead of
	// repairing them.
	StrictUTF8 bool
	// Stdin is what the path "-" reads (JSON Lines or one text or HTML
	// document); nil makes "-" a failed input.
	Stdin io.Reader
	// Known, when set, is asked about each input before it is read: a
	// text or HTML file before it is opened (Source.Size and ModTime set),
	// a JSON Lines record before it is decoded (Source.Hash set, when its
	// id can be read without decoding it). If Known returns true, the walk
	// goes on to the next input without reading this one: no document, no
	// warning. An error from Known ends the walk.
	Known func(src Source) (bool, error)
	// Ignore lists files a directory walk passes over without a word: the
	// store kg writes into and its journals, when they sit among the
	// articles (`kg ingest .`). Compared as absolute, cleaned paths; a
	// file named on the command line is read whatever this says.
	Ignore []string
}

// Source is what the walk knows of an input before reading it (see
// Options.Known). ID and Path are those the document would have.
type Source struct {
	ID   string
	Path string
	Line int // a JSON Lines record's line number; 0 for a file
	// Hash is a JSON Lines record's: the SHA-256 of its line, which is
	// the Hash of its document. "" for a file.
	Hash string
	// Size and ModTime are a text or HTML file's, as a stat gave them
	// before it is opened; zero for a record.
	Size    int64
	ModTime time.Time
}

func (o Options) known(src Source) (bool, error) {
	if o.Known == nil {
		return false, nil
	}
	return o.Known(src)
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

func (o Options) fail(where string, err error) {
	if o.OnError != nil {
		o.OnError(where, err)
	}
}

func (o Options) warn(where string, err error) {
	if o.OnWarn != nil {
		o.OnWarn(where, err)
	}
}

// Walk is WalkWith with only Options.OnError set: warnings are dropped. It
// keeps the original signature for callers not yet moved to WalkWith.
func Walk(ctx context.Context, paths []string, fn func(extract.Document) error, onErr func(path string, err error)) error {
	return WalkWith(ctx, paths, fn, Options{OnError: onErr})
}

// WalkWith reads every article under paths (files, or directories searched
// recursively) in a stable order and calls fn for each. An input that cannot
// be read is reported to opts.OnError and skipped; WalkWith stops early only
// when fn returns an error or ctx is cancelled, and returns that error.
func WalkWith(ctx context.Context, paths []string, fn func(extract.Document) error, opts Options) error {
	w := &walker{ctx: ctx, fn: fn, opts: opts, seen: map[string]string{}}
	if known := opts.Known; known != nil {
		// What Known skips unread counts as read for the ids; an input
		// with an id read before is read, so that emit reports it.
		w.opts.Known = func(src Source) (bool, error) {
			where := src.Path
			if src.Line > 0 {
				where = fmt.Sprintf("%s:%d", src.Path, src.Line)
			}
			if first, dup := w.seen[src.ID]; dup {
				// the same input named twice is skipped, another one
				// with the id is read so that emit reports it
				return first == where, nil
			}
			ok, err := known(src)
			if ok {
				w.seen[src.ID] = where
			}
			return ok, err
		}
	}
	for _, root := range paths {
		if err := w.root(root); err != nil {
			return err
		}
	}
	return nil
}
