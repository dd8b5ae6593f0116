package neo4j

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/kg-dev/kg/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestStoreErrorsSayWhereAndWhatToDo: a failed load names the database and
// the server, says what to do, keeps the driver's error for errors.Is and
// never shows the password.
func TestStoreErrorsSayWhereAndWhatToDo(t *testing.T) {
	const secret = "pa55-Secret"
	tests := []struct {
		name   string
		err    error
		cancel bool
		want   []string
		not    []string
	}{
		{
			name: "connection dropped",
			err:  &driver.ConnectivityError{Inner: errors.New("read tcp: connection reset by peer")},
			want: []string{`loading 1 articles in Neo4j database "neo4j" at bolt://db.example:7687`, "connection reset by peer", "the connection was lost", "run the same command again"},
		},
		{
			name: "retries exhausted",
			err:  &driver.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 30s)"},
			want: []string{"exceeded max retry time", "retried for up to 30 s and gave up", "run the same command again"},
		},
		{
			name: "forbidden, echoing the password",
			err:  &driver.Neo4jError{Code: "Neo.ClientError.Security.Forbidden", Msg: "user neo4j with " + secret + " may not write"},
			want: []string{"Neo.ClientError.Security.Forbidden", "check NEO4J_USERNAME, NEO4J_PASSWORD", "********"},
			not:  []string{secret},
		},
		{
			name:   "interrupted",
			err:    context.Canceled,
			cancel: true,
			want:   []string{"loading 1 articles in Neo4j database", "context canceled"},
			not:    []string{"run the same command again"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeExec(t)
			f.failOn, f.failErr = stNodeRecordsNew, tt.err
			l, err := NewLoader(f, 1000)
			if err != nil {
				t.Fatal(err)
			}
			st := &Store{Loader: l, exec: f, database: "neo4j", target: "bolt://db.example:7687", password: secret}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			_, err = st.Load(ctx, []graph.Batch{bigBatch(3)}, LoadOptions{})
			if !errors.Is(err, tt.err) {
				t.Fatalf("got %v, want an error wrapping %v", err, tt.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q: want %q in it", err, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(err.Error(), n) {
					t.Errorf("error %q: want no %q in it", err, n)
				}
			}
		})
	}
}

// flakyExec wraps a real Executor: the first attempt of every nth write
// transaction runs its work and then fails with fail, as if the server had
// aborted the transaction at commit. The driver decides whether to retry.
type flakyExec struct {
	Executor
	every int
	fail  func() error

	mu       sync.Mutex
	units    int // write transactions asked for
	injected int // failures injected
	attempts int // attempts of units that got a failure
}

func (f *flakyExec) ExecuteWrite(ctx context.Context, work func(Tx) error) error {
	f.mu.Lock()
	f.units++
	inject := f.units%f.every == 0
	f.mu.Unlock()
	attempt := 0
	return f.Executor.ExecuteWrite(ctx, func(tx Tx) error {
		attempt++
		if inject {
			f.mu.Lock()
			f.attempts++
			f.mu.Unlock()
		}
		if err := work(tx); err != nil {
			return err
		}
		if inject && attempt == 1 {
			f.mu.Lock()
			f.injected++
			f.mu.Unlock()
			return f.fail()
		}
		return nil
	})
}

// TestIntegrationTransientErrorsRetried: the driver retries a write
// transaction that failed with a transient error (its work redone from
// scratch, since the failed attempt was rolled back), and the load ends
// with the graph a clean load gives. Errors that retrying cannot fix
// (credentials, a missing database, a bad statement) are not retried: the
// load fails at once, and a clean re-run completes it without duplicates.
func TestIntegrationTransientErrorsRetried(t *testing.T) {
	cfg := integrationConfig(t)
	st := openIntegration(t, cfg)
	ctx := context.Background()
	bs := fixtureBatches(t)
	if _, err := st.Load(ctx, bs, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	want := census(t, st)

	tests := []struct {
		name  string
		code  string
		retry bool
	}{
		{"deadlock", "Neo.TransientError.Transaction.DeadlockDetected", true},
		{"lock timeout", "Neo.TransientError.Transaction.LockAcquisitionTimeout", true},
		{"database unavailable", "Neo.TransientError.General.DatabaseUnavailable", true},
		{"credentials", codeUnauthorized, false},
		{"no database", codeDatabaseNotFound, false},
		{"bad statement", "Neo.ClientError.Statement.SyntaxError", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wipe(t, st)
			if err := st.EnsureSchema(ctx); err != nil {
				t.Fatal(err)
			}
			f := &flakyExec{Executor: st.exec, every: 15, fail: func() error {
				return &driver.Neo4jError{Code: tt.code, Msg: "injected by the test"}
			}}
			l, err := NewLoader(f, 2) // many small transactions
			if err != nil {
				t.Fatal(err)
			}
			_, err = l.Load(ctx, bs, LoadOptions{})
			t.Logf("%d write transactions, %d failures injected, %d attempts of those: %v", f.units, f.injected, f.attempts, err)
			if f.injected == 0 {
				t.Fatal("no failure was injected")
			}
			if tt.retry {
				if err != nil {
					t.Fatalf("got %v, want the driver to retry and the load to succeed", err)
				}
				if f.attempts != 2*f.injected {
					t.Errorf("attempts of the failed transactions: got %d, want 2 each (%d)", f.attempts, 2*f.injected)
				}
			} else {
				var nerr *driver.Neo4jError
				if !errors.As(err, &nerr) || nerr.Code != tt.code {
					t.Fatalf("got %v, want the load to fail with %s", err, tt.code)
				}
				if f.injected != 1 || f.attempts != 1 {
					t.Errorf("got %d failures in %d attempts, want 1 in 1 (no retry)", f.injected, f.attempts)
				}
				if _, err := st.Load(ctx, bs, LoadOptions{}); err != nil {
					t.Fatalf("re-run: %v", err)
				}
			}
			if got := census(t, st); !reflect.DeepEqual(got, want) {
				t.Errorf("graph: got %v, want %v", got, want)
			}
		})
	}
}
