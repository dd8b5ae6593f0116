package neo4j

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kg-dev/kg/graph"
)

// The Docker files cannot be run here (no Docker engine), so these tests
// check their structure line by line. (.ci/run runs a real Neo4j through
// tools/neo4j/neo4j.sh instead.)

func readRoot(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// service returns the lines of one top-level compose service.
func service(compose, name string) string {
	var out []string
	in := false
	for _, line := range strings.Split(compose, "\n") {
		switch {
		case line == "  "+name+":":
			in = true
			continue
		case in && strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && strings.TrimSpace(line) != "":
			in = false
		case in && line != "" && !strings.HasPrefix(line, " "):
			in = false
		}
		if in {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func TestCompose(t *testing.T) {
	c := readRoot(t, "docker-compose.yml")
	neo := service(c, "neo4j")
	kg := service(c, "kg")
	if neo == "" || kg == "" {
		t.Fatalf("services: got neo4j %t, kg %t, want both", neo != "", kg != "")
	}
	tests := []struct {
		name, in, want string
	}{
		{"pinned image", neo, "image: neo4j:5.26-community"},
		{"auth without default", neo, "NEO4J_AUTH: neo4j/${NEO4J_PASSWORD:?"},
		{"browser port", neo, `"7474:7474"`},
		{"bolt port", neo, `"7687:7687"`},
		{"data volume", neo, "- neo4j-data:/data"},
		{"healthcheck", neo, "healthcheck:"},
		{"heap initial", neo, "NEO4J_server_memory_heap_initial__size: 512m"},
		{"heap max", neo, "NEO4J_server_memory_heap_max__size: 1G"},
		{"pagecache", neo, "NEO4J_server_memory_pagecache_size: 512m"},
		{"kg built here", kg, "build: ."},
		{"waits for healthy neo4j", kg, "condition: service_healthy"},
		{"kg password without default", kg, "NEO4J_PASSWORD: ${NEO4J_PASSWORD:?"},
		{"kg ingests seeds into neo4j", kg, `command: ["ingest", "--neo4j", "/data/seeds"]`},
		{"volume declared", c, "\nvolumes:\n  neo4j-data:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(tt.in, tt.want) {
				t.Errorf("got no %q in\n%s", tt.want, tt.in)
			}
		})
	}
	if regexp.MustCompile(`(?i)password[:=]\s*["']?[A-Za-z0-9]`).MatchString(c) {
		t.Errorf("docker-compose.yml seems to hold a literal password")
	}
	if strings.Contains(c, "\t") {
		t.Errorf("docker-compose.yml contains tabs, which YAML forbids for indentation")
	}
}

func TestDockerfile(t *testing.T) {
	d := readRoot(t, "Dockerfile")
	for _, want := range []string{"FROM golang:1.26 AS build", "CGO_ENABLED=0", "./cmd/kg", "COPY --from=build", "ENTRYPOINT"} {
		if !strings.Contains(d, want) {
			t.Errorf("Dockerfile: got no %q", want)
		}
	}
	if n := strings.Count("\n"+d, "\nFROM "); n < 2 {
		t.Errorf("Dockerfile stages: got %d, want a multi-stage build", n)
	}
	ig := readRoot(t, ".dockerignore")
	for _, want := range []string{".git", ".env", "node_modules"} {
		if !strings.Contains(ig, want) {
			t.Errorf(".dockerignore: got no %q", want)
		}
	}
}

func TestEnvExample(t *testing.T) {
	e := readRoot(t, ".env.example")
	for _, line := range strings.Split(e, "\n") {
		if strings.HasPrefix(line, "NEO4J_PASSWORD=") && line != "NEO4J_PASSWORD=" {
			t.Errorf(".env.example: got %q, want an empty NEO4J_PASSWORD", line)
		}
	}
	if !strings.Contains(e, "NEO4J_PASSWORD=") {
		t.Errorf(".env.example: got no NEO4J_PASSWORD line")
	}
}

func TestWorkflow(t *testing.T) {
	w := readRoot(t, ".github/workflows/ci.yml")
	for _, want := range []string{"go-version: '1.26'", "node-version: '20'", "java-version: '17'", "bash .ci/run"} {
		if !strings.Contains(w, want) {
			t.Errorf("ci.yml: got no %q", want)
		}
	}
	if strings.Contains(w, "\t") {
		t.Errorf("ci.yml contains tabs")
	}
}

// TestBrowserStyle: the GraSS file gives every label a colour and a
// caption by name (title for articles, count for quantities), and
// relationships their type as caption.
func TestBrowserStyle(t *testing.T) {
	s := readRoot(t, "tools/neo4j/browser/kg.grass")
	blocks := map[string]string{}
	for _, b := range strings.Split(s, "}") {
		sel, body, ok := strings.Cut(b, "{")
		if ok {
			blocks[strings.TrimSpace(sel)] = body
		}
	}
	for _, l := range graph.Labels {
		b, ok := blocks["node."+l]
		if !ok {
			t.Errorf("no style for label %s", l)
			continue
		}
		if !strings.Contains(b, "color: #") || !strings.Contains(b, "caption: '{") {
			t.Errorf("node.%s: want a colour and a caption, got %s", l, b)
		}
	}
	if !strings.Contains(blocks["relationship"], "caption: '<type>'") {
		t.Errorf("relationships: want the type as caption, got %s", blocks["relationship"])
	}
	if strings.Count(s, "{") != strings.Count(s, "}") {
		t.Errorf("unbalanced braces")
	}
}

// TestNeo4jScriptMessages: tools/neo4j/neo4j.sh says what is missing and
// how to install it, and status says when nothing runs.
func TestNeo4jScriptMessages(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	java := "/usr/lib/jvm/java-17-openjdk-amd64/bin"
	// A PATH with the usual tools but neither java nor mvn.
	bin := t.TempDir()
	for _, dir := range []string{"/usr/bin", "/bin"} {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if n := e.Name(); n != "java" && n != "mvn" {
				os.Symlink(filepath.Join(dir, n), filepath.Join(bin, n)) // the first of a name wins
			}
		}
	}
	tests := []struct {
		name string
		args []string
		env  []string
		code int
		want string
	}{
		{"no java", []string{"start"}, []string{"PATH=" + bin, "KG_NEO4J_JAVA_SEARCH="}, 1, "Java 17 or 21 is needed to run Neo4j 5.26"},
		{"no maven", []string{"start"}, []string{"PATH=" + bin, "KG_NEO4J_JAVA_SEARCH=" + java + "/java"}, 1, "Maven is needed once to fetch Neo4j's jars"},
		{"status, nothing runs", []string{"status"}, []string{"PATH=/usr/bin:/bin"}, 3, "not running"},
		{"stop, nothing runs", []string{"stop"}, []string{"PATH=/usr/bin:/bin"}, 0, "not running"},
		{"usage", []string{"frobnicate"}, []string{"PATH=/usr/bin:/bin"}, 2, "usage:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.name, "maven") {
				if _, err := os.Stat(java + "/java"); err != nil {
					t.Skip("no OpenJDK 17 at " + java)
				}
			}
			home := t.TempDir()
			cmd := exec.Command(bash, append([]string{filepath.Join("..", "..", "tools", "neo4j", "neo4j.sh")}, tt.args...)...)
			cmd.Env = append([]string{"KG_NEO4J_HOME=" + home, "KG_NEO4J_LIB=" + filepath.Join(home, "lib"), "HOME=" + home}, tt.env...)
			out, err := cmd.CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code || !strings.Contains(string(out), tt.want) {
				t.Errorf("got exit %d, output %q; want exit %d and %q", code, out, tt.code, tt.want)
			}
		})
	}
}
