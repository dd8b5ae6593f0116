// Command kg turns news articles into an entity-and-relation knowledge
// graph: see README.md, or run `kg --help`.
package main

import (
	"os"

	"github.com/kg-dev/kg/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
