package neo4j

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
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

// Statement names: the names of the files in cypher/. A statement
// written for each label or type is named "name/Label" or "name/TYPE".
const (
	stArticleHashes  = "article-hashes"
	stArticleCommit  = "article-commit"
	stArticleDelete  = "article-delete"
	stArticleClaim   = "article-claim"
	stArticleRelease = "article-release"
	stArticleRenew   = "article-renew"
	stRetractFacts   = "retract-node-facts"
	stRetractSources = "retract-sources"
	stSourcePrior    = "source-prior"
	stSourceSet      = "source-set"
	stSourceNew      = "source-new"
	stSourceDelete   = "source-delete"
	stSourceFirst    = "source-first"
	stRelLock        = "relationship-lock"
	stQuantityLock   = "quantity-lock"
	stLegacyRels     = "legacy-relationships"
	stLegacyQuants   = "legacy-quantities"
	stDeleteMentions = "retract-delete-mentions"
	stUncommit       = "retract-uncommit"
	stSetRel         = "set-relationship"
	stSetNode        = "set-node"
	stDelRelByID     = "delete-relationship"
	stDelNodeByID    = "delete-node"
	stNodeLock       = "node-lock"
	stNodePrior      = "node-prior"
	stNodeRead       = "node-read"
	stNodeRecords    = "node-records"
	stNodeRecordsNew = "node-records-new"
	stNodeDelete     = "node-delete"
	stEdgeMerge      = "edge-merge"
	stQuantityMerge  = "quantity-merge"
	stQuantitySet    = "quantity-set"
	stCountNodes     = "count-nodes"
	stCountRels      = "count-relationships"
	stSchemaPrefix   = "schema/"
	stAwaitIndexes   = "schema-await-indexes"

	// FulltextIndex is the fulltext index over entity names, aliases and
	// keys that the canned queries and Browser users search.
	FulltextIndex = "kg_names"
)

// cypherFiles holds the loader's statements, one file each: a header of
// // comments (what it does; "params:" the $parameters it takes; "each:"
// when it is written once per "entity label", "label", "relation type" or
// "relationship type", with __LABEL__ or __TYPE__ standing for it), then
// the Cypher. Every value is a parameter; labels and types come from the
// closed sets of graph/model.go only.
//
//go:embed cypher/*.cypher
var cypherFiles embed.FS

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

func buildStatements() (*statementSet, error) {
	s := &statementSet{byName: map[string]Statement{}}
	ents := entityLabels()
	for _, l := range ents {
		if _, err := label(l); err != nil {
			return nil, err
		}
	}
	quantity, err := label("Quantity")
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
	// Each article's record of a relationship or quantity is a Source node
	// keyed by (of, article): found by the fact's key when it is written
	// or queried, by the article when the article is replaced or removed.
	// Relationships are found by key when a Source is retracted.
	s.schema = append(s.schema,
		Statement{Name: stSchemaPrefix + "source_of_article", Cypher: "CREATE CONSTRAINT source_of_article IF NOT EXISTS FOR (s:Source) REQUIRE (s.of, s.article) IS UNIQUE"},
		Statement{Name: stSchemaPrefix + "source_article", Cypher: "CREATE INDEX source_article IF NOT EXISTS FOR (s:Source) ON (s.article)"})
	for _, t := range relationTypes() {
		if _, err := relType(t); err != nil {
			return nil, err
		}
		name := strings.ToLower(t) + "_key"
		s.schema = append(s.schema, Statement{
			Name:   stSchemaPrefix + name,
			Cypher: fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR ()-[r:%s]-() ON (r.key)", name, t),
		})
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

	if err := s.addFiles(cypherFiles); err != nil {
		return nil, err
	}
	slices.Sort(s.order)
	return s, nil
}

// addFiles adds the statements of every cypher/*.cypher file, expanded
// for each label or type its header asks for.
func (s *statementSet) addFiles(files fs.FS) error {
	names, err := fs.Glob(files, "cypher/*.cypher")
	if err != nil {
		return err
	}
	for _, file := range names {
		b, err := fs.ReadFile(files, file)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(path.Base(file), ".cypher")
		var params []string
		each := ""
		var body []string
		for _, ln := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if c, ok := strings.CutPrefix(ln, "//"); ok && len(body) == 0 {
				c = strings.TrimSpace(c)
				if v, ok := strings.CutPrefix(c, "params:"); ok {
					params = strings.Fields(strings.ReplaceAll(v, ",", " "))
				}
				if v, ok := strings.CutPrefix(c, "each:"); ok {
					each = strings.TrimSpace(v)
				}
				continue
			}
			body = append(body, ln)
		}
		text := strings.Join(body, "\n")
		var over []string
		token := ""
		switch each {
		case "":
			s.add(Statement{Name: name, Params: params, Cypher: text})
			continue
		case "entity label":
			over, token = entityLabels(), "__LABEL__"
		case "label":
			over, token = graph.Labels, "__LABEL__"
		case "relation type":
			over, token = relationTypes(), "__TYPE__"
		case "relationship type":
			over, token = graph.RelTypes, "__TYPE__"
		default:
			return fmt.Errorf("%s: each: %q is not a closed set", file, each)
		}
		for _, x := range over {
			check := label
			if token == "__TYPE__" {
				check = relType
			}
			if _, err := check(x); err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			s.add(Statement{Name: name + "/" + x, Params: params, Cypher: strings.ReplaceAll(text, token, x)})
		}
	}
	return nil
}
