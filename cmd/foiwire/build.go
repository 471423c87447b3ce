package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/foiwire/foiwire/pipeline"
)

func newBuildCmd(a *app) *cobra.Command {
	var o pipeline.Options
	cmd := &cobra.Command{
		Use:   "build DIR",
		Short: "Read a campaign's replies and write its dataset, facts and stories",
		Long: `build reads every reply under DIR/replies/<authority>/ (and any collated
figures in DIR/data/figures.csv) into the campaign database (DIR/foiwire.db),
then writes to OUT (default DIR/out):

  figures.csv   every figure, with the document, table, row and column it came from
  review.csv    what needs a person, with the best guess and why
  facts.csv     totals, changes, shares, ranks, each with its formula
  <force>/      story.md, story.html, story.json (IPTC ninjs), chart.svg, chart.png
  index.html    every story and chart on one page
  stories.csv   the stories, for a CMS import

A reply that cannot be read is reported and the rest still build. Running
build twice changes nothing. Replies unchanged since the last build (same
bytes, same program, same campaign.yaml) are not read again: their reads
are kept in DIR/.foiwire/cache.`,
		Example: `  foiwire build examples/tiktok-2024
  foiwire build my-campaign --out /tmp/out --strict`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = args[0]
			o.Log = a.logger()
			o.Progress = progress(a.stderr)
			res, err := pipeline.Build(cmd.Context(), o)
			if err != nil {
				return err
			}
			printSummary(a.stdout, res)
			if o.Strict && len(res.Refused) > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Out, "out", "", "output folder (default DIR/out)")
	cmd.Flags().StringVar(&o.DB, "db", "", "campaign database file (default DIR/foiwire.db)")
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "fail the build if any story is refused by the self-check")
	cmd.Flags().StringVar(&o.BaseURI, "base-uri", "", "prefix for each story's ninjs uri (default a urn)")
	cmd.Flags().BoolVar(&o.NoCache, "no-cache", false, "read every reply again, even those unchanged since the last build")
	cmd.Flags().IntVar(&o.Workers, "workers", 0, "replies read at once (default one per core)")
	return cmd
}

// progress shows a bar on a terminal and nothing otherwise (the summary
// says what was done).
func progress(w io.Writer) func(done, total int, name string) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int, name string) {
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("reading replies"),
				progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		bar.Set(done)
		if done == total {
			bar.Finish()
		}
	}
}

func printSummary(w io.Writer, r *pipeline.Result) {
	forces := map[string]bool{}
	for _, f := range r.Figures {
		forces[f.Authority] = true
	}
	fmt.Fprintf(w, "%s: %d reply files read; figures from %d of %d authorities\n", r.Campaign.Campaign.Title, r.Replies, len(forces), r.Authorities)
	fmt.Fprintf(w, "  figures read:      %d\n", len(r.Figures))
	fmt.Fprintf(w, "  figures to review: %d (see %s)\n", len(r.Review), r.Out+"/review.csv")
	fmt.Fprintf(w, "  no reply:          %d", len(r.NoReply))
	if n := len(r.NoReply); n > 0 && n <= 8 {
		fmt.Fprintf(w, " (%s)", strings.Join(r.NoReply, ", "))
	}
	fmt.Fprintln(w)
	if r.Stories > 0 || len(r.Refused) > 0 {
		fmt.Fprintf(w, "  stories written:   %d\n", r.Stories)
	}
	if r.HeldBack > 0 {
		fmt.Fprintf(w, "  %d figures under review are kept out of the facts and stories until a person confirms them\n", r.HeldBack)
	}
	for _, s := range r.Refused {
		fmt.Fprintf(w, "  story refused: %s\n", s)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  problem: %s/%s: %s\n", p.Authority, p.File, p.Message)
	}
	fmt.Fprintf(w, "Output in %s\n", r.Out)
}
