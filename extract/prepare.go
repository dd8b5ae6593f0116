package extract

import (
	"strings"

	"github.com/kg-dev/kg/extract/dates"
	"github.com/kg-dev/kg/extract/fold"
)

// header reads the optional first line " date YYYY-MM[-DD] title…" of an
// article file and returns the date, the title and where the body starts.
// Without a date line the title is the first non-empty line.
func header(text string, captions []string) (date, title string, bodyStart int) {
	var titleStart, titleEnd int
	i := 0
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
		i++
	}
	if strings.HasPrefix(text[i:], "\ufeff") {
		i += 3
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
	}
	lineEnd := strings.IndexByte(text[i:], '\n')
	if lineEnd < 0 {
		lineEnd = len(text)
	} else {
		lineEnd += i
	}
	line := text[i:lineEnd]
	if strings.HasPrefix(strings.ToLower(line), "date ") {
		rest := strings.TrimLeft(line[5:], " \t")
		j := strings.IndexAny(rest, " \t\r")
		if j < 0 {
			j = len(rest)
		}
		if d, ok := dates.ParseNumeric(rest[:j]); ok {
			date = d
			titleStart = lineEnd - len(rest) + j
			for titleStart < lineEnd && (text[titleStart] == ' ' || text[titleStart] == '\t') {
				titleStart++
			}
			titleEnd = lineEnd
		}
	}
	if date == "" {
		titleStart, titleEnd = i, lineEnd
	}
	for titleEnd > titleStart && (text[titleEnd-1] == '\r' || text[titleEnd-1] == ' ') {
		titleEnd--
	}
	title = strings.TrimSpace(text[titleStart:titleEnd])
	cut := -1 // the first "Photo:" credit after the title's start
	for _, w := range captions {
		if k := strings.Index(title, w+":"); k > 0 && (cut < 0 || k < cut) {
			cut = k
		}
	}
	if cut > 0 {
		title = strings.TrimSpace(strings.TrimRight(title[:cut], " .-–"))
	}
	if len(title) > 300 {
		cut := 300
		for cut < len(title) && title[cut]&0xC0 == 0x80 {
			cut++
		}
		title = title[:cut]
	}
	return date, title, titleStart
}

// prepare is the first stage: it fills the document's date, title and
// language from its text where the source gave none and finds where the
// body starts and where related-article teasers end it.
func prepare(x *Extractor, doc Document, bufs *docBufs) *prepared {
	d := &prepared{x: x, bufs: bufs, doc: doc, text: doc.Text, whole: &wholeDoc{}}
	text := d.text
	// the body starts after the date line's date: the rest of that line is
	// the headline, which is part of the article's text
	date, title, bodyStart := header(text, x.words.captions)
	if d.doc.Date == "" {
		d.doc.Date = date
	}
	if d.doc.Title == "" {
		d.doc.Title = title
	}
	end := len(text)
	line := d.bufs.line
	// teasers: from a line that is only a teaser cue to the end
	for ls := bodyStart; ls < end; {
		le := strings.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = end
		} else {
			le += ls
		}
		if l := strings.TrimSpace(text[ls:le]); l != "" && len(l) < 40 {
			line = tokenize(l, 0, len(l), 0, line[:0])
			d.bufs.lineHigh = max(d.bufs.lineHigh, len(line))
			if j, v := d.x.lx.cue(cueTeaser, line, 0); v != "" && j == len(line) {
				end = ls
				break
			}
		}
		ls = le + 1
	}
	d.bodyEnd = end
	if d.doc.Lang == "" {
		d.doc.Lang = x.words.detectLang(text[bodyStart:end])
	}
	d.lang = d.doc.Lang
	d.bufs.line = line
	d.bodyStart = bodyStart
	return d
}

// tokenizeDoc is the second stage: it splits text[start:end] into
// sentences and tokens. Each line is tokenised once, at the end of the
// document's tokens, and its sentences take their tokens from it in
// place; start and end are at line boundaries. Every word token gets its
// key's id in the matchers' vocabulary (vocab.go).
func tokenizeDoc(p *prepared, start, end int) *tokenized {
	d := &tokenized{prepared: *p}
	text := d.text
	if need := (end-start)/5 + 16; cap(d.bufs.toks) < need {
		d.bufs.toks = make([]token, 0, need)
	}
	d.toks = d.bufs.toks[:0]
	d.sents = d.bufs.sents[:0]
	kc := &d.bufs.keys
	kc.reset(d.x.vocab)
	spans := d.bufs.spans[:0]
	for ls := start; ls < end; {
		le := strings.IndexByte(text[ls:end], '\n')
		if le < 0 {
			le = end
		} else {
			le += ls
		}
		first := len(d.toks)
		d.toks = tokenizeKeys(kc, text, ls, le, 0, d.toks)
		if split := d.splitRunTogether(d.toks[first:]); len(split) != len(d.toks)-first {
			d.toks = append(d.toks[:first], split...)
		}
		d.bufs.toksHigh = max(d.bufs.toksHigh, len(d.toks))
		l := lineToks{first: first, next: first, end: len(d.toks)}
		capEnd := captionEnd(d.toks[first:], ls, &d.x.words.captionTab)
		if capEnd > ls {
			d.addSentence(ls, capEnd, true, &l)
		}
		spans = appendSentences(spans[:0], text, capEnd, le, d.x.words.abbrev)
		for _, s := range spans {
			d.addSentence(s[0], s[1], false, &l)
		}
		d.toks = d.toks[:l.first] // the line's tokens in no sentence (none, as a rule)
		ls = le + 1
	}
	d.bufs.toks, d.bufs.sents, d.bufs.spans = d.toks, d.sents, spans
	d.x.vocab.intern(d.toks) // the tokens splitRunTogether made
	return d
}

// splitRunTogether splits words that outlets ran together at a lower→upper
// case change ("CommitteeSecretary", "theVientiane") in two tokens when both
// halves are words the extractor knows: a title, head, cue or stop word, a
// place, a family or given name. Most lines have no such word and are
// returned unchanged, without allocating.
func (d *prepared) splitRunTogether(line []token) []token {
	var out []token
	for k := range line {
		t := &line[k] // (tokens are large: not copied, nor zeroed, for the words that stay whole)
		// a lowercase left half ("receivingVientiane") need not be known
		ok := t.camel > 0 && !t.upper && (!t.cap && t.camel >= 3 || d.x.knownWord(fold.Key(t.text[:t.camel]))) && d.x.knownWord(fold.Key(t.text[t.camel:]))
		if ok && out == nil {
			out = make([]token, k, len(line)+4)
			copy(out, line[:k])
		}
		switch {
		case ok:
			a, b := splitToken(*t, int(t.camel))
			out = append(out, a, b)
		case out != nil:
			out = append(out, *t)
		}
	}
	if out == nil {
		return line
	}
	return out
}

// splitToken cuts a word token at byte offset at of its text.
func splitToken(t token, at int) (token, token) {
	a := t
	a.end = t.start + at
	a.text, a.key, a.camel, a.id, a.starts = t.text[:at], fold.Key(t.text[:at]), 0, 0, 0
	b := t
	b.start = a.end
	b.text, b.key, b.camel, b.id, b.starts = t.text[at:], fold.Key(t.text[at:]), 0, 0, 0
	b.cap, b.space, b.num = true, false, false
	return a, b
}

// captionEnd returns where a photo caption at the start of a line ends
// (lineStart when there is none), given the line's tokens: captions run to
// the end of the last "Photo: AGENCY" credit of the line, or to an "AGENCY
// Photo" credit that ends it.
func captionEnd(toks []token, lineStart int, caption *keyTable) int {
	capEnd := lineStart
	for i := range toks {
		if !toks[i].word || !toks[i].cap {
			continue
		}
		if !caption.has(toks[i].key) {
			continue
		}
		k := i + 1
		if endsLine(toks, i) && i > 0 && toks[i-1].upper {
			capEnd = toks[i].end // a credit that ends the line: "… Committee. VNA/VNS Photo"
			continue
		}
		if k < len(toks) && toks[k].punct == ':' {
			k++
		} else if !(k < len(toks) && toks[k].upper) {
			continue
		}
		if k < len(toks) && toks[k].word {
			e := toks[k].end
			if k+1 < len(toks) && toks[k+1].punct == ')' {
				e = toks[k+1].end
			}
			capEnd = e
		}
	}
	return capEnd
}

// endsLine reports whether toks[i] is the line's last word (only
// punctuation after it).
func endsLine(toks []token, i int) bool {
	for _, t := range toks[i+1:] {
		if t.word {
			return false
		}
	}
	return true
}

// lineToks are the tokens of the line being split into sentences, at the
// end of the document's: d.toks[next:end] are yet to be read,
// d.toks[:first] are the sentences' so far.
type lineToks struct{ first, next, end int }

// addSentence adds the sentence text[start:end] (trimmed) with its tokens,
// taken from those of its line (sentences come in text order): a sentence
// starts and ends at white space or at a token's end, so tokenising it
// alone gives the same tokens, the first one counting as preceded by
// white space.
func (d *tokenized) addSentence(start, end int, caption bool, l *lineToks) {
	for start < end && isSpaceByte(d.text[start]) {
		start++
	}
	for end > start && isSpaceByte(d.text[end-1]) {
		end--
	}
	if start >= end {
		return
	}
	idx := len(d.sents)
	k := l.next
	for k < l.end && d.toks[k].start < start {
		k++
	}
	e := k
	for e < l.end && d.toks[e].end <= end {
		e++
	}
	first := l.first
	if first != k { // tokens left out before: close the gap
		copy(d.toks[first:], d.toks[k:e])
	}
	l.first, l.next = first+e-k, e
	ts := d.toks[first:l.first]
	for i := range ts {
		ts[i].sent, ts[i].caption = idx, caption
	}
	if len(ts) > 0 {
		ts[0].space = true
	}
	d.sents = append(d.sents, sentence{start: start, end: end, caption: caption, tokStart: first, tokEnd: l.first})
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (d *tokenized) span(i, j int) (int, int) { return d.toks[i].start, d.toks[j-1].end }

func (d *tokenized) surface(i, j int) string {
	s, e := d.span(i, j)
	return d.text[s:e]
}

// sentRange returns the token index range of sentence s ((0, 0) when it
// has no tokens).
func (d *tokenized) sentRange(s int) (int, int) {
	st := d.sents[s]
	if st.tokEnd == st.tokStart {
		return 0, 0
	}
	return st.tokStart, st.tokEnd
}
