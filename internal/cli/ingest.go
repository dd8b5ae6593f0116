package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/curate"
	"github.com/kg-dev/kg/graph/sqlite"
	"github.com/kg-dev/kg/internal/ordered"
	"github.com/kg-dev/kg/reader"
	ucli "github.com/urfave/cli/v2"
)

func ingestCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "ingest",
		Usage:     "extract articles and add them to the graph store",
		ArgsUsage: "PATH...",
		Description: "Reads files, directories (recursively), FIFOs or - (standard input), extracts each article and\n" +
			"writes what it contributes to the embedded store (default ./kg.db, or --store / KG_STORE), committing\n" +
			"whole articles in batches (every 5000 articles or 0.5 to 1 s): an interrupted or failed ingest keeps what it\n" +
			"committed, and running it again does only the rest. An article already stored with the same content, by\n" +
			"the same extractor, is skipped; a changed one replaces its previous contribution, and so does one stored\n" +
			"by another version of the extractor (its code or data files: kg stats shows the fingerprints), which is\n" +
			"extracted again (the summary says how many). With --neo4j (or NEO4J_URI) the graph goes to Neo4j instead.\n" +
			"The curation decisions (kg merge, alias, reject: curation.tsv next to the store, or --curation) are\n" +
			"applied to every article written; after editing that file by hand, run kg ingest --reextract.",
		Flags: append([]ucli.Flag{
			storeFlag(),
			waitFlag(),
			batchFlag(),
			&ucli.BoolFlag{Name: "force", Usage: "extract and write articles even when they are stored unchanged (the same as --reextract)"},
			&ucli.BoolFlag{Name: "reextract", Usage: "extract again the articles stored unchanged, even by this extractor (kg ingest does it by itself for articles extracted by another one)"},
			workersFlag(),
			curationFlag(),
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
			if c.Int("batch") < 0 {
				return fmt.Errorf("%w: --batch must not be negative", ErrUsage)
			}
			cur, _, err := loadCuration(c)
			if err != nil {
				return err
			}
			st, err := openGraph(c, true)
			if err != nil {
				return err
			}
			w, err := st.Begin(c.Context)
			if err != nil {
				return closeGraph(st, storeError(err))
			}
			_, err = ingest(c.Context, w, c.Args().Slice(), ingestOptions{
				stdin: c.App.Reader, workers: workers, verbose: c.Bool("verbose"), stderr: c.App.ErrWriter,
				force: c.Bool("force") || c.Bool("reextract"), curation: cur, ignore: ownFiles(c),
			})
			return closeGraph(st, err)
		},
	}
}

type ingestOptions struct {
	stdin   io.Reader // what the path "-" reads
	workers int
	verbose bool
	stderr  io.Writer
	force   bool // extract and write articles even when they are stored unchanged
	// curation is applied to every article's extraction before it is
	// written (nil: none).
	curation *curate.Set
	// ignore are the files kg itself keeps (ownFiles), which a directory
	// walk passes over.
	ignore []string
}

// ownFiles are the files kg writes next to the articles it may be asked to
// read (`kg ingest .`): the embedded store, its journals, the curation
// decisions.
func ownFiles(c *ucli.Context) []string {
	files := []string{curationPath(c)}
	if !useNeo4j(c) {
		store := c.String("store")
		if store == "" {
			store = DefaultStore
		}
		files = append(files, store, store+"-journal", store+"-wal", store+"-shm")
	}
	return files
}

// ingestReport says what an ingest run did.
type ingestReport struct {
	Written   int // articles extracted and written
	Unchanged int // articles skipped: stored with the same hash, by this extractor
	// Reextracted counts the written articles whose source is stored
	// unchanged: extracted again because the extractor changed (another
	// fingerprint) or --reextract (--force) said so.
	Reextracted int
	Skipped     int // items extraction produced that the graph model left out
	Failed      []failure
	Summary     string // what the store now holds
}

// ingest reads, extracts and writes every article under paths into w,
// then commits (or rolls back on failure or cancellation) and prints the
// summary line. Extraction runs on opts.workers goroutines; articles are
// written in input order, and at most a few per worker are in memory.
func ingest(ctx context.Context, w graph.Writer, paths []string, opts ingestOptions) (ingestReport, error) {
	start := time.Now()
	var rep ingestReport
	defer tuneGC()()
	fp, err := runningFingerprint()
	if err != nil {
		return rep, errors.Join(err, storeError(w.Rollback()))
	}
	// The extractor loads (about 0.1 s) while the reader skips the
	// articles the store holds unchanged, so that a re-run after an
	// interruption, or of an unchanged archive, waits for it only when
	// an article is to be extracted, and an archive stored unchanged
	// not at all. read hands no article on before it is loaded.
	var x *extract.Extractor
	var loadErr error
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		x, loadErr = sharedExtractor()
	}()
	bar := newProgress(ctx, opts.stderr, isTerminal(opts.stderr), paths)
	stderr := io.Writer(bar)

	ropts := walkOptions(stderr, opts.stdin, &rep.Failed, func() { bar.Add(1) })
	ropts.Ignore = opts.ignore
	if !opts.force {
		ropts.Known = func(src reader.Source) (bool, error) {
			same, err := knownUnchanged(w, src, fp)
			if same {
				rep.Unchanged++
				bar.Add(1)
			}
			return same, err
		}
	}
	read := func(emit func(extract.Document) error) error {
		return reader.WalkWith(ctx, paths, func(doc extract.Document) error {
			same, again, err := storedUnchanged(w, doc, fp, opts.force)
			if err != nil {
				return err
			}
			if !same && !again && doc.Path == reader.StdinName {
				// Every text from standard input is article "stdin": say
				// when one replaces the text an earlier run stored.
				if vs, err := w.Versions([]string{doc.ID}); err == nil && len(vs) > 0 {
					fmt.Fprintf(stderr, "kg: warning: -: this text replaces article %s, stored from an earlier standard input (JSON Lines records with an \"id\" keep one article each)\n", doc.ID)
				}
			}
			if again {
				rep.Reextracted++
			}
			if same {
				rep.Unchanged++
				bar.Add(1)
				return nil
			}
			if <-loaded; loadErr != nil {
				return errNoExtractor
			}
			return emit(doc)
		}, ropts)
	}
	build := func(doc extract.Document) graph.Batch {
		b := graph.Build(opts.curation.Apply(x.Extract(doc)))
		b.Article.Fingerprint = fp
		b.Article.File = graph.StampOf(doc)
		return b
	}
	var putErr error
	write := func(b graph.Batch) error {
		if err := w.Put(b); err != nil {
			putErr = storeError(err)
			return putErr
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
		rerr := storeError(w.Rollback())
		return rep, errors.Join(interrupted(w, ctx.Err()), rerr)
	case errors.Is(err, errNoExtractor): // read waited for the load: loadErr is set
		return rep, errors.Join(fmt.Errorf("loading extractor data: %w", loadErr), storeError(w.Rollback()))
	case putErr != nil:
		rerr := storeError(w.Rollback())
		return rep, errors.Join(stopped(w, putErr), rerr)
	case err != nil:
		rerr := storeError(w.Rollback())
		return rep, errors.Join(stopped(w, fmt.Errorf("reading articles: %w", storeError(err))), rerr)
	}
	if err := w.Commit(); err != nil {
		return rep, stopped(w, errors.Join(storeError(err), storeError(w.Rollback())))
	}
	rep.Summary = w.Summary()
	again := ""
	if rep.Reextracted > 0 {
		again = fmt.Sprintf(", %d re-extracted", rep.Reextracted)
	}
	line := fmt.Sprintf("ingested %s (%d unchanged%s, %d failed): %s in %.1f s",
		plural(int64(rep.Written+rep.Unchanged), "article"), rep.Unchanged, again, len(rep.Failed), rep.Summary, time.Since(start).Seconds())
	if rep.Skipped > 0 && !opts.verbose {
		line += fmt.Sprintf("; %d extracted items left out (--verbose lists them)", rep.Skipped)
	}
	fmt.Fprintln(stderr, line)
	if rep.Written+rep.Unchanged == 0 && len(rep.Failed) == 0 {
		return rep, noArticleError(paths)
	}
	return rep, inputsError(rep.Failed)
}

// errNoExtractor stops the reading of an ingest whose extractor did not
// load.
var errNoExtractor = errors.New("no extractor")

// noArticleError is what kg ingest and kg extract return when their
// inputs, all read, held no article.
func noArticleError(paths []string) error {
	return fmt.Errorf("%w: no article found in %s (kg reads .txt, .html, .htm, .jsonl and .ndjson files, and - for standard input)",
		ErrInputs, strings.Join(paths, " "))
}

// tuneGC makes the collector run less often during an ingest, within a
// soft limit, unless GOGC or GOMEMLIMIT say otherwise; it returns the
// function that restores the settings. Measured on 20,000 articles: 21 s
// and 0.7 GB instead of 23–29 s and 0.5 GB. The limit keeps the Go heap
// under 352 MiB; SQLite's page cache (128 MiB while writing) and the
// binary's data are outside it, so a run stays under about 600 MB. With
// 512 MiB one 32 MB article peaked at 695 MB of RSS (its live heap is
// 150–270 MB, so the heap grew to the limit), with 352 MiB at 562 MB and
// no more CPU time; 10,000 articles (live heap near 120 MB) at 585 MB
// instead of 692 MB, with the same CPU time.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gc := debug.SetGCPercent(300)
	limit := debug.SetMemoryLimit(352 << 20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// storedUnchanged reports whether doc is stored with the same hash by an
// extractor with this fingerprint, so that extracting it again can be
// skipped (same), or stored with the same hash by another extractor, or
// forced, so that it is extracted again (again).
func storedUnchanged(w graph.Writer, doc extract.Document, fingerprint string, force bool) (same, again bool, err error) {
	if doc.Hash == "" {
		return false, false, nil
	}
	vs, err := w.Versions([]string{doc.ID})
	if err != nil {
		return false, false, storeError(err)
	}
	v, ok := vs[doc.ID]
	switch {
	case !ok || v.Hash != doc.Hash:
		return false, false, nil
	case force || v.Fingerprint != fingerprint:
		return false, true, nil
	}
	return true, false, nil
}

// knownUnchanged reports whether the input src describes, before it is
// read, is stored unchanged by an extractor with this fingerprint, so
// that the reader skips it: a JSON Lines record whose line has the stored
// hash (it is not decoded), or a file whose path, size and modification
// time are those stored (it is not opened). Anything else is read, and
// storedUnchanged then decides by the content hash: a file touched or
// copied without being changed is skipped after it is hashed. A file
// changed without changing its size or modification time is taken as
// unchanged: --force reads everything.
func knownUnchanged(w graph.Writer, src reader.Source, fingerprint string) (bool, error) {
	vs, err := w.Versions([]string{src.ID})
	if err != nil {
		return false, storeError(err)
	}
	v, ok := vs[src.ID]
	switch {
	case !ok || v.Fingerprint != fingerprint:
		return false, nil
	case src.Hash != "":
		return v.Hash == src.Hash, nil
	}
	f := graph.FileStamp{Path: src.Path, Size: src.Size, ModTime: src.ModTime.UnixNano()}
	return f.Known() && v.File == f, nil
}

func interrupted(k graph.Writer, err error) error {
	switch {
	case !k.Atomic():
		return fmt.Errorf("ingest interrupted (articles loaded so far stay loaded; run the same command again to finish): %w", err)
	case k.Durable() == 0:
		return fmt.Errorf("ingest interrupted, the store is unchanged: %w", err)
	}
	return fmt.Errorf("ingest interrupted: %s: %w", keptNote(k.Durable()), err)
}

// stopped adds to a failure that ended an ingest what was kept and what
// to do; a full disk says so first.
func stopped(k graph.Writer, err error) error {
	if errors.Is(err, sqlite.ErrDiskFull) {
		err = fmt.Errorf("disk full: free some space on the disk holding the store (or ingest into another one with --store), then run the same command again: %w", err)
	}
	if k.Atomic() && k.Durable() > 0 {
		return fmt.Errorf("%w\nkg: %s", err, keptNote(k.Durable()))
	}
	return err
}

func keptNote(n int) string {
	return fmt.Sprintf("the %s committed before it stay in the store (a re-run skips them and does the rest)", plural(int64(n), "article"))
}
