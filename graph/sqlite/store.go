// Package sqlite is kg's embedded graph store: one SQLite file (pure Go,
// modernc.org/sqlite) holding the graph of graph.Build rows.
//
// Everything an article contributes is kept per article (node_facts,
// edge_facts, quantity_facts); merged nodes, edges and quantities exist
// while at least one article contributes to them, and their merged columns
// are computed in Go with the extract package's merge rules. A write is one
// transaction (Begin … Commit): a cancelled or killed ingest leaves the
// previous state. Schema and atomicity are described in docs/STORE.md;
// store.go opens and checks the file, tx.go writes, run.go answers the
// canned queries, export.go streams the graph out.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kg-dev/kg/graph"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors callers branch on. Each is wrapped with the path and the cause.
var (
	ErrLocked   = errors.New("store is locked by another writer")
	ErrNotStore = errors.New("not a kg store")
	ErrCorrupt  = errors.New("store is corrupt")
	ErrReadOnly = errors.New("store is read-only")
	ErrNotFound = errors.New("store does not exist")
	ErrNewer    = errors.New("store was written by a newer kg")
	ErrDiskFull = errors.New("disk full")
)

// Options configures Open. The zero value opens for writing, creating the
// file if needed, waiting up to 5 s for another writer.
type Options struct {
	// ReadOnly opens an existing store for queries only.
	ReadOnly bool
	// BusyTimeout is how long a write waits for another writer before
	// failing with ErrLocked (default 5 s).
	BusyTimeout time.Duration
	// OnWait, if set, is called once when a write finds the store locked by
	// another writer and starts waiting for it (up to BusyTimeout).
	OnWait func()
	// CacheMiB is SQLite's page cache per connection (default 32 MiB;
	// writes use 4× that).
	CacheMiB int
	// SkipCheck skips the integrity check of a write open.
	SkipCheck bool
	// Mapped makes a read-only open map the file into memory instead of
	// copying each page it reads with a system call: kg show of a hub
	// reads thousands of scattered rows (Vietnam on a 100,000-article
	// store: CPU 175 -> 120 ms; kg query's canned queries 25-50 % less
	// time). The pages read then count in the process's resident size
	// (430 MB for that show, of the page cache the reads fill either
	// way).
	Mapped bool
	// FullCheck makes a write open run PRAGMA quick_check, which reads
	// the whole file (about 2 s for a 1.3 GB store), instead of the
	// structural check (see check).
	FullCheck bool
}

// Store is an open kg store. Its methods are safe for concurrent use, but
// only one Tx may be open at a time.
type Store struct {
	db   *sql.DB
	path string
	opts Options
}

const sqliteMagic = "SQLite format 3\x00"

// Open opens the store at path, creating it unless opts.ReadOnly, after
// checking that the file is a kg store (SQLite header, application_id,
// schema version, quick_check). It never overwrites a file that is not a
// kg store.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.BusyTimeout == 0 {
		opts.BusyTimeout = 5 * time.Second
	}
	if opts.CacheMiB == 0 {
		opts.CacheMiB = 32
	}
	fresh, err := preflight(path, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	dsn := "file:" + uriPath(path) + "?"
	if opts.ReadOnly {
		dsn += "mode=ro&"
		if opts.Mapped {
			dsn += "_pragma=mmap_size(2147418112)&"
		}
	}
	dsn += fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=cache_size(%d)",
		opts.BusyTimeout.Milliseconds(), -opts.CacheMiB*1024)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening store %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	s := &Store{db: db, path: path, opts: opts}
	if err := s.init(ctx, fresh); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return s, nil
}

// preflight checks the file before SQLite touches it; fresh is true when
// it does not exist or is empty.
func preflight(path string, readOnly bool) (fresh bool, err error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if readOnly {
			return false, fmt.Errorf("%w: %s (run kg ingest first)", ErrNotFound, path)
		}
		if err := probeDir(filepath.Dir(path)); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return false, fmt.Errorf("%w: cannot create %s: there is no directory %s (create it first)", ErrNotFound, path, filepath.Dir(path))
			}
			return false, fmt.Errorf("%w: cannot create %s: %v", ErrReadOnly, path, err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("opening store %s: %w", path, err)
	case st.IsDir():
		return false, fmt.Errorf("%w: %s is a directory", ErrNotStore, path)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return false, fmt.Errorf("%w: cannot read %s: %v", ErrReadOnly, path, err)
		}
		return false, fmt.Errorf("opening store %s: %w", path, err)
	}
	head := make([]byte, 100)
	n, rerr := io.ReadFull(f, head)
	f.Close()
	if n == 0 {
		if st.Size() == 0 && !readOnly {
			return true, probeWrite(path)
		}
		if st.Size() == 0 {
			return false, fmt.Errorf("%w: %s is empty (run kg ingest first)", ErrNotStore, path)
		}
	}
	if rerr != nil || !bytes.HasPrefix(head, []byte(sqliteMagic)) {
		return false, fmt.Errorf("%w: %s is not a SQLite database", ErrNotStore, path)
	}
	if !readOnly {
		if err := probeWrite(path); err != nil {
			return false, err
		}
	}
	return false, nil
}

func probeWrite(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("%w: cannot write %s: %v", ErrReadOnly, path, err)
		}
		return fmt.Errorf("opening store %s: %w", path, err)
	}
	f.Close()
	// SQLite writes its rollback journal next to the file.
	if err := probeDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("%w: cannot write the journal next to %s: %v", ErrReadOnly, path, err)
	}
	return nil
}

func probeDir(dir string) error {
	f, err := os.CreateTemp(dir, ".kg-probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// uriPath escapes path for a SQLite URI filename.
func uriPath(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(filepath.ToSlash(path))
}

func (s *Store) init(ctx context.Context, fresh bool) error {
	var appID, version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return s.classify("reading the store header", err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.classify("reading the store version", err)
	}
	if appID != applicationID {
		var tables int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return s.classify("reading the store schema", err)
		}
		if appID != 0 || tables > 0 || !fresh && version != 0 {
			return fmt.Errorf("%w: %s is a SQLite database of another application", ErrNotStore, s.path)
		}
		if s.opts.ReadOnly {
			return fmt.Errorf("%w: %s is an empty database (run kg ingest first)", ErrNotStore, s.path)
		}
		version = 0
	}
	if version > SchemaVersion {
		return fmt.Errorf("%w: %s has schema version %d, this kg knows %d", ErrNewer, s.path, version, SchemaVersion)
	}
	if !s.opts.ReadOnly && !s.opts.SkipCheck && !fresh {
		if err := s.check(ctx); err != nil {
			return err
		}
	}
	if version == SchemaVersion {
		return nil
	}
	if s.opts.ReadOnly {
		return fmt.Errorf("%w: %s has schema version %d, run kg ingest to upgrade it to %d", ErrReadOnly, s.path, version, SchemaVersion)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.classify("opening the store", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return s.classify("migrating the store", err)
	}
	// Another process may have migrated meanwhile: re-read under the lock.
	err = conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	if err == nil {
		err = migrate(ctx, conn, version)
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, "COMMIT")
	}
	if err != nil {
		_, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return errors.Join(s.classify("migrating the store", err), ignoreNoTx(rerr))
	}
	if version > 0 && version < factsByArticleAt {
		// Migration 11 copied the fact tables, most of the file, and freed
		// the old pages: give them back (the 100,000-article store would
		// stay 1.2 GB instead of 0.76). The store is whole either way, so
		// a failure (no room for VACUUM's copy) only leaves it bigger.
		_, _ = conn.ExecContext(ctx, "VACUUM")
	}
	return nil
}

// check looks for corruption before a write. With Options.FullCheck it
// runs PRAGMA quick_check, which reads every page. Otherwise it checks
// the structure in time independent of the store's size: the file holds
// every page the header counts, and the first and last entries of every
// table and index can be read (which reads each b-tree's root and the
// pages down its two edges). Corruption elsewhere is reported by SQLite
// when a read or write meets it, and the write then rolls back.
func (s *Store) check(ctx context.Context) error {
	if s.opts.FullCheck {
		var res string
		if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&res); err != nil {
			return s.classify("checking the store", err)
		}
		if res != "ok" {
			return fmt.Errorf("%w: %s: %s", ErrCorrupt, s.path, res)
		}
		return nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.classify("checking the store", err)
	}
	defer conn.Close()
	// A read transaction: no writer changes the file while it is open.
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return s.classify("checking the store", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	var pages, pageSize int64
	if err := conn.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return s.classify("checking the store", err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return s.classify("checking the store", err)
	}
	st, err := os.Stat(s.path)
	if err != nil {
		return fmt.Errorf("checking the store %s: %w", s.path, err)
	}
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return s.classify("checking the store", err)
	}
	// In WAL mode (a store a killed ingest left so) the newest pages are
	// in the -wal file, and the file itself may be shorter.
	if mode != "wal" && st.Size() < pages*pageSize {
		return fmt.Errorf("%w: %s: %d bytes, the header counts %d pages of %d bytes (the file was truncated)",
			ErrCorrupt, s.path, st.Size(), pages, pageSize)
	}
	// Each table's b-tree (its primary key's for a WITHOUT ROWID table)
	// and each index, read at both ends.
	var probes []string
	rows, err := conn.QueryContext(ctx, `
		SELECT m.name, m.tbl_name, coalesce(
			CASE WHEN m.type = 'index' THEN (SELECT ii.name FROM pragma_index_info(m.name) ii WHERE ii.seqno = 0)
			     WHEN (SELECT tl.wr FROM pragma_table_list(m.name) tl) THEN (SELECT ti.name FROM pragma_table_info(m.name) ti WHERE ti.pk = 1)
			END, '')
		FROM sqlite_schema m WHERE m.type IN ('table', 'index') AND m.rootpage > 0 ORDER BY m.rootpage`)
	if err != nil {
		return s.classify("checking the store", err)
	}
	for rows.Next() {
		var name, table, col string
		if err := rows.Scan(&name, &table, &col); err != nil {
			rows.Close()
			return s.classify("checking the store", err)
		}
		switch {
		case name == table && col == "":
			// One min or max per query: SQLite reads an edge for it, not the table.
			probes = append(probes,
				fmt.Sprintf(`SELECT min(rowid) FROM %q`, table),
				fmt.Sprintf(`SELECT max(rowid) FROM %q`, table))
		case name == table:
			probes = append(probes,
				fmt.Sprintf(`SELECT %q FROM %q ORDER BY 1 LIMIT 1`, col, table),
				fmt.Sprintf(`SELECT %q FROM %q ORDER BY 1 DESC LIMIT 1`, col, table))
		case col != "":
			probes = append(probes,
				fmt.Sprintf(`SELECT %q FROM %q INDEXED BY %q ORDER BY 1 LIMIT 1`, col, table, name),
				fmt.Sprintf(`SELECT %q FROM %q INDEXED BY %q ORDER BY 1 DESC LIMIT 1`, col, table, name))
		}
	}
	if err := rows.Close(); err != nil {
		return s.classify("checking the store", err)
	}
	for _, p := range probes {
		rows, err := conn.QueryContext(ctx, p)
		if err == nil {
			for rows.Next() {
			}
			err = errors.Join(rows.Err(), rows.Close())
		}
		if err != nil {
			return s.classify("checking the store", err)
		}
	}
	return nil
}

// ignoreNoTx drops the error of a ROLLBACK that found no transaction
// (SQLite already rolled back after the failure).
func ignoreNoTx(err error) error {
	if err != nil && strings.Contains(err.Error(), "no transaction is active") {
		return nil
	}
	return err
}

// beginImmediate starts a write transaction on conn, calling
// Options.OnWait first when another writer holds the lock.
func (s *Store) beginImmediate(ctx context.Context, conn *sql.Conn) error {
	if s.opts.OnWait == nil {
		_, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE")
		return err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	if _, perr := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", s.opts.BusyTimeout.Milliseconds())); perr != nil && err == nil {
		return perr
	}
	if !isBusy(err) {
		return err
	}
	s.opts.OnWait()
	_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	return err
}

func isBusy(err error) bool {
	var se *msqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

// classify maps SQLite failures to the package's sentinel errors.
func (s *Store) classify(doing string, err error) error {
	if err == nil {
		return nil
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%s: %w: %s (another kg is writing it; try again when it is done, or wait longer with --wait)", doing, ErrLocked, s.path)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%s: %w: %s: %v", doing, ErrDiskFull, s.path, err)
		case sqlite3.SQLITE_IOERR:
			if diskFull(s.path) {
				return fmt.Errorf("%s: %w: %s: %v", doing, ErrDiskFull, s.path, err)
			}
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%s: %w: %s: %v", doing, ErrReadOnly, s.path, err)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%s: %w: %s: %v", doing, ErrCorrupt, s.path, err)
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%s: %w: %s: %v", doing, ErrNotStore, s.path, err)
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
			return fmt.Errorf("%s: %w: %s: %v", doing, ErrReadOnly, s.path, err)
		}
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// Path returns the store's file name.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing store %s: %w", s.path, err)
	}
	return nil
}

// Totals returns the number of entities and of relations between them:
// Counts().Entities() and Counts().Relations() without reading the fact
// tables (Counts counts MENTIONS in node_facts, which reads the whole
// table: 2 s on a 1.3 GB store with a cold cache).
func (s *Store) Totals(ctx context.Context) (entities, relations int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM nodes), (SELECT count(*) FROM edges)`).Scan(&entities, &relations)
	return entities, relations, s.classify("counting", err)
}

// Counts returns the number of nodes by label and relationships by type,
// as they appear in the graph model (Article and Quantity nodes, MENTIONS,
// QUANTIFIES and OF relationships included). Labels and types with no
// items are present with 0.
func (s *Store) Counts(ctx context.Context) (graph.Counts, error) {
	c := graph.NewCounts()
	rows, err := s.db.QueryContext(ctx, "SELECT label, count(*) FROM nodes GROUP BY label")
	if err != nil {
		return c, s.classify("counting nodes", err)
	}
	for rows.Next() {
		var l string
		var n int64
		if err := rows.Scan(&l, &n); err != nil {
			rows.Close()
			return c, s.classify("counting nodes", err)
		}
		c.Nodes[l] = n
	}
	if err := rows.Close(); err != nil {
		return c, s.classify("counting nodes", err)
	}
	rows, err = s.db.QueryContext(ctx, "SELECT type, count(*) FROM edges GROUP BY type")
	if err != nil {
		return c, s.classify("counting relationships", err)
	}
	for rows.Next() {
		var t string
		var n int64
		if err := rows.Scan(&t, &n); err != nil {
			rows.Close()
			return c, s.classify("counting relationships", err)
		}
		c.Rels[t] = n
	}
	if err := rows.Close(); err != nil {
		return c, s.classify("counting relationships", err)
	}
	var arts, quants, of, mentions int64
	err = s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM quantities),
		(SELECT count(*) FROM quantities WHERE country IS NOT NULL),
		(SELECT count(*) FROM node_facts WHERE mentions > 0)`).Scan(&arts, &quants, &of, &mentions)
	if err != nil {
		return c, s.classify("counting", err)
	}
	c.Nodes["Article"], c.Nodes["Quantity"] = arts, quants
	c.Rels["MENTIONS"], c.Rels["QUANTIFIES"], c.Rels["OF"] = mentions, quants, of
	return c, nil
}
