package sqlite

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/export"
	"github.com/kg-dev/kg/queries"
)

// Speed lives in these benchmarks, not in timed tests:
//
//	go test ./graph/sqlite -run XXX -bench . -benchtime 3x
//
// BenchmarkQueries and BenchmarkExport share a store of benchArticles
// synthetic articles (KG_BENCH_ARTICLES overrides it), built once per run
// in a temporary directory.
const benchArticles = 10_000

var bench struct {
	once sync.Once
	dir  string
	path string
	n    int
	err  error
}

func benchStore(b *testing.B) (*Store, int) {
	b.Helper()
	bench.once.Do(func() {
		bench.n = benchArticles
		if v, err := strconv.Atoi(os.Getenv("KG_BENCH_ARTICLES")); err == nil && v > 0 {
			bench.n = v
		}
		if bench.dir, bench.err = os.MkdirTemp("", "kg-bench-"); bench.err != nil {
			return
		}
		bench.path = filepath.Join(bench.dir, "bench.db")
		ctx := context.Background()
		s, err := Open(ctx, bench.path, Options{})
		if err != nil {
			bench.err = err
			return
		}
		defer s.Close()
		tx, err := s.Begin(ctx)
		if err != nil {
			bench.err = err
			return
		}
		c := &corpus{rng: rand.New(rand.NewPCG(1, 2)), pool: bench.n * 2}
		for i := 0; i < bench.n; i++ {
			if err := tx.Put(graph.Build(c.article(i))); err != nil {
				tx.Rollback()
				bench.err = err
				return
			}
		}
		_, bench.err = tx.Commit()
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	s, err := Open(context.Background(), bench.path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, bench.n
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// BenchmarkPut writes synthetic articles (25 entities, 75 mentions, 20
// relations with a 150-byte sentence, 2 quantities each) into one
// transaction, on top of a store that already holds 5,000: the store side
// of kg ingest. The commit (the final flush) is included.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "put.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const base = 5000
	c := &corpus{rng: rand.New(rand.NewPCG(3, 4)), pool: 200_000}
	tx, err := s.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < base; i++ {
		if err := tx.Put(graph.Build(c.article(i))); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	batches := make([]graph.Batch, b.N)
	for i := range batches {
		batches[i] = graph.Build(c.article(base + i))
	}
	b.ResetTimer()
	tx, err = s.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, bt := range batches {
		if err := tx.Put(bt); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkUnchanged is what re-ingesting an unchanged article costs the
// store: the content-hash lookup.
func BenchmarkUnchanged(b *testing.B) {
	_, n := benchStore(b)
	ctx := context.Background()
	w, err := Open(ctx, bench.path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	tx, err := w.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := fmt.Sprintf("a%07d", i%n)
		if same, err := tx.Unchanged(id, id); err != nil || !same {
			b.Fatalf("Unchanged(%s) = %v, %v", id, same, err)
		}
	}
}

// BenchmarkOpen opens the store for writing (with its integrity check)
// and for reading.
func BenchmarkOpen(b *testing.B) {
	benchStore(b)
	for _, o := range []struct {
		name string
		opts Options
	}{{"write", Options{}}, {"write-fullcheck", Options{FullCheck: true}}, {"read", Options{ReadOnly: true}}} {
		b.Run(o.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s, err := Open(context.Background(), bench.path, o.opts)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkQueries runs every canned query on the shared store, with
// parameters that hit hubs (the worst case).
func BenchmarkQueries(b *testing.B) {
	s, n := benchStore(b)
	c := &corpus{pool: n * 2}
	hub := c.entity(0)
	params := map[string]map[string]string{
		"partners": {"city": "Name 1 of city"}, "city-events": {"city": "Name 1 of city"},
		"roles-in": {"place": "Name 1 of city"}, "roles": {"person": "name 3"}, "met": {"person": "name 3 of"},
		"participants": {"event": "name 4 event"}, "event-counts": {"event": "name 4 event"},
		"neighbours": {"entity": hub.Name}, "path": {"source": "Name 1 of city", "target": "Nàme " + strconv.Itoa(n)},
		"top-cities": {"limit": "10"}, "edge-articles": {"rel": "PARTNER_OF", "source": "Name 1 of city", "target": hub.Name},
	}
	ctx := context.Background()
	for _, q := range queries.All() {
		bound, err := q.Bind(params[q.Name])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q.Name, func(b *testing.B) {
			rows := 0
			for i := 0; i < b.N; i++ {
				res, err := s.Run(ctx, q, bound)
				if err != nil {
					b.Fatal(err)
				}
				rows = len(res.Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
	// The path query between a hub and the long tail, both ways, and
	// between two tail entities.
	q, _ := queries.Get("path")
	for _, pair := range [][2]string{{"Nàme 1", "Nàme 2"}, {"Nàme 1", fmt.Sprint("Nàme ", n*3/2)},
		{fmt.Sprint("Nàme ", n*3/2), "Nàme 1"}, {fmt.Sprint("Nàme ", n*3/2), fmt.Sprint("Nàme ", n*17/10+1)}} {
		bound, _ := q.Bind(map[string]string{"source": pair[0], "target": pair[1]})
		b.Run(fmt.Sprintf("path/%s→%s", pair[0], pair[1]), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Run(ctx, q, bound); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExport writes the shared store in each export format.
func BenchmarkExport(b *testing.B) {
	s, n := benchStore(b)
	ctx := context.Background()
	for _, f := range []struct {
		name  string
		write func(context.Context, export.Source, string) (export.Summary, error)
	}{
		{"neo4j-admin", func(ctx context.Context, _ export.Source, dir string) (export.Summary, error) {
			return export.WriteNeo4jAdmin(ctx, export.Neo4jLayout(s), dir, nil)
		}},
		{"cypher", func(ctx context.Context, _ export.Source, _ string) (export.Summary, error) {
			return export.WriteCypher(ctx, export.Neo4jLayout(s), io.Discard, nil, 500)
		}},
		{"graphml", func(ctx context.Context, src export.Source, _ string) (export.Summary, error) {
			return export.WriteGraphML(ctx, src, io.Discard)
		}},
	} {
		b.Run(f.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := f.write(ctx, export.FromStore(s), b.TempDir()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
