package extract

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// nerSignal proposes person names that no cue or name list found. It is
// consulted only for capitalised spans nothing else explained, so it costs
// little on most articles.
type nerSignal interface {
	isPerson(d *docState, i, j int) bool
}

// proseNER is prose v2's English averaged-perceptron tagger and maximum
// entropy entity classifier, loaded once per process (loading the default
// model takes ~240 ms: doing it per document would dominate the run). The
// model is shared between goroutines behind a mutex.
type proseNER struct {
	once  sync.Once
	mu    sync.Mutex
	model *prose.Model
}

func newProseNER() *proseNER { return &proseNER{} }

func (p *proseNER) isPerson(d *docState, i, j int) bool {
	if p == nil || d.lang != "en" {
		return false
	}
	p.once.Do(func() { p.model = prose.ModelFromData("en") })
	sent := d.toks[i].sent
	persons, ok := d.nerCache[sent]
	if !ok {
		s := d.sents[sent]
		persons = p.persons(d.text[s.start:s.end])
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

// persons returns the texts prose tags PERSON in a sentence. prose's
// tokenizer panics on some inputs (slice bounds in doSplit, found by
// FuzzExtract): such a sentence simply gives no signal.
func (p *proseNER) persons(sentence string) (out []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	doc, err := prose.NewDocument(sentence, prose.UsingModel(p.model), prose.WithSegmentation(false))
	if err != nil {
		return nil
	}
	for _, e := range doc.Entities() {
		if e.Label == "PERSON" {
			out = append(out, e.Text)
		}
	}
	return out
}
