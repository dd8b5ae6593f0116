package neo4j

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge/mergetest"
	"github.com/kg-dev/kg/internal/livetest"
)

// dump returns the whole graph as sorted JSON lines: every node with its
// labels and properties, every relationship with its type, its endpoints'
// ids (keys for quantities) and its properties. Nothing in it depends on
// Neo4j's internal ids.
func dump(t *testing.T, st *Store) string {
	t.Helper()
	var lines []string
	for _, q := range []string{
		"MATCH (n) RETURN [labels(n), properties(n)] AS x",
		"MATCH (a)-[r]->(b) RETURN [type(r), coalesce(a.id, a.key), coalesce(b.id, b.key), properties(r)] AS x",
	} {
		err := st.exec.ExecuteRead(context.Background(), func(tx Tx) error {
			rows, err := tx.Run(context.Background(), q, nil)
			if err != nil {
				return err
			}
			for _, v := range rows.Values {
				b, err := json.Marshal(v[0])
				if err != nil {
					return err
				}
				lines = append(lines, string(b))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestIntegrationShuffle is issue 17's property on Neo4j: the samples and
// the dev articles loaded in several orders and loads, with changed
// versions later replaced, articles removed and loaded again and extra
// articles removed, leave the same graph as one load in id order.
func TestIntegrationShuffle(t *testing.T) {
	cfg := integrationConfig(t)
	dev := filepath.Join("..", "..", "..", "shared", "eval", "dev", "articles")
	if _, err := os.Stat(dev); err != nil {
		livetest.Skip(t, "no dev articles: "+err.Error())
	}
	docs := mergetest.Corpus(t, filepath.Join("..", "..", "seeds"), dev)
	st := openIntegration(t, cfg)
	ctx := context.Background()
	l, err := NewLoader(st.exec, 200)
	if err != nil {
		t.Fatal(err)
	}
	var all []graph.Batch
	for _, d := range docs {
		all = append(all, graph.Build(d))
	}
	if _, err := l.Load(ctx, all, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	want := dump(t, st)

	runs := 4
	if testing.Short() {
		runs = 1
	}
	for run := range runs {
		wipe(t, st)
		steps := mergetest.Scenario(docs, rand.New(rand.NewPCG(14, uint64(run))))
		for _, step := range steps {
			var puts []graph.Batch
			flush := func() {
				if len(puts) > 0 {
					if _, err := l.Load(ctx, puts, LoadOptions{}); err != nil {
						t.Fatal(err)
					}
					puts = nil
				}
			}
			for _, op := range step {
				if op.Put != nil {
					puts = append(puts, graph.Build(*op.Put))
					continue
				}
				flush()
				if err := l.Delete(ctx, []string{op.Remove}); err != nil {
					t.Fatal(err)
				}
			}
			flush()
		}
		if got := dump(t, st); got != want {
			g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
			for _, line := range g {
				if !slices.Contains(w, line) {
					t.Errorf("run %d: extra %s", run, line)
				}
			}
			for _, line := range w {
				if !slices.Contains(g, line) {
					t.Errorf("run %d: missing %s", run, line)
				}
			}
			t.Fatalf("run %d (%d loads): the graph differs from one load in id order", run, len(steps))
		}
	}
}
