// Package data embeds kg's per-language word lists, one directory per
// language (ISO 639-1 code): en/, fr/. Each file's header says what it
// holds, its format and its source. The files at the top of this
// directory (cue lists, titles, units, name lists) are embedded by package
// extract itself.
//
// Adding a language is adding its directory with the same files (dates.tsv,
// numbers.tsv); the packages that read them (extract/dates,
// extract/numbers) find every language directory on their own.
package data

import "embed"

// FS holds every LANG/*.tsv file.
//
//go:embed */*.tsv
var FS embed.FS
