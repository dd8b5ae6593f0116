package cli

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

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
	// Atomic reports whether Rollback undoes every Put since the last
	// commit (the embedded store), rather than leaving loaded batches
	// loaded in some unknown part (Neo4j).
	Atomic() bool
	// Kept is how many articles of this run are durably written: they stay
	// whatever happens next, and a re-run skips them.
	Kept() int
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
	path := c.String("store")
	if path == "" { // KG_STORE set but empty
		path = DefaultStore
	}
	wait := c.Duration("wait")
	if wait < 0 {
		return nil, fmt.Errorf("%w: --wait must not be negative", ErrUsage)
	}
	opts := sqlite.Options{
		BusyTimeout: max(wait, time.Millisecond), // 0 means the default in sqlite.Options
		OnWait: func() {
			fmt.Fprintf(c.App.ErrWriter, "kg: %s is being written by another kg: waiting up to %s for it (--wait)\n", path, wait)
		},
	}
	if wait == 0 {
		opts.OnWait = nil
	}
	s, err := sqlite.Open(c.Context, path, opts)
	if err != nil {
		return nil, storeError(err)
	}
	tx, err := s.Begin(c.Context)
	if err != nil {
		return nil, errors.Join(storeError(err), s.Close())
	}
	return &storeSink{s: s, tx: tx, force: force, batch: c.Int("batch")}, nil
}

// batchFlag is --batch: articles per commit.
func batchFlag() ucli.Flag {
	return &ucli.IntFlag{
		Name:  "batch",
		Usage: "commit every `N` articles (default: every 5000 articles or 2 s, whichever comes first)",
	}
}

// waitFlag is --wait: how long a writer waits for another one.
func waitFlag() ucli.Flag {
	return &ucli.DurationFlag{
		Name: "wait", Value: time.Minute,
		Usage: "when another kg is writing the store, wait up to `DURATION` for it (0: fail at once)",
	}
}

// An ingest into the embedded store commits every batchArticles articles
// or batchInterval (longer if commits are slow: see storeSink.Put),
// whichever comes first: a kill, a full disk or Ctrl-C loses at most that
// much work, and a re-run skips what was committed. Each article's
// contribution is committed whole or not at all.
const (
	batchArticles = 5000
	batchInterval = 2 * time.Second
)

// storeSink writes to the embedded store, committing in batches.
type storeSink struct {
	s     *sqlite.Store
	tx    *sqlite.Tx
	force bool
	batch int           // articles per commit; 0: batchArticles or batchInterval
	since int           // articles written since the last commit
	last  time.Time     // the last commit (zero: none yet)
	gap   time.Duration // the least time between commits, from the last one's cost
}

func (k *storeSink) Unchanged(id, hash string) (bool, error) {
	if k.force {
		return false, nil
	}
	same, err := k.tx.Unchanged(id, hash)
	return same, storeError(err)
}

func (k *storeSink) Put(b graph.Batch) error {
	if err := k.tx.Put(b); err != nil {
		return storeError(err)
	}
	if k.last.IsZero() {
		k.last = time.Now()
	}
	k.since++
	due := k.since >= k.batch
	if k.batch <= 0 {
		due = k.since >= batchArticles || time.Since(k.last) >= max(batchInterval, k.gap)
	}
	if due {
		start := time.Now()
		if err := k.tx.Checkpoint(); err != nil {
			return storeError(err)
		}
		// A commit costs tens of milliseconds (more on a big store or a
		// busy machine): space them so that they take at most 4 % of the
		// run.
		k.gap = 25 * time.Since(start)
		k.since, k.last = 0, time.Now()
	}
	return nil
}

func (k *storeSink) Kept() int { return k.tx.Committed() }

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
	mu     sync.Mutex // ingest calls Unchanged and Put from two goroutines
	ctx    context.Context
	st     *neo4j.Store
	force  bool
	buf    []graph.Batch
	stats  neo4j.Stats
	loaded int // articles in loads that succeeded
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
	if err == nil {
		k.loaded += len(k.buf)
	}
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

func (k *neo4jSink) Kept() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.loaded
}

func (k *neo4jSink) Rollback() error {
	return k.st.Close(context.WithoutCancel(k.ctx))
}
