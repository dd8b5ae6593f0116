package reader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/kg-dev/kg/extract"
)

func TestParseRecord(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		first bool
		want  extract.Document // Hash not compared
		warns []string
		err   string
	}{
		{
			name: "all fields",
			line: `{"id":"a1","title":" Hanoi ","date":"2023-04-14","lang":"fr","url":"https://x.example/a1","text":"Hà Nội.","extra":[1,2]}` + "\n",
			want: extract.Document{ID: "a1", Title: "Hanoi", Date: "2023-04-14", Lang: "fr", URL: "https://x.example/a1", Text: "Hà Nội."},
		},
		{name: "numeric id", line: `{"id":12345678901234567890,"text":"x"}`, want: extract.Document{ID: "12345678901234567890", Text: "x"}},
		{name: "null id", line: `{"id":null,"text":"x"}`, want: extract.Document{Text: "x"}},
		{name: "object id", line: `{"id":{"a":1},"text":"x"}`, err: `"id" must be a string or a number, not {"a":1}`},
		{name: "CRLF", line: "{\"text\":\"x\"}\r\n", want: extract.Document{Text: "x"}},
		{name: "BOM on first line", line: "\ufeff{\"text\":\"x\"}", first: true, want: extract.Document{Text: "x"}},
		{name: "BOM on a later line", line: "\ufeff{\"text\":\"x\"}", err: "decoding record: invalid JSON at column 1: invalid character"},
		{name: "blank", line: "  \t\r\n", err: "blank line"},
		{name: "not JSON", line: "Hanoi, 2023", err: "decoding record: invalid JSON at column 1: invalid character 'H'"},
		{name: "truncated", line: `{"text":"x`, err: "decoding record: invalid JSON at column 10: unexpected end of JSON input"},
		{name: "array", line: `[1]`, err: "decoding record: a line must be a JSON object, not array"},
		{name: "string", line: `"text"`, err: "decoding record: a line must be a JSON object, not string"},
		{name: "text not a string", line: `{"text":42}`, err: `decoding record: field "text" must not be number`},
		{name: "no text field", line: `{"body":"x"}`, err: `record has no "text" field`},
		{name: "null text", line: `{"text":null}`, err: `record has no "text" field`},
		{name: "empty text", line: `{"text":" \n "}`, err: "no text: the record's text is empty"},
		{name: "two objects on a line", line: `{"text":"a"}{"text":"b"}`, err: "decoding record: invalid JSON at column 13: invalid character '{' after top-level value"},
		{name: "NUL escape", line: `{"text":"a\u0000b"}`, want: extract.Document{Text: "a b"}, warns: []string{"NUL characters in text replaced by spaces"}},
		{name: "invalid UTF-8 inside a string", line: "{\"text\":\"Hu\xe9\"}", want: extract.Document{Text: "Hu\ufffd"}},
		{name: "lone surrogate escape", line: `{"text":"a\ud800b"}`, want: extract.Document{Text: "a\ufffdb"}},
		{name: "odd date and language", line: `{"date":"hier","lang":"klingon","text":"x"}`, want: extract.Document{Text: "x"},
			warns: []string{`date "hier" not understood, ignored`, `language "klingon" not understood, ignored`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns, err := parseRecord([]byte(tt.line), tt.first)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error: got %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error: got %v, want nil", err)
			}
			got.Hash = ""
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			var ws []string
			for _, w := range warns {
				ws = append(ws, w.Error())
			}
			if !slices.Equal(ws, tt.warns) {
				t.Errorf("warnings: got %q, want %q", ws, tt.warns)
			}
		})
	}
}

func TestNormDate(t *testing.T) {
	tests := map[string]string{
		"2023":                            "2023",
		"2023-04":                         "2023-04",
		"2023-4-9":                        "2023-04-09",
		"2023/04/14":                      "2023-04-14",
		"2023-04-14T08:00:00+07:00":       "2023-04-14",
		"2023-04-14 08:00":                "2023-04-14",
		" 2023-04-14 ":                    "2023-04-14",
		"Fri, 14 Apr 2023 08:00:00 +0700": "2023-04-14",
		"April 14, 2023":                  "2023-04-14",
		"14 April 2023":                   "2023-04-14",
		"2023-13-01":                      "",
		"2023-04-32":                      "",
		"20230414":                        "",
		"14/04/2023":                      "",
		"":                                "",
		"yesterday":                       "",
	}
	for in, want := range tests {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestRecordDate(t *testing.T) {
	tests := map[string]string{
		"2023":                 "2023",
		"2023-04":              "2023-04",
		"2023-04-14":           "2023-04-14",
		"16/05/2024":           "2024-05-16",
		"16.05.2024":           "2024-05-16",
		"16-05-2024":           "2024-05-16",
		"04/14/2023":           "2023-04-14",
		"05/2024":              "2024-05",
		"16 mai 2024":          "2024-05-16",
		"jeudi 16 mai 2024":    "2024-05-16",
		"mai 2024":             "2024-05",
		"Thursday 16 May 2024": "2024-05-16",
		"31/04/2024":           "",
		"16/05":                "",
		"16 mai":               "",
		"hier":                 "",
	}
	for in, want := range tests {
		if got := recordDate(in); got != want {
			t.Errorf("recordDate(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestNormLang(t *testing.T) {
	tests := map[string]string{
		"fr": "fr", "FR": "fr", "fr-FR": "fr", "en_US": "en", "French": "fr", "fra": "fr",
		"vie": "vi", "Tiếng Việt": "vi", "vi-VN": "vi", "": "", "f": "", "xyz": "", "12": "",
	}
	for in, want := range tests {
		if got := normLang(in); got != want {
			t.Errorf("normLang(%q): got %q, want %q", in, got, want)
		}
	}
}

// scan runs scanJSONL on src and records what it reports.
func scan(t *testing.T, r io.Reader, opts Options) (docs []extract.Document, fails, warns []string) {
	t.Helper()
	opts.OnError = func(where string, err error) { fails = append(fails, where+": "+err.Error()) }
	opts.OnWarn = func(where string, err error) { warns = append(warns, where+": "+err.Error()) }
	err := scanJSONL(context.Background(), r, "dir/corpus.jsonl", opts, func(_ string, d extract.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("scanJSONL: got error %v, want nil", err)
	}
	return docs, fails, warns
}

func TestScanJSONL(t *testing.T) {
	huge := strings.Repeat("Hà Nội và Toulouse. ", 100_000) // 2.3 MB: longer than bufio's 64 KiB buffer
	src := `{"id":"a","text":"one"}` + "\n" +
		`{"text":"` + huge + `"}` + "\r\n" +
		`{"id":"c","text":"` + strings.Repeat("x", 200) + `"}` + "\n" + // over MaxSize below
		"\n" +
		`{"id":"e","text":"five"}` // no final newline
	opts := Options{MaxSize: 150}
	for name, r := range map[string]func() io.Reader{
		"whole":        func() io.Reader { return strings.NewReader(src) },
		"byte by byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(src)) },
	} {
		t.Run(name, func(t *testing.T) {
			docs, fails, warns := scan(t, r(), opts)
			wantFails := []string{
				fmt.Sprintf("dir/corpus.jsonl:2: input too large: a %d-byte line, the limit is 150 bytes", len(`{"text":""}`)+len(huge)+2),
				"dir/corpus.jsonl:3: input too large: a 221-byte line, the limit is 150 bytes",
			}
			if !slices.Equal(fails, wantFails) {
				t.Errorf("failures: got %q, want %q", fails, wantFails)
			}
			if len(warns) != 0 {
				t.Errorf("warnings: got %q, want none", warns)
			}
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID+"@"+d.Path)
			}
			if want := []string{"a@dir/corpus.jsonl", "e@dir/corpus.jsonl"}; !slices.Equal(ids, want) {
				t.Errorf("documents: got %q, want %q", ids, want)
			}
		})
	}
	t.Run("long line within the limit", func(t *testing.T) {
		docs, fails, _ := scan(t, strings.NewReader(src), Options{})
		if len(fails) != 0 || len(docs) != 4 {
			t.Fatalf("got %d documents and failures %q, want 4 and none", len(docs), fails)
		}
		if docs[1].ID != "corpus-2" || docs[1].Text != huge {
			t.Errorf("long record: got id %q and %d bytes of text, want corpus-2 and %d", docs[1].ID, len(docs[1].Text), len(huge))
		}
	})
	t.Run("read error", func(t *testing.T) {
		r := io.MultiReader(strings.NewReader(`{"text":"ok"}`+"\n"+`{"te`), iotest.ErrReader(errors.New("disk on fire")))
		docs, fails, _ := scan(t, r, Options{})
		if len(docs) != 1 || !slices.Equal(fails, []string{"dir/corpus.jsonl:2: reading: disk on fire"}) {
			t.Errorf("got %d documents and failures %q, want 1 and a read error on line 2", len(docs), fails)
		}
	})
	for name, src := range map[string]string{"empty file": "", "blank lines": "\n \r\n\t\n"} {
		t.Run(name, func(t *testing.T) {
			docs, fails, warns := scan(t, strings.NewReader(src), Options{})
			want := []string{"dir/corpus.jsonl: no text: the file has no records"}
			if len(docs)+len(fails) != 0 || !slices.Equal(warns, want) {
				t.Errorf("got %d documents, failures %q, warnings %q, want only warnings %q", len(docs), fails, warns, want)
			}
		})
	}
}

// corpus generates n JSON Lines records without holding them in memory.
type corpus struct {
	n, i  int
	buf   []byte
	bytes int
}

func (c *corpus) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.i == c.n {
			return 0, io.EOF
		}
		c.i++
		c.buf = fmt.Appendf(nil, `{"id":"r%d","date":"2023-04-14","lang":"fr","text":"%s"}`+"\n", c.i,
			strings.Repeat("La 12e Conférence de coopération décentralisée Vietnam - France s'est tenue à Hanoï. ", 12))
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	c.bytes += n
	return n, nil
}

// TestScanJSONLStreams reads a 110 MB corpus and checks the live heap
// (after a collection) never holds more than a small fraction of it.
func TestScanJSONLStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 110 MB")
	}
	c := &corpus{n: 100_000}
	var docs int
	var base, peak uint64
	var ms runtime.MemStats
	live := func() uint64 {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base = live()
	err := scanJSONL(context.Background(), c, "big.jsonl", Options{OnError: func(w string, err error) { t.Errorf("%s: %v", w, err) }},
		func(_ string, d extract.Document) error {
			docs++
			if docs%10_000 == 0 {
				peak = max(peak, live())
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if docs != c.n {
		t.Errorf("documents: got %d, want %d", docs, c.n)
	}
	grown := int64(peak) - int64(base)
	t.Logf("live heap grew by at most %.2f MB while streaming %d records (%.0f MB)", float64(grown)/1e6, docs, float64(c.bytes)/1e6)
	if grown > 8<<20 {
		t.Errorf("live heap growth: got %d bytes, want under 8 MiB", grown)
	}
}
