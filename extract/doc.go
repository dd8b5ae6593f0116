// Package extract turns news articles into entities, relations and quantities.
//
// The pipeline is a sequence of small pure stages over one article (see
// pipeline.go): the document is prepared (header date and title, language,
// zones such as captions and related-article teasers), tokenised with byte
// offsets, matched against gazetteers and cue lists (data files under
// data/), then people, organisations, events, relations and quantities are
// recognised and resolved to stable ids. Extract works on one document and
// returns a DocResult whose ids are global: the same real thing gets the
// same id in every article, so results from many articles merge by id
// (Merge) without any shared state.
//
// Nothing in this package does I/O beyond reading its embedded data.
package extract
