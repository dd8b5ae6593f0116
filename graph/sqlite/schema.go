package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a SQLite file as a kg store (PRAGMA application_id):
// "kg" in ASCII followed by a format generation.
const applicationID = 0x6b670001

// migrations are applied in order; migration i brings the schema from
// user_version i to i+1. Never edit a released migration: append one.
var migrations = []string{
	// 1: the graph, and what each article contributes to it.
	`
CREATE TABLE articles (
	aid   INTEGER PRIMARY KEY,
	id    TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	date  TEXT NOT NULL,
	lang  TEXT NOT NULL,
	path  TEXT NOT NULL,
	url   TEXT NOT NULL,
	hash  TEXT NOT NULL
);

-- Merged entities. name, aliases, props and keys are recomputed from
-- node_facts with extract.MergeEntities; last_article is the greatest id of
-- a contributing article (facts from later ids merge incrementally).
CREATE TABLE nodes (
	nid          INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	label        TEXT NOT NULL,
	name         TEXT NOT NULL,
	key          TEXT NOT NULL,
	keys         TEXT NOT NULL, -- JSON array of fold.Key of name and aliases
	aliases      TEXT NOT NULL, -- JSON array
	props        TEXT NOT NULL, -- JSON object
	last_article TEXT NOT NULL
);
CREATE INDEX nodes_label ON nodes(label);

-- Every folded key of every node: "find Hà Nội by any spelling".
CREATE TABLE node_keys (
	key TEXT NOT NULL,
	nid INTEGER NOT NULL REFERENCES nodes(nid),
	PRIMARY KEY (key, nid)
) WITHOUT ROWID;
CREATE INDEX node_keys_nid ON node_keys(nid);

-- What one article says about one entity, and where it mentions it
-- (mentions = 0: named in a relation's world knowledge only).
CREATE TABLE node_facts (
	nid      INTEGER NOT NULL REFERENCES nodes(nid),
	aid      INTEGER NOT NULL REFERENCES articles(aid),
	name     TEXT NOT NULL,
	aliases  TEXT NOT NULL,
	props    TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	starts   TEXT NOT NULL, -- JSON array of byte offsets
	ends     TEXT NOT NULL,
	PRIMARY KEY (nid, aid)
) WITHOUT ROWID;
CREATE INDEX node_facts_aid ON node_facts(aid);

-- Merged relations; key is extract.RelationKey, props are merged with
-- extract.MergeRelationProps.
CREATE TABLE edges (
	eid          INTEGER PRIMARY KEY,
	key          TEXT NOT NULL UNIQUE,
	type         TEXT NOT NULL,
	src          INTEGER NOT NULL REFERENCES nodes(nid),
	dst          INTEGER NOT NULL REFERENCES nodes(nid),
	props        TEXT NOT NULL,
	last_article TEXT NOT NULL
);
CREATE INDEX edges_src ON edges(src, type);
CREATE INDEX edges_dst ON edges(dst, type);
CREATE INDEX edges_type ON edges(type);

-- What one article says about one relation: its props and its evidence
-- sentences as a JSON array of [start, end, sentence].
CREATE TABLE edge_facts (
	eid      INTEGER NOT NULL REFERENCES edges(eid),
	aid      INTEGER NOT NULL REFERENCES articles(aid),
	props    TEXT NOT NULL,
	evidence TEXT NOT NULL,
	PRIMARY KEY (eid, aid)
) WITHOUT ROWID;
CREATE INDEX edge_facts_aid ON edge_facts(aid);

-- Merged quantities; key is extract.QuantityKey. unit is the first
-- article's spelling, approx holds only if every article says so.
CREATE TABLE quantities (
	qid          INTEGER PRIMARY KEY,
	key          TEXT NOT NULL UNIQUE,
	subject      INTEGER NOT NULL REFERENCES nodes(nid),
	country      INTEGER REFERENCES nodes(nid),
	count        REAL NOT NULL,
	unit         TEXT NOT NULL,
	approx       INTEGER NOT NULL,
	last_article TEXT NOT NULL
);
CREATE INDEX quantities_subject ON quantities(subject);
CREATE INDEX quantities_country ON quantities(country);

CREATE TABLE quantity_facts (
	qid      INTEGER NOT NULL REFERENCES quantities(qid),
	aid      INTEGER NOT NULL REFERENCES articles(aid),
	unit     TEXT NOT NULL,
	approx   INTEGER NOT NULL,
	evidence TEXT NOT NULL,
	PRIMARY KEY (qid, aid)
) WITHOUT ROWID;
CREATE INDEX quantity_facts_aid ON quantity_facts(aid);
`,
	// 2 (dropped by 4): narrow indexes for queries that rank a relation's
	// articles by id (partners, before migration 3): reading (eid, aid) and (aid, id) pairs instead of whole
	// evidence and article rows. On a 100,000-article store, partners of
	// the biggest hub (39,000 sentences): 125 → 85 ms.
	`
CREATE INDEX edge_facts_eid ON edge_facts(eid, aid);
CREATE INDEX articles_aid_id ON articles(aid, id);
`,
	// 3: a summary of each relation's evidence, kept by the writer so that
	// partners reads one row per relation instead of every fact:
	// n_articles counts its edge_facts rows, first_evidence holds its
	// first three sentences in (article id, offset) order as a JSON array
	// of [article id, sentence]. Filled here from edge_facts.
	`
ALTER TABLE edges ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE edges ADD COLUMN first_evidence TEXT NOT NULL DEFAULT '[]';
UPDATE edges SET
	n_articles = (SELECT count(*) FROM edge_facts f WHERE f.eid = edges.eid),
	first_evidence = (
		SELECT json_group_array(json_array(id, sentence) ORDER BY id, k)
		FROM (SELECT x.id, j.key AS k, j.value ->> 2 AS sentence
		      FROM (SELECT a.id, f.evidence
		            FROM edge_facts f CROSS JOIN articles a ON a.aid = f.aid
		            WHERE f.eid = edges.eid AND f.evidence <> '[]'
		            ORDER BY a.id LIMIT 3) x, json_each(x.evidence) j
		      ORDER BY x.id, j.key LIMIT 3));
`,
	// 4: since migration 3 no query or write reads migration 2's indexes
	// (the plans search edge_facts by its primary key and articles by
	// rowid); dropping them saves 12.6 MB and their upkeep on every write
	// of a 100,000-article store.
	`
DROP INDEX IF EXISTS edge_facts_eid;
DROP INDEX IF EXISTS articles_aid_id;
`,
	// 5: the fingerprint of the extractor that produced each article's
	// contribution (extract.Fingerprint); '' for the articles written
	// before, which kg ingest then extracts again.
	`
ALTER TABLE articles ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
`,
	// 6: every node, edge and quantity keeps its graph/merge summary, so
	// that the writer folds an article in or out without reading the
	// other articles' facts; last_article (the article order the old
	// merge depended on) goes. refold fills the summaries and the merged
	// values from the facts.
	`
ALTER TABLE nodes ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE edges ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE quantities ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE nodes DROP COLUMN last_article;
ALTER TABLE edges DROP COLUMN last_article;
ALTER TABLE quantities DROP COLUMN last_article;
`,
	// 7: the size and modification time (Unix nanoseconds) of the file an
	// article was read from, before it was read (graph.FileStamp; 0 for
	// a JSON Lines record, a stream and the articles written before), so
	// that kg ingest skips an unchanged file without reading it.
	`
ALTER TABLE articles ADD COLUMN src_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN src_mtime INTEGER NOT NULL DEFAULT 0;
`,
	// 8: articles in the order kg show lists them (dated first, by date,
	// then id), so that the first articles mentioning a hub are found by
	// walking the dates and probing node_facts' primary key instead of
	// sorting every article that mentions it (Vietnam on a
	// 100,000-article store: 93,000 rows, 100 ms, against 0.3 ms).
	`
CREATE INDEX articles_date ON articles(date = '', date, id);
`,
	// 9: a node's relations, the most attested first, from each end, so
	// that kg serve's neighbours of a hub merge the two index orders and
	// stop at its cap instead of reading every relation's row (Vietnam on
	// a 100,000-article store: 6,387 rows, 17 ms, against 1 ms for 200).
	`
CREATE INDEX edges_src_articles ON edges(src, n_articles DESC);
CREATE INDEX edges_dst_articles ON edges(dst, n_articles DESC);
`,
	// 10: what kg search, show and why read of every entity without
	// scanning the tables (see namekeys.go). nodes.mentioned counts the
	// articles that mention the node (its node_facts with mentions > 0:
	// Vietnam on a 100,000-article store has 93,000, which took 40 ms to
	// count); name_keys holds the ids, labels and node_keys of the nodes
	// of nid chunk>>7 in one blob, rewritten by the writer in the
	// transaction that changes them (a new or removed node, a key more
	// or less), so that indexing every spelling reads 200 rows instead
	// of 95,000. fillNameKeys fills it after this migration.
	`
ALTER TABLE nodes ADD COLUMN mentioned INTEGER NOT NULL DEFAULT 0;
UPDATE nodes SET mentioned = (SELECT count(*) FROM node_facts f WHERE f.nid = nodes.nid AND f.mentions > 0);
CREATE TABLE name_keys (
	chunk    INTEGER PRIMARY KEY,
	entities BLOB NOT NULL
);
`,
	// 11: the fact tables keyed by article first, so that an article's
	// facts are written next to each other (at the end of the table, for
	// a new article) instead of one page per entity or relation it
	// touches; a commit of 758 articles into an 8,000-article store wrote
	// 11,415 of its 20,000 pages, 5,000 of them fact pages. What is read
	// by entity, relation or quantity goes through a narrow index of
	// (id, aid) pairs. The rows are copied in the new key's order.
	// edges.n_sentences counts a relation's evidence sentences (kept by
	// the writer, as n_articles), which neighbours and city-events report
	// for every relation of a hub: summed from its facts, that is a seek
	// per fact in this layout (Vietnam's 6,300 relations on a
	// 100,000-article store: 2.0 s, against 0.42 s before).
	`
ALTER TABLE edges ADD COLUMN n_sentences INTEGER NOT NULL DEFAULT 0;
UPDATE edges SET n_sentences = (SELECT ifnull(sum(json_array_length(f.evidence)), 0) FROM edge_facts f WHERE f.eid = edges.eid);
CREATE TABLE node_facts_11 (
	nid      INTEGER NOT NULL REFERENCES nodes(nid),
	aid      INTEGER NOT NULL REFERENCES articles(aid),
	name     TEXT NOT NULL,
	aliases  TEXT NOT NULL,
	props    TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	starts   TEXT NOT NULL,
	ends     TEXT NOT NULL,
	PRIMARY KEY (aid, nid)
) WITHOUT ROWID;
INSERT INTO node_facts_11 (nid, aid, name, aliases, props, mentions, starts, ends)
	SELECT nid, aid, name, aliases, props, mentions, starts, ends FROM node_facts ORDER BY aid, nid;
DROP TABLE node_facts;
ALTER TABLE node_facts_11 RENAME TO node_facts;
CREATE INDEX node_facts_by_node ON node_facts(nid, aid);

CREATE TABLE edge_facts_11 (
	eid      INTEGER NOT NULL REFERENCES edges(eid),
	aid      INTEGER NOT NULL REFERENCES articles(aid),
	props    TEXT NOT NULL,
	evidence TEXT NOT NULL,
	PRIMARY KEY (aid, eid)
) WITHOUT ROWID;
INSERT INTO edge_facts_11 (eid, aid, props, evidence)
	SELECT eid, aid, props, evidence FROM edge_facts ORDER BY aid, eid;
DROP TABLE edge_facts;
ALTER TABLE edge_facts_11 RENAME TO edge_facts;
CREATE INDEX edge_facts_by_edge ON edge_facts(eid, aid);

CREATE TABLE quantity_facts_11 (
	qid      INTEGER NOT NULL REFERENCES quantities(qid),
	aid      INTEGER NOT NULL REFERENCES articles(aid),
	unit     TEXT NOT NULL,
	approx   INTEGER NOT NULL,
	evidence TEXT NOT NULL,
	PRIMARY KEY (aid, qid)
) WITHOUT ROWID;
INSERT INTO quantity_facts_11 (qid, aid, unit, approx, evidence)
	SELECT qid, aid, unit, approx, evidence FROM quantity_facts ORDER BY aid, qid;
DROP TABLE quantity_facts;
ALTER TABLE quantity_facts_11 RENAME TO quantity_facts;
CREATE INDEX quantity_facts_by_quantity ON quantity_facts(qid, aid);
`,
}

// factsByArticleAt is the user_version from which the fact tables are
// keyed by article first; Open vacuums a store migrated across it.
const factsByArticleAt = 11

// nameKeysAt is the user_version after which migrate fills name_keys.
const nameKeysAt = 10

// refoldAt is the user_version after which migrate runs refold.
const refoldAt = 6

// SchemaVersion is the user_version of a store with every migration.
var SchemaVersion = len(migrations)

// migrate brings the schema of a store at version from up to date inside
// the caller's transaction.
func migrate(ctx context.Context, tx *sql.Conn, from int) error {
	if from == 0 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return fmt.Errorf("marking the store: %w", err)
		}
	}
	for v := from; v < len(migrations); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("migrating the store to version %d: %w", v+1, err)
		}
		if v+1 == refoldAt && from > 0 {
			if err := refold(ctx, tx); err != nil {
				return fmt.Errorf("migrating the store to version %d: %w", v+1, err)
			}
		}
		if v+1 == nameKeysAt && from > 0 {
			if err := fillNameKeys(ctx, tx); err != nil {
				return fmt.Errorf("migrating the store to version %d: %w", v+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			return fmt.Errorf("migrating the store to version %d: %w", v+1, err)
		}
	}
	return nil
}
