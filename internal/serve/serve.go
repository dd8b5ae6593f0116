// Package serve is kg serve: a read-only web view of a kg graph. It serves
// a JSON API (docs/SERVE.md) over a Backend and a page, embedded from web/,
// that draws an entity's neighbourhood (Cytoscape.js), the evidence of a
// relation, the canned queries, a map of the places in view (d3-geo over
// world-atlas's outline, coordinates from coords.tsv) and a timeline.
// Nothing is fetched at run time: the page's libraries are in web/vendor
// (tools/serve-web/build.sh copies them from npm).
//
// Safety: no endpoint writes; every request has a deadline; limits cap
// every answer (with a "more" link to the next, bigger one); bad ids and
// parameters get a 400 or 404 JSON error, a failure of the store a 503 or
// 504, a panic a 500 without details; the page sets names and sentences
// as text only, under a Content-Security-Policy without inline scripts.
package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract/fold"
	"github.com/kg-dev/kg/queries"
)

//go:embed web
var webFiles embed.FS

// CSP is the Content-Security-Policy of every answer: scripts, styles and
// data from the server itself only, no inline script, no framing.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Limits: default and maximum rows of each kind of answer.
type limit struct {
	def, max int
	param    string // the URL parameter: "limit", or "max_rows" for canned queries, some of which take a limit of their own
}

var (
	searchLimit     = limit{20, 100, "limit"}
	neighboursLimit = limit{200, 2000, "limit"}
	evidenceLimit   = limit{50, 1000, "limit"}
	timelineLimit   = limit{200, 2000, "limit"}
	queryLimit      = limit{500, 10000, "max_rows"}
)

// maxText is the longest id, key or parameter value accepted (bytes).
const maxText = 1024

// Options configure a Server.
type Options struct {
	// Timeout bounds each request's work (default 10 s).
	Timeout time.Duration
	// Hosts, when set, are the only Host headers answered (a loopback
	// server refuses other names, so a web page elsewhere cannot reach it
	// through DNS rebinding).
	Hosts []string
	// Log receives one line per failure of the store (default: discarded).
	Log *log.Logger
}

// Server answers the API and serves the page.
type Server struct {
	b    Backend
	opts Options
	mux  *http.ServeMux
}

// New returns a server reading through b.
func New(b Backend, opts Options) *Server {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	s := &Server{b: b, opts: opts, mux: http.NewServeMux()}
	web, err := fs.Sub(webFiles, "web")
	if err != nil {
		panic(err) // the embedded folder exists: a build error
	}
	files := http.FileServerFS(web)
	s.mux.Handle("GET /{$}", files)
	s.mux.Handle("GET /app.js", files)
	s.mux.Handle("GET /app.css", files)
	s.mux.Handle("GET /vendor/", files)
	s.mux.HandleFunc("GET /api/search", s.search)
	s.mux.HandleFunc("GET /api/entity/{id}", s.entity)
	s.mux.HandleFunc("GET /api/neighbours/{id}", s.neighbours)
	s.mux.HandleFunc("GET /api/evidence/{id}", s.evidence)
	s.mux.HandleFunc("GET /api/timeline/{id}", s.timeline)
	s.mux.HandleFunc("GET /api/queries", s.queryList)
	s.mux.HandleFunc("GET /api/query/{name}", s.query)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "kg serve is read-only: only GET")
			return
		}
		writeError(w, http.StatusNotFound, "no such endpoint (docs/SERVE.md lists them)")
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "kg serve is read-only: only GET")
			return
		}
		writeError(w, http.StatusNotFound, "not found")
	})
	return s
}

// ServeHTTP sets the security headers, checks the Host, bounds the
// request's time and turns a panic into a bare 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if len(s.opts.Hosts) > 0 && !slices.Contains(s.opts.Hosts, strings.ToLower(r.Host)) {
		writeError(w, http.StatusMisdirectedRequest, "this kg serve does not answer for host "+strconv.Quote(r.Host))
		return
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("kg serve: panic on %s: %v", r.URL.Path, v)
			writeError(w, http.StatusInternalServerError, "internal error")
		}
	}()
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
	defer cancel()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		s.opts.Log.Printf(format, args...)
	}
}

// LoopbackHosts returns the Host headers a server listening on addr
// (host:port, loopback) answers: its address, localhost and the loopback
// names with the port.
func LoopbackHosts(addr string) []string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	hosts := []string{strings.ToLower(addr)}
	for _, h := range []string{"localhost", "127.0.0.1", "[::1]"} {
		hosts = append(hosts, h+":"+port)
	}
	return hosts
}

// IsLoopback reports whether addr's host is a loopback address or
// localhost.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// --- handlers ---

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if err := checkText("q", q); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	n, ok := limitParam(w, r, searchLimit)
	if !ok {
		return
	}
	if fold.Key(q) == "" {
		writeJSON(w, http.StatusOK, map[string]any{"query": q, "results": []Hit{}})
		return
	}
	hits, err := s.b.Search(r.Context(), q, n+1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := map[string]any{"query": q}
	if len(hits) > n {
		hits = hits[:n]
		out["more"] = moreURL(r, n, searchLimit)
	}
	out["results"] = hits
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) entity(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(w, r)
	if !ok {
		return
	}
	e, err := s.b.Entity(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e.Lat, e.Lon = place(e.ID)
	writeJSON(w, http.StatusOK, e)
}

// graphEdge is an edge as the API returns it: Edge with its evidence link.
type graphEdge struct {
	Edge
	Evidence string `json:"evidence"` // the /api/evidence URL of its sentences
}

func (s *Server) neighbours(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(w, r)
	if !ok {
		return
	}
	n, ok := limitParam(w, r, neighboursLimit)
	if !ok {
		return
	}
	center, rels, err := s.b.Node(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	edges, err := s.b.Neighbours(r.Context(), id, n+1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	center.Lat, center.Lon = place(center.ID)
	out := map[string]any{"entity": center}
	if len(edges) > n {
		edges = edges[:n]
		out["more"] = moreURL(r, n, neighboursLimit)
	}
	nodes := []Node{center}
	seen := map[string]bool{center.ID: true}
	ge := make([]graphEdge, len(edges))
	for i, ed := range edges {
		if !seen[ed.Other.ID] {
			seen[ed.Other.ID] = true
			o := ed.Other
			o.Lat, o.Lon = place(o.ID)
			nodes = append(nodes, o)
		}
		ge[i] = graphEdge{Edge: ed, Evidence: "/api/evidence/" + url.PathEscape(id) + "?key=" + url.QueryEscape(ed.Key)}
	}
	var total int64
	for _, c := range rels {
		total += c
	}
	out["total"] = total
	out["nodes"] = nodes
	out["edges"] = ge
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) evidence(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(w, r)
	if !ok {
		return
	}
	key := r.URL.Query().Get("key")
	if key == "" {
		writeError(w, http.StatusBadRequest, "key: missing (the relation's key, from /api/neighbours)")
		return
	}
	if err := checkText("key", key); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	n, ok := limitParam(w, r, evidenceLimit)
	if !ok {
		return
	}
	sents, err := s.b.Evidence(r.Context(), id, key, n+1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(sents) == 0 {
		writeError(w, http.StatusNotFound, "no relation "+strconv.Quote(key)+" at "+strconv.Quote(id))
		return
	}
	out := map[string]any{"entity": id, "key": key}
	if len(sents) > n {
		sents = sents[:n]
		out["more"] = moreURL(r, n, evidenceLimit)
	}
	for i := range sents {
		sents[i].URL = safeURL(sents[i].URL)
	}
	out["sentences"] = sents
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(w, r)
	if !ok {
		return
	}
	n, ok := limitParam(w, r, timelineLimit)
	if !ok {
		return
	}
	if _, _, err := s.b.Node(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	ds, err := s.b.Timeline(r.Context(), id, n+1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := map[string]any{"entity": id}
	if len(ds) > n {
		ds = ds[:n]
		out["more"] = moreURL(r, n, timelineLimit)
	}
	out["events"] = ds
	writeJSON(w, http.StatusOK, out)
}

type paramInfo struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

type queryInfo struct {
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Params      []paramInfo `json:"params"`
	Columns     []string    `json:"columns"`
	Types       []string    `json:"types"`
}

func (s *Server) queryList(w http.ResponseWriter, r *http.Request) {
	var out []queryInfo
	for _, q := range queries.All() {
		ps := make([]paramInfo, len(q.Params))
		for i, p := range q.Params {
			ps[i] = paramInfo{p.Name, p.Type, p.Description}
		}
		out = append(out, queryInfo{q.Name, q.Description, ps, q.Columns, q.Types})
	}
	writeJSON(w, http.StatusOK, map[string]any{"queries": out})
}

func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	q, ok := queries.Get(name)
	if !ok {
		writeError(w, http.StatusNotFound, "no query "+strconv.Quote(name)+" (/api/queries lists them)")
		return
	}
	n, ok := limitParam(w, r, queryLimit)
	if !ok {
		return
	}
	raw := map[string]string{}
	for k, vs := range r.URL.Query() {
		if k == queryLimit.param {
			continue
		}
		if len(vs) != 1 {
			writeError(w, http.StatusBadRequest, k+": given more than once")
			return
		}
		if err := checkText(k, vs[0]); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		raw[k] = vs[0]
	}
	bound, err := q.Bind(raw)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := s.b.Run(r.Context(), q, bound)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(res.Rows) == 0 {
		// No rows because a name names no entity, as kg query says, is a
		// 404 with the closest names, not an empty answer.
		for _, p := range q.Params {
			if v, ok := raw[p.Name]; ok && p.Type == queries.Key {
				if msg, err := s.unknownName(r, v); err != nil {
					s.fail(w, r, err)
					return
				} else if msg != "" {
					writeError(w, http.StatusNotFound, p.Name+": "+msg)
					return
				}
			}
		}
	}
	out := map[string]any{"query": q.Name, "params": raw, "columns": res.Columns, "types": q.Types}
	if len(res.Rows) > n {
		res.Rows = res.Rows[:n]
		out["more"] = moreURL(r, n, queryLimit)
	}
	out["rows"] = res.Rows
	writeJSON(w, http.StatusOK, out)
}

// unknownName says that no entity has the spelling name, with the
// closest names search finds; "" when one has it.
func (s *Server) unknownName(r *http.Request, name string) (string, error) {
	hits, err := s.b.Search(r.Context(), name, 5)
	if err != nil {
		return "", err
	}
	var near []string
	for _, h := range hits {
		if h.Exact {
			return "", nil
		}
		near = append(near, strconv.Quote(h.Name))
	}
	msg := "no entity named " + strconv.Quote(name)
	if len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, ", ") + "?"
	}
	return msg, nil
}

// --- parameters, errors, JSON ---

// checkText rejects what no id, key or name is: too long, invalid UTF-8,
// control characters.
func checkText(name, v string) error {
	if len(v) > maxText {
		return fmt.Errorf("%s: longer than %d bytes", name, maxText)
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("%s: not valid UTF-8", name)
	}
	if strings.ContainsFunc(v, unicode.IsControl) {
		return fmt.Errorf("%s: contains control characters", name)
	}
	return nil
}

func idParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if err := checkText("id", id); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return "", false
	}
	if !strings.Contains(id, ":") {
		writeError(w, http.StatusBadRequest, "id: not an entity id (TYPE:NAME, e.g. city:hanoi; /api/search finds them)")
		return "", false
	}
	return id, true
}

func limitParam(w http.ResponseWriter, r *http.Request, l limit) (int, bool) {
	v := r.URL.Query().Get(l.param)
	if v == "" {
		return l.def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > l.max {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s: want a whole number from 1 to %d, not %q", l.param, l.max, v))
		return 0, false
	}
	return n, true
}

// moreURL is the request's URL asking for more rows (twice as many, up to
// the maximum), or "" when it asked for the maximum already.
func moreURL(r *http.Request, n int, l limit) string {
	if n >= l.max {
		return ""
	}
	q := r.URL.Query()
	q.Set(l.param, strconv.Itoa(min(2*n, l.max)))
	return r.URL.EscapedPath() + "?" + q.Encode()
}

// safeURL keeps an article's URL when it is http or https, the only links
// the page draws.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, "no entity "+strconv.Quote(r.PathValue("id")))
	case errors.Is(err, queries.ErrParams):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusGatewayTimeout, fmt.Sprintf("the store did not answer within %s", s.opts.Timeout))
	default:
		s.logf("kg serve: %s: %v", r.URL.Path, err)
		writeError(w, http.StatusServiceUnavailable, "the store could not answer (kg serve's log says why)")
	}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	b, err := json.Marshal(v)
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(`{"error":"internal error"}`))
		return
	}
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
