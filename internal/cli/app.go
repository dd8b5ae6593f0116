// Package cli is kg's command line: one urfave/cli app whose Main returns
// an exit code, so tests run it in-process. Each command lives in its own
// file; exit codes are chosen in one place (exitCode).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/kg-dev/kg/internal/termtext"
)

// Exit codes, documented in README.md.
const (
	ExitOK          = 0 // success, including "no results"
	ExitInputs      = 1 // some inputs could not be read or extracted
	ExitUsage       = 2 // bad flags, arguments or parameters
	ExitUnavailable = 3 // the store or the database is unavailable
	ExitInternal    = 4 // anything else
	// ExitInterrupted: Ctrl-C (SIGINT) or SIGTERM stopped the command; an
	// ingest into the embedded store left it as it was. 130 = 128 + SIGINT,
	// the shell's convention.
	ExitInterrupted = 130
)

// Sentinel errors that pick exit codes; wrap them with %w.
var (
	ErrUsage       = errors.New("usage")
	ErrInputs      = errors.New("some inputs failed")
	ErrUnavailable = errors.New("store unavailable")
)

// interruptGrace is how long a command has, once interrupted, to stop by
// itself (an ingest rolling back its open batch, a reader noticing the
// cancellation) before Main returns without it.
const interruptGrace = 500 * time.Millisecond

// Main runs kg with args (args[0] is the program name) and returns the
// exit code. Ctrl-C or SIGTERM cancels the context every command runs in;
// a command that has not returned interruptGrace later (blocked in a
// system call nothing can interrupt, such as a read from a terminal, or in
// the middle of a long extraction) is abandoned: Main returns
// ExitInterrupted and the caller exits, which the embedded store survives
// like a kill (what was committed stays). A second signal kills kg at once.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, stdin, stdout, stderr) }()
	select {
	case code := <-done:
		return code
	case <-ctx.Done():
		stop() // restore the default action for the next signal
	}
	select {
	case code := <-done:
		return code
	case <-time.After(interruptGrace):
		fmt.Fprintln(stderr, "kg: interrupted")
		return ExitInterrupted
	}
}

// run is Main without the signal handling: cancelling ctx is what Ctrl-C
// does.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runApp(ctx, newApp(stdin, stdout, stderr), args)
}

// runApp runs app, reports its error on app.ErrWriter and returns the exit
// code.
func runApp(ctx context.Context, app *ucli.App, args []string) int {
	err := app.RunContext(ctx, reorderArgs(app, args))
	if err == nil {
		return ExitOK
	}
	if ctx.Err() != nil {
		// Whatever failed once the command was interrupted (a store
		// call, a Neo4j load) failed because of the interruption: say so,
		// whatever step it was in.
		fmt.Fprintf(app.ErrWriter, "kg: %s\n", interruptedMessage(err))
		return ExitInterrupted
	}
	fmt.Fprintf(app.ErrWriter, "kg: %v\n", err)
	return exitCode(err)
}

// interruptedMessage is what kg says of err, met once the command was
// interrupted: that it was interrupted, once, and what the command said
// of it, without the bare "context canceled" of the cancelled context
// (it is why, not news: "ingest interrupted, the store is unchanged").
func interruptedMessage(err error) string {
	msg := strings.ReplaceAll(err.Error(), ": "+context.Canceled.Error(), "")
	if msg == context.Canceled.Error() {
		return "interrupted"
	}
	if !strings.Contains(msg, "interrupted") {
		msg = "interrupted: " + msg
	}
	return msg
}

func exitCode(err error) int {
	var ec ucli.ExitCoder
	switch {
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.Is(err, ErrUsage), isRequiredFlags(err):
		return ExitUsage
	case errors.Is(err, ErrUnavailable):
		return ExitUnavailable
	case errors.Is(err, ErrInputs):
		return ExitInputs
	case errors.As(err, &ec):
		return ec.ExitCode()
	case unavailable(err):
		return ExitUnavailable
	}
	return ExitInternal
}

// unavailable reports whether err says that something kg needs besides
// the store cannot be used: a file or directory to write (an export, a
// generated corpus, curation.tsv) or an address to listen on. Those are
// exit 3 like the store, not internal errors.
func unavailable(err error) bool {
	var pe *fs.PathError
	var le *os.LinkError
	var oe *net.OpError
	return errors.As(err, &pe) || errors.As(err, &le) || errors.As(err, &oe)
}

// isRequiredFlags reports whether err is urfave/cli's "Required flag(s)
// … not set", which does not go through OnUsageError and whose type is
// unexported (TestUsageExitCodes catches a change of wording).
func isRequiredFlags(err error) bool {
	return strings.HasPrefix(err.Error(), "Required flag")
}

// showHelp is the app's action: kg alone or kg help prints the commands,
// kg help CMD a command's help; anything else is an unknown command (exit
// 2; urfave's own "No help topic" would exit 3).
func showHelp(c *ucli.Context) error {
	args := c.Args().Slice()
	if len(args) > 0 && args[0] == "help" {
		args = args[1:]
	}
	switch {
	case len(args) == 0:
		return ucli.ShowAppHelp(c)
	case len(args) == 1 && c.App.Command(args[0]) != nil:
		return ucli.ShowCommandHelp(c, args[0])
	}
	return fmt.Errorf("%w: unknown command %q (kg --help lists the commands)", ErrUsage, args[0])
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *ucli.App {
	app := &ucli.App{
		Name:  "kg",
		Usage: "turn news articles into an entity-and-relation knowledge graph",
		Description: "kg extracts people, cities, countries, organisations, events and counts from English and\n" +
			"French articles, relates them, and keeps the graph in an embedded store (default ./kg.db) or Neo4j.",
		Version:         moduleVersion(), // kg --version prints more: writeVersion
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       termtext.NewWriter(stderr), // every message, warning and error
		HideHelpCommand: true,
		ExitErrHandler:  func(*ucli.Context, error) {}, // Main reports errors and picks the code
		Action:          showHelp,
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return fmt.Errorf("%w: %v", ErrUsage, err)
		},
		Commands: []*ucli.Command{
			extractCommand(),
			ingestCommand(),
			queriesCommand(),
			queryCommand(),
			statsCommand(),
			partnersCommand(),
			searchCommand(),
			showCommand(),
			whyCommand(),
			timelineCommand(),
			mergeCommand(),
			unmergeCommand(),
			aliasCommand(),
			rejectCommand(),
			curationCommand(),
			demoCommand(),
			evalCommand(),
			exportCommand(),
			generateCommand(),
			serveCommand(),
		},
	}
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
		// No "help" subcommand (urfave adds one, alias "h"): kg ingest h
		// ingests the path h; --help shows the help.
		c.HideHelpCommand = true
	}
	return app
}
