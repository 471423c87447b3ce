package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/claims"
)

// checkOptions are the flags of foiwire check.
type checkOptions struct {
	campaignDir string
	figures     string
	authority   string
	format      string
}

func newCheckCmd(a *app) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check [--campaign DIR | --figures FILE] ARTICLE...",
		Short: "Check a printed article's numbers against a campaign's data",
		Long: `check reads each ARTICLE (plain text or a saved HTML page; "-" reads standard
input), finds every numeric claim in it and checks each against the facts
derived from the campaign's figures: supported, contradicted (with the figure
the data gives) or unsupported (no fact speaks to it), with a reason and
named warnings (a calendar year printed for a financial year, "so far" for a
year that had ended, "the majority" for under half, a figure attributed to the
wrong force).

An article may start with a header of "key: value" lines (url, force, outlet,
date) and a blank line; force and date then say what the article is about and
when it was published.

Output is one JSON object per claim, or with --format text a report with each
claim underlined in its sentence. The exit status is 1 when any claim is
contradicted.`,
		Example: `  foiwire check --campaign examples/tiktok-2024 article.txt
  foiwire check --figures figures.csv --authority lancashire --format text page.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, a, o, args)
		},
	}
	cmd.Flags().StringVar(&o.campaignDir, "campaign", "", "campaign folder whose data/figures.csv holds the figures")
	cmd.Flags().StringVar(&o.figures, "figures", "", "figures CSV to check against (instead of --campaign)")
	cmd.Flags().StringVar(&o.authority, "authority", "", "authority id the articles are about (default: from the header or the text)")
	cmd.Flags().StringVar(&o.format, "format", "json", "output format: json or text")
	return cmd
}

// checkLine is one claim as check prints it in JSON.
type checkLine struct {
	Article     string          `json:"article"`
	Text        string          `json:"text"`
	Sentence    string          `json:"sentence"`
	Value       *float64        `json:"value"`
	Kind        string          `json:"kind"`
	Authority   string          `json:"authority"`
	PeriodStart foiwire.Date    `json:"period_start"`
	PeriodEnd   foiwire.Date    `json:"period_end"`
	Category    string          `json:"category"`
	Verdict     foiwire.Verdict `json:"verdict"`
	Expected    *float64        `json:"expected"`
	Reason      string          `json:"reason"`
	Warnings    []string        `json:"warnings"`
}

func runCheck(cmd *cobra.Command, a *app, o checkOptions, args []string) error {
	if o.format != "json" && o.format != "text" {
		return fmt.Errorf("--format %q: want json or text", o.format)
	}
	if (o.campaignDir == "") == (o.figures == "") {
		return fmt.Errorf("give one of --campaign DIR or --figures FILE")
	}
	c, reg, figs, err := loadFigures(cmd, o)
	if err != nil {
		return err
	}
	if o.authority != "" {
		if _, ok := reg.ByID(o.authority); !ok {
			return fmt.Errorf("--authority %q: no such authority", o.authority)
		}
	}
	facts, err := analysis.Derive(c, reg, figs)
	if err != nil {
		return fmt.Errorf("derive facts: %w", err)
	}
	periods := campaignPeriods(c, facts)
	a.logger().Debug("checking", "facts", len(facts), "periods", len(periods), "articles", len(args))
	contradicted := false
	for _, name := range args {
		text, err := readArticle(a.stdin, name)
		if err != nil {
			return err
		}
		art := claims.ParseArticle(text)
		opt := claims.Options{Registry: reg, Subject: o.authority, Published: art.Published, Periods: periods}
		if opt.Subject == "" && art.Force != "" {
			if id, err := reg.Match(art.Force); err == nil {
				opt.Subject = id
			}
		}
		checks := claims.CheckText(art.Body, facts, opt)
		for _, k := range checks {
			contradicted = contradicted || k.Verdict == foiwire.Contradicted
		}
		if o.format == "text" {
			writeCheckText(a.stdout, name, claims.PlainText(art.Body), checks)
			continue
		}
		enc := json.NewEncoder(a.stdout)
		for _, k := range checks {
			line := checkLine{Article: name, Text: k.Text, Sentence: k.Sentence, Value: k.Value, Kind: string(k.Kind),
				Authority: k.Authority, PeriodStart: k.Start, PeriodEnd: k.End, Category: k.Category, Verdict: k.Verdict,
				Expected: k.Expected, Reason: k.Reason, Warnings: k.Warnings}
			if line.Warnings == nil {
				line.Warnings = []string{}
			}
			if err := enc.Encode(line); err != nil {
				return fmt.Errorf("write checks: %w", err)
			}
		}
	}
	if contradicted {
		return exitCode(1)
	}
	return nil
}

// loadFigures reads the figures to check against, from a campaign folder or
// a figures CSV.
func loadFigures(cmd *cobra.Command, o checkOptions) (foiwire.Campaign, *authority.Registry, []foiwire.Figure, error) {
	c, reg := foiwire.Campaign{}, authority.Police()
	path := o.figures
	if o.campaignDir != "" {
		d, err := campaign.Load(cmd.Context(), o.campaignDir)
		if err != nil {
			return c, nil, nil, err
		}
		c, reg = d.Campaign, d.Registry
		path = filepath.Join(o.campaignDir, "data", "figures.csv")
	}
	f, err := os.Open(path)
	if err != nil {
		return c, nil, nil, fmt.Errorf("figures: %w", err)
	}
	defer f.Close()
	figs, err := campaign.ReadFigures(f, path)
	if err != nil {
		return c, nil, nil, err
	}
	return c, reg, figs, nil
}

// campaignPeriods are the years the campaign asked for, or, when its
// questions do not say, the years its facts count.
func campaignPeriods(c foiwire.Campaign, facts []foiwire.Fact) []foiwire.Period {
	for _, q := range c.Questions {
		if q.Measure == foiwire.MeasurePeriod && len(q.Periods) > 1 {
			return q.Periods
		}
	}
	return claims.PeriodsOf(facts)
}

func readArticle(stdin io.Reader, name string) (string, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return "", fmt.Errorf("article %s: %w", name, err)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("article %s: not UTF-8 text", name)
	}
	return string(b), nil
}

// writeCheckText prints a readable report: each claim's sentence with the
// claim underlined, its verdict, reason and warnings.
func writeCheckText(w io.Writer, name, text string, checks []foiwire.Check) {
	counts := map[foiwire.Verdict]int{}
	fmt.Fprintf(w, "%s\n%s\n", name, strings.Repeat("=", utf8.RuneCountInString(name)))
	for _, k := range checks {
		if k.Kind == foiwire.ClaimOther {
			continue
		}
		counts[k.Verdict]++
		fmt.Fprintf(w, "\n  %s\n", k.Sentence)
		if at := claimAt(text, k); at >= 0 {
			fmt.Fprintf(w, "  %s%s\n", strings.Repeat(" ", utf8.RuneCountInString(k.Sentence[:at])), strings.Repeat("^", max(1, utf8.RuneCountInString(k.Text))))
		}
		fmt.Fprintf(w, "  %s (%s", strings.ToUpper(string(k.Verdict)), k.Kind)
		if k.Authority != "" {
			fmt.Fprintf(w, ", %s", k.Authority)
		}
		if !k.Period.IsZero() {
			fmt.Fprintf(w, ", %s", k.Period)
		}
		fmt.Fprintf(w, "): %s\n", k.Reason)
		for _, warn := range k.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	}
	fmt.Fprintf(w, "\n%d supported, %d contradicted, %d unsupported\n\n", counts[foiwire.Supported], counts[foiwire.Contradicted], counts[foiwire.Unsupported])
}

// claimAt returns where a claim stands in its sentence, in bytes, using its
// offset in the article's text so that "8" is not underlined inside "80";
// -1 when the sentence is not found around it.
func claimAt(text string, k foiwire.Check) int {
	from := max(0, k.Offset-len(k.Sentence))
	if from > len(text) {
		return -1
	}
	for at := strings.Index(text[from:], k.Sentence); at >= 0; {
		start := from + at
		if start <= k.Offset && k.Offset+len(k.Text) <= start+len(k.Sentence) {
			return k.Offset - start
		}
		next := strings.Index(text[start+1:], k.Sentence)
		if next < 0 {
			break
		}
		from, at = start+1, next
	}
	return strings.Index(k.Sentence, k.Text)
}
