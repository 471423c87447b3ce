package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildInfo is debug.ReadBuildInfo, replaced in tests.
var buildInfo = debug.ReadBuildInfo

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print foiwire's version and the source revision it was built from",
		Long: `version prints the module version (a release tag such as v0.3.0 for a
binary installed with go install github.com/foiwire/foiwire/cmd/foiwire@v0.3.0,
"(devel)" for one built from a checkout), the version-control revision and
its date, whether the checkout had uncommitted changes, and the Go version.
Quote it when reporting a problem.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return printVersion(a.stdout)
		},
	}
}

// printVersion writes what the binary knows of how it was built.
func printVersion(w io.Writer) error {
	bi, ok := buildInfo()
	if !ok {
		fmt.Fprintf(w, "foiwire (no build information)\ngo %s\n", runtime.Version())
		return nil
	}
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	fmt.Fprintf(w, "foiwire %s\n", version)
	if rev := settings["vcs.revision"]; rev != "" {
		fmt.Fprintf(w, "revision %s", rev)
		if t := settings["vcs.time"]; t != "" {
			fmt.Fprintf(w, " (%s)", t)
		}
		if settings["vcs.modified"] == "true" {
			fmt.Fprint(w, ", with uncommitted changes")
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "revision unknown (built without version control information)")
	}
	fmt.Fprintf(w, "%s %s/%s\n", bi.GoVersion, settings["GOOS"], settings["GOARCH"])
	return nil
}
