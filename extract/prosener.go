package extract

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file re-implements the tokenizer, part-of-speech tagger, entity
// classifier and chunker of prose v2 (github.com/jdkato/prose/v2, MIT
// licence; its tables and patterns are copied here) over prose's own model
// (converted once from prose.Asset into data/model/prose-en.bin, see
// prosemodel.go), so that a sentence gets the same tokens, tags, IOB
// labels and entities as prose.NewDocument gives, at a fraction of the
// cost: prose builds a map of features and joins one string per feature
// and label for every token (17 features × 13 labels lookups in a
// 150,000-entry map), and scans a word list linearly. Here each feature
// value is looked up once, in a table that holds the weights of all labels,
// and per-token values are computed once per sentence. prose's quirks are
// kept, since its features depend on them (see tokenize on repeated
// spans). The model is read-only once loaded, so goroutines share it
// without a lock. TestNERMatchesProse and FuzzNERMatchesProse check the
// equivalence token by token.

// nerToken is a token of prose's tokenizer with what the tagger and the
// classifier read of it.
type nerToken struct {
	text  string
	cell  int // the token whose Token prose shares with this one (see tokenize)
	tag   string
	label int // index in labels
	lower string
	norm  string // the tagger's normalised form
	shape string
}

// nerScratch is the per-call working memory of persons.
type nerScratch struct {
	toks   []nerToken
	buf    []byte
	scores []float64
	seen   []bool
	labels []int
	cache  map[string]nerSpan // prose's span cache
}

// nerSpan locates the tokens of a span in nerScratch.toks.
type nerSpan struct{ first, n int }

// persons returns the texts prose tags PERSON in sentence, and false when
// prose's tokenizer would panic on it (slice bounds in doSplit, found by
// FuzzExtract): such a sentence gives no signal. Any other panic is
// recovered the same way, as the prose call this replaces was.
func (m *nerModel) persons(sentence string) (out []string, ok bool) {
	sc := scratchPool.Get().(*nerScratch)
	defer func() {
		if recover() != nil {
			out, ok = nil, false
			return // the scratch may be inconsistent: not reused
		}
		sc.release()
	}()
	if !sc.tokenize(sentence) {
		return nil, false
	}
	m.tag(sc)
	m.classify(sc)
	return m.chunkPersons(sc.toks), true
}

var scratchPool = sync.Pool{New: func() any { return new(nerScratch) }}

// release returns the scratch to the pool, without references to the
// sentence.
func (sc *nerScratch) release() {
	if cap(sc.toks) > 4096 {
		return
	}
	clear(sc.toks[:cap(sc.toks)])
	sc.toks = sc.toks[:0]
	clear(sc.cache)
	scratchPool.Put(sc)
}

// tokenize is prose's iterTokenizer.tokenize. prose caches the tokens of
// each white-space separated span but the last and appends the same
// *Token pointers for a span seen again, so the tagger and the classifier,
// writing into those tokens, leave every occurrence with the tag and label
// of the last one; nerToken.cell records that sharing.
func (sc *nerScratch) tokenize(sentence string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	clean := sentence
	if strings.IndexByte(sentence, 0xE2) >= 0 || strings.IndexByte(sentence, '&') >= 0 {
		clean = nerSanitizer.Replace(sentence) // which allocates even when it replaces nothing
	}
	sc.toks = sc.toks[:0]
	if sc.cache == nil {
		sc.cache = map[string]nerSpan{}
	}
	cache := sc.cache
	emit := func(text string, cell int) {
		i := len(sc.toks)
		if cell < 0 {
			cell = i
		}
		lower := strings.ToLower(text)
		sc.toks = append(sc.toks, nerToken{text: text, cell: cell, lower: lower, norm: tagNormalize(text, lower), shape: wordShape(text, lower)})
	}
	split := func(s string, cached bool) {
		if cached {
			if c, found := cache[s]; found {
				for k := 0; k < c.n; k++ {
					emit(sc.toks[c.first+k].text, sc.toks[c.first+k].cell)
				}
				return
			}
		}
		first := len(sc.toks)
		for _, t := range proseSplit(s) {
			emit(t, -1)
		}
		if cached {
			cache[s] = nerSpan{first, len(sc.toks) - first}
		}
	}
	white := false
	start, index := 0, 0
	for index <= len(clean) {
		uc, size := utf8.DecodeRuneInString(clean[index:])
		if size == 0 {
			break
		} else if index == 0 {
			white = unicode.IsSpace(uc)
		}
		if unicode.IsSpace(uc) != white {
			if start < index {
				split(clean[start:index], true)
			}
			if uc == ' ' {
				start = index + 1
			} else {
				start = index
			}
			white = !white
		}
		index += size
	}
	if start < index {
		split(clean[start:index], false)
	}
	return true
}

// prose's tokenizer tables (tokenize.go).
var (
	nerSanitizer = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")
	nerInternal  = regexp.MustCompile(`^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$`)
	nerSuffixes  = []string{",", ")", `"`, "]", "!", ";", ".", "?", ":", "'"}
	nerPrefixes  = []string{"$", "(", `"`, "["}
)

// proseSplit is prose's doSplit: a span without white space split off its
// leading and trailing punctuation and clitics. It panics where prose
// does (an index found in the lowercased span can lie beyond the span).
func proseSplit(token string) []string {
	var tokens, suffs []string
	add := func(s string, to []string) []string {
		if strings.TrimSpace(s) != "" {
			to = append(to, s)
		}
		return to
	}
	last := 0
	for token != "" && utf8.RuneCountInString(token) != last {
		if nerEmoticons[token] || nerInternal.MatchString(token) {
			tokens = add(token, tokens)
			break
		}
		last = utf8.RuneCountInString(token)
		lower := strings.ToLower(token)
		if hasAnyPrefix(token, nerPrefixes) {
			tokens = add(token[:1], tokens)
			token = token[1:]
		} else if idx := hasAnyIndex(lower, []string{"'ll", "'s", "'re", "'m"}); idx > -1 {
			tokens = add(token[:idx], tokens)
			token = token[idx:]
		} else if idx := hasAnyIndex(lower, []string{"n't"}); idx > -1 {
			tokens = add(token[:idx], tokens)
			token = token[idx:]
		} else if hasAnySuffix(token, nerSuffixes) {
			suffs = append([]string{token[len(token)-1:]}, suffs...)
			token = token[:len(token)-1]
		} else {
			tokens = add(token, tokens)
		}
	}
	return append(tokens, suffs...)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) > len(p) && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, p := range suffixes {
		if len(s) > len(p) && strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

func hasAnyIndex(s string, subs []string) int {
	for _, p := range subs {
		if idx := strings.Index(s, p); idx >= 0 && len(s) > len(p) {
			return idx
		}
	}
	return -1
}

// The tagger's special cases (prose tag.go, and commonregex's link and
// e-mail patterns it uses).
var (
	nerNone      = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	nerKeep      = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
	nerLink      = regexp.MustCompile(`(?:(?:https?:\/\/)?(?:[a-z0-9.\-]+|www|[a-z0-9.\-])[.](?:[^\s()<>]+|\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\))+(?:\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\)|[^\s!()\[\]{};:\'".,<>?]))`)
	nerEmail     = regexp.MustCompile(`(?i)([A-Za-z0-9!#$%&'*+\/=?^_{|.}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)`)
	nerEmoticons = map[string]bool{
		"(-8": true, "(-;": true, "(-_-)": true, "(._.)": true, "(:": true, "(=": true, "(o:": true, "(¬_¬)": true,
		"(ಠ_ಠ)": true, "(╯°□°）╯︵┻━┻": true, "-__-": true, "8-)": true, "8-D": true, "8D": true, ":(": true,
		":((": true, ":(((": true, ":()": true, ":)))": true, ":-)": true, ":-))": true, ":-)))": true, ":-*": true,
		":-/": true, ":-X": true, ":-]": true, ":-o": true, ":-p": true, ":-x": true, ":-|": true, ":-}": true,
		":0": true, ":3": true, ":P": true, ":]": true, ":`(": true, ":`)": true, ":`-(": true, ":o": true,
		":o)": true, "=(": true, "=)": true, "=D": true, "=|": true, "@_@": true, "O.o": true, "O_o": true,
		"V_V": true, "XDD": true, "[-:": true, "^___^": true, "o_0": true, "o_O": true, "o_o": true, "v_v": true,
		"xD": true, "xDD": true, "¯\\(ツ)/¯": true,
	}
)

// specialTag is the tag prose gives a token before consulting its model,
// or "".
func specialTag(w string) string {
	switch {
	case w == "-":
		return "-"
	case nerEmoticons[w]:
		return "SYM"
	case strings.IndexByte(w, '.') >= 0 && nerLink.MatchString(w),
		strings.IndexByte(w, '@') >= 0 && nerEmail.MatchString(w),
		strings.HasPrefix(w, "@"):
		return "NN"
	case (w == "0" || strings.HasPrefix(w, "*")) && nerNone.MatchString(w):
		return "-NONE-"
	case len(w) == 5 && w[0] == '-' && nerKeep.MatchString(w):
		return w
	}
	return ""
}

// tagNormalize is prose's normalize: hyphenated words, years and numbers
// become classes, other words are lowercased (lower is strings.ToLower(w)).
func tagNormalize(w, lower string) string {
	if w == "" {
		return w
	}
	switch {
	case w[0] != '-' && strings.IndexByte(w, '-') >= 0:
		return "!HYPHEN"
	case len(w) == 4 && isAtoi(w):
		return "!YEAR"
	case w[0] >= '0' && w[0] <= '9':
		return "!DIGITS"
	}
	return lower
}

// isASCII reports whether s has only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isAtoi reports whether strconv.Atoi accepts s (short s only: no
// overflow check).
func isAtoi(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// tag is prose's perceptronTagger.tag.
func (m *nerModel) tag(sc *nerScratch) {
	toks := sc.toks
	n := len(toks)
	ctx := func(k int) string { // prose's context: -START-, -START2-, words, -END-, -END2-
		switch {
		case k == 0:
			return "-START-"
		case k == 1:
			return "-START2-"
		case k == n+2:
			return "-END-"
		case k == n+3:
			return "-END2-"
		}
		return toks[k-2].norm
	}
	if cap(sc.scores) < len(m.classes) {
		sc.scores = make([]float64, len(m.classes))
		sc.seen = make([]bool, len(m.classes))
	}
	scores, seen := sc.scores[:len(m.classes)], sc.seen[:len(m.classes)]
	p1, p2 := "-START-", "-START2-"
	for i := range toks {
		w := toks[i].text
		t := specialTag(w)
		if t == "" {
			var found bool
			if t, found = m.tagMap[w]; !found {
				clear(scores)
				clear(seen)
				k := i + 2
				prev, next := ctx(k-1), ctx(k+1)
				add := func(parts ...string) {
					b := sc.buf[:0]
					for pi, p := range parts {
						if pi > 0 {
							b = append(b, ' ')
						}
						b = append(b, p...)
					}
					sc.buf = b
					for _, cw := range m.tagW.getBytes(b) {
						scores[cw.class] += cw.w
						seen[cw.class] = true
					}
				}
				add("bias")
				add("i suffix", w[len(w)-min(len(w), 3):])
				add("i pref1", string(rune(w[0])))
				add("i-1 tag", p1)
				add("i-2 tag", p2)
				add("i tag+i-2 tag", p1, p2)
				add("i word", ctx(k))
				add("i-1 tag+i word", p1, ctx(k))
				add("i-1 word", prev)
				add("i-1 suffix", prev[len(prev)-min(len(prev), 3):])
				add("i-2 word", ctx(k-2))
				add("i+1 word", next)
				add("i+1 suffix", next[len(next)-min(len(next), 3):])
				add("i+2 word", ctx(k+2))
				t = ""
				best := math.Inf(-1)
				for c, s := range scores {
					if seen[c] && s > best {
						best, t = s, m.classes[c]
					}
				}
			}
		}
		toks[toks[i].cell].tag = t
		p2, p1 = p1, t
	}
}

// classify is prose's entityExtracter.classify: each token's IOB label
// from its features and the labels before it.
func (m *nerModel) classify(sc *nerScratch) {
	toks := sc.toks
	nl := len(m.labels)
	if cap(sc.scores) < nl {
		sc.scores = make([]float64, nl)
	}
	scores := sc.scores[:nl]
	history := sc.labels[:0] // each position's own label (prose's history)
	defer func() { sc.labels = history }()
	var vals [nFeat]string
	for i := range toks {
		t := &toks[i]
		vals[fBias] = "True"
		vals[fWord] = t.text
		vals[fPos] = toks[t.cell].tag
		vals[fWordlist] = "False"
		if m.basic[t.text] {
			vals[fWordlist] = "True"
		}
		vals[fWordLower] = t.lower
		if n := len(t.text); n == len(t.lower) && isASCII(t.text) { // the same bytes lowercased: no allocation
			vals[fSuffix3], vals[fPrefix3] = t.lower[n-min(n, 3):], t.lower[:min(n, 3)]
		} else {
			vals[fSuffix3] = strings.ToLower(t.text[n-min(n, 3):])
			vals[fPrefix3] = strings.ToLower(t.text[:min(n, 3)])
		}
		vals[fShape] = t.shape
		vals[fWordLen] = strconv.Itoa(len(t.text))
		prevShape := "None"
		if i == 0 {
			vals[fPrevTag], vals[fPrevWord], vals[fPrevPos] = "None", "None", "None"
		} else {
			vals[fPrevWord] = toks[i-1].lower
			vals[fPrevPos] = toks[toks[i-1].cell].tag
			vals[fPrevTag] = m.history[history[i-1]]
			if i > 1 {
				prevShape = toks[i-1].shape
			}
		}
		if i == len(toks)-1 {
			vals[fNextWord], vals[fNextPos] = "None", "None"
		} else {
			vals[fNextWord] = toks[i+1].lower
			vals[fNextPos] = strings.ToLower(toks[toks[i+1].cell].tag)
		}
		clear(scores)
		for f := 0; f < nFeat; f++ {
			var ws []classWeight
			switch f {
			case fWordNextPos:
				ws = m.joined(sc, f, vals[fWordLower], vals[fNextPos])
			case fPosPrevTag:
				ws = m.joined(sc, f, vals[fPos], vals[fPrevTag])
			case fShapePrevTag:
				ws = m.joined(sc, f, prevShape, vals[fPrevTag])
			default:
				ws = m.feats[f].get(vals[f])
			}
			for _, cw := range ws {
				scores[cw.class] += cw.w
			}
		}
		best, label := math.Inf(-1), -1
		for l, s := range scores {
			if s > best {
				best, label = s, l
			}
		}
		if label < 0 { // only with NaN weights; prose would then label ""
			label = len(m.labels) - 1
		}
		toks[t.cell].label = label
		history = append(history, label)
	}
}

// joined looks up the value a+"+"+b of feature f without building a string.
func (m *nerModel) joined(sc *nerScratch, f int, a, b string) []classWeight {
	buf := append(append(append(sc.buf[:0], a...), '+'), b...)
	sc.buf = buf
	return m.feats[f].getBytes(buf)
}

// chunkPersons is prose's entityExtracter.chunk, keeping the PERSON
// entities' texts (an entity still open at the end of the sentence is
// dropped, as prose does). parts holds the cells of the entity's tokens,
// whose tag, label and text are what prose reads.
func (m *nerModel) chunkPersons(toks []nerToken) []string {
	var out []string
	end := ""
	var parts []int
	for i := range toks {
		c := &toks[toks[i].cell]
		label := m.labels[c.label]
		np := len(parts)
		if (label != "O" && label != end) ||
			(np > 0 && c.tag == toks[parts[np-1]].tag) ||
			(np > 0 && c.tag == "CD" && m.labels[toks[parts[np-1]].label] != "O") {
			end = m.chunkEnd[c.label]
			parts = append(parts, toks[i].cell)
		} else if (label == "O" && end != "") || label == end {
			if label != "O" {
				parts = append(parts, toks[i].cell)
			}
			if m.entityLabel(toks, parts) == "PERSON" {
				texts := make([]string, len(parts))
				for k, p := range parts {
					texts[k] = toks[p].text
				}
				out = append(out, strings.Join(texts, " "))
			}
			end = ""
			parts = parts[:0]
		}
	}
	return out
}

// entityLabel is prose's parseEntities over the labels of an entity's
// tokens: PERSON for a B-PERSON among two tokens, else the type of the
// first token's label.
func (m *nerModel) entityLabel(toks []nerToken, parts []int) string {
	if len(parts) == 2 {
		for _, p := range parts {
			if m.labels[toks[p].label] == "B-PERSON" {
				return "PERSON"
			}
		}
	}
	l := m.labels[toks[parts[0]].label]
	k := strings.IndexByte(l, '-')
	if k < 0 {
		// prose would panic (index out of range); it cannot happen: an
		// entity starts on a label other than O
		return ""
	}
	rest := l[k+1:]
	if k2 := strings.IndexByte(rest, '-'); k2 >= 0 {
		rest = rest[:k2]
	}
	return rest
}

// wordShape is prose's shape: number, punct (ends with a non-word
// character), downcase, upcase (title case), mixedcase or other (lower is
// strings.ToLower(w)).
func wordShape(w, lower string) string {
	if maybeFloat(w) {
		if _, err := strconv.ParseFloat(w, 64); err == nil {
			return "number"
		}
	}
	if w == "" {
		return "other"
	}
	r, _ := utf8.DecodeLastRuneInString(w)
	if !(r < utf8.RuneSelf && (r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')) {
		return "punct"
	}
	if lower == w {
		return "downcase"
	}
	if isTitled(w) { // prose's strings.Title(w) == w, kept for equivalence
		return "upcase"
	}
	return "mixedcase"
}

// isTitled reports whether strings.Title would leave w unchanged (the test
// prose's shape feature makes; strings.Title is deprecated): every rune at
// the start or after a separator, in strings.Title's sense, is its own
// title case.
func isTitled(w string) bool {
	if !utf8.ValidString(w) {
		return false // strings.Title writes U+FFFD for each invalid byte
	}
	prev := ' '
	for _, r := range w {
		if titleSeparator(prev) && unicode.ToTitle(r) != r {
			return false
		}
		prev = r
	}
	return true
}

// titleSeparator is strings.Title's word boundary: ASCII other than letters,
// digits and underscore; beyond ASCII, spaces.
func titleSeparator(r rune) bool {
	if r <= 0x7F {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false
	}
	return unicode.IsSpace(r)
}

// maybeFloat is false for strings strconv.ParseFloat surely rejects (it
// allocates an error for each): those not starting like a number, an
// infinity or a NaN.
func maybeFloat(w string) bool {
	if w == "" {
		return false
	}
	switch c := w[0]; {
	case c >= '0' && c <= '9', c == '.', c == '+', c == '-', c == 'i', c == 'I', c == 'n', c == 'N':
		return true
	}
	return false
}
