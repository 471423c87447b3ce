package main

import (
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire/postgres"
	"github.com/foiwire/foiwire/sqlite"
)

func newMigrateCmd(a *app) *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate DIR --to postgres://...",
		Short: "Copy a campaign from its SQLite file to a PostgreSQL database",
		Long: `migrate copies everything in a campaign's SQLite database (the replies as
received, figures, corrections, requests, accounts, story approvals and the
last build's outputs) into a PostgreSQL database, in one transaction, so a
newsroom can share the campaign:

  foiwire serve DIR --db postgres://...

The PostgreSQL database must not hold a campaign already. The SQLite file is
left as it was.`,
		Example: `  foiwire migrate my-campaign --to postgres://newsroom@db.example/tiktok`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if !isPostgres(to) {
				return fmt.Errorf("--to must be a postgres:// URL")
			}
			if from == "" {
				from = filepath.Join(args[0], "foiwire.db")
			}
			if _, err := os.Stat(from); err != nil {
				return fmt.Errorf("the campaign database: %w", err)
			}
			src, err := sqlite.Open(ctx, from)
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := postgres.Open(ctx, to)
			if err != nil {
				return err
			}
			defer dst.Close()
			rep, err := dst.CopyFrom(ctx, src)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Copied %s into %s:\n", from, dst)
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			for _, t := range rep.Tables {
				fmt.Fprintf(tw, "  %s\t%d\t\n", t, rep.Rows[t])
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the SQLite database (default DIR/foiwire.db)")
	cmd.Flags().StringVar(&to, "to", "", "the PostgreSQL database, as a postgres:// URL")
	cmd.MarkFlagRequired("to")
	return cmd
}
