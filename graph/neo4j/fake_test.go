package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// fakeExec is an Executor that records every transaction and answers
// statements with handler. It keeps just enough state to answer the
// loader's reads: the node records written (for node-read) and the
// properties set on relationships and quantities (for *-merge).
type fakeExec struct {
	t       *testing.T
	names   map[string]string // Cypher text → statement name
	txs     []fakeTx
	hashes  map[string]string                                // article id → stored hash
	records map[string][]map[string]any                      // node id → node-records rows
	props   map[string]map[string]any                        // relationship or quantity key → props
	sources map[string]map[string]any                        // of + "\x00" + article → Source props
	nodes   map[string]map[string]any                        // node id → props (node-set)
	labels  map[string]string                                // node id → label
	extra   func(name string, p map[string]any) (Rows, bool) // optional override
	claims  map[string]fakeClaim                             // article id → claim
	claimed int                                              // claim statements run
	failOn  string                                           // statement name that fails with failErr
	failErr error
	workErr []error // what each unit of work returned to the executor
}

// fakeClaim is an article's claim; another loader's is given back after
// the fake has answered untilClaims claim statements (0: never).
type fakeClaim struct {
	token       string
	at          int64
	untilClaims int
}

type fakeTx struct {
	Write bool
	Calls []fakeCall
}

type fakeCall struct {
	Name   string
	Params map[string]any
}

func newFakeExec(t *testing.T) *fakeExec {
	t.Helper()
	sts, err := Statements()
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeExec{t: t, names: map[string]string{}, hashes: map[string]string{}, records: map[string][]map[string]any{}, props: map[string]map[string]any{},
		sources: map[string]map[string]any{}, nodes: map[string]map[string]any{}, labels: map[string]string{}, claims: map[string]fakeClaim{}}
	for _, s := range sts {
		f.names[s.Cypher] = s.Name
	}
	return f
}

func (f *fakeExec) ExecuteWrite(ctx context.Context, work func(Tx) error) error {
	return f.execute(ctx, true, work)
}

func (f *fakeExec) ExecuteRead(ctx context.Context, work func(Tx) error) error {
	return f.execute(ctx, false, work)
}

func (f *fakeExec) execute(_ context.Context, write bool, work func(Tx) error) error {
	f.txs = append(f.txs, fakeTx{Write: write})
	err := work(fakeTxRunner{f: f, tx: &f.txs[len(f.txs)-1]})
	f.workErr = append(f.workErr, err)
	return err
}

type fakeTxRunner struct {
	f  *fakeExec
	tx *fakeTx
}

func (r fakeTxRunner) Run(_ context.Context, cypher string, params map[string]any) (Rows, error) {
	f := r.f
	name, ok := f.names[cypher]
	if !ok {
		return Rows{}, fmt.Errorf("fake: unknown statement %q", cypher)
	}
	r.tx.Calls = append(r.tx.Calls, fakeCall{Name: name, Params: params})
	if name == f.failOn {
		return Rows{}, f.failErr
	}
	if f.extra != nil {
		if rows, ok := f.extra(name, params); ok {
			return rows, nil
		}
	}
	base, suffix, _ := cut(name)
	factRow := func(id string, rec map[string]any) []any {
		m := rec["mention"].(map[string]any)
		return []any{id, rec["article"], m["name"], toAny(m["aliases"]), m["props"], m["count"], []any{f.labels[id]}}
	}
	factKeys := []string{"id", "article", "name", "aliases", "props", "count", "labels"}
	switch base {
	case stCountNodes, stCountRels:
		return Rows{Keys: []string{"n"}, Values: [][]any{{int64(len(name))}}}, nil
	case stArticleHashes:
		out := Rows{Keys: []string{"id", "hash"}}
		for _, id := range params["ids"].([]string) {
			if h, ok := f.hashes[id]; ok {
				out.Values = append(out.Values, []any{id, h})
			}
		}
		return out, nil
	case stArticleClaim:
		out := Rows{Keys: []string{"id", "hash", "fresh"}}
		f.claimed++
		token := params["token"].(string)
		for _, id := range params["ids"].([]string) {
			now := time.Now().UnixMilli() // the server's timestamp()
			if c, held := f.claims[id]; held && c.token != token && c.at >= now-params["lease"].(int64) {
				if c.untilClaims == 0 || f.claimed <= c.untilClaims {
					continue
				}
			}
			f.claims[id] = fakeClaim{token: token, at: now}
			h, ok := f.hashes[id]
			for _, recs := range f.records {
				ok = ok || slices.ContainsFunc(recs, func(r map[string]any) bool { return r["article"] == id })
			}
			if ok {
				out.Values = append(out.Values, []any{id, h, false})
			} else {
				out.Values = append(out.Values, []any{id, nil, true})
			}
		}
		return out, nil
	case stArticleRelease:
		for _, id := range params["ids"].([]string) {
			if f.claims[id].token == params["token"] {
				delete(f.claims, id)
			}
		}
	case stArticleCommit:
		for _, row := range params["rows"].([]map[string]any) {
			f.hashes[row["id"].(string)] = row["hash"].(string)
			delete(f.claims, row["id"].(string))
		}
	case stNodeLock:
		out := Rows{Keys: []string{"id", "eid", "summary", "name"}}
		for _, id := range params["ids"].([]string) {
			p := f.nodes[id]
			f.labels[id] = suffix
			out.Values = append(out.Values, []any{id, "node:" + id, p[pSummary], p["name"]})
		}
		return out, nil
	case stNodePrior:
		out := Rows{Keys: factKeys}
		for _, row := range params["rows"].([]map[string]any) {
			id := row["id"].(string)
			for _, rec := range f.records[id] {
				if rec["article"] == row["article"] {
					out.Values = append(out.Values, factRow(id, rec))
				}
			}
		}
		return out, nil
	case stRetractFacts:
		out := Rows{Keys: factKeys}
		for _, id := range sortedKeys(f.records) {
			for _, rec := range f.records[id] {
				if slices.Contains(params["ids"].([]string), rec["article"].(string)) {
					out.Values = append(out.Values, factRow(id, rec))
				}
			}
		}
		return out, nil
	case stDeleteMentions:
		for id := range f.records {
			f.records[id] = slices.DeleteFunc(f.records[id], func(o map[string]any) bool {
				return slices.Contains(params["ids"].([]string), o["article"].(string))
			})
		}
	case stSetNode:
		for _, row := range params["rows"].([]map[string]any) {
			eid := row["eid"].(string)
			if id, ok := strings.CutPrefix(eid, "node:"); ok {
				f.nodes[id] = row["props"].(map[string]any)
			} else {
				f.props[strings.TrimPrefix(eid, "rel:")] = row["props"].(map[string]any)
			}
		}
	case stNodeDelete:
		for _, eid := range params["eids"].([]string) {
			delete(f.nodes, strings.TrimPrefix(eid, "node:"))
		}
	case stNodeRecords, stNodeRecordsNew:
		for _, row := range params["rows"].([]map[string]any) {
			id := row["id"].(string)
			n := len(f.records[id])
			f.records[id] = slices.DeleteFunc(f.records[id], func(o map[string]any) bool { return o["article"] == row["article"] })
			if base == stNodeRecordsNew && len(f.records[id]) != n {
				// CREATE would have made a second MENTIONS.
				return Rows{}, fmt.Errorf("fake: %s: article %s already has a record of %s", name, row["article"], id)
			}
			f.records[id] = append(f.records[id], row)
		}
	case stNodeRead:
		out := Rows{Keys: factKeys}
		for _, id := range params["ids"].([]string) {
			for _, rec := range f.records[id] {
				out.Values = append(out.Values, factRow(id, rec))
			}
		}
		return out, nil
	case stEdgeMerge, stQuantityMerge:
		out := Rows{Keys: []string{"key", "eid", "props"}}
		for _, row := range params["rows"].([]map[string]any) {
			k := row["key"].(string)
			p := f.props[k]
			if p == nil {
				p = map[string]any{"key": k}
			}
			out.Values = append(out.Values, []any{k, "rel:" + k, p})
		}
		return out, nil
	case stRelLock, stQuantityLock:
		out := Rows{Keys: []string{"key", "eid", "props"}}
		for _, k := range params["keys"].([]string) {
			if p := f.props[k]; p != nil {
				out.Values = append(out.Values, []any{k, "rel:" + k, p})
			}
		}
		return out, nil
	case stSourcePrior, stRetractSources:
		out := Rows{Keys: []string{"of", "kind", "article", "props", "unit", "approx", "evidence"}}
		row := func(s map[string]any) []any {
			return []any{s["of"], s["kind"], s["article"], s["props"], s["unit"], s["approx"], int64(len(s["sentences"].([]string)))}
		}
		if name == stSourcePrior {
			for _, r := range params["rows"].([]map[string]any) {
				if s := f.sources[r["of"].(string)+"\x00"+r["article"].(string)]; s != nil {
					out.Values = append(out.Values, row(s))
				}
			}
			return out, nil
		}
		for _, k := range sortedKeys(f.sources) {
			if s := f.sources[k]; slices.Contains(params["ids"].([]string), s["article"].(string)) {
				out.Values = append(out.Values, row(s))
			}
		}
		return out, nil
	case stSourceFirst:
		out := Rows{Keys: []string{"key", "articles", "sentences"}}
		for _, k := range params["keys"].([]string) {
			arts, sents := []any{}, []any{}
			for _, sk := range sortedKeys(f.sources) { // of + NUL + article: by article
				s := f.sources[sk]
				if s["of"] != k || slices.Contains(params["exclude"].([]string), s["article"].(string)) {
					continue
				}
				for _, x := range s["sentences"].([]string) {
					arts, sents = append(arts, s["article"]), append(sents, x)
				}
			}
			out.Values = append(out.Values, []any{k, arts[:min(len(arts), 3)], sents[:min(len(sents), 3)]})
		}
		return out, nil
	case stSourceSet, stSourceNew:
		for _, r := range params["rows"].([]map[string]any) {
			k := r["of"].(string) + "\x00" + r["article"].(string)
			if _, ok := f.sources[k]; ok && base == stSourceNew {
				// The constraint on (of, article) would refuse it.
				return Rows{}, fmt.Errorf("fake: %s: a Source of %s for %s exists", name, r["of"], r["article"])
			}
			f.sources[k] = r["props"].(map[string]any)
		}
	case stSourceDelete:
		for k, s := range f.sources {
			if slices.Contains(params["ids"].([]string), s["article"].(string)) {
				delete(f.sources, k)
			}
		}
	case stDelRelByID, stDelNodeByID:
		for _, eid := range params["eids"].([]string) {
			delete(f.props, strings.TrimPrefix(eid, "rel:"))
		}
	case stSetRel, stQuantitySet:
		for _, row := range params["rows"].([]map[string]any) {
			f.props[strings.TrimPrefix(row["eid"].(string), "rel:")] = row["props"].(map[string]any)
		}
	}
	return Rows{}, nil
}

// cut splits "edge-merge/MET/City/City" into "edge-merge" and the rest.
func cut(name string) (string, string, bool) {
	for i := 0; i < len(name); i++ {
		if name[i] == '/' {
			return name[:i], name[i+1:], true
		}
	}
	return name, "", false
}

// writes returns the write transactions whose first statement is called
// base (or base/…).
func (f *fakeExec) writes(base string) int {
	n := 0
	for _, tx := range f.txs {
		if tx.Write && len(tx.Calls) > 0 {
			if b, _, _ := cut(tx.Calls[0].Name); b == base {
				n++
			}
		}
	}
	return n
}

func (f *fakeExec) calls() int {
	n := 0
	for _, tx := range f.txs {
		n += len(tx.Calls)
	}
	return n
}

// toAny returns a []string as the []any the driver gives.
func toAny(v any) any {
	if l, ok := v.([]string); ok {
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out
	}
	return v
}
