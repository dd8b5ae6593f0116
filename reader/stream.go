package reader

import (
	"bufio"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/kg-dev/kg/extract"
)

// StdinName is the path that means standard input when given to WalkWith.
const StdinName = "-"

// stream reads a path named by the caller that is not a regular file or a
// directory (a FIFO, a character device, or "-" for Options.Stdin) as one
// stream: JSON Lines (one article per line, handed on as each line
// arrives) or a single text or HTML document, by extension or, without a
// known one, by its first bytes. The open and every read give way to ctx:
// a cancelled walk returns ctx.Err() even while blocked waiting for a
// writer.
func (w *walker) stream(p string, ft format) error {
	var r io.Reader
	if p == StdinName {
		in, stop, err := stdinStream(w.ctx, w.opts.Stdin)
		if err != nil {
			w.opts.fail(p, err)
			return nil
		}
		defer stop()
		r = in
	} else {
		f, err := openCtx(w.ctx, p)
		if err != nil {
			if ctxErr := w.ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			w.opts.fail(p, cleanErr(err))
			return nil
		}
		defer closeOnCancel(w.ctx, f)()
		r = f
	}
	r = ctxReader{w.ctx, r}
	br := bufio.NewReaderSize(r, 64<<10)
	if ft == unsupported {
		head, err := br.Peek(1024)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			if ctxErr := w.ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			w.opts.fail(p, err)
			return nil
		}
		if ft = sniff(head); ft == unsupported {
			w.opts.fail(p, unsupportedErr(p))
			return nil
		}
	}
	if w.buf == nil {
		w.buf = make([]byte, 256<<10)
	}
	name := p
	if p == StdinName {
		name = "stdin"
	}
	var err error
	switch ft {
	case jsonLines:
		err = scanJSONL(w.ctx, br, name, w.opts, w.emit)
	case htmlPage:
		err = w.one(p, name, func() (extract.Document, []error, error) {
			return readHTML(br, 0, w.opts.maxSize(), w.buf)
		})
	default:
		err = w.one(p, name, func() (extract.Document, []error, error) {
			return readText(br, 0, w.opts, w.buf)
		})
	}
	if err == nil {
		err = w.ctx.Err() // a read cut short by the cancellation is not an article
	}
	return err
}

// isStream reports whether a path named by the caller is read as a stream.
func isStream(fi fs.FileInfo) bool {
	return !fi.IsDir() && !fi.Mode().IsRegular()
}

// openCtx opens a file for reading, giving way to ctx: opening a FIFO
// blocks until a writer opens it, and nothing else can interrupt that
// system call. When ctx ends first the open is abandoned (the file is
// closed if it ever opens) and the error is ctx.Err().
func openCtx(ctx context.Context, p string) (*os.File, error) {
	type result struct {
		f   *os.File
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(p)
		done <- result{f, err}
	}()
	select {
	case r := <-done:
		return r.f, r.err
	case <-ctx.Done():
		go func() {
			if r := <-done; r.f != nil {
				r.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// closeOnCancel closes f when ctx ends, which wakes a read blocked on a
// FIFO (Go polls them); the returned function stops watching and closes f.
func closeOnCancel(ctx context.Context, f *os.File) (stop func()) {
	var once sync.Once
	closeF := func() { once.Do(func() { f.Close() }) }
	unwatch := context.AfterFunc(ctx, closeF)
	return func() {
		unwatch()
		closeF()
	}
}

// stdinStream returns standard input for reading in a way a cancellation
// can interrupt. A file Go polls (a pipe made by os.Pipe) gets a read
// deadline when ctx ends; a pipe that is not polled (file descriptor 0 as
// inherited from the shell) is opened again through /dev/fd, which Go
// polls. Anything else (a terminal, a socket) is read as it is.
func stdinStream(ctx context.Context, in io.Reader) (io.Reader, func(), error) {
	if in == nil {
		return nil, nil, errors.New("no standard input")
	}
	f, ok := in.(*os.File)
	if !ok {
		return in, func() {}, nil
	}
	if f.SetReadDeadline(time.Time{}) == nil { // polled
		stop := context.AfterFunc(ctx, func() { f.SetReadDeadline(time.Now()) })
		return f, func() { stop() }, nil
	}
	if fi, err := f.Stat(); err == nil && fi.Mode()&fs.ModeNamedPipe != 0 {
		if g, err := os.Open("/dev/fd/" + strconv.Itoa(int(f.Fd()))); err == nil {
			return g, closeOnCancel(ctx, g), nil
		}
	}
	return in, func() {}, nil
}

// ctxReader reports ctx's error instead of the read error a cancellation
// caused, and stops reading once ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		if ctxErr := c.ctx.Err(); ctxErr != nil {
			return n, ctxErr
		}
	}
	return n, err
}
