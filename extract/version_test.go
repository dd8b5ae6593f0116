package extract

import (
	"io/fs"
	"regexp"
	"testing"
	"testing/fstest"
)

// copyFS copies every file of fsys into a MapFS.
func copyFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFingerprint(t *testing.T) {
	fp := Fingerprint()
	if !regexp.MustCompile(`^x[0-9]+-[0-9a-f]{12}$`).MatchString(fp) {
		t.Fatalf("Fingerprint() = %q, want x<version>-<12 hex digits>", fp)
	}
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if x.Fingerprint() != fp {
		t.Errorf("Default().Fingerprint() = %q, want %q", x.Fingerprint(), fp)
	}
	// The same files elsewhere: the same fingerprint (content counts, not
	// where it is embedded).
	same := copyFS(t, dataFS)
	y, err := New(WithData(same), WithNER(false))
	if err != nil {
		t.Fatal(err)
	}
	if y.Fingerprint() != fp {
		t.Errorf("a copy of the data: fingerprint %q, want %q", y.Fingerprint(), fp)
	}
	// One more line in one file: another fingerprint.
	changed := copyFS(t, dataFS)
	f := changed["data/topics.tsv"]
	f.Data = append(append([]byte{}, f.Data...), "\n# one more comment\n"...)
	z, err := New(WithData(changed), WithNER(false))
	if err != nil {
		t.Fatal(err)
	}
	if z.Fingerprint() == fp {
		t.Errorf("changed data: fingerprint %q unchanged", z.Fingerprint())
	}
	// FingerprintOf gives, without building an extractor, what New gives
	// the extractor it builds.
	for name, c := range map[string]struct {
		opts []Option
		x    *Extractor
	}{
		"default": {nil, x}, "a copy of the data": {[]Option{WithData(same)}, y}, "changed data": {[]Option{WithData(changed)}, z},
		"custom gazetteer": {[]Option{WithGazetteer(x.gaz), WithNER(false)}, nil},
	} {
		got, err := FingerprintOf(c.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if c.x == nil {
			if c.x, err = New(c.opts...); err != nil {
				t.Fatal(err)
			}
		}
		if got != c.x.Fingerprint() {
			t.Errorf("%s: FingerprintOf = %q, the extractor's %q", name, got, c.x.Fingerprint())
		}
	}
}
