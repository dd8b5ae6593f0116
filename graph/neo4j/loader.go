package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge"
)

// DefaultBatchSize is the number of rows one write transaction carries.
const DefaultBatchSize = 1000

// Rows is what one statement returned: column names and values.
type Rows struct {
	Keys   []string
	Values [][]any
}

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
	exec    Executor
	batch   int
	stmts   *statementSet
	tx      int
	eids    map[string]string // entity id → element id, as this Load wrote it
	token   string            // this loader's article claims (claims.go)
	claims  int               // claim statements it ran (each claim's stamp)
	fresh   map[string]bool   // the articles of this Load that nothing of is stored
	held    []string          // the articles whose claims it holds now
	renewed time.Time         // when it last renewed them
	current bool              // the database was checked for the earlier layout
}

// ErrLegacyGraph is returned by Load and Delete on a database written by
// kg before Source nodes (or imported from an export of that time), whose
// relationships and quantities keep every article's evidence in parallel
// lists: loading on top of it would count those articles' records as
// missing.
var ErrLegacyGraph = errors.New("the database holds relationships loaded by an earlier kg (evidence lists ev_articles, ev_sentences… on each relationship, where kg now keeps one Source node per article): it cannot load on top of them; empty the database (or use another) and run kg ingest --neo4j on every article again")

// checkLayout refuses a database in the earlier layout (ErrLegacyGraph),
// once per Loader.
func (l *Loader) checkLayout(ctx context.Context) error {
	if l.current {
		return nil
	}
	names := []string{stLegacyQuants}
	for _, t := range relationTypes() {
		names = append(names, stLegacyRels+"/"+t)
	}
	legacy := false
	err := l.exec.ExecuteRead(ctx, func(tx Tx) error {
		legacy = false
		for _, name := range names {
			rows, err := l.run(ctx, tx, name, nil)
			if err != nil {
				return err
			}
			if len(rows.Values) > 0 {
				legacy = true
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("checking the database's layout: %w", err)
	}
	if legacy {
		return ErrLegacyGraph
	}
	l.current = true
	return nil
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
	return &Loader{exec: exec, batch: batchSize, stmts: stmts, token: newToken()}, nil
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

// rowsFor is the $rows of one statement.
type rowsFor struct {
	name string
	rows []map[string]any
}

// runRows runs each statement that has rows, in order.
func (l *Loader) runRows(ctx context.Context, tx Tx, writes ...rowsFor) error {
	for _, w := range writes {
		if len(w.rows) > 0 {
			if _, err := l.run(ctx, tx, w.name, map[string]any{"rows": w.rows}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *Loader) write(ctx context.Context, work func(Tx) error) error {
	if err := l.renew(ctx); err != nil {
		return err
	}
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
//
// Load changes an article only while it holds the article's claim (see
// claim): when another loader is writing some of the same articles, Load
// writes the others first, then waits for those claims to be given back
// and writes the rest on top, so two loaders on overlapping input end
// with the graph one load of the union gives.
func (l *Loader) Load(ctx context.Context, batches []graph.Batch, opts LoadOptions) (Stats, error) {
	l.tx = 0
	l.eids = map[string]string{}
	l.fresh = map[string]bool{}
	st := Stats{Articles: len(batches)}
	if err := l.checkLayout(ctx); err != nil {
		return st, err
	}
	batches = lastPerArticle(batches)
	err := l.claimed(ctx, articleIDs(batches), func(claims map[string]claim) error {
		var mine []graph.Batch
		for _, b := range batches {
			if _, ok := claims[b.Article.ID]; ok {
				mine = append(mine, b)
			}
		}
		return l.loadClaimed(ctx, mine, claims, opts, &st)
	})
	st.Transactions = l.tx
	return st, err
}

// loadClaimed loads batches whose articles this loader has claimed.
func (l *Loader) loadClaimed(ctx context.Context, batches []graph.Batch, claims map[string]claim, opts LoadOptions, st *Stats) error {
	var todo []graph.Batch
	var replace, skipped []string
	for _, b := range batches {
		c := claims[b.Article.ID]
		if !c.fresh && !opts.Force && c.hash != "" && c.hash == b.Article.Hash {
			st.Unchanged++
			skipped = append(skipped, b.Article.ID)
			continue
		}
		todo = append(todo, b)
		if c.fresh {
			l.fresh[b.Article.ID] = true
		} else {
			replace = append(replace, b.Article.ID)
		}
	}
	if err := l.release(ctx, skipped); err != nil {
		return err
	}
	if err := l.retract(ctx, replace); err != nil {
		return err
	}
	st.Replaced += len(replace)
	for _, step := range []func(context.Context, []graph.Batch, *Stats) error{l.writeNodes, l.writeEdges, l.writeQuantities, l.commitArticles} {
		if err := step(ctx, todo, st); err != nil {
			return err
		}
	}
	return nil
}

func articleIDs(batches []graph.Batch) []string {
	ids := make([]string, len(batches))
	for i, b := range batches {
		ids[i] = b.Article.ID
	}
	return ids
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
	if err := l.checkLayout(ctx); err != nil {
		return err
	}
	return l.claimed(ctx, ids, func(claims map[string]claim) error {
		mine := slices.Sorted(maps.Keys(claims))
		if err := l.retract(ctx, mine); err != nil {
			return err
		}
		for _, c := range chunks(len(mine), l.batch) {
			part := mine[c[0]:c[1]]
			err := l.write(ctx, func(tx Tx) error {
				_, err := l.run(ctx, tx, stArticleDelete, map[string]any{"ids": part})
				return err
			})
			if err != nil {
				return fmt.Errorf("deleting articles: %w", err)
			}
		}
		return nil
	})
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
	if _, err := l.run(ctx, tx, stUncommit, p); err != nil {
		return err
	}
	touched, err := l.run(ctx, tx, stRetractFacts, p)
	if err != nil {
		return err
	}
	// Relationships and quantities: each article's Source taken out of the
	// merge it keeps, what no article states any more deleted.
	if err := l.retractSources(ctx, tx, ids); err != nil {
		return err
	}
	if _, err := l.run(ctx, tx, stDeleteMentions, p); err != nil {
		return err
	}
	// Nodes the articles mentioned: their records taken out of the
	// summaries, the nodes no article mentions any more deleted.
	byLabel := map[string]map[string]*nodeChange{}
	for _, rec := range touched.Records() {
		f, err := readFact(rec)
		if err != nil {
			return err
		}
		labels, err := value[[]any](rec, "labels")
		if err != nil {
			return err
		}
		lb := entityLabel(labels)
		if lb == "" {
			continue
		}
		if byLabel[lb] == nil {
			byLabel[lb] = map[string]*nodeChange{}
		}
		c := byLabel[lb][f.id]
		if c == nil {
			c = &nodeChange{id: f.id}
			byLabel[lb][f.id] = c
		}
		c.remove = append(c.remove, f.fact)
	}
	for _, lb := range entityLabels() {
		if cs := byLabel[lb]; len(cs) > 0 {
			if err := l.applyNodes(ctx, tx, lb, slices.Collect(maps.Values(cs)), false); err != nil {
				return err
			}
		}
	}
	return nil
}

// entityLabel returns the entity label among a node's labels, or "".
func entityLabel(labels []any) string {
	for _, x := range labels {
		if lb, ok := x.(string); ok && slices.Contains(entityLabels(), lb) {
			return lb
		}
	}
	return ""
}

// writeNodes writes every article's record of each of its entities and
// folds it into the node's summary: per label, about batch records per
// transaction.
func (l *Loader) writeNodes(ctx context.Context, batches []graph.Batch, st *Stats) error {
	byLabel := map[string][]*nodeChange{}
	byID := map[string]*nodeChange{}
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
			c := byID[n.ID]
			if c == nil {
				c = &nodeChange{id: n.ID}
				byID[n.ID] = c
				byLabel[n.Label] = append(byLabel[n.Label], c)
			}
			count := 0
			if m := mentions[n.ID]; m != nil {
				count = m.Count
			}
			c.add = append(c.add, row)
			c.facts = append(c.facts, merge.Fact(n, count))
		}
	}
	for _, lb := range entityLabels() {
		changes := byLabel[lb]
		slices.SortFunc(changes, func(a, b *nodeChange) int { return compareStrings(a.id, b.id) })
		// Chunks of about batch records, a node's records never split.
		for start := 0; start < len(changes); {
			end, n := start, 0
			for end < len(changes) && (n == 0 || n+len(changes[end].add) <= l.batch) {
				n += len(changes[end].add)
				end++
			}
			part := changes[start:end]
			err := l.write(ctx, func(tx Tx) error {
				for _, c := range part {
					c.remove = nil // a retried transaction reads them again
				}
				return l.applyNodes(ctx, tx, lb, slices.Clone(part), true)
			})
			if err != nil {
				return fmt.Errorf("writing %s nodes: %w", lb, err)
			}
			st.Nodes += n
			start = end
		}
	}
	return nil
}

// edgeGroup is every article's row for one relationship key.
type edgeGroup struct {
	Type, From, To, Key string
	Sources             []source
}

// writeEdges merges relationships on (type, endpoints, key), one statement
// per type, batch keys per transaction. The endpoints are found by the
// element ids writeNodes saw.
func (l *Loader) writeEdges(ctx context.Context, batches []graph.Batch, st *Stats) error {
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
				if l.eids[e.From] == "" || l.eids[e.To] == "" {
					return fmt.Errorf("relationship %s: an endpoint is not a node of the article", e.Key)
				}
				g = &edgeGroup{Type: e.Type, From: e.From, To: e.To, Key: e.Key}
				groups[k] = g
			}
			g.Sources = append(g.Sources, src)
		}
	}
	byType := map[string][]*edgeGroup{}
	for _, g := range groups {
		byType[g.Type] = append(byType[g.Type], g)
	}
	for _, typ := range sortedKeys(byType) {
		gs := byType[typ]
		slices.SortFunc(gs, func(a, b *edgeGroup) int { return cmp.Compare(a.Key, b.Key) })
		for _, c := range chunks(len(gs), l.batch) {
			part := gs[c[0]:c[1]]
			if err := l.write(ctx, func(tx Tx) error { return l.writeEdgeChunk(ctx, tx, typ, part) }); err != nil {
				return fmt.Errorf("writing %s relationships: %w", typ, err)
			}
			st.Edges += len(part)
		}
	}
	return nil
}

// merged reads what a *-merge statement returned: element id and
// properties by key.
func merged(res Rows) (map[string]string, map[string]map[string]any, error) {
	eids, props := map[string]string{}, map[string]map[string]any{}
	for _, rec := range res.Records() {
		k, err := value[string](rec, "key")
		if err != nil {
			return nil, nil, err
		}
		if eids[k], err = value[string](rec, "eid"); err != nil {
			return nil, nil, err
		}
		if props[k], err = value[map[string]any](rec, "props"); err != nil {
			return nil, nil, err
		}
	}
	return eids, props, nil
}

func (l *Loader) writeEdgeChunk(ctx context.Context, tx Tx, typ string, part []*edgeGroup) error {
	rows := make([]map[string]any, len(part))
	for i, g := range part {
		rows[i] = map[string]any{"from": g.From, "to": g.To, "src": l.eids[g.From], "dst": l.eids[g.To], "key": g.Key}
	}
	res, err := l.run(ctx, tx, stEdgeMerge+"/"+typ, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	eids, old, err := merged(res)
	if err != nil {
		return err
	}
	sources := make(map[string][]source, len(part))
	for _, g := range part {
		if _, ok := old[g.Key]; !ok {
			return fmt.Errorf("relationship %s: endpoint %s or %s not found", g.Key, g.From, g.To)
		}
		sources[g.Key] = compactSources(g.Sources)
	}
	states, err := l.foldSources(ctx, tx, typ, old, sources)
	if err != nil {
		return err
	}
	set := make([]map[string]any, len(part))
	for i, g := range part {
		props, err := edgeProps(g.Key, states[g.Key])
		if err != nil {
			return fmt.Errorf("relationship %s: %w", g.Key, err)
		}
		set[i] = map[string]any{"eid": eids[g.Key], "props": props}
	}
	_, err = l.run(ctx, tx, stSetRel, map[string]any{"rows": set})
	return err
}

// foldSources folds each key's new sources into the merge its fact keeps
// (props old, as the *-merge statement returned them), taking out the
// records the same articles stored before (a redone load), and writes the
// new records as Source nodes. kind is the relation type or Quantity. It
// reads only the records of the articles it writes.
func (l *Loader) foldSources(ctx context.Context, tx Tx, kind string, old map[string]map[string]any, sources map[string][]source) (map[string]*factState, error) {
	quantity := kind == quantityKind
	states := make(map[string]*factState, len(sources))
	var pairs, records, created []map[string]any
	for _, key := range sortedKeys(sources) {
		st, err := readState(old[key], quantity)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", key, err)
		}
		states[key] = st
		for _, src := range sources[key] {
			rec := map[string]any{"of": key, "article": src.Article, "props": sourceProps(key, kind, src)}
			if l.fresh[src.Article] {
				created = append(created, rec)
				continue
			}
			pairs = append(pairs, map[string]any{"of": key, "article": src.Article})
			records = append(records, rec)
		}
	}
	// An article the claim created has nothing stored: only the others
	// may have records to take out.
	var prior Rows
	if len(pairs) > 0 {
		var err error
		if prior, err = l.run(ctx, tx, stSourcePrior, map[string]any{"rows": pairs}); err != nil {
			return nil, err
		}
	}
	for _, rec := range prior.Records() {
		s, err := readSource(rec)
		if err != nil {
			return nil, err
		}
		if st := states[s.of]; st != nil {
			if err := st.remove(s, quantity); err != nil {
				return nil, fmt.Errorf("%s: %w", s.of, err)
			}
		}
	}
	for _, key := range sortedKeys(sources) {
		for _, src := range sources[key] {
			if err := states[key].add(src, quantity); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
		}
	}
	if err := l.runRows(ctx, tx, rowsFor{stSourceSet, records}, rowsFor{stSourceNew, created}); err != nil {
		return nil, err
	}
	if err := l.refill(ctx, tx, states, nil); err != nil {
		return nil, err
	}
	return states, nil
}

// refill reads again, from the Sources, the preview of the relationships
// among states whose preview is stale, leaving out the articles exclude
// (those being removed).
func (l *Loader) refill(ctx context.Context, tx Tx, states map[string]*factState, exclude []string) error {
	var keys []string
	for _, k := range sortedKeys(states) {
		if states[k].stale {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	rows, err := l.run(ctx, tx, stSourceFirst, map[string]any{"keys": keys, "exclude": nonNil(exclude)})
	if err != nil {
		return err
	}
	for _, rec := range rows.Records() {
		key, err := value[string](rec, "key")
		if err != nil {
			return err
		}
		arts, err := stringsOf(rec, "articles")
		if err != nil {
			return err
		}
		sents, err := stringsOf(rec, "sentences")
		if err != nil {
			return err
		}
		st := states[key]
		if st == nil || len(arts) != len(sents) {
			return fmt.Errorf("%s: reading the first sentences: %d articles for %d sentences", stSourceFirst, len(arts), len(sents))
		}
		st.preview = st.preview[:0]
		for i := range arts {
			st.preview = append(st.preview, evEntry{arts[i], sents[i]})
		}
		st.stale = false
	}
	return nil
}

// retractSources takes the Source records of articles ids out of the
// relationships and quantities they state, deletes what no article states
// any more, and deletes the records.
func (l *Loader) retractSources(ctx context.Context, tx Tx, ids []string) error {
	rows, err := l.run(ctx, tx, stRetractSources, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	byKind := map[string]map[string][]storedSource{}
	for _, rec := range rows.Records() {
		s, err := readSource(rec)
		if err != nil {
			return err
		}
		if byKind[s.kind] == nil {
			byKind[s.kind] = map[string][]storedSource{}
		}
		byKind[s.kind][s.of] = append(byKind[s.kind][s.of], s)
	}
	for _, kind := range sortedKeys(byKind) {
		quantity := kind == quantityKind
		lock, set, del := stQuantityLock, stSetNode, stDelNodeByID
		if !quantity {
			if _, err := relType(kind); err != nil {
				return fmt.Errorf("a Source of kind %q: %w", kind, err)
			}
			lock, set, del = stRelLock+"/"+kind, stSetRel, stDelRelByID
		}
		keys := sortedKeys(byKind[kind])
		res, err := l.run(ctx, tx, lock, map[string]any{"keys": keys})
		if err != nil {
			return err
		}
		eids, old, err := merged(res)
		if err != nil {
			return err
		}
		var setRows []map[string]any
		var delIDs []string
		states := map[string]*factState{}
		for _, key := range keys {
			if _, ok := eids[key]; !ok {
				continue // deleted with its endpoint, or never written
			}
			st, err := readState(old[key], quantity)
			if err != nil {
				return fmt.Errorf("reading %s: %w", key, err)
			}
			for _, s := range byKind[kind][key] {
				if err := st.remove(s, quantity); err != nil {
					return fmt.Errorf("%s: %w", key, err)
				}
			}
			if st.empty(quantity) {
				delIDs = append(delIDs, eids[key])
				continue
			}
			states[key] = st
		}
		if !quantity {
			if err := l.refill(ctx, tx, states, ids); err != nil {
				return err
			}
		}
		for _, key := range sortedKeys(states) {
			st := states[key]
			var props map[string]any
			if quantity {
				props, err = quantityProps(key, old[key]["count"], st)
			} else {
				props, err = edgeProps(key, st)
			}
			if err != nil {
				return err
			}
			setRows = append(setRows, map[string]any{"eid": eids[key], "props": props})
		}
		if len(setRows) > 0 {
			if _, err := l.run(ctx, tx, set, map[string]any{"rows": setRows}); err != nil {
				return err
			}
		}
		if len(delIDs) > 0 {
			if _, err := l.run(ctx, tx, del, map[string]any{"eids": delIDs}); err != nil {
				return err
			}
		}
	}
	_, err = l.run(ctx, tx, stSourceDelete, map[string]any{"ids": ids})
	return err
}

// quantityGroup is every article's row for one quantity key.
type quantityGroup struct {
	Row     graph.QuantityRow
	Sources []source
}

// writeQuantities merges quantities on their key and links them to their
// subject and country, batch quantities per transaction.
func (l *Loader) writeQuantities(ctx context.Context, batches []graph.Batch, st *Stats) error {
	groups := map[string]*quantityGroup{}
	for _, b := range batches {
		for _, q := range b.Quantities {
			g := groups[q.Key]
			if g == nil {
				if l.eids[q.Subject] == "" {
					return fmt.Errorf("quantity %s: subject is not a node of the article", q.Key)
				}
				if q.Of != "" && l.eids[q.Of] == "" {
					return fmt.Errorf("quantity %s: country is not a node of the article", q.Key)
				}
				g = &quantityGroup{Row: q}
				groups[q.Key] = g
			}
			g.Sources = append(g.Sources, source{Article: b.Article.ID, Unit: q.Unit, Approx: q.Approx, Evidence: q.Evidence})
		}
	}
	gs := slices.Collect(maps.Values(groups))
	slices.SortFunc(gs, func(a, b *quantityGroup) int { return cmp.Compare(a.Row.Key, b.Row.Key) })
	for _, c := range chunks(len(gs), l.batch) {
		part := gs[c[0]:c[1]]
		if err := l.write(ctx, func(tx Tx) error { return l.writeQuantityChunk(ctx, tx, part) }); err != nil {
			return fmt.Errorf("writing quantities: %w", err)
		}
		st.Quantities += len(part)
	}
	return nil
}

func (l *Loader) writeQuantityChunk(ctx context.Context, tx Tx, part []*quantityGroup) error {
	rows := make([]map[string]any, len(part))
	for i, g := range part {
		rows[i] = map[string]any{"key": g.Row.Key}
	}
	res, err := l.run(ctx, tx, stQuantityMerge, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	eids, old, err := merged(res)
	if err != nil {
		return err
	}
	sources := make(map[string][]source, len(part))
	for _, g := range part {
		sources[g.Row.Key] = compactSources(g.Sources)
	}
	states, err := l.foldSources(ctx, tx, quantityKind, old, sources)
	if err != nil {
		return err
	}
	for i, g := range part {
		var of any
		if g.Row.Of != "" {
			of = l.eids[g.Row.Of]
		}
		props, err := quantityProps(g.Row.Key, g.Row.Count, states[g.Row.Key])
		if err != nil {
			return err
		}
		rows[i] = map[string]any{"eid": eids[g.Row.Key], "subject": l.eids[g.Row.Subject], "of": of, "props": props}
	}
	_, err = l.run(ctx, tx, stQuantitySet, map[string]any{"rows": rows})
	return err
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
