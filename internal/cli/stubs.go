package cli

import ucli "github.com/urfave/cli/v2"

// Placeholders replaced by their own files as commands land.
func ingestCommand() *ucli.Command   { return &ucli.Command{Name: "ingest", Hidden: true} }
func queriesCommand() *ucli.Command  { return &ucli.Command{Name: "queries", Hidden: true} }
func queryCommand() *ucli.Command    { return &ucli.Command{Name: "query", Hidden: true} }
func partnersCommand() *ucli.Command { return &ucli.Command{Name: "partners", Hidden: true} }
func demoCommand() *ucli.Command     { return &ucli.Command{Name: "demo", Hidden: true} }
func evalCommand() *ucli.Command     { return &ucli.Command{Name: "eval", Hidden: true} }
func exportCommand() *ucli.Command   { return &ucli.Command{Name: "export", Hidden: true} }
