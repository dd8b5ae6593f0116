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
}

func newKeyMatcher[T any]() *keyMatcher[T] {
	return &keyMatcher[T]{full: map[string][]T{}, prefixes: map[string]bool{}}
}

// add registers a phrase with its payload.
func (m *keyMatcher[T]) add(phrase string, v T) {
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
	if i >= len(toks) || !toks[i].word {
		return i, nil
	}
	bestEnd, best := i, []T(nil)
	key := ""
	j := i
	n := 0
	for j < len(toks) && n < m.maxToks {
		t := toks[j]
		if !t.word || t.sent != toks[i].sent {
			break
		}
		key += t.key
		if !m.prefixes[key] {
			break
		}
		n++
		if v, ok := m.full[key]; ok {
			bestEnd, best = j+1, v
		}
		// step over joiners: one hyphen or apostrophe between words
		k := j + 1
		if k < len(toks) && (toks[k].punct == '-' || toks[k].punct == '\'') && k+1 < len(toks) && toks[k+1].word {
			k++
		}
		j = k
	}
	return bestEnd, best
}

// phraseKey is the key a phrase is matched by.
func phraseKey(s string) string { return fold.Key(s) }
