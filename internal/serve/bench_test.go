package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/kg-dev/kg/graph/sqlite"
)

// BenchmarkAPI measures the server's work for the answers the page asks
// first, on a big store named by KG_SERVE_STORE (the 100,000-article one
// of docs/PERFORMANCE.md; skipped without it): the neighbourhood of the
// biggest hubs and of a city, as the page opens them (limit 200), and a
// search as a person types. From the request to the last byte written,
// without the network.
//
//	KG_SERVE_STORE=big.db go test ./internal/serve -run XXX -bench API -cpu 1
func BenchmarkAPI(b *testing.B) {
	path := os.Getenv("KG_SERVE_STORE")
	if path == "" {
		b.Skip("KG_SERVE_STORE names no store")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true, SkipCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s := New(NewBackend(st), Options{})
	for _, bm := range []struct{ name, path string }{
		{"neighbours/vietnam", "/api/neighbours/country:vietnam"},
		{"neighbours/france", "/api/neighbours/country:france"},
		{"neighbours/hanoi", "/api/neighbours/city:hanoi"},
		{"search/ha", "/api/search?q=ha"},
		{"search/toulo", "/api/search?q=toulo"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", bm.path, nil)
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r) // warm: the pages, the search index
			if w.Code != http.StatusOK {
				b.Fatalf("GET %s: %d %s", bm.path, w.Code, w.Body)
			}
			b.SetBytes(int64(w.Body.Len()))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				w := httptest.NewRecorder()
				s.ServeHTTP(w, r)
			}
		})
	}
}
