package cli

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes buffer safe to read while kg serve writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeFlags: kg serve refuses an address that is not loopback unless
// --public says so, and bad addresses or timeouts, with exit 2.
func TestServeFlags(t *testing.T) {
	for _, k := range []string{"NEO4J_URI", "NEO4J_PASSWORD", "KG_STORE"} {
		t.Setenv(k, "")
	}
	ctx := context.Background()
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:0"}, "not a loopback address: add --public"},
		{[]string{"serve", "--addr", "192.0.2.1:8080"}, "not a loopback address"},
		{[]string{"serve", "--addr", "nonsense"}, "want HOST:PORT"},
		{[]string{"serve", "--addr", "127.0.0.1:abc"}, "a port from 0 to 65535"},
		{[]string{"serve", "--addr", "127.0.0.1:99999"}, "a port from 0 to 65535"},
		{[]string{"serve", "--timeout", "0s"}, "--timeout must be positive"},
		{[]string{"serve", "extra"}, "no arguments"},
	} {
		r := kgRun(t, ctx, tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.says) {
			t.Errorf("kg %v: exit %d, %q; want %d and %q", tt.args, r.code, r.stderr, ExitUsage, tt.says)
		}
	}
	r := kgRun(t, ctx, "serve", "--store", filepath.Join(t.TempDir(), "none.db"))
	if r.code != ExitUnavailable {
		t.Errorf("kg serve on a missing store: exit %d, %s", r.code, r.stderr)
	}
	// An address in use: exit 3, and no word of the store, which is fine.
	store := filepath.Join(t.TempDir(), "kg.db")
	if r := kgRun(t, ctx, "ingest", "--store", store, seedsDir(t)); r.code != 0 {
		t.Fatalf("ingest: %d %s", r.code, r.stderr)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	r = kgRun(t, ctx, "serve", "--store", store, "--addr", ln.Addr().String())
	if r.code != ExitUnavailable || !strings.Contains(r.stderr, "listening on") || strings.Contains(r.stderr, "store") {
		t.Errorf("kg serve on an address in use: exit %d, %q; want %d, listening on …, no word of the store", r.code, r.stderr, ExitUnavailable)
	}
}

// TestServeRuns: kg serve on the samples answers on loopback, refuses
// another Host, and Ctrl-C (the context) stops it with exit 130.
func TestServeRuns(t *testing.T) {
	for _, k := range []string{"NEO4J_URI", "NEO4J_PASSWORD", "KG_STORE"} {
		t.Setenv(k, "")
	}
	store := filepath.Join(t.TempDir(), "kg.db")
	if r := kgRun(t, context.Background(), "ingest", "--store", store, seedsDir(t)); r.code != 0 {
		t.Fatalf("ingest: %d %s", r.code, r.stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"kg", "serve", "--store", store, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errb)
	}()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var m []string
	for deadline := time.Now().Add(20 * time.Second); m == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		m = addr.FindStringSubmatch(out.String())
	}
	if m == nil {
		t.Fatalf("kg serve printed no address: %q %q", out.String(), errb.String())
	}
	resp, err := http.Get("http://" + m[1] + "/api/search?q=ha+noi")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var res struct{ Results []struct{ ID string } }
	if err := json.Unmarshal(body, &res); err != nil || len(res.Results) == 0 || res.Results[0].ID != "city:hanoi" {
		t.Errorf("search: %d %s", resp.StatusCode, body)
	}
	req, _ := http.NewRequest("GET", "http://"+m[1]+"/api/search?q=hanoi", nil)
	req.Host = "attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("another Host: %v %v", resp, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != ExitInterrupted {
			t.Errorf("stopped with exit %d, want %d: %s", code, ExitInterrupted, errb.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("kg serve did not stop")
	}
}
