package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/queries"
)

// corpus generates n synthetic articles shaped like the real ones: about
// 25 entities each drawn from a skewed pool (a few hubs such as Vietnam
// appear in most articles, most entities in a handful), 3 mentions per
// entity, 20 relations with a 150-byte evidence sentence, 2 quantities.
type corpus struct {
	rng  *rand.Rand
	pool int
}

var scaleTypes = []string{extract.Person, extract.City, extract.Country, extract.Organization, extract.Event}

func (c *corpus) entity(i int) extract.Entity {
	typ := scaleTypes[i%len(scaleTypes)]
	prefix := map[string]string{extract.Person: "person", extract.City: "city", extract.Country: "country", extract.Organization: "org", extract.Event: "event"}[typ]
	name := fmt.Sprintf("Name %d of %s", i, strings.ToLower(typ))
	return extract.Entity{
		ID: fmt.Sprintf("%s:name-%d", prefix, i), Type: typ, Name: name,
		Aliases: []string{fmt.Sprintf("Nàme %d", i)},
		Props:   map[string]any{"country": "VN"},
	}
}

// pick returns an entity index: 1 in 4 picks one of 20 hubs, the rest
// follow a long tail over the pool.
func (c *corpus) pick() int {
	if c.rng.IntN(4) == 0 {
		return c.rng.IntN(20)
	}
	// Squaring a uniform variable skews towards small indexes.
	u := c.rng.Float64()
	return 20 + int(u*u*float64(c.pool-20))
}

func (c *corpus) article(n int) extract.DocResult {
	id := fmt.Sprintf("a%07d", n)
	d := extract.DocResult{Doc: extract.DocumentInfo{ID: id, Title: "Title " + id, Date: "2023-04-14", Lang: "en", Path: id + ".txt", Hash: id}}
	seen := map[int]bool{}
	var idx []int
	for len(idx) < 25 {
		i := c.pick()
		if !seen[i] {
			seen[i] = true
			idx = append(idx, i)
		}
	}
	sentence := strings.Repeat("Hà Nội and Toulouse signed a cooperation agreement. ", 3)
	for k, i := range idx {
		e := c.entity(i)
		for m := 0; m < 3; m++ {
			e.Mentions = append(e.Mentions, extract.Span{Doc: id, Start: k*100 + m*10, End: k*100 + m*10 + 6, Text: e.Name})
		}
		d.Entities = append(d.Entities, e)
	}
	for r := 0; r < 20; r++ {
		a, b := d.Entities[c.rng.IntN(len(idx))], d.Entities[c.rng.IntN(len(idx))]
		if a.ID == b.ID {
			continue
		}
		typ := extract.RelationTypes[c.rng.IntN(len(extract.RelationTypes))]
		props := map[string]any{}
		if typ == extract.HoldsRole {
			props["title"] = "Mayor"
		}
		d.Relations = append(d.Relations, extract.Relation{Type: typ, From: a.ID, To: b.ID, Props: props,
			Evidence: []extract.Span{{Doc: id, Start: r * 160, End: r*160 + len(sentence), Text: sentence}}})
	}
	for q := 0; q < 2; q++ {
		d.Quantities = append(d.Quantities, extract.Quantity{Subject: d.Entities[0].ID, Count: float64(10 + c.rng.IntN(50)), Unit: "localities",
			Evidence: []extract.Span{{Doc: id, Start: 0, End: len(sentence), Text: sentence}}})
	}
	return d
}

// TestScale ingests KG_SCALE synthetic articles in one transaction and
// reports the time, the store's size and the process's peak memory, then
// times the canned queries on the result. It is skipped unless KG_SCALE is
// set: KG_SCALE=100000 go test ./graph/sqlite -run Scale -v -timeout 30m
func TestScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("KG_SCALE"))
	if n == 0 {
		t.Skip("set KG_SCALE=N to ingest N synthetic articles")
	}
	dir := os.Getenv("KG_SCALE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, "scale.db")
	os.Remove(path)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &corpus{rng: rand.New(rand.NewPCG(1, 2)), pool: n * 2}

	start := time.Now()
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var build time.Duration
	for i := 0; i < n; i++ {
		b0 := time.Now()
		b := graph.Build(c.article(i))
		build += time.Since(b0)
		if err := tx.Put(b); err != nil {
			t.Fatal(err)
		}
		if (i+1)%(n/10+1) == 0 {
			t.Logf("%d articles in %.1f s", i+1, time.Since(start).Seconds())
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	total := time.Since(start)
	fi, _ := os.Stat(path)
	cnt := counts(t, s)
	t.Logf("ingested %d articles in %.1f s (%.0f articles/s; generating and building rows: %.1f s); %+v", n, total.Seconds(), float64(n)/total.Seconds(), build.Seconds(), st)
	t.Logf("store: %.0f MB; %d entities, %d relations, %d mentions", float64(fi.Size())/1e6, cnt.Entities(), cnt.Relations(), cnt.Rels["MENTIONS"])
	t.Logf("peak RSS %s; Go heap in use now %d MB", peakRSS(), heapMB())

	// Replacing one article of a hub is incremental except for what it touched.
	start = time.Now()
	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := n / 2; i < n/2+10; i++ {
		d := c.article(i)
		d.Doc.Hash = "v2"
		if err := tx.Put(graph.Build(d)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	t.Logf("replacing 10 articles mid-corpus: %.2f s", time.Since(start).Seconds())
	start = time.Now()
	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := n; i < n+10; i++ {
		if err := tx.Put(graph.Build(c.article(i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	t.Logf("adding 10 new articles: %.2f s", time.Since(start).Seconds())

	scaleQueries(t, s, path, n)
}

// TestScaleQueries times the canned queries (best of 3), Counts and
// opening on an existing store: one TestScale left behind (KG_SCALE_DIR),
//
//	KG_SCALE_STORE=/tmp/st/scale.db KG_SCALE=100000 go test ./graph/sqlite -run ScaleQueries -v
//
// or any store, with the parameters of each query as JSON:
//
//	KG_SCALE_STORE=/tmp/big.db KG_SCALE_PARAMS='{"partners": {"city": "Hanoi"}, ...}' go test ...
func TestScaleQueries(t *testing.T) {
	path := os.Getenv("KG_SCALE_STORE")
	n, _ := strconv.Atoi(os.Getenv("KG_SCALE"))
	if path == "" || n == 0 && os.Getenv("KG_SCALE_PARAMS") == "" {
		t.Skip("set KG_SCALE_STORE=FILE and KG_SCALE=N (the N it was built with) or KG_SCALE_PARAMS")
	}
	s, err := Open(context.Background(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	scaleQueries(t, s, path, n)
}

func scaleQueries(t *testing.T, s *Store, path string, n int) {
	ctx := context.Background()
	c := &corpus{pool: n * 2}
	hub := c.entity(0)
	params := map[string]map[string]string{
		"partners": {"city": "Name 1 of city"}, "city-events": {"city": "Name 1 of city"},
		"roles-in": {"place": "Name 1 of city"}, "roles": {"person": "name 3"}, "met": {"person": "name 3 of"},
		"participants": {"event": "name 4 event"}, "event-counts": {"event": "name 4 event"},
		"neighbours": {"entity": hub.Name}, "path": {"source": "Name 1 of city", "target": "Nàme " + strconv.Itoa(n)},
		"top-cities": {"limit": "10"}, "edge-articles": {"rel": "PARTNER_OF", "source": "Name 1 of city", "target": hub.Name},
	}
	synthetic := true
	if p := os.Getenv("KG_SCALE_PARAMS"); p != "" {
		if err := json.Unmarshal([]byte(p), &params); err != nil {
			t.Fatalf("KG_SCALE_PARAMS: %v", err)
		}
		synthetic = false
	}
	for _, q := range queries.All() {
		b, err := q.Bind(params[q.Name])
		if err != nil {
			t.Fatal(err)
		}
		best := time.Duration(math.MaxInt64)
		var rows int
		for range 3 {
			start := time.Now()
			res, err := s.Run(ctx, q, b)
			if err != nil {
				t.Fatalf("%s: %v", q.Name, err)
			}
			best, rows = min(best, time.Since(start)), len(res.Rows)
		}
		t.Logf("query %-14s %6d rows in %7.1f ms (best of 3)", q.Name, rows, float64(best.Microseconds())/1000)
	}
	for _, pair := range [][2]string{{"Nàme 1", "Nàme 2"}, {"Nàme 1", fmt.Sprint("Nàme ", n*3/2)}, {fmt.Sprint("Nàme ", n*3/2), "Nàme 1"},
		{fmt.Sprint("Nàme ", n*3/2), fmt.Sprint("Nàme ", n*17/10+1)}, {"Nàme 3", "nowhere"}} {
		if !synthetic {
			break
		}
		q, _ := queries.Get("path")
		b, _ := q.Bind(map[string]string{"source": pair[0], "target": pair[1]})
		start := time.Now()
		res, err := s.Run(ctx, q, b)
		if err != nil {
			t.Fatal(err)
		}
		l := any("none")
		if len(res.Rows) > 0 {
			l = res.Rows[0][4]
		}
		t.Logf("path %s → %s (length %v) in %.1f ms", pair[0], pair[1], l, float64(time.Since(start).Microseconds())/1000)
	}
	start := time.Now()
	if _, err := s.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("Counts: %.2f s", time.Since(start).Seconds())
	for _, o := range []Options{{}, {FullCheck: true}} {
		start = time.Now()
		w, err := Open(ctx, path, o)
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
		t.Logf("open for writing %+v: %.3f s", o, time.Since(start).Seconds())
	}
}

func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "unknown"
}

func heapMB() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse >> 20
}
