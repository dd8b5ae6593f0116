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
)

// flushAt bounds the merge state a Tx keeps in memory: past this many
// touched nodes, edges and quantities, Put writes the merged rows and
// forgets them. Memory is bounded by the graph, never by the corpus.
const flushAt = 100_000

// mergeChunk is how many per-article records a full recompute merges at
// once.
const mergeChunk = 512

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
	stats     Stats
	committed int // articles made durable by Checkpoint (and Commit)
}

// nodeState is a node's merged state during a transaction. When dirty, the
// merged columns are stale and flush recomputes them from every
// contributing article.
type nodeState struct {
	nid     int64
	ent     extract.Entity // merged: Type, Name, Aliases, Props
	keys    []string       // keys as stored in node_keys
	last    string         // greatest contributing article id
	dirty   bool
	changed bool
	gone    bool // deleted by the last flush
}

// edgeState is an edge's merged state during a transaction. Besides the
// props it keeps the evidence summary (n_articles, first_evidence), which
// stays exact as articles are added in any order; only removing an
// article's facts (stale) makes flush recompute it from edge_facts.
type edgeState struct {
	eid      int64
	props    map[string]any
	last     string
	n        int64           // n_articles: edge_facts rows
	first    []firstSentence // first_evidence, when decoded
	firstRaw string          // first_evidence as stored; "" once first is newer
	dirty    bool
	stale    bool // first_evidence must be recomputed (implies dirty)
	changed  bool
	gone     bool // deleted by the last flush
}

// firstSentence is one entry of edges.first_evidence.
type firstSentence struct {
	article, text string
}

// maxFirst is how many sentences edges.first_evidence keeps.
const maxFirst = 3

type quantState struct {
	qid     int64
	approx  bool
	last    string
	dirty   bool
	changed bool
	gone    bool // deleted by the last flush
}

type stmts struct {
	selArticle, insArticle, updArticle, selVersion               *sql.Stmt
	selNode, insNode, updNode, delNode, insKey, delKey           *sql.Stmt
	insNodeFact, selNodeFactIDs, delNodeFacts, selNodeFacts      *sql.Stmt
	selEdge, insEdge, updEdge, delEdge, selEdgeFirst             *sql.Stmt
	insEdgeFact, selEdgeFactKeys, delEdgeFacts, selEdgeFacts     *sql.Stmt
	selQuant, insQuant, updQuant, delQuant                       *sql.Stmt
	insQuantFact, selQuantFactKeys, delQuantFacts, selQuantFacts *sql.Stmt
	all                                                          []*sql.Stmt
}

var stmtText = map[string]string{
	"selArticle": `SELECT aid, hash FROM articles WHERE id = ?`,
	"insArticle": `INSERT INTO articles (id, title, date, lang, path, url, hash, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	"updArticle": `UPDATE articles SET title = ?, date = ?, lang = ?, path = ?, url = ?, hash = ?, fingerprint = ? WHERE aid = ?`,
	"selVersion": `SELECT hash, fingerprint FROM articles WHERE id = ?`,

	"selNode": `SELECT nid, label, name, aliases, props, keys, last_article FROM nodes WHERE id = ?`,
	"insNode": `INSERT INTO nodes (id, label, name, key, keys, aliases, props, last_article) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	"updNode": `UPDATE nodes SET name = ?, key = ?, keys = ?, aliases = ?, props = ?, last_article = ? WHERE nid = ?`,
	"delNode": `DELETE FROM nodes WHERE nid = ?`,
	"insKey":  `INSERT OR IGNORE INTO node_keys (key, nid) VALUES (?, ?)`,
	"delKey":  `DELETE FROM node_keys WHERE key = ? AND nid = ?`,

	"insNodeFact":    `INSERT INTO node_facts (nid, aid, name, aliases, props, mentions, starts, ends) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	"selNodeFactIDs": `SELECT n.id FROM node_facts f JOIN nodes n ON n.nid = f.nid WHERE f.aid = ?`,
	"delNodeFacts":   `DELETE FROM node_facts WHERE aid = ?`,
	"selNodeFacts":   `SELECT f.name, f.aliases, f.props, a.id FROM node_facts f JOIN articles a ON a.aid = f.aid WHERE f.nid = ? ORDER BY a.id`,

	"selEdge": `SELECT eid, props, last_article, n_articles, first_evidence FROM edges WHERE key = ?`,
	"insEdge": `INSERT INTO edges (key, type, src, dst, props, last_article, n_articles, first_evidence) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
	"updEdge": `UPDATE edges SET props = ?, last_article = ?, n_articles = ?, first_evidence = ? WHERE eid = ?`,
	"delEdge": `DELETE FROM edges WHERE eid = ?`,
	// The facts with the first sentences: at most maxFirst articles with
	// evidence, in id order.
	"selEdgeFirst": `SELECT a.id, f.evidence FROM edge_facts f CROSS JOIN articles a ON a.aid = f.aid WHERE f.eid = ? AND f.evidence <> '[]' ORDER BY a.id LIMIT 3`,

	"insEdgeFact":     `INSERT INTO edge_facts (eid, aid, props, evidence) VALUES (?, ?, ?, ?)`,
	"selEdgeFactKeys": `SELECT e.key FROM edge_facts f JOIN edges e ON e.eid = f.eid WHERE f.aid = ?`,
	"delEdgeFacts":    `DELETE FROM edge_facts WHERE aid = ?`,
	"selEdgeFacts":    `SELECT f.props, a.id FROM edge_facts f JOIN articles a ON a.aid = f.aid WHERE f.eid = ? ORDER BY a.id`,

	"selQuant": `SELECT qid, approx, last_article FROM quantities WHERE key = ?`,
	"insQuant": `INSERT INTO quantities (key, subject, country, count, unit, approx, last_article) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	"updQuant": `UPDATE quantities SET unit = coalesce(?, unit), approx = ?, last_article = ? WHERE qid = ?`,
	"delQuant": `DELETE FROM quantities WHERE qid = ?`,

	"insQuantFact":     `INSERT INTO quantity_facts (qid, aid, unit, approx, evidence) VALUES (?, ?, ?, ?, ?)`,
	"selQuantFactKeys": `SELECT q.key FROM quantity_facts f JOIN quantities q ON q.qid = f.qid WHERE f.aid = ?`,
	"delQuantFacts":    `DELETE FROM quantity_facts WHERE aid = ?`,
	"selQuantFacts":    `SELECT f.unit, f.approx, a.id FROM quantity_facts f JOIN articles a ON a.aid = f.aid WHERE f.qid = ? ORDER BY a.id`,
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
		"insNodeFact": &t.st.insNodeFact, "selNodeFactIDs": &t.st.selNodeFactIDs, "delNodeFacts": &t.st.delNodeFacts, "selNodeFacts": &t.st.selNodeFacts,
		"selEdge": &t.st.selEdge, "insEdge": &t.st.insEdge, "updEdge": &t.st.updEdge, "delEdge": &t.st.delEdge, "selEdgeFirst": &t.st.selEdgeFirst,
		"insEdgeFact": &t.st.insEdgeFact, "selEdgeFactKeys": &t.st.selEdgeFactKeys, "delEdgeFacts": &t.st.delEdgeFacts, "selEdgeFacts": &t.st.selEdgeFacts,
		"selQuant": &t.st.selQuant, "insQuant": &t.st.insQuant, "updQuant": &t.st.updQuant, "delQuant": &t.st.delQuant,
		"insQuantFact": &t.st.insQuantFact, "selQuantFactKeys": &t.st.selQuantFactKeys, "delQuantFacts": &t.st.delQuantFacts, "selQuantFacts": &t.st.selQuantFacts,
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
		res, err := t.st.insArticle.ExecContext(t.ctx, a.ID, a.Title, a.Date, a.Lang, a.Path, a.URL, a.Hash, a.Fingerprint)
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
		if _, err := t.st.updArticle.ExecContext(t.ctx, a.Title, a.Date, a.Lang, a.Path, a.URL, a.Hash, a.Fingerprint, aid); err != nil {
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
		if err := t.putNode(a.ID, aid, n, mentions[n.ID]); err != nil {
			return fail("node "+n.ID, err)
		}
	}
	for _, e := range b.Edges {
		if err := t.putEdge(a.ID, aid, e); err != nil {
			return fail("relation "+e.Key, err)
		}
	}
	for _, q := range b.Quantities {
		if err := t.putQuantity(a.ID, aid, q); err != nil {
			return fail("quantity "+q.Key, err)
		}
	}
	return nil
}

// forget deletes the facts of article aid and marks what they touched for
// recomputation.
func (t *Tx) forget(aid int64) error {
	ids, err := t.strings(t.st.selNodeFactIDs, aid)
	if err != nil {
		return err
	}
	for _, id := range ids {
		st, err := t.node(id)
		if err != nil {
			return err
		}
		st.dirty = true
	}
	keys, err := t.strings(t.st.selEdgeFactKeys, aid)
	if err != nil {
		return err
	}
	for _, k := range keys {
		st, err := t.edge(k)
		if err != nil {
			return err
		}
		st.dirty, st.stale = true, true
	}
	if keys, err = t.strings(t.st.selQuantFactKeys, aid); err != nil {
		return err
	}
	for _, k := range keys {
		st, err := t.quant(k)
		if err != nil {
			return err
		}
		st.dirty = true
	}
	for _, st := range []*sql.Stmt{t.st.delQuantFacts, t.st.delEdgeFacts, t.st.delNodeFacts} {
		if _, err := st.ExecContext(t.ctx, aid); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) strings(st *sql.Stmt, args ...any) ([]string, error) {
	rows, err := st.QueryContext(t.ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// node returns the state of node id, loading it; nil if it does not exist.
func (t *Tx) node(id string) (*nodeState, error) {
	if st, ok := t.nodes[id]; ok {
		return st, nil
	}
	var st nodeState
	var aliases, props, keys string
	err := t.st.selNode.QueryRowContext(t.ctx, id).Scan(&st.nid, &st.ent.Type, &st.ent.Name, &aliases, &props, &keys, &st.last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	st.ent.ID = id
	if err := decode(aliases, &st.ent.Aliases); err != nil {
		return nil, fmt.Errorf("node %s aliases: %w", id, err)
	}
	if st.ent.Props, err = decodeProps(props); err != nil {
		return nil, fmt.Errorf("node %s props: %w", id, err)
	}
	if err := decode(keys, &st.keys); err != nil {
		return nil, fmt.Errorf("node %s keys: %w", id, err)
	}
	t.nodes[id] = &st
	return &st, nil
}

func (t *Tx) putNode(article string, aid int64, n graph.NodeRow, m graph.MentionRow) error {
	st, err := t.node(n.ID)
	if err != nil {
		return err
	}
	if st == nil {
		res, err := t.st.insNode.ExecContext(t.ctx, n.ID, n.Label, n.Name, n.Key, mustJSON(n.Keys), mustJSON(n.Aliases), mustJSON(n.Props), article)
		if err != nil {
			return err
		}
		nid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for _, k := range n.Keys {
			if _, err := t.st.insKey.ExecContext(t.ctx, k, nid); err != nil {
				return err
			}
		}
		st = &nodeState{nid: nid, ent: n.Entity(), keys: n.Keys, last: article}
		t.nodes[n.ID] = st
		t.stats.Nodes++
	} else if !st.dirty {
		if article > st.last {
			st.ent = extract.MergeEntities([]extract.Entity{st.ent, n.Entity()})
			st.last = article
			st.changed = true
		} else {
			st.dirty = true
		}
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
	var props string
	err := t.st.selEdge.QueryRowContext(t.ctx, key).Scan(&st.eid, &props, &st.last, &st.n, &st.firstRaw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if st.props, err = decodeProps(props); err != nil {
		return nil, fmt.Errorf("relation %s props: %w", key, err)
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
		st = &edgeState{props: e.Props, last: article, n: 1, first: []firstSentence{}}
		st.addFirst(article, e.Evidence)
		st.firstRaw = firstJSON(st.first)
		res, err := t.st.insEdge.ExecContext(t.ctx, e.Key, e.Type, src.nid, dst.nid, mustJSON(e.Props), article, st.firstRaw)
		if err != nil {
			return err
		}
		if st.eid, err = res.LastInsertId(); err != nil {
			return err
		}
		t.edges[e.Key] = st
		t.stats.Edges++
	} else {
		if !st.dirty {
			if article > st.last {
				st.props = extract.MergeRelationProps(st.props, e.Props)
				st.last = article
			} else {
				st.dirty = true
			}
		}
		if !st.stale {
			// A new fact: the article is not yet among the edge's.
			st.n++
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
	err := t.st.selQuant.QueryRowContext(t.ctx, key).Scan(&st.qid, &st.approx, &st.last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t.quants[key] = &st
	return &st, nil
}

func (t *Tx) putQuantity(article string, aid int64, q graph.QuantityRow) error {
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
		res, err := t.st.insQuant.ExecContext(t.ctx, q.Key, subj.nid, country, q.Count, q.Unit, q.Approx, article)
		if err != nil {
			return err
		}
		qid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		st = &quantState{qid: qid, approx: q.Approx, last: article}
		t.quants[q.Key] = st
	} else if !st.dirty {
		if article > st.last {
			st.approx = st.approx && q.Approx
			st.last = article
			st.changed = true
		} else {
			st.dirty = true
		}
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

// writeOut writes the merged state of everything touched since the last
// write-out, recomputing dirty items from their facts and removing the
// ones no article contributes to; what stays in memory is then clean (it
// is what the store holds). Children go before parents: quantities and
// edges, then nodes.
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
		if err := t.flushNode(st); err != nil {
			return t.s.classify("merging node "+id, err)
		}
	}
	for key, st := range t.quants {
		if st.gone {
			delete(t.quants, key)
		}
		st.dirty, st.changed = false, false
	}
	for key, st := range t.edges {
		if st.gone {
			delete(t.edges, key)
		}
		st.dirty, st.stale, st.changed = false, false, false
	}
	for id, st := range t.nodes {
		if st.gone {
			delete(t.nodes, id)
		}
		st.dirty, st.changed = false, false
	}
	return nil
}

func (t *Tx) flushQuant(st *quantState) error {
	var unit any // nil keeps the stored unit
	if st.dirty {
		rows, err := t.st.selQuantFacts.QueryContext(t.ctx, st.qid)
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			var u, art string
			var approx bool
			if err := rows.Scan(&u, &approx, &art); err != nil {
				rows.Close()
				return err
			}
			if n == 0 {
				unit, st.approx = u, approx
			} else {
				st.approx = st.approx && approx
			}
			st.last = art
			n++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if n == 0 {
			_, err := t.st.delQuant.ExecContext(t.ctx, st.qid)
			st.gone = true
			return err
		}
	} else if !st.changed {
		return nil
	}
	_, err := t.st.updQuant.ExecContext(t.ctx, unit, st.approx, st.last, st.qid)
	return err
}

func (t *Tx) flushEdge(st *edgeState) error {
	if st.dirty {
		rows, err := t.st.selEdgeFacts.QueryContext(t.ctx, st.eid)
		if err != nil {
			return err
		}
		var props map[string]any
		n := 0
		for rows.Next() {
			var p, art string
			if err := rows.Scan(&p, &art); err != nil {
				rows.Close()
				return err
			}
			fp, err := decodeProps(p)
			if err != nil {
				rows.Close()
				return err
			}
			props = extract.MergeRelationProps(props, fp)
			st.last = art
			n++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if n == 0 {
			_, err := t.st.delEdge.ExecContext(t.ctx, st.eid)
			t.stats.Edges--
			st.gone = true
			return err
		}
		st.props, st.n = props, int64(n)
		if st.stale {
			if err := t.recomputeFirst(st); err != nil {
				return err
			}
		}
	} else if !st.changed {
		return nil
	}
	if st.firstRaw == "" {
		st.firstRaw = firstJSON(st.first)
	}
	_, err := t.st.updEdge.ExecContext(t.ctx, mustJSON(graph.Props(st.props)), st.last, st.n, st.firstRaw, st.eid)
	return err
}

func (t *Tx) flushNode(st *nodeState) error {
	if st.dirty {
		merged, last, n, err := t.recomputeNode(st)
		if err != nil {
			return err
		}
		if n == 0 {
			for _, k := range st.keys {
				if _, err := t.st.delKey.ExecContext(t.ctx, k, st.nid); err != nil {
					return err
				}
			}
			_, err := t.st.delNode.ExecContext(t.ctx, st.nid)
			t.stats.Nodes--
			st.gone = true
			return err
		}
		st.ent, st.last = merged, last
	} else if !st.changed {
		return nil
	}
	row := graph.NodeRowOf(st.ent)
	if _, err := t.st.updNode.ExecContext(t.ctx, row.Name, row.Key, mustJSON(row.Keys), mustJSON(row.Aliases), mustJSON(row.Props), st.last, st.nid); err != nil {
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
	}
	for k := range old {
		if _, err := t.st.delKey.ExecContext(t.ctx, k, st.nid); err != nil {
			return err
		}
	}
	st.keys = row.Keys
	return nil
}

// recomputeNode merges every fact of a node in article order, a chunk at
// a time so that a node mentioned by many articles is never held whole.
func (t *Tx) recomputeNode(st *nodeState) (merged extract.Entity, last string, n int, err error) {
	rows, err := t.st.selNodeFacts.QueryContext(t.ctx, st.nid)
	if err != nil {
		return merged, "", 0, err
	}
	defer rows.Close()
	var chunk []extract.Entity
	have := false
	for rows.Next() {
		e := extract.Entity{ID: st.ent.ID, Type: st.ent.Type}
		var aliases, props string
		if err := rows.Scan(&e.Name, &aliases, &props, &last); err != nil {
			return merged, "", 0, err
		}
		if err := decode(aliases, &e.Aliases); err != nil {
			return merged, "", 0, err
		}
		if e.Props, err = decodeProps(props); err != nil {
			return merged, "", 0, err
		}
		chunk = append(chunk, e)
		n++
		if len(chunk) == mergeChunk {
			if have {
				chunk = append([]extract.Entity{merged}, chunk...)
			}
			merged, have, chunk = extract.MergeEntities(chunk), true, chunk[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return merged, "", 0, err
	}
	if len(chunk) > 0 {
		if have {
			chunk = append([]extract.Entity{merged}, chunk...)
		}
		merged = extract.MergeEntities(chunk)
	}
	merged.Type, merged.Mentions = st.ent.Type, nil
	return merged, last, n, nil
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
	}
	return nil
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
