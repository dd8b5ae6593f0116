package cli

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/kg-dev/kg/internal/serve"
	ucli "github.com/urfave/cli/v2"
)

// DefaultServeAddr is where kg serve listens without --addr: loopback only.
const DefaultServeAddr = "127.0.0.1:8080"

func serveCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "serve",
		Usage: "a read-only web view of the graph (search, neighbourhoods, evidence, queries, map, timeline)",
		Description: "Serves the embedded store (or, with --neo4j, Neo4j) at http://ADDR/: a page and the JSON API of\n" +
			"docs/SERVE.md. It listens on loopback (" + DefaultServeAddr + ") unless --addr names another address and\n" +
			"--public says so. Nothing writes to the graph. Ctrl-C stops it.",
		Flags: append([]ucli.Flag{
			storeFlag(),
			&ucli.StringFlag{Name: "addr", Value: DefaultServeAddr, Usage: "listen on `HOST:PORT` (port 0: any free port)"},
			&ucli.BoolFlag{Name: "public", Usage: "allow a --addr that is not loopback (anyone who reaches it reads the graph)"},
			&ucli.DurationFlag{Name: "timeout", Value: 10 * time.Second, Usage: "longest `DURATION` a request may take"},
		}, neo4jFlags()...),
		Action: func(c *ucli.Context) error {
			if c.Args().Len() > 0 {
				return fmt.Errorf("%w: serve takes no arguments", ErrUsage)
			}
			addr := c.String("addr")
			_, port, err := net.SplitHostPort(addr)
			if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
				return fmt.Errorf("%w: --addr %q: want HOST:PORT with a port from 0 to 65535", ErrUsage, addr)
			}
			loopback := serve.IsLoopback(addr)
			if !loopback && !c.Bool("public") {
				return fmt.Errorf("%w: --addr %s is not a loopback address: add --public to serve the graph to other machines", ErrUsage, addr)
			}
			if c.Duration("timeout") <= 0 {
				return fmt.Errorf("%w: --timeout must be positive", ErrUsage)
			}
			st, err := openGraph(c, false)
			if err != nil {
				return err
			}
			defer st.Close()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listening on %s: %w", addr, err) // exit 3 (unavailable)
			}
			opts := serve.Options{Timeout: c.Duration("timeout"), Log: log.New(c.App.ErrWriter, "", log.LstdFlags)}
			if loopback {
				opts.Hosts = serve.LoopbackHosts(ln.Addr().String())
			} else {
				fmt.Fprintf(c.App.ErrWriter, "kg: warning: serving %s on %s, which is not loopback: anyone who can reach it reads the graph (no authentication, no TLS)\n", st.Where(), ln.Addr())
			}
			srv := &http.Server{
				Handler:           serve.New(serve.NewBackend(st), opts),
				ReadHeaderTimeout: 5 * time.Second,
				ReadTimeout:       10 * time.Second,
				WriteTimeout:      opts.Timeout + 5*time.Second,
				IdleTimeout:       time.Minute,
				MaxHeaderBytes:    64 << 10,
			}
			fmt.Fprintf(c.App.Writer, "kg: serving %s at http://%s/ (Ctrl-C stops)\n", st.Where(), ln.Addr())
			done := make(chan error, 1)
			go func() { done <- srv.Serve(ln) }()
			select {
			case err := <-done:
				return fmt.Errorf("serving: %w", err)
			case <-c.Context.Done():
			}
			ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Context), interruptGrace/2)
			defer cancel()
			if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			return c.Context.Err() // interrupted: exit 130, like every command
		},
	}
}
