// Package cli is kg's command line: one urfave/cli app whose Main returns
// an exit code, so tests run it in-process. Each command lives in its own
// file; exit codes are chosen in one place (exitCode).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	ucli "github.com/urfave/cli/v2"
)

// Exit codes, documented in README.md.
const (
	ExitOK          = 0 // success, including "no results"
	ExitInputs      = 1 // some inputs could not be read or extracted
	ExitUsage       = 2 // bad flags, arguments or parameters
	ExitUnavailable = 3 // the store or the database is unavailable
	ExitInternal    = 4 // anything else
)

// Sentinel errors that pick exit codes; wrap them with %w.
var (
	ErrUsage       = errors.New("usage")
	ErrInputs      = errors.New("some inputs failed")
	ErrUnavailable = errors.New("store unavailable")
)

// Main runs kg with args (args[0] is the program name) and returns the
// exit code. Ctrl-C or SIGTERM cancels the context every command runs in.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(stderr, "kg: %v\n", err)
	return exitCode(err)
}

func exitCode(err error) int {
	var ec ucli.ExitCoder
	switch {
	case errors.Is(err, ErrUsage):
		return ExitUsage
	case errors.Is(err, ErrUnavailable):
		return ExitUnavailable
	case errors.Is(err, ErrInputs):
		return ExitInputs
	case errors.As(err, &ec):
		return ec.ExitCode()
	}
	return ExitInternal
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *ucli.App {
	app := &ucli.App{
		Name:  "kg",
		Usage: "turn news articles into an entity-and-relation knowledge graph",
		Description: "kg extracts people, cities, countries, organisations, events and counts from English and\n" +
			"French articles, relates them, and keeps the graph in an embedded store (default ./kg.db) or Neo4j.",
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*ucli.Context, error) {}, // Main reports errors and picks the code
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return fmt.Errorf("%w: %v", ErrUsage, err)
		},
		Commands: []*ucli.Command{
			extractCommand(),
			ingestCommand(),
			queriesCommand(),
			queryCommand(),
			partnersCommand(),
			demoCommand(),
			evalCommand(),
			exportCommand(),
		},
	}
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
	}
	return app
}
