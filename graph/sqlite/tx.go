package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge"
)

// flushAt bounds the merge state a Tx keeps in memory: past this many
// touched nodes, edges and quantities, Put writes the merged rows and
// forgets them. Memory is bounded by the graph, never by the corpus.
const flushAt = 100_000

// Stats says what a transaction did.
type Stats struct {
	Articles int // articles written
	Replaced int // of which replaced a previous version
	Nodes    int // nodes created minus nodes removed
	Edges    int // edges created minus edges removed
}

// Tx is an ingest run's write transaction. Nothing it writes is visible
// to others, or survives a crash, until Checkpoint or Commit, and each
// commits whole articles only: a crash, a kill or a failure loses the
// articles written since the last one and nothing else. Its methods are
// safe for concurrent use; after a failed Put or Checkpoint only Rollback
// is possible.
//
// Every node, edge and quantity row keeps its graph/merge summary: an
// article's facts are added to it when the article is written and
// removed from it when the article is replaced, so writing an article
// costs the same however many articles share its entities.
type Tx struct {
	s    *Store
	ctx  context.Context
	conn *sql.Conn

	mu   sync.Mutex
	done bool
	err  error // sticky: set by the first failed write

	st        stmts
	nodes     map[string]*nodeState
	edges     map[string]*edgeState
	quants    map[string]*quantState
	chunks    map[int64]bool // name_keys chunks to rewrite before the next commit
	stats     Stats
	committed int  // articles made durable by Checkpoint (and Commit)
	wal       bool // the session switched the store to WAL mode (see walMode)
	resets    int  // times Checkpoint found the store changed by another connection
}

// nodeState is a node's merge summary during a transaction; changed says
// the stored row is stale.
type nodeState struct {
	nid   int64
	label string
	sum   merge.Entity
	keys  []string // keys as stored in node_keys
	// mentioned is nodes.mentioned: the articles whose fact has mentions.
	mentioned int64
	changed   bool
	gone      bool // deleted by the last flush
}

// edgeState is an edge's merge summary during a transaction, with its
// evidence summary (first_evidence), which stays exact as articles are
// added in any order; only removing an article's facts (stale) makes
// flush recompute it from edge_facts.
type edgeState struct {
	eid      int64
	sum      merge.Relation
	first    []firstSentence // first_evidence, when decoded
	firstRaw string          // first_evidence as stored; "" once first is newer
	stale    bool            // first_evidence must be recomputed
	// sentences is edges.n_sentences: the evidence sentences of all
	// its articles.
	sentences int64
	changed   bool
	gone      bool // deleted by the last flush
}

// firstSentence is one entry of edges.first_evidence.
type firstSentence struct {
	article, text string
}

// maxFirst is how many sentences edges.first_evidence keeps.
const maxFirst = 3

type quantState struct {
	qid     int64
	sum     merge.Quantity
	changed bool
	gone    bool // deleted by the last flush
}

type stmts struct {
	selArticle, insArticle, updArticle, selVersion     *sql.Stmt
	selNode, insNode, updNode, delNode, insKey, delKey *sql.Stmt
	insNodeFact, selNodeFactsOf, delNodeFacts          *sql.Stmt
	selEdge, insEdge, updEdge, delEdge, selEdgeFirst   *sql.Stmt
	insEdgeFact, selEdgeFactsOf, delEdgeFacts          *sql.Stmt
	selQuant, insQuant, updQuant, delQuant             *sql.Stmt
	insQuantFact, selQuantFactsOf, delQuantFacts       *sql.Stmt
	all                                                []*sql.Stmt
}

var stmtText = map[string]string{
	"selArticle": `SELECT aid, hash FROM articles WHERE id = ?`,
	"insArticle": `INSERT INTO articles (id, title, date, lang, path, url, hash, fingerprint, src_size, src_mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"updArticle": `UPDATE articles SET title = ?, date = ?, lang = ?, path = ?, url = ?, hash = ?, fingerprint = ?, src_size = ?, src_mtime = ? WHERE aid = ?`,
	"selVersion": `SELECT ` + versionColumns + ` FROM articles WHERE id = ?`,

	"selNode": `SELECT nid, label, keys, summary, mentioned FROM nodes WHERE id = ?`,
	"insNode": `INSERT INTO nodes (id, label, name, key, keys, aliases, props, summary, mentioned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"updNode": `UPDATE nodes SET name = ?, key = ?, keys = ?, aliases = ?, props = ?, summary = ?, mentioned = ? WHERE nid = ?`,
	"delNode": `DELETE FROM nodes WHERE nid = ?`,
	"insKey":  `INSERT OR IGNORE INTO node_keys (key, nid) VALUES (?, ?)`,
	"delKey":  `DELETE FROM node_keys WHERE key = ? AND nid = ?`,

	"insNodeFact":    `INSERT INTO node_facts (nid, aid, name, aliases, props, mentions, starts, ends) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	"selNodeFactsOf": `SELECT n.id, f.name, f.aliases, f.props, f.mentions FROM node_facts f JOIN nodes n ON n.nid = f.nid WHERE f.aid = ?`,
	"delNodeFacts":   `DELETE FROM node_facts WHERE aid = ?`,

	"selEdge": `SELECT eid, summary, first_evidence, n_sentences FROM edges WHERE key = ?`,
	"insEdge": `INSERT INTO edges (key, type, src, dst, props, n_articles, n_sentences, first_evidence, summary) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
	"updEdge": `UPDATE edges SET props = ?, n_articles = ?, n_sentences = ?, first_evidence = ?, summary = ? WHERE eid = ?`,
	"delEdge": `DELETE FROM edges WHERE eid = ?`,
	// The facts with the first sentences: at most maxFirst articles with
	// evidence, in id order.
	"selEdgeFirst": `SELECT a.id, f.evidence FROM edge_facts f CROSS JOIN articles a ON a.aid = f.aid WHERE f.eid = ? AND f.evidence <> '[]' ORDER BY a.id LIMIT 3`,

	"insEdgeFact":    `INSERT INTO edge_facts (eid, aid, props, evidence) VALUES (?, ?, ?, ?)`,
	"selEdgeFactsOf": `SELECT e.key, f.props, json_array_length(f.evidence) FROM edge_facts f JOIN edges e ON e.eid = f.eid WHERE f.aid = ?`,
	"delEdgeFacts":   `DELETE FROM edge_facts WHERE aid = ?`,

	"selQuant": `SELECT qid, summary FROM quantities WHERE key = ?`,
	"insQuant": `INSERT INTO quantities (key, subject, country, count, unit, approx, summary) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	"updQuant": `UPDATE quantities SET unit = ?, approx = ?, summary = ? WHERE qid = ?`,
	"delQuant": `DELETE FROM quantities WHERE qid = ?`,

	"insQuantFact":    `INSERT INTO quantity_facts (qid, aid, unit, approx, evidence) VALUES (?, ?, ?, ?, ?)`,
	"selQuantFactsOf": `SELECT q.key, f.unit, f.approx FROM quantity_facts f JOIN quantities q ON q.qid = f.qid WHERE f.aid = ?`,
	"delQuantFacts":   `DELETE FROM quantity_facts WHERE aid = ?`,
}

// Begin starts the write transaction. It fails with ErrLocked when another
// writer holds the store longer than Options.BusyTimeout. ctx bounds the
// whole transaction: cancelling it makes the next write fail, and the
// caller then rolls back.
func (s *Store) Begin(ctx context.Context) (*Tx, error) {
	if s.opts.ReadOnly {
		return nil, fmt.Errorf("%w: %s was opened for reading", ErrReadOnly, s.path)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.classify("starting a write", err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -4*s.opts.CacheMiB*1024)); err != nil {
		return nil, errors.Join(s.classify("starting a write", err), conn.Close())
	}
	if err := s.beginImmediate(ctx, conn); err != nil {
		return nil, errors.Join(s.classify("starting a write", err), conn.Close())
	}
	t := &Tx{
		s: s, ctx: ctx, conn: conn,
		nodes: map[string]*nodeState{}, edges: map[string]*edgeState{}, quants: map[string]*quantState{},
		chunks: map[int64]bool{},
	}
	if err := t.prepare(); err != nil {
		return nil, errors.Join(err, t.rollback())
	}
	return t, nil
}

func (t *Tx) prepare() error {
	v := map[string]**sql.Stmt{
		"selArticle": &t.st.selArticle, "insArticle": &t.st.insArticle, "updArticle": &t.st.updArticle, "selVersion": &t.st.selVersion,
		"selNode": &t.st.selNode, "insNode": &t.st.insNode, "updNode": &t.st.updNode, "delNode": &t.st.delNode,
		"insKey": &t.st.insKey, "delKey": &t.st.delKey,
		"insNodeFact": &t.st.insNodeFact, "selNodeFactsOf": &t.st.selNodeFactsOf, "delNodeFacts": &t.st.delNodeFacts,
		"selEdge": &t.st.selEdge, "insEdge": &t.st.insEdge, "updEdge": &t.st.updEdge, "delEdge": &t.st.delEdge, "selEdgeFirst": &t.st.selEdgeFirst,
		"insEdgeFact": &t.st.insEdgeFact, "selEdgeFactsOf": &t.st.selEdgeFactsOf, "delEdgeFacts": &t.st.delEdgeFacts,
		"selQuant": &t.st.selQuant, "insQuant": &t.st.insQuant, "updQuant": &t.st.updQuant, "delQuant": &t.st.delQuant,
		"insQuantFact": &t.st.insQuantFact, "selQuantFactsOf": &t.st.selQuantFactsOf, "delQuantFacts": &t.st.delQuantFacts,
	}
	for name, text := range stmtText {
		st, err := t.conn.PrepareContext(t.ctx, text)
		if err != nil {
			return t.s.classify("preparing "+name, err)
		}
		*v[name] = st
		t.st.all = append(t.st.all, st)
	}
	return nil
}

// Unchanged reports whether the store already holds article id with this
// content hash, so that extracting it again can be skipped.
func (t *Tx) Unchanged(id, hash string) (bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.usable(); err != nil {
		return false, err
	}
	var aid int64
	var h string
	err := t.st.selArticle.QueryRowContext(t.ctx, id).Scan(&aid, &h)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, t.s.classify("looking up article "+id, err)
	}
	return hash != "" && h == hash, nil
}

func (t *Tx) usable() error {
	if t.done {
		return errors.New("transaction already ended")
	}
	if t.err != nil {
		return fmt.Errorf("transaction failed earlier: %w", t.err)
	}
	return nil
}

// Put writes one article's contribution, replacing whatever a previous
// version of the article contributed. Nodes, edges and quantities no
// article contributes any more are removed when the transaction flushes.
func (t *Tx) Put(b graph.Batch) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.usable(); err != nil {
		return err
	}
	if err := t.ctx.Err(); err != nil {
		t.err = err
		return fmt.Errorf("writing article %s: %w", b.Article.ID, err)
	}
	if err := t.put(b); err != nil {
		t.err = err
		return err
	}
	if len(t.nodes)+len(t.edges)+len(t.quants) > flushAt {
		if err := t.flush(); err != nil {
			t.err = err
			return err
		}
	}
	return nil
}

func (t *Tx) put(b graph.Batch) error {
	a := b.Article
	if a.ID == "" {
		return errors.New("writing an article without an id")
	}
	fail := func(doing string, err error) error {
		return t.s.classify(fmt.Sprintf("writing article %s: %s", a.ID, doing), err)
	}
	var aid int64
	var oldHash string
	err := t.st.selArticle.QueryRowContext(t.ctx, a.ID).Scan(&aid, &oldHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := t.st.insArticle.ExecContext(t.ctx, a.ID, a.Title, a.Date, a.Lang, a.Path, a.URL, a.Hash, a.Fingerprint, a.File.Size, a.File.ModTime)
		if err != nil {
			return fail("inserting the article", err)
		}
		if aid, err = res.LastInsertId(); err != nil {
			return fail("inserting the article", err)
		}
	case err != nil:
		return fail("looking up the article", err)
	default:
		if err := t.forget(aid); err != nil {
			return fail("removing its previous version", err)
		}
		if _, err := t.st.updArticle.ExecContext(t.ctx, a.Title, a.Date, a.Lang, a.Path, a.URL, a.Hash, a.Fingerprint, a.File.Size, a.File.ModTime, aid); err != nil {
			return fail("updating the article", err)
		}
		t.stats.Replaced++
	}
	t.stats.Articles++

	mentions := make(map[string]graph.MentionRow, len(b.Mentions))
	for _, m := range b.Mentions {
		mentions[m.Node] = m
	}
	for _, n := range b.Nodes {
		if err := t.putNode(aid, n, mentions[n.ID]); err != nil {
			return fail("node "+n.ID, err)
		}
	}
	for _, e := range b.Edges {
		if err := t.putEdge(a.ID, aid, e); err != nil {
			return fail("relation "+e.Key, err)
		}
	}
	for _, q := range b.Quantities {
		if err := t.putQuantity(aid, q); err != nil {
			return fail("quantity "+q.Key, err)
		}
	}
	return nil
}

// Remove removes article id and exactly what it contributed: its facts
// are taken out of the summaries of what it touched, and what no article
// contributes to any more goes at the next flush. Removing an article the
// store does not hold does nothing.
func (t *Tx) Remove(id string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.usable(); err != nil {
		return err
	}
	var aid int64
	var hash string
	err := t.st.selArticle.QueryRowContext(t.ctx, id).Scan(&aid, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err == nil {
		err = t.forget(aid)
	}
	if err == nil {
		_, err = t.conn.ExecContext(t.ctx, `DELETE FROM articles WHERE aid = ?`, aid)
	}
	if err != nil {
		t.err = t.s.classify("removing article "+id, err)
		return t.err
	}
	return nil
}

// forget takes the facts of article aid out of the summaries they were
// added to, and deletes them.
func (t *Tx) forget(aid int64) error {
	err := t.each(t.st.selNodeFactsOf, aid, func(rows *sql.Rows) (func() error, error) {
		var id, aliases, props string
		var f merge.EntityFact
		if err := rows.Scan(&id, &f.Name, &aliases, &props, &f.Mentions); err != nil {
			return nil, err
		}
		if err := decode(aliases, &f.Aliases); err != nil {
			return nil, fmt.Errorf("node %s aliases: %w", id, err)
		}
		var err error
		if f.Props, err = decodeProps(props); err != nil {
			return nil, fmt.Errorf("node %s props: %w", id, err)
		}
		return func() error {
			st, err := t.node(id)
			if err != nil || st == nil {
				return err
			}
			st.sum.Remove(f)
			if f.Mentions > 0 {
				st.mentioned--
			}
			st.changed = true
			return nil
		}, nil
	})
	if err != nil {
		return err
	}
	err = t.each(t.st.selEdgeFactsOf, aid, func(rows *sql.Rows) (func() error, error) {
		var key, props string
		var sentences int64
		if err := rows.Scan(&key, &props, &sentences); err != nil {
			return nil, err
		}
		p, err := decodeProps(props)
		if err != nil {
			return nil, fmt.Errorf("relation %s props: %w", key, err)
		}
		return func() error {
			st, err := t.edge(key)
			if err != nil || st == nil {
				return err
			}
			st.sum.Remove(p)
			st.sentences -= sentences
			st.changed, st.stale = true, true
			return nil
		}, nil
	})
	if err != nil {
		return err
	}
	err = t.each(t.st.selQuantFactsOf, aid, func(rows *sql.Rows) (func() error, error) {
		var key, unit string
		var approx bool
		if err := rows.Scan(&key, &unit, &approx); err != nil {
			return nil, err
		}
		return func() error {
			st, err := t.quant(key)
			if err != nil || st == nil {
				return err
			}
			st.sum.Remove(unit, approx)
			st.changed = true
			return nil
		}, nil
	})
	if err != nil {
		return err
	}
	for _, st := range []*sql.Stmt{t.st.delQuantFacts, t.st.delEdgeFacts, t.st.delNodeFacts} {
		if _, err := st.ExecContext(t.ctx, aid); err != nil {
			return err
		}
	}
	return nil
}

// each scans every row of st with scan, then runs the actions scan
// returned: the rows are closed before any action runs other statements.
func (t *Tx) each(st *sql.Stmt, arg any, scan func(*sql.Rows) (func() error, error)) error {
	rows, err := st.QueryContext(t.ctx, arg)
	if err != nil {
		return err
	}
	var todo []func() error
	for rows.Next() {
		do, err := scan(rows)
		if err != nil {
			return errors.Join(err, rows.Close())
		}
		todo = append(todo, do)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, do := range todo {
		if err := do(); err != nil {
			return err
		}
	}
	return nil
}

// node returns the state of node id, loading it; nil if it does not exist.
func (t *Tx) node(id string) (*nodeState, error) {
	if st, ok := t.nodes[id]; ok {
		return st, nil
	}
	var st nodeState
	var keys, sum string
	err := t.st.selNode.QueryRowContext(t.ctx, id).Scan(&st.nid, &st.label, &keys, &sum, &st.mentioned)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := decode(keys, &st.keys); err != nil {
		return nil, fmt.Errorf("node %s keys: %w", id, err)
	}
	if err := decode(sum, &st.sum); err != nil {
		return nil, fmt.Errorf("node %s summary: %w", id, err)
	}
	t.nodes[id] = &st
	return &st, nil
}

func (t *Tx) putNode(aid int64, n graph.NodeRow, m graph.MentionRow) error {
	st, err := t.node(n.ID)
	if err != nil {
		return err
	}
	f := merge.Fact(n, m.Count)
	if st == nil {
		st = &nodeState{label: n.Label}
		st.sum.Add(f)
		if m.Count > 0 {
			st.mentioned = 1
		}
		row := st.sum.Row(n.ID, n.Label)
		res, err := t.st.insNode.ExecContext(t.ctx, n.ID, n.Label, row.Name, row.Key, mustJSON(row.Keys), mustJSON(row.Aliases), mustJSON(row.Props), mustJSON(&st.sum), st.mentioned)
		if err != nil {
			return err
		}
		if st.nid, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, k := range row.Keys {
			if _, err := t.st.insKey.ExecContext(t.ctx, k, st.nid); err != nil {
				return err
			}
		}
		st.keys = row.Keys
		t.nodes[n.ID] = st
		t.chunks[chunkOf(st.nid)] = true
		t.stats.Nodes++
	} else {
		st.sum.Add(f)
		if m.Count > 0 {
			st.mentioned++
		}
		st.changed = true
	}
	starts, ends := m.Starts, m.Ends
	if starts == nil {
		starts, ends = []int{}, []int{}
	}
	_, err = t.st.insNodeFact.ExecContext(t.ctx, st.nid, aid, n.Name, mustJSON(nonNil(n.Aliases)), mustJSON(n.Props), m.Count, mustJSON(starts), mustJSON(ends))
	return err
}

func (t *Tx) edge(key string) (*edgeState, error) {
	if st, ok := t.edges[key]; ok {
		return st, nil
	}
	var st edgeState
	var sum string
	err := t.st.selEdge.QueryRowContext(t.ctx, key).Scan(&st.eid, &sum, &st.firstRaw, &st.sentences)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := decode(sum, &st.sum); err != nil {
		return nil, fmt.Errorf("relation %s summary: %w", key, err)
	}
	t.edges[key] = &st
	return &st, nil
}

func (t *Tx) putEdge(article string, aid int64, e graph.EdgeRow) error {
	src, dst := t.nodes[e.From], t.nodes[e.To]
	if src == nil || dst == nil {
		return fmt.Errorf("an endpoint is not a node of the article")
	}
	if !graph.ValidRelType(e.Type) {
		return fmt.Errorf("relationship type %q is not in the graph model", e.Type)
	}
	st, err := t.edge(e.Key)
	if err != nil {
		return err
	}
	if st == nil {
		st = &edgeState{first: []firstSentence{}, sentences: int64(len(e.Evidence))}
		st.sum.Add(e.Props)
		st.addFirst(article, e.Evidence)
		st.firstRaw = firstJSON(st.first)
		res, err := t.st.insEdge.ExecContext(t.ctx, e.Key, e.Type, src.nid, dst.nid, mustJSON(st.sum.Value()), st.sentences, st.firstRaw, mustJSON(&st.sum))
		if err != nil {
			return err
		}
		if st.eid, err = res.LastInsertId(); err != nil {
			return err
		}
		t.edges[e.Key] = st
		t.stats.Edges++
	} else {
		st.sum.Add(e.Props)
		st.sentences += int64(len(e.Evidence))
		if !st.stale {
			if err := st.addFirst(article, e.Evidence); err != nil {
				return err
			}
		}
		st.changed = true
	}
	_, err = t.st.insEdgeFact.ExecContext(t.ctx, st.eid, aid, mustJSON(e.Props), evidenceJSON(e.Evidence))
	return err
}

// addFirst adds the evidence of an article that is not yet among the
// edge's to first: the first maxFirst sentences of the union are the
// first maxFirst of first and the new ones.
func (st *edgeState) addFirst(article string, ev []extract.Span) error {
	if len(ev) == 0 {
		return nil
	}
	if st.first == nil {
		var pairs [][2]string
		if err := decode(st.firstRaw, &pairs); err != nil {
			return fmt.Errorf("first evidence: %w", err)
		}
		st.first = make([]firstSentence, len(pairs), maxFirst)
		for i, p := range pairs {
			st.first[i] = firstSentence{p[0], p[1]}
		}
	}
	i, _ := slices.BinarySearchFunc(st.first, article, func(f firstSentence, a string) int { return strings.Compare(f.article, a) })
	if i >= maxFirst {
		return nil
	}
	add := make([]firstSentence, 0, maxFirst-i)
	for _, sp := range ev[:min(len(ev), maxFirst-i)] {
		add = append(add, firstSentence{article, sp.Text})
	}
	st.first = slices.Insert(st.first, i, add...)
	st.first = st.first[:min(len(st.first), maxFirst)]
	st.firstRaw = ""
	return nil
}

// recomputeFirst reads the edge's first sentences from edge_facts.
func (t *Tx) recomputeFirst(st *edgeState) error {
	rows, err := t.st.selEdgeFirst.QueryContext(t.ctx, st.eid)
	if err != nil {
		return err
	}
	defer rows.Close()
	first := []firstSentence{}
	for rows.Next() {
		var art, evidence string
		if err := rows.Scan(&art, &evidence); err != nil {
			return err
		}
		var ev [][3]any
		if err := decode(evidence, &ev); err != nil {
			return fmt.Errorf("evidence of article %s: %w", art, err)
		}
		for _, e := range ev {
			if len(first) == maxFirst {
				break
			}
			text, _ := e[2].(string)
			first = append(first, firstSentence{art, text})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	st.first, st.firstRaw, st.stale = first, "", false
	return nil
}

func firstJSON(first []firstSentence) string {
	pairs := make([][2]string, len(first))
	for i, f := range first {
		pairs[i] = [2]string{f.article, f.text}
	}
	return mustJSON(pairs)
}

func (t *Tx) quant(key string) (*quantState, error) {
	if st, ok := t.quants[key]; ok {
		return st, nil
	}
	var st quantState
	var sum string
	err := t.st.selQuant.QueryRowContext(t.ctx, key).Scan(&st.qid, &sum)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := decode(sum, &st.sum); err != nil {
		return nil, fmt.Errorf("quantity %s summary: %w", key, err)
	}
	t.quants[key] = &st
	return &st, nil
}

func (t *Tx) putQuantity(aid int64, q graph.QuantityRow) error {
	subj := t.nodes[q.Subject]
	if subj == nil {
		return fmt.Errorf("subject %s is not a node of the article", q.Subject)
	}
	var country any
	if q.Of != "" {
		c := t.nodes[q.Of]
		if c == nil {
			return fmt.Errorf("country %s is not a node of the article", q.Of)
		}
		country = c.nid
	}
	st, err := t.quant(q.Key)
	if err != nil {
		return err
	}
	if st == nil {
		st = &quantState{}
		st.sum.Add(q.Unit, q.Approx)
		res, err := t.st.insQuant.ExecContext(t.ctx, q.Key, subj.nid, country, q.Count, q.Unit, q.Approx, mustJSON(&st.sum))
		if err != nil {
			return err
		}
		if st.qid, err = res.LastInsertId(); err != nil {
			return err
		}
		t.quants[q.Key] = st
	} else {
		st.sum.Add(q.Unit, q.Approx)
		st.changed = true
	}
	_, err = t.st.insQuantFact.ExecContext(t.ctx, st.qid, aid, q.Unit, q.Approx, evidenceJSON(q.Evidence))
	return err
}

// flush writes out the merged state (see writeOut) and forgets it.
func (t *Tx) flush() error {
	if err := t.writeOut(); err != nil {
		return err
	}
	clear(t.quants)
	clear(t.edges)
	clear(t.nodes)
	return nil
}

// writeOut writes the merged value and summary of everything changed
// since the last write-out and removes what no article contributes to;
// what stays in memory is then what the store holds. Children go before
// parents: quantities and edges, then nodes.
func (t *Tx) writeOut() error {
	for key, st := range t.quants {
		if err := t.flushQuant(st); err != nil {
			return t.s.classify("merging quantity "+key, err)
		}
	}
	for key, st := range t.edges {
		if err := t.flushEdge(st); err != nil {
			return t.s.classify("merging relation "+key, err)
		}
	}
	for id, st := range t.nodes {
		if err := t.flushNode(id, st); err != nil {
			return t.s.classify("merging node "+id, err)
		}
	}
	for key, st := range t.quants {
		if st.gone {
			delete(t.quants, key)
		}
		st.changed = false
	}
	for key, st := range t.edges {
		if st.gone {
			delete(t.edges, key)
		}
		st.changed = false
	}
	for id, st := range t.nodes {
		if st.gone {
			delete(t.nodes, id)
		}
		st.changed = false
	}
	if err := writeChunks(t.ctx, t.conn, t.chunks); err != nil {
		return t.s.classify("indexing names", err)
	}
	clear(t.chunks)
	return nil
}

func (t *Tx) flushQuant(st *quantState) error {
	if !st.changed {
		return nil
	}
	if st.sum.Empty() {
		_, err := t.st.delQuant.ExecContext(t.ctx, st.qid)
		st.gone = true
		return err
	}
	unit, approx := st.sum.Value()
	_, err := t.st.updQuant.ExecContext(t.ctx, unit, approx, mustJSON(&st.sum), st.qid)
	return err
}

func (t *Tx) flushEdge(st *edgeState) error {
	if !st.changed {
		return nil
	}
	if st.sum.Empty() {
		_, err := t.st.delEdge.ExecContext(t.ctx, st.eid)
		t.stats.Edges--
		st.gone = true
		return err
	}
	if st.stale {
		if err := t.recomputeFirst(st); err != nil {
			return err
		}
	}
	if st.firstRaw == "" {
		st.firstRaw = firstJSON(st.first)
	}
	_, err := t.st.updEdge.ExecContext(t.ctx, mustJSON(st.sum.Value()), st.sum.Articles, st.sentences, st.firstRaw, mustJSON(&st.sum), st.eid)
	return err
}

func (t *Tx) flushNode(id string, st *nodeState) error {
	if !st.changed {
		return nil
	}
	if st.sum.Empty() {
		for _, k := range st.keys {
			if _, err := t.st.delKey.ExecContext(t.ctx, k, st.nid); err != nil {
				return err
			}
		}
		_, err := t.st.delNode.ExecContext(t.ctx, st.nid)
		t.chunks[chunkOf(st.nid)] = true
		t.stats.Nodes--
		st.gone = true
		return err
	}
	row := st.sum.Row(id, st.label)
	if _, err := t.st.updNode.ExecContext(t.ctx, row.Name, row.Key, mustJSON(row.Keys), mustJSON(row.Aliases), mustJSON(row.Props), mustJSON(&st.sum), st.mentioned, st.nid); err != nil {
		return err
	}
	// Keep node_keys in step with the new keys.
	old := map[string]bool{}
	for _, k := range st.keys {
		old[k] = true
	}
	for _, k := range row.Keys {
		if old[k] {
			delete(old, k)
			continue
		}
		if _, err := t.st.insKey.ExecContext(t.ctx, k, st.nid); err != nil {
			return err
		}
		t.chunks[chunkOf(st.nid)] = true
	}
	for k := range old {
		if _, err := t.st.delKey.ExecContext(t.ctx, k, st.nid); err != nil {
			return err
		}
		t.chunks[chunkOf(st.nid)] = true
	}
	st.keys = row.Keys
	return nil
}

// Checkpoint commits what the transaction wrote so far (whole articles:
// Put holds the same lock) and goes on in a new transaction on the same
// connection, so that an interruption, a kill or a full disk later keeps
// it. If the commit fails the articles since the last checkpoint are
// rolled back and only Rollback remains possible.
func (t *Tx) Checkpoint() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.usable(); err != nil {
		return err
	}
	// The merged state stays in memory (clean) for the next batch, unless
	// another writer commits between this batch and the next.
	if err := t.writeOut(); err != nil {
		t.err = err
		return err
	}
	if _, err := t.conn.ExecContext(t.ctx, "COMMIT"); err != nil {
		t.err = t.s.classify("committing", err)
		return t.err
	}
	t.committed = t.stats.Articles
	if !t.wal {
		t.wal = t.s.walMode(t.ctx, t.conn, "wal")
	}
	before, err := t.dataVersion()
	if err == nil {
		err = t.s.beginImmediate(t.ctx, t.conn)
	}
	if err != nil {
		t.err = t.s.classify("starting the next batch", err)
		return t.err
	}
	after, err := t.dataVersion()
	if err != nil {
		t.err = t.s.classify("starting the next batch", err)
		return t.err
	}
	if after != before { // another connection committed meanwhile
		clear(t.quants)
		clear(t.edges)
		clear(t.nodes)
		t.resets++
	}
	return nil
}

// Resets counts the checkpoints after which the transaction found the
// store changed by another connection: what it read of the store before
// may be stale.
func (t *Tx) Resets() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.resets
}

// walMode sets conn's journal mode ("wal" or "delete"), outside a
// transaction, and reports whether it is now that mode. It does not wait
// for other connections: when one is reading, the mode stays.
//
// After its first commit a write session goes on in WAL mode: a commit
// then appends the changed pages to the -wal file instead of copying
// each page's old content into a rollback journal first (most of a
// commit's CPU) and syncing both, so that commits can come every second
// (CommitMaxInterval). Before its first commit the file is untouched, so
// a session that ends before it leaves the store byte for byte as it
// was. Commit and Rollback go back to the rollback journal (folding the
// -wal file into the store), so that a store at rest is one file, which
// read-only opens read without creating a -shm file next to it. A store
// a kill left in WAL mode is recovered by the next open, as a hot
// journal is; one a full disk left so (the -wal file cannot be folded
// in without room) by the next ingest once there is room. If the mode
// cannot be changed, the session stays in rollback-journal mode: slower
// commits, the same guarantees.
func (s *Store) walMode(ctx context.Context, conn *sql.Conn, mode string) bool {
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return false
	}
	var got string
	err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = "+mode).Scan(&got)
	if _, perr := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", s.opts.BusyTimeout.Milliseconds())); perr != nil {
		return false
	}
	return err == nil && got == mode
}

// dataVersion is SQLite's PRAGMA data_version, which changes when another
// connection commits.
func (t *Tx) dataVersion() (int64, error) {
	var v int64
	err := t.conn.QueryRowContext(t.ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// Committed is how many articles written by this transaction are
// committed (by Checkpoint or Commit).
func (t *Tx) Committed() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.committed
}

// Written is how many articles Put wrote, committed or not.
func (t *Tx) Written() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stats.Articles
}

// Commit writes the merged state and commits. If Commit fails, the store
// is as the last Checkpoint left it.
func (t *Tx) Commit() (Stats, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done {
		return t.stats, errors.New("transaction already ended")
	}
	if t.err != nil {
		return t.stats, errors.Join(fmt.Errorf("transaction failed earlier: %w", t.err), t.rollback())
	}
	if err := t.flush(); err != nil {
		return t.stats, errors.Join(err, t.rollback())
	}
	t.closeStmts()
	if _, err := t.conn.ExecContext(t.ctx, "COMMIT"); err != nil {
		return t.stats, errors.Join(t.s.classify("committing", err), t.rollback())
	}
	t.done = true
	t.committed = t.stats.Articles
	if t.wal {
		t.s.walMode(t.ctx, t.conn, "delete")
	}
	return t.stats, t.conn.Close()
}

// Rollback abandons the transaction. It is safe to call after Commit (it
// does nothing) and more than once.
func (t *Tx) Rollback() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done {
		return nil
	}
	return t.rollback()
}

func (t *Tx) rollback() error {
	t.done = true
	t.closeStmts()
	_, err := t.conn.ExecContext(context.WithoutCancel(t.ctx), "ROLLBACK")
	err = ignoreNoTx(err)
	if err != nil {
		err = t.s.classify("rolling back", err)
	}
	if t.wal {
		t.s.walMode(context.WithoutCancel(t.ctx), t.conn, "delete")
	}
	return errors.Join(err, t.conn.Close())
}

func (t *Tx) closeStmts() {
	for _, st := range t.st.all {
		st.Close()
	}
	t.st.all = nil
}

func mustJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Props holds only JSON-encodable values (graph.Props), and the
		// other values are strings and ints.
		return "null"
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func decode(s string, v any) error {
	return json.Unmarshal([]byte(s), v)
}

// decodeProps reads a props object as graph.Props values (integral numbers
// as int64).
func decodeProps(s string) (map[string]any, error) {
	if s == "{}" {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return graph.Props(m), nil
}

// evidenceJSON encodes spans as [[start, end, sentence], ...].
func evidenceJSON(spans []extract.Span) string {
	ev := make([][3]any, len(spans))
	for i, s := range spans {
		ev[i] = [3]any{s.Start, s.End, s.Text}
	}
	return mustJSON(ev)
}
