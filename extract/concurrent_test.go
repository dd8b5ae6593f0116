package extract_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/internal/corpus"
)

// TestConcurrentExtract extracts the same articles on one goroutine and
// on four sharing the Extractor (the NER model, the pooled buffers) and
// wants the same results, each article extracted twice in a row too (no
// state carried from one article to the next). Run it with -race.
func TestConcurrentExtract(t *testing.T) {
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.Document
	n := 60
	if testing.Short() {
		n = 10
	}
	err = corpus.Generate(corpus.Options{Seed: 5, N: n}, func(a corpus.Article) error {
		docs = append(docs, extract.Document{ID: a.Name, Text: a.Text})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]extract.DocResult, len(docs))
	for i, d := range docs {
		want[i] = x.Extract(d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(docs))
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := range docs {
				i := (k + w*len(docs)/4) % len(docs)
				for rep := 0; rep < 2; rep++ {
					if got := x.Extract(docs[i]); !reflect.DeepEqual(got, want[i]) {
						errs <- fmt.Sprintf("worker %d: %s differs from the serial extraction", w, docs[i].ID)
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
