package neo4j

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test -update to create it): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s: got\n%s\nwant\n%s\n(run go test -update after checking the change)", path, firstDiff(string(got), string(want)), "")
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d: %q, want %q", i+1, gl, wl)
		}
	}
	return ""
}

func TestStatementsGolden(t *testing.T) {
	sts, err := Statements()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range sts {
		fmt.Fprintf(&b, "== %s %v\n%s\n\n", s.Name, s.Params, s.Cypher)
	}
	golden(t, "statements.golden", []byte(b.String()))
}

func TestSchemaCoversEveryLabel(t *testing.T) {
	sch, err := SchemaStatements()
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, s := range sch {
		text += s.Cypher + "\n"
	}
	for _, l := range graph.Labels {
		prop := "id"
		if l == "Quantity" {
			prop = "key"
		}
		want := fmt.Sprintf("FOR (n:%s) REQUIRE n.%s IS UNIQUE", l, prop)
		if !strings.Contains(text, want) {
			t.Errorf("schema: got no %q", want)
		}
	}
	for _, l := range entityLabels() {
		for _, p := range []string{"name", "key", "keys"} {
			want := fmt.Sprintf("FOR (n:%s) ON (n.%s)", l, p)
			if !strings.Contains(text, want) {
				t.Errorf("schema: got no %q", want)
			}
		}
	}
}

func TestClosedSets(t *testing.T) {
	tests := []struct {
		name    string
		check   func(string) (string, error)
		in      string
		wantErr bool
	}{
		{"label City", label, "City", false},
		{"label Article", label, "Article", false},
		{"label outside set", label, "Town", true},
		{"label injection", label, "City) DETACH DELETE (n", true},
		{"type PARTNER_OF", relType, "PARTNER_OF", false},
		{"type outside set", relType, "LIKES", true},
		{"type injection", relType, "MET]->() DELETE r//", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.check(tt.in)
			if (err != nil) != tt.wantErr {
				t.Errorf("got error %v, want error %v", err, tt.wantErr)
			}
		})
	}
	set, err := loadStatements()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.get(stNodeLock + "/Town"); err == nil {
		t.Errorf("get(node-lock/Town): got no error, want one")
	}
}

// bigBatch is one article with n cities located in one country, n
// relationships and n quantities: n rows of each kind.
func bigBatch(n int) graph.Batch {
	b := graph.Batch{Article: graph.ArticleRow{ID: "a1", Hash: "h1"}}
	b.Nodes = append(b.Nodes, graph.NodeRow{ID: "country:vietnam", Label: "Country", Name: "Vietnam"})
	b.Nodes = append(b.Nodes, graph.NodeRow{ID: "event:e", Label: "Event", Name: "E"})
	for i := range n {
		id := fmt.Sprintf("city:c%05d", i)
		b.Nodes = append(b.Nodes, graph.NodeRow{ID: id, Label: "City", Name: id})
		b.Edges = append(b.Edges, graph.EdgeRow{Type: "LOCATED_IN", From: id, To: "country:vietnam", Key: "LOCATED_IN|" + id + "|country:vietnam"})
		b.Quantities = append(b.Quantities, graph.QuantityRow{Key: fmt.Sprintf("event:e|%d|x|", i), Subject: "event:e", Count: float64(i), Unit: "x"})
	}
	return b
}

func TestTransactionsPer10000Rows(t *testing.T) {
	ctx := context.Background()
	f := newFakeExec(t)
	l, err := NewLoader(f, 1000)
	if err != nil {
		t.Fatal(err)
	}
	st, err := l.Load(ctx, []graph.Batch{bigBatch(10000)}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// City: 10,000 rows → 10; Country and Event: 1 row each → 1 each.
	tests := []struct {
		kind string
		want int
	}{
		{stNodeLock, 12},
		{stEdgeMerge, 10},
		{stQuantityMerge, 10},
		{stArticleCommit, 1},
		{stUncommit, 0}, // a new article has nothing to retract
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			if got := f.writes(tt.kind); got != tt.want {
				t.Errorf("write transactions: got %d, want %d", got, tt.want)
			}
		})
	}
	if st.Transactions != 34 { // the claim, 12 + 10 + 10 + 1 above
		t.Errorf("Stats.Transactions: got %d, want 34", st.Transactions)
	}
	t.Logf("10,000 rows of each kind, batch 1,000: %d write transactions, %d transactions, %d statements (round trips)", st.Transactions, len(f.txs), f.calls())

	// 10,000 articles → 10 commit transactions and 10 claims (which read
	// the stored hashes).
	f = newFakeExec(t)
	l, _ = NewLoader(f, 1000)
	var bs []graph.Batch
	for i := range 10000 {
		bs = append(bs, graph.Batch{Article: graph.ArticleRow{ID: fmt.Sprintf("a%05d", i), Hash: "h"}})
	}
	if _, err := l.Load(ctx, bs, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := f.writes(stArticleCommit); got != 10 {
		t.Errorf("article commit transactions for 10,000 articles: got %d, want 10", got)
	}
	if got := f.writes(stArticleClaim); got != 10 {
		t.Errorf("claim transactions for 10,000 articles: got %d, want 10", got)
	}
}

func TestBatchSizeIsConfigurable(t *testing.T) {
	f := newFakeExec(t)
	l, _ := NewLoader(f, 250)
	if _, err := l.Load(context.Background(), []graph.Batch{bigBatch(1000)}, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := f.writes(stEdgeMerge); got != 4 {
		t.Errorf("edge transactions with batch 250 for 1,000 rows: got %d, want 4", got)
	}
	for _, tx := range f.txs {
		for _, c := range tx.Calls {
			if rows, ok := c.Params["rows"].([]map[string]any); ok && len(rows) > 250 {
				t.Errorf("%s: got %d rows in one statement, want at most 250", c.Name, len(rows))
			}
		}
	}
}

func fixture(t *testing.T) []extract.DocResult {
	t.Helper()
	b, err := os.ReadFile("../testdata/fixture.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.DocResult
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}

func fixtureBatches(t *testing.T) []graph.Batch {
	var out []graph.Batch
	for _, d := range fixture(t) {
		out = append(out, graph.Build(d))
	}
	return out
}

// TestLoadFixtureGolden records every statement and its parameters when
// the fixture is loaded into an empty store: the row → parameter building.
func TestLoadFixtureGolden(t *testing.T) {
	f := newFakeExec(t)
	l, _ := NewLoader(f, 1000)
	l.token = "token"
	if _, err := l.Load(context.Background(), fixtureBatches(t), LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, tx := range f.txs {
		mode := "read"
		if tx.Write {
			mode = "write"
		}
		fmt.Fprintf(&b, "== transaction %d (%s)\n", i+1, mode)
		for _, c := range tx.Calls {
			p, err := json.MarshalIndent(c.Params, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "-- %s\n%s\n", c.Name, p)
		}
	}
	golden(t, "load_fixture.golden", []byte(b.String()))
}

func TestLoadSkipsUnchangedAndReplacesChanged(t *testing.T) {
	ctx := context.Background()
	f := newFakeExec(t)
	l, _ := NewLoader(f, 1000)
	bs := fixtureBatches(t)
	if _, err := l.Load(ctx, bs, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	f.txs = nil
	st, err := l.Load(ctx, bs, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Claiming the articles and giving the claims back, nothing else.
	if st.Unchanged != len(bs) || st.Transactions != 2 || f.writes(stArticleClaim) != 1 || f.writes(stArticleRelease) != 1 {
		t.Errorf("second load: got %d unchanged, %d transactions; want %d, 2 (claim, release)", st.Unchanged, st.Transactions, len(bs))
	}

	bs[1].Article.Hash = "changed"
	f.txs = nil
	st, err = l.Load(ctx, bs, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != len(bs)-1 || st.Replaced != 1 {
		t.Errorf("changed article: got %d unchanged, %d replaced; want %d, 1", st.Unchanged, st.Replaced, len(bs)-1)
	}
	if got := f.writes(stUncommit); got != 1 {
		t.Errorf("retraction transactions: got %d, want 1", got)
	}
	// The retraction transaction un-commits first and deletes the mentions.
	for _, tx := range f.txs {
		if len(tx.Calls) > 0 && tx.Calls[0].Name == stUncommit {
			var names []string
			for _, c := range tx.Calls {
				names = append(names, c.Name)
			}
			// Then the Source records are taken out of their facts and
			// deleted, the mentions deleted, and per label the nodes'
			// summaries are read and written.
			want := []string{stUncommit, stRetractFacts, stRetractSources}
			joined := strings.Join(names, ",")
			if len(names) < len(want) || strings.Join(names[:len(want)], ",") != strings.Join(want, ",") ||
				!strings.Contains(joined, ","+stSourceDelete+","+stDeleteMentions+","+stNodeLock+"/") {
				t.Errorf("retraction statements: got %v, want %v, …, %s, %s, %s/…", names, want, stSourceDelete, stDeleteMentions, stNodeLock)
			}
			if ids := tx.Calls[0].Params["ids"].([]string); len(ids) != 1 || ids[0] != bs[1].Article.ID {
				t.Errorf("retracted articles: got %v, want [%s]", ids, bs[1].Article.ID)
			}
		}
	}

	f.txs = nil
	st, err = l.Load(ctx, bs, LoadOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 0 || st.Replaced != len(bs) {
		t.Errorf("forced load: got %d unchanged, %d replaced; want 0, %d", st.Unchanged, st.Replaced, len(bs))
	}
}

// TestRetractRecomputes checks what the retraction writes back for a
// relationship stated by two articles and a quantity stated by one: the
// retracted article's Source records are taken out of the merges.
func TestRetractRecomputes(t *testing.T) {
	f := newFakeExec(t)
	const ek, qk = "PARTNER_OF|city:hanoi|city:toulouse", "event:e|50|localities|"
	var rel factState
	for _, p := range []map[string]any{{"kind": "twin"}, {"kind": "partnership", "since": int64(2006)}} {
		rel.rel.Add(p)
	}
	rel.evidence = 2
	edge, err := edgeProps(ek, &rel)
	if err != nil {
		t.Fatal(err)
	}
	var qty factState
	qty.qty.Add("localities", false)
	qty.evidence = 1
	quantity, err := quantityProps(qk, int64(50), &qty)
	if err != nil {
		t.Fatal(err)
	}
	f.props[ek], f.props[qk] = edge, quantity
	for _, s := range []map[string]any{
		sourceProps(ek, "PARTNER_OF", source{Article: "a1", Props: `{"kind":"twin"}`, Evidence: []extract.Span{{Doc: "a1", Start: 1, End: 3, Text: "S1"}}}),
		sourceProps(ek, "PARTNER_OF", source{Article: "a2", Props: `{"kind":"partnership","since":2006}`, Evidence: []extract.Span{{Doc: "a2", Start: 5, End: 9, Text: "S2"}}}),
		sourceProps(qk, quantityKind, source{Article: "a1", Unit: "localities", Evidence: []extract.Span{{Doc: "a1", Start: 0, End: 1, Text: "Q"}}}),
	} {
		f.sources[s["of"].(string)+"\x00"+s["article"].(string)] = s
	}
	// Hanoi is mentioned by a1 and a2, Lyon by a1 only.
	rec := func(id, article, name string, aliases []string, props string) map[string]any {
		return map[string]any{"id": id, "article": article, "mention": map[string]any{"name": name, "aliases": aliases, "props": props, "count": int64(1)}}
	}
	f.records["city:hanoi"] = []map[string]any{rec("city:hanoi", "a1", "Ha Noi", nil, `{}`), rec("city:hanoi", "a2", "Hanoi", []string{"Hà Nội"}, `{"country":"VN"}`)}
	f.records["city:lyon"] = []map[string]any{rec("city:lyon", "a1", "Lyon", nil, `{}`)}
	f.labels["city:hanoi"], f.labels["city:lyon"] = "City", "City"
	var hanoi, lyon merge.Entity
	hanoi.Add(merge.EntityFact{Name: "Ha Noi", Mentions: 1})
	hanoi.Add(merge.EntityFact{Name: "Hanoi", Aliases: []string{"Hà Nội"}, Props: map[string]any{"country": "VN"}, Mentions: 1})
	lyon.Add(merge.EntityFact{Name: "Lyon", Mentions: 1})
	for id, sum := range map[string]*merge.Entity{"city:hanoi": &hanoi, "city:lyon": &lyon} {
		p, err := nodeProps(sum.Row(id, "City"), sum)
		if err != nil {
			t.Fatal(err)
		}
		f.nodes[id] = p
	}
	l, _ := NewLoader(f, 1000)
	if err := l.retract(context.Background(), []string{"a1"}); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]any{}
	for _, c := range f.txs[0].Calls {
		got[c.Name] = c.Params
	}
	set := got[stSetRel]["rows"].([]map[string]any)
	props := set[0]["props"].(map[string]any)
	if props[pSrcCount] != int64(1) || props[pEvCount] != int64(1) || props["kind"] != "partnership" || props["since"] != int64(2006) {
		t.Errorf("relationship after retracting a1: got %v, want 1 article, 1 sentence, kind partnership, since 2006", props)
	}
	if del := got[stDelNodeByID]["eids"]; fmt.Sprint(del) != "[rel:"+qk+"]" {
		t.Errorf("quantities deleted: got %v, want [%s]", del, qk)
	}
	if len(f.sources) != 1 || f.sources[ek+"\x00a2"] == nil {
		t.Errorf("Source records left: got %v, want a2's of the relationship", sortedKeys(f.sources))
	}
	if del := got[stNodeDelete]["eids"]; fmt.Sprint(del) != "[node:city:lyon]" {
		t.Errorf("nodes deleted: got %v, want [city:lyon]", del)
	}
	nodes := got[stSetNode]["rows"].([]map[string]any)
	if len(nodes) != 1 || nodes[0]["eid"] != "node:city:hanoi" {
		t.Fatalf("nodes recomputed: got %v, want city:hanoi", nodes)
	}
	if p := nodes[0]["props"].(map[string]any); p["name"] != "Hanoi" || fmt.Sprint(p["aliases"]) != "[Hà Nội]" || p["country"] != "VN" {
		t.Errorf("Hanoi after retracting a1: got %v, want name Hanoi, aliases [Hà Nội], country VN (a2's record alone)", p)
	}
}

func TestCounts(t *testing.T) {
	f := newFakeExec(t)
	l, _ := NewLoader(f, 1000)
	c, err := l.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The fake answers each count with the length of the statement name.
	if got, want := c.Nodes["City"], int64(len(stCountNodes+"/City")); got != want {
		t.Errorf("City nodes: got %d, want %d", got, want)
	}
	if got, want := c.Rels["PARTNER_OF"], int64(len(stCountRels+"/PARTNER_OF")); got != want {
		t.Errorf("PARTNER_OF relationships: got %d, want %d", got, want)
	}
	if len(f.txs) != 1 || f.txs[0].Write {
		t.Errorf("transactions: got %d (write %t), want 1 read", len(f.txs), len(f.txs) > 0 && f.txs[0].Write)
	}
}

// connErr stands for the driver's connectivity error, which the driver
// recognises by its type to retry a transaction.
type connErr struct{}

func (*connErr) Error() string { return "connection lost" }

// TestDriverErrorsReachTheDriverUnwrapped: the driver retries a
// transaction only if the unit of work returns its error as is.
func TestDriverErrorsReachTheDriverUnwrapped(t *testing.T) {
	for _, stmt := range []string{stNodeRecordsNew, stNodeLock + "/City", stSourceNew, stEdgeMerge + "/LOCATED_IN", stQuantitySet, stArticleCommit} {
		t.Run(stmt, func(t *testing.T) {
			f := newFakeExec(t)
			want := &connErr{}
			f.failOn, f.failErr = stmt, want
			l, _ := NewLoader(f, 1000)
			_, err := l.Load(context.Background(), []graph.Batch{bigBatch(3)}, LoadOptions{})
			if !errors.Is(err, want) {
				t.Fatalf("Load: got %v, want an error wrapping the driver's", err)
			}
			// The unit of work that ran stmt, not a later one (the claims
			// are given back after a failure).
			for i, tx := range f.txs {
				if slices.ContainsFunc(tx.Calls, func(c fakeCall) bool { return c.Name == stmt }) {
					if got := f.workErr[i]; got != error(want) {
						t.Errorf("unit of work returned %T %v, want the driver's error itself", got, got)
					}
					return
				}
			}
			t.Errorf("no transaction ran %s", stmt)
		})
	}
}

func TestUnchanged(t *testing.T) {
	f := newFakeExec(t)
	f.hashes["a1"] = "h1"
	l, _ := NewLoader(f, 1000)
	tests := []struct {
		id, hash string
		want     bool
	}{
		{"a1", "h1", true},
		{"a1", "h2", false},
		{"a2", "h1", false},
		{"a1", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.hash, func(t *testing.T) {
			got, err := l.Unchanged(context.Background(), tt.id, tt.hash)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %t, want %t", got, tt.want)
			}
		})
	}
}

// TestLoadWaitsForClaimsOfAnotherLoader: an article another loader is
// writing is loaded after that loader gives its claim back, the others
// first; a claim older than ClaimLease is taken over at once.
func TestLoadWaitsForClaimsOfAnotherLoader(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name   string
		held   fakeClaim
		claims int // claim statements the load runs
	}{
		{"given back after two claims", fakeClaim{token: "other", at: now.UnixMilli(), untilClaims: 2}, 3},
		{"abandoned", fakeClaim{token: "other", at: now.Add(-ClaimLease - time.Second).UnixMilli()}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeExec(t)
			bs := fixtureBatches(t)
			f.claims[bs[1].Article.ID] = tt.held
			l, _ := NewLoader(f, 1000)
			st, err := l.Load(context.Background(), bs, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if f.claimed != tt.claims || f.writes(stArticleCommit) != min(tt.claims, 2) {
				t.Errorf("got %d claim statements, %d commits; want %d, %d", f.claimed, f.writes(stArticleCommit), tt.claims, min(tt.claims, 2))
			}
			for _, b := range bs {
				if f.hashes[b.Article.ID] != b.Article.Hash {
					t.Errorf("article %s: stored hash %q, want %q", b.Article.ID, f.hashes[b.Article.ID], b.Article.Hash)
				}
			}
			if len(f.claims) != 0 || st.Articles != len(bs) {
				t.Errorf("claims left %v; stats %+v", f.claims, st)
			}
		})
	}
}

// TestLoadGivesClaimsBackOnFailure: a load that fails releases what it
// claimed, so another loader need not wait for the lease to run out.
func TestLoadGivesClaimsBackOnFailure(t *testing.T) {
	f := newFakeExec(t)
	f.failOn, f.failErr = stEdgeMerge+"/LOCATED_IN", &connErr{}
	l, _ := NewLoader(f, 1000)
	if _, err := l.Load(context.Background(), []graph.Batch{bigBatch(3)}, LoadOptions{}); err == nil {
		t.Fatal("Load: no error")
	}
	if len(f.claims) != 0 || f.writes(stArticleRelease) != 1 {
		t.Errorf("claims left %v after %d releases", f.claims, f.writes(stArticleRelease))
	}
}

// TestLoaderRenewsItsClaims: a transaction run renewEvery after the
// claims were taken or last renewed renews them first.
func TestLoaderRenewsItsClaims(t *testing.T) {
	f := newFakeExec(t)
	l, _ := NewLoader(f, 1000)
	err := l.claimed(context.Background(), []string{"a2", "a1"}, func(map[string]claim) error {
		for _, ago := range []time.Duration{0, renewEvery + time.Second} {
			l.renewed = time.Now().Add(-ago)
			if err := l.write(context.Background(), func(Tx) error { return nil }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.writes(stArticleRenew); got != 1 {
		t.Fatalf("renewals: got %d, want 1", got)
	}
	for _, tx := range f.txs {
		for _, c := range tx.Calls {
			if c.Name == stArticleRenew && !slices.Equal(c.Params["ids"].([]string), []string{"a1", "a2"}) {
				t.Errorf("renewed %v, want [a1 a2]", c.Params["ids"])
			}
		}
	}
}

// TestLoadRefusesTheEarlierLayout: a database whose relationships keep
// every article's evidence as lists (kg before Source nodes) is refused,
// saying what to do, before anything is written; a current one is
// checked once per loader.
func TestLoadRefusesTheEarlierLayout(t *testing.T) {
	ctx := context.Background()
	f := newFakeExec(t)
	f.extra = func(name string, _ map[string]any) (Rows, bool) {
		if name == stLegacyRels+"/LOCATED_IN" {
			return Rows{Keys: []string{"eid"}, Values: [][]any{{"r1"}}}, true
		}
		return Rows{}, false
	}
	l, _ := NewLoader(f, 1000)
	_, err := l.Load(ctx, fixtureBatches(t), LoadOptions{})
	if !errors.Is(err, ErrLegacyGraph) || !strings.Contains(err.Error(), "empty the database") {
		t.Fatalf("load on the earlier layout: got %v, want ErrLegacyGraph saying what to do", err)
	}
	if err := l.Delete(ctx, []string{"a1"}); !errors.Is(err, ErrLegacyGraph) {
		t.Errorf("delete on the earlier layout: got %v, want ErrLegacyGraph", err)
	}
	for _, tx := range f.txs {
		if tx.Write {
			t.Fatalf("a write transaction on the earlier layout: %v", tx.Calls)
		}
	}

	f = newFakeExec(t)
	l, _ = NewLoader(f, 1000)
	for range 2 {
		if _, err := l.Load(ctx, fixtureBatches(t), LoadOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	checks := 0
	for _, tx := range f.txs {
		if !tx.Write && len(tx.Calls) > 0 && tx.Calls[0].Name == stLegacyQuants {
			checks++
		}
	}
	if checks != 1 {
		t.Errorf("layout checks in two loads: got %d, want 1", checks)
	}
}

// TestPreviewFollowsTheSources loads, replaces and removes the articles
// of a few relationships in random orders and checks after each step
// that every relationship's preview (first_sentences, first_articles) is
// the first three sentences of its Sources by article, whatever the order
// the articles came in: a function of the stored articles only.
func TestPreviewFollowsTheSources(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(14, 3))
	const articles = 9
	// batch returns article i's batch in version v: it states a
	// partnership of Hanoi with Lyon and (some versions) with Nantes, in
	// 0 to 3 sentences each.
	batch := func(i, v int) graph.Batch {
		id := fmt.Sprintf("a%d", i)
		b := graph.Batch{Article: graph.ArticleRow{ID: id, Hash: fmt.Sprintf("h%d.%d", i, v)}}
		for _, c := range []string{"hanoi", "lyon", "nantes"} {
			b.Nodes = append(b.Nodes, graph.NodeRow{ID: "city:" + c, Label: "City", Name: c})
		}
		for j, to := range []string{"lyon", "nantes"} {
			if j == 1 && (i+v)%3 == 0 {
				continue
			}
			e := graph.EdgeRow{Type: "PARTNER_OF", From: "city:hanoi", To: "city:" + to, Key: "PARTNER_OF|city:hanoi|city:" + to, Props: map[string]any{}}
			for k := range (i*7 + v*5 + j) % 4 {
				e.Evidence = append(e.Evidence, extract.Span{Start: 10 * k, End: 10*k + 5, Text: fmt.Sprintf("%s v%d s%d to %s", id, v, k, to)})
			}
			b.Edges = append(b.Edges, e)
		}
		return b
	}
	for round := range 20 {
		f := newFakeExec(t)
		l, _ := NewLoader(f, 1+rng.IntN(4))
		stored := map[int]bool{}
		for step := range 12 {
			var bs []graph.Batch
			var gone []string
			for _, i := range rng.Perm(articles)[:1+rng.IntN(4)] {
				if stored[i] && rng.IntN(3) == 0 {
					gone = append(gone, fmt.Sprintf("a%d", i))
					delete(stored, i)
					continue
				}
				bs = append(bs, batch(i, rng.IntN(3)))
				stored[i] = true
			}
			if _, err := l.Load(ctx, bs, LoadOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := l.Delete(ctx, gone); err != nil {
				t.Fatal(err)
			}
			for key, p := range f.props {
				var arts, sents []string
				for _, sk := range sortedKeys(f.sources) {
					if s := f.sources[sk]; s["of"] == key {
						for _, x := range s["sentences"].([]string) {
							arts, sents = append(arts, s["article"].(string)), append(sents, x)
						}
					}
				}
				want := fmt.Sprint(arts[:min(len(arts), 3)], sents[:min(len(sents), 3)])
				if got := fmt.Sprint(p[pFirstArticles], p[pFirstSentences]); got != want {
					t.Fatalf("round %d, step %d, %s: preview %s, want %s (ev_count %v)", round, step, key, got, want, p[pEvCount])
				}
				if int64(len(sents)) != p[pEvCount] {
					t.Fatalf("round %d, step %d, %s: ev_count %v, want %d", round, step, key, p[pEvCount], len(sents))
				}
			}
		}
	}
}
