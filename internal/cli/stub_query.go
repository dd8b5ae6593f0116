package cli

import ucli "github.com/urfave/cli/v2"

// Placeholder: replaced by query.go when the command lands.
func queryCommand() *ucli.Command { return &ucli.Command{Name: "query", Hidden: true} }
