package extract

import (
	"github.com/kg-dev/kg/extract/fold"
)

// keyMatcher finds phrases in token streams by their folded keys. A phrase
// matches a run of word tokens whose concatenated keys equal the phrase's
// key, with hyphens and apostrophes allowed between the tokens; so "Đà
// Nẵng", "Da-Nang" and "Danang" all match the key "danang". Matching is a
// walk from each start token, cut short as soon as the concatenation is not
// the prefix of any phrase (prefixes are kept at token boundaries).
type keyMatcher[T any] struct {
	full     map[string][]T
	prefixes map[string]bool
	maxToks  int
	bit      uint64        // this matcher's bit in token.starts, 0 if none (see newVocab)
	voc      *vocab        // set with bit: the walk by token id
	byNode   map[int32][]T // node id -> payloads (full by id)
}

func newKeyMatcher[T any]() *keyMatcher[T] {
	return &keyMatcher[T]{full: map[string][]T{}, prefixes: map[string]bool{}}
}

// add registers a phrase with its payload.
func (m *keyMatcher[T]) add(phrase string, v T) {
	m.bit, m.voc, m.byNode = 0, nil, nil // start masks computed before this phrase would not know it
	toks := tokenize(phrase, 0, len(phrase), 0, nil)
	key := ""
	n := 0
	for _, t := range toks {
		if !t.word {
			continue
		}
		if key != "" {
			m.prefixes[key] = true
		}
		key += t.key
		n++
	}
	if key == "" {
		return
	}
	m.prefixes[key] = true
	m.full[key] = append(m.full[key], v)
	if n > m.maxToks {
		m.maxToks = n
	}
}

// lookup returns the payloads of a key.
func (m *keyMatcher[T]) lookup(key string) []T { return m.full[key] }

// longest returns the end (exclusive token index) and payloads of the
// longest phrase starting at toks[i], or (i, nil) when none starts there.
func (m *keyMatcher[T]) longest(toks []token, i int) (int, []T) {
	if i >= len(toks) || !toks[i].word || !toks[i].mayStart(m.bit) {
		return i, nil
	}
	if m.voc != nil && toks[i].starts&startsKnown != 0 {
		return m.longestByID(toks, i)
	}
	bestEnd, best := i, []T(nil)
	var arr [64]byte
	key := arr[:0] // the concatenated keys; map lookups with string(key) do not allocate
	j := i
	n := 0
	for j < len(toks) && n < m.maxToks {
		t := &toks[j]
		if !t.word || t.sent != toks[i].sent {
			break
		}
		key = append(key, t.key...)
		if !m.prefixes[string(key)] {
			break
		}
		n++
		if v, ok := m.full[string(key)]; ok {
			bestEnd, best = j+1, v
		}
		j = nextJoined(toks, j)
	}
	return bestEnd, best
}

// longestByID is longest for a token with an id whose start mask has
// the matcher's bit: the same walk from node to node of the vocabulary.
func (m *keyMatcher[T]) longestByID(toks []token, i int) (int, []T) {
	v := m.voc
	bestEnd, best := i, []T(nil)
	node, sent := toks[i].id, toks[i].sent
	for j, n := i, 0; ; {
		n++
		if v.nodes[node].full&m.bit != 0 {
			bestEnd, best = j+1, m.byNode[node]
		}
		j = nextJoined(toks, j)
		if n >= m.maxToks || j >= len(toks) || !toks[j].word || toks[j].sent != sent {
			break
		}
		if node = v.step(node, &toks[j]); node == 0 || v.nodes[node].starts&m.bit == 0 {
			break
		}
	}
	return bestEnd, best
}

// Start masks. Each matcher tries every token as a start, and most
// tokens start nothing. The vocabulary (vocab.go) gives each indexed
// matcher a bit and every key that is a prefix (at token boundaries) of
// some matcher's phrases the bits of those matchers; a document's tokens
// carry the mask of their key (token.starts, set with their id), and a
// matcher whose bit is not in it skips the token at once.

// startsKnown marks a token whose starts mask was computed; tokens made
// elsewhere (phrases, teaser lines) are looked up as before.
const startsKnown = uint64(1) << 63

// mayStart reports whether a phrase of the matcher with the given bit can
// start at the token (true when unknown).
func (t *token) mayStart(bit uint64) bool {
	return bit == 0 || t.starts&startsKnown == 0 || t.starts&bit != 0
}

func (m *keyMatcher[T]) prefixKeys(fn func(string)) {
	for k := range m.prefixes {
		fn(k)
	}
}

func (m *keyMatcher[T]) fullKeys(fn func(string)) {
	for k := range m.full {
		fn(k)
	}
}

func (m *keyMatcher[T]) setStartBit(v *vocab, bit uint64) {
	m.bit, m.voc = bit, v
	m.byNode = make(map[int32][]T, len(m.full))
	for k, vals := range m.full {
		m.byNode[v.ids[k]] = vals
	}
}

func (c *cueIndex) prefixKeys(fn func(string)) {
	for k := range c.prefixes {
		fn(k)
	}
}

func (c *cueIndex) fullKeys(fn func(string)) {
	for k := range c.full {
		fn(k)
	}
}

func (c *cueIndex) setStartBit(v *vocab, bit uint64) {
	c.bit, c.voc = bit, v
	c.catPre = make([]uint64, len(v.nodes))
	c.catFull = make([][]catCue, len(v.nodes))
	for k, cats := range c.prefixes {
		c.catPre[v.ids[k]] = cats
	}
	for k, cues := range c.full {
		c.catFull[v.ids[k]] = cues
	}
}

// nextJoined returns the token after word j, stepping over one joiner (a
// hyphen or apostrophe between words).
func nextJoined(toks []token, j int) int {
	k := j + 1
	if k < len(toks) && (toks[k].punct == '-' || toks[k].punct == '\'') && k+1 < len(toks) && toks[k+1].word {
		k++
	}
	return k
}

// cueIndex matches the cue phrases of every category (data/cues.tsv) in
// one walk per start token, with the same result as one keyMatcher per
// category: for each category, the longest of its phrases starting there.
// A category drops out of the walk where its own matcher would stop (the
// concatenation is no prefix of its phrases, or is longer than its longest
// phrase in tokens).
type cueIndex struct {
	cats     map[string]int
	prefixes map[string]uint64 // key -> categories with a phrase it is a prefix of (at token boundaries)
	full     map[string][]catCue
	maxToks  []int
	longer   []uint64 // n -> categories with phrases of more than n tokens
	bit      uint64   // start mask bit
	voc      *vocab   // set with bit: the walk by token id
	catPre   []uint64 // node id -> prefixes by id
	catFull  [][]catCue
}

type catCue struct {
	cat int
	v   string
}

// cueHit is a category's longest cue starting at a token: its end and
// first value.
type cueHit struct {
	end int
	v   string
}

func newCueIndex() *cueIndex {
	return &cueIndex{cats: map[string]int{}, prefixes: map[string]uint64{}, full: map[string][]catCue{}}
}

// category returns the index of a category, adding it (at most 64).
func (c *cueIndex) category(cat string) int {
	k, ok := c.cats[cat]
	if !ok {
		k = len(c.cats)
		if k >= 64 {
			panic("extract: more than 64 cue categories")
		}
		c.cats[cat] = k
		c.maxToks = append(c.maxToks, 0)
		c.bit, c.voc = 0, nil
	}
	return k
}

// add registers a phrase of a category with its value (as keyMatcher.add).
func (c *cueIndex) add(cat, phrase, v string) {
	k := c.category(cat)
	bit := uint64(1) << k
	toks := tokenize(phrase, 0, len(phrase), 0, nil)
	key := ""
	n := 0
	for _, t := range toks {
		if !t.word {
			continue
		}
		if key != "" {
			c.prefixes[key] |= bit
		}
		key += t.key
		n++
	}
	if key == "" {
		return
	}
	c.prefixes[key] |= bit
	c.full[key] = append(c.full[key], catCue{k, v})
	c.bit, c.voc = 0, nil
	if n > c.maxToks[k] {
		c.maxToks[k] = n
	}
	c.longer = nil
}

// finish computes the per-length masks once every phrase is added.
func (c *cueIndex) finish() {
	most := 0
	for _, n := range c.maxToks {
		most = max(most, n)
	}
	c.longer = make([]uint64, most+1)
	for n := range c.longer {
		for k, mt := range c.maxToks {
			if mt > n {
				c.longer[n] |= 1 << k
			}
		}
	}
}

// at sets hits[cat] to the longest cue of each category starting at
// toks[i] and returns the categories found; the other entries of hits are
// left as they were (clearing them for every token cost more than the
// walk). The categories of skip are not looked for: the walk ends when
// only they could still match.
func (c *cueIndex) at(toks []token, i int, hits []cueHit, skip uint64) uint64 {
	if i >= len(toks) || !toks[i].word || !toks[i].mayStart(c.bit) {
		return 0
	}
	if c.voc != nil && toks[i].starts&startsKnown != 0 {
		return c.atByID(toks, i, hits, skip)
	}
	var found uint64
	var arr [64]byte
	key := arr[:0]
	j, n := i, 0
	alive := ^skip
	for j < len(toks) && n < len(c.longer) {
		alive &= c.longer[n]
		t := &toks[j]
		if alive == 0 || !t.word || t.sent != toks[i].sent {
			break
		}
		key = append(key, t.key...)
		alive &= c.prefixes[string(key)]
		if alive == 0 {
			break
		}
		n++
		var now uint64 // categories whose first value at this key is taken
		for _, e := range c.full[string(key)] {
			bit := uint64(1) << e.cat
			if alive&bit != 0 && now&bit == 0 {
				now |= bit
				hits[e.cat] = cueHit{j + 1, e.v}
			}
		}
		found |= now
		j = nextJoined(toks, j)
	}
	return found
}

// atByID is at for a token with an id: the same walk from node to node.
func (c *cueIndex) atByID(toks []token, i int, hits []cueHit, skip uint64) uint64 {
	v := c.voc
	var found uint64
	node, sent := toks[i].id, toks[i].sent
	j, n := i, 0
	alive := ^skip
	for j < len(toks) && n < len(c.longer) {
		alive &= c.longer[n]
		t := &toks[j]
		if alive == 0 || !t.word || t.sent != sent {
			break
		}
		if j > i {
			if node = v.step(node, t); node == 0 {
				break
			}
		}
		alive &= c.catPre[node]
		if alive == 0 {
			break
		}
		n++
		var now uint64
		for _, e := range c.catFull[node] {
			bit := uint64(1) << e.cat
			if alive&bit != 0 && now&bit == 0 {
				now |= bit
				hits[e.cat] = cueHit{j + 1, e.v}
			}
		}
		found |= now
		j = nextJoined(toks, j)
	}
	return found
}

// phraseKey is the key a phrase is matched by.
func phraseKey(s string) string { return fold.Key(s) }
