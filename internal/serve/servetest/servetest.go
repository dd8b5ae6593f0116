// Package servetest holds what kg serve's tests share with the live Neo4j
// tests of graph/neo4j: the articles both stores are loaded with (the
// samples and a hostile article) and the API calls whose answers must be
// the same on both stores.
package servetest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/sqlite"
	"github.com/kg-dev/kg/reader"
)

// HostileName and the rest of HostileDoc are what a page must show as text
// and never obey: markup, quotes, event handlers and javascript: links in
// names, aliases, sentences, the title and the URL.
const (
	HostileName = `<script>window.__pwned=1</script>Town "quoted" 'single'`
	HostileSent = `<script>window.__pwned=4</script> and <a href="javascript:window.__pwned=5">the "click"</a> say <img src=x onerror="window.__pwned=6"> twinning.`
)

// HostileDoc is an article's extraction as kg ingest stores it (through
// graph.Build and the store's Put): two cities with hostile names related
// by a hostile sentence, in an article with a hostile title and URL.
// kg's extractor would not produce such names from prose; a store written
// by another tool or an older kg can hold anything, and so can Neo4j.
func HostileDoc() extract.DocResult {
	const doc = "hostile-1"
	return extract.DocResult{
		Doc: extract.DocumentInfo{ID: doc, Path: "hostile.txt", Lang: "en", Date: "2026-01-02",
			Title: `<script>window.__pwned=2</script> "Title" <b>bold</b>`, URL: "javascript:window.__pwned=3", Hash: "0"},
		Entities: []extract.Entity{
			{ID: "city:xss-town", Type: extract.City, Name: HostileName, Aliases: []string{`<img src=x onerror="window.__pwned=7">`},
				Mentions: []extract.Mention{{Doc: doc, Start: 0, End: 10, Text: "x"}}},
			{ID: "city:javascript-ville", Type: extract.City, Name: "javascript:window.__pwned=8",
				Mentions: []extract.Mention{{Doc: doc, Start: 20, End: 30, Text: "y"}}},
		},
		Relations: []extract.Relation{{Type: extract.PartnerOf, From: "city:javascript-ville", To: "city:xss-town",
			Props:    map[string]any{"kind": `"><script>x</script>`},
			Evidence: []extract.Evidence{{Doc: doc, Start: 0, End: 40, Text: HostileSent}}}},
	}
}

// Batches are the samples (seeds/, extracted) and the hostile article.
var Batches = sync.OnceValues(func() ([]graph.Batch, error) {
	x, err := extract.New()
	if err != nil {
		return nil, err
	}
	var bs []graph.Batch
	var rerr error
	err = reader.WalkWith(context.Background(), []string{filepath.Join(root(), "seeds")}, func(d extract.Document) error {
		bs = append(bs, graph.Build(x.Extract(d)))
		return nil
	}, reader.Options{OnError: func(where string, err error) { rerr = err }})
	if err == nil {
		err = rerr
	}
	return append(bs, graph.Build(HostileDoc())), err
})

// Requests are the API calls whose answers are kept in
// testdata/golden, and compared between the two stores.
var Requests = []struct{ Name, Path string }{
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
	{"query-top-cities-capped", "/api/query/top-cities?max_rows=2&limit=5"},
	{"query-unknown-param", "/api/query/top-cities?n=5"},
	{"hostile-search", "/api/search?q=%3Cscript%3Ewindow"},
	{"hostile-neighbours", "/api/neighbours/city:xss-town"},
	{"hostile-evidence", "/api/evidence/city:xss-town?key=PARTNER_OF%7Ccity%3Ajavascript-ville%7Ccity%3Axss-town"},
}

// Answer is one API answer: its status and its body, indented.
type Answer struct {
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
}

// Get sends a request to h.
func Get(t testing.TB, h http.Handler, method, path string) (*httptest.ResponseRecorder, Answer) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, rec.Body.Bytes(), "", "  "); err != nil {
		t.Fatalf("%s %s: the answer is not JSON (%v): %q", method, path, err, rec.Body.String())
	}
	return rec, Answer{rec.Code, pretty.Bytes()}
}

// Answers returns the answers of h to Requests, by name, as indented JSON.
func Answers(t testing.TB, h http.Handler) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, g := range Requests {
		_, a := Get(t, h, "GET", g.Path)
		b, err := json.MarshalIndent(a, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		out[g.Name] = string(b) + "\n"
	}
	return out
}

// root is the repository's root directory.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Embedded returns an embedded store holding testBatches, opened
// read-only as kg serve opens it.
func Embedded(t testing.TB) *sqlite.Store {
	t.Helper()
	bs, err := Batches()
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
