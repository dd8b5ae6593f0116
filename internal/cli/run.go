package cli

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/reader"
)

var (
	extractorOnce sync.Once
	extractor     *extract.Extractor
	extractorErr  error
)

// sharedExtractor loads the extractor's data once per process.
func sharedExtractor() (*extract.Extractor, error) {
	extractorOnce.Do(func() { extractor, extractorErr = extract.New() })
	return extractor, extractorErr
}

// failure is one input that could not be read or extracted.
type failure struct {
	Path string
	Err  error
}

// extractPaths reads and extracts every article under paths, calling fn
// with each result in input order. Unreadable inputs are reported on
// stderr and returned; they never stop the others.
func extractPaths(ctx context.Context, paths []string, stderr io.Writer, fn func(extract.DocResult) error) ([]failure, error) {
	x, err := sharedExtractor()
	if err != nil {
		return nil, fmt.Errorf("loading extractor data: %w", err)
	}
	var failed []failure
	err = reader.WalkWith(ctx, paths, func(doc extract.Document) error {
		return fn(x.Extract(doc))
	}, reader.Options{
		OnError: func(where string, err error) {
			fmt.Fprintf(stderr, "kg: skipping %s: %v\n", where, err)
			failed = append(failed, failure{where, err})
		},
		OnWarn: func(where string, err error) {
			fmt.Fprintf(stderr, "kg: warning: %s: %v\n", where, err)
		},
	})
	return failed, err
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
