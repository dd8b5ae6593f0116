package extract

// meetings finds who met whom in a sentence: the person before a meeting
// cue ("X received Y", "X a reçu Y", "X held talks with Y") meets the
// first person after each such cue ("X a rendu une visite de courtoisie à
// Y et rencontré Z"); a sentence that opens on the cue meets its first
// two people ("At a meeting with Y on Monday, X said"). A reception for a
// delegation ("a reçu la délégation de X", "at a reception for the X
// delegation, Y said") meets the person who leads it, named earlier
// ("a delegation led by Z").
func (d *related) meetings(s int, ms []*ment) {
	defer d.noteLeader(s, ms)
	_, first0 := d.hasCue(cueMet, s)
	if first0 < 0 {
		return
	}
	_, b := d.sentRange(s)
	var subject *ment
	met := map[string]bool{}
	props := d.meetingProps(s, ms)
	first := true
	for k := first0; k < b; k++ {
		if !d.x.lx.mayCue(cueMet, &d.toks[k]) {
			continue
		}
		e, v := d.x.lx.cue(cueMet, d.toks, k)
		if v == "" {
			continue
		}
		if first {
			first = false
			for _, m := range ms {
				if m.typ == Person && m.j <= k {
					subject = m
				}
			}
		}
		var object *ment
		for _, m := range ms {
			if m.typ == Person && m.i >= e && (subject == nil || m.id != subject.id) && !met[m.id] {
				object = m
				break
			}
		}
		if dk := d.delegationAt(e, min(b, e+6)); dk >= 0 && d.leader != nil && (object == nil || object.i > dk) {
			// "received the delegation", "at a reception for the X
			// delegation, Y said": the host meets its leader
			host := subject
			if host == nil {
				host = object
			}
			if host != nil && host.id != d.leader.id {
				d.addRel(Met, host.id, d.leader.id, cloneProps(props), s)
			}
			break
		}
		a, _ := d.sentRange(s)
		if subject == nil && object != nil && d.leader != nil && d.leader.id != object.id && d.delegationAt(a, k) >= 0 {
			// "the delegation paid a courtesy call on X", "la délégation a
			// rencontré X", "elle a été accueillie par X": its leader met X
			subject = d.leader
		}
		switch {
		case subject == nil && object != nil && k > a+3:
			continue // "The delegation was received by X, and met Y": no person meets
		case subject == nil && object != nil:
			// "At a meeting with Y on Monday, X said": X is the next
			// person after a comma
			for _, m := range ms {
				if m.typ == Person && m.i > object.j && m.id != object.id && d.commaBetween(object.j, m.i) {
					subject = m
					break
				}
			}
			if subject == nil {
				continue
			}
		case subject == nil && object == nil:
			continue
		}
		if subject == nil || object == nil || subject.id == object.id {
			continue
		}
		met[object.id] = true
		d.addRel(Met, subject.id, object.id, cloneProps(props), s)
		k = e - 1
	}
}

// meetingProps returns the date and place of a meeting sentence.
func (d *related) meetingProps(s int, ms []*ment) map[string]any {
	props := map[string]any{}
	for _, ds := range d.sentDates(s) {
		props["date"] = ds.Value
		break
	}
	for _, m := range ms {
		if (m.typ == City || m.typ == Country) && !d.insideOther(m) && d.venueBefore(m.i) {
			props["place"] = m.id
			break
		}
	}
	return props
}

// commaBetween reports whether a comma lies between tokens i and j.
func (d *tokenized) commaBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if d.toks[k].punct == ',' {
			return true
		}
	}
	return false
}

// delegationAt returns the token of a delegation noun in [e, b), -1 if
// none ("received the delegation", "a reception for the X delegation").
func (d *tokenized) delegationAt(e, b int) int {
	for k := e; k < b; k++ {
		if d.inAt(k, listDelegation) {
			return k
		}
	}
	return -1
}

// noteLeader remembers the person who leads a delegation ("a delegation
// led by X", "la délégation dirigée par X"), for later receptions.
func (d *related) noteLeader(s int, ms []*ment) {
	v, k := d.hasCue(cueLedBy, s)
	if v == "" {
		return
	}
	a, _ := d.sentRange(s)
	if d.delegationAt(max(a, k-12), k) < 0 {
		return
	}
	for _, m := range ms {
		if m.typ == Person && m.i >= k {
			d.leader = m
			return
		}
	}
}

// reciprocalMeetings finds two people who met each other: joined by
// "and"/"et" (each with a title, or none) right before a cue that names
// no other party (cue "metboth": "X and Y held talks", "Chairman X and
// Mayor Y had a working session", "X et Y se sont entretenus"). Not when
// the cue goes on to another party ("X and Y held talks with Z", "X and Y
// met Z": both met Z, not each other).
func (d *related) reciprocalMeetings(s int, ms []*ment) {
	if c, _ := d.hasCue(cueMetBoth, s); c == "" {
		return
	}
	_, b := d.sentRange(s)
	for n := 0; n+1 < len(ms); n++ {
		p1, p2 := ms[n], ms[n+1]
		if p1.typ != Person || p2.typ != Person || p1.id == p2.id || p1.j >= b || !d.inAt(p1.j, listAnd) {
			continue
		}
		q := p1.j + 1
		if k, c := d.titleAt(q); c != nil {
			q = k
			if q < b && d.toks[q].punct == '.' {
				q++ // "M."
			}
		}
		if q != p2.i {
			continue
		}
		for k := p2.j; k < b && k <= p2.j+3; k++ {
			e, v := d.x.lx.cue(cueMetBoth, d.toks, k)
			if v == "" {
				continue
			}
			if e2, v2 := d.x.lx.cue(cueMet, d.toks, k); v2 != "" && e2 > e {
				break // "held talks with Z"
			}
			other := false
			for _, m := range ms[n+2:] {
				if m.typ == Person && m.i >= e && m.i <= e+4 {
					other = true // "met Z"
				}
			}
			if !other {
				d.addRel(Met, p1.id, p2.id, d.meetingProps(s, ms), s)
			}
			break
		}
	}
}
