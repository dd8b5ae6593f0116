package ordered_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kg-dev/kg/internal/ordered"
)

func count(n int) func(emit func(int) error) error {
	return func(emit func(int) error) error {
		for i := range n {
			if err := emit(i); err != nil {
				return err
			}
		}
		return nil
	}
}

// jitter makes workers finish out of order.
func jitter(i int) int {
	time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
	return i * i
}

func TestMapKeepsOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 7} {
		var got []int
		err := ordered.Map(context.Background(), workers, count(500), jitter, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatalf("workers=%d: %v", workers, err)
		}
		if len(got) != 500 {
			t.Fatalf("workers=%d: %d results, want 500", workers, len(got))
		}
		for i, r := range got {
			if r != i*i {
				t.Fatalf("workers=%d: result %d is %d, want %d", workers, i, r, i*i)
			}
		}
	}
}

func TestMapBoundsItemsInFlight(t *testing.T) {
	const workers = 3
	var emitted, sunk, maxAhead atomic.Int64
	src := func(emit func(int) error) error {
		for i := range 300 {
			if err := emit(i); err != nil {
				return err
			}
			ahead := emitted.Add(1) - sunk.Load()
			if ahead > maxAhead.Load() {
				maxAhead.Store(ahead) // only this goroutine stores
			}
		}
		return nil
	}
	err := ordered.Map(context.Background(), workers, src, func(i int) int { return i }, func(int) error {
		time.Sleep(100 * time.Microsecond) // a slow sink: the source runs ahead
		sunk.Add(1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if emitted.Load() != 300 || sunk.Load() != 300 {
		t.Fatalf("emitted %d, sunk %d, want 300", emitted.Load(), sunk.Load())
	}
	// 4×workers queued, plus the one being sunk and the one being emitted.
	if limit := int64(4*workers + 2); maxAhead.Load() > limit || maxAhead.Load() < 4*workers {
		t.Fatalf("source ran %d items ahead of the sink, want %d..%d", maxAhead.Load(), 4*workers, limit)
	}
}

func TestMapStopsAtSinkError(t *testing.T) {
	boom := errors.New("boom")
	before := runtime.NumGoroutine()
	n := 0
	err := ordered.Map(context.Background(), 4, count(1_000_000), jitter, func(r int) error {
		n++
		if n == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if n != 10 {
		t.Fatalf("sink called %d times after its error, want it to stop at 10", n)
	}
	waitGoroutines(t, before)
}

func TestMapReturnsSourceError(t *testing.T) {
	bad := errors.New("unreadable")
	var got []int
	err := ordered.Map(context.Background(), 2, func(emit func(int) error) error {
		for i := range 5 {
			if err := emit(i); err != nil {
				return err
			}
		}
		return bad
	}, jitter, func(r int) error {
		got = append(got, r)
		return nil
	})
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v, want the source's error", err)
	}
	if len(got) != 5 {
		t.Fatalf("%d results before the source's error, want 5", len(got))
	}
}

func TestMapCancelled(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := ordered.Map(ctx, 2, count(1_000_000), jitter, func(int) error {
		n++
		if n == 20 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n > 20+4*2+2 {
		t.Fatalf("sink called %d times, want it to stop soon after cancel", n)
	}
	waitGoroutines(t, before)
}

func TestMapCompletedThenCancelledIsNotAnError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := ordered.Map(ctx, 2, count(3), jitter, func(int) error {
		n++
		if n == 3 {
			cancel() // after the last result: nothing was lost
		}
		return nil
	})
	if err != nil {
		t.Fatalf("err = %v, want nil: every item reached the sink", err)
	}
}

// waitGoroutines fails if goroutines started by Map outlive it.
func waitGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left running, want %d", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
