// kg graph export for cypher-shell:
//   cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f graph.cypher
// (cypher-shell asks for the password, or reads NEO4J_PASSWORD).
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
:begin
MERGE (n:Article {id: 'a-1'}) SET n += {date: '2023-04-14', hash: 'abc', lang: 'en', path: 'a/b.txt', title: 'Title with "quotes" and \'apostrophes\'', url: ''};
MERGE (n:City {id: 'city:hanoi'}) SET n += {aliases: ['Hà Nội', 'Ha;noi|x'], country: 'VN', key: 'hanoi', keys: ['hanoi'], name: 'Hanoi'};
MERGE (n:City {id: 'city:toulouse'}) SET n += {aliases: [], country: 'FR', key: 'toulouse', keys: ['toulouse'], name: 'Toulouse', population: 500000};
:commit
:begin
MERGE (n:Event {id: 'event:e'}) SET n += {aliases: [], key: 'e', keys: ['e'], name: 'E', ordinal: 12, `weird.key``x`: true};
MERGE (n:Quantity {key: 'event:e|50|localities|'}) SET n += {approx: false, count: 50.5, ev_articles: ['a-1'], ev_ends: [171], ev_sentences: ['He said: "it\'s `MATCH (n) DETACH DELETE n` time"; \'quoted\' \\ back\\slash,\nsecond line\r\nthird\ttabbed — Hà Nội; DROP TABLE nodes; -- ${NEO4J_PASSWORD} <b>&amp;</b> \u001A end'], ev_starts: [0], unit: 'localities'};
MATCH (a:Article {id: 'a-1'}) MATCH (b:City {id: 'city:hanoi'}) MERGE (a)-[r:MENTIONS]->(b) SET r += {count: 2, ends: [3, 9], starts: [1, 5]};
:commit
:begin
MATCH (a:City {id: 'city:hanoi'}) MATCH (b:City {id: 'city:toulouse'}) MERGE (a)-[r:PARTNER_OF {key: 'PARTNER_OF|city:hanoi|city:toulouse'}]->(b) SET r += {ev_articles: ['a-1', 'a-1'], ev_ends: [5, 20], ev_sentences: ['He said: "it\'s `MATCH (n) DETACH DELETE n` time"; \'quoted\' \\ back\\slash,\nsecond line\r\nthird\ttabbed — Hà Nội; DROP TABLE nodes; -- ${NEO4J_PASSWORD} <b>&amp;</b> \u001A end', 'Second; sentence.'], ev_starts: [0, 10], kind: 'twin', since: 2006};
MATCH (a:Quantity {key: 'event:e|50|localities|'}) MATCH (b:Event {id: 'event:e'}) MERGE (a)-[r:QUANTIFIES]->(b) SET r += {};
:commit
