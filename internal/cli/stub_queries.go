package cli

import ucli "github.com/urfave/cli/v2"

// Placeholder: replaced by queries.go when the command lands.
func queriesCommand() *ucli.Command { return &ucli.Command{Name: "queries", Hidden: true} }
