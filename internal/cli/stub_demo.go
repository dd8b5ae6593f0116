package cli

import ucli "github.com/urfave/cli/v2"

// Placeholder: replaced by demo.go when the command lands.
func demoCommand() *ucli.Command { return &ucli.Command{Name: "demo", Hidden: true} }
