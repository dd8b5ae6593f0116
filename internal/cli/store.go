package cli

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/neo4j"
	"github.com/kg-dev/kg/graph/sqlite"
	"github.com/kg-dev/kg/queries"
	ucli "github.com/urfave/cli/v2"
)

// DefaultStore is the embedded store's file when neither --store nor
// KG_STORE says otherwise.
const DefaultStore = "kg.db"

func storeFlag() ucli.Flag {
	return &ucli.StringFlag{
		Name: "store", EnvVars: []string{"KG_STORE"}, Value: DefaultStore,
		Usage: "embedded store `FILE` (SQLite)",
	}
}

// openStore opens the embedded store named by --store. Store errors wrap
// ErrUnavailable (exit code 3).
func openStore(c *ucli.Context, readOnly bool) (*sqlite.Store, error) {
	path := c.String("store")
	if path == "" { // KG_STORE set but empty
		path = DefaultStore
	}
	s, err := sqlite.Open(c.Context, path, sqlite.Options{ReadOnly: readOnly, SkipCheck: readOnly})
	if err != nil {
		return nil, storeError(err)
	}
	return s, nil
}

// storeError marks the embedded store's failures as ErrUnavailable; a
// cancelled context stays what it is.
func storeError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, ErrUnavailable), errors.Is(err, ErrUsage):
		return err
	case errors.Is(err, sqlite.ErrLocked), errors.Is(err, sqlite.ErrNotStore), errors.Is(err, sqlite.ErrCorrupt),
		errors.Is(err, sqlite.ErrReadOnly), errors.Is(err, sqlite.ErrNotFound), errors.Is(err, sqlite.ErrNewer):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return fmt.Errorf("%w: %w", ErrUnavailable, err)
}

// engine is where queries run: the embedded store or Neo4j.
type engine struct {
	queries.Engine
	where string // for messages: the store file or the Neo4j database
	close func() error
}

// openEngine opens the store the flags name for queries.
func openEngine(c *ucli.Context) (*engine, error) {
	if useNeo4j(c) {
		st, err := openNeo4j(c)
		if err != nil {
			return nil, err
		}
		return &engine{
			Engine: st.Engine(), where: "Neo4j database " + st.Database(),
			close: func() error { return st.Close(context.WithoutCancel(c.Context)) },
		}, nil
	}
	s, err := openStore(c, true)
	if err != nil {
		return nil, err
	}
	return &engine{Engine: storeEngine{s}, where: s.Path(), close: s.Close}, nil
}

// storeEngine marks the embedded store's query failures as unavailable.
type storeEngine struct{ s *sqlite.Store }

func (e storeEngine) Run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error) {
	res, err := e.s.Run(ctx, q, params)
	if err != nil && !errors.Is(err, queries.ErrParams) {
		return res, storeError(err)
	}
	return res, err
}

// sink is where an ingest run writes: one transaction on the embedded
// store, or batches loaded into Neo4j.
type sink interface {
	// Unchanged reports whether the article is stored with this hash, so
	// that extracting it again can be skipped.
	Unchanged(id, hash string) (bool, error)
	Put(b graph.Batch) error
	// Commit ends the run and says what the graph now holds.
	Commit(ctx context.Context) (summary string, err error)
	Rollback() error
	// Atomic reports whether Rollback undoes every Put of the run.
	Atomic() bool
}

// openSink opens the store an ingest writes to. force makes Unchanged
// always false.
func openSink(c *ucli.Context, force bool) (sink, error) {
	if useNeo4j(c) {
		st, err := openNeo4j(c)
		if err != nil {
			return nil, err
		}
		if err := st.EnsureSchema(c.Context); err != nil {
			return nil, errors.Join(fmt.Errorf("%w: %w", ErrUnavailable, err), st.Close(context.WithoutCancel(c.Context)))
		}
		return &neo4jSink{ctx: c.Context, st: st, force: force}, nil
	}
	s, err := openStore(c, false)
	if err != nil {
		return nil, err
	}
	tx, err := s.Begin(c.Context)
	if err != nil {
		return nil, errors.Join(storeError(err), s.Close())
	}
	return &storeSink{s: s, tx: tx, force: force}, nil
}

// storeSink writes to the embedded store in one transaction.
type storeSink struct {
	s     *sqlite.Store
	tx    *sqlite.Tx
	force bool
}

func (k *storeSink) Unchanged(id, hash string) (bool, error) {
	if k.force {
		return false, nil
	}
	same, err := k.tx.Unchanged(id, hash)
	return same, storeError(err)
}

func (k *storeSink) Put(b graph.Batch) error { return storeError(k.tx.Put(b)) }

func (k *storeSink) Commit(ctx context.Context) (string, error) {
	if _, err := k.tx.Commit(); err != nil {
		return "", errors.Join(storeError(err), k.s.Close())
	}
	ents, rels, err := k.s.Totals(ctx)
	if cerr := k.s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", storeError(err)
	}
	return fmt.Sprintf("%d entities, %d relations", ents, rels), nil
}

func (k *storeSink) Atomic() bool { return true }

func (k *storeSink) Rollback() error {
	return errors.Join(storeError(k.tx.Rollback()), k.s.Close())
}

// neo4jBatch is how many articles one Neo4j load carries.
const neo4jBatch = 500

// neo4jSink loads batches into Neo4j, neo4jBatch articles at a time. Each
// load is idempotent per article (an interrupted one is redone by the next
// run), but a run is not one transaction: articles loaded before a failure
// stay loaded.
type neo4jSink struct {
	mu    sync.Mutex // ingest calls Unchanged and Put from two goroutines
	ctx   context.Context
	st    *neo4j.Store
	force bool
	buf   []graph.Batch
	stats neo4j.Stats
}

func (k *neo4jSink) Unchanged(id, hash string) (bool, error) {
	if k.force {
		return false, nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	same, err := k.st.Unchanged(k.ctx, id, hash)
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return same, nil
}

func (k *neo4jSink) Put(b graph.Batch) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.buf = append(k.buf, b)
	if len(k.buf) >= neo4jBatch {
		return k.flush()
	}
	return nil
}

func (k *neo4jSink) flush() error {
	if len(k.buf) == 0 {
		return nil
	}
	st, err := k.st.Load(k.ctx, k.buf, neo4j.LoadOptions{Force: k.force})
	k.buf = k.buf[:0]
	k.stats.Unchanged += st.Unchanged
	k.stats.Nodes += st.Nodes
	k.stats.Edges += st.Edges
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnavailable, err) // err says where and what to do
	}
	return nil
}

func (k *neo4jSink) Commit(ctx context.Context) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	err := k.flush()
	if cerr := k.st.Close(context.WithoutCancel(ctx)); err == nil && cerr != nil {
		err = fmt.Errorf("%w: %w", ErrUnavailable, cerr)
	}
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d entity records, %d relationships written to Neo4j database %s (%d unchanged there)",
		k.stats.Nodes, k.stats.Edges, k.st.Database(), k.stats.Unchanged), nil
}

func (k *neo4jSink) Atomic() bool { return false }

func (k *neo4jSink) Rollback() error {
	return k.st.Close(context.WithoutCancel(k.ctx))
}
