package cli

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/internal/ordered"
	"github.com/kg-dev/kg/reader"
	ucli "github.com/urfave/cli/v2"
)

var (
	extractorOnce sync.Once
	extractor     *extract.Extractor
	extractorErr  error
)

// extractorOptions configure the extractor. Only tests set them (the
// kg of internal/cli's test binary, to run the same command with another
// version of the data files); kg itself always extracts with its
// embedded data.
var extractorOptions []extract.Option

// sharedExtractor loads the extractor's data once per process.
func sharedExtractor() (*extract.Extractor, error) {
	extractorOnce.Do(func() { extractor, extractorErr = extract.New(extractorOptions...) })
	return extractor, extractorErr
}

// failure is one input that could not be read or extracted.
type failure struct {
	Path string
	Err  error
}

// workersFlag is --workers: how many articles are extracted at once.
func workersFlag() ucli.Flag {
	return &ucli.IntFlag{
		Name: "workers", Aliases: []string{"w", "jobs", "j"}, Value: runtime.GOMAXPROCS(0),
		Usage: "extract `N` articles in parallel", DefaultText: "the number of cores",
	}
}

func workersOf(c *ucli.Context) (int, error) {
	n := c.Int("workers")
	if n < 1 {
		return 0, fmt.Errorf("%w: --workers must be at least 1", ErrUsage)
	}
	return n, nil
}

// extractArgs reads every article under the command's PATH arguments,
// extracts them on --workers goroutines and merges the results, one entity
// per real-world thing. Unreadable inputs are reported on stderr and
// returned; they never stop the others.
func extractArgs(c *ucli.Context) (extract.Result, []failure, error) {
	workers, err := workersOf(c)
	if err != nil {
		return extract.Result{}, nil, err
	}
	x, err := sharedExtractor()
	if err != nil {
		return extract.Result{}, nil, fmt.Errorf("loading extractor data: %w", err)
	}
	var failed []failure
	read := func(emit func(extract.Document) error) error {
		return reader.WalkWith(c.Context, c.Args().Slice(), emit, walkOptions(c.App.ErrWriter, c.App.Reader, &failed, nil))
	}
	var docs []extract.DocResult
	err = ordered.Map(c.Context, workers, read, x.Extract, func(r extract.DocResult) error {
		docs = append(docs, r)
		return nil
	})
	if err != nil {
		return extract.Result{}, failed, err
	}
	return extract.Merge(docs), failed, nil
}

// walkOptions reports unreadable inputs and warnings on stderr and
// appends each failure to *failed, then calls onFailed if it is not nil.
// The path "-" reads stdin.
func walkOptions(stderr io.Writer, stdin io.Reader, failed *[]failure, onFailed func()) reader.Options {
	return reader.Options{
		Stdin: stdin,
		OnError: func(where string, err error) {
			fmt.Fprintf(stderr, "kg: skipping %s: %v\n", where, err)
			*failed = append(*failed, failure{where, err})
			if onFailed != nil {
				onFailed()
			}
		},
		OnWarn: func(where string, err error) {
			fmt.Fprintf(stderr, "kg: warning: %s: %v\n", where, err)
		},
	}
}

// inputsError summarises failed inputs as an error carrying ErrInputs.
func inputsError(failed []failure) error {
	if len(failed) == 0 {
		return nil
	}
	if len(failed) == 1 {
		return fmt.Errorf("%w: %s: %v", ErrInputs, failed[0].Path, failed[0].Err)
	}
	return fmt.Errorf("%w: %d inputs could not be read (listed above)", ErrInputs, len(failed))
}

// createOutput creates the file named by --out. finish closes it and
// returns the first error of the write (err) or the close; on an error it
// removes the file if it is a regular one, so a failed run never leaves half an output behind.
func createOutput(path string) (w io.Writer, finish func(err error) error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("creating output: %w", err)
	}
	return f, func(err error) error {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", path, cerr)
		}
		if fi, serr := os.Stat(path); err != nil && serr == nil && fi.Mode().IsRegular() {
			os.Remove(path) // never a device such as /dev/stdout
		}
		return err
	}, nil
}
