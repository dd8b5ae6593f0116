// The records already stored for (relationship or quantity, article)
// pairs about to be written: a load redone after an interruption. Each
// article's contribution is its own Source node, so a load reads only
// the articles it writes, never the others that state the same fact.
// params: rows
UNWIND $rows AS row
MATCH (s:Source {of: row.of, article: row.article})
RETURN s.of AS of, s.article AS article, s.props AS props, s.unit AS unit, s.approx AS approx, size(s.sentences) AS evidence
