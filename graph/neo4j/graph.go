package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/queries"
)

// This file is the Neo4j store as a graph.Store: Graph wraps a Store, its
// Writer loads LoadArticles articles at a time.

// LoadArticles is how many articles one Load of a write session carries.
const LoadArticles = 500

// SchemaVersion is the version of the graph model kg writes to Neo4j
// (labels, properties, constraints and indexes; see docs/NEO4J.md). 2:
// articles carry the extractor's fingerprint.
const SchemaVersion = 2

// Graph is the store as a graph.Store.
type Graph struct{ *Store }

var _ graph.Store = (*Graph)(nil)

// Graph returns s as a graph.Store.
func (s *Store) Graph() *Graph { return &Graph{s} }

// Where names the database and the server.
func (g *Graph) Where() string {
	return fmt.Sprintf("Neo4j database %s at %s", g.database, g.target)
}

// Run runs a canned query.
func (g *Graph) Run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error) {
	res, err := g.Engine().Run(ctx, q, params)
	if err != nil {
		return res, g.describe(err, "running query %s", q.Name)
	}
	return res, nil
}

// Close closes the driver.
func (g *Graph) Close() error { return g.Store.Close(context.Background()) }

// Begin makes sure the schema exists and starts a write session.
func (g *Graph) Begin(ctx context.Context) (graph.Writer, error) {
	if err := g.EnsureSchema(ctx); err != nil {
		return nil, err
	}
	return &writer{ctx: ctx, g: g, listAt: -1}, nil
}

// Versions returns the version of the articles ids that are completely
// loaded (every such article when ids is nil).
func (g *Graph) Versions(ctx context.Context, ids []string) (map[string]graph.ArticleVersion, error) {
	out := map[string]graph.ArticleVersion{}
	read := func(cypher string, params map[string]any) error {
		return g.exec.ExecuteRead(ctx, func(tx Tx) error {
			rows, err := tx.Run(ctx, cypher, params)
			if err != nil {
				return err
			}
			for _, rec := range rows.Records() {
				var a graph.ArticleVersion
				if a.ID, err = value[string](rec, "id"); err != nil {
					return err
				}
				if a.Hash, err = value[string](rec, "hash"); err != nil {
					return err
				}
				if a.Fingerprint, err = optional[string](rec, "fingerprint"); err != nil {
					return err
				}
				out[a.ID] = a
			}
			return nil
		})
	}
	var err error
	if ids == nil {
		err = read(cypherAllVersions, nil)
	}
	for _, c := range chunks(len(ids), g.batch) {
		if err = read(cypherVersions, map[string]any{"ids": ids[c[0]:c[1]]}); err != nil {
			break
		}
	}
	if err != nil {
		return nil, g.describe(err, "reading article versions")
	}
	return out, nil
}

const (
	// An article without a hash is one whose load did not complete.
	cypherVersions = "UNWIND $ids AS id\n" +
		"MATCH (a:Article {id: id}) WHERE a.hash IS NOT NULL\n" +
		"RETURN a.id AS id, a.hash AS hash, a.fingerprint AS fingerprint"
	cypherAllVersions = "MATCH (a:Article) WHERE a.hash IS NOT NULL\n" +
		"RETURN a.id AS id, a.hash AS hash, a.fingerprint AS fingerprint"
	cypherArticles     = "MATCH (a:Article) RETURN count(a) AS n"
	cypherFingerprints = "MATCH (a:Article)\n" +
		"RETURN coalesce(a.fingerprint, '') AS fingerprint, count(*) AS n"
	// The loader keeps every article's record of an entity on a MENTIONS
	// relationship, with count 0 when the article has no offsets for it;
	// the graph model's MENTIONS are the others.
	cypherMentions = "MATCH (:Article)-[r:MENTIONS]->() WHERE r.count > 0 RETURN count(r) AS n"
)

// Stats counts what the database holds. Neo4j does not say how much disk
// one database takes through Cypher, so Bytes is -1.
func (g *Graph) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Fingerprints: map[string]int64{}, Bytes: -1, Schema: strconv.Itoa(SchemaVersion)}
	var err error
	if st.Counts, err = g.Counts(ctx); err != nil {
		return st, g.describe(err, "counting the graph")
	}
	err = g.exec.ExecuteRead(ctx, func(tx Tx) error {
		var err error
		if st.Rels["MENTIONS"], err = countRow(ctx, tx, cypherMentions); err != nil {
			return err
		}
		rows, err := tx.Run(ctx, cypherFingerprints, nil)
		if err != nil {
			return err
		}
		for _, rec := range rows.Records() {
			fp, err := value[string](rec, "fingerprint")
			if err != nil {
				return err
			}
			n, err := value[int64](rec, "n")
			if err != nil {
				return err
			}
			st.Fingerprints[fp] = n
		}
		return nil
	})
	if err != nil {
		return st, g.describe(err, "counting articles by fingerprint")
	}
	return st, nil
}

// writer buffers batches and loads them LoadArticles at a time. Each load
// is idempotent per article (an interrupted one is redone by the next
// run), but a session is not one transaction: articles loaded before a
// failure stay loaded.
type writer struct {
	mu     sync.Mutex // an ingest calls Versions and Put from two goroutines
	ctx    context.Context
	g      *Graph
	buf    []graph.Batch
	stats  Stats
	loaded int   // articles in loads that succeeded
	err    error // the first failed load's: it fails every later Put, Flush and Commit
	done   bool

	// An ingest asks for the stored version of every article it reads,
	// one or two at a time: a read transaction each, 20,000 for 10,000
	// articles, which took 2.7 s of kg's 14.7 s of CPU and more of the
	// server's. Once it has asked for more than listAt (a hundredth of
	// the articles stored, from the count store, so that reading them
	// all costs about as much as the lookups it saves; at once when the
	// database holds none), the session reads every article's version
	// once and answers from that list, which Put and Remove keep up to
	// date. A concurrent session's later writes are not in it: an
	// article it stores meanwhile is taken as stored as the list says,
	// as if this session had read it first.
	lookups int
	listAt  int                             // -1: not counted yet
	listed  map[string]graph.ArticleVersion // nil until read
}

// listShare is the share of the stored articles a session looks up one
// at a time before it reads them all (see writer.listed).
const listShare = 100

func (w *writer) Versions(ids []string) (map[string]graph.ArticleVersion, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return nil, graph.ErrClosed
	}
	return w.versions(ids)
}

// versions looks ids up in the database, or in the list of every
// article's version once the session has read it (see writer.listed);
// the batches written and not loaded yet count as stored.
func (w *writer) versions(ids []string) (map[string]graph.ArticleVersion, error) {
	if w.listed == nil {
		if w.listAt < 0 {
			n, err := w.g.articles(w.ctx)
			if err != nil {
				return nil, err
			}
			w.listAt = int(n / listShare)
		}
		if w.lookups += len(ids); w.lookups <= w.listAt {
			out, err := w.g.Versions(w.ctx, ids)
			if err != nil {
				return nil, err
			}
			for _, b := range w.buf {
				if slices.Contains(ids, b.Article.ID) {
					out[b.Article.ID] = versionOf(b)
				}
			}
			return out, nil
		}
		all, err := w.g.Versions(w.ctx, nil)
		if err != nil {
			return nil, err
		}
		for _, b := range w.buf {
			all[b.Article.ID] = versionOf(b)
		}
		w.listed = all
	}
	out := make(map[string]graph.ArticleVersion, len(ids))
	for _, id := range ids {
		if v, ok := w.listed[id]; ok {
			out[id] = v
		}
	}
	return out, nil
}

// versionOf is the version a written batch stores.
func versionOf(b graph.Batch) graph.ArticleVersion {
	a := b.Article
	return graph.ArticleVersion{ID: a.ID, Hash: a.Hash, Fingerprint: a.Fingerprint}
}

// countRow runs a statement that returns one row with a count n.
func countRow(ctx context.Context, tx Tx, cypher string) (int64, error) {
	rows, err := tx.Run(ctx, cypher, nil)
	if err != nil {
		return 0, err
	}
	rec, err := single(rows)
	if err != nil {
		return 0, err
	}
	return value[int64](rec, "n")
}

// articles counts the articles stored, complete or not (Neo4j's count
// store answers it without reading them).
func (g *Graph) articles(ctx context.Context) (int64, error) {
	var n int64
	err := g.exec.ExecuteRead(ctx, func(tx Tx) (err error) {
		n, err = countRow(ctx, tx, cypherArticles)
		return err
	})
	if err != nil {
		return 0, g.describe(err, "counting articles")
	}
	return n, nil
}

func (w *writer) Put(b graph.Batch) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return graph.ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if w.listed != nil {
		w.listed[b.Article.ID] = versionOf(b)
	}
	w.buf = append(w.buf, b)
	if len(w.buf) >= LoadArticles {
		return w.flush()
	}
	return nil
}

func (w *writer) Remove(ids []string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return graph.ErrClosed
	}
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.g.Delete(w.ctx, ids); err != nil {
		return w.g.describe(err, "removing %d articles", len(ids))
	}
	for _, id := range ids {
		delete(w.listed, id)
	}
	return nil
}

func (w *writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return graph.ErrClosed
	}
	return w.flush()
}

// flush loads the buffered batches. Put replaces an article whatever its
// stored version (the caller decided to write it), hence Force.
func (w *writer) flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) == 0 {
		return nil
	}
	st, err := w.g.Load(w.ctx, w.buf, LoadOptions{Force: true})
	if err == nil {
		w.loaded += len(w.buf)
	}
	w.buf = w.buf[:0]
	w.stats.Nodes += st.Nodes
	w.stats.Edges += st.Edges
	w.err = err // Load's error says where and what to do
	return err
}

func (w *writer) Commit() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return graph.ErrClosed
	}
	w.done = true
	return w.flush()
}

func (w *writer) Summary() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return fmt.Sprintf("%d entity records, %d relationships written to Neo4j database %s",
		w.stats.Nodes, w.stats.Edges, w.g.Database())
}

// Rollback drops what was not loaded yet.
func (w *writer) Rollback() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done = true
	w.buf = nil
	return nil
}

func (w *writer) Atomic() bool { return false }

func (w *writer) Durable() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.loaded
}
