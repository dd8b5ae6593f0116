package graph

import (
	"context"
	"errors"

	"github.com/kg-dev/kg/queries"
)

// Store is the contract every graph store keeps (graph/sqlite, the
// embedded default, and graph/neo4j). The command line talks to stores
// only through it; graph/storetest is the one conformance suite that every
// implementation passes.
//
// Optional interfaces add what some commands need beyond this contract
// (Explorer: kg search, show, why, timeline); a command asserts them on
// the Store.
//
// The graph a store holds is the merge of the Batches of the articles it
// holds: writing an article's Batch replaces exactly that article's
// previous contribution, removing an article removes exactly its
// contribution, and every canned query returns the same rows on every
// store for the same articles.
type Store interface {
	// Begin starts a write session. Only one may be open at a time.
	Begin(ctx context.Context) (Writer, error)
	// Versions returns the stored version of each of ids that the store
	// holds completely (an article whose write was interrupted is not
	// held). With ids nil it returns every article's.
	Versions(ctx context.Context, ids []string) (map[string]ArticleVersion, error)
	// Run runs a canned query with bound parameters (queries.Query.Bind)
	// and returns its declared columns; errors wrap queries.ErrParams when
	// a parameter is missing. A Store is a queries.Engine.
	Run(ctx context.Context, q queries.Query, params map[string]any) (queries.Result, error)
	// Stats says what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// Where names the store in messages: its file, or the Neo4j database
	// and server. It never contains a password.
	Where() string
	Close() error
}

// Writer is one write session of a Store. Its methods are safe for
// concurrent use (an ingest looks versions up while it writes).
type Writer interface {
	// Versions is Store.Versions as the session sees the store: what it
	// wrote itself, durable or not, included.
	Versions(ids []string) (map[string]ArticleVersion, error)
	// Put writes one article's contribution, replacing whatever a previous
	// version of the article contributed.
	Put(b Batch) error
	// Remove removes articles and exactly what they contributed; ids the
	// store does not hold are ignored.
	Remove(ids []string) error
	// Flush makes everything written so far durable: it stays whatever
	// happens to the session next.
	Flush() error
	// Commit flushes and ends the session.
	Commit() error
	// Rollback ends the session. On an Atomic store it undoes everything
	// written since the last Flush; otherwise what was sent to the store
	// may stay, in a part nobody can tell. Safe after Commit and more than
	// once.
	Rollback() error
	// Atomic reports whether Rollback undoes every write since the last
	// Flush.
	Atomic() bool
	// Durable is how many articles this session wrote that are durable.
	Durable() int
	// Summary says in one line, after Commit, what the session wrote or
	// what the store now holds (kg ingest prints it).
	Summary() string
}

// ArticleVersion is what a store records to decide whether an article
// must be extracted again: the hash of its source text and the
// fingerprint of the extractor that produced its contribution
// (extract.Fingerprint).
type ArticleVersion struct {
	ID          string
	Hash        string
	Fingerprint string
	// File is the source file's stamp as the article was read from it,
	// when the store records it (zero otherwise): an unchanged stamp
	// lets an ingest skip the file without reading it.
	File FileStamp
}

// Current reports whether v is the version of an article whose source has
// this hash, extracted by an extractor with this fingerprint: an ingest
// can skip it. An empty hash is never current.
func (v ArticleVersion) Current(hash, fingerprint string) bool {
	return hash != "" && v.Hash == hash && v.Fingerprint == fingerprint
}

// Stats is what a store holds, for kg stats.
type Stats struct {
	Counts
	// Fingerprints counts articles by the extractor fingerprint they were
	// extracted with ("" for articles stored before fingerprints were
	// recorded).
	Fingerprints map[string]int64
	// Bytes is the store's size on disk, or -1 when the store cannot say.
	Bytes int64
	// Schema is the store's schema version.
	Schema string
}

// ErrClosed is returned by a Writer used after Commit or Rollback.
var ErrClosed = errors.New("write session already ended")

// Ingest writes batches into s in one session and commits it.
func Ingest(ctx context.Context, s Store, batches ...Batch) error {
	w, err := s.Begin(ctx)
	if err != nil {
		return err
	}
	for _, b := range batches {
		if err := w.Put(b); err != nil {
			return errors.Join(err, w.Rollback())
		}
	}
	return w.Commit()
}

// Remove removes articles from s in one session and commits it.
func Remove(ctx context.Context, s Store, ids ...string) error {
	w, err := s.Begin(ctx)
	if err != nil {
		return err
	}
	if err := w.Remove(ids); err != nil {
		return errors.Join(err, w.Rollback())
	}
	return w.Commit()
}
