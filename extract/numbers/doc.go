// Package numbers reads counts and ordinals in news text: "près de
// 1.000 délégués", "more than 500", "quatre-vingt-dix-neuf", "des
// centaines de", "2,5 millions", "12th", "XXIe", "vingt et unième". Its
// words (cardinals, collectives, approximation phrases, ordinal endings
// and suffixes) come from one data file per language,
// extract/data/LANG/numbers.tsv, loaded once (Default, Load); the Go code
// holds the grammar of compound numbers and knows no language's words.
//
// Words.Counts is one forward pass over the bytes: digit runs are parsed
// in place (thousands separators, decimals, scale words such as
// "million"), and words are looked up, lowercased into a stack buffer, in
// a small table of number words; a word that can start a number phrase
// ("vingt", "hundred", "des", "a") starts a bounded look-ahead that reads
// the rest of the phrase ("quatre-vingt-dix-neuf", "one hundred and
// fifty", "des centaines de"). Approximation modifiers ("près de", "more
// than") are found by looking back at most four words from the number.
// Numbers inside what extract/dates reads as a date are skipped. There is
// no regexp and no allocation per token.
package numbers
