package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/internal/corpus"
	"github.com/kg-dev/kg/internal/ordered"
	"github.com/kg-dev/kg/reader"
)

// BenchmarkPipeline measures what kg ingest does before the store: read
// files from disk, decode them, extract on N workers and build the graph
// rows, in input order. The input is the sample articles and 500
// generated ones (internal/corpus, seed 7) written as .txt files.
//
//	go test ./internal/cli -run XXX -bench Pipeline -benchmem
//
// workers=2 against workers=1 is the scaling with a second core.
func BenchmarkPipeline(b *testing.B) {
	dir := b.TempDir()
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	var size int64
	for _, s := range seeds {
		t, err := os.ReadFile(s)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), t, 0o644); err != nil {
			b.Fatal(err)
		}
		size += int64(len(t))
	}
	err := corpus.Generate(corpus.Options{Seed: 7, N: 500}, func(a corpus.Article) error {
		size += int64(len(a.Text))
		return os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	x, err := sharedExtractor()
	if err != nil {
		b.Fatal(err)
	}
	x.Extract(extract.Document{ID: "warm", Text: "Hanoi and Lyon signed a cooperation agreement."})

	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				n := 0
				read := func(emit func(extract.Document) error) error {
					return reader.WalkWith(context.Background(), []string{dir}, emit, reader.Options{})
				}
				build := func(d extract.Document) graph.Batch { return graph.Build(x.Extract(d)) }
				err := ordered.Map(context.Background(), workers, read, build, func(graph.Batch) error {
					n++
					return nil
				})
				if err != nil || n != len(seeds)+500 {
					b.Fatalf("%d articles, %v", n, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*(len(seeds)+500)), "µs/article")
		})
	}
}

// BenchmarkStoreBatches writes the rows of 3,000 generated articles
// (extracted once, beforehand) into a fresh embedded store through the
// ingest's sink, committing every N articles (0: once at the end), which
// is what resumable ingest costs the writer:
//
//	go test ./internal/cli -run XXX -bench StoreBatches -benchtime 2x
func BenchmarkStoreBatches(b *testing.B) {
	x, err := sharedExtractor()
	if err != nil {
		b.Fatal(err)
	}
	var batches []graph.Batch
	err = corpus.Generate(corpus.Options{Seed: 7, N: 3000}, func(a corpus.Article) error {
		id := a.Name[:len(a.Name)-len(filepath.Ext(a.Name))]
		batches = append(batches, graph.Build(x.Extract(extract.Document{ID: id, Text: a.Text, Hash: id})))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, every := range []int{0, 1000, 250} {
		b.Run(fmt.Sprintf("every=%d", every), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				n := every
				if every == 0 {
					n = len(batches) + 1
				}
				k := openTestSink(b, filepath.Join(b.TempDir(), "kg.db"), n)
				b.StartTimer()
				for _, bt := range batches {
					if err := k.Put(bt); err != nil {
						b.Fatal(err)
					}
				}
				if err := k.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(batches)), "µs/article")
		})
	}
}
