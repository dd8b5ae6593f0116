package neo4j_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg-dev/kg/graph/neo4j"
	"github.com/kg-dev/kg/internal/livetest"
	"github.com/kg-dev/kg/queries"
)

// server is a second Neo4j that a test starts and stops itself with
// tools/neo4j/neo4j.sh, in its own home, beside the one of NEO4J_URI.
type server struct {
	t    *testing.T
	env  []string
	home string
	cfg  neo4j.Config
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

var exportLine = regexp.MustCompile(`export NEO4J_URI=(\S+) NEO4J_USERNAME=(\S+) NEO4J_PASSWORD=(\S+) NEO4J_DATABASE=(\S+)`)

func newServer(t *testing.T) *server {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("..", "..", "tools", "neo4j", "neo4j.sh"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		livetest.Skip(t, err)
	}
	home := t.TempDir()
	s := &server{t: t, home: home, env: append(os.Environ(),
		"KG_NEO4J_HOME="+home,
		"KG_NEO4J_BOLT_PORT="+strconv.Itoa(freePort(t)),
		"KG_NEO4J_HTTP_PORT="+strconv.Itoa(freePort(t)),
		"KG_NEO4J_HEAP=512m", "KG_NEO4J_PAGECACHE=128m",
		"KG_NEO4J_WATCH_PID="+strconv.Itoa(os.Getpid()), // no server left behind if the test binary dies
	)}
	t.Cleanup(func() {
		s.script("stop")
		// whatever happened, leave no server behind
		if b, err := os.ReadFile(filepath.Join(home, "run", "kg-neo4j.pid")); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	return s
}

func (s *server) script(args ...string) string {
	s.t.Helper()
	script, _ := filepath.Abs(filepath.Join("..", "..", "tools", "neo4j", "neo4j.sh"))
	cmd := exec.Command("bash", append([]string{script}, args...)...)
	cmd.Env = s.env
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		s.t.Fatalf("neo4j.sh %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

func (s *server) start() {
	s.t.Helper()
	m := exportLine.FindStringSubmatch(s.script("start"))
	if m == nil {
		s.t.Fatal("neo4j.sh start printed no export line")
	}
	s.cfg = neo4j.Config{URI: m[1], Username: m[2], Password: m[3], Database: m[4]}
}

func (s *server) stop() { s.t.Helper(); s.script("stop") }

// kill kills the server at once (SIGKILL), as a crash or a power cut
// would.
func (s *server) kill() {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.home, "run", "kg-neo4j.pid"))
	if err != nil {
		s.t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		s.t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		s.t.Fatal(err)
	}
	for range 100 {
		if syscall.Kill(pid, 0) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("pid %d still runs after SIGKILL", pid)
}

func (s *server) open() *neo4j.Store {
	s.t.Helper()
	st, err := neo4j.Open(context.Background(), s.cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	return st
}

// use points the kg command at this server until the test ends.
func (s *server) use() {
	s.t.Setenv("NEO4J_URI", s.cfg.URI)
	s.t.Setenv("NEO4J_USERNAME", s.cfg.Username)
	s.t.Setenv("NEO4J_PASSWORD", s.cfg.Password)
	s.t.Setenv("NEO4J_DATABASE", s.cfg.Database)
}

// graphCounts counts nodes per label and relationships per type, leaving
// out the Source nodes and the MENTIONS with count 0 (an article's record
// of an entity it states only through a relation): the counts of the
// graph the canned queries read. TestIntegrationExportLayout compares
// everything.
func graphCounts(t *testing.T, st *neo4j.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, r := range neo4j.Select(t, st, "MATCH (n) WHERE NOT n:Source RETURN 'nodes:' + labels(n)[0], count(*)", nil) {
		out[r[0].(string)] = r[1].(int64)
	}
	for _, r := range neo4j.Select(t, st, "MATCH ()-[r]->() WHERE NOT (r:MENTIONS AND r.count = 0) RETURN 'rels:' + type(r), count(*)", nil) {
		out[r[0].(string)] = r[1].(int64)
	}
	return out
}

// sameQueries compares every canned query on two Neo4j graphs.
func sameQueries(t *testing.T, got, want *neo4j.Store) {
	t.Helper()
	ctx := context.Background()
	n := 0
	for _, q := range queries.All() {
		for _, raw := range paramSets(t, want, q) {
			b, err := q.Bind(raw)
			if err != nil {
				t.Fatal(err)
			}
			w, err := want.Engine().Run(ctx, q, b)
			if err != nil {
				t.Fatal(err)
			}
			g, err := got.Engine().Run(ctx, q, b)
			if err != nil {
				t.Fatal(err)
			}
			n++
			if gj, wj := normalizedJSON(t, q, g), normalizedJSON(t, q, w); gj != wj {
				t.Errorf("%s %v:\ngot  %s\nwant %s", q.Name, raw, gj, wj)
			}
		}
	}
	t.Logf("%d query runs compared", n)
}

// TestIntegrationServerStopped: the server killed in the middle of kg
// ingest (SIGKILL: a graceful stop lets the running load finish) makes it
// exit 3; after a restart the same command completes the
// load with nothing duplicated or lost (the graph a clean load gives).
// Then kg export --format neo4j-admin, imported with neo4j-admin database
// import into that server, gives the graph kg ingest --neo4j gives.
func TestIntegrationServerStopped(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	main := neo4j.OpenIntegration(t, cfg)
	corpus := filepath.Join(t.TempDir(), "corpus")
	mustKG(t, "generate", "--n", "60", "--seed", "7", "--out", corpus)
	mustKG(t, "ingest", "--neo4j", corpus)
	want := neo4j.Census(t, main)
	mainURI := os.Getenv("NEO4J_URI")

	t0 := time.Now()
	step := func(what string) { t.Logf("%5.1f s: %s", time.Since(t0).Seconds(), what) }
	s := newServer(t)
	s.start()
	step("second server started")
	// start again: the same server, the same settings
	pid, _ := os.ReadFile(filepath.Join(s.home, "run", "kg-neo4j.pid"))
	first := s.cfg
	s.start()
	if again, _ := os.ReadFile(filepath.Join(s.home, "run", "kg-neo4j.pid")); s.cfg != first || string(again) != string(pid) {
		t.Fatalf("a second start: got %+v (pid %s), want the running server %+v (pid %s)", s.cfg, again, first, pid)
	}
	s.use()
	st := s.open()
	defer st.Close(context.Background())
	done := make(chan kgResult, 1)
	go func() { done <- kg(t, "ingest", "--neo4j", "--neo4j-batch", "50", corpus) }()
	committed := "MATCH (a:Article) WHERE a.hash IS NOT NULL RETURN count(a)"
	deadline := time.Now().Add(2 * time.Minute)
	for {
		// kg loads 500 articles per load and marks them loaded at its end:
		// kill the server once the load has begun writing.
		n := neo4j.Select(t, st, "MATCH (n) RETURN count(n)", nil)[0][0].(int64)
		if n > 0 {
			t.Logf("%d nodes written when the server is killed", n)
			break
		}
		select {
		case r := <-done:
			t.Fatalf("the ingest ended (exit %d) before the server could be stopped", r.code)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no article loaded after 2 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
	st.Close(context.Background())
	s.kill()
	r := <-done
	if r.code != 3 || !strings.Contains(r.stderr, "run the same command again") {
		t.Fatalf("ingest with the server stopped: got exit %d, stderr %q; want exit 3 saying to run it again", r.code, r.stderr)
	}
	t.Logf("kg said: %s", strings.TrimSpace(r.stderr))

	step("killed")
	s.start()
	step("restarted")
	st = s.open()
	defer st.Close(context.Background())
	if n := neo4j.Select(t, st, committed, nil)[0][0].(int64); n == 60 {
		t.Fatal("every article was loaded before the stop")
	}
	mustKG(t, "ingest", "--neo4j", corpus)
	if got := neo4j.Census(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("after the restart and a re-run: got %v, want %v", got, want)
	}
	if d := duplicates(t, st); len(d) > 0 {
		t.Errorf("duplicates: %v", d)
	}
	st.Close(context.Background())
	step("re-run compared")

	// neo4j-admin database import of kg export, into the stopped server,
	// compared with kg ingest --neo4j of the same articles.
	dev := filepath.Join("..", "..", "seeds") // the dev articles: TestIntegrationExportCypher
	t.Setenv("NEO4J_URI", mainURI)
	t.Setenv("NEO4J_PASSWORD", cfg.Password)
	t.Setenv("NEO4J_USERNAME", cfg.Username)
	t.Setenv("NEO4J_DATABASE", cfg.Database)
	neo4j.Wipe(t, main)
	mustKG(t, "ingest", "--neo4j", dev)
	emb := embeddedIngest(t, dev)
	emb.Close()
	export := filepath.Join(t.TempDir(), "export")
	os.Unsetenv("NEO4J_URI")
	r = kg(t, "export", "--store", emb.Path(), "--format", "neo4j-admin", export)
	if r.code != 0 {
		t.Fatalf("kg export: exit %d\n%s", r.code, r.stderr)
	}
	s.stop()
	imp := exec.Command("sh", filepath.Join(export, "import.sh"))
	imp.Env = append(s.env, "NEO4J_HOME="+s.home)
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("import.sh: %v\n%s", err, out)
	}
	step("imported")
	s.start()
	step("started on the import")
	st = s.open()
	defer st.Close(context.Background())
	// neo4j-admin imports no schema: create it as kg ingest would.
	if err := st.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, w := graphCounts(t, st), graphCounts(t, main); !reflect.DeepEqual(got, w) {
		t.Errorf("after neo4j-admin import: got %v, want what kg ingest --neo4j gives: %v", got, w)
	}
	sameQueries(t, st, main)

	// Its data folder deleted to start afresh, the server starts empty
	// with the password neo4j.sh keeps (before, it started with Neo4j's
	// default password and refused the kept one until start gave up).
	s.stop()
	if err := os.RemoveAll(filepath.Join(s.home, "data")); err != nil {
		t.Fatal(err)
	}
	s.start()
	step("started afresh")
	st = s.open()
	defer st.Close(context.Background())
	if n := neo4j.Select(t, st, "MATCH (n) RETURN count(n)", nil)[0][0].(int64); n != 0 {
		t.Errorf("after deleting the data folder: %d nodes, want none", n)
	}
}

// replay runs a kg export --format cypher script the way cypher-shell
// does: one statement per line, ended by ";"; :begin and :commit lines
// delimit transactions, which here are one per statement (the end graph is
// the same).
func replay(t *testing.T, st *neo4j.Store, script string) int {
	t.Helper()
	stmts := scriptStatements(t, script)
	for _, q := range stmts {
		neo4j.Write(t, st, q, nil)
	}
	return len(stmts)
}

// scriptStatements reads a cypher-shell script of one statement per line,
// each ended by ";" (which it drops), passing over blank lines, comments
// and :begin/:commit.
func scriptStatements(t *testing.T, script string) []string {
	t.Helper()
	raw, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") || line == ":begin" || line == ":commit" {
			continue
		}
		if !strings.HasSuffix(line, ";") {
			t.Fatalf("%s: a statement does not end its line: %.80s", script, line)
		}
		out = append(out, strings.TrimSuffix(line, ";"))
	}
	return out
}

// TestIntegrationExportCypher: kg export --format cypher replayed into an
// empty database gives the graph kg ingest --neo4j gives (every canned
// query, node and relationship counts), on the samples and the dev
// articles.
func TestIntegrationExportCypher(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	for _, corpus := range []struct{ name, dir string }{
		{"samples", filepath.Join("..", "..", "seeds")},
		{"dev articles", ""},
	} {
		t.Run(corpus.name, func(t *testing.T) {
			dir := corpus.dir
			if dir == "" {
				dir = devArticles(t)
			}
			st := neo4j.OpenIntegration(t, cfg)
			ctx := context.Background()
			mustKG(t, "ingest", "--neo4j", dir)
			wantCounts := graphCounts(t, st)
			type run struct {
				q    queries.Query
				b    map[string]any
				want string
			}
			var runs []run
			for _, q := range queries.All() {
				for _, raw := range paramSets(t, st, q) {
					b, err := q.Bind(raw)
					if err != nil {
						t.Fatal(err)
					}
					res, err := st.Engine().Run(ctx, q, b)
					if err != nil {
						t.Fatal(err)
					}
					runs = append(runs, run{q, b, normalizedJSON(t, q, res)})
				}
			}

			emb := embeddedIngest(t, dir)
			out := filepath.Join(t.TempDir(), "export")
			uri := os.Getenv("NEO4J_URI")
			os.Unsetenv("NEO4J_URI")
			r := kg(t, "export", "--store", emb.Path(), "--format", "cypher", out)
			os.Setenv("NEO4J_URI", uri)
			if r.code != 0 {
				t.Fatalf("kg export: exit %d\n%s", r.code, r.stderr)
			}
			neo4j.Wipe(t, st)
			n := replay(t, st, filepath.Join(out, "graph.cypher"))
			if got := graphCounts(t, st); !reflect.DeepEqual(got, wantCounts) {
				t.Errorf("after replaying %d statements: got %v, want %v", n, got, wantCounts)
			}
			for _, r := range runs {
				res, err := st.Engine().Run(ctx, r.q, r.b)
				if err != nil {
					t.Fatal(err)
				}
				if got := normalizedJSON(t, r.q, res); got != r.want {
					t.Errorf("%s %v after the replay:\ngot  %s\nwant %s", r.q.Name, r.b, got, r.want)
				}
			}
			t.Logf("%d statements replayed, %d query runs compared", n, len(runs))
		})
	}
}

// TestIntegrationBrowser drives Neo4j Browser, served by the Neo4j of
// NEO4J_URI (KG_NEO4J_BROWSER_URL, printed by tools/neo4j/neo4j.sh start),
// in Debian's headless Chromium with playwright-core
// (tools/neo4j/e2e/e2e.mjs): it logs in, applies kg's style, sets the city
// as typed ('Hà Nội'), runs the graph form of partners, waits until
// Browser has drawn Toulouse and saves a screenshot
// (KG_UPDATE_SCREENSHOT=1 writes docs/neo4j-browser-partners.png).
func TestIntegrationBrowser(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	browserURL := os.Getenv("KG_NEO4J_BROWSER_URL")
	if browserURL == "" {
		livetest.Skip(t, "KG_NEO4J_BROWSER_URL is not set (tools/neo4j/neo4j.sh start prints it)")
	}
	e2e := filepath.Join("..", "..", "tools", "neo4j", "e2e")
	for _, need := range []string{"/usr/bin/chromium", filepath.Join(e2e, "node_modules", "playwright-core")} {
		if _, err := os.Stat(need); err != nil {
			livetest.Skip(t, fmt.Sprintf("%v (apt-get install chromium; cd tools/neo4j/e2e && npm ci)", err))
		}
	}
	if _, err := exec.LookPath("node"); err != nil {
		livetest.Skip(t, err)
	}
	neo4j.OpenIntegration(t, cfg)
	mustKG(t, "ingest", "--neo4j", filepath.Join("..", "..", "seeds"))
	shot := filepath.Join(t.TempDir(), "partners.png")
	if os.Getenv("KG_UPDATE_SCREENSHOT") == "1" {
		shot, _ = filepath.Abs(filepath.Join("..", "..", "docs", "neo4j-browser-partners.png"))
	}
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "e2e.mjs", strings.TrimSuffix(strings.TrimSuffix(browserURL, "/"), "/browser"),
		cfg.URI, cfg.Username, cfg.Password, abs(filepath.Join("..", "..", "queries", "graph", "partners.cypher")),
		abs(filepath.Join("..", "..", "tools", "neo4j", "browser", "kg.grass")), shot, "Hà Nội", "Toulouse")
	cmd.Dir = e2e
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("e2e.mjs: %v", err)
	}
	if fi, err := os.Stat(shot); err != nil {
		t.Fatalf("no screenshot: %v", err)
	} else if fi.Size() < 10000 {
		t.Fatalf("screenshot %s: %d bytes, too small for a drawn graph", shot, fi.Size())
	}
}
