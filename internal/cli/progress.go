package cli

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/kg-dev/kg/internal/termtext"
	"github.com/kg-dev/kg/reader"
	"github.com/schollz/progressbar/v3"
)

// progress is a progress bar on a terminal: articles done, articles per
// second and the time left, once reader.Count has counted the inputs (a
// spinner until then). It is also the writer for messages printed while
// it runs: they clear the bar and it is drawn again on the next step.
// Off a terminal it prints nothing but the messages.
type progress struct {
	mu  sync.Mutex
	w   io.Writer                // messages (through termtext when the app's stderr)
	raw io.Writer                // the bar's own control sequences
	bar *progressbar.ProgressBar // nil when w is not a terminal
}

// progressThrottle is the least time between two draws of the bar (tests
// draw every step).
var progressThrottle = 250 * time.Millisecond

// newProgress starts counting the articles under paths in the background
// when w is a terminal (tty); the count stops with ctx.
func newProgress(ctx context.Context, w io.Writer, tty bool, paths []string) *progress {
	p := &progress{w: w, raw: w}
	if tw, ok := w.(*termtext.Writer); ok {
		p.raw = tw.Unwrap()
	}
	if !tty {
		return p
	}
	p.bar = progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(p.raw),
		progressbar.OptionSetDescription("kg: ingesting"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(progressThrottle),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseANSICodes(true),
	)
	go func() {
		n, err := reader.Count(ctx, paths)
		if err != nil || n == 0 {
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.bar.IsFinished() {
			p.bar.ChangeMax(n)
		}
	}()
	return p
}

// Add counts n more articles done (written, unchanged or failed).
func (p *progress) Add(n int) {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Add(n)
}

// Write prints a message above the bar.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	return p.w.Write(b)
}

// Done removes the bar; messages go straight to the writer afterwards.
func (p *progress) Done() {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Exit()
	io.WriteString(p.raw, "\r\033[K")
	p.bar = nil
}
