// The first three sentences of relationships by key, with their articles:
// from their Source nodes in (of, article) index order, each Source's in
// its order, leaving out the articles being removed. A relationship's
// preview (first_sentences, first_articles) is read again from here when a
// replaced or removed article took sentences out of it.
// params: keys, exclude
UNWIND $keys AS k
CALL (k) {
  MATCH (s:Source {of: k})
  WHERE s.article IS NOT NULL AND NOT s.article IN $exclude AND size(s.sentences) > 0
  WITH s ORDER BY s.of, s.article LIMIT 3
  UNWIND s.sentences AS x
  RETURN collect(s.article)[..3] AS articles, collect(x)[..3] AS sentences
}
RETURN k AS key, articles, sentences
