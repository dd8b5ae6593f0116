package extract

// Word lists by token. Besides the matchers' phrases, the extractor asks
// whether a token's key is in one of its word lists (definite articles
// such as "the" and "cette", family and given names, "of" and "de", ...)
// several times for most tokens: a string-keyed map look-up each time,
// which came to a tenth of its instructions. The vocabulary also numbers
// the keys of the lists below and keeps for each id the lists its key is
// in, one bit per list (vocab.lists); a document's token, which has the
// id of its key (keyCache.intern, vocab.intern), reads them with one load
// in tokenized.in. The maps stay the lists' definition: they answer for
// tokens made without an id, and the look-ups of other strings.

// wordList names one of the lists read by token (at most 64).
type wordList uint8

const (
	listSurnameVI     wordList = iota // lexicon.surnamesVI
	listSurnameOther                  // lexicon.surnamesEtc
	listGiven                         // lexicon.given
	listParticle                      // lexicon.particles
	listRoleWord                      // lexicon.roleWords
	listDefinite                      // lexicon.definites
	listIndefinite                    // lexicon.indefinites
	listPlaceKind                     // lexicon.placeKinds
	listVenuePrep                     // lexicon.venuePreps
	listDelegation                    // lexicon.delegations
	listModifier                      // lexicon.modifiers
	listConnector                     // lexicon.connectors
	listEnJoiner                      // lexicon.enJoiners
	listFrPrep                        // lexicon.frPreps
	listEventPrep                     // lexicon.eventPreps
	listSession                       // lexicon.sessions
	listIncluding                     // lexicon.including
	listSeat                          // lexicon.seats
	listPlaceDescr                    // lexicon.placeDescr
	listTopic                         // the keys of lexicon.topics
	listPairBetween                   // lexicon.pairPreps: the keys of "between"
	listPairWith                      // ... of "with"
	listPairAnd                       // ... of "and"
	listArticle                       // wordClasses.article
	listAnd                           // wordClasses.and
	listOf                            // wordClasses.of
	listOfPlural                      // wordClasses.ofPlural
	listOfShort                       // wordClasses.ofShort
	listThe                           // wordClasses.the
	listPossessive                    // wordClasses.possessive
	listVenueOf                       // wordClasses.venueOf
	listDeputy                        // wordClasses.deputy
	listMember                        // wordClasses.member
	listComplement                    // wordClasses.complement
	listToPlace                       // wordClasses.toPlace
	listToPlaceOf                     // wordClasses.toPlaceOf
	listSince                         // wordClasses.since
	listInYear                        // wordClasses.inYear
	listYears                         // wordClasses.years
	listPlaceContext                  // placeWords.context
	listPlaceModifier                 // placeWords.modifier
	listVietSyllable                  // placeWords.viSyll
	numWordLists
)

// wordListSets returns the set of every list, by wordList.
func (x *Extractor) wordListSets() [numWordLists]map[string]bool {
	lx, w, pw := x.lx, x.words, x.pw
	byValue := func(m map[string]string, v string) map[string]bool {
		set := map[string]bool{}
		for k, val := range m {
			if val == v {
				set[k] = true
			}
		}
		return set
	}
	topics := map[string]bool{}
	for k, v := range lx.topics {
		topics[k] = v != ""
	}
	return [numWordLists]map[string]bool{
		listSurnameVI: lx.surnamesVI, listSurnameOther: lx.surnamesEtc, listGiven: lx.given,
		listParticle: lx.particles, listRoleWord: lx.roleWords, listDefinite: lx.definites,
		listIndefinite: lx.indefinites, listPlaceKind: lx.placeKinds, listVenuePrep: lx.venuePreps,
		listDelegation: lx.delegations, listModifier: lx.modifiers, listConnector: lx.connectors,
		listEnJoiner: lx.enJoiners, listFrPrep: lx.frPreps, listEventPrep: lx.eventPreps,
		listSession: lx.sessions, listIncluding: lx.including, listSeat: lx.seats, listPlaceDescr: lx.placeDescr,
		listTopic:       topics,
		listPairBetween: byValue(lx.pairPreps, "between"), listPairWith: byValue(lx.pairPreps, "with"),
		listPairAnd: byValue(lx.pairPreps, "and"),
		listArticle: w.article, listAnd: w.and, listOf: w.of, listOfPlural: w.ofPlural,
		listOfShort: w.ofShort, listThe: w.the, listPossessive: w.possessive, listVenueOf: w.venueOf,
		listDeputy: w.deputy, listMember: w.member, listComplement: w.complement,
		listToPlace: w.toPlace, listToPlaceOf: w.toPlaceOf, listSince: w.since, listInYear: w.inYear,
		listYears:        w.years,
		listPlaceContext: pw.context, listPlaceModifier: pw.modifier, listVietSyllable: pw.viSyll,
	}
}

// in reports whether the token's key is in the list l: sets[l][t.key].
func (d *tokenized) in(t *token, l wordList) bool {
	if t.starts&startsKnown != 0 {
		return d.x.vocab.lists[t.id]&(1<<l) != 0
	}
	return d.x.listSets[l][t.key]
}

// inAt is in of the token at index i.
func (d *tokenized) inAt(i int, l wordList) bool { return d.in(&d.toks[i], l) }
