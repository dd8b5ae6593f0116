package cli

import ucli "github.com/urfave/cli/v2"

// Placeholder: replaced by ingest.go when the command lands.
func ingestCommand() *ucli.Command { return &ucli.Command{Name: "ingest", Hidden: true} }
