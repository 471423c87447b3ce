package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire/evaluate"
)

func newEvalCmd(a *app) *cobra.Command {
	var replies, expected string
	var minRecall, minFiles float64
	cmd := &cobra.Command{
		Use:   "eval CORPUS",
		Short: "Score the reader on replies whose figures a person has already read",
		Long: `eval reads every reply of each corpus under CORPUS (without being told who
sent it) and compares the figures with a person's reading: CORPUS/foi against
CORPUS/expected_figures.csv, and every folder of CORPUS holding its own
expected_figures.csv (CORPUS/foi-files) against that file. The columns are
file, authority, measure, period_start, period_end, label, value, status,
is_total; a row with measure "trap" is a number in a reply that is not a
figure (a reference, a telephone number, a cost estimate).

For each corpus it prints how many expected figures were read exactly, how
many were marked for review, each one missed, each figure marked "high"
confidence that matches nothing expected, the traps read as figures, and
any reply about which nothing was said. It exits 1 when any corpus reads
less than its minimum share or any high-confidence figure is wrong.`,
		Example: `  foiwire eval ../shared/corpus
  foiwire eval --replies replies/ --expected my-reading.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var corpora []evaluate.Corpus
			switch {
			case replies != "" || expected != "":
				if replies == "" || expected == "" {
					return fmt.Errorf("give both --replies and --expected")
				}
				corpora = []evaluate.Corpus{{Name: replies, Replies: replies, Expected: expected}}
			case len(args) == 1:
				var err error
				if corpora, err = evaluate.Corpora(args[0]); err != nil {
					return err
				}
			default:
				return fmt.Errorf("give a CORPUS folder, or --replies and --expected")
			}
			failed := false
			for i, c := range corpora {
				o, err := evaluate.RunCorpus(cmd.Context(), c)
				if err != nil {
					return err
				}
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				o.Report(a.stdout)
				floor := minRecall
				if c.Name == "foi-files" {
					floor = minFiles
				}
				if o.Recall() < floor || len(o.WrongHigh) > 0 || len(o.Silent) > 0 {
					failed = true
				}
			}
			if failed {
				return exitCode(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&replies, "replies", "", "folder of reply files (instead of CORPUS)")
	cmd.Flags().StringVar(&expected, "expected", "", "expected figures CSV for --replies")
	cmd.Flags().Float64Var(&minRecall, "min", 0.98, "the share of expected figures that must be read exactly")
	cmd.Flags().Float64Var(&minFiles, "min-files", 0.95, "the share for the foi-files corpus (real PDFs and email threads)")
	return cmd
}
