package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph/sqlite"
	ucli "github.com/urfave/cli/v2"
)

func init() {
	// kg --version (or -v): computed when asked, not at every start.
	ucli.VersionPrinter = func(c *ucli.Context) { writeVersion(c.App.Writer) }
}

// writeVersion prints kg's module version and VCS revision (from the build
// information Go embeds), the Go version, the store's schema version and
// the fingerprint of the extractor's embedded data:
//
//	kg (devel) rev 3912cca8e1f0 2026-12-04T21:03:11Z (modified)
//	go1.26.8 linux/amd64, store schema 4, extractor x1-5e2f0c41a9d3
func writeVersion(w io.Writer) {
	version, rev := "(unknown)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		version = bi.Main.Version
		var when, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
				if len(rev) > 12 {
					rev = rev[:12]
				}
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = " (modified)"
				}
			}
		}
		if rev != "" {
			rev = " rev " + rev + " " + when + modified
		}
	}
	data := extract.Fingerprint()
	fmt.Fprintf(w, "kg %s%s\n%s %s/%s, store schema %d, extractor %s\n",
		version, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH, sqlite.SchemaVersion, data)
}

// moduleVersion is kg's module version from the build information, for
// kg --help ("(devel)" for a build from a work tree).
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(unknown)"
}
