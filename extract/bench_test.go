package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-dev/kg/extract"
)

// BenchmarkExtractSeeds measures end-to-end extraction of one article
// (header, language, zones, entities, relations, quantities) over the
// sample articles: go test ./extract -bench ExtractSeeds -benchmem
func BenchmarkExtractSeeds(b *testing.B) {
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	var docs []extract.Document
	size := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, extract.Document{ID: filepath.Base(f), Text: string(t)})
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Extract(d)
		}
	}
}
