package extract

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"strings"
)

// This file holds prose's English model as kg keeps it: the tagger's and
// the entity classifier's weights (nerModel, weightTable), read once from
// data/model/prose-en.bin; prosener.go runs them.
//
// prose ships its model as gzipped gob assets (prose.Asset) that take
// 0.5-0.8 s of CPU to decode and convert on every run that needs a name
// checked. data/model/prose-en.bin is the same model converted once, in a
// flat form decoded in a few milliseconds: TestProseModelFile converts
// prose's assets again and fails unless the result is byte for byte that
// file (go test ./extract -run TestProseModelFile -update rewrites it,
// after an upgrade of prose), and TestNERMatchesProse compares the
// tagger and classifier running on it with prose.NewDocument.

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

// add indexes e, the entry of key k, whose key and weights are the last
// appended to t.keys and t.ws.
func (t *weightTable) add(k string, e weightEntry) {
	h := maphash.String(t.seed, k)
	if first, ok := t.index[h]; ok {
		e.next = first
	}
	t.index[h] = int32(len(t.ents))
	t.ents = append(t.ents, e)
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

// proseModel is prose v2.0.0's English tagger and entity classifier in
// kg's form (see encodeNERModel in prosemodel_test.go for the layout).
//
//go:embed data/model/prose-en.bin
var proseModel string

// proseModelMagic starts data/model/prose-en.bin; the number is its
// layout's version.
const proseModelMagic = "kg prose-en model 1\n"

// loadNERModel reads prose's English model from data/model/prose-en.bin.
func loadNERModel() (*nerModel, error) { return decodeNERModel(proseModel) }

// decodeNERModel reads a model in the layout encodeNERModel writes:
// the tagger's classes, its unambiguous words and their tags and its
// weights, then the classifier's labels, its word list and one weight
// table per feature, in maxentFeatureNames order.
func decodeNERModel(b string) (*nerModel, error) {
	r := modelReader{b: b}
	if !strings.HasPrefix(b, proseModelMagic) {
		return nil, errors.New("prose model: not a kg prose model file")
	}
	r.i = len(proseModelMagic)
	m := &nerModel{}
	m.classes = r.strings()
	m.tagMap = make(map[string]string)
	for n := r.count(); n > 0 && r.err == nil; n-- {
		k := r.str()
		m.tagMap[k] = r.str()
	}
	m.tagW = r.table(len(m.classes))
	m.labels = r.strings()
	words := r.strings()
	m.basic = make(map[string]bool, len(words))
	for _, w := range words {
		m.basic[w] = true
	}
	for f := range m.feats {
		m.feats[f] = r.table(len(m.labels))
	}
	if r.err == nil && r.i != len(b) {
		r.err = errors.New("data after the last table")
	}
	if r.err != nil {
		return nil, fmt.Errorf("prose model: %w", r.err)
	}
	m.deriveLabels()
	return m, nil
}

// deriveLabels fills history and chunkEnd from labels.
func (m *nerModel) deriveLabels() {
	m.history, m.chunkEnd = nil, nil
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
}

// modelReader reads the model file's uvarints, strings and tables; the
// first error sticks, and then every read returns zero values.
type modelReader struct {
	b   string
	i   int
	err error
}

func (r *modelReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s at byte %d", what, r.i)
	}
}

func (r *modelReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	// at most 10 bytes: the conversion stays on the stack
	v, n := binary.Uvarint([]byte(r.b[r.i:min(r.i+binary.MaxVarintLen64, len(r.b))]))
	if n <= 0 {
		r.fail("bad number")
		return 0
	}
	r.i += n
	return v
}

// count reads a length that must fit in what is left of the file.
func (r *modelReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)-r.i) {
		r.fail("bad length")
		return 0
	}
	return int(n)
}

func (r *modelReader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.b[r.i : r.i+n]
	r.i += n
	return s
}

func (r *modelReader) strings() []string {
	n := r.count()
	out := make([]string, 0, n)
	for ; n > 0 && r.err == nil; n-- {
		out = append(out, r.str())
	}
	return out
}

// table reads a weight table: its number of keys, then each key and its
// weights (class, then the float64's bits in 8 little-endian bytes),
// classes below nClasses.
func (r *modelReader) table(nClasses int) *weightTable {
	n := r.count()
	t := &weightTable{seed: maphash.MakeSeed(), index: make(map[uint64]int32, n), ents: make([]weightEntry, 0, n)}
	for ; n > 0 && r.err == nil; n-- {
		e := weightEntry{key: uint32(len(t.keys)), w: uint32(len(t.ws)), next: -1}
		k := r.str()
		t.keys = append(t.keys, k...)
		for nw := r.count(); nw > 0 && r.err == nil; nw-- {
			c := r.uvarint()
			if c >= uint64(nClasses) || len(r.b)-r.i < 8 {
				r.fail("bad weight")
				break
			}
			w := math.Float64frombits(binary.LittleEndian.Uint64([]byte(r.b[r.i : r.i+8])))
			r.i += 8
			t.ws = append(t.ws, classWeight{int32(c), w})
		}
		e.keyEnd, e.wEnd = uint32(len(t.keys)), uint32(len(t.ws))
		t.add(k, e)
	}
	return t
}
