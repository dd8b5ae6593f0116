package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/internal/ordered"
	"github.com/kg-dev/kg/reader"
	ucli "github.com/urfave/cli/v2"
)

func ingestCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "ingest",
		Usage:     "extract articles and add them to the graph store",
		ArgsUsage: "PATH...",
		Description: "Reads files or directories (recursively), extracts each article and writes what it contributes to\n" +
			"the embedded store (default ./kg.db, or --store / KG_STORE) in one transaction: an interrupted ingest\n" +
			"leaves the store as it was. An article already stored with the same content is skipped; a changed one\n" +
			"replaces its previous contribution. With --neo4j (or NEO4J_URI) the graph goes to Neo4j instead.",
		Flags: append([]ucli.Flag{
			storeFlag(),
			&ucli.BoolFlag{Name: "force", Usage: "extract and write articles even when they are stored unchanged"},
			workersFlag(),
			&ucli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list what extraction produced but the graph model leaves out"},
		}, neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("%w: ingest needs at least one PATH", ErrUsage)
			}
			workers, err := workersOf(c)
			if err != nil {
				return err
			}
			k, err := openSink(c, c.Bool("force"))
			if err != nil {
				return err
			}
			_, err = ingest(c.Context, k, c.Args().Slice(), ingestOptions{
				stdin: c.App.Reader, workers: workers, verbose: c.Bool("verbose"), stderr: c.App.ErrWriter,
			})
			return err
		},
	}
}

type ingestOptions struct {
	stdin   io.Reader // what the path "-" reads
	workers int
	verbose bool
	stderr  io.Writer
}

// ingestReport says what an ingest run did.
type ingestReport struct {
	Written   int // articles extracted and written
	Unchanged int // articles skipped: stored with the same hash
	Skipped   int // items extraction produced that the graph model left out
	Failed    []failure
	Summary   string // what the store now holds
}

// ingest reads, extracts and writes every article under paths into k,
// then commits (or rolls back on failure or cancellation) and prints the
// summary line. Extraction runs on opts.workers goroutines; articles are
// written in input order, and at most a few per worker are in memory.
func ingest(ctx context.Context, k sink, paths []string, opts ingestOptions) (ingestReport, error) {
	start := time.Now()
	var rep ingestReport
	defer tuneGC()()
	x, err := sharedExtractor()
	if err != nil {
		return rep, errors.Join(fmt.Errorf("loading extractor data: %w", err), k.Rollback())
	}
	bar := newProgress(ctx, opts.stderr, isTerminal(opts.stderr), paths)
	stderr := io.Writer(bar)

	read := func(emit func(extract.Document) error) error {
		return reader.WalkWith(ctx, paths, func(doc extract.Document) error {
			same, err := k.Unchanged(doc.ID, doc.Hash)
			if err != nil {
				return err
			}
			if same {
				rep.Unchanged++
				bar.Add(1)
				return nil
			}
			return emit(doc)
		}, walkOptions(stderr, opts.stdin, &rep.Failed, func() { bar.Add(1) }))
	}
	build := func(doc extract.Document) graph.Batch { return graph.Build(x.Extract(doc)) }
	var putErr error
	write := func(b graph.Batch) error {
		if err := k.Put(b); err != nil {
			putErr = err
			return err
		}
		rep.Written++
		rep.Skipped += len(b.Skipped)
		bar.Add(1)
		if opts.verbose {
			for _, s := range b.Skipped {
				fmt.Fprintf(stderr, "kg: %s: left out %s\n", b.Article.ID, s)
			}
		}
		return nil
	}
	err = ordered.Map(ctx, opts.workers, read, build, write)
	bar.Done()

	switch {
	case ctx.Err() != nil: // Ctrl-C, even when it made a write fail
		return rep, errors.Join(interrupted(k, ctx.Err()), k.Rollback())
	case putErr != nil:
		return rep, errors.Join(putErr, k.Rollback())
	case err != nil:
		return rep, errors.Join(fmt.Errorf("reading articles: %w", err), k.Rollback())
	}
	rep.Summary, err = k.Commit(ctx)
	if err != nil {
		return rep, err
	}
	line := fmt.Sprintf("ingested %d articles (%d unchanged, %d failed): %s in %.1f s",
		rep.Written+rep.Unchanged, rep.Unchanged, len(rep.Failed), rep.Summary, time.Since(start).Seconds())
	if rep.Skipped > 0 && !opts.verbose {
		line += fmt.Sprintf("; %d extracted items left out (--verbose lists them)", rep.Skipped)
	}
	fmt.Fprintln(stderr, line)
	return rep, inputsError(rep.Failed)
}

// tuneGC makes the collector run less often during an ingest, within a
// soft limit, unless GOGC or GOMEMLIMIT say otherwise; it returns the
// function that restores the settings. Measured on 20,000 articles: 21 s
// and 0.7 GB instead of 23–29 s and 0.5 GB. The limit keeps the Go heap
// under 512 MiB; SQLite's page cache (128 MiB while writing) is outside
// it, so a run stays under 1 GB.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gc := debug.SetGCPercent(300)
	limit := debug.SetMemoryLimit(512 << 20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

func interrupted(k sink, err error) error {
	if k.Atomic() {
		return fmt.Errorf("ingest interrupted, the store is unchanged: %w", err)
	}
	return fmt.Errorf("ingest interrupted (articles loaded so far stay loaded): %w", err)
}
