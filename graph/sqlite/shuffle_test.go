package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/export"
	"github.com/kg-dev/kg/graph/merge/mergetest"
)

// shuffleCorpus is the samples and, where the shared dev set is checked
// out beside the repository, its articles.
func shuffleCorpus(t *testing.T) []extract.DocResult {
	dirs := []string{filepath.Join("..", "..", "seeds")}
	dev := filepath.Join("..", "..", "..", "shared", "eval", "dev", "articles")
	if _, err := os.Stat(dev); err == nil {
		dirs = append(dirs, dev)
	} else {
		t.Logf("no dev articles at %s: shuffling the samples only", dev)
	}
	return mergetest.Corpus(t, dirs...)
}

// exportAll writes the store in every export format and returns the files
// by name.
func exportAll(t *testing.T, s *Store) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	src := export.Neo4jLayout(s)
	dir := t.TempDir()
	sum, err := export.WriteNeo4jAdmin(ctx, src, dir, []string{"CREATE CONSTRAINT x IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range sum.Files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		files["neo4j-admin/"+f] = b
	}
	var cy, gml bytes.Buffer
	if _, err := export.WriteCypher(ctx, src, &cy, []string{"CREATE CONSTRAINT x IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE"}, 50); err != nil {
		t.Fatal(err)
	}
	if _, err := export.WriteGraphML(ctx, export.FromStore(s), &gml); err != nil {
		t.Fatal(err)
	}
	files["graph.cypher"], files["graph.graphml"] = cy.Bytes(), gml.Bytes()
	return files
}

// TestShuffle is issue 17's property: the samples and the dev articles,
// written in many orders, in several transactions (with checkpoints),
// with changed versions later replaced, articles removed and put again
// and extra articles removed, give the same graph every time, and every
// export format writes it byte for byte the same.
func TestShuffle(t *testing.T) {
	docs := shuffleCorpus(t)
	ref, _ := openTemp(t)
	ingest(t, ref, docs...)
	want := exportAll(t, ref)
	wantCounts := counts(t, ref)
	wantSnap := snap(t, ref)
	compareGraph(t, wantSnap, expected(docs))

	runs := 12
	if testing.Short() {
		runs = 3
	}
	for run := range runs {
		steps := mergetest.Scenario(docs, rand.New(rand.NewPCG(17, uint64(run))))
		s, _ := openTemp(t)
		for _, step := range steps {
			tx, err := s.Begin(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for i, op := range step {
				if op.Put != nil {
					err = tx.Put(graph.Build(*op.Put))
				} else {
					err = tx.Remove(op.Remove)
				}
				if err == nil && i == len(step)/2 && len(step) > 3 {
					err = tx.Checkpoint()
				}
				if err != nil {
					tx.Rollback()
					t.Fatal(err)
				}
			}
			if _, err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		if got := counts(t, s); !reflect.DeepEqual(got, wantCounts) {
			t.Errorf("run %d (%d transactions): counts %v, want %v", run, len(steps), got, wantCounts)
		}
		checkDerived(t, s, fmt.Sprintf("run %d", run))
		got := exportAll(t, s)
		for name, w := range want {
			if !bytes.Equal(got[name], w) {
				compareGraph(t, snap(t, s), wantSnap)
				t.Fatalf("run %d (%d transactions): %s differs from the export of the articles written in id order", run, len(steps), name)
			}
		}
		if len(got) != len(want) {
			t.Errorf("run %d: %d files, want %d", run, len(got), len(want))
		}
		s.Close()
	}
}
