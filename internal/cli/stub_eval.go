package cli

import ucli "github.com/urfave/cli/v2"

// Placeholder: replaced by eval.go when the command lands.
func evalCommand() *ucli.Command { return &ucli.Command{Name: "eval", Hidden: true} }
