package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/internal/serve/servetest"
	"github.com/kg-dev/kg/queries"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the embedded store")

// TestAPIGolden: the API's answers on the samples and the hostile article
// in the embedded store are testdata/golden's (go test ./internal/serve
// -run APIGolden -update rewrites them after a reviewed change).
func TestAPIGolden(t *testing.T) {
	s := New(NewBackend(servetest.Embedded(t)), Options{})
	got := servetest.Answers(t, s)
	for _, g := range servetest.Requests {
		file := filepath.Join("testdata", "golden", g.Name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got[g.Name]), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (go test -run APIGolden -update writes it)", err)
		}
		if got[g.Name] != string(want) {
			t.Errorf("GET %s: got\n%s\nwant (%s)\n%s", g.Path, got[g.Name], file, want)
		}
	}
	// The answers say what the page needs.
	for name, must := range map[string][]string{
		"search-ha-noi":           {`"id": "city:hanoi"`, `"exact": true`},
		"neighbours-hanoi":        {`"id": "city:toulouse"`, `"id": "city:seoul"`, `"lat": 21.0245`, `"evidence": "/api/evidence/city:hanoi?key=`},
		"neighbours-hanoi-capped": {`"more": "/api/neighbours/city:hanoi?limit=4"`},
		"evidence-hanoi-toulouse": {`"sentence": "At the conference, the vice mayor of Toulouse`},
		"evidence-capped":         {`"more": "/api/evidence/city:hanoi?key=`},
		"search-capped":           {`"more": "/api/search?limit=4\u0026q=h"`},
		"hostile-evidence":        {`"url": ""`, `\u003cscript\u003ewindow.__pwned=4`},
	} {
		for _, m := range must {
			if !strings.Contains(got[name], m) {
				t.Errorf("%s: no %s in\n%s", name, m, got[name])
			}
		}
	}
}

// TestAPIErrors: bad ids, parameters, methods and paths get a 4xx JSON
// error saying what is wrong; every answer carries the security headers.
func TestAPIErrors(t *testing.T) {
	s := New(NewBackend(servetest.Embedded(t)), Options{})
	long := strings.Repeat("a", maxText+1)
	tests := []struct {
		method, path string
		status       int
		says         string
	}{
		{"GET", "/api/entity/city:nowhere", 404, "no entity"},
		{"GET", "/api/entity/hanoi", 400, "not an entity id"},
		{"GET", "/api/entity/city:" + long, 400, "longer than"},
		{"GET", "/api/entity/city:%ff%fe", 400, "not valid UTF-8"},
		{"GET", "/api/entity/city:a%00b", 400, "control characters"},
		{"GET", "/api/neighbours/city:nowhere", 404, "no entity"},
		{"GET", "/api/neighbours/city:hanoi?limit=0", 400, "limit"},
		{"GET", "/api/neighbours/city:hanoi?limit=abc", 400, "limit"},
		{"GET", "/api/neighbours/city:hanoi?limit=99999999999999999999", 400, "limit"},
		{"GET", "/api/search?q=x&limit=-1", 400, "limit"},
		{"GET", "/api/search?q=" + long, 400, "longer than"},
		{"GET", "/api/timeline/city:nowhere", 404, "no entity"},
		{"GET", "/api/evidence/city:hanoi", 400, "key: missing"},
		{"GET", "/api/evidence/city:hanoi?key=nothing", 404, "no relation"},
		{"GET", "/api/evidence/city:seoul?key=PARTNER_OF%7Ccity%3Ahanoi%7Ccity%3Atoulouse", 404, "no relation"},
		{"GET", "/api/query/nope", 404, "no query"},
		{"GET", "/api/query/partners", 400, "needs parameter city"},
		{"GET", "/api/query/partners?city=Hanoi&evil=1", 400, "evil"},
		{"GET", "/api/query/partners?city=Hanoi&city=Seoul", 400, "more than once"},
		{"GET", "/api/query/partners?city=Hanio", 404, `city: no entity named "Hanio"; did you mean "Hanoi"`},
		{"GET", "/api/query/partners?city=Atlantis", 404, `city: no entity named "Atlantis"`},
		{"GET", "/api/query/top-cities?limit=lots", 400, "limit"},
		{"GET", "/api/query/top-cities?limit=3&max_rows=0", 400, "max_rows"},
		{"GET", "/api/nope", 404, "no such endpoint"},
		{"GET", "/etc/passwd", 404, "not found"},
		{"GET", "/go.mod", 404, ""},
		{"POST", "/api/search?q=x", 405, "read-only"},
		{"DELETE", "/api/entity/city:hanoi", 405, "read-only"},
		{"PUT", "/", 405, "read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path[:min(len(tt.path), 60)], func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("not a JSON error: %q", rec.Body)
			}
			if !strings.Contains(e.Error, tt.says) {
				t.Errorf("error %q does not say %q", e.Error, tt.says)
			}
			if rec.Header().Get("Content-Security-Policy") != CSP || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("security headers missing: %v", rec.Header())
			}
		})
	}
}

// TestPage: the page and its assets come from the binary with the CSP;
// the page has no inline script and loads nothing from elsewhere.
func TestPage(t *testing.T) {
	s := New(NewBackend(servetest.Embedded(t)), Options{})
	for _, p := range []string{"/", "/app.js", "/app.css", "/vendor/cytoscape.min.js", "/vendor/d3-geo.min.js", "/vendor/countries-110m.json"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 200 || rec.Body.Len() < 100 {
			t.Errorf("GET %s: %d, %d bytes", p, rec.Code, rec.Body.Len())
		}
		if rec.Header().Get("Content-Security-Policy") != CSP {
			t.Errorf("GET %s: no CSP", p)
		}
		if p == "/" {
			page := rec.Body.String()
			for _, bad := range []string{"<script>", "http://", "https://", "innerHTML", "javascript:"} {
				if strings.Contains(page, bad) {
					t.Errorf("the page contains %q", bad)
				}
			}
			if m := regexp.MustCompile(`\son[a-z]+\s*=`).FindString(page); m != "" {
				t.Errorf("the page has an inline event handler: %q", m)
			}
		}
	}
	js, err := webFiles.ReadFile("web/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if bytes.Contains(js, []byte(bad)) {
			t.Errorf("app.js uses %s: names and sentences must be set as text", bad)
		}
	}
	if !strings.Contains(CSP, "script-src 'self'") || strings.Contains(CSP, "unsafe") {
		t.Errorf("CSP %q allows inline or eval'd script", CSP)
	}
}

// stuck is a backend that waits for the request's deadline, or panics.
type stuck struct {
	Backend
	panics bool
}

func (s stuck) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	if s.panics {
		panic("secret internal detail")
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestTimeoutAndPanic: a store slower than the timeout gets a 504 on time;
// a panic a bare 500 JSON error, without its message or a stack.
func TestTimeoutAndPanic(t *testing.T) {
	s := New(stuck{}, Options{Timeout: 50 * time.Millisecond})
	start := time.Now()
	rec, _ := servetest.Get(t, s, "GET", "/api/search?q=hanoi")
	if rec.Code != http.StatusGatewayTimeout || time.Since(start) > 2*time.Second {
		t.Errorf("slow store: %d after %s: %s", rec.Code, time.Since(start), rec.Body)
	}
	s = New(stuck{panics: true}, Options{})
	rec, _ = servetest.Get(t, s, "GET", "/api/search?q=hanoi")
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "secret") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("panic: %d %s", rec.Code, rec.Body)
	}
}

// TestHosts: a loopback server answers for its own names only (a page
// elsewhere cannot reach it by DNS rebinding).
func TestHosts(t *testing.T) {
	s := New(NewBackend(servetest.Embedded(t)), Options{Hosts: LoopbackHosts("127.0.0.1:8080")})
	for host, want := range map[string]int{"127.0.0.1:8080": 200, "localhost:8080": 200, "evil.example:8080": 421, "127.0.0.1:9": 421} {
		req := httptest.NewRequest("GET", "/api/search?q=hanoi", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, want)
		}
	}
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8080": false, ":8080": false, "192.0.2.1:80": false, "nonsense": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%q) = %v", addr, !want)
		}
	}
}

// TestQueriesLoad: the API's queries parse and declare what they use.
func TestQueriesLoad(t *testing.T) {
	qs, err := Queries()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, q := range qs {
		names = append(names, q.Name)
		if _, clash := queries.Get(q.Name); clash && q.Name != "neighbours" {
			t.Logf("%s has the name of a canned query (it is not one)", q.Name)
		}
	}
	if got := strings.Join(names, " "); got != "degree entity evidence neighbours node search timeline" {
		t.Errorf("queries %s", got)
	}
}

// TestCoords: the gazetteer's coordinates load and place the samples'
// cities where they are.
func TestCoords(t *testing.T) {
	for id, want := range map[string][2]float64{"city:hanoi": {21, 105.8}, "city:toulouse": {43.6, 1.4}, "city:seoul": {37.6, 127}, "country:france": {46, 2}} {
		lat, lon := place(id)
		if lat == nil || abs(*lat-want[0]) > 1 || abs(*lon-want[1]) > 1 {
			t.Errorf("%s: got %v %v, want about %v", id, lat, lon, want)
		}
	}
	if lat, _ := place("city:nowhere"); lat != nil {
		t.Error("a place without coordinates has some")
	}
	if n := len(coords()); n < 7000 {
		t.Errorf("only %d places have coordinates", n)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestQueryEmptyAnswer: a name of an entity the answer is empty for (a
// country has no partners as a city) is a 200 with no rows, not a 404.
func TestQueryEmptyAnswer(t *testing.T) {
	s := New(NewBackend(servetest.Embedded(t)), Options{})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/query/partners?city=Vietnam", nil))
	var got struct{ Rows []any }
	if err := json.Unmarshal(rec.Body.Bytes(), &got); rec.Code != 200 || err != nil || len(got.Rows) != 0 {
		t.Errorf("partners of Vietnam: %d %s, want 200 and no rows", rec.Code, rec.Body)
	}
}
