package reader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
)

// article is one paragraph of realistic text, repeated to build big files.
const article = "Hà Nội (VNA) – The 12th Vietnam-France decentralised cooperation conference gathered nearly 1,000 delegates from 50 Vietnamese localities and 12 French ones.\r\n" +
	"La 12e Conférence de coopération décentralisée Vietnam - France s'est tenue à Hanoï, en présence des maires de Toulouse, Lyon et Nantes.\r\n\r\n"

// writeBig writes a plain text file of about size bytes and returns its path.
func writeBig(tb testing.TB, size int) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "big.txt")
	src := strings.Repeat(article, size/len(article)+1)[:size]
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestLargeFiles(t *testing.T) {
	for _, mb := range []int{20, 100} {
		t.Run(fmt.Sprintf("%dMB", mb), func(t *testing.T) {
			if mb > 20 && testing.Short() {
				t.Skip("-short")
			}
			size := mb << 20
			p := writeBig(t, size)
			start := time.Now()
			var docs []extract.Document
			err := WalkWith(context.Background(), []string{p}, func(d extract.Document) error {
				docs = append(docs, d)
				return nil
			}, Options{OnError: func(w string, err error) { t.Errorf("%s: %v", w, err) }})
			elapsed := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || len(docs[0].Text) != size {
				t.Fatalf("got %d documents, want one of %d bytes", len(docs), size)
			}
			if !strings.HasPrefix(docs[0].Text, article) {
				t.Errorf("text: got %.40q..., want the file's bytes", docs[0].Text)
			}
			t.Logf("read %d MB in %v (%.0f MB/s)", mb, elapsed.Round(time.Millisecond), float64(size)/1e6/elapsed.Seconds())
		})
	}
}

func TestLargeFileOverDefaultLimit(t *testing.T) {
	// A sparse file: 300 MB on paper, nothing on disk, never read.
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var fails []string
	err = WalkWith(context.Background(), []string{p}, func(extract.Document) error {
		t.Error("got a document, want none")
		return nil
	}, Options{OnError: func(w string, err error) { fails = append(fails, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	want := "input too large: 314572800 bytes, the limit is 268435456 bytes"
	if len(fails) != 1 || fails[0] != want {
		t.Errorf("failures: got %q, want [%q]", fails, want)
	}
}

func BenchmarkReadText(b *testing.B) {
	for _, tc := range []struct {
		name   string
		damage bool
	}{{"valid", false}, {"repaired", true}} {
		b.Run(tc.name, func(b *testing.B) {
			const size = 20 << 20
			p := writeBig(b, size)
			if tc.damage { // one Latin-1 byte every 4 KiB
				src, _ := os.ReadFile(p)
				for i := 0; i < len(src); i += 4096 {
					src[i] = 0xe9
				}
				os.WriteFile(p, src, 0o644)
			}
			buf := make([]byte, 256<<10)
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				f, err := os.Open(p)
				if err != nil {
					b.Fatal(err)
				}
				doc, _, err := readText(f, size, Options{}, buf)
				f.Close()
				if err != nil || len(doc.Text) != size {
					b.Fatalf("got %d bytes and %v", len(doc.Text), err)
				}
			}
		})
	}
}

func BenchmarkScanJSONL(b *testing.B) {
	c := &corpus{n: 20_000}
	var src strings.Builder
	buf := make([]byte, 64<<10)
	for {
		n, err := c.Read(buf)
		src.Write(buf[:n])
		if err != nil {
			break
		}
	}
	b.SetBytes(int64(src.Len()))
	b.ResetTimer()
	for b.Loop() {
		var n int
		scanJSONL(context.Background(), strings.NewReader(src.String()), "b.jsonl", Options{}, func(string, extract.Document) error {
			n++
			return nil
		})
		if n != c.n {
			b.Fatalf("got %d documents, want %d", n, c.n)
		}
	}
}

func BenchmarkExtractHTML(b *testing.B) {
	page, err := os.ReadFile("testdata/html/en_danang_nantes.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, _, err := extractHTML(page); err != nil {
			b.Fatal(err)
		}
	}
}
