package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/kg-dev/kg/internal/corpus"
)

// byString returns toks as tokens made outside a document: without ids,
// so that the matchers walk them by string.
func byString(toks []token) []token {
	out := append([]token(nil), toks...)
	for i := range out {
		out[i].id, out[i].starts = 0, 0
	}
	return out
}

// TestWalkByIDMatchesWalkByString checks that the walk from node to node
// finds what the walk by concatenated keys finds, at every token, for
// phrases split into tokens differently from the text.
func TestWalkByIDMatchesWalkByString(t *testing.T) {
	places := newKeyMatcher[string]()
	for _, p := range []string{"Đà Nẵng", "Da Lat", "Hồ Chí Minh City", "Ho Chi Minh", "Hanoi", "Saint-Étienne", "Nam"} {
		places.add(p, p)
	}
	titles := newKeyMatcher[string]()
	for _, p := range []string{"mayor", "deputy mayor", "vice-chairman of the People's Committee"} {
		titles.add(p, p)
	}
	cues := newCueIndex()
	cues.add("met", "met with", "met")
	cues.add("met", "met", "met")
	cues.add("partner", "twinned with", "twin")
	cues.add("venue", "in", "in")
	cues.finish()
	voc := newVocab([]startIndexed{places, titles, cues}, nil)
	texts := []string{
		"The deputy mayor of Danang met with the Vice-Chairman of the People's Committee of Hồ Chí Minh City.",
		"Da-Nang, DaLat and Ho Chi Minh were twinned with Saint Etienne in 2019; Nam Định is not Nam.",
		"Le maire de Hanoï a rencontré le maire adjoint de Đà Lạt à Hà Nội.",
		"Ho Chi Minh \u0301 City and Da \u0301 Nang", // a combining mark alone is a word with an empty key
	}
	for _, text := range texts {
		toks := tokenize(text, 0, len(text), 0, nil)
		voc.intern(toks)
		plain := byString(toks)
		hits, plainHits := make([]cueHit, len(cues.maxToks)), make([]cueHit, len(cues.maxToks))
		for i := range toks {
			for _, m := range []*keyMatcher[string]{places, titles} {
				j, v := m.longest(toks, i)
				pj, pv := m.longest(plain, i)
				if j != pj || !reflect.DeepEqual(v, pv) {
					t.Errorf("%q at %q: by id (%d, %v), by string (%d, %v)", text, toks[i].text, j, v, pj, pv)
				}
			}
			clear(hits)
			clear(plainHits)
			f, pf := cues.at(toks, i, hits, 0), cues.at(plain, i, plainHits, 0)
			if f != pf || !reflect.DeepEqual(hits, plainHits) {
				t.Errorf("%q at %q: cues by id %b %v, by string %b %v", text, toks[i].text, f, hits, pf, plainHits)
			}
		}
	}
	// the test must see matches, including one joined across tokens
	toks := tokenize(texts[1], 0, len(texts[1]), 0, nil)
	voc.intern(toks)
	if j, v := places.longest(toks, 0); j != 3 || len(v) != 1 || v[0] != "Đà Nẵng" {
		t.Errorf("Da-Nang: got (%d, %v), want (3, [Đà Nẵng])", j, v)
	}
	if j, v := places.longest(toks, 4); j != 5 || len(v) != 1 || v[0] != "Da Lat" {
		t.Errorf("DaLat: got (%d, %v), want (5, [Da Lat])", j, v)
	}
}

// TestVocabOnArticles compares both walks for every indexed matcher of
// the default extractor on the sample articles' tokens.
func TestVocabOnArticles(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	lx := x.lx
	ms := []interface {
		longestEnd(toks []token, i int) int
	}{x.places, x.demonyms, x.pw.units, x.orgHeads, lx.titles, lx.orgs, lx.eventHeads, lx.units, lx.orgWords}
	for _, c := range lx.cues {
		ms = append(ms, c)
	}
	n := 0
	for _, doc := range seedDocsT(t) {
		d := x.run(doc, new(docBufs))
		plain := byString(d.toks)
		hits, plainHits := make([]cueHit, len(lx.cueIdx.maxToks)), make([]cueHit, len(lx.cueIdx.maxToks))
		for i := range d.toks {
			for k, m := range ms {
				if j, pj := m.longestEnd(d.toks, i), m.longestEnd(plain, i); j != pj {
					t.Fatalf("%s: matcher %d at token %d %q: by id %d, by string %d", doc.ID, k, i, d.toks[i].text, j, pj)
				} else if j > i {
					n++
				}
			}
			clear(hits)
			clear(plainHits)
			f, pf := lx.cueIdx.at(d.toks, i, hits, 0), lx.cueIdx.at(plain, i, plainHits, 0)
			if f != pf || !reflect.DeepEqual(hits, plainHits) {
				t.Fatalf("%s: cues at token %d %q differ", doc.ID, i, d.toks[i].text)
			}
		}
	}
	if n == 0 {
		t.Fatal("no matches in the samples")
	}
}

func (m *keyMatcher[T]) longestEnd(toks []token, i int) int {
	j, _ := m.longest(toks, i)
	return j
}

// seedDocsT reads the sample and unseen test articles and generates 50
// more.
func seedDocsT(t *testing.T) []Document {
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "unseen", "*.txt"))
	var docs []Document
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, Document{ID: filepath.Base(f), Text: string(b)})
	}
	err := corpus.Generate(corpus.Options{Seed: 5, N: 50}, func(a corpus.Article) error {
		docs = append(docs, Document{ID: a.Name, Text: a.Text})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestEmptyKeyWord checks that the last text of
// TestWalkByIDMatchesWalkByString has the word with an empty key it is
// there for.
func TestEmptyKeyWord(t *testing.T) {
	text := "Minh \u0301 City"
	toks := tokenize(text, 0, len(text), 0, nil)
	if len(toks) != 3 || !toks[1].word || toks[1].key != "" {
		t.Fatalf("tokens %+v", toks)
	}
}

// TestCueCats checks the categories the code names: each is a category
// of data/cues.tsv with phrases, lexicon.cueCat holds its index, and
// hasCue and lexicon.cue find its phrases by it.
func TestCueCats(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	lx := x.lx
	for c, name := range cueCatNames {
		if k, ok := lx.cueIdx.cats[name]; !ok || lx.cueCat[c] != k {
			t.Errorf("%s: index %d, want %d (%v)", name, lx.cueCat[c], k, ok)
		}
		if m := lx.cues[name]; m == nil || len(m.full) == 0 {
			t.Errorf("%s: no phrase in data/cues.tsv", name)
		}
	}
	text := "The mayor met with the delegation. The two cities signed a twinning agreement."
	d := x.run(Document{ID: "t", Text: text, Lang: "en"}, new(docBufs))
	c := &d.candidates
	if len(c.sents) != 2 {
		t.Fatalf("%d sentences", len(c.sents))
	}
	if v, k := c.hasCue(cueMet, 0); v == "" || c.toks[k].key != "met" {
		t.Errorf("hasCue(met, 0) = %q at %d", v, k)
	}
	if v, _ := c.hasCue(cueMet, 1); v != "" {
		t.Errorf("hasCue(met, 1) = %q", v)
	}
	if v, _ := c.hasCue(cuePartner, 1); v == "" {
		t.Errorf("hasCue(partner, 1) found nothing")
	}
	for k := range c.toks {
		if c.toks[k].key == "twinning" {
			if _, v := lx.cue(cueKind, c.toks, k); v == "" {
				t.Errorf("cue(kind) at twinning found nothing")
			}
		}
	}
}

// BenchmarkTokenizeKeys measures tokenising with the keys, ids and start
// masks from a document's keyCache, on 200 generated articles:
// go test ./extract -run XXX -bench TokenizeKeys
func BenchmarkTokenizeKeys(b *testing.B) {
	x, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	err = corpus.Generate(corpus.Options{Seed: 1, N: 200}, func(a corpus.Article) error {
		texts = append(texts, a.Text)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var kc keyCache
	var toks []token
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, text := range texts {
			kc.reset(x.vocab)
			toks = tokenizeKeys(&kc, text, 0, len(text), 0, toks[:0])
			n += len(toks)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/token")
}

// TestKeyCacheMatchesIntern checks that tokenising with a keyCache gives
// every token the key, id and start mask that tokenize and vocab.intern
// give it, on generated articles (one cache for all of them, so that
// slots are overwritten) and on words of odd shapes.
func TestKeyCacheMatchesIntern(t *testing.T) {
	x := testExtractor(t)
	texts := []string{
		"Hà Nội, HANOI and hanoi; Đà Nẵng-Danang; Thành phố Hồ Chí Minh 2024",
		"Internationalisation internationalization INTERNATIONALISATION x1 X1 ǅ \u212a Kelvin",
		"Minh \u0301 City, l'Assemblée nationale, Île-de-France, Œuvre, Straße",
	}
	err := corpus.Generate(corpus.Options{Seed: 5, N: 60}, func(a corpus.Article) error {
		texts = append(texts, a.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var kc keyCache
	kc.reset(x.vocab)
	for _, text := range texts {
		want := tokenize(text, 0, len(text), 0, nil)
		x.vocab.intern(want)
		got := tokenizeKeys(&kc, text, 0, len(text), 0, nil)
		if len(got) != len(want) {
			t.Fatalf("%d tokens, want %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("token %d: got %+v, want %+v", i, got[i], want[i])
			}
		}
	}
}

// TestVocabLookup checks the packed table of short keys against the map:
// every key the vocabulary numbers, and keys it does not know.
func TestVocabLookup(t *testing.T) {
	v := testExtractor(t).vocab
	short := 0
	for k, id := range v.ids {
		if got := v.lookup(k); got != id {
			t.Fatalf("lookup(%q) = %d, want %d", k, got, id)
		}
		if len(k) <= 8 {
			short++
		}
	}
	if short == 0 {
		t.Fatal("no short keys")
	}
	for _, k := range []string{"", "zqxjzqxj", "qqqq", "a1b2c3d4", "zzzzzzzzzzzz", "hanoiqqq"} {
		if _, ok := v.ids[k]; ok {
			continue
		}
		if got := v.lookup(k); got != 0 {
			t.Fatalf("lookup(%q) = %d for an unknown key", k, got)
		}
	}
}

// TestShortcutsMatchLongest checks the callers that skip a token by its
// start mask before calling longest (proposePhrases, lexicon.cue): they
// must find what longest finds on the same tokens without ids (which no
// mask rules out), at every token of the sample articles.
func TestShortcutsMatchLongest(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	lx := x.lx
	cats := []cueCat{cueMet, cuePartner, cueNotPersonBefore, cueNotPersonAfter, cuePortfolio, cueKind}
	n := 0
	for _, doc := range seedDocsT(t) {
		d := x.run(doc, new(docBufs))
		plain := byString(d.toks)
		var buf []phraseAt[string]
		var sbuf []int32
		starts := mayStartAny(d.toks, []uint64{lx.titles.bit, lx.eventHeads.bit}, &sbuf)
		got := proposePhrases(lx.eventHeads, d.toks, starts, &buf)
		for i := range d.toks {
			j, v := lx.eventHeads.longest(plain, i)
			if v == nil {
				j = 0
			}
			if got[i].end != j || !reflect.DeepEqual(got[i].v, v) {
				t.Fatalf("%s: event nouns at token %d %q: proposePhrases (%d, %v), longest (%d, %v)", doc.ID, i, d.toks[i].text, got[i].end, got[i].v, j, v)
			}
			if v != nil {
				n++
			}
			for _, c := range cats {
				j, v := lx.cue(c, d.toks, i)
				pj, pv := lx.cue(c, plain, i)
				if j != pj || v != pv {
					t.Fatalf("%s: cue %s at token %d %q: (%d, %q), by string (%d, %q)", doc.ID, c, i, d.toks[i].text, j, v, pj, pv)
				}
				if v != "" {
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no matches in the samples")
	}
}

// TestIndexCues checks the per-sentence cue index against a walk of each
// category's own matcher over the sentence's tokens without ids: the
// first token where the category's longest cue has a value.
func TestIndexCues(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	lx := x.lx
	nc := len(lx.cueIdx.maxToks)
	n := 0
	for _, doc := range seedDocsT(t) {
		d := x.run(doc, new(docBufs))
		plain := byString(d.toks)
		for s := range d.sents {
			a, b := d.sentRange(s)
			for cat := 0; cat < nc; cat++ {
				want := sentCue{k: -1}
				for k := a; k < b; k++ {
					if _, v := lx.cueByCat[cat].longest(plain, k); v != nil && v[0] != "" {
						want = sentCue{v: v[0], k: k}
						break
					}
				}
				if got := d.cueFirst[s*nc+cat]; got != want {
					t.Fatalf("%s: sentence %d, category %d: %+v, want %+v", doc.ID, s, cat, got, want)
				}
				if want.k >= 0 {
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no cues in the samples")
	}
}

// TestKeyTables checks the packed tables against the maps they stand for
// (data/nonname.tsv's classes, the caption and contracted-article words):
// every key of the maps and every word key of the sample articles; and a
// keyTable of short, long and empty keys.
func TestKeyTables(t *testing.T) {
	x := testExtractor(t)
	keys := map[string]bool{}
	for k := range x.lx.nonName {
		keys[k] = true
	}
	for _, m := range []map[string]bool{x.words.caption, x.words.contractLe, x.words.contractLes} {
		for k := range m {
			keys[k] = true
		}
	}
	for _, doc := range seedDocsT(t) {
		for _, tk := range tokenize(doc.Text, 0, len(doc.Text), 0, nil) {
			keys[tk.key] = true
		}
	}
	classes := 0
	for k := range keys {
		if c, want := x.lx.nonNameTab.get(k), x.lx.nonName[k]; (want == "" && c != 0) || (want != "" && c != nonNameCode(want)) {
			t.Fatalf("nonName %q: %d, want %q", k, c, want)
		} else if c != 0 {
			classes++
		}
		if x.words.captionTab.has(k) != x.words.caption[k] {
			t.Fatalf("caption %q: %v", k, x.words.captionTab.has(k))
		}
		c := x.words.contractTab.get(k)
		if (c&contractLe != 0) != x.words.contractLe[k] || (c&contractLes != 0) != x.words.contractLes[k] {
			t.Fatalf("contracted %q: %b", k, c)
		}
	}
	if classes == 0 || len(x.words.caption) == 0 || len(x.words.contractLes) == 0 {
		t.Fatal("empty word lists")
	}
	tab := newKeyTable(map[string]int32{"": 4, "a": 1, "abcdefgh": 2, "abcdefghi": 3})
	for k, want := range map[string]int32{"": 4, "a": 1, "abcdefgh": 2, "abcdefghi": 3, "b": 0, "abcdefg": 0, "abcdefghij": 0, "aa": 0} {
		if got := tab.get(k); got != want {
			t.Errorf("get(%q) = %d, want %d", k, got, want)
		}
	}
}

// TestNewMent checks that the mentions taken from the document's arrays
// stay apart and keep their values while more are taken.
func TestNewMent(t *testing.T) {
	var d resolved
	var ms []*ment
	for i := 0; i < 300; i++ {
		m := d.newMent()
		if !reflect.DeepEqual(*m, ment{}) {
			t.Fatalf("mention %d not zero: %+v", i, *m)
		}
		m.i, m.id = i, strconv.Itoa(i)
		ms = append(ms, m)
	}
	for i, m := range ms {
		if m.i != i || m.id != strconv.Itoa(i) {
			t.Fatalf("mention %d became %+v", i, *m)
		}
	}
}

// TestPack8 checks pack8 and pack8b, which read 4 or 8 bytes at a time,
// against packing byte by byte, for keys of every length to 8.
func TestPack8(t *testing.T) {
	for _, k := range []string{"", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "z9y8", "h\xc3\xa0n", "\xff\xfe\xfd\xfc\xfb"} {
		var want uint64
		for i := len(k) - 1; i >= 0; i-- {
			want = want<<8 | uint64(k[i])
		}
		if got, gotb := pack8(k), pack8b([]byte(k)); got != want || gotb != want {
			t.Errorf("%q: pack8 %#x, pack8b %#x, want %#x", k, got, gotb, want)
		}
	}
}

// TestMayStartOrg checks findOrgs' shortcut: at every word token of the
// samples where mayStartOrg says no body starts, each of the finders it
// skips finds none (in English and French articles, with demonyms).
func TestMayStartOrg(t *testing.T) {
	x := testExtractor(t)
	docs := append(seedDocsT(t),
		Document{ID: "fr", Lang: "fr", Text: " date 2024-05-02 Coopération\nL'ambassade vietnamienne et le comité populaire de la province de Hue ont reçu l'Agence française de développement (AFD) et le conseil départemental du Val-de-Marne. Le ministère vietnamien du Plan et de l'Investissement a signé.\n"},
		Document{ID: "en", Lang: "en", Text: " date 2024-05-02 Ties\nThe Hue City People's Committee and the French Development Agency (AFD) met the UNESCO delegation and the Vietnam Union of Friendship Organisations.\n"})
	skipped, passed := 0, 0
	for _, doc := range docs {
		d := x.run(doc, new(docBufs))
		r := &d.resolved
		for i := range r.toks {
			if !r.toks[i].word {
				continue
			}
			if r.mayStartOrg(i) {
				passed++
				continue
			}
			skipped++
			n := len(r.ments)
			_, a := r.boundAcronym(i)
			_, b := r.bindAcronym(i)
			_, c := r.knownOrg(i)
			_, e := r.localBody(i)
			_, f := r.genericOrg(i)
			if a || b || c || e || f || len(r.ments) != n {
				t.Fatalf("%s: token %d %q: skipped, but a finder reads a body (%v %v %v %v %v)", doc.ID, i, r.toks[i].text, a, b, c, e, f)
			}
		}
	}
	if skipped == 0 || passed == 0 {
		t.Fatalf("%d tokens skipped, %d passed", skipped, passed)
	}
}
