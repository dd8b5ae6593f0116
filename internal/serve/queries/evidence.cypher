// name: evidence
// description: kg serve: the sentences stating one relation (by key, from one of its ends), with their articles, by article and offset
// param: id string  Id of one end of the relation
// param: key string  The relation's key
// param: limit int  The most rows
// columns: rel, source_id, source, target_id, target, article, title, date, url, sentence, start_byte:int
CALL {
  MATCH (n:Person {id: $id}) RETURN n
  UNION MATCH (n:City {id: $id}) RETURN n
  UNION MATCH (n:Country {id: $id}) RETURN n
  UNION MATCH (n:Organization {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
MATCH (n)-[r]-()
WHERE r.key = $key
UNWIND range(0, coalesce(size(r.ev_sentences), 0) - 1) AS i
WITH r, i ORDER BY r.ev_articles[i], r.ev_starts[i]
LIMIT $limit
OPTIONAL MATCH (art:Article {id: r.ev_articles[i]})
RETURN type(r) AS rel, startNode(r).id AS source_id, startNode(r).name AS source,
       endNode(r).id AS target_id, endNode(r).name AS target, r.ev_articles[i] AS article,
       // an article imported by neo4j-admin has no property for an empty title, date or url
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.title, '') END AS title,
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.date, '') END AS date,
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.url, '') END AS url,
       r.ev_sentences[i] AS sentence, r.ev_starts[i] AS start_byte
ORDER BY article, start_byte
