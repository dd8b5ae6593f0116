package extract

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"flag"
	"fmt"
	"hash/maphash"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

var updateModel = flag.Bool("update", false, "rewrite data/model/prose-en.bin from prose's assets (TestProseModelFile)")

// TestProseModelFile converts prose's assets again and compares the result
// with data/model/prose-en.bin, byte for byte: the file kg reads is the
// model of the prose version go.mod names. After an upgrade of prose:
// go test ./extract -run TestProseModelFile -update
func TestProseModelFile(t *testing.T) {
	m, err := modelFromProse()
	if err != nil {
		t.Fatal(err)
	}
	b := encodeNERModel(m)
	path := filepath.Join("data", "model", "prose-en.bin")
	if *updateModel {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", path, len(b))
		return
	}
	if string(b) != proseModel {
		t.Fatalf("%s (%d bytes) is not prose's model converted (%d bytes): go test ./extract -run TestProseModelFile -update", path, len(proseModel), len(b))
	}
}

// TestDecodeNERModel checks that the model read from the file is prose's:
// the same classes, words, labels and, for every key of every table, the
// same weights.
func TestDecodeNERModel(t *testing.T) {
	want, err := modelFromProse()
	if err != nil {
		t.Fatal(err)
	}
	got, err := loadNERModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"classes", got.classes, want.classes},
		{"tagMap", got.tagMap, want.tagMap},
		{"labels", got.labels, want.labels},
		{"history", got.history, want.history},
		{"chunkEnd", got.chunkEnd, want.chunkEnd},
		{"basic", got.basic, want.basic},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	sameTable(t, "tagger", got.tagW, want.tagW)
	for f := range want.feats {
		sameTable(t, maxentFeatureNames[f], got.feats[f], want.feats[f])
	}
}

func sameTable(t *testing.T, name string, got, want *weightTable) {
	t.Helper()
	if len(got.ents) != len(want.ents) {
		t.Errorf("%s: %d keys, want %d", name, len(got.ents), len(want.ents))
	}
	for _, e := range want.ents {
		k := string(want.keys[e.key:e.keyEnd])
		w := sortedWeights(want.ws[e.w:e.wEnd])
		if g := sortedWeights(got.get(k)); !reflect.DeepEqual(g, w) {
			t.Errorf("%s %q: got %v, want %v", name, k, g, w)
			return
		}
	}
}

// sortedWeights is ws by class: the order of a key's weights does not
// matter (each class once, added to its own score).
func sortedWeights(ws []classWeight) []classWeight {
	out := slices.Clone(ws)
	slices.SortFunc(out, func(a, b classWeight) int { return int(a.class - b.class) })
	return out
}

// TestDecodeNERModelErrors: a truncated or altered file is an error, never
// a panic or a partial model.
func TestDecodeNERModelErrors(t *testing.T) {
	tests := []struct {
		name string
		b    string
	}{
		{"empty", ""},
		{"other file", "PK\x03\x04 not a model"},
		{"magic only", proseModelMagic},
		{"truncated", proseModel[:len(proseModel)/2]},
		{"cut in a weight", proseModel[:len(proseModel)-3]},
		{"data after the end", proseModel + "x"},
		{"huge length", proseModelMagic + "\xff\xff\xff\xff\x0f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m, err := decodeNERModel(tt.b); err == nil || m != nil {
				t.Errorf("got a model and %v, want an error", err)
			}
		})
	}
}

// BenchmarkLoadNERModel compares reading the model file with converting
// prose's assets: go test ./extract -run XXX -bench LoadNERModel
func BenchmarkLoadNERModel(b *testing.B) {
	b.Run("file", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadNERModel(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prose", func(b *testing.B) {
		for b.Loop() {
			if _, err := modelFromProse(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// encodeNERModel writes m in the layout decodeNERModel reads, in a
// canonical order (keys sorted, each key's weights by class), so that the
// same model always gives the same bytes: proseModelMagic; the tagger's
// classes; its unambiguous words and their tags (by word); its weight
// table; the classifier's labels; its word list (sorted); its feature
// tables in maxentFeatureNames order. A string is its length and its
// bytes, a list its length and its items, a table its number of keys and,
// for each key, the key, the number of weights and each weight's class and
// float64 bits (8 bytes, little-endian). Lengths and classes are uvarints.
func encodeNERModel(m *nerModel) []byte {
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	strs := func(ss []string) {
		b = binary.AppendUvarint(b, uint64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	table := func(t *weightTable) {
		ents := slices.Clone(t.ents)
		key := func(e weightEntry) string { return string(t.keys[e.key:e.keyEnd]) }
		slices.SortFunc(ents, func(x, y weightEntry) int { return strings.Compare(key(x), key(y)) })
		b = binary.AppendUvarint(b, uint64(len(ents)))
		for _, e := range ents {
			str(key(e))
			ws := sortedWeights(t.ws[e.w:e.wEnd])
			b = binary.AppendUvarint(b, uint64(len(ws)))
			for _, w := range ws {
				b = binary.AppendUvarint(b, uint64(w.class))
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(w.w))
			}
		}
	}
	b = append(b, proseModelMagic...)
	strs(m.classes)
	words := make([]string, 0, len(m.tagMap))
	for w := range m.tagMap {
		words = append(words, w)
	}
	slices.Sort(words)
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, w := range words {
		str(w)
		str(m.tagMap[w])
	}
	table(m.tagW)
	strs(m.labels)
	basic := make([]string, 0, len(m.basic))
	for w := range m.basic {
		basic = append(basic, w)
	}
	slices.Sort(basic)
	strs(basic)
	for _, t := range m.feats {
		table(t)
	}
	return b
}

func newWeightTable(m map[string][]classWeight) *weightTable {
	t := &weightTable{seed: maphash.MakeSeed(), index: make(map[uint64]int32, len(m)), ents: make([]weightEntry, 0, len(m))}
	for k, ws := range m {
		e := weightEntry{key: uint32(len(t.keys)), w: uint32(len(t.ws)), next: -1}
		t.keys = append(t.keys, k...)
		t.ws = append(t.ws, ws...)
		e.keyEnd, e.wEnd = uint32(len(t.keys)), uint32(len(t.ws))
		t.add(k, e)
	}
	return t
}

func decodeAsset(name string, v any) error {
	b, err := prose.Asset(name)
	if err != nil {
		return err
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("decoding prose's %s: %w", name, err)
	}
	return nil
}

// modelFromProse decodes prose's embedded English model from its gob
// assets and converts it to kg's form (0.5-0.8 s of CPU).
func modelFromProse() (*nerModel, error) {
	m := &nerModel{}
	var wts map[string]map[string]float64
	if err := decodeAsset("model/AveragedPerceptron/classes.gob", &m.classes); err != nil {
		return nil, err
	}
	if err := decodeAsset("model/AveragedPerceptron/tags.gob", &m.tagMap); err != nil {
		return nil, err
	}
	if err := decodeAsset("model/AveragedPerceptron/weights.gob", &wts); err != nil {
		return nil, err
	}
	classIdx := map[string]int32{}
	for i, c := range m.classes {
		classIdx[c] = int32(i)
	}
	tagW := make(map[string][]classWeight, len(wts))
	for feat, ws := range wts {
		cw := make([]classWeight, 0, len(ws))
		for c, w := range ws {
			k, ok := classIdx[c]
			if !ok {
				k = int32(len(m.classes))
				m.classes = append(m.classes, c)
				classIdx[c] = k
			}
			cw = append(cw, classWeight{k, w})
		}
		tagW[feat] = cw
	}
	m.tagW = newWeightTable(tagW)

	var mapping map[string]int
	var weights []float64
	if err := decodeAsset("model/Maxent/labels.gob", &m.labels); err != nil {
		return nil, err
	}
	if err := decodeAsset("model/Maxent/mapping.gob", &mapping); err != nil {
		return nil, err
	}
	if err := decodeAsset("model/Maxent/weights.gob", &weights); err != nil {
		return nil, err
	}
	var words []string
	if err := decodeAsset("model/Maxent/words.gob", &words); err != nil {
		return nil, err
	}
	m.basic = make(map[string]bool, len(words))
	for _, w := range words {
		m.basic[w] = true
	}
	var feats [nFeat]map[string][]classWeight
	for f := range feats {
		feats[f] = map[string][]classWeight{}
	}
	for key, idx := range mapping {
		f, val, label, ok := m.splitMaxentKey(key)
		if !ok {
			return nil, fmt.Errorf("prose maxent feature %q: unknown feature or label", key)
		}
		if idx < 0 || idx >= len(weights) {
			return nil, fmt.Errorf("prose maxent feature %q: weight %d out of range", key, idx)
		}
		feats[f][val] = append(feats[f][val], classWeight{int32(label), weights[idx]})
	}
	for f := range feats {
		m.feats[f] = newWeightTable(feats[f])
	}
	m.deriveLabels()
	return m, nil
}

// splitMaxentKey splits prose's "fname-fval-label" into its parts (names
// and labels contain hyphens too: "en-wordlist", "B-PERSON").
func (m *nerModel) splitMaxentKey(key string) (f int, val string, label int, ok bool) {
	f = -1
	for i, n := range maxentFeatureNames {
		if strings.HasPrefix(key, n+"-") && (f < 0 || len(n) > len(maxentFeatureNames[f])) {
			f = i
		}
	}
	if f < 0 {
		return 0, "", 0, false
	}
	rest := key[len(maxentFeatureNames[f])+1:]
	label = -1
	for i, l := range m.labels {
		if strings.HasSuffix(rest, "-"+l) && (label < 0 || len(l) > len(m.labels[label])) {
			label = i
		}
	}
	if label < 0 {
		return 0, "", 0, false
	}
	return f, rest[:len(rest)-len(m.labels[label])-1], label, true
}
