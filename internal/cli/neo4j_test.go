package cli

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"

	"github.com/kg-dev/kg/internal/livetest"
	ucli "github.com/urfave/cli/v2"
)

const testSecret = "s3cret-Pa55word"

// probeApp is an app with one command taking the Neo4j flags, whose
// action opens Neo4j like ingest and query do.
func probeApp(stdout, stderr *bytes.Buffer) *ucli.App {
	app := newApp(strings.NewReader(""), stdout, stderr)
	app.Commands = []*ucli.Command{{
		Name:  "probe",
		Usage: "open neo4j",
		Flags: neo4jFlags(),
		Action: func(c *ucli.Context) error {
			if !useNeo4j(c) {
				return nil
			}
			st, err := openNeo4j(c)
			if err != nil {
				return err
			}
			return st.Close(c.Context)
		},
	}}
	return app
}

// closedPort returns a local address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func runProbe(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := probeApp(&out, &errb)
	err := app.RunContext(context.Background(), append([]string{"kg"}, args...))
	code = ExitOK
	if err != nil {
		errb.WriteString("kg: " + err.Error() + "\n")
		code = exitCode(err)
	}
	return code, out.String(), errb.String()
}

func TestNeo4jHelpHidesPassword(t *testing.T) {
	t.Setenv("NEO4J_PASSWORD", testSecret)
	t.Setenv("NEO4J_URI", "")
	for _, args := range [][]string{{"probe", "--help"}, {"help", "probe"}, {"--help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, out, errs := runProbe(t, args...)
			if strings.Contains(out+errs, testSecret) {
				t.Errorf("help output contains the password:\n%s", out+errs)
			}
			if args[0] == "probe" && !strings.Contains(out, "NEO4J_PASSWORD") {
				t.Errorf("help output: got no mention of NEO4J_PASSWORD in\n%s", out)
			}
		})
	}
}

func TestNeo4jUnavailable(t *testing.T) {
	addr := closedPort(t)
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantMsg  string
	}{
		{"env uri, nothing listening", map[string]string{"NEO4J_URI": "bolt://" + addr, "NEO4J_PASSWORD": testSecret}, []string{"probe"}, ExitUnavailable, "not reachable"},
		{"flag uri, nothing listening", map[string]string{"NEO4J_PASSWORD": testSecret}, []string{"probe", "--neo4j-uri", "neo4j://" + addr}, ExitUnavailable, "not reachable"},
		{"password as flag", nil, []string{"probe", "--neo4j-uri", "bolt://" + addr, "--neo4j-password", testSecret}, ExitUnavailable, "not reachable"},
		{"no password", map[string]string{"NEO4J_PASSWORD": ""}, []string{"probe", "--neo4j"}, ExitUsage, "NEO4J_PASSWORD"},
		{"credentials in uri", map[string]string{"NEO4J_PASSWORD": testSecret}, []string{"probe", "--neo4j-uri", "bolt://neo4j:" + testSecret + "@" + addr}, ExitUsage, "must not contain credentials"},
		{"bad scheme", map[string]string{"NEO4J_PASSWORD": testSecret}, []string{"probe", "--neo4j-uri", "http://" + addr}, ExitUsage, "scheme"},
		{"bad batch", map[string]string{"NEO4J_PASSWORD": testSecret}, []string{"probe", "--neo4j", "--neo4j-batch", "0"}, ExitUsage, "--neo4j-batch"},
		{"embedded store by default", map[string]string{"NEO4J_URI": ""}, []string{"probe"}, ExitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NEO4J_URI", "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, out, errs := runProbe(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code: got %d, want %d (stderr %q)", code, tt.wantCode, errs)
			}
			if !strings.Contains(errs, tt.wantMsg) {
				t.Errorf("stderr: got %q, want it to contain %q", errs, tt.wantMsg)
			}
			if strings.Contains(out+errs, testSecret) {
				t.Errorf("output contains the password: %q", out+errs)
			}
		})
	}
}

// TestNeo4jIntegrationSettings runs kg against the Neo4j of NEO4J_URI
// (the CI neo4j job) with a wrong password and a wrong database: exit 3, a
// message saying what to check, never the password. It writes nothing (the
// ingest fails before reading), so it can run while graph/neo4j's
// integration tests load that database.
func TestNeo4jIntegrationSettings(t *testing.T) {
	password := livetest.Neo4j(t).Password
	wrong := password + "-" + testSecret
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		// One wrong password only: Neo4j locks the user for 5 s after 3
		// failed logins, which would fail graph/neo4j's tests running
		// meanwhile (it tries one too).
		{"wrong password", map[string]string{"NEO4J_PASSWORD": wrong}, []string{"ingest", "../../seeds"}, ExitUnavailable, "rejected the credentials"},
		{"wrong database", map[string]string{"NEO4J_DATABASE": "kg-no-such-db"}, []string{"partners", "Hanoi"}, ExitUnavailable, `no database "kg-no-such-db"`},
		// kg stats answers whatever the database holds: graph/neo4j's
		// tests empty and load it meanwhile (partners Hanoi would be a
		// usage error whenever Hanoi is not there at that moment).
		{"right settings", nil, []string{"stats"}, ExitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := kgRun(t, context.Background(), tt.args...)
			if r.code != tt.code {
				t.Errorf("exit code: got %d, want %d (stderr %q)", r.code, tt.code, r.stderr)
			}
			if tt.want == "" && r.stderr != "" {
				t.Errorf("stderr: got %q, want nothing", r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr: got %q, want %q", r.stderr, tt.want)
			}
			for _, secret := range []string{wrong, password} {
				if secret != "" && strings.Contains(r.stdout+r.stderr, secret) {
					t.Errorf("output contains a password: %q", r.stdout+r.stderr)
				}
			}
		})
	}
}
