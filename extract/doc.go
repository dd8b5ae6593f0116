// Package extract turns news articles into entities, relations and quantities.
//
// The extraction of one article is a pipeline of six stages, each one
// function returning a type that embeds the previous stage's output
// (stages.go; docs/EXTRACTION.md draws them, lists the data files and says
// how to add a language, a title or an event type):
//
//	prepare        -> prepared    header, language, body and teasers   prepare.go, lang.go
//	tokenizeDoc    -> tokenized   sentences and tokens, byte offsets   prepare.go, tokens.go
//	findCandidates -> candidates  gazetteer names with all readings,   candidates.go, places.go,
//	                              word-list phrases, people's name      names.go
//	                              shapes, countries named, dates,
//	                              each sentence's cues
//	decidePlaces   -> placed      places decided with the article in   resolve.go, places*.go, events.go,
//	                              view; event names proposed with them eventid.go
//	resolve        -> resolved    events, bodies, people decided       resolve.go, eventid.go, focus.go,
//	                              with the article in view             orgs.go, orgnames.go, acronyms.go,
//	                                                                   people.go, roles.go, ner.go
//	relate         -> related     relations, event dates, counts       relate.go, partners.go, meet.go,
//	                              (its own fields: resolve's are read only)
//	                                                                   docrel.go, docdates.go, quantities.go
//	(*related).result -> DocResult                                     extractor.go
//
// Words are data: data/*.tsv (cues, titles, bodies, events) and
// data/LANG/*.tsv per language (dates, numbers, counts, closed-class
// words, abbreviations), loaded once by New. Extract works on one document and returns a
// DocResult whose ids are global: the same real thing gets the same id in
// every article, so results from many articles merge by id (Merge) without
// any shared state.
//
// Nothing in this package does I/O beyond reading its embedded data.
//
// An Extractor is read-only once built and is shared by any number of
// goroutines without locks: everything an extraction writes lives in its
// stage outputs (per-sentence NER results, cue and mention indexes) or in
// buffers reused through a sync.Pool, so memory does not grow with the
// number of articles. prose's English NER model is used through a
// re-implementation of its tagger and classifier (prosener.go, checked
// against prose by TestNERMatchesProse and FuzzNERMatchesProse). Speed:
//
//	go test ./extract -run XXX -bench . -benchmem -cpu 1,2 -count 5
package extract
