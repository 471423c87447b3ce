package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "foiwire",
		Short: "Turn FOI replies into checked figures and local news stories",
		Long: `foiwire reads the replies that public authorities (police forces first) send to
one Freedom of Information request, in whatever form they came (HTML pages,
spreadsheets, PDFs, pasted text, email), and turns them into one dataset in
which every figure keeps its provenance. From it, foiwire derives facts,
writes one checked local story per authority with its chart, checks printed
articles against the data, and tracks every request to its deadline.

Start with:  foiwire build examples/tiktok-2024`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "log what is being done")
	root.PersistentFlags().StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile of the command to `FILE` (for go tool pprof)")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error { return a.startProfile() }
	root.AddCommand(
		newExtractCmd(a),
		newBuildCmd(a),
		newEvalCmd(a),
		newCheckCmd(a),
		newAuthoritiesCmd(a),
		newServeCmd(a),
		newUserCmd(a),
		newRequestCmd(a),
		newVersionCmd(a),
		newReplyCmd(a),
		newMigrateCmd(a),
	)
	return root
}
