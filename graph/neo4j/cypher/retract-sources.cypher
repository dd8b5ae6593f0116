// The records of the relationships and quantities the articles state.
// params: ids
UNWIND $ids AS id
MATCH (s:Source {article: id})
RETURN s.of AS of, s.kind AS kind, s.article AS article, s.props AS props, s.unit AS unit, s.approx AS approx, size(s.sentences) AS evidence
