package cli

import ucli "github.com/urfave/cli/v2"

// Placeholder: replaced by partners.go when the command lands.
func partnersCommand() *ucli.Command { return &ucli.Command{Name: "partners", Hidden: true} }
