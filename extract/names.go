package extract

// People's names proposed by findCandidates (proposeNames), before
// anything is decided: at every capitalised word, the run of up to five
// capitalised words that may be a person's name, with the name lists its
// first word is in (the evidence personShape reads). The run stops where
// the text alone says a name stops (a word that is never a name, another
// sentence, a title cue, five words); resolve cuts it shorter where it
// has decided a mention (nameShape: a covered token, a country or a long
// place name after the first word).

// nameSpan is the name shape proposed at a token: the end of its last
// word (exclusive token index), its number of words (0 if none starts
// there) and its evidence.
type nameSpan struct {
	end   int32
	words uint8
	ev    nameEvidence
	stop  bool // a capitalised word that is never a name (notName), read by stopAt
}

// nameEvidence says which name lists the first word of a name is in
// (data/surnames_*.txt, given_names.txt).
type nameEvidence uint8

const (
	viSurname    nameEvidence = 1 << iota // a Vietnamese family name
	otherSurname                          // a Korean, Chinese … family name
	givenName                             // a given name, hyphenated compounds included ("Jean-Claude")
)

// maxNameWords is the longest name shape, in words.
const maxNameWords = 5

// proposeNames proposes the name shape at every capitalised word (names).
func (d *candidates) proposeNames() {
	d.names = resize(&d.bufs.names, len(d.toks))
	// the capitalised words that are never names, looked up once each
	for i := range d.toks {
		if t := &d.toks[i]; t.word && !t.num && (t.cap || t.upper) {
			d.names[i].stop = d.notName(t.key)
		}
	}
	for i := range d.toks {
		t := &d.toks[i]
		if !t.word || t.num || !(t.cap || t.upper) {
			continue
		}
		j, n := d.rawNameShape(i)
		if n == 0 {
			continue
		}
		s := nameSpan{end: int32(j), words: uint8(n), stop: d.names[i].stop}
		if n >= 2 {
			if d.in(t, listSurnameVI) {
				s.ev |= viSurname
			}
			if d.in(t, listSurnameOther) {
				s.ev |= otherSurname
			}
			if d.givenAt(i) {
				s.ev |= givenName
			}
		}
		d.names[i] = s
	}
}

// rawNameShape reads the capitalised name starting at token i as far as
// the text alone allows: up to five words, glued by hyphens
// ("Jean-Claude", "Won-soon"). It returns the end and the number of
// words; (i, 0) when no name starts there.
func (d *candidates) rawNameShape(i int) (int, int) {
	j, words := i, 0
	for j < len(d.toks) && words < maxNameWords {
		t := &d.toks[j]
		if !t.word || t.num || !(t.cap || t.upper || d.surnameParticle(i, j, words)) || t.sent != d.toks[i].sent {
			break
		}
		// "Le" is an article, unless it is Lê opening a Vietnamese name;
		// "Son" is French, but Sơn in "Nguyễn Kim Sơn"
		if d.names[j].stop && !(words == 0 && (d.vietSurnameStart(j) || d.vietSurnameAfterTitle(j))) && !(words > 0 && words < 4 && d.inAt(i, listSurnameVI) && len(t.key) <= 5 && !t.upper) &&
			!d.surnameParticle(i, j, words) {
			break
		}
		if words > 0 {
			if k, _ := d.titleAt(j); k > j {
				break
			}
		}
		words++
		j = d.nextNameWord(j)
	}
	if words == 0 {
		return i, 0
	}
	return j, words
}

// surnameParticle reports whether the word at j, in either case, is a
// particle of the surname after a given name ("Jean-Yves Le Drian",
// "Vincent Le Bihan", "Hendrik de Vos", "Charles de Gaulle", "Pieter van
// der Berg", "Juan de la Cruz"): the name so far is one given name
// (data/given_names.txt), or one and a particle, the word a particle
// (namewords.tsv), and, after at most one more particle, a capitalised
// word that can be a name, and no place, follows.
func (d *candidates) surnameParticle(i, j, words int) bool {
	if !d.inAt(j, listParticle) || !d.givenAt(i) {
		return false
	}
	switch {
	case words == 1:
	case words == 2 && j > i+1 && d.inAt(j-1, listParticle) && !d.toks[j-1].cap: // "van der", "de la"
	default:
		return false
	}
	n := j + 1
	if words == 1 && n+1 < len(d.toks) && d.inAt(n, listParticle) && !d.toks[n].cap && d.toks[n].sent == d.toks[j].sent {
		n++ // "van der Berg"
	}
	// not a place after it: "M. Martin de Lyon" is Martin from Lyon
	return n < len(d.toks) && d.toks[n].word && d.toks[n].cap && !d.toks[n].num && !d.names[n].stop && d.toks[n].sent == d.toks[j].sent &&
		d.nameAt[n].end == 0
}

// nextNameWord returns the token after the name word at j, a word glued to
// it by a hyphen included (Jean-Claude, Won-soon).
func (d *tokenized) nextNameWord(j int) int {
	j++
	if j+1 < len(d.toks) && d.toks[j].punct == '-' && !d.toks[j].space && d.toks[j+1].word && (d.toks[j+1].cap || !d.toks[j+1].space) && !d.toks[j+1].num && !d.toks[j+1].space {
		j += 2
	}
	return j
}

// stopAt reports whether the word at token k is never part of a person's
// name (data/nonname.tsv, class stop: notName), read from the names'
// evidence for a capitalised word.
func (d *candidates) stopAt(k int) bool {
	if t := &d.toks[k]; t.word && !t.num && (t.cap || t.upper) {
		return d.names[k].stop
	}
	return d.notName(d.toks[k].key)
}

// nameAtTok returns the name shape proposed at token i, words 0 if none.
func (d *candidates) nameAtTok(i int) nameSpan {
	if i >= len(d.names) {
		return nameSpan{}
	}
	return d.names[i]
}

// nameShape returns the end and number of words of the name proposed at
// token i (proposeNames), cut before the first of its words that resolve
// has given to a mention, or, after the first word, that starts a
// country or a place name of two words or more ("Nguyen Van An Vietnam";
// a Vietnamese name keeps syllables that also name a Vietnamese commune
// or district: "Nguyễn Kim Sơn", "Lê Xuân Trường"). (i, 0) when no name
// starts there.
func (d *resolved) nameShape(i int) (int, int) {
	s := d.nameAtTok(i)
	j, w := i, 0
	for ; w < int(s.words); w++ {
		if d.cover[j] >= 0 {
			break
		}
		if w > 0 {
			t := &d.toks[j]
			if c := d.placeAt[j]; c.p != nil && !c.demonym && (c.p.Type == Country || c.end-j >= 2) && !d.in(t, listSurnameVI) &&
				!(c.p.Type == City && c.p.Country == "VN" && d.inAt(i, listSurnameVI) && c.end-i <= 4) {
				break
			}
		}
		j = d.nextNameWord(j)
	}
	if w == 0 {
		return i, 0
	}
	return j, w
}

// personShape reports whether a name of n words at [i, j), proposed at i,
// looks like a person's name on its own: a Vietnamese family name with
// three or more syllables, a Korean or Chinese family name with three, or
// a known given name followed by a family name.
func (d *candidates) personShape(i, j, n int) bool {
	ev := d.nameAtTok(i).ev
	switch {
	case ev&viSurname != 0 && n >= 3 && n <= 4:
		for k := i; k < j; k++ {
			if d.toks[k].word && len(d.toks[k].key) > 7 {
				return false
			}
		}
		return true
	case ev&otherSurname != 0 && n == 3:
		return true
	case n >= 2 && n <= 3 && ev&givenName != 0:
		return true
	}
	return false
}

// givenAt reports whether a given name starts at token i, hyphenated
// compounds included ("Jean-Claude").
func (d *tokenized) givenAt(i int) bool {
	if i+2 < len(d.toks) && d.toks[i+1].punct == '-' && d.toks[i+2].word && d.x.lx.given[d.toks[i].key+d.toks[i+2].key] {
		return true
	}
	return d.inAt(i, listGiven)
}

// vietSurnameAfterTitle reports whether token i is a Vietnamese family
// name that doubles as a function word, right after a title and before
// one more capitalised syllable: "General Secretary Tô Hùng".
func (d *candidates) vietSurnameAfterTitle(i int) bool {
	return d.inAt(i, listSurnameVI) && d.toks[i].cap && i+1 < len(d.toks) && d.toks[i+1].word && d.toks[i+1].cap &&
		d.toks[i+1].sent == d.toks[i].sent && !d.notName(d.toks[i+1].key) && d.isTitleEnd(i)
}

// vietSurnameStart reports whether token i is a Vietnamese family name
// that doubles as a function word ("Le", "La", "Ha") followed by two more
// capitalised syllables: "Le Anh Quan" is a name, "Le Monde" is not.
func (d *tokenized) vietSurnameStart(i int) bool {
	if !d.inAt(i, listSurnameVI) {
		return false
	}
	for k := i + 1; k <= i+2; k++ {
		if k >= len(d.toks) || !d.toks[k].word || !d.toks[k].cap || d.notName(d.toks[k].key) || len(d.toks[k].key) > 7 || d.toks[k].sent != d.toks[i].sent {
			return false
		}
	}
	return true
}
