package cli

import ucli "github.com/urfave/cli/v2"

// Placeholder: replaced by export.go when the command lands.
func exportCommand() *ucli.Command { return &ucli.Command{Name: "export", Hidden: true} }
