// Package ordered runs a function over a stream of items on several
// goroutines and hands the results on in the order the items came, with a
// bounded number of items in flight.
package ordered

import (
	"context"
	"sync"
)

// Map calls fn on every item that src emits, on workers goroutines, and
// calls sink with the results in the order src emitted the items. At most
// 4×workers items are in flight at once, so memory does not grow with the
// stream.
//
// src runs on its own goroutine and must stop when emit returns an error.
// sink runs on the caller's goroutine. Map returns the first error of src,
// of sink, or of ctx (cancellation), after every goroutine it started has
// ended; results computed after the first error are dropped.
func Map[T, R any](ctx context.Context, workers int, src func(emit func(T) error) error, fn func(T) R, sink func(R) error) error {
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type slot struct {
		item T
		out  chan R // buffered: a worker never waits for the sink
	}
	order := make(chan *slot, 4*workers) // slots in input order; bounds what is in flight
	work := make(chan *slot, workers)
	srcErr := make(chan error, 1)

	go func() {
		defer close(order)
		defer close(work)
		srcErr <- src(func(item T) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			s := &slot{item: item, out: make(chan R, 1)}
			select {
			case order <- s:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case work <- s:
			case <-ctx.Done():
				return ctx.Err()
			}
			return nil
		})
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				if ctx.Err() != nil {
					close(s.out) // nobody reads it
					continue
				}
				s.out <- fn(s.item)
			}
		}()
	}

	var sinkErr error
	dropped := false
	for s := range order {
		if sinkErr != nil {
			continue // drain: the source is stopping
		}
		select {
		case r, ok := <-s.out:
			if !ok {
				dropped = true
				continue
			}
			if err := sink(r); err != nil {
				sinkErr = err
				cancel()
			}
		case <-ctx.Done():
			dropped = true
		}
	}
	wg.Wait()
	err := <-srcErr
	switch {
	case sinkErr != nil:
		return sinkErr
	case err != nil:
		return err
	case dropped:
		return ctx.Err()
	}
	return nil
}
