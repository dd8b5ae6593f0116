package cli

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	ucli "github.com/urfave/cli/v2"
)

func TestReorderArgs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kg ingest seeds --store x.db", "kg ingest --store x.db -- seeds"},
		{"kg ingest --store x.db seeds", "kg ingest --store x.db -- seeds"},
		{"kg ingest seeds --store=x.db more", "kg ingest --store=x.db -- seeds more"},
		{"kg ingest seeds --force --workers 2", "kg ingest --force --workers 2 -- seeds"},
		{"kg ingest --store x.db -- --force -", "kg ingest --store x.db -- --force -"},
		{"kg ingest - --force", "kg ingest --force -- -"},
		{"kg query partners -p city=Hanoi -f json", "kg query -p city=Hanoi -f json -- partners"},
		{"kg partners Hanoi --store", "kg partners --store"},              // missing value: urfave says so
		{"kg partners Hanoi --bogus x", "kg partners --bogus -- Hanoi x"}, // unknown: urfave says so
		{"kg partners Hanoi --help", "kg partners --help -- Hanoi"},
		{"kg --version", "kg --version"},
		{"kg nope --x", "kg nope --x"},
		{"kg", "kg"},
	}
	app := newApp(nil, nil, nil)
	for _, tt := range tests {
		got := strings.Join(reorderArgs(app, strings.Fields(tt.in)), " ")
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
	if in := []string{"kg", "ingest", "a b"}; !slices.Equal(reorderArgs(app, in), []string{"kg", "ingest", "--", "a b"}) {
		t.Errorf("an argument with a space: %q", reorderArgs(app, in))
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"short", 10, []string{"short"}},
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"abcdefghijkl x", 5, []string{"abcde", "fghij", "kl x"}},
		{"Hà Nội và Toulouse", 7, []string{"Hà Nội", "và", "Toulous", "e"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.in, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
	if got := cut("abcdef", 4); got != "abc…" {
		t.Errorf("cut: %q", got)
	}
}

// TestInterruptedSaysSo: an error met after Ctrl-C or SIGTERM is reported
// as an interruption with its exit code, whatever step failed (opening or
// migrating the store fails with a bare "context canceled"), once, and
// without the cancelled context's "context canceled".
func TestInterruptedSaysSo(t *testing.T) {
	for msg, want := range map[string]string{
		"migrating the store: context canceled":                        "kg: interrupted: migrating the store\n",
		"ingest interrupted, the store is unchanged: context canceled": "kg: ingest interrupted, the store is unchanged\n",
		"context canceled":           "kg: interrupted\n",
		"writing out.csv: disk full": "kg: interrupted: writing out.csv: disk full\n",
	} {
		var stderr strings.Builder
		app := &ucli.App{Name: "kg", ErrWriter: &stderr, Action: func(*ucli.Context) error { return errors.New(msg) }}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if code := runApp(ctx, app, []string{"kg"}); code != ExitInterrupted {
			t.Errorf("%q: exit %d, want %d", msg, code, ExitInterrupted)
		}
		if got := stderr.String(); got != want {
			t.Errorf("%q: stderr %q, want %q", msg, got, want)
		}
	}
}
