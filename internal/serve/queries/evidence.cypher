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
UNWIND CASE WHEN r.ev_sentences IS NULL
         THEN COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL UNWIND range(0, size(s.sentences) - 1) AS i
                        RETURN {article: s.article, sentence: s.sentences[i], start: s.starts[i]} }
         ELSE [i IN range(0, size(r.ev_sentences) - 1) | {article: r.ev_articles[i], sentence: r.ev_sentences[i], start: r.ev_starts[i]}]
       END AS ev
WITH r, ev ORDER BY ev.article, ev.start
LIMIT $limit
OPTIONAL MATCH (art:Article {id: ev.article})
RETURN type(r) AS rel, startNode(r).id AS source_id, startNode(r).name AS source,
       endNode(r).id AS target_id, endNode(r).name AS target, ev.article AS article,
       // an article imported by neo4j-admin has no property for an empty title, date or url
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.title, '') END AS title,
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.date, '') END AS date,
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.url, '') END AS url,
       ev.sentence AS sentence, ev.start AS start_byte
ORDER BY article, start_byte
