package extract

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/jdkato/prose/v2"
)

// This file holds prose's English model as kg keeps it: the tagger's and
// the entity classifier's weights (nerModel, weightTable), decoded once
// from prose's embedded assets; prosener.go runs them.

// nerModel holds prose's English tagger and entity classifier weights.
type nerModel struct {
	// averaged perceptron tagger
	tagMap  map[string]string // unambiguous words -> tag
	classes []string          // tag classes
	tagW    *weightTable      // feature -> weights per class
	// maximum entropy classifier
	labels   []string            // IOB labels
	history  []string            // simplePOS(label): "B", "I", "O"
	chunkEnd []string            // label with its first "B" made "I"
	feats    [nFeat]*weightTable // feature name -> value -> weights per label
	basic    map[string]bool     // prose's English word list (enWordList, shipped as words.gob)
}

type classWeight struct {
	class int32
	w     float64
}

// weightTable is a read-only map from strings to weight lists that the
// garbage collector need not scan: the keys in one byte slice, the
// weights in one slice, and an index from the keys' hashes to their
// entries, all without pointers. prose's model holds ~200,000 feature
// strings and weight lists, over half the extractor's live heap; as Go
// maps of strings and slices every collection cycle walked them all.
type weightTable struct {
	seed  maphash.Seed
	index map[uint64]int32 // hash of the key -> its entry (the first of those with that hash)
	ents  []weightEntry
	keys  []byte
	ws    []classWeight
}

// weightEntry locates a key in weightTable.keys and its weights in
// weightTable.ws; next is the next entry with the same hash, -1 if none.
type weightEntry struct {
	key, keyEnd, w, wEnd uint32
	next                 int32
}

func newWeightTable(m map[string][]classWeight) *weightTable {
	t := &weightTable{seed: maphash.MakeSeed(), index: make(map[uint64]int32, len(m)), ents: make([]weightEntry, 0, len(m))}
	for k, ws := range m {
		e := weightEntry{key: uint32(len(t.keys)), w: uint32(len(t.ws)), next: -1}
		t.keys = append(t.keys, k...)
		t.ws = append(t.ws, ws...)
		e.keyEnd, e.wEnd = uint32(len(t.keys)), uint32(len(t.ws))
		h := maphash.String(t.seed, k)
		if first, ok := t.index[h]; ok {
			e.next = first
		}
		t.index[h] = int32(len(t.ents))
		t.ents = append(t.ents, e)
	}
	return t
}

// get returns the weights of key, nil if it has none.
func (t *weightTable) get(key string) []classWeight {
	i, ok := t.index[maphash.String(t.seed, key)]
	for ok && i >= 0 {
		e := &t.ents[i]
		if string(t.keys[e.key:e.keyEnd]) == key {
			return t.ws[e.w:e.wEnd:e.wEnd]
		}
		i = e.next
	}
	return nil
}

// getBytes is get of a key held in a byte slice.
func (t *weightTable) getBytes(key []byte) []classWeight {
	i, ok := t.index[maphash.Bytes(t.seed, key)]
	for ok && i >= 0 {
		e := &t.ents[i]
		if string(t.keys[e.key:e.keyEnd]) == string(key) {
			return t.ws[e.w:e.wEnd:e.wEnd]
		}
		i = e.next
	}
	return nil
}

// maxent feature names, in the order prose sums them (featureOrder).
const (
	fBias = iota
	fWordlist
	fNextPos
	fNextWord
	fPos
	fPosPrevTag
	fPrefix3
	fPrevPos
	fPrevTag
	fPrevWord
	fShape
	fShapePrevTag
	fSuffix3
	fWord
	fWordNextPos
	fWordLower
	fWordLen
	nFeat
)

var maxentFeatureNames = [nFeat]string{
	"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
	"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
	"suffix3", "word", "word+nextpos", "word.lower", "wordlen"}

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

// loadNERModel decodes prose's embedded English model (~0.3 s).
func loadNERModel() (*nerModel, error) {
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
	for _, l := range m.labels {
		h := l
		if strings.HasPrefix(l, "V") {
			h = "v"
		} else if k := strings.IndexByte(l, '-'); k >= 0 {
			h = l[:k]
		}
		m.history = append(m.history, h)
		m.chunkEnd = append(m.chunkEnd, strings.Replace(l, "B", "I", 1))
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
