package extract_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/internal/corpus"
)

// Benchmarks of end-to-end extraction (header, language, sentences,
// entities, relations, quantities, resolution). One op extracts every
// article of a set once; SetBytes makes MB/s comparable between sets and
// between -cpu values, and allocs/article, B/article and cpu-MB/s (MB per
// second of the process's CPU time, see perArticle) are reported besides
// the per-op figures. The issues' speed goals (docs/PERFORMANCE.md):
//
//	go test ./extract -run XXX -bench 'ExtractSeeds$|ExtractMix$|ExtractParallel/mix' -cpu 1,2 -count 2 -benchtime 20x
//
// On a machine other programs load, compare two builds by cpu-MB/s, or
// by MB/s with their test binaries (go test -c) run in turn.
//
// Nothing is cached across Extract calls (the NER results are kept per
// article only), so repeating the same articles measures real work.

// mixDocs is a realistic mix: the sample articles, the dev set's real
// articles when ../shared is beside the repository, and 200 generated
// English and French ones (internal/corpus, seed 1).
func mixDocs(b *testing.B) []extract.Document {
	b.Helper()
	docs := seedDocs(b)
	dev, _ := filepath.Glob(filepath.Join("..", "..", "shared", "eval", "dev", "articles", "*.txt"))
	for _, f := range dev {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, extract.Document{ID: filepath.Base(f), Text: string(t)})
	}
	err := corpus.Generate(corpus.Options{Seed: 1, N: 200}, func(a corpus.Article) error {
		docs = append(docs, extract.Document{ID: a.Name, Text: a.Text})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// seedDocs reads the sample articles in seeds/.
func seedDocs(b *testing.B) []extract.Document {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if len(files) == 0 {
		b.Fatal("no seed articles")
	}
	var docs []extract.Document
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, extract.Document{ID: filepath.Base(f), Text: string(t)})
	}
	return docs
}

func docBytes(docs []extract.Document) int64 {
	n := 0
	for _, d := range docs {
		n += len(d.Text)
	}
	return int64(n)
}

// perArticle reports the allocations and bytes allocated per article
// between two memory snapshots taken outside the timed region, and the
// MB extracted per second of CPU time used by the process meanwhile
// (cpu-MB/s, where the platform tells it): unlike MB/s, which is per
// second of wall-clock time, it hardly moves when other programs load the
// machine, so it compares two builds measured on a busy machine. With
// -cpu 2 it counts both workers' time: equal to MB/s on one core when
// the second worker costs nothing extra.
func perArticle(b *testing.B, before *runtime.MemStats, cpu0 time.Duration, bytes int64, articles int) {
	cpu1, ok := cpuTime()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	n := float64(b.N) * float64(articles)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/article")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/article")
	if ok && cpu1 > cpu0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/(cpu1-cpu0).Seconds(), "cpu-MB/s")
	}
}

// benchSerial extracts docs one after the other on one goroutine.
func benchSerial(b *testing.B, docs []extract.Document) {
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range docs { // load the models outside the timed region
		x.Extract(d)
	}
	b.SetBytes(docBytes(docs))
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cpu0, _ := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Extract(d)
		}
	}
	b.StopTimer()
	perArticle(b, &ms, cpu0, docBytes(docs), len(docs))
}

// benchParallel extracts docs on GOMAXPROCS goroutines sharing one
// Extractor (b.RunParallel): with -cpu 1,2 the MB/s of the two runs give
// the scaling with a second worker.
func benchParallel(b *testing.B, docs []extract.Document) {
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range docs {
		x.Extract(d)
	}
	b.SetBytes(docBytes(docs))
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cpu0, _ := cpuTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, d := range docs {
				x.Extract(d)
			}
		}
	})
	b.StopTimer()
	perArticle(b, &ms, cpu0, docBytes(docs), len(docs))
}

// BenchmarkExtractSeeds measures end-to-end extraction of the sample
// articles: go test ./extract -run XXX -bench ExtractSeeds -benchmem
func BenchmarkExtractSeeds(b *testing.B) { benchSerial(b, seedDocs(b)) }

// BenchmarkExtractMix measures end-to-end extraction of the sample
// articles with 200 generated ones (about 60% of them French).
func BenchmarkExtractMix(b *testing.B) { benchSerial(b, mixDocs(b)) }

// BenchmarkExtractParallel is BenchmarkExtractSeeds and BenchmarkExtractMix
// on GOMAXPROCS workers sharing one Extractor:
// go test ./extract -run XXX -bench ExtractParallel -cpu 1,2
func BenchmarkExtractParallel(b *testing.B) {
	b.Run("seeds", func(b *testing.B) { benchParallel(b, seedDocs(b)) })
	b.Run("mix", func(b *testing.B) { benchParallel(b, mixDocs(b)) })
}

// BenchmarkExtractBySize measures one article of 1, 4, 16 and 32 MB
// ("one") against the same text as the separate generated articles it was
// made of ("split"), so that the per-byte cost of a long article can be
// compared with that of ordinary ones (MB/s), with the peak heap in use
// while extracting (sampled every millisecond):
//
//	go test ./extract -run XXX -bench ExtractBySize -benchtime 1x
func BenchmarkExtractBySize(b *testing.B) {
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	var arts []extract.Document
	total := 0
	err = corpus.Generate(corpus.Options{Seed: 7, N: 12000}, func(a corpus.Article) error {
		if total < 32<<20 {
			arts = append(arts, extract.Document{ID: a.Name, Text: a.Text})
			total += len(a.Text)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	x.Extract(arts[0]) // load the models outside the timed region
	for _, mb := range []int{1, 4, 16, 32} {
		var split []extract.Document
		var one strings.Builder
		for _, a := range arts {
			if one.Len() >= mb<<20 {
				break
			}
			split = append(split, a)
			one.WriteString(a.Text)
			one.WriteString("\n\n")
		}
		long := []extract.Document{{ID: "long", Text: one.String()}}
		for _, c := range []struct {
			name string
			docs []extract.Document
		}{{"one", long}, {"split", split}} {
			b.Run(fmt.Sprintf("%s/%dMB", c.name, mb), func(b *testing.B) {
				b.SetBytes(docBytes(c.docs))
				runtime.GC()
				stop := peakHeap(b)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					for _, d := range c.docs {
						x.Extract(d)
					}
				}
				b.StopTimer()
				stop()
			})
		}
	}
}

// peakHeap samples the heap in use until the returned function is called,
// which reports the peak as MB-peak-heap.
func peakHeap(b *testing.B) func() {
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		var ms runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > max {
				max = ms.HeapInuse
			}
			select {
			case <-done:
				peak <- max
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		b.ReportMetric(float64(<-peak)/(1<<20), "MB-peak-heap")
	}
}
