package cli

import (
	"errors"
	"fmt"

	"github.com/kg-dev/kg/graph/neo4j"
	ucli "github.com/urfave/cli/v2"
)

// DefaultNeo4jURI is where --neo4j connects when no URI is given.
const DefaultNeo4jURI = "neo4j://localhost:7687"

// neo4jFlags returns the Neo4j connection flags shared by the commands
// that can use Neo4j (ingest, query, partners). Every setting has an
// environment variable; the password has no default and is never shown by
// --help (only the name of its variable is).
func neo4jFlags() []ucli.Flag {
	const cat = "Neo4j"
	return []ucli.Flag{
		&ucli.BoolFlag{Name: "neo4j", Category: cat, Usage: "use Neo4j instead of the embedded store (implied when NEO4J_URI is set)"},
		&ucli.StringFlag{Name: "neo4j-uri", Category: cat, EnvVars: []string{"NEO4J_URI"}, Usage: "Neo4j `URI`, without credentials (default " + DefaultNeo4jURI + " with --neo4j)"},
		&ucli.StringFlag{Name: "neo4j-username", Category: cat, EnvVars: []string{"NEO4J_USERNAME"}, Value: "neo4j", Usage: "Neo4j `USER`"},
		&ucli.StringFlag{Name: "neo4j-password", Category: cat, EnvVars: []string{"NEO4J_PASSWORD"}, Usage: "Neo4j `PASSWORD`; prefer the environment variable, which other users cannot see"},
		&ucli.StringFlag{Name: "neo4j-database", Category: cat, EnvVars: []string{"NEO4J_DATABASE"}, Value: neo4j.DefaultDatabase, Usage: "Neo4j `DATABASE`"},
		&ucli.IntFlag{Name: "neo4j-batch", Category: cat, Value: neo4j.DefaultBatchSize, Usage: "`ROWS` per Neo4j write transaction"},
	}
}

// useNeo4j reports whether the command should use Neo4j rather than the
// embedded store: --neo4j was given, or a URI was (flag or NEO4J_URI).
func useNeo4j(c *ucli.Context) bool {
	return c.Bool("neo4j") || c.String("neo4j-uri") != ""
}

// neo4jConfig reads the Neo4j flags. Errors wrap ErrUsage.
func neo4jConfig(c *ucli.Context) (neo4j.Config, error) {
	cfg := neo4j.Config{
		URI:       c.String("neo4j-uri"),
		Username:  c.String("neo4j-username"),
		Password:  c.String("neo4j-password"),
		Database:  c.String("neo4j-database"),
		BatchSize: c.Int("neo4j-batch"),
	}
	if cfg.URI == "" {
		cfg.URI = DefaultNeo4jURI
	}
	if cfg.BatchSize <= 0 {
		return cfg, fmt.Errorf("%w: --neo4j-batch must be positive, not %d", ErrUsage, cfg.BatchSize)
	}
	if cfg.Password == "" {
		return cfg, fmt.Errorf("%w: no Neo4j password: set NEO4J_PASSWORD", ErrUsage)
	}
	return cfg, nil
}

// openNeo4j connects to the Neo4j the flags describe and verifies
// connectivity, credentials and database. The store is both the loader
// (EnsureSchema, Load) and, through Engine(), a queries.Engine; close it
// with Close(ctx). Errors wrap ErrUsage for bad settings and
// ErrUnavailable (exit code 3) when Neo4j cannot be used; they never
// contain the password.
func openNeo4j(c *ucli.Context) (*neo4j.Store, error) {
	cfg, err := neo4jConfig(c)
	if err != nil {
		return nil, err
	}
	st, err := neo4j.Open(c.Context, cfg)
	switch {
	case err == nil:
		return st, nil
	case errors.Is(err, neo4j.ErrConfig):
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
}
