package reader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/kg-dev/kg/extract"
)

// walkResult is everything one WalkWith call reported.
type walkResult struct {
	docs  []extract.Document
	fails []string // "where: error"
	warns []string // "where: warning"
	err   error
}

// walk runs WalkWith on paths relative to dir and records what it reports,
// with dir stripped from locations so expectations stay short.
func walk(t *testing.T, dir string, paths []string, opts Options) walkResult {
	t.Helper()
	var res walkResult
	rel := func(p string) string { return filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator))) }
	opts.OnError = func(where string, err error) { res.fails = append(res.fails, rel(where)+": "+err.Error()) }
	opts.OnWarn = func(where string, err error) { res.warns = append(res.warns, rel(where)+": "+err.Error()) }
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i] = filepath.Join(dir, p)
	}
	res.err = WalkWith(context.Background(), abs, func(d extract.Document) error {
		d.Path = rel(d.Path)
		res.docs = append(res.docs, d)
		return nil
	}, opts)
	return res
}

// writeFiles creates files (and their directories) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func utf16Bytes(s string, bigEndian bool) string {
	var b []byte
	if bigEndian {
		b = append(b, 0xfe, 0xff)
	} else {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}

// wantDoc is what a test expects of one document; empty fields are not
// checked, except Text when checkText is set.
type wantDoc struct {
	id, path, title, date, lang, text string
	textLen                           int
}

// matches reports each mismatch between got and want, where each want is
// "where: substring of the message".
func matchReports(t *testing.T, kind string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %d (%q), want %d (%q)", kind, len(got), got, len(want), want)
		return
	}
	for i := range want {
		w, g := want[i], got[i]
		where, sub, _ := strings.Cut(w, ": ")
		if !strings.HasPrefix(g, where+": ") || !strings.Contains(g, sub) {
			t.Errorf("%s[%d]: got %q, want %q", kind, i, g, w)
		}
	}
}

func TestWalkInputs(t *testing.T) {
	longLine := strings.Repeat("Hanoi and Toulouse signed a cooperation agreement. ", 200_000) // ~10 MB, no newline
	enHTML, err := os.ReadFile("testdata/html/en_danang_nantes.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		setup func(t *testing.T, dir string) // after files are written
		paths []string                       // default: the test dir
		opts  Options
		docs  []wantDoc
		fails []string
		warns []string
	}{
		{
			name:  "UTF-8 BOM kept",
			files: map[string]string{"bom.txt": "\ufeffHà Nội and Toulouse\n"},
			docs:  []wantDoc{{id: "bom", path: "bom.txt", text: "\ufeffHà Nội and Toulouse\n"}},
		},
		{
			name:  "CRLF kept",
			files: map[string]string{"crlf.txt": " date 2023-04-14 Title\r\n\r\nHanoi hosted the conference.\r\n"},
			docs:  []wantDoc{{id: "crlf", text: " date 2023-04-14 Title\r\n\r\nHanoi hosted the conference.\r\n"}},
		},
		{
			name:  "UTF-16LE with BOM transcoded",
			files: map[string]string{"le.txt": utf16Bytes("Hà Nội và Huế\r\nPháp 𝕏\r\n", false)},
			docs:  []wantDoc{{id: "le", text: "Hà Nội và Huế\r\nPháp 𝕏\r\n"}},
			warns: []string{"le.txt: decoded from UTF-16LE"},
		},
		{
			name:  "UTF-16BE with BOM transcoded",
			files: map[string]string{"be.txt": utf16Bytes("Đà Nẵng et Nantes", true)},
			docs:  []wantDoc{{id: "be", text: "Đà Nẵng et Nantes"}},
			warns: []string{"be.txt: decoded from UTF-16BE"},
		},
		{
			name:  "UTF-16LE without BOM transcoded",
			files: map[string]string{"le.txt": utf16Raw("Hà Nội và Huế\r\nPháp\r\n", false)},
			docs:  []wantDoc{{id: "le", text: "Hà Nội và Huế\r\nPháp\r\n"}},
			warns: []string{"le.txt: decoded from UTF-16LE (no byte order mark; guessed from its NUL bytes)"},
		},
		{
			name:  "UTF-32LE with BOM transcoded",
			files: map[string]string{"u32.txt": "\xff\xfe\x00\x00H\x00\x00\x00u\x00\x00\x00\xbf\x1e\x00\x00"},
			docs:  []wantDoc{{id: "u32", text: "Huế"}},
			warns: []string{"u32.txt: decoded from UTF-32LE"},
		},
		{
			name:  "NUL bytes become spaces",
			files: map[string]string{"nul.txt": "Hanoi\x00Paris\x00"},
			docs:  []wantDoc{{id: "nul", text: "Hanoi Paris "}},
			warns: []string{"nul.txt: 2 NUL bytes replaced by spaces, the first at byte 5"},
		},
		{
			name:  "invalid UTF-8 repaired in place",
			files: map[string]string{"latin1.txt": "Comit\xe9 populaire de Hu\xe9 \xf0\x9f"},
			docs:  []wantDoc{{id: "latin1", text: "Comit\x1a populaire de Hu\x1a \x1a\x1a"}},
			warns: []string{"latin1.txt: invalid UTF-8 at byte 5 (4 bad bytes replaced by U+001A)"},
		},
		{
			name:  "invalid UTF-8 rejected when strict",
			files: map[string]string{"latin1.txt": "Comit\xe9 populaire", "ok.txt": "Hanoi"},
			opts:  Options{StrictUTF8: true},
			docs:  []wantDoc{{id: "ok"}},
			fails: []string{"latin1.txt: invalid UTF-8 at byte 5 (1 bad bytes)"},
		},
		{
			name:  "empty file skipped with a warning",
			files: map[string]string{"empty.txt": "", "blank.txt": " \r\n\t\ufeff\n", "ok.txt": "Hanoi"},
			docs:  []wantDoc{{id: "ok"}},
			warns: []string{"blank.txt: no text", "empty.txt: no text"},
		},
		{
			name:  "no date line",
			files: map[string]string{"nodate.txt": "Hanoi et Séoul intensifient leur coopération\n\nLe président..."},
			docs:  []wantDoc{{id: "nodate", date: "", text: "Hanoi et Séoul intensifient leur coopération\n\nLe président..."}},
		},
		{
			name: "a date line whose date is none",
			files: map[string]string{"feb30.txt": " date 2024-02-30 Hanoi news\nText.", "slash.txt": " date 31/02/2024 News\nText.",
				"ok.txt": " date 2024-02-29 Hanoi news\nText.", "title.txt": "Date set for the Hanoi summit\nText."},
			docs:  []wantDoc{{id: "feb30"}, {id: "ok"}, {id: "slash"}, {id: "title"}},
			warns: []string{`feb30.txt: first line: date "2024-02-30" not understood: the line is read as the title`, `slash.txt: first line: date "31/02/2024" not understood`},
		},
		{
			name:  "10 MB single line",
			files: map[string]string{"long.txt": longLine},
			docs:  []wantDoc{{id: "long", textLen: len(longLine)}},
		},
		{
			name:  "file over the size limit",
			files: map[string]string{"big.txt": strings.Repeat("x", 101), "small.txt": strings.Repeat("x", 100)},
			opts:  Options{MaxSize: 100},
			docs:  []wantDoc{{id: "small"}},
			fails: []string{"big.txt: input too large: 101 bytes, the limit is 100 bytes"},
		},
		{
			name:  "HTML page",
			files: map[string]string{"page.html": string(enHTML)},
			docs: []wantDoc{{id: "page", path: "page.html", title: "Đà Nẵng and Nantes renew twin-city pact, eye green transport",
				date: "2024-03-14", lang: "en"}},
		},
		{
			name:  "HTML page without text",
			files: map[string]string{"empty.htm": "<html><head><title>Nothing</title></head><body>\n</body></html>"},
			warns: []string{"empty.htm: no text"},
		},
		{
			name: "JSON Lines with bad lines",
			files: map[string]string{"corpus.jsonl": `{"id":"vna-1","title":"Hanoi","date":"2023-04-14T08:00:00Z","lang":"fr-FR","url":"https://x.example/1","text":"Hanoi et Toulouse."}` + "\n" +
				`{"id":"vna-2","text":"unterminated` + "\n" +
				`{"title":"no id","text":"Huế et Blois."}` + "\r\n" +
				"\n" +
				`["not","an","object"]` + "\n" +
				`{"id":"vna-6","content":"wrong field name"}` + "\n" +
				`{"id":"vna-7","text":"  "}` + "\n" +
				`{"id":8,"date":"31/04/2023","text":"Đà Nẵng."}`},
			docs: []wantDoc{
				{id: "vna-1", path: "corpus.jsonl", title: "Hanoi", date: "2023-04-14", lang: "fr", text: "Hanoi et Toulouse."},
				{id: "corpus-3", text: "Huế et Blois."},
				{id: "8", date: "", text: "Đà Nẵng."},
			},
			fails: []string{
				"corpus.jsonl:2: decoding record: invalid JSON at column 34: unexpected end of JSON input",
				"corpus.jsonl:5: a line must be a JSON object, not array",
				`corpus.jsonl:6: record has no "text" field`,
			},
			warns: []string{"corpus.jsonl:7: no text", `corpus.jsonl:8: date "31/04/2023" not understood`},
		},
		{
			name: "mixed directory",
			files: map[string]string{
				"b.txt":             "Hanoi",
				"a/page.htm":        string(enHTML),
				"a/corpus.ndjson":   `{"id":"r1","text":"Paris"}`,
				"a/notes.md":        "# notes",
				"c.TXT":             "Lyon",
				"photo.jpg":         "\xff\xd8\xff\xe0",
				"Makefile":          "all:",
				".hidden.txt":       "secret",
				".git/HEAD":         "ref: refs/heads/main",
				".git/x.txt":        "not an article",
				"z/.cache/skip.txt": "skip",
				"z/last.jsonl":      `{"text":"Huế"}`,
			},
			docs:  []wantDoc{{id: "r1"}, {id: "page"}, {id: "b"}, {id: "c"}, {id: "last-1"}},
			warns: []string{`Makefile: unsupported file type (no extension`, `a/notes.md: unsupported file type ".md"`, `photo.jpg: unsupported file type ".jpg"`},
		},
		{
			name:  "explicit files: unknown extension sniffed",
			files: map[string]string{"README": "Hanoi and Lyon", "page": "<!DOCTYPE html>" + string(enHTML), "blob.bin": "\x00\x01\x02binary", "dump.json": `{"text":"Séoul"}`, "notes.u16": utf16Raw("Hanoi and Lyon", true)},
			paths: []string{"README", "blob.bin", "page", "dump.json", "notes.u16"},
			docs:  []wantDoc{{id: "README", text: "Hanoi and Lyon"}, {id: "page", lang: "en"}, {id: "dump-1", text: "Séoul"}, {id: "notes", text: "Hanoi and Lyon"}},
			fails: []string{`blob.bin: unsupported file type ".bin"`},
			warns: []string{"notes.u16: decoded from UTF-16BE (no byte order mark"},
		},
		{
			name:  "missing path",
			files: map[string]string{"ok.txt": "Hanoi"},
			paths: []string{"nope.txt", "ok.txt"},
			docs:  []wantDoc{{id: "ok"}},
			fails: []string{"nope.txt: stat: no such file or directory"},
		},
		{
			name:  "symlink loop",
			files: map[string]string{"d/a.txt": "Hanoi", "d/sub/b.txt": "Paris"},
			setup: func(t *testing.T, dir string) {
				symlink(t, "..", filepath.Join(dir, "d/sub/up"))
				symlink(t, ".", filepath.Join(dir, "d/self"))
				symlink(t, "sub", filepath.Join(dir, "d/twin"))
			},
			paths: []string{"d"},
			docs:  []wantDoc{{id: "a"}, {id: "b", path: "d/sub/b.txt"}},
			warns: []string{"d/self: directory already read as", "d/sub/up: directory already read as", "d/twin: directory already read as"},
		},
		{
			name:  "symlinked file and broken links",
			files: map[string]string{"real/a.txt": "Hanoi"},
			setup: func(t *testing.T, dir string) {
				symlink(t, "../real/a.txt", filepath.Join(dir, "d/link.txt"))
				symlink(t, "../real/gone.txt", filepath.Join(dir, "d/broken.txt"))
				symlink(t, "../real/gone.pdf", filepath.Join(dir, "d/broken.pdf"))
			},
			paths: []string{"d"},
			docs:  []wantDoc{{id: "link", text: "Hanoi"}},
			fails: []string{"d/broken.txt: stat: no such file or directory"},
			warns: []string{`d/broken.pdf: unsupported file type, skipped (and a broken symbolic link)`},
		},
		{
			name:  "unreadable file and directory",
			files: map[string]string{"a.txt": "Hanoi", "locked.txt": "secret", "sealed/c.txt": "Paris", "z.txt": "Lyon"},
			setup: func(t *testing.T, dir string) {
				if os.Geteuid() == 0 {
					t.Skip("root ignores file permissions")
				}
				chmod(t, filepath.Join(dir, "locked.txt"), 0)
				chmod(t, filepath.Join(dir, "sealed"), 0)
			},
			docs:  []wantDoc{{id: "a"}, {id: "z"}},
			fails: []string{"locked.txt: open: permission denied", "sealed: open: permission denied"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			paths := tt.paths
			if paths == nil {
				paths = []string{"."}
			}
			res := walk(t, dir, paths, tt.opts)
			if res.err != nil {
				t.Fatalf("WalkWith: got error %v, want nil", res.err)
			}
			matchReports(t, "failures", res.fails, tt.fails)
			matchReports(t, "warnings", res.warns, tt.warns)
			var ids []string
			for _, d := range res.docs {
				ids = append(ids, d.ID)
			}
			var wantIDs []string
			for _, d := range tt.docs {
				wantIDs = append(wantIDs, d.id)
			}
			if !slices.Equal(ids, wantIDs) {
				t.Fatalf("documents: got %q, want %q", ids, wantIDs)
			}
			for i, w := range tt.docs {
				checkDoc(t, res.docs[i], w)
			}
		})
	}
}

func checkDoc(t *testing.T, got extract.Document, want wantDoc) {
	t.Helper()
	check := func(field, g, w string) {
		if w != "" && g != w {
			t.Errorf("%s %s: got %q, want %q", got.ID, field, g, w)
		}
	}
	check("path", got.Path, want.path)
	check("title", got.Title, want.title)
	check("date", got.Date, want.date)
	check("lang", got.Lang, want.lang)
	if want.text != "" && got.Text != want.text {
		t.Errorf("%s text: got %.80q, want %.80q", got.ID, got.Text, want.text)
	}
	if want.textLen != 0 && len(got.Text) != want.textLen {
		t.Errorf("%s text length: got %d, want %d", got.ID, len(got.Text), want.textLen)
	}
	if !utf8.ValidString(got.Text) {
		t.Errorf("%s text: got invalid UTF-8", got.ID)
	}
	if len(got.Hash) != 64 {
		t.Errorf("%s hash: got %q, want 64 hex digits", got.ID, got.Hash)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}

func chmod(t *testing.T, p string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(p, 0o755) }) // let TempDir's cleanup remove it
}

func TestWalkHashIsOfSourceBytes(t *testing.T) {
	dir := t.TempDir()
	src := utf16Bytes("Hà Nội", false)
	writeFiles(t, dir, map[string]string{"a.txt": src, "b.jsonl": `{"text":"Huế"}` + "\r\n"})
	res := walk(t, dir, []string{"."}, Options{})
	want := map[string]string{
		"a":   sha256Hex(src),
		"b-1": sha256Hex(`{"text":"Huế"}`),
	}
	for _, d := range res.docs {
		if d.Hash != want[d.ID] {
			t.Errorf("%s hash: got %s, want %s", d.ID, d.Hash, want[d.ID])
		}
	}
	if len(res.docs) != 2 {
		t.Errorf("documents: got %d, want 2", len(res.docs))
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Hanoi", "b.txt": "Paris", "c.jsonl": "{\"text\":\"x\"}\n{\"text\":\"y\"}\n"})
	boom := errors.New("boom")
	for _, stopAt := range []string{"a", "c-1"} {
		t.Run(stopAt, func(t *testing.T) {
			var seen []string
			err := WalkWith(context.Background(), []string{dir}, func(d extract.Document) error {
				seen = append(seen, d.ID)
				if d.ID == stopAt {
					return boom
				}
				return nil
			}, Options{})
			if !errors.Is(err, boom) {
				t.Fatalf("got error %v, want %v", err, boom)
			}
			if seen[len(seen)-1] != stopAt {
				t.Errorf("documents: got %q, want the walk to stop at %s", seen, stopAt)
			}
		})
	}
}

func TestWalkCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Hanoi", "b.txt": "Paris"})
	ctx, cancel := context.WithCancel(context.Background())
	var seen int
	err := WalkWith(ctx, []string{dir}, func(extract.Document) error {
		seen++
		cancel()
		return nil
	}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got error %v, want context.Canceled", err)
	}
	if seen != 1 {
		t.Errorf("documents after cancel: got %d, want 1", seen)
	}
}

// TestWalkAdapter checks the original Walk signature still reports errors.
func TestWalkAdapter(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Hanoi", "empty.txt": ""})
	var docs, fails []string
	err := Walk(context.Background(), []string{dir, filepath.Join(dir, "missing")}, func(d extract.Document) error {
		docs = append(docs, d.ID)
		return nil
	}, func(p string, err error) { fails = append(fails, fmt.Sprintf("%s: %v", filepath.Base(p), err)) })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(docs, []string{"a"}) || len(fails) != 1 || !strings.HasPrefix(fails[0], "missing: ") {
		t.Errorf("got documents %q and failures %q, want [a] and one failure for missing", docs, fails)
	}
}

// TestSeeds reads the shared sample articles: their Text must be the file
// bytes unchanged, since gold offsets point into the files.
func TestSeeds(t *testing.T) {
	var n int
	err := WalkWith(context.Background(), []string{"../seeds"}, func(d extract.Document) error {
		n++
		b, err := os.ReadFile(d.Path)
		if err != nil {
			return err
		}
		if d.Text != string(b) {
			t.Errorf("%s: Text differs from the file's bytes", d.Path)
		}
		if d.Hash != sha256Hex(string(b)) {
			t.Errorf("%s hash: got %s, want %s", d.Path, d.Hash, sha256Hex(string(b)))
		}
		return nil
	}, Options{
		OnError: func(where string, err error) { t.Errorf("%s: %v", where, err) },
		OnWarn:  func(where string, err error) { t.Errorf("%s: unexpected warning %v", where, err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("seeds: got %d documents, want 5", n)
	}
}

// TestWalkIgnore: the files Options.Ignore lists are passed over in a
// directory without a warning, but read when named.
func TestWalkIgnore(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Hanoi and Lyon signed.", "kg.db": "SQLite format 3", "kg.db-wal": "x", "b.md": "notes"})
	opts := Options{Ignore: []string{filepath.Join(dir, "kg.db"), filepath.Join(dir, "kg.db-wal")}}
	res := walk(t, dir, []string{"."}, opts)
	if len(res.docs) != 1 || res.docs[0].Path != "a.txt" {
		t.Errorf("docs = %+v, want a.txt only", res.docs)
	}
	matchReports(t, "warnings", res.warns, []string{`b.md: unsupported file type ".md"`})
	if res = walk(t, dir, []string{"kg.db"}, opts); len(res.docs)+len(res.fails) != 1 {
		t.Errorf("kg.db named: docs %+v, failures %v; want it read (or refused) like any named file", res.docs, res.fails)
	}
}
