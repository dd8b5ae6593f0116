// Package livetest decides whether a test that needs a live Neo4j runs:
// it runs when NEO4J_URI is set (tools/neo4j/neo4j.sh start prints the
// settings; .ci/run sets them), skips otherwise, and fails instead of
// skipping in CI (CI=true), where every Neo4j test must run.
package livetest

import (
	"os"
	"testing"
)

// Settings are the connection settings of the live Neo4j.
type Settings struct {
	URI, Username, Password, Database string
}

// CI reports whether the tests run in CI, where no Neo4j test may skip.
func CI() bool { return os.Getenv("CI") == "true" }

// Neo4j returns the live Neo4j's settings, or skips t (fails it in CI)
// when there is none.
func Neo4j(t testing.TB) Settings {
	t.Helper()
	s := Settings{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if s.URI == "" {
		Skip(t, "NEO4J_URI is not set (eval \"$(tools/neo4j/neo4j.sh start)\" starts a local Neo4j)")
	}
	if s.Username == "" {
		s.Username = "neo4j"
	}
	return s
}

// Skip skips t with a reason, or fails it in CI.
func Skip(t testing.TB, why any) {
	t.Helper()
	if CI() {
		t.Fatalf("a Neo4j integration test cannot run in CI: %v", why)
	}
	t.Skipf("skipping Neo4j integration test: %v", why)
}
