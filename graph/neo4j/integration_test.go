package neo4j

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/internal/livetest"
	"github.com/kg-dev/kg/queries"
)

// Integration tests run against a real Neo4j only when NEO4J_URI is set
// (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). They delete
// everything in that database, so they refuse a database that is not
// empty at the start unless KG_NEO4J_WIPE=1.

func integrationConfig(t *testing.T) Config {
	t.Helper()
	s := livetest.Neo4j(t)
	return Config{URI: s.URI, Username: s.Username, Password: s.Password, Database: s.Database}
}

var (
	emptyOnce sync.Once
	emptyErr  error
)

// openIntegration opens the test database and empties it.
func openIntegration(t *testing.T, cfg Config) *Store {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("opening neo4j: %v", err)
	}
	t.Cleanup(func() { st.Close(ctx) })
	emptyOnce.Do(func() {
		n := count(t, st, "MATCH (n) RETURN count(n) AS n")
		if n > 0 && os.Getenv("KG_NEO4J_WIPE") != "1" {
			emptyErr = fmt.Errorf("database %q holds %d nodes; the integration tests delete everything, so they need an empty database (or KG_NEO4J_WIPE=1)", st.Database(), n)
		}
	})
	if emptyErr != nil {
		livetest.Skip(t, emptyErr)
	}
	wipe(t, st)
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// wipe deletes every node, 2,000 at a time (one transaction for a big
// graph would exceed the server's transaction memory).
func wipe(t *testing.T, st *Store) {
	t.Helper()
	for {
		var n int64
		err := st.exec.ExecuteWrite(context.Background(), func(tx Tx) error {
			rows, err := tx.Run(context.Background(), "MATCH (n) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS n", nil)
			if err == nil && len(rows.Values) == 1 {
				n, _ = rows.Values[0][0].(int64)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

func count(t *testing.T, st *Store, cypher string) int64 {
	t.Helper()
	var n int64
	err := st.exec.ExecuteRead(context.Background(), func(tx Tx) error {
		rows, err := tx.Run(context.Background(), cypher, nil)
		if err != nil {
			return err
		}
		n, _ = rows.Values[0][0].(int64)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// census counts nodes per label, relationships per type, evidence entries
// and sources: what must not change when the same articles are loaded
// again.
func census(t *testing.T, st *Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := st.exec.ExecuteRead(context.Background(), func(tx Tx) error {
		for _, q := range []string{
			"MATCH (n) RETURN 'nodes:' + labels(n)[0] AS k, count(*) AS n",
			"MATCH ()-[r]->() RETURN 'rels:' + type(r) AS k, count(*) AS n",
			"MATCH (s:Source) RETURN 'evidence:' + s.kind AS k, sum(size(s.sentences)) AS n",
			"MATCH (s:Source) RETURN 'sources:' + s.kind AS k, count(*) AS n",
			// the counts each relationship and quantity keeps, summed
			"MATCH ()-[r]->() WHERE r.key IS NOT NULL RETURN 'ev_count:' + type(r) AS k, sum(r.ev_count) AS n",
			"MATCH ()-[r]->() WHERE r.key IS NOT NULL RETURN 'src_count:' + type(r) AS k, sum(r.src_count) AS n",
			"MATCH (q:Quantity) RETURN 'ev_count:Quantity' AS k, sum(q.ev_count) AS n",
			"MATCH (q:Quantity) RETURN 'src_count:Quantity' AS k, sum(q.src_count) AS n",
			"MATCH (a:Article) WHERE a.hash IS NULL RETURN 'uncommitted' AS k, count(*) AS n",
		} {
			rows, err := tx.Run(context.Background(), q, nil)
			if err != nil {
				return err
			}
			for _, v := range rows.Values {
				out[v[0].(string)] += v[1].(int64)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestIntegrationLoadTwice(t *testing.T) {
	cfg := integrationConfig(t)
	st := openIntegration(t, cfg)
	ctx := context.Background()
	bs := fixtureBatches(t)
	s1, err := st.Load(ctx, bs, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first := census(t, st)
	t.Logf("first load: %+v; graph: %v", s1, first)
	if first["nodes:Article"] != int64(len(bs)) || first["uncommitted"] != 0 {
		t.Errorf("articles: got %d (%d uncommitted), want %d committed", first["nodes:Article"], first["uncommitted"], len(bs))
	}
	s2, err := st.Load(ctx, bs, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s2.Unchanged != len(bs) || s2.Transactions != 2 {
		t.Errorf("second load: got %d unchanged in %d transactions, want %d in 2 (claim, release)", s2.Unchanged, s2.Transactions, len(bs))
	}
	s3, err := st.Load(ctx, bs, LoadOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := census(t, st); !reflect.DeepEqual(got, first) {
		t.Errorf("after a forced reload (%+v): got %v, want %v", s3, got, first)
	}

	// Replacing one article by an empty version removes exactly its part.
	empty := graph.Batch{Article: bs[0].Article}
	empty.Article.Hash = "emptied"
	if _, err := st.Load(ctx, []graph.Batch{empty}, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, st, "MATCH (s:Source {article: '"+bs[0].Article.ID+"'}) RETURN count(s) AS n"); n != 0 {
		t.Errorf("relationships still holding the emptied article's evidence: got %d, want 0", n)
	}
	if n := count(t, st, "MATCH (n) WHERE NOT n:Article AND NOT n:Quantity AND NOT n:Source AND NOT (n)<-[:MENTIONS]-() RETURN count(n) AS n"); n != 0 {
		t.Errorf("entity nodes without mentions: got %d, want 0", n)
	}
	if _, err := st.Load(ctx, bs, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := census(t, st); !reflect.DeepEqual(got, first) {
		t.Errorf("after emptying and restoring an article: got %v, want %v", got, first)
	}
}

func TestIntegrationConnectionErrors(t *testing.T) {
	cfg := integrationConfig(t)
	ctx := context.Background()
	bad := cfg
	bad.Password = cfg.Password + "-wrong"
	_, err := Open(ctx, bad)
	if !errors.Is(err, ErrAuth) {
		t.Errorf("wrong password: got %v, want ErrAuth", err)
	}
	if err != nil && cfg.Password != "" && strings.Contains(err.Error(), bad.Password) {
		t.Errorf("error contains the password: %v", err)
	}
	nodb := cfg
	nodb.Database = "kg-no-such-database"
	if _, err := Open(ctx, nodb); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("unknown database: got %v, want ErrNoDatabase", err)
	}
}

// TestIntegrationQueriesGolden runs every canned query on the fixture and
// compares the normalized rows with the embedded store's golden results.
func TestIntegrationQueriesGolden(t *testing.T) {
	cfg := integrationConfig(t)
	st := openIntegration(t, cfg)
	ctx := context.Background()
	if _, err := st.Load(ctx, fixtureBatches(t), LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "queries", "testdata")
	raw, err := os.ReadFile(filepath.Join(dir, "params.json"))
	if err != nil {
		t.Fatalf("reading query params: %v", err)
	}
	var params map[string]map[string]string
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatalf("decoding %s: %v", filepath.Join(dir, "params.json"), err)
	}
	eng := st.Engine()
	qs := queries.All()
	if len(qs) == 0 {
		t.Fatal("no canned queries")
	}
	for _, q := range qs {
		t.Run(q.Name, func(t *testing.T) {
			b, err := q.Bind(params[q.Name])
			if err != nil {
				t.Fatal(err)
			}
			got, err := eng.Run(ctx, q, b)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(filepath.Join(dir, "golden", q.Name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var want queries.Result
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			g, w := q.Normalize(got), q.Normalize(want)
			// JSON text compares 1 and 1.0 alike: decoded golden numbers
			// are float64, Neo4j's integers int64.
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(w)
			if string(gj) != string(wj) {
				t.Errorf("got\n%s\nwant\n%s", gj, wj)
			}
		})
	}
}

// proxy forwards TCP connections to target and drops the first
// connection that has carried more than limit bytes from the client.
type proxy struct {
	ln      net.Listener
	target  string
	limit   int64
	dropped atomic.Bool
	total   atomic.Int64
}

func newProxy(t *testing.T, target string, limit int64) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target, limit: limit}
	t.Cleanup(func() { ln.Close() })
	go p.serve()
	return p
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *proxy) handle(c net.Conn) {
	s, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		c.Close()
		return
	}
	done := make(chan struct{}, 2)
	go func() { io.Copy(c, s); done <- struct{}{} }()
	go func() {
		buf := make([]byte, 4096)
		var sent int64
		for {
			n, err := c.Read(buf)
			if n > 0 {
				sent += int64(n)
				p.total.Add(int64(n))
				if p.limit > 0 && sent > p.limit && !p.dropped.Swap(true) {
					break // drop the connection mid-stream
				}
				if _, werr := s.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		done <- struct{}{}
	}()
	<-done
	c.Close()
	s.Close()
}

// TestIntegrationKilledConnection drops the connection in the middle of a
// load; loading again must complete the graph without duplicates.
func TestIntegrationKilledConnection(t *testing.T) {
	cfg := integrationConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "7687")
	}
	st := openIntegration(t, cfg)
	ctx := context.Background()
	bs := fixtureBatches(t)

	// Reference: a clean load, and the bytes it sends through a proxy.
	if _, err := st.Load(ctx, bs, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	want := census(t, st)
	wipe(t, st)
	measure := newProxy(t, target, 0)
	pcfg := cfg
	pcfg.URI = "bolt://" + measure.ln.Addr().String()
	pcfg.BatchSize = 2 // many small transactions
	ps, err := Open(ctx, pcfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ps.Load(ctx, bs, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	ps.Close(ctx)
	full := measure.total.Load()
	if got := census(t, st); !reflect.DeepEqual(got, want) {
		t.Fatalf("load with batch 2: got %v, want %v", got, want)
	}

	for _, frac := range []int64{4, 2} {
		t.Run(fmt.Sprintf("drop after 1/%d of the bytes", frac), func(t *testing.T) {
			wipe(t, st)
			if err := st.EnsureSchema(ctx); err != nil {
				t.Fatal(err)
			}
			p := newProxy(t, target, full/frac)
			pcfg.URI = "bolt://" + p.ln.Addr().String()
			ps, err := Open(ctx, pcfg)
			if err != nil {
				t.Fatal(err)
			}
			s1, err1 := ps.Load(ctx, bs, LoadOptions{})
			ps.Close(ctx)
			t.Logf("interrupted load: dropped=%t, stats %+v, err %v", p.dropped.Load(), s1, err1)
			if !p.dropped.Load() {
				t.Fatalf("the proxy never dropped the connection (limit %d of %d bytes)", full/frac, full)
			}
			s2, err := st.Load(ctx, bs, LoadOptions{})
			if err != nil {
				t.Fatalf("re-run: %v", err)
			}
			t.Logf("re-run: %+v", s2)
			if got := census(t, st); !reflect.DeepEqual(got, want) {
				t.Errorf("after the re-run: got %v, want %v", got, want)
			}
		})
	}
}
