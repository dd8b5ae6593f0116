package extract

import (
	"strings"
	"sync"
)

// nerSignal proposes person names that no cue or name list found. It is
// consulted only for capitalised spans nothing else explained, so it costs
// little on most articles.
type nerSignal interface {
	isPerson(d *resolved, i, j int) bool
}

// proseNER is prose v2's English part-of-speech tagger and maximum
// entropy entity classifier (see prosener.go), loaded once per process on
// first use (reading data/model/prose-en.bin takes ~30-50 ms, converting
// prose's own assets took 0.5-0.8 s; either per document would dominate
// the run). The model is read-only once loaded: goroutines share
// it without a lock.
type proseNER struct {
	once  sync.Once
	model *nerModel // nil when prose's model could not be loaded
}

func newProseNER() *proseNER { return &proseNER{} }

func (p *proseNER) isPerson(d *resolved, i, j int) bool {
	if p == nil || d.lang != "en" {
		return false
	}
	p.once.Do(func() { p.model, _ = loadNERModel() })
	if p.model == nil {
		return false
	}
	// the sentence's names are kept for the rest of this document only
	// (resolved.nerCache): nothing outlives the Extract call
	sent := d.toks[i].sent
	persons, ok := d.nerCache[sent]
	if !ok {
		s := d.sents[sent]
		persons, _ = p.model.persons(d.text[s.start:s.end])
		if d.nerCache == nil {
			d.nerCache = map[int][]string{}
		}
		d.nerCache[sent] = persons
	}
	want := d.surface(i, j)
	for _, e := range persons {
		if strings.Contains(e, want) {
			return true
		}
	}
	return false
}
