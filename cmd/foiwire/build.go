package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/pipeline"
)

func newBuildCmd(a *app) *cobra.Command {
	var o pipeline.Options
	var now, dbURL, memLimit string
	var watching bool
	var every time.Duration
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
  campaign.xlsx figures, review, facts, stories and corrections, a sheet each
  datawrapper/  by-year.csv (force × year) and ranking.csv, ready for Datawrapper

A reply file deleted from replies/ (or moved to another force's folder) has
its figures withdrawn. --db takes an SQLite file or a postgres:// URL.
--excel-bom starts each CSV with a byte-order mark, so Excel reads accents
and curly quotes right.

Every reply file is accounted for on one line of the summary: its figures,
a refusal, figures or a scan for review, or "unreadable" and why; files a
person must look at are also rows of review.csv. A reply that cannot be
read never stops the others: build fails only when the campaign itself
cannot be read or the outputs cannot be written. Running build twice
changes nothing. Replies unchanged since the last build (same bytes, same
program, same campaign.yaml) are not read again: their reads are kept in
DIR/.foiwire/cache.

--memory-limit sets the Go runtime's soft memory limit for the build
(default 300MiB; 0 for none; the GOMEMLIMIT environment variable, when
set, wins): the garbage collector then works harder before the process
grows past it. A campaign that needs more memory than that still builds,
more slowly.

--watch keeps going after the build: it looks at DIR's files every
--every (default 2s) and builds again whenever a reply is filed, replaced
or removed or campaign.yaml, story.yaml or the collated figures change,
printing one line for each rebuild, until Ctrl-C. A rebuild in a watching
process is faster than a new build command: the program and its memory
are ready.`,
		Example: `  foiwire build examples/tiktok-2024
  foiwire build my-campaign --out /tmp/out --strict
  foiwire build my-campaign --watch`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = args[0]
			if err := setMemoryLimit(memLimit); err != nil {
				return err
			}
			if now != "" {
				t, err := parseNow(now)
				if err != nil {
					return err
				}
				o.Now = func() time.Time { return t }
			}
			o.Log = a.logger()
			o.Progress = progress(a.stderr)
			if isPostgres(dbURL) {
				db, err := openStore(cmd.Context(), dbURL, o.Dir)
				if err != nil {
					return err
				}
				defer db.Close()
				o.Store = db
			} else {
				o.DB = dbURL
			}
			if watching {
				if every <= 0 {
					return fmt.Errorf("--every %v: want a positive interval such as 2s", every)
				}
				// A folder that is not a campaign is said to be so, not
				// found out by opening a database in it.
				if _, err := campaign.Load(cmd.Context(), o.Dir); err != nil {
					return err
				}
				if o.Store == nil {
					// One connection to the database for every build.
					if o.DB == "" {
						o.DB = filepath.Join(o.Dir, "foiwire.db")
					}
					db, err := openStore(cmd.Context(), o.DB, o.Dir)
					if err != nil {
						return err
					}
					defer db.Close()
					o.Store = db
				}
				return watch(cmd.Context(), o, every, reportBuild(a.stdout, a.stderr))
			}
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
	cmd.Flags().StringVar(&dbURL, "db", "", "campaign database: an SQLite file (default DIR/foiwire.db) or a postgres:// URL")
	cmd.Flags().BoolVar(&o.ExcelBOM, "excel-bom", false, "start each CSV with a UTF-8 byte-order mark, for Excel")
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "fail the build if any story is refused by the self-check")
	cmd.Flags().StringVar(&o.BaseURI, "base-uri", "", "prefix for each story's ninjs uri (default a urn)")
	cmd.Flags().StringVar(&now, "now", "", "the build time the stories carry (ninjs versioncreated, the index's date), as 2024-08-05T09:00:00Z or 2024-08-05; default the clock")
	cmd.Flags().BoolVar(&o.NoCache, "no-cache", false, "read every reply again, even those unchanged since the last build")
	cmd.Flags().IntVar(&o.Workers, "workers", 0, "replies read at once (default one per core)")
	cmd.Flags().BoolVar(&watching, "watch", false, "after building, build again whenever the campaign's files change, until Ctrl-C")
	cmd.Flags().DurationVar(&every, "every", 2*time.Second, "with --watch, how often to look for changes")
	cmd.Flags().StringVar(&memLimit, "memory-limit", "300MiB", "soft limit on the build's memory (KiB, MiB, GiB; MB, GB; 0 for none); GOMEMLIMIT wins when set")
	return cmd
}

// parseNow reads --now: an RFC 3339 time or a date (midnight UTC).
func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--now %q: want a time such as 2024-08-05T09:00:00Z or a date such as 2024-08-05", s)
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
	for _, wd := range r.Withdrawn {
		fmt.Fprintf(w, "  withdrawn: %s/%s (%s): its %d figures no longer count\n", wd.Authority, wd.Name, wd.Why, wd.Figures)
	}
	printAccounts(w, r.Accounts)
	fmt.Fprintf(w, "Output in %s\n", r.Out)
}

// printAccounts prints how many reply files ended each way and then one
// line for each file.
func printAccounts(w io.Writer, accts []pipeline.Account) {
	if len(accts) == 0 {
		return
	}
	n := map[pipeline.Outcome]int{}
	for _, a := range accts {
		n[a.Outcome]++
	}
	fmt.Fprintf(w, "  reply files:       %d with figures, %d refusals, %d for review, %d unreadable\n",
		n[pipeline.OutcomeFigures], n[pipeline.OutcomeRefusal], n[pipeline.OutcomeReview], n[pipeline.OutcomeUnreadable])
	for _, a := range accts {
		fmt.Fprintf(w, "    %s\n", a.Line())
	}
}

// setMemoryLimit sets the runtime's soft memory limit to size, unless the
// GOMEMLIMIT environment variable already set one.
func setMemoryLimit(size string) error {
	n, err := parseSize(size)
	if err != nil {
		return fmt.Errorf("--memory-limit: %w", err)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); set || n == 0 {
		return nil
	}
	debug.SetMemoryLimit(n)
	return nil
}

// parseSize reads a size in bytes: a whole number with an optional unit,
// B, KiB, MiB, GiB (powers of 1024) or KB, MB, GB (powers of 1000).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	mult := int64(1)
	num := s
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			num, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size such as 300MiB or 2GiB", s)
	}
	return n * mult, nil
}
