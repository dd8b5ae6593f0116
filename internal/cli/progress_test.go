package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	dir := t.TempDir()
	for i := range 4 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", i)), []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("piped: only messages", func(t *testing.T) {
		var out strings.Builder
		p := newProgress(context.Background(), &out, false, []string{dir})
		p.Add(1)
		fmt.Fprintln(p, "kg: warning: x")
		p.Done()
		if got := out.String(); got != "kg: warning: x\n" {
			t.Errorf("piped output %q, want only the message", got)
		}
	})

	t.Run("terminal: bar with count, rate and ETA", func(t *testing.T) {
		defer func(d time.Duration) { progressThrottle = d }(progressThrottle)
		progressThrottle = 0 // draw every step: no test of timing
		var out syncBuilder
		p := newProgress(context.Background(), &out, true, []string{dir})
		deadline := time.Now().Add(time.Minute)
		for {
			p.mu.Lock()
			max := p.bar.GetMax()
			p.mu.Unlock()
			if max == 4 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the bar's total is %d after a minute, want 4", max)
			}
			time.Sleep(5 * time.Millisecond)
		}
		for range 4 {
			time.Sleep(5 * time.Millisecond) // a rate to show
			p.Add(1)
		}
		fmt.Fprintln(p, "kg: warning: x")
		p.Done()
		fmt.Fprintln(p, "ingested 4 articles")
		got := out.String()
		for _, want := range []string{"3/4", "articles/s", "\r\033[K", "kg: warning: x\n"} {
			if !strings.Contains(got, want) {
				t.Errorf("terminal output lacks %q:\n%q", want, got)
			}
		}
		if !strings.HasSuffix(got, "\r\033[Kingested 4 articles\n") {
			t.Errorf("summary not on a cleared line:\n%q", got)
		}
	})
}

type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
