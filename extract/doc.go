// Package extract turns news articles into entities, relations and quantities.
//
// The pipeline is a sequence of small pure stages over one article (see
// Extractor.Extract and runStages in extractor.go, and docs/EXTRACTION.md
// for the stages, the data files and how to add a language): the document is prepared (header date and title, language,
// zones such as captions and related-article teasers), tokenised with byte
// offsets, matched against gazetteers and cue lists (data files under
// data/), then people, organisations, events, relations and quantities are
// recognised and resolved to stable ids. Extract works on one document and
// returns a DocResult whose ids are global: the same real thing gets the
// same id in every article, so results from many articles merge by id
// (Merge) without any shared state.
//
// Nothing in this package does I/O beyond reading its embedded data.
//
// An Extractor is read-only once built and is shared by any number of
// goroutines without locks: everything an extraction writes lives in its
// docState (per-sentence NER results, cue and mention indexes) or in
// buffers reused through a sync.Pool, so memory does not grow with the
// number of articles. prose's English NER model is used through a
// re-implementation of its tagger and classifier (prosener.go, checked
// against prose by TestNERMatchesProse and FuzzNERMatchesProse). Speed:
//
//	go test ./extract -run XXX -bench . -benchmem -cpu 1,2 -count 5
package extract
