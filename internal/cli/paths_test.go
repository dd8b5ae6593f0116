package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWritesOnlyWhereTold runs every command as a separate process with
// the working directory, HOME, TMPDIR and the XDG directories pointing at
// fresh directories, and checks after each that the only files created or
// changed are the ones the command was told to write (--out, --store, an
// export DIR, a generate --out) or its documented default (./kg.db). SQLite's -journal, -wal
// and -shm files, and the demo's temporary store, must be gone once the
// command has exited.
func TestWritesOnlyWhereTold(t *testing.T) {
	if testing.Short() {
		t.Skip("runs kg about twenty times")
	}
	kg, err := exec.LookPath("kg") // the test binary, installed by testscript.Main
	if err != nil {
		t.Skipf("kg is not on PATH (testscript.Main installs it): %v", err)
	}
	root := t.TempDir()
	dirs := map[string]string{
		"HOME": "home", "TMPDIR": "tmp", "XDG_CONFIG_HOME": "xdg-config", "XDG_CACHE_HOME": "xdg-cache",
		"XDG_DATA_HOME": "xdg-data", "XDG_STATE_HOME": "xdg-state", "XDG_RUNTIME_DIR": "xdg-runtime",
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	for k, d := range dirs {
		if err := os.Mkdir(filepath.Join(root, d), 0o700); err != nil {
			t.Fatal(err)
		}
		env = append(env, k+"="+filepath.Join(root, d))
	}
	work := filepath.Join(root, "work")
	if err := copyDir(seedsDir(t), filepath.Join(work, "seeds")); err != nil {
		t.Fatal(err)
	}
	gold, err := os.ReadFile(filepath.Join("..", "..", "eval", "testdata", "seeds.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "gold.json"), gold, 0o644); err != nil {
		t.Fatal(err)
	}

	// Each step in order (later ones use the stores earlier ones made),
	// with the paths under root it may create or change; a path ending in
	// / allows anything under it.
	steps := []struct {
		args   []string
		writes []string
	}{
		{[]string{"extract", "seeds"}, nil},
		{[]string{"extract", "--format", "table", "--out", "table.txt", "seeds"}, []string{"work/table.txt"}},
		{[]string{"ingest", "seeds"}, []string{"work/kg.db"}}, // the documented default store
		{[]string{"ingest", "--store", "other.db", "seeds/000_8343f39151f163ee.txt"}, []string{"work/other.db"}},
		{[]string{"ingest", "seeds"}, []string{"work/kg.db"}}, // nothing to write: may or may not touch it
		{[]string{"queries"}, nil},
		{[]string{"query", "partners", "--param", "city=Hanoi"}, nil},
		{[]string{"partners", "--store", "other.db", "Hanoi"}, nil},
		{[]string{"demo"}, nil}, // its temporary store lives in TMPDIR and is removed
		{[]string{"demo", "--store", "demo.db"}, []string{"work/demo.db"}},
		{[]string{"export", "--format", "cypher", "out/cypher"}, []string{"work/out/"}},
		{[]string{"export", "--format", "neo4j-admin", "--store", "other.db", "admin"}, []string{"work/admin/"}},
		{[]string{"export", "--format", "graphml", "graphml"}, []string{"work/graphml/"}},
		{[]string{"eval", "--gold", "gold.json", "seeds"}, nil},
		{[]string{"generate", "--n", "4", "--out", "gen"}, []string{"work/gen/"}},
		{[]string{"generate", "--n", "4", "--format", "jsonl", "--out", "gen.jsonl"}, []string{"work/gen.jsonl"}},
		{[]string{"generate", "--n", "2", "--format", "jsonl", "--out", "-"}, nil},
		{[]string{"--help"}, nil},
		{[]string{"ingest", "--help"}, nil},
	}
	before := snapshot(t, root)
	for _, st := range steps {
		name := strings.Join(st.args, " ")
		cmd := exec.Command(kg, st.args...)
		cmd.Dir = work
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("kg %s: %v\n%s", name, err, out)
		}
		after := snapshot(t, root)
		for _, p := range changed(before, after) {
			if !allowed(p, st.writes) {
				t.Errorf("kg %s: wrote %s, which it was not told to", name, p)
			}
		}
		for _, w := range st.writes {
			if !strings.HasSuffix(w, "/") && after[w] == "" {
				t.Errorf("kg %s: %s does not exist afterwards", name, w)
			}
		}
		before = after
	}
	for p := range before {
		for _, suffix := range []string{"-journal", "-wal", "-shm"} {
			if strings.HasSuffix(p, suffix) {
				t.Errorf("%s left behind", p)
			}
		}
	}
	for k, d := range dirs {
		for p := range before {
			if strings.HasPrefix(p, d+"/") {
				t.Errorf("%s: left in $%s", p, k)
			}
		}
	}
}

// snapshot maps every file and directory under root (slash-separated,
// relative) to its type and, for files, its content's hash.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			m[rel] = "dir"
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			m[rel] = "file " + hex.EncodeToString(h[:])
		default:
			m[rel] = d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// changed lists the paths created, changed or removed between two
// snapshots, directories that merely exist before and after aside.
func changed(before, after map[string]string) []string {
	var out []string
	for p, v := range after {
		if before[p] != v {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// allowed reports whether p is one of writes, under one ending in /, or a
// directory leading to one of them.
func allowed(p string, writes []string) bool {
	for _, w := range writes {
		if p == w || p+"/" == w || (strings.HasSuffix(w, "/") && strings.HasPrefix(p, w)) || strings.HasPrefix(w, p+"/") {
			return true
		}
	}
	return false
}
