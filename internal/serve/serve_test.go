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
	"sync"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/sqlite"
	"github.com/kg-dev/kg/queries"
	"github.com/kg-dev/kg/reader"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the embedded store")

// hostileName and the rest of hostileDoc are what a page must show as text
// and never obey: markup, quotes, event handlers and javascript: links in
// names, aliases, sentences, the title and the URL.
const (
	hostileName = `<script>window.__pwned=1</script>Town "quoted" 'single'`
	hostileSent = `<script>window.__pwned=4</script> and <a href="javascript:window.__pwned=5">the "click"</a> say <img src=x onerror="window.__pwned=6"> twinning.`
)

// hostileDoc is an article's extraction as kg ingest stores it (through
// graph.Build and the store's Put): two cities with hostile names related
// by a hostile sentence, in an article with a hostile title and URL.
// kg's extractor would not produce such names from prose; a store written
// by another tool or an older kg can hold anything, and so can Neo4j.
func hostileDoc() extract.DocResult {
	const doc = "hostile-1"
	return extract.DocResult{
		Doc: extract.DocumentInfo{ID: doc, Path: "hostile.txt", Lang: "en", Date: "2026-01-02",
			Title: `<script>window.__pwned=2</script> "Title" <b>bold</b>`, URL: "javascript:window.__pwned=3", Hash: "0"},
		Entities: []extract.Entity{
			{ID: "city:xss-town", Type: extract.City, Name: hostileName, Aliases: []string{`<img src=x onerror="window.__pwned=7">`},
				Mentions: []extract.Mention{{Doc: doc, Start: 0, End: 10, Text: "x"}}},
			{ID: "city:javascript-ville", Type: extract.City, Name: "javascript:window.__pwned=8",
				Mentions: []extract.Mention{{Doc: doc, Start: 20, End: 30, Text: "y"}}},
		},
		Relations: []extract.Relation{{Type: extract.PartnerOf, From: "city:javascript-ville", To: "city:xss-town",
			Props:    map[string]any{"kind": `"><script>x</script>`},
			Evidence: []extract.Evidence{{Doc: doc, Start: 0, End: 40, Text: hostileSent}}}},
	}
}

// testBatches are the samples (seeds/, extracted) and the hostile article.
var testBatches = sync.OnceValues(func() ([]graph.Batch, error) {
	x, err := extract.New()
	if err != nil {
		return nil, err
	}
	var bs []graph.Batch
	var rerr error
	err = reader.WalkWith(context.Background(), []string{filepath.Join("..", "..", "seeds")}, func(d extract.Document) error {
		bs = append(bs, graph.Build(x.Extract(d)))
		return nil
	}, reader.Options{OnError: func(where string, err error) { rerr = err }})
	if err == nil {
		err = rerr
	}
	return append(bs, graph.Build(hostileDoc())), err
})

// embedded returns an embedded store holding testBatches, opened
// read-only as kg serve opens it.
func embedded(t testing.TB) *sqlite.Store {
	t.Helper()
	bs, err := testBatches()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kg.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if err := tx.Put(b); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro
}

// goldenRequests are the API calls whose answers are kept in
// testdata/golden, and compared between the two stores.
var goldenRequests = []struct{ name, path string }{
	{"search-ha-noi", "/api/search?q=ha+noi"},
	{"search-hanoi-diacritics", "/api/search?q=H%C3%80%20N%E1%BB%98I"},
	{"search-prefix-toul", "/api/search?q=toul"},
	{"search-capped", "/api/search?q=h&limit=2"},
	{"search-nothing", "/api/search?q=zzzzzz"},
	{"entity-hanoi", "/api/entity/city:hanoi"},
	{"entity-event", "/api/entity/event:12-conference-fr-vn-cooperation-decentralised"},
	{"neighbours-hanoi", "/api/neighbours/city:hanoi"},
	{"neighbours-hanoi-capped", "/api/neighbours/city:hanoi?limit=2"},
	{"neighbours-toulouse", "/api/neighbours/city:toulouse"},
	{"evidence-hanoi-toulouse", "/api/evidence/city:hanoi?key=PARTNER_OF%7Ccity%3Ahanoi%7Ccity%3Atoulouse"},
	{"evidence-capped", "/api/evidence/city:hanoi?key=PARTNER_OF%7Ccity%3Ahanoi%7Ccity%3Atoulouse&limit=1"},
	{"timeline-hanoi", "/api/timeline/city:hanoi"},
	{"queries", "/api/queries"},
	{"query-partners", "/api/query/partners?city=Hanoi"},
	{"query-path", "/api/query/path?source=Toulouse&target=Seoul"},
	{"query-top-cities-capped", "/api/query/top-cities?limit=2&n=5"},
	{"hostile-search", "/api/search?q=%3Cscript%3Ewindow"},
	{"hostile-neighbours", "/api/neighbours/city:xss-town"},
	{"hostile-evidence", "/api/evidence/city:xss-town?key=PARTNER_OF%7Ccity%3Ajavascript-ville%7Ccity%3Axss-town"},
}

type answer struct {
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
}

func get(t testing.TB, h http.Handler, method, path string) (*httptest.ResponseRecorder, answer) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, rec.Body.Bytes(), "", "  "); err != nil {
		t.Fatalf("%s %s: the answer is not JSON (%v): %q", method, path, err, rec.Body.String())
	}
	return rec, answer{rec.Code, pretty.Bytes()}
}

func goldenAnswers(t *testing.T, h http.Handler) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, g := range goldenRequests {
		_, a := get(t, h, "GET", g.path)
		b, err := json.MarshalIndent(a, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		out[g.name] = string(b) + "\n"
	}
	return out
}

// TestAPIGolden: the API's answers on the samples and the hostile article
// in the embedded store are testdata/golden's (go test ./internal/serve
// -run APIGolden -update rewrites them after a reviewed change).
func TestAPIGolden(t *testing.T) {
	s := New(NewBackend(embedded(t)), Options{})
	got := goldenAnswers(t, s)
	for _, g := range goldenRequests {
		file := filepath.Join("testdata", "golden", g.name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got[g.name]), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (go test -run APIGolden -update writes it)", err)
		}
		if got[g.name] != string(want) {
			t.Errorf("GET %s: got\n%s\nwant (%s)\n%s", g.path, got[g.name], file, want)
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
	s := New(NewBackend(embedded(t)), Options{})
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
		{"GET", "/api/query/top-cities?n=lots", 400, "n"},
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
	s := New(NewBackend(embedded(t)), Options{})
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
	rec, _ := get(t, s, "GET", "/api/search?q=hanoi")
	if rec.Code != http.StatusGatewayTimeout || time.Since(start) > 2*time.Second {
		t.Errorf("slow store: %d after %s: %s", rec.Code, time.Since(start), rec.Body)
	}
	s = New(stuck{panics: true}, Options{})
	rec, _ = get(t, s, "GET", "/api/search?q=hanoi")
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "secret") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("panic: %d %s", rec.Code, rec.Body)
	}
}

// TestHosts: a loopback server answers for its own names only (a page
// elsewhere cannot reach it by DNS rebinding).
func TestHosts(t *testing.T) {
	s := New(NewBackend(embedded(t)), Options{Hosts: LoopbackHosts("127.0.0.1:8080")})
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
	if got := strings.Join(names, " "); got != "degree entity evidence neighbours search timeline" {
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
