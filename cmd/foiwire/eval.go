package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire/evaluate"
)

func newEvalCmd(a *app) *cobra.Command {
	var replies, expected string
	var minRecall float64
	cmd := &cobra.Command{
		Use:   "eval CORPUS",
		Short: "Score the reader on replies whose figures a person has already read",
		Long: `eval reads every reply in CORPUS/foi (without being told who sent it) and
compares the figures with CORPUS/expected_figures.csv, a person's reading
(columns file, authority, measure, period_start, period_end, label, value,
status, is_total). It prints how many expected figures were read exactly,
each one missed, and each figure marked "high" confidence that matches
nothing expected. It exits 1 when the share read is under --min or any
high-confidence figure is wrong.`,
		Example: `  foiwire eval ../shared/corpus
  foiwire eval --replies replies/ --expected my-reading.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if replies == "" {
					replies = filepath.Join(args[0], "foi")
				}
				if expected == "" {
					expected = filepath.Join(args[0], "expected_figures.csv")
				}
			}
			if replies == "" || expected == "" {
				return fmt.Errorf("give a CORPUS folder, or --replies and --expected")
			}
			f, err := os.Open(expected)
			if err != nil {
				return err
			}
			defer f.Close()
			exp, err := evaluate.ReadExpected(f)
			if err != nil {
				return fmt.Errorf("%s: %w", expected, err)
			}
			o, err := evaluate.Run(cmd.Context(), replies, exp)
			if err != nil {
				return err
			}
			o.Report(a.stdout)
			if o.Recall() < minRecall || len(o.WrongHigh) > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&replies, "replies", "", "folder of reply files (default CORPUS/foi)")
	cmd.Flags().StringVar(&expected, "expected", "", "expected figures CSV (default CORPUS/expected_figures.csv)")
	cmd.Flags().Float64Var(&minRecall, "min", 0.98, "the share of expected figures that must be read exactly")
	return cmd
}
