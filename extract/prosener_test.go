package extract

import (
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// nerTestSentences are the sentences of the sample and held-out articles,
// also upper- and lowercased (other shapes, other tags), and a few made-up
// edge cases.
func nerTestSentences(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "unseen", "*.txt"))
	var out []string
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			for _, s := range splitSentences(line, 0, len(line), testExtractor(t).words.abbrev) {
				sent := strings.TrimSpace(line[s[0]:s[1]])
				if sent != "" {
					out = append(out, sent, strings.ToUpper(sent), strings.ToLower(sent))
				}
			}
		}
	}
	return append(out,
		"Mr. John Smith met Dr. Mary-Jane O'Neil at www.example.com on 12.5.2020 :-) and wrote to j.doe@example.org.",
		"The 1999 report (*-1) by -LRB- the U.S. Army -RRB- cost $4.5 billion, 0 NaN inf 1e5 3/4.",
		"\"Quoted,\" said Jean-Claude Juncker; [bracketed] Ángel Gurría's role?",
		"Nguyễn Xuân Phúc đã gặp ông Emmanuel Macron tại Paris.",
	)
}

// TestNERMatchesProse checks that the re-implemented tokenizer, tagger,
// classifier and chunker give what prose.NewDocument gives, token by
// token (see FuzzNERMatchesProse on prose's own nondeterminism).
func TestNERMatchesProse(t *testing.T) {
	m, err := loadNERModel()
	if err != nil {
		t.Fatal(err)
	}
	pm := prose.ModelFromData("en")
	sents := nerTestSentences(t)
	for _, s := range sents {
		var sc nerScratch
		ok := sc.tokenize(s)
		if ok {
			m.tag(&sc)
			m.classify(&sc)
		}
		var diff string
		for run := 0; run < 10; run++ {
			if diff = compareWithProse(m, pm, s, &sc, ok); diff == "" {
				break
			}
		}
		if diff != "" {
			t.Error(diff)
		}
	}
	t.Logf("%d sentences", len(sents))
}

// TestMaxentKeysSplit checks that every feature of prose's classifier
// splits into a known feature name, a value and a label.
func TestMaxentKeysSplit(t *testing.T) {
	m, err := loadNERModel()
	if err != nil {
		t.Fatal(err)
	}
	var mapping map[string]int
	if err := decodeAsset("model/Maxent/mapping.gob", &mapping); err != nil {
		t.Fatal(err)
	}
	for key := range mapping {
		f, val, label, ok := m.splitMaxentKey(key)
		if !ok || maxentFeatureNames[f]+"-"+val+"-"+m.labels[label] != key {
			t.Fatalf("%q: split into %d %q %d %v", key, f, val, label, ok)
		}
	}
}

// FuzzNERMatchesProse compares the re-implementation with prose on
// arbitrary sentences: same tokens, tags, labels and persons, and a
// failure exactly where prose panics. prose itself is not deterministic
// (its tagger and classifier sum and compare scores in map order, so near
// ties go either way from run to run): an output is accepted when one of
// several prose runs gives it.
func FuzzNERMatchesProse(f *testing.F) {
	f.Add("Mr. John Smith met Dr. Mary-Jane O'Neil at www.example.com :-) and j.doe@example.org.")
	f.Add("Le maire de Lyon, Grégory Doucet, a reçu M. Nguyễn Văn Nên à l'Hôtel de Ville.")
	f.Add("He said \u201cthe U.S. won't\u201d (but they'll) [see] $5 - ok's")
	m, err := loadNERModel()
	if err != nil {
		f.Fatal(err)
	}
	pm := prose.ModelFromData("en")
	f.Fuzz(func(t *testing.T, s string) {
		var sc nerScratch
		ok := sc.tokenize(s)
		if ok {
			m.tag(&sc)
			m.classify(&sc)
		}
		var diff string
		for run := 0; run < 30; run++ {
			if diff = compareWithProse(m, pm, s, &sc, ok); diff == "" {
				return
			}
		}
		t.Fatal(diff)
	})
}

// compareWithProse describes the first difference between the tokens of sc
// and prose's output for s, or returns "".
func compareWithProse(m *nerModel, pm *prose.Model, s string, sc *nerScratch, ok bool) string {
	var doc *prose.Document
	panicked := func() (p bool) {
		defer func() { p = recover() != nil }()
		doc, _ = prose.NewDocument(s, prose.UsingModel(pm), prose.WithSegmentation(false))
		return false
	}()
	if ok == panicked {
		return fmt.Sprintf("%q: tokenized %v, prose panicked %v", s, ok, panicked)
	}
	if panicked {
		return ""
	}
	want := doc.Tokens()
	if len(want) != len(sc.toks) {
		return fmt.Sprintf("%q: %d tokens, prose %d", s, len(sc.toks), len(want))
	}
	for i, w := range want {
		g := sc.toks[sc.toks[i].cell]
		if sc.toks[i].text != w.Text || g.tag != w.Tag || m.labels[g.label] != w.Label {
			return fmt.Sprintf("%q token %d %q: got %s/%s, prose %s/%s", s, i, w.Text, g.tag, m.labels[g.label], w.Tag, w.Label)
		}
	}
	var wantP []string
	for _, e := range doc.Entities() {
		if e.Label == "PERSON" {
			wantP = append(wantP, e.Text)
		}
	}
	if got := m.chunkPersons(sc.toks); strings.Join(got, "|") != strings.Join(wantP, "|") {
		return fmt.Sprintf("%q: persons %q, prose %q", s, got, wantP)
	}
	return ""
}

// TestIsTitled checks isTitled against the deprecated strings.Title it
// replaces, on words of every shape prose's feature sees.
func TestIsTitled(t *testing.T) {
	words := []string{"", "Hanoi", "hanoi", "HANOI", "McDonald", "O'Brien", "o'brien", "Jean-Marc", "Jean-marc",
		"Đà", "đà", "Ǆemal", "ǆemal", "ǅemal", "x_y", "X_y", "3D", "3d", "a1b", "A.B.", "a.b.", "Île-de-France",
		"île", "Hà\u00a0nội", "Hà nội", "«Paris»", "«paris»", "ß", "ﬁne", "\xb70", "A\xffb", "\xff"}
	for _, w := range words {
		//lint:ignore SA1019 the reference isTitled must agree with
		want := strings.Title(w) == w
		if got := isTitled(w); got != want {
			t.Errorf("isTitled(%q) = %v, strings.Title says %v", w, got, want)
		}
	}
}

// TestWeightTable checks weightTable against the map it is built from,
// for keys as strings and as bytes, keys it does not hold, and a chain of
// entries under one hash.
func TestWeightTable(t *testing.T) {
	m := map[string][]classWeight{"": {{1, 0.5}}, "bias": {{0, 1}, {2, -1}}, "i suffix ing": {{3, 2.5}}}
	for i := 0; i < 1000; i++ {
		m[fmt.Sprintf("w%d", i)] = []classWeight{{int32(i % 7), float64(i)}}
	}
	tab := newWeightTable(m)
	for k, want := range m {
		if got := tab.get(k); !reflect.DeepEqual(got, want) {
			t.Fatalf("get(%q) = %v, want %v", k, got, want)
		}
		if got := tab.getBytes([]byte(k)); !reflect.DeepEqual(got, want) {
			t.Fatalf("getBytes(%q) = %v, want %v", k, got, want)
		}
	}
	for _, k := range []string{"w1000", "Bias", "bias ", "i suffix in"} {
		if got := tab.get(k); got != nil {
			t.Errorf("get(%q) = %v for a missing key", k, got)
		}
	}
	// put the entry of "w1" behind that of "w2" under w2's hash, as a
	// collision would
	h1, h2 := maphash.String(tab.seed, "w1"), maphash.String(tab.seed, "w2")
	e1, e2 := tab.index[h1], tab.index[h2]
	delete(tab.index, h1)
	tab.ents[e2].next = e1
	if got := tab.get("w2"); !reflect.DeepEqual(got, m["w2"]) {
		t.Errorf("get(w2) = %v, want %v", got, m["w2"])
	}
	tab.index[h1] = e2 // "w1" now found second in the chain
	if got := tab.get("w1"); !reflect.DeepEqual(got, m["w1"]) {
		t.Errorf("get(w1) through the chain = %v, want %v", got, m["w1"])
	}
}
