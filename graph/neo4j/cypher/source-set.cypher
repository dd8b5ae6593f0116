// Each article's own record of a relationship or quantity: its props (a
// relationship's, as JSON) or unit and approx flag (a quantity's), and its
// evidence sentences with their byte offsets, sorted by start and end.
// params: rows
UNWIND $rows AS row
MERGE (s:Source {of: row.of, article: row.article})
SET s = row.props
