package cli

import (
	"strings"

	ucli "github.com/urfave/cli/v2"
)

// reorderArgs lets flags go anywhere on the command line, as in git or gh:
// urfave/cli v2 (Go's flag package) stops reading flags at a command's
// first argument, so "kg ingest seeds --store x.db" would ingest a file
// named --store. reorderArgs moves each command's flags (with their
// values) before its arguments and puts a "--" between the two, so that
// an argument that looks like a flag stays an argument. A "--" typed by
// the user ends the flags there: what follows is arguments only.
//
// Which flags take a value is read from the command's own flag
// definitions (a bool flag takes none, unless written --flag=false).
// Unknown flags are left where urfave/cli reports them. Args without a
// known command (kg --version, kg help) are returned unchanged.
func reorderArgs(app *ucli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	// The app's own flags (--help, --version) come before the command.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		i++
	}
	if i >= len(args) {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil || len(cmd.Subcommands) > 0 {
		return args
	}
	out := append([]string{}, args[:i+1]...)
	flags, pos, ok := splitFlags(cmd.Flags, args[i+1:])
	out = append(out, flags...)
	if !ok {
		return out // ends with a flag without its value: urfave/cli says so
	}
	out = append(out, "--")
	return append(out, pos...)
}

// splitFlags separates a command's flags (each followed by its value when
// it takes one) from its positional arguments, keeping each group's order.
// ok is false when the last flag needs a value and has none (it is
// then the last of flags).
func splitFlags(defs []ucli.Flag, args []string) (flags, pos []string, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(pos, args[i+1:]...), true
		case len(a) < 2 || a[0] != '-':
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := findFlag(defs, name)
		if f == nil || hasVal || isBoolFlag(f) {
			continue
		}
		if i+1 >= len(args) {
			return flags, pos, false
		}
		i++
		flags = append(flags, args[i])
	}
	return flags, pos, true
}

func findFlag(defs []ucli.Flag, name string) ucli.Flag {
	if name == "help" || name == "h" {
		return ucli.HelpFlag
	}
	for _, f := range defs {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func isBoolFlag(f ucli.Flag) bool {
	type boolFlag interface{ IsBoolFlag() bool }
	if b, ok := f.(boolFlag); ok {
		return b.IsBoolFlag()
	}
	_, ok := f.(*ucli.BoolFlag)
	return ok
}

// commandFlag returns the flag of c's command named name, or nil.
func commandFlag(c *ucli.Context, name string) ucli.Flag {
	if c.Command == nil {
		return nil
	}
	return findFlag(c.Command.Flags, name)
}
