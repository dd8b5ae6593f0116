package neo4j

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// Statement is one Cypher text the loader sends, with the parameters it
// declares. Labels and relationship types in Cypher are spliced in from
// graph.Labels and graph.RelTypes only; every value is a parameter.
type Statement struct {
	Name   string   // stable name, e.g. "node-set/City"
	Params []string // the $parameters the text uses
	Cypher string
}

// Statement names. Per-label and per-type statements append "/Label" or
// "/TYPE/FromLabel/ToLabel" to these.
const (
	stArticleHashes  = "article-hashes"
	stArticleCommit  = "article-commit"
	stArticleDelete  = "article-delete"
	stTouchedNodes   = "retract-touched-nodes"
	stTouchedEdges   = "retract-touched-edges"
	stTouchedQuants  = "retract-touched-quantities"
	stDeleteMentions = "retract-delete-mentions"
	stUncommit       = "retract-uncommit"
	stSetByElementID = "set-by-element-id"
	stDelRelByID     = "delete-relationship-by-element-id"
	stDelNodeByID    = "delete-node-by-element-id"
	stNodeRecords    = "node-records"
	stNodeRead       = "node-read"
	stNodeSet        = "node-set"
	stNodeDelete     = "node-delete"
	stEdgeMerge      = "edge-merge"
	stEdgeSet        = "edge-set"
	stQuantityMerge  = "quantity-merge"
	stQuantitySet    = "quantity-set"
	stQuantityOf     = "quantity-of"
	stSchemaPrefix   = "schema/"
	stAwaitIndexes   = "schema-await-indexes"

	// FulltextIndex is the fulltext index over entity names, aliases and
	// keys that the canned queries and Browser users search.
	FulltextIndex = "kg_names"
	stCountNodes  = "count-nodes"
	stCountRels   = "count-relationships"
)

// entityLabels are the labels of entity nodes: the extract entity types
// that are graph labels.
func entityLabels() []string {
	var out []string
	for _, t := range extract.EntityTypes {
		if graph.ValidLabel(t) {
			out = append(out, t)
		}
	}
	return out
}

// relationTypes are the relationship types between entities.
func relationTypes() []string {
	var out []string
	for _, t := range extract.RelationTypes {
		if graph.ValidRelType(t) {
			out = append(out, t)
		}
	}
	return out
}

// statementSet holds every statement the loader can send, by name.
type statementSet struct {
	byName map[string]Statement
	schema []Statement // in the order they run
	order  []string
}

var loadStatements = sync.OnceValues(buildStatements)

// Statements returns every Cypher statement the loader and the schema
// setup can send, sorted by name: what tools/cypherlint lints. It fails
// only if a label or type in the closed sets is not a valid identifier.
func Statements() ([]Statement, error) {
	set, err := loadStatements()
	if err != nil {
		return nil, err
	}
	out := make([]Statement, 0, len(set.order))
	for _, n := range set.order {
		out = append(out, set.byName[n])
	}
	return out, nil
}

// SchemaStatements returns the constraint and index statements, in the
// order Load's schema setup runs them.
func SchemaStatements() ([]Statement, error) {
	set, err := loadStatements()
	if err != nil {
		return nil, err
	}
	return slices.Clone(set.schema), nil
}

func (s *statementSet) add(st Statement) {
	s.byName[st.Name] = st
	s.order = append(s.order, st.Name)
}

// get returns the named statement; the name is built by the loader from
// validated labels and types, so a miss is a bug reported as an error.
func (s *statementSet) get(name string) (Statement, error) {
	st, ok := s.byName[name]
	if !ok {
		return Statement{}, fmt.Errorf("no statement %q: label or relationship type outside the closed set", name)
	}
	return st, nil
}

// identifier checks that a label or type is a plain identifier, so it can
// be spliced into Cypher without quoting.
func identifier(s string) error {
	if s == "" {
		return fmt.Errorf("empty identifier")
	}
	for i, r := range s {
		if r == '_' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		return fmt.Errorf("%q is not a plain identifier", s)
	}
	return nil
}

func label(l string) (string, error) {
	if !graph.ValidLabel(l) {
		return "", fmt.Errorf("label %q is not in graph.Labels", l)
	}
	if err := identifier(l); err != nil {
		return "", fmt.Errorf("label: %w", err)
	}
	return l, nil
}

func relType(t string) (string, error) {
	if !graph.ValidRelType(t) {
		return "", fmt.Errorf("relationship type %q is not in graph.RelTypes", t)
	}
	if err := identifier(t); err != nil {
		return "", fmt.Errorf("relationship type: %w", err)
	}
	return t, nil
}

// lines joins statement lines with newlines.
func lines(ls ...string) string { return strings.Join(ls, "\n") }

func buildStatements() (*statementSet, error) {
	s := &statementSet{byName: map[string]Statement{}}
	ents := entityLabels()
	for _, l := range ents {
		if _, err := label(l); err != nil {
			return nil, err
		}
	}
	article, err := label("Article")
	if err != nil {
		return nil, err
	}
	quantity, err := label("Quantity")
	if err != nil {
		return nil, err
	}
	mentions, err := relType("MENTIONS")
	if err != nil {
		return nil, err
	}
	quantifies, err := relType("QUANTIFIES")
	if err != nil {
		return nil, err
	}
	of, err := relType("OF")
	if err != nil {
		return nil, err
	}

	// Schema: a uniqueness constraint per label (Quantity is keyed by its
	// key), then lookup indexes on entity names and folded keys.
	for _, l := range graph.Labels {
		if _, err := label(l); err != nil {
			return nil, err
		}
		prop := "id"
		if l == quantity {
			prop = "key"
		}
		name := strings.ToLower(l) + "_" + prop
		st := Statement{
			Name:   stSchemaPrefix + name,
			Cypher: fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE", name, l, prop),
		}
		s.schema = append(s.schema, st)
	}
	for _, l := range ents {
		for _, prop := range []string{"name", "key", "keys"} {
			name := strings.ToLower(l) + "_" + prop
			s.schema = append(s.schema, Statement{
				Name:   stSchemaPrefix + name,
				Cypher: fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.%s)", name, l, prop),
			})
		}
	}
	// One fulltext index over every entity's name, aliases and folded keys,
	// with an analyzer that folds case and diacritics: the canned queries
	// find a name's node through it (an exact folded key is one term of
	// keys), and Browser users search any spelling or part of a name.
	s.schema = append(s.schema, Statement{
		Name: stSchemaPrefix + FulltextIndex,
		Cypher: fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.name, n.aliases, n.keys] "+
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}}",
			FulltextIndex, strings.Join(ents, "|")),
	})
	s.schema = append(s.schema, Statement{Name: stAwaitIndexes, Cypher: "CALL db.awaitIndexes(300)"})
	for _, st := range s.schema {
		s.add(st)
	}

	// Articles: the hash is written last, as the commit mark of a load.
	s.add(Statement{Name: stArticleHashes, Params: []string{"ids"}, Cypher: lines(
		"UNWIND $ids AS id",
		"MATCH (a:"+article+" {id: id})",
		"RETURN a.id AS id, a.hash AS hash",
	)})
	s.add(Statement{Name: stArticleCommit, Params: []string{"rows"}, Cypher: lines(
		"UNWIND $rows AS row",
		"MERGE (a:"+article+" {id: row.id})",
		"SET a = row",
	)})

	s.add(Statement{Name: stArticleDelete, Params: []string{"ids"}, Cypher: lines(
		"UNWIND $ids AS id",
		"MATCH (a:"+article+" {id: id})",
		"DETACH DELETE a",
	)})

	// Retraction of articles' previous contributions: everything is found
	// from the articles' MENTIONS, never by a scan.
	s.add(Statement{Name: stUncommit, Params: []string{"ids"}, Cypher: lines(
		"UNWIND $ids AS id",
		"MATCH (a:"+article+" {id: id})",
		"REMOVE a.hash",
	)})
	s.add(Statement{Name: stTouchedNodes, Params: []string{"ids"}, Cypher: lines(
		"UNWIND $ids AS id",
		"MATCH (:"+article+" {id: id})-[:"+mentions+"]->(n)",
		"RETURN DISTINCT n.id AS id, labels(n) AS labels",
	)})
	s.add(Statement{Name: stTouchedEdges, Params: []string{"ids"}, Cypher: lines(
		"UNWIND $ids AS id",
		"MATCH (:"+article+" {id: id})-[:"+mentions+"]->()-[r]-()",
		"WHERE any(x IN r.src_articles WHERE x IN $ids)",
		"WITH DISTINCT r",
		"SET r.key = r.key",
		"RETURN elementId(r) AS eid, properties(r) AS props",
	)})
	s.add(Statement{Name: stTouchedQuants, Params: []string{"ids"}, Cypher: lines(
		"UNWIND $ids AS id",
		"MATCH (:"+article+" {id: id})-[:"+mentions+"]->()<-[:"+quantifies+"]-(q:"+quantity+")",
		"WHERE any(x IN q.src_articles WHERE x IN $ids)",
		"WITH DISTINCT q",
		"SET q.key = q.key",
		"RETURN elementId(q) AS eid, properties(q) AS props",
	)})
	s.add(Statement{Name: stDeleteMentions, Params: []string{"ids"}, Cypher: lines(
		"UNWIND $ids AS id",
		"MATCH (:"+article+" {id: id})-[m:"+mentions+"]->()",
		"DELETE m",
	)})
	s.add(Statement{Name: stSetByElementID + "/relationship", Params: []string{"rows"}, Cypher: lines(
		"UNWIND $rows AS row",
		"MATCH ()-[r]->()",
		"WHERE elementId(r) = row.eid",
		"SET r = row.props",
	)})
	s.add(Statement{Name: stSetByElementID + "/node", Params: []string{"rows"}, Cypher: lines(
		"UNWIND $rows AS row",
		"MATCH (n)",
		"WHERE elementId(n) = row.eid",
		"SET n = row.props",
	)})
	s.add(Statement{Name: stDelRelByID, Params: []string{"eids"}, Cypher: lines(
		"UNWIND $eids AS eid",
		"MATCH ()-[r]->()",
		"WHERE elementId(r) = eid",
		"DELETE r",
	)})
	s.add(Statement{Name: stDelNodeByID, Params: []string{"eids"}, Cypher: lines(
		"UNWIND $eids AS eid",
		"MATCH (n)",
		"WHERE elementId(n) = eid",
		"DETACH DELETE n",
	)})

	// Entity nodes: each article's own record of the entity is kept on its
	// MENTIONS relationship; the node's properties are recomputed from all
	// records (node-read, then node-set or node-delete).
	for _, l := range ents {
		s.add(Statement{Name: stNodeRecords + "/" + l, Params: []string{"rows"}, Cypher: lines(
			"UNWIND $rows AS row",
			"MERGE (n:"+l+" {id: row.id})",
			"MERGE (a:"+article+" {id: row.article})",
			"MERGE (a)-[m:"+mentions+"]->(n)",
			"SET m = row.mention",
		)})
		s.add(Statement{Name: stNodeRead + "/" + l, Params: []string{"ids"}, Cypher: lines(
			"UNWIND $ids AS id",
			"MATCH (n:"+l+" {id: id})<-[m:"+mentions+"]-(a:"+article+")",
			"RETURN n.id AS id, a.id AS article, m.name AS name, m.aliases AS aliases, m.props AS props, m.count AS count",
			"ORDER BY id, article",
		)})
		s.add(Statement{Name: stNodeSet + "/" + l, Params: []string{"rows"}, Cypher: lines(
			"UNWIND $rows AS row",
			"MATCH (n:"+l+" {id: row.id})",
			"SET n = row.props",
		)})
		s.add(Statement{Name: stNodeDelete + "/" + l, Params: []string{"ids"}, Cypher: lines(
			"UNWIND $ids AS id",
			"MATCH (n:"+l+" {id: id})",
			"WHERE NOT (n)<-[:"+mentions+"]-()",
			"DETACH DELETE n",
		)})
	}

	// Relationships between entities: one statement per type and endpoint
	// labels, so both endpoints are found through their id constraint.
	for _, t := range relationTypes() {
		if _, err := relType(t); err != nil {
			return nil, err
		}
		for _, a := range ents {
			for _, b := range ents {
				suffix := "/" + t + "/" + a + "/" + b
				s.add(Statement{Name: stEdgeMerge + suffix, Params: []string{"rows"}, Cypher: lines(
					"UNWIND $rows AS row",
					"MATCH (a:"+a+" {id: row.from})",
					"MATCH (b:"+b+" {id: row.to})",
					"MERGE (a)-[r:"+t+" {key: row.key}]->(b)",
					"SET r.key = row.key",
					"RETURN row.key AS key, properties(r) AS props",
				)})
				s.add(Statement{Name: stEdgeSet + suffix, Params: []string{"rows"}, Cypher: lines(
					"UNWIND $rows AS row",
					"MATCH (:"+a+" {id: row.from})-[r:"+t+" {key: row.key}]->(:"+b+" {id: row.to})",
					"SET r = row.props",
				)})
			}
		}
	}

	// Quantities: merged on their key, linked to their subject and country.
	s.add(Statement{Name: stQuantityMerge, Params: []string{"rows"}, Cypher: lines(
		"UNWIND $rows AS row",
		"MERGE (q:"+quantity+" {key: row.key})",
		"SET q.key = row.key",
		"RETURN row.key AS key, properties(q) AS props",
	)})
	for _, l := range ents {
		s.add(Statement{Name: stQuantitySet + "/" + l, Params: []string{"rows"}, Cypher: lines(
			"UNWIND $rows AS row",
			"MATCH (q:"+quantity+" {key: row.key})",
			"SET q = row.props",
			"WITH q, row",
			"MATCH (s:"+l+" {id: row.subject})",
			"MERGE (q)-[:"+quantifies+"]->(s)",
		)})
		s.add(Statement{Name: stQuantityOf + "/" + l, Params: []string{"rows"}, Cypher: lines(
			"UNWIND $rows AS row",
			"MATCH (q:"+quantity+" {key: row.key})",
			"MATCH (c:"+l+" {id: row.of})",
			"MERGE (q)-[:"+of+"]->(c)",
		)})
	}
	// Counts, per label and per type (each a count-store lookup).
	for _, l := range graph.Labels {
		s.add(Statement{Name: stCountNodes + "/" + l, Cypher: "MATCH (n:" + l + ") RETURN count(n) AS n"})
	}
	for _, t := range graph.RelTypes {
		if _, err := relType(t); err != nil {
			return nil, err
		}
		s.add(Statement{Name: stCountRels + "/" + t, Cypher: "MATCH ()-[r:" + t + "]->() RETURN count(r) AS n"})
	}
	slices.Sort(s.order)
	return s, nil
}
