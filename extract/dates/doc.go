// Package dates finds dates in news text and resolves them against the
// article's date: "29 août 2023", "last April", "vendredi dernier",
// "du 14 au 16 octobre", "14/04/2023". The words it reads (months,
// weekdays, "last", "dernier", "jusqu'au", ...) come from one data file per
// language, extract/data/LANG/dates.tsv, loaded once (Default, Load): the
// Go code knows no language's words.
//
// Words.Find is one forward pass over tokens (words, digit runs,
// punctuation) read straight from the text: a word is lowercased and
// stripped of Latin-1 accents into a stack buffer and looked up in one
// small table of month, weekday and cue words; only a month, a weekday or
// a digit run starts a look-ahead of a few tokens. There is no regexp and
// no allocation per token.
//
// Why not github.com/markusmobius/go-dateparser. It was measured for
// parsing the short spans found here (v1.4.7, Go 1.26, 2-core AMD EPYC):
//   - importing it runs package init that allocates 95 MB in 388,378
//     allocations and takes 134 ms on an idle machine (809 ms under
//     load), at the start of every kg process, even one that parses no
//     date. Reproduce: go test -c -o /tmp/x.test ./extract &&
//     GODEBUG=inittrace=1 /tmp/x.test -test.run XXX 2>&1 | grep dateparser;
//   - one Parse of "29 août 2023" (Languages ["fr"]) takes about 115 µs,
//     13 KB and 252 allocations (go test -run XXX -bench Dateparser
//     ./extract/dates), and Parse holds a mutex, so a shared Parser serialises
//     goroutines. With a date every few hundred bytes of news text, that
//     alone caps extraction at a few MB/s per core, under the 20 MB/s this
//     finder is held to (BenchmarkFind);
//   - it does not resolve the forms news articles use most: "avril
//     dernier", "last April", "next August", "vendredi dernier" fail, "en
//     avril 2023" gives 2023-04-30, and a missing year comes from the
//     clock, not the article date.
//
// The tests keep go-dateparser as an oracle: every absolute day-month-year
// form this finder reads is checked against it
// (TestFindAgreesWithDateparser).

package dates
