package serve

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/internal/livetest"
	"github.com/kg-dev/kg/internal/serve/servetest"
)

// skipE2E skips a browser test, or fails it in CI (CI=true), where
// .ci/run installs Chromium and tools/serve-web's node_modules.
func skipE2E(t *testing.T, why any) {
	t.Helper()
	if livetest.CI() {
		t.Fatalf("the browser test cannot run in CI: %v", why)
	}
	t.Skipf("skipping the browser test: %v", why)
}

// e2eSetup returns tools/serve-web, or skips.
func e2eSetup(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "tools", "serve-web"))
	for _, need := range []string{"/usr/bin/chromium", filepath.Join(dir, "node_modules", "playwright-core")} {
		if _, err := os.Stat(need); err != nil {
			skipE2E(t, err.Error()+" (apt-get install chromium; cd tools/serve-web && npm ci)")
		}
	}
	if _, err := exec.LookPath("node"); err != nil {
		skipE2E(t, err)
	}
	return dir
}

// TestE2EChromium drives the page in Debian's headless Chromium
// (tools/serve-web/e2e.mjs, playwright-core): it types "ha noi" in the
// search box, opens Hanoi, finds Toulouse and Seoul in the graph, clicks
// Toulouse (which expands it) and the Hanoi–Toulouse edge, reads the
// evidence sentence and its article, sees the map and the timeline; then
// it opens the hostile article's city and checks that markup, quotes and
// javascript: links in names, sentences, title and URL show as text and
// run nothing; no request leaves the server, no CSP violation or script
// error happens. KG_UPDATE_SCREENSHOT=1 writes docs/serve-hanoi.png.
func TestE2EChromium(t *testing.T) {
	dir := e2eSetup(t)
	srv := httptest.NewServer(New(NewBackend(servetest.Embedded(t)), Options{}))
	defer srv.Close()
	shot := filepath.Join(t.TempDir(), "serve-hanoi.png")
	if os.Getenv("KG_UPDATE_SCREENSHOT") == "1" {
		shot, _ = filepath.Abs(filepath.Join("..", "..", "docs", "serve-hanoi.png"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "e2e.mjs", "walk", srv.URL, shot, servetest.HostileName)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("e2e.mjs: %v", err)
	}
	if !strings.Contains(string(out), "e2e: PASS") || !strings.Contains(string(out), "inert") {
		t.Fatal("e2e.mjs did not get to the end")
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 20000 {
		t.Fatalf("screenshot %s: %v, too small for a drawn graph", shot, err)
	}
}
