package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/kg-dev/kg/graph"
)

// DefaultBatchSize is the number of rows one write transaction carries.
const DefaultBatchSize = 1000

// Rows is what one statement returned: column names and values.
type Rows struct {
	Keys   []string
	Values [][]any
}

// col returns the index of column name, or -1.
func (r Rows) col(name string) int { return slices.Index(r.Keys, name) }

// Tx runs statements inside one transaction.
type Tx interface {
	// Run runs cypher with params and returns all its rows.
	Run(ctx context.Context, cypher string, params map[string]any) (Rows, error)
}

// Executor runs units of work in transactions on one database. The driver
// implementation (Open) runs each in its own session with
// ExecuteWrite/ExecuteRead, which retry transient errors: work must be
// idempotent and have no effect outside the transaction.
type Executor interface {
	ExecuteWrite(ctx context.Context, work func(Tx) error) error
	ExecuteRead(ctx context.Context, work func(Tx) error) error
}

// Stats says what a Load did.
type Stats struct {
	Articles     int // articles given
	Unchanged    int // skipped: same hash as the stored article
	Replaced     int // previously stored articles whose contribution was replaced
	Nodes        int // entity records written (one per entity per article)
	Edges        int // relationships written (one per key per batch)
	Quantities   int // quantities written
	Transactions int // write transactions committed
}

// LoadOptions tunes Load.
type LoadOptions struct {
	// Force reloads articles even when their hash is unchanged.
	Force bool
}

// Loader writes graph batches through an Executor.
type Loader struct {
	exec  Executor
	batch int
	stmts *statementSet
	tx    int
}

// NewLoader returns a loader that writes through exec, batchSize rows per
// write transaction (DefaultBatchSize when batchSize <= 0).
func NewLoader(exec Executor, batchSize int) (*Loader, error) {
	stmts, err := loadStatements()
	if err != nil {
		return nil, fmt.Errorf("building statements: %w", err)
	}
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	return &Loader{exec: exec, batch: batchSize, stmts: stmts}, nil
}

// run runs a named statement in tx. Driver errors are returned as they
// are: the driver decides whether to retry a transaction by the error's
// type (a wrapped connectivity error would not be retried), so context is
// added outside the transaction.
func (l *Loader) run(ctx context.Context, tx Tx, name string, params map[string]any) (Rows, error) {
	st, err := l.stmts.get(name)
	if err != nil {
		return Rows{}, err
	}
	return tx.Run(ctx, st.Cypher, params)
}

func (l *Loader) write(ctx context.Context, work func(Tx) error) error {
	if err := l.exec.ExecuteWrite(ctx, work); err != nil {
		return err
	}
	l.tx++
	return nil
}

// EnsureSchema creates the constraints and indexes (idempotent: IF NOT
// EXISTS), each in its own transaction, then waits for indexes to be
// online.
func (l *Loader) EnsureSchema(ctx context.Context) error {
	for _, st := range l.stmts.schema {
		err := l.exec.ExecuteWrite(ctx, func(tx Tx) error {
			_, err := tx.Run(ctx, st.Cypher, nil)
			return err
		})
		if err != nil {
			return fmt.Errorf("creating schema (%s): %w", st.Name, err)
		}
	}
	return nil
}

// Load writes batches, one per article. An article whose stored hash
// equals its batch's hash is skipped (unless opts.Force); a stored article
// is replaced: its previous contribution is removed first. The article's
// hash is written last, so an interrupted Load leaves it uncommitted and
// the next Load redoes it.
func (l *Loader) Load(ctx context.Context, batches []graph.Batch, opts LoadOptions) (Stats, error) {
	l.tx = 0
	st := Stats{Articles: len(batches)}
	batches = lastPerArticle(batches)
	ids := make([]string, len(batches))
	for i, b := range batches {
		ids[i] = b.Article.ID
	}
	stored, err := l.hashes(ctx, ids)
	if err != nil {
		return st, err
	}
	var todo []graph.Batch
	var replace []string
	for _, b := range batches {
		h, ok := stored[b.Article.ID]
		if ok && !opts.Force && h != "" && h == b.Article.Hash {
			st.Unchanged++
			continue
		}
		todo = append(todo, b)
		if ok {
			replace = append(replace, b.Article.ID)
		}
	}
	if err := l.retract(ctx, replace); err != nil {
		st.Transactions = l.tx
		return st, err
	}
	st.Replaced = len(replace)
	steps := []func(context.Context, []graph.Batch, *Stats) error{l.writeNodes, l.writeEdges, l.writeQuantities, l.commitArticles}
	for _, step := range steps {
		if err := step(ctx, todo, &st); err != nil {
			st.Transactions = l.tx
			return st, err
		}
	}
	st.Transactions = l.tx
	return st, nil
}

// Counts returns the number of nodes per label and relationships per
// type, in one read transaction.
func (l *Loader) Counts(ctx context.Context) (graph.Counts, error) {
	c := graph.NewCounts()
	err := l.exec.ExecuteRead(ctx, func(tx Tx) error {
		count := func(name string) (int64, error) {
			rows, err := l.run(ctx, tx, name, nil)
			if err != nil {
				return 0, err
			}
			rec, err := single(rows)
			if err != nil {
				return 0, fmt.Errorf("%s: %w", name, err)
			}
			if len(rec.Keys) != 1 {
				return 0, fmt.Errorf("%s: got columns %v, want one", name, rec.Keys)
			}
			return value[int64](rec, rec.Keys[0])
		}
		for _, lb := range graph.Labels {
			n, err := count(stCountNodes + "/" + lb)
			if err != nil {
				return err
			}
			c.Nodes[lb] = n
		}
		for _, t := range graph.RelTypes {
			n, err := count(stCountRels + "/" + t)
			if err != nil {
				return err
			}
			c.Rels[t] = n
		}
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("counting the graph: %w", err)
	}
	return c, nil
}

// Unchanged reports whether article id is stored, completely loaded, with
// this hash, so that callers can skip extracting it again. An empty hash
// is never unchanged.
func (l *Loader) Unchanged(ctx context.Context, id, hash string) (bool, error) {
	if hash == "" {
		return false, nil
	}
	stored, err := l.hashes(ctx, []string{id})
	if err != nil {
		return false, err
	}
	return stored[id] == hash, nil
}

// Delete removes articles and everything only they contributed.
func (l *Loader) Delete(ctx context.Context, ids []string) error {
	if err := l.retract(ctx, ids); err != nil {
		return err
	}
	for _, c := range chunks(len(ids), l.batch) {
		part := ids[c[0]:c[1]]
		err := l.write(ctx, func(tx Tx) error {
			_, err := l.run(ctx, tx, stArticleDelete, map[string]any{"ids": part})
			return err
		})
		if err != nil {
			return fmt.Errorf("deleting articles: %w", err)
		}
	}
	return nil
}

// lastPerArticle keeps the last batch of each article, in input order.
func lastPerArticle(batches []graph.Batch) []graph.Batch {
	last := map[string]int{}
	for i, b := range batches {
		last[b.Article.ID] = i
	}
	out := make([]graph.Batch, 0, len(last))
	for i, b := range batches {
		if last[b.Article.ID] == i {
			out = append(out, b)
		}
	}
	return out
}

// chunks splits n items into [start, end) ranges of at most size.
func chunks(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		out = append(out, [2]int{i, min(i+size, n)})
	}
	return out
}

func (l *Loader) hashes(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for _, c := range chunks(len(ids), l.batch) {
		part := ids[c[0]:c[1]]
		err := l.exec.ExecuteRead(ctx, func(tx Tx) error {
			rows, err := l.run(ctx, tx, stArticleHashes, map[string]any{"ids": part})
			if err != nil {
				return err
			}
			for _, rec := range rows.Records() {
				id, err := value[string](rec, "id")
				if err != nil {
					return err
				}
				h, err := optional[string](rec, "hash")
				if err != nil {
					return err
				}
				out[id] = h
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading article hashes: %w", err)
		}
	}
	return out, nil
}

// retract removes the stored contribution of articles ids, one write
// transaction per chunk of articles.
func (l *Loader) retract(ctx context.Context, ids []string) error {
	for _, c := range chunks(len(ids), l.batch) {
		part := ids[c[0]:c[1]]
		if err := l.write(ctx, func(tx Tx) error { return l.retractTx(ctx, tx, part) }); err != nil {
			return fmt.Errorf("removing previous contribution of %d articles: %w", len(part), err)
		}
	}
	return nil
}

func (l *Loader) retractTx(ctx context.Context, tx Tx, ids []string) error {
	p := map[string]any{"ids": ids}
	drop := map[string]bool{}
	for _, id := range ids {
		drop[id] = true
	}
	if _, err := l.run(ctx, tx, stUncommit, p); err != nil {
		return err
	}
	touched, err := l.run(ctx, tx, stTouchedNodes, p)
	if err != nil {
		return err
	}
	// Relationships and quantities: drop the articles' sources and evidence,
	// delete what no article states any more, recompute the rest.
	for _, kind := range []struct {
		touched, set, del string
		props             func(map[string]any, contributions) (map[string]any, error)
	}{
		{stTouchedEdges, stSetByElementID + "/relationship", stDelRelByID, func(old map[string]any, c contributions) (map[string]any, error) {
			key, _ := old[pKey].(string)
			return edgeProps(key, c)
		}},
		{stTouchedQuants, stSetByElementID + "/node", stDelNodeByID, func(old map[string]any, c contributions) (map[string]any, error) {
			return survivingQuantityProps(old, c), nil
		}},
	} {
		rows, err := l.run(ctx, tx, kind.touched, p)
		if err != nil {
			return err
		}
		var set []map[string]any
		var del []string
		ec, pc := rows.col("eid"), rows.col("props")
		for _, v := range rows.Values {
			eid, _ := v[ec].(string)
			old, _ := v[pc].(map[string]any)
			c, err := decodeContributions(old)
			if err != nil {
				return fmt.Errorf("reading %s: %w", eid, err)
			}
			c = c.replace(drop, nil)
			if len(c.Sources) == 0 {
				del = append(del, eid)
				continue
			}
			props, err := kind.props(old, c)
			if err != nil {
				return err
			}
			set = append(set, map[string]any{"eid": eid, "props": props})
		}
		if len(set) > 0 {
			if _, err := l.run(ctx, tx, kind.set, map[string]any{"rows": set}); err != nil {
				return err
			}
		}
		if len(del) > 0 {
			if _, err := l.run(ctx, tx, kind.del, map[string]any{"eids": del}); err != nil {
				return err
			}
		}
	}
	if _, err := l.run(ctx, tx, stDeleteMentions, p); err != nil {
		return err
	}
	// Nodes the articles mentioned: recompute from the remaining records,
	// delete those no article mentions any more.
	byLabel := map[string][]string{}
	ic, lc := touched.col("id"), touched.col("labels")
	for _, v := range touched.Values {
		id, _ := v[ic].(string)
		labels, _ := stringList(v[lc])
		for _, lb := range labels {
			if slices.Contains(entityLabels(), lb) {
				byLabel[lb] = append(byLabel[lb], id)
				break
			}
		}
	}
	for _, lb := range entityLabels() {
		if ids := byLabel[lb]; len(ids) > 0 {
			if err := l.refreshNodes(ctx, tx, lb, ids); err != nil {
				return err
			}
		}
	}
	return nil
}

// refreshNodes recomputes the properties of nodes ids of label lb from the
// records on their MENTIONS, and deletes those left without any.
func (l *Loader) refreshNodes(ctx context.Context, tx Tx, lb string, ids []string) error {
	rows, err := l.run(ctx, tx, stNodeRead+"/"+lb, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	recs := map[string][]nodeRecord{}
	ic, ac, nc, alc, pc, cc := rows.col("id"), rows.col("article"), rows.col("name"), rows.col("aliases"), rows.col("props"), rows.col("count")
	for _, v := range rows.Values {
		id, _ := v[ic].(string)
		r := nodeRecord{}
		r.Article, _ = v[ac].(string)
		r.Name, _ = v[nc].(string)
		r.Props, _ = v[pc].(string)
		if cc >= 0 {
			n, _ := v[cc].(int64)
			r.Mentions = int(n)
		}
		if r.Aliases, err = stringList(v[alc]); err != nil {
			return fmt.Errorf("reading aliases of %s: %w", id, err)
		}
		recs[id] = append(recs[id], r)
	}
	var set []map[string]any
	var del []string
	for _, id := range ids {
		if len(recs[id]) == 0 {
			del = append(del, id)
			continue
		}
		props, err := mergeNode(id, lb, recs[id])
		if err != nil {
			return err
		}
		set = append(set, map[string]any{"id": id, "props": props})
	}
	if len(set) > 0 {
		if _, err := l.run(ctx, tx, stNodeSet+"/"+lb, map[string]any{"rows": set}); err != nil {
			return err
		}
	}
	if len(del) > 0 {
		if _, err := l.run(ctx, tx, stNodeDelete+"/"+lb, map[string]any{"ids": del}); err != nil {
			return err
		}
	}
	return nil
}

// writeNodes writes every article's record of each of its entities, then
// recomputes the nodes: per label, batch rows per transaction.
func (l *Loader) writeNodes(ctx context.Context, batches []graph.Batch, st *Stats) error {
	byLabel := map[string][]map[string]any{}
	for _, b := range batches {
		mentions := map[string]*graph.MentionRow{}
		for i := range b.Mentions {
			mentions[b.Mentions[i].Node] = &b.Mentions[i]
		}
		for _, n := range b.Nodes {
			if !slices.Contains(entityLabels(), n.Label) {
				return fmt.Errorf("node %s: label %q is not an entity label", n.ID, n.Label)
			}
			row, err := nodeRecordParams(b.Article.ID, n, mentions[n.ID])
			if err != nil {
				return err
			}
			byLabel[n.Label] = append(byLabel[n.Label], row)
		}
	}
	for _, lb := range entityLabels() {
		rows := byLabel[lb]
		for _, c := range chunks(len(rows), l.batch) {
			part := rows[c[0]:c[1]]
			err := l.write(ctx, func(tx Tx) error {
				if _, err := l.run(ctx, tx, stNodeRecords+"/"+lb, map[string]any{"rows": part}); err != nil {
					return err
				}
				var ids []string
				for _, r := range part {
					ids = append(ids, r["id"].(string))
				}
				slices.Sort(ids)
				return l.refreshNodes(ctx, tx, lb, slices.Compact(ids))
			})
			if err != nil {
				return fmt.Errorf("writing %s nodes: %w", lb, err)
			}
			st.Nodes += len(part)
		}
	}
	return nil
}

// edgeGroup is every article's row for one relationship key.
type edgeGroup struct {
	Type, From, To, FromLabel, ToLabel, Key string
	Sources                                 []source
}

func labelsOf(batches []graph.Batch) map[string]string {
	out := map[string]string{}
	for _, b := range batches {
		for _, n := range b.Nodes {
			out[n.ID] = n.Label
		}
	}
	return out
}

// writeEdges merges relationships on (type, endpoints, key), one statement
// per type and endpoint labels, batch keys per transaction.
func (l *Loader) writeEdges(ctx context.Context, batches []graph.Batch, st *Stats) error {
	labels := labelsOf(batches)
	groups := map[string]*edgeGroup{}
	for _, b := range batches {
		for _, e := range b.Edges {
			src, err := edgeSource(b.Article.ID, e)
			if err != nil {
				return err
			}
			k := e.Type + "\x00" + e.From + "\x00" + e.To + "\x00" + e.Key
			g := groups[k]
			if g == nil {
				g = &edgeGroup{Type: e.Type, From: e.From, To: e.To, FromLabel: labels[e.From], ToLabel: labels[e.To], Key: e.Key}
				if g.FromLabel == "" || g.ToLabel == "" {
					return fmt.Errorf("relationship %s: an endpoint is not a node of the article", e.Key)
				}
				groups[k] = g
			}
			g.Sources = append(g.Sources, src)
		}
	}
	bySuffix := map[string][]*edgeGroup{}
	for _, g := range groups {
		suffix := "/" + g.Type + "/" + g.FromLabel + "/" + g.ToLabel
		bySuffix[suffix] = append(bySuffix[suffix], g)
	}
	suffixes := sortedKeys(bySuffix)
	for _, suffix := range suffixes {
		gs := bySuffix[suffix]
		slices.SortFunc(gs, func(a, b *edgeGroup) int { return cmp.Compare(a.Key, b.Key) })
		for _, c := range chunks(len(gs), l.batch) {
			part := gs[c[0]:c[1]]
			if err := l.write(ctx, func(tx Tx) error { return l.writeEdgeChunk(ctx, tx, suffix, part) }); err != nil {
				return fmt.Errorf("writing relationships%s: %w", suffix, err)
			}
			st.Edges += len(part)
		}
	}
	return nil
}

func (l *Loader) writeEdgeChunk(ctx context.Context, tx Tx, suffix string, part []*edgeGroup) error {
	rows := make([]map[string]any, len(part))
	for i, g := range part {
		rows[i] = map[string]any{"from": g.From, "to": g.To, "key": g.Key}
	}
	res, err := l.run(ctx, tx, stEdgeMerge+suffix, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	old := map[string]map[string]any{}
	kc, pc := res.col("key"), res.col("props")
	for _, v := range res.Values {
		k, _ := v[kc].(string)
		p, _ := v[pc].(map[string]any)
		old[k] = p
	}
	for i, g := range part {
		p, ok := old[g.Key]
		if !ok {
			return fmt.Errorf("relationship %s: endpoint %s or %s not found", g.Key, g.From, g.To)
		}
		c, err := decodeContributions(p)
		if err != nil {
			return fmt.Errorf("reading relationship %s: %w", g.Key, err)
		}
		props, err := edgeProps(g.Key, c.replace(nil, g.Sources))
		if err != nil {
			return fmt.Errorf("relationship %s: %w", g.Key, err)
		}
		rows[i]["props"] = props
	}
	_, err = l.run(ctx, tx, stEdgeSet+suffix, map[string]any{"rows": rows})
	return err
}

// quantityGroup is every article's row for one quantity key.
type quantityGroup struct {
	Row                   graph.QuantityRow
	SubjectLabel, OfLabel string
	Sources               []source
}

// writeQuantities merges quantities on their key and links them to their
// subject and country, batch quantities per transaction.
func (l *Loader) writeQuantities(ctx context.Context, batches []graph.Batch, st *Stats) error {
	labels := labelsOf(batches)
	groups := map[string]*quantityGroup{}
	for _, b := range batches {
		for _, q := range b.Quantities {
			g := groups[q.Key]
			if g == nil {
				g = &quantityGroup{Row: q, SubjectLabel: labels[q.Subject]}
				if g.SubjectLabel == "" {
					return fmt.Errorf("quantity %s: subject is not a node of the article", q.Key)
				}
				if q.Of != "" {
					if g.OfLabel = labels[q.Of]; g.OfLabel == "" {
						return fmt.Errorf("quantity %s: country is not a node of the article", q.Key)
					}
				}
				groups[q.Key] = g
			}
			g.Sources = append(g.Sources, source{Article: b.Article.ID, Approx: q.Approx, Evidence: q.Evidence})
		}
	}
	bySubject := map[string][]*quantityGroup{}
	for _, g := range groups {
		bySubject[g.SubjectLabel] = append(bySubject[g.SubjectLabel], g)
	}
	for _, lb := range sortedKeys(bySubject) {
		gs := bySubject[lb]
		slices.SortFunc(gs, func(a, b *quantityGroup) int { return cmp.Compare(a.Row.Key, b.Row.Key) })
		for _, c := range chunks(len(gs), l.batch) {
			part := gs[c[0]:c[1]]
			if err := l.write(ctx, func(tx Tx) error { return l.writeQuantityChunk(ctx, tx, lb, part) }); err != nil {
				return fmt.Errorf("writing quantities of %s nodes: %w", lb, err)
			}
			st.Quantities += len(part)
		}
	}
	return nil
}

func (l *Loader) writeQuantityChunk(ctx context.Context, tx Tx, subjectLabel string, part []*quantityGroup) error {
	rows := make([]map[string]any, len(part))
	for i, g := range part {
		rows[i] = map[string]any{"key": g.Row.Key, "subject": g.Row.Subject}
	}
	res, err := l.run(ctx, tx, stQuantityMerge, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	old := map[string]map[string]any{}
	kc, pc := res.col("key"), res.col("props")
	for _, v := range res.Values {
		k, _ := v[kc].(string)
		p, _ := v[pc].(map[string]any)
		old[k] = p
	}
	ofRows := map[string][]map[string]any{}
	for i, g := range part {
		c, err := decodeContributions(old[g.Row.Key])
		if err != nil {
			return fmt.Errorf("reading quantity %s: %w", g.Row.Key, err)
		}
		rows[i]["props"] = quantityProps(g.Row, c.replace(nil, g.Sources))
		if g.OfLabel != "" {
			ofRows[g.OfLabel] = append(ofRows[g.OfLabel], map[string]any{"key": g.Row.Key, "of": g.Row.Of})
		}
	}
	if _, err := l.run(ctx, tx, stQuantitySet+"/"+subjectLabel, map[string]any{"rows": rows}); err != nil {
		return err
	}
	for _, lb := range sortedKeys(ofRows) {
		if _, err := l.run(ctx, tx, stQuantityOf+"/"+lb, map[string]any{"rows": ofRows[lb]}); err != nil {
			return err
		}
	}
	return nil
}

// commitArticles writes the articles' properties, hash included: the mark
// that their load completed.
func (l *Loader) commitArticles(ctx context.Context, batches []graph.Batch, _ *Stats) error {
	for _, c := range chunks(len(batches), l.batch) {
		part := batches[c[0]:c[1]]
		rows := make([]map[string]any, len(part))
		for i, b := range part {
			rows[i] = b.Article.Map()
		}
		err := l.write(ctx, func(tx Tx) error {
			_, err := l.run(ctx, tx, stArticleCommit, map[string]any{"rows": rows})
			return err
		})
		if err != nil {
			return fmt.Errorf("committing articles: %w", err)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
