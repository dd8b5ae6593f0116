// Package eval scores an extraction (the JSON contract of `kg extract
// --format json`, an extract.Result) against a gold file, and prints the
// same report as the reference scorer.
//
// The reference is score.py (shared/eval/score.py, copied to
// testdata/score.py): this package is a port of it, and its tests check
// that both print byte-identical reports on every fixture. When the two
// disagree, score.py is right. The rules, in score.py's order:
//
//   - Names are compared through score.py's fold(): đ/Đ become d, the
//     string is NFKD-decomposed, characters with a non-zero canonical
//     combining class are dropped, ASCII is lowercased and every run of
//     characters other than [0-9a-z] becomes one space (trimmed). A key is
//     the folded form without spaces. This differs from extract/fold on
//     characters that NFKD does not decompose to ASCII (ß, æ, œ, ø, ł
//     become separators here) and on compatibility forms outside that
//     package's Latin table (ﬁ, ①, full-width letters, which fold to
//     letters and digits here).
//   - A predicted entity's candidates are the gold entities that accept its
//     type (or "*") and whose keys contain the key of its name; only when
//     the name finds none are its aliases tried, in order. Gold entities
//     with a pattern (events) match instead when the pattern, a regular
//     expression, is found in the folded name. Required candidates come
//     before optional ones, otherwise in gold order.
//   - The entity takes the first candidate not yet matched. When every
//     candidate is already matched, the entity is a duplicate of the first
//     one: a false positive if that gold entity is required, ignored if
//     optional. An entity without candidates is a false positive.
//     Precision counts false positives and duplicates; recall is over
//     required gold entities. "By type" counts required entities under
//     their first gold type.
//   - Relations whose type appears nowhere in the gold are ignored
//     ("other-types"). The others map their endpoints through the entity
//     matching; a gold relation matches when its type is equal and the
//     endpoints are among its alternatives ("from"/"to" may be lists), in
//     either direction for the symmetric PARTNER_OF and MET. Among the
//     matching gold relations an unmatched required one is credited first,
//     then an unmatched optional one; a relation matching only gold
//     relations already credited is neither rewarded nor penalised.
//   - Quantities match when the subject maps to the gold subject, the
//     counts are equal as numbers, the folded unit equals a folded gold
//     unit, either possibly without trailing "s", and the gold "of" is
//     null or equals the mapped "of". Crediting is as for relations.
//   - Event dates: for each required gold entity with a date whose
//     matched prediction has props.date, the date is right when it starts
//     with the gold date, or is at least 7 characters long and the gold
//     date starts with it ("2023-04-14" for gold "2023-04", "2023-04" for
//     gold "2023-04-14", but not "2023").
//   - Document mentions: for each required gold entity and each gold
//     document it is in, one point when its matched prediction has a
//     mention in that document. A predicted document is known by its path's
//     file name without extension (its id when it has no path).
//   - Overall F1 is the mean of the entity, relation and quantity F1.
//
// score.py's regular expressions are Python's; LoadGold compiles them
// with RE2 and rejects the constructs whose meaning differs ("{,n}",
// POSIX classes). Unicode tables follow golang.org/x/text, which may be a
// version ahead of the Python that runs score.py, so code points assigned
// between the two versions may fold differently.
package eval
