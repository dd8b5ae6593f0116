package extract

import "testing"

// TestWordListsByToken checks that a token's lists read by its id are
// the lists its key is in, for every token of the sample articles, and
// that tokens without an id read the same from the maps.
func TestWordListsByToken(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	hits := make([]int, numWordLists)
	for _, doc := range seedDocsT(t) {
		d := x.run(doc, new(docBufs))
		plain := byString(d.toks)
		for i := range d.toks {
			tok := &d.toks[i]
			for l := wordList(0); l < numWordLists; l++ {
				want := x.listSets[l][tok.key]
				if got := d.in(tok, l); got != want {
					t.Fatalf("%s: token %d %q in list %d: %v by id, want %v", doc.ID, i, tok.text, l, got, want)
				}
				if got := d.in(&plain[i], l); got != want {
					t.Fatalf("%s: token %d %q in list %d: %v by string, want %v", doc.ID, i, tok.text, l, got, want)
				}
				if want && tok.starts&startsKnown != 0 {
					hits[l]++
				}
			}
		}
	}
	for _, l := range []wordList{listSurnameVI, listGiven, listDefinite, listOf, listPairAnd, listTopic} {
		if hits[l] == 0 {
			t.Errorf("no token of the samples found in list %d by its id", l)
		}
	}
}

// TestWordListKeys checks every key of every list against the
// vocabulary's bits.
func TestWordListKeys(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for l, set := range x.listSets {
		for k, in := range set {
			id := x.vocab.lookup(k)
			if got := x.vocab.lists[id]&(1<<l) != 0; got != in || in && id == 0 {
				t.Errorf("list %d, key %q (id %d): bit %v, want %v", l, k, id, got, in)
			}
		}
	}
	if x.vocab.lists[0] != 0 {
		t.Errorf("id 0 (unknown keys) is in lists %b", x.vocab.lists[0])
	}
}
