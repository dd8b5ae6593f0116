package neo4j_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/neo4j"
)

// curationArticles are two articles written for this test, about one
// mayor spelt two ways, and the samples.
var curationArticles = map[string]string{
	"a.txt": " date 2024-02-10 Mayors meet\nLyon Mayor Claire Vidal met Kraków Mayor Tomasz Nowak in Lyon on Monday. Lyon and Kraków have been partner cities since 1995, Vidal said.\n",
	"b.txt": " date 2024-06-03 A visit\nMayor Claire Vidal-Morin of Lyon visited Kraków, where Nowak welcomed her.\n",
}

// TestIntegrationCuration: kg merge, alias, reject and reject --relation
// on Neo4j change the graph at once; bad input changes nothing; after a
// re-ingest (skipped, then --reextract) the decisions still hold, and the
// graph is the one the embedded store builds from the same sources and
// curation file; kg unmerge brings the merged entity back.
func TestIntegrationCuration(t *testing.T) {
	cfg := neo4j.IntegrationConfig(t)
	st := neo4j.OpenIntegration(t, cfg)
	ctx := context.Background()
	dir := copyDir(t, filepath.Join("..", "..", "seeds"))
	for name, text := range curationArticles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cur := filepath.Join(t.TempDir(), "curation.tsv")
	nk := func(args ...string) kgResult {
		t.Helper()
		return kg(t, append([]string{args[0], "--neo4j", "--curation", cur}, args[1:]...)...)
	}
	mustNK := func(args ...string) kgResult {
		t.Helper()
		r := nk(args...)
		if r.code != 0 {
			t.Fatalf("kg %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		return r
	}
	mustNK("ingest", dir)

	before := neo4j.Census(t, st)
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"merge", "Lyon", "France"}, "they are of different types"},
		{[]string{"merge", "Lyon", "Lyonn"}, `did you mean Lyon (city:lyon)`},
		{[]string{"alias", "Lyon", "Kraków"}, `already names Krakow (city:krakow)`},
		{[]string{"reject", "--relation", "HELD_IN", "Lyon", "Krakow"}, "no HELD_IN relation"},
		{[]string{"unmerge", "Lyon"}, "nothing is merged into Lyon"},
	} {
		r := nk(bad.args...)
		if r.code != 2 || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("kg %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(bad.args, " "), r.code, r.stderr, bad.want)
		}
	}
	if after := neo4j.Census(t, st); !reflect.DeepEqual(after, before) {
		t.Errorf("bad input changed the graph: %v, was %v", after, before)
	}
	if _, err := os.Stat(cur); !os.IsNotExist(err) {
		t.Errorf("bad input wrote %s (%v)", cur, err)
	}

	mustNK("merge", "claire vidal", "person:claire-vidal-morin")
	mustNK("alias", "Krakow", "Krak Town")
	mustNK("reject", "Poland")
	mustNK("reject", "--relation", "PARTNER_OF", "Krakow", "Lyon")
	x := st.Graph()
	check := func(when string) {
		t.Helper()
		es, err := x.EntitiesByID(ctx, []string{"person:claire-vidal", "person:claire-vidal-morin", "city:krakow", "country:poland"})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range es {
			ids = append(ids, e.ID)
			switch e.ID {
			case "person:claire-vidal":
				if !slices.Contains(e.Aliases, "Claire Vidal-Morin") {
					t.Errorf("%s: merged person aliases %v, want Claire Vidal-Morin", when, e.Aliases)
				}
			case "city:krakow":
				if !slices.Contains(e.Aliases, "Krak Town") {
					t.Errorf("%s: krakow aliases %v, want Krak Town", when, e.Aliases)
				}
			}
		}
		if want := []string{"city:krakow", "person:claire-vidal"}; !slices.Equal(ids, want) {
			t.Errorf("%s: entities %v, want %v", when, ids, want)
		}
		links, err := x.Links(ctx, []string{"city:krakow"})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links {
			if l.Type == "PARTNER_OF" || l.Other("city:krakow") == "country:poland" {
				t.Errorf("%s: rejected relation stored: %+v", when, l)
			}
		}
		r := mustKG(t, "show", "--neo4j", "krak town")
		if !strings.Contains(r.stdout, "Krakow — City (city:krakow)") {
			t.Errorf("%s: kg show 'krak town':\n%s", when, r.stdout)
		}
	}
	check("curated")
	if r := mustNK("ingest", dir); !strings.Contains(r.stderr, "(7 unchanged, 0 failed)") {
		t.Errorf("re-ingest: %s", r.stderr)
	}
	check("re-ingested")
	mustNK("ingest", "--reextract", dir)
	check("re-extracted")

	emb := embeddedIngest(t, "--curation", cur, dir)
	var want graph.Explorer = emb.Graph()
	same := func(what string, f func(graph.Explorer) (any, error)) {
		t.Helper()
		w, err := f(want)
		if err != nil {
			t.Fatal(err)
		}
		g, err := f(x)
		if err != nil {
			t.Fatal(err)
		}
		wj, _ := json.Marshal(w)
		gj, _ := json.Marshal(g)
		if string(wj) != string(gj) {
			t.Errorf("%s:\nneo4j    %s\nembedded %s", what, gj, wj)
		}
	}
	ents, err := want.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(ents))
	for i, e := range ents {
		ids[i] = e.ID
	}
	same("Entities", func(x graph.Explorer) (any, error) { return x.Entities(ctx) })
	same("Links", func(x graph.Explorer) (any, error) { return x.Links(ctx, ids) })
	same("MentionCounts", func(x graph.Explorer) (any, error) { return x.MentionCounts(ctx, ids) })

	mustNK("unmerge", "Claire Vidal")
	es, err := x.EntitiesByID(ctx, []string{"person:claire-vidal-morin"})
	if err != nil || len(es) != 1 {
		t.Errorf("after unmerge: %v, %v; want person:claire-vidal-morin back", es, err)
	}
	if r := mustKG(t, "curation", "--curation", cur, "--format", "csv"); strings.Contains(r.stdout, "merge") || !strings.Contains(r.stdout, "Krak Town") {
		t.Errorf("kg curation after unmerge:\n%s", r.stdout)
	}
}
