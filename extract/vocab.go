package extract

import (
	"encoding/binary"
	"sort"

	"github.com/kg-dev/kg/extract/fold"
)

// Token ids. Matching phrases by their folded keys costs string-keyed map
// lookups, several per token: each matcher looks up the token's key to see
// whether a phrase starts or ends there, then the concatenation with the
// next token's key, and so on. The vocabulary numbers once, in New, every
// key the indexed matchers know (the prefixes of their phrases at token
// boundaries: the nodes) and every piece that extends one node into
// another ("da" + "nang" = "danang"); each token of a document gets the id
// of its key once (vocab.intern), and the matchers then walk from node to
// node by id, reading slices instead of hashing strings. Keys the
// vocabulary does not know get id 0, which starts and extends nothing.
//
// The walk by id gives the same matches as the walk by string (the
// matchers keep both: tokens made outside a document, such as the words
// of a phrase, have no id): the concatenation of keys is a node exactly
// when the string walk would find it among some matcher's prefixes.
type vocab struct {
	ids   map[string]int32 // key -> id: the nodes first (from 1), then the pieces that are no node
	short shortIDs         // the ids of the keys of at most 8 bytes, read by lookup
	keys  []string         // id -> key
	nodes []vnode          // id -> what the key starts and ends (zero for pieces that are no node)
	edges []vedge          // the ways on from each node (vnode.edges), by piece id
	lists []uint64         // id -> the word lists the key is in, bit 1<<l for list l (wordlists.go)
}

// vnode is what the matchers know of one key.
type vnode struct {
	starts uint64   // matchers with a phrase this key is a prefix of (token.starts)
	full   uint64   // matchers with a phrase of exactly this key
	edges  [2]int32 // the node's ways on: edges[edges[0]:edges[1]]
}

// vedge leads from a node, by a piece, to the node of their concatenation.
type vedge struct{ piece, to int32 }

// startIndexed is a matcher that takes part in the start masks and the
// walk by id.
type startIndexed interface {
	prefixKeys(fn func(key string))
	fullKeys(fn func(key string))
	setStartBit(v *vocab, bit uint64)
}

// newVocab assigns bits to (at most 63) matchers, once all their phrases
// are added, numbers their keys and hands each matcher the vocabulary to
// index its payloads by node. The others keep bit 0: they are always
// walked by string. It then numbers the keys of the word lists (sets by
// wordList) too and records the lists each key is in.
func newVocab(ms []startIndexed, lists []map[string]bool) *vocab {
	if len(ms) > 63 {
		ms = ms[:63]
	}
	starts, full := map[string]uint64{}, map[string]uint64{}
	for k, m := range ms {
		bit := uint64(1) << k
		m.prefixKeys(func(key string) { starts[key] |= bit })
		m.fullKeys(func(key string) { full[key] |= bit })
	}
	keys := make([]string, 0, len(starts))
	for k := range starts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	v := &vocab{ids: make(map[string]int32, len(keys)), keys: append([]string{""}, keys...)}
	for i, k := range keys {
		v.ids[k] = int32(i + 1)
	}
	v.nodes = make([]vnode, len(v.keys))
	for i, k := range keys {
		v.nodes[i+1] = vnode{starts: starts[k], full: full[k]}
	}
	// every node q that is a node p followed by more letters is reached
	// from p by the piece q[len(p):]
	out := map[int32][]vedge{}
	for _, q := range keys {
		for l := 1; l < len(q); l++ {
			p, ok := v.ids[q[:l]]
			if !ok {
				continue
			}
			out[p] = append(out[p], vedge{v.id(q[l:]), v.ids[q]})
		}
	}
	for p := range v.nodes {
		es := out[int32(p)]
		sort.Slice(es, func(a, b int) bool { return es[a].piece < es[b].piece })
		v.nodes[p].edges = [2]int32{int32(len(v.edges)), int32(len(v.edges) + len(es))}
		v.edges = append(v.edges, es...)
	}
	for k, m := range ms {
		m.setStartBit(v, uint64(1)<<k)
	}
	v.addLists(lists)
	v.short = newShortIDs(v.ids) // once every key has its id
	return v
}

// addLists numbers the keys of the word lists (sets by wordList) and
// records the lists each is in.
func (v *vocab) addLists(sets []map[string]bool) {
	in := func(fn func(l int, k string)) {
		for l, set := range sets {
			for k, ok := range set {
				if ok && k != "" {
					fn(l, k)
				}
			}
		}
	}
	in(func(_ int, k string) { v.id(k) })
	v.lists = make([]uint64, len(v.keys))
	in(func(l int, k string) { v.lists[v.ids[k]] |= 1 << l })
}

// lookup returns the id of a key, 0 if the vocabulary does not know it.
// Most keys are short words: theirs are read from a table of the keys
// packed in a word (one cache line read, no string hashing); the others
// from the map.
func (v *vocab) lookup(k string) int32 {
	if len(k) <= 8 {
		return v.short.get(k)
	}
	return v.ids[k]
}

// shortIDs is an open-addressing hash table (linear probing, load at most
// 1/2) of the keys of at most 8 bytes, each packed into a uint64 (keys
// never hold a NUL byte: the vocabulary's are lowercase letters and
// digits, the function words' lower-cased UTF-8; so the zero-padded
// packing is unique and 0 marks an empty slot).
type shortIDs struct {
	slots []shortSlot
	shift uint // 64 - log2(len(slots))
}

type shortSlot struct {
	key uint64
	id  int32
}

func newShortIDs(ids map[string]int32) shortIDs {
	n := 0
	for k := range ids {
		if k != "" && len(k) <= 8 {
			n++
		}
	}
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	t := shortIDs{slots: make([]shortSlot, 1<<bits), shift: 64 - bits}
	for k, id := range ids {
		if k == "" || len(k) > 8 {
			continue
		}
		p := pack8(k)
		i := t.slot(p)
		for t.slots[i].key != 0 {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = shortSlot{key: p, id: id}
	}
	return t
}

func (t *shortIDs) slot(p uint64) int { return int((p * 0x9E3779B97F4A7C15) >> t.shift) }

// get returns the id of k (len(k) <= 8), 0 if unknown.
func (t *shortIDs) get(k string) int32 {
	if k == "" {
		return 0
	}
	return t.getPacked(pack8(k))
}

// getPacked returns the id of the key packed into p (pack8), 0 if unknown.
func (t *shortIDs) getPacked(p uint64) int32 {
	if p == 0 {
		return 0
	}
	mask := len(t.slots) - 1
	for i := t.slot(p); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == p {
			return s.id
		}
		if s.key == 0 {
			return 0
		}
	}
}

// pack8 packs a string of at most 8 bytes into a uint64, little-endian,
// zero-padded.
func pack8(k string) uint64 {
	switch n := len(k); {
	case n == 8:
		return uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 |
			uint64(k[4])<<32 | uint64(k[5])<<40 | uint64(k[6])<<48 | uint64(k[7])<<56
	case n >= 4:
		// the first four bytes and the last four, which overlap: the
		// bytes they share are the same in both
		lo := uint32(k[0]) | uint32(k[1])<<8 | uint32(k[2])<<16 | uint32(k[3])<<24
		t := k[n-4:]
		hi := uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16 | uint32(t[3])<<24
		return uint64(lo) | uint64(hi)<<(8*(n-4))
	}
	var p uint64
	for i := len(k) - 1; i >= 0; i-- {
		p = p<<8 | uint64(k[i])
	}
	return p
}

// pack8b is pack8 of a byte slice.
func pack8b(k []byte) uint64 {
	switch n := len(k); {
	case n == 8:
		return binary.LittleEndian.Uint64(k)
	case n >= 4:
		return uint64(binary.LittleEndian.Uint32(k)) | uint64(binary.LittleEndian.Uint32(k[n-4:]))<<(8*(n-4))
	}
	var p uint64
	for i := len(k) - 1; i >= 0; i-- {
		p = p<<8 | uint64(k[i])
	}
	return p
}

// keyTable maps word keys (lowercase letters and digits, as shortIDs) to
// small non-zero numbers, reading those of at most 8 bytes from a packed
// table: a map look-up costs a string hash for every word asked about.
type keyTable struct {
	short shortIDs
	long  map[string]int32
}

func newKeyTable(m map[string]int32) keyTable {
	t := keyTable{short: newShortIDs(m), long: map[string]int32{}}
	for k, v := range m {
		if len(k) == 0 || len(k) > 8 {
			t.long[k] = v
		}
	}
	return t
}

// newKeySet is a keyTable of a set: 1 for its keys.
func newKeySet(set map[string]bool) keyTable {
	m := make(map[string]int32, len(set))
	for k, in := range set {
		if in {
			m[k] = 1
		}
	}
	return newKeyTable(m)
}

// get returns the number of key, 0 if it has none.
func (t *keyTable) get(key string) int32 {
	if n := len(key); n > 0 && n <= 8 {
		return t.short.get(key)
	}
	return t.long[key]
}

// has reports whether key has a number (is in the set).
func (t *keyTable) has(key string) bool { return t.get(key) != 0 }

// id returns the id of a piece, numbering it if new.
func (v *vocab) id(piece string) int32 {
	c, ok := v.ids[piece]
	if !ok {
		c = int32(len(v.keys))
		v.ids[piece] = c
		v.keys = append(v.keys, piece)
		v.nodes = append(v.nodes, vnode{})
	}
	return c
}

// intern gives each word token its key's id and start mask, unless it has
// them already (tokens of a document get them from keyCache.intern as they
// are made; the tokens split off by splitRunTogether and those of tests
// come here).
func (v *vocab) intern(toks []token) {
	for i := range toks {
		t := &toks[i]
		if !t.word || t.starts&startsKnown != 0 {
			continue
		}
		t.id = v.lookup(t.key)
		t.starts = v.nodes[t.id].starts | startsKnown
	}
}

// lookupBytes is lookup of a key held in a byte slice.
func (v *vocab) lookupBytes(k []byte) int32 {
	if len(k) <= 8 {
		return v.short.getPacked(pack8b(k))
	}
	return v.ids[string(k)]
}

// keyCache gives the word tokens of one document their keys, ids and
// start masks as they are made (tokenize), without allocating for most
// words: a word that is its own key (lowercase ASCII letters and digits)
// is its key, found in the vocabulary at once. The other words
// (capitalised, accented: names, repeated through an article) are folded
// and looked up once: a small table keeps, in each slot, the last such
// word hashed to it with its key (the vocabulary's own string for a
// known key), id and mask. reset empties it for the next document:
// nothing is kept from one document to the next.
type keyCache struct {
	v     *vocab
	slots [keyCacheSlots]keyCacheSlot
}

type keyCacheSlot struct {
	word, key string
	id        int32
	starts    uint64
}

const (
	keyCacheBits  = 8
	keyCacheSlots = 1 << keyCacheBits // 12 KB
)

// reset empties the cache and sets the vocabulary it reads.
func (c *keyCache) reset(v *vocab) {
	c.v = v
	clear(c.slots[:])
}

// intern returns fold.Key(w), its id and its start mask (with startsKnown);
// isKey tells whether w is its own key (fold.Key(w) == w: only lowercase
// ASCII letters and digits), which the tokenizer knows.
func (c *keyCache) intern(w string, isKey bool) (key string, id int32, starts uint64) {
	if isKey { // most words: w is its own key
		if len(w) <= 8 {
			id = c.v.short.getPacked(pack8(w)) // lookup, with one call less
		} else {
			id = c.v.ids[w]
		}
		return w, id, c.v.nodes[id].starts | startsKnown
	}
	s := &c.slots[cacheSlot(w)]
	if s.word == w && w != "" {
		return s.key, s.id, s.starts
	}
	var arr [64]byte
	kb := fold.AppendKey(arr[:0], w)
	switch id = c.v.lookupBytes(kb); {
	case id != 0:
		key = c.v.keys[id]
	case len(kb) == 0:
		return "", 0, startsKnown
	default:
		key = string(kb)
	}
	*s = keyCacheSlot{word: w, key: key, id: id, starts: c.v.nodes[id].starts | startsKnown}
	return s.key, s.id, s.starts
}

// cacheSlot hashes a word to a slot of keyCache: its first and last (up
// to) 8 bytes and its length.
func cacheSlot(w string) uint64 {
	if w == "" {
		return 0
	}
	p := pack8(w[:min(len(w), 8)])
	if len(w) > 8 {
		p ^= pack8(w[len(w)-8:])<<1 ^ uint64(len(w))
	}
	return (p * 0x9E3779B97F4A7C15) >> (64 - keyCacheBits)
}

// known reports whether a key is a prefix of some indexed matcher's
// phrases.
func (v *vocab) known(key string) bool { return v.nodes[v.lookup(key)].starts != 0 }

// step returns the node of the concatenation of node's key and the word
// token t's key, 0 if none. A token whose key is empty adds nothing to
// the concatenation, as in the walk by string.
func (v *vocab) step(node int32, t *token) int32 {
	if t.key == "" {
		return node
	}
	r := v.nodes[node].edges
	if r[0] == r[1] {
		return 0
	}
	c := t.id
	if t.starts&startsKnown == 0 {
		c = v.lookup(t.key)
	}
	if c == 0 {
		return 0
	}
	es := v.edges[r[0]:r[1]]
	lo, hi := 0, len(es)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if es[m].piece < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(es) && es[lo].piece == c {
		return es[lo].to
	}
	return 0
}
