package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/dataset"
	"github.com/foiwire/foiwire/pipeline"
)

func newExtractCmd(a *app) *cobra.Command {
	var authorityName, campaignDir string
	cmd := &cobra.Command{
		Use:   "extract [--authority NAME] [--campaign DIR] FILE...",
		Short: "Print every figure read from reply files, as JSON Lines",
		Long: `extract reads reply files (HTML, CSV, XLSX, PDF, plain text, email) and prints
one JSON object per figure: authority, measure (period, offence, outcome),
period_start, period_end, label (the reply's words), category (canonical key),
value, status, is_total, confidence (high or review), reason, and source
(document hash, table, row, column, cell text).

A refusal or "not held" answer prints one object with measure "refusal" and
the section cited as its label ("s12"). Without --authority, the sender is
found in the reply and authority_from says how; an authority outside the
police registry (a council) is read under the id given ("sheffield-city-council").
With --campaign, tables are matched to that campaign's questions.

A file that cannot be read gets a one-line error naming it; the other files
are still read, and the exit status is 2.`,
		Example: `  foiwire extract reply.html
  foiwire extract --authority "Lancs Police" letter.pdf
  foiwire extract --campaign examples/tiktok-2024 examples/tiktok-2024/replies/*/*`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			reg := authority.Police()
			id := ""
			if authorityName != "" {
				var err error
				if id, err = reg.Match(authorityName); err != nil {
					// An authority outside the registry (a council, a
					// health trust) is still read, under the id given.
					// A force's name the registry does not know is a typo.
					slug := dataset.AuthorityID(authorityName)
					if slug == "" || strings.Contains(slug, "police") || strings.Contains(slug, "constabulary") {
						return fmt.Errorf("--authority: %w", err)
					}
					a.logger().Warn("authority not in the registry; reading under the id given", "authority", slug)
					id = slug
				}
			}
			var camp *foiwire.Campaign
			if campaignDir != "" {
				d, err := campaign.Load(ctx, campaignDir)
				if err != nil {
					return err
				}
				camp = &d.Campaign
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetEscapeHTML(false)
			failed := 0
			for _, name := range args {
				data, err := readLimited(name)
				if err == nil {
					var out *dataset.Output
					out, err = dataset.Read(ctx, dataset.Input{Name: name, Data: data, Authority: id, Campaign: camp,
						Registry: reg, Now: foiwire.DateOf(time.Now())})
					if err == nil {
						for _, w := range out.Warnings {
							a.logger().Warn(w, "file", name)
						}
						for _, f := range out.Figures {
							if err := enc.Encode(f); err != nil {
								return err
							}
						}
						continue
					}
				}
				failed++
				fmt.Fprintf(a.stderr, "foiwire: %v\n", err)
			}
			if failed > 0 {
				return exitCode(2)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&authorityName, "authority", "", "the authority that sent the files (id or name); found in the reply when not given")
	cmd.Flags().StringVar(&campaignDir, "campaign", "", "campaign directory whose questions the tables answer")
	return cmd
}

// readLimited reads a file, refusing one larger than a reply can sensibly be.
func readLimited(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a reply file", name)
	}
	if st.Size() > pipeline.MaxReplySize {
		return nil, fmt.Errorf("%s: file is %d MB; the limit is %d MB", name, st.Size()>>20, pipeline.MaxReplySize>>20)
	}
	return os.ReadFile(name)
}
