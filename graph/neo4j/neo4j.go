// Package neo4j stores kg's graph in Neo4j and runs the canned queries
// there. It is the Neo4j twin of graph/sqlite:
//
//   - statements.go: every Cypher text the loader sends, built once from
//     the closed label and type sets (linted by tools/cypherlint);
//   - params.go: pure row → parameter building and the merge of every
//     article's contribution into one node, relationship or quantity;
//   - loader.go: Load, which sends batches of UNWIND … MERGE statements in
//     retried write transactions through a small Executor interface;
//   - engine.go: a queries.Engine;
//   - neo4j.go (this file): Open, the driver-backed Executor, and the
//     classification of connection errors.
//
// docs/NEO4J.md describes the design for users.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/kg-dev/kg/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// DefaultDatabase is the database kg uses when none is named: the only
// user database of Neo4j Community Edition.
const DefaultDatabase = "neo4j"

// Sentinel errors returned by Open, for errors.Is.
var (
	ErrNotReachable = errors.New("neo4j is not reachable")
	ErrAuth         = errors.New("neo4j rejected the credentials")
	ErrNoDatabase   = errors.New("no such neo4j database")
	ErrConfig       = errors.New("bad neo4j settings")
)

// Config says where Neo4j is and how to log in. Password is never
// included in errors or logs.
type Config struct {
	URI       string // neo4j://, bolt:// (+s, +ssc) URI without credentials
	Username  string
	Password  string
	Database  string // DefaultDatabase when empty
	BatchSize int    // rows per write transaction; DefaultBatchSize when 0
}

// Store is a connection to one Neo4j database: a loader and a
// queries.Engine sharing one driver.
type Store struct {
	*Loader
	exec     Executor
	drv      driver.DriverWithContext
	database string
	target   string // scheme://host:port, for messages
	password string // only to keep it out of messages
}

// Open connects to Neo4j, verifies connectivity, credentials and the
// database, and returns a Store. Errors wrap ErrConfig, ErrNotReachable,
// ErrAuth or ErrNoDatabase and never contain the password.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	target, err := checkURI(cfg.URI)
	if err != nil {
		return nil, err
	}
	if cfg.Database == "" {
		cfg.Database = DefaultDatabase
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, driver.BasicAuth(cfg.Username, cfg.Password, ""), func(c *config.Config) {
		c.UserAgent = "kg"
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
		c.MaxTransactionRetryTime = 30 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrConfig, target, redact(err.Error(), cfg.Password))
	}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		return nil, errors.Join(classify(err, target, cfg), drv.Close(ctx))
	}
	exec := &driverExecutor{drv: drv, database: cfg.Database, bookmarks: driver.NewBookmarkManager(driver.BookmarkManagerConfig{})}
	// VerifyConnectivity does not look at the database: ask it something.
	err = exec.ExecuteRead(ctx, func(tx Tx) error {
		_, err := tx.Run(ctx, "RETURN 1 AS ok", nil)
		return err
	})
	if err != nil {
		return nil, errors.Join(classify(err, target, cfg), drv.Close(ctx))
	}
	l, err := NewLoader(exec, cfg.BatchSize)
	if err != nil {
		return nil, errors.Join(err, drv.Close(ctx))
	}
	return &Store{Loader: l, exec: exec, drv: drv, database: cfg.Database, target: target, password: cfg.Password}, nil
}

// Load is Loader.Load with errors that say where the load failed and what
// to do: articles loaded before the failure stay loaded, and running the
// same load again completes it without duplicates (loaded articles are
// skipped, a half-loaded one is redone).
func (s *Store) Load(ctx context.Context, batches []graph.Batch, opts LoadOptions) (Stats, error) {
	st, err := s.Loader.Load(ctx, batches, opts)
	if err != nil {
		err = s.describe(err, "loading %d articles", len(batches))
		if ctx.Err() == nil {
			err = fmt.Errorf("%w; the articles loaded before the failure stay loaded: run the same command again to complete the load (it skips them)", err)
		}
	}
	return st, err
}

// EnsureSchema is Loader.EnsureSchema with errors that say where.
func (s *Store) EnsureSchema(ctx context.Context) error {
	if err := s.Loader.EnsureSchema(ctx); err != nil {
		return s.describe(err, "preparing the database")
	}
	return nil
}

// Unchanged is Loader.Unchanged with errors that say where.
func (s *Store) Unchanged(ctx context.Context, id, hash string) (bool, error) {
	same, err := s.Loader.Unchanged(ctx, id, hash)
	if err != nil {
		return false, s.describe(err, "looking up article %s", id)
	}
	return same, nil
}

// describe wraps an error met while using the database with what was
// being done and where, keeping the password out.
func (s *Store) describe(err error, what string, args ...any) error {
	doing := fmt.Sprintf(what, args...)
	msg := redact(err.Error(), s.password)
	hint := ""
	var (
		nerr  *driver.Neo4jError
		cerr  *driver.ConnectivityError
		limit *driver.TransactionExecutionLimit
	)
	switch {
	case errors.As(err, &nerr) && nerr.HasSecurityCode():
		hint = " (check NEO4J_USERNAME, NEO4J_PASSWORD and the user's roles)"
	case errors.As(err, &cerr):
		hint = " (the connection was lost: is the server still running?)"
	case errors.As(err, &limit):
		hint = " (the driver retried for up to 30 s and gave up)"
	}
	return &describedError{msg: fmt.Sprintf("%s in Neo4j database %q at %s: %s%s", doing, s.database, s.target, msg, hint), err: err}
}

// describedError carries a message built from err's, with the password
// redacted, and unwraps to err for errors.Is.
type describedError struct {
	msg string
	err error
}

func (e *describedError) Error() string { return e.msg }
func (e *describedError) Unwrap() error { return e.err }

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error {
	if s.drv == nil {
		return nil
	}
	if err := s.drv.Close(ctx); err != nil {
		return fmt.Errorf("closing neo4j driver: %w", err)
	}
	return nil
}

// Database returns the name of the database the store uses.
func (s *Store) Database() string { return s.database }

// checkURI validates a Neo4j URI and returns it in a form safe to print.
// Credentials in the URI are refused: they belong in NEO4J_USERNAME and
// NEO4J_PASSWORD, and would otherwise end up in error messages.
func checkURI(uri string) (string, error) {
	if uri == "" {
		return "", fmt.Errorf("%w: no URI (set --neo4j-uri or NEO4J_URI, e.g. neo4j://localhost:7687)", ErrConfig)
	}
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("%w: the URI does not parse", ErrConfig)
	}
	if u.User != nil {
		return "", fmt.Errorf("%w: the URI must not contain credentials: use NEO4J_USERNAME and NEO4J_PASSWORD", ErrConfig)
	}
	switch u.Scheme {
	case "neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc":
	default:
		return "", fmt.Errorf("%w: URI scheme %q: want neo4j, neo4j+s, neo4j+ssc, bolt, bolt+s or bolt+ssc", ErrConfig, u.Scheme)
	}
	if u.Host == "" {
		return "", fmt.Errorf("%w: the URI has no host", ErrConfig)
	}
	return u.Scheme + "://" + u.Host, nil
}

// Neo4j status codes Open tells apart.
const (
	codeUnauthorized      = "Neo.ClientError.Security.Unauthorized"
	codeAuthRateLimit     = "Neo.ClientError.Security.AuthenticationRateLimit"
	codeDatabaseNotFound  = "Neo.ClientError.Database.DatabaseNotFound"
	codeDatabaseNotOnline = "Neo.TransientError.General.DatabaseUnavailable"
)

// classify turns a driver error met while connecting into one of the
// sentinel errors, with a message that says what to check.
func classify(err error, target string, cfg Config) error {
	msg := redact(err.Error(), cfg.Password)
	var nerr *driver.Neo4jError
	if errors.As(err, &nerr) {
		switch nerr.Code {
		case codeUnauthorized, codeAuthRateLimit:
			return fmt.Errorf("%w: %s as user %q: check NEO4J_USERNAME and NEO4J_PASSWORD (%s)", ErrAuth, target, cfg.Username, nerr.Code)
		case codeDatabaseNotFound:
			return fmt.Errorf("%w: %s has no database %q: check NEO4J_DATABASE (Community Edition has only %q)", ErrNoDatabase, target, cfg.Database, DefaultDatabase)
		case codeDatabaseNotOnline:
			return fmt.Errorf("%w: database %q on %s is not online yet: %s", ErrNotReachable, cfg.Database, target, msg)
		}
		return fmt.Errorf("%w: %s: %s", ErrNotReachable, target, msg)
	}
	if strings.Contains(msg, "Unauthorized") || strings.Contains(msg, "authentication failure") {
		return fmt.Errorf("%w: %s as user %q: check NEO4J_USERNAME and NEO4J_PASSWORD", ErrAuth, target, cfg.Username)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("connecting to %s: %w", target, err)
	}
	return fmt.Errorf("%w at %s: is the server running and the port right? (%s)", ErrNotReachable, target, msg)
}

// redact removes the password from a message, should a driver ever echo it.
func redact(msg, password string) string {
	if password == "" {
		return msg
	}
	return strings.ReplaceAll(msg, password, "********")
}

// driverExecutor runs each unit of work in its own short session on the
// named database; a shared bookmark manager keeps the sessions causally
// consistent.
type driverExecutor struct {
	drv       driver.DriverWithContext
	database  string
	bookmarks driver.BookmarkManager
}

func (e *driverExecutor) session(ctx context.Context, mode driver.AccessMode) driver.SessionWithContext {
	return e.drv.NewSession(ctx, driver.SessionConfig{DatabaseName: e.database, AccessMode: mode, BookmarkManager: e.bookmarks})
}

// ExecuteWrite runs work in a write transaction, retried by the driver on
// transient errors.
func (e *driverExecutor) ExecuteWrite(ctx context.Context, work func(Tx) error) (err error) {
	s := e.session(ctx, driver.AccessModeWrite)
	defer func() { err = errors.Join(err, s.Close(ctx)) }()
	_, err = s.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) { return nil, work(managedTx{tx}) })
	return err
}

// ExecuteRead runs work in a read transaction, retried by the driver on
// transient errors.
func (e *driverExecutor) ExecuteRead(ctx context.Context, work func(Tx) error) (err error) {
	s := e.session(ctx, driver.AccessModeRead)
	defer func() { err = errors.Join(err, s.Close(ctx)) }()
	_, err = s.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) { return nil, work(managedTx{tx}) })
	return err
}

type managedTx struct{ tx driver.ManagedTransaction }

func (t managedTx) Run(ctx context.Context, cypher string, params map[string]any) (Rows, error) {
	res, err := t.tx.Run(ctx, cypher, params)
	if err != nil {
		return Rows{}, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return Rows{}, err
	}
	keys, err := res.Keys()
	if err != nil {
		return Rows{}, err
	}
	out := Rows{Keys: keys, Values: make([][]any, len(recs))}
	for i, r := range recs {
		out.Values[i] = r.Values
	}
	return out, nil
}
