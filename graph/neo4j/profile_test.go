package neo4j

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg-dev/kg/queries"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// scans are the plan operators that read a whole label, relationship type
// or database instead of looking a name up in an index.
var scans = []string{"AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan",
	"RelationshipTypeScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
	"DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan", "NodeIndexScan"}

// listAll are the queries that read every node of a kind by design: they
// rank all cities, or list every role or meeting when no name is given
// (and match words inside names otherwise).
var listAll = map[string]string{
	"top-cities": "ranks every city",
	"roles":      "lists everyone's roles when no name is given",
	"met":        "lists every meeting when no name is given",
}

// operators lists a profiled plan's operators, depth first.
func operators(p driver.ProfiledPlan, out *[]string) {
	d, _ := p.Arguments()["Details"].(string)
	op, _, _ := strings.Cut(p.Operator(), "@")
	*out = append(*out, op+" "+d)
	for _, c := range p.Children() {
		operators(c, out)
	}
}

// TestIntegrationProfileIndexes: PROFILE of every canned query that looks
// a name up shows it found through the fulltext index or a uniqueness
// constraint, with no label, type or database scan.
func TestIntegrationProfileIndexes(t *testing.T) {
	st := fixtureLoaded(t)
	ctx := context.Background()
	cfg := integrationConfig(t)
	params := goldenParams(t)
	drv, err := driver.NewDriverWithContext(cfg.URI, driver.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	for _, q := range queries.All() {
		t.Run(q.Name, func(t *testing.T) {
			b, err := q.Bind(params[q.Name])
			if err != nil {
				t.Fatal(err)
			}
			s := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: st.Database(), AccessMode: driver.AccessModeRead})
			defer s.Close(ctx)
			res, err := s.Run(ctx, "PROFILE "+q.Cypher, b)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Profile() == nil {
				t.Fatal("no profile")
			}
			var ops []string
			operators(sum.Profile(), &ops)
			plan := strings.Join(ops, "\n  ")
			if why, ok := listAll[q.Name]; ok {
				t.Logf("%s (%s):\n  %s", q.Name, why, plan)
				return
			}
			lookup := false
			for _, op := range ops {
				name, _, _ := strings.Cut(op, " ")
				for _, sc := range scans {
					if name == sc {
						t.Errorf("%s scans: %s", q.Name, op)
					}
				}
				if strings.Contains(op, "db.index.fulltext.queryNodes") || strings.HasPrefix(op, "NodeUniqueIndexSeek") || strings.HasPrefix(op, "NodeIndexSeek") {
					lookup = true
				}
			}
			if !lookup {
				t.Errorf("%s: no index lookup", q.Name)
			}
			if t.Failed() {
				t.Logf("plan:\n  %s", plan)
			}
		})
	}
}

// TestIntegrationGraphVariants: every graph variant of the canned queries
// runs on Neo4j and returns nodes, relationships or paths (what Browser
// draws) for the golden parameters.
func TestIntegrationGraphVariants(t *testing.T) {
	st := fixtureLoaded(t)
	ctx := context.Background()
	params := goldenParams(t)
	gs := queries.Graphs()
	if len(gs) != len(queries.All()) {
		t.Fatalf("got %d graph variants for %d queries", len(gs), len(queries.All()))
	}
	for _, g := range gs {
		t.Run(g.Name, func(t *testing.T) {
			q, _ := queries.Get(g.Name)
			b, err := q.Bind(params[g.Name])
			if err != nil {
				t.Fatal(err)
			}
			var graphValues int
			err = st.exec.ExecuteRead(ctx, func(tx Tx) error {
				rows, err := tx.Run(ctx, g.Cypher, b)
				if err != nil {
					return err
				}
				for _, r := range rows.Values {
					for _, v := range r {
						graphValues += countGraph(v)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if graphValues == 0 {
				t.Errorf("%s returned no node, relationship or path", g.Name)
			}
		})
	}
}

// countGraph counts the nodes, relationships and paths in a value.
func countGraph(v any) int {
	switch x := v.(type) {
	case driver.Node, driver.Relationship:
		return 1
	case driver.Path:
		return len(x.Nodes) + len(x.Relationships)
	case []any:
		n := 0
		for _, e := range x {
			n += countGraph(e)
		}
		return n
	}
	return 0
}

func goldenParams(t *testing.T) map[string]map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "queries", "testdata", "params.json"))
	if err != nil {
		t.Fatal(err)
	}
	var params map[string]map[string]string
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatal(err)
	}
	return params
}

// TestIntegrationNamesAsTyped: in Browser, parameters are what the analyst
// types (:param city => 'Hà Nội'), not folded keys: the canned queries
// find the same node from any spelling.
func TestIntegrationNamesAsTyped(t *testing.T) {
	st := fixtureLoaded(t)
	ctx := context.Background()
	q, _ := queries.Get("partners")
	want, err := st.Engine().Run(ctx, q, map[string]any{"city": "hanoi"})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Rows) == 0 {
		t.Fatal("no partners of hanoi in the fixture")
	}
	for _, typed := range []string{"Hà Nội", "ha noi", "HA NOI", "Hanoï", "Ha-Noi", "hanoi", " Hà  Nội "} {
		got, err := st.Engine().Run(ctx, q, map[string]any{"city": typed})
		if err != nil {
			t.Fatalf("%q: %v", typed, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("partners of %q: got %v, want %v", typed, got.Rows, want.Rows)
		}
	}
	for _, other := range []string{"Hà", "noi", "Hanoi People's Committee"} {
		got, err := st.Engine().Run(ctx, q, map[string]any{"city": other})
		if err != nil {
			t.Fatalf("%q: %v", other, err)
		}
		if len(got.Rows) > 0 {
			t.Errorf("partners of %q: got %v, want none (not the city's name)", other, got.Rows)
		}
	}
	// The fulltext index finds the city from part of a name, any spelling.
	for _, search := range []string{"ha noi", "Hà Nội", "hanoi", "noi"} {
		var ids []string
		err := st.exec.ExecuteRead(ctx, func(tx Tx) error {
			r, err := tx.Run(ctx, "CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node.id", map[string]any{"index": FulltextIndex, "q": search})
			for _, v := range r.Values {
				ids = append(ids, v[0].(string))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(ids, "city:hanoi") {
			t.Errorf("fulltext search %q: got %v, want city:hanoi among them", search, ids)
		}
	}
}

var fixtureCensus map[string]int64

// fixtureLoaded returns a store holding the fixture, loaded by the
// previous test that asked if the database still holds just that.
func fixtureLoaded(t *testing.T) *Store {
	t.Helper()
	cfg := integrationConfig(t)
	if fixtureCensus != nil {
		st, err := Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close(context.Background()) })
		if reflect.DeepEqual(census(t, st), fixtureCensus) {
			return st
		}
	}
	st := openIntegration(t, cfg)
	if _, err := st.Load(context.Background(), fixtureBatches(t), LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	fixtureCensus = census(t, st)
	return st
}
