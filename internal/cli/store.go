package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kg-dev/kg/graph"
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

// openStore opens the embedded store named by --store, for the commands
// that read it only (export). Store errors wrap ErrUnavailable (exit code
// 3).
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

// storeError marks a store's failures as ErrUnavailable; a cancelled
// context, a usage error and a query's parameter error stay what they
// are.
func storeError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, ErrUnavailable), errors.Is(err, ErrUsage), errors.Is(err, queries.ErrParams):
		return err
	case errors.Is(err, sqlite.ErrLocked), errors.Is(err, sqlite.ErrNotStore), errors.Is(err, sqlite.ErrCorrupt),
		errors.Is(err, sqlite.ErrReadOnly), errors.Is(err, sqlite.ErrNotFound), errors.Is(err, sqlite.ErrNewer):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return fmt.Errorf("%w: %w", ErrUnavailable, err)
}

// openGraph opens the store the flags name: Neo4j with --neo4j or a
// Neo4j URI, the embedded store (--store) otherwise; for writing, or for
// reading only. It is the one place the command line chooses a store:
// every command then talks to it through graph.Store. Errors wrap ErrUsage
// for bad settings and ErrUnavailable when the store cannot be used.
func openGraph(c *ucli.Context, write bool) (graph.Store, error) {
	return openGraphMapped(c, write, false)
}

// openGraphMapped is openGraph; mapped maps an embedded store opened for
// reading (sqlite.Options.Mapped), for the commands that read scattered
// rows and end (kg search, show, why, timeline).
func openGraphMapped(c *ucli.Context, write, mapped bool) (graph.Store, error) {
	if useNeo4j(c) {
		st, err := openNeo4j(c)
		if err != nil {
			return nil, err
		}
		return st.Graph(), nil
	}
	path := c.String("store")
	if path == "" { // KG_STORE set but empty
		path = DefaultStore
	}
	if !write {
		s, err := sqlite.Open(c.Context, path, sqlite.Options{ReadOnly: true, SkipCheck: true, Mapped: mapped})
		if err != nil {
			return nil, storeError(err)
		}
		return s.Graph(), nil
	}
	wait := time.Minute
	if hasFlag(c, "wait") {
		wait = c.Duration("wait")
	}
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
	g := s.Graph()
	if hasFlag(c, "batch") {
		g.CommitEvery = c.Int("batch")
	}
	return g, nil
}

// hasFlag reports whether the command defines flag name.
func hasFlag(c *ucli.Context, name string) bool { return commandFlag(c, name) != nil }

// closeGraph closes st, keeping the first error.
func closeGraph(st graph.Store, err error) error {
	if cerr := st.Close(); err == nil && cerr != nil {
		return storeError(cerr)
	}
	return err
}

// batchFlag is --batch: articles per commit.
func batchFlag() ucli.Flag {
	return &ucli.IntFlag{
		Name:        "batch",
		Usage:       "commit every `N` articles",
		DefaultText: "every 5000 articles or 0.5 to 1 s, whichever comes first",
	}
}

// waitFlag is --wait: how long a writer waits for another one.
func waitFlag() ucli.Flag {
	return &ucli.DurationFlag{
		Name: "wait", Value: time.Minute,
		Usage: "when another kg is writing the store, wait up to `DURATION` for it (0: fail at once)",
	}
}
