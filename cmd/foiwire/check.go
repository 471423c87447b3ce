package main

import (
	"context"
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
	"github.com/foiwire/foiwire/dataset"
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

With --campaign, the campaign's replies are read directly (as build reads
them; no build needs to have run), with DIR/data/figures.csv added when there
is one. Figures still under review are left out, as the stories leave them
out.

Output is one JSON object per claim; with --format text, a report a
journalist reads, with each claim underlined in its sentence; with --format
letter, a corrections letter per article: what was printed, what the data
says and the cell of the reply it came from. The exit status is 1 when any
claim is contradicted.`,
		Example: `  foiwire check --campaign examples/tiktok-2024 article.txt
  foiwire check --campaign examples/tiktok-2024 --format letter article.txt
  foiwire check --figures figures.csv --authority lancashire --format text page.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, a, o, args)
		},
	}
	cmd.Flags().StringVar(&o.campaignDir, "campaign", "", "campaign folder whose replies (and data/figures.csv, if any) hold the figures")
	cmd.Flags().StringVar(&o.figures, "figures", "", "figures CSV to check against (instead of --campaign)")
	cmd.Flags().StringVar(&o.authority, "authority", "", "authority id the articles are about (default: from the header or the text)")
	cmd.Flags().StringVar(&o.format, "format", "json", "output format: json, text or letter")
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
	if o.format != "json" && o.format != "text" && o.format != "letter" {
		return fmt.Errorf("--format %q: want json, text or letter", o.format)
	}
	if (o.campaignDir == "") == (o.figures == "") {
		return fmt.Errorf("give one of --campaign DIR or --figures FILE")
	}
	c, reg, figs, err := loadFigures(cmd, a, o)
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
	src := newSources(figs, facts)
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
		switch o.format {
		case "text":
			writeCheckText(a.stdout, name, claims.PlainText(art.Body), checks, src)
			continue
		case "letter":
			writeLetter(a.stdout, name, art, checks, src)
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

// loadFigures reads the figures to check against: a campaign's replies
// (read as build reads them) and its collated figures, or a figures CSV.
// Figures under review are left out. A reply that cannot be read is
// reported on standard error and the rest are still read.
func loadFigures(cmd *cobra.Command, a *app, o checkOptions) (foiwire.Campaign, *authority.Registry, []foiwire.Figure, error) {
	c, reg := foiwire.Campaign{}, authority.Police()
	var figs []foiwire.Figure
	if o.campaignDir != "" {
		d, err := campaign.Load(cmd.Context(), o.campaignDir)
		if err != nil {
			return c, nil, nil, err
		}
		c, reg = d.Campaign, d.Registry
		if figs, err = readReplies(cmd.Context(), a, d); err != nil {
			return c, nil, nil, err
		}
		collated := filepath.Join(o.campaignDir, "data", "figures.csv")
		if _, err := os.Stat(collated); err == nil {
			more, err := readFiguresCSV(collated)
			if err != nil {
				return c, nil, nil, err
			}
			figs = append(figs, more...)
		}
	} else {
		var err error
		if figs, err = readFiguresCSV(o.figures); err != nil {
			return c, nil, nil, err
		}
	}
	usable := figs[:0]
	held := 0
	for _, f := range figs {
		if f.Confidence == foiwire.ConfidenceReview {
			held++
			continue
		}
		usable = append(usable, f)
	}
	if held > 0 {
		fmt.Fprintf(a.stderr, "check: %d figures under review are left out until a person confirms them\n", held)
	}
	return c, reg, usable, nil
}

func readFiguresCSV(path string) ([]foiwire.Figure, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	defer f.Close()
	return campaign.ReadFigures(f, filepath.Base(path))
}

// maxCheckReply is the largest reply file check reads.
const maxCheckReply = 64 << 20

// readReplies reads every reply filed in the campaign folder into figures.
func readReplies(ctx context.Context, a *app, d *campaign.Dir) ([]foiwire.Figure, error) {
	files, err := d.Replies()
	if err != nil {
		return nil, err
	}
	var figs []foiwire.Figure
	for _, rf := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st, err := os.Stat(rf.Path)
		if err != nil {
			fmt.Fprintf(a.stderr, "check: reply %s/%s not read: %v\n", rf.Authority, rf.Name, err)
			continue
		}
		if st.Size() > maxCheckReply {
			fmt.Fprintf(a.stderr, "check: reply %s/%s not read: %d MB is over the %d MB limit\n", rf.Authority, rf.Name, st.Size()>>20, maxCheckReply>>20)
			continue
		}
		data, err := os.ReadFile(rf.Path)
		if err != nil {
			fmt.Fprintf(a.stderr, "check: reply %s/%s not read: %v\n", rf.Authority, rf.Name, err)
			continue
		}
		out, err := dataset.Read(ctx, dataset.Input{Name: rf.Name, Data: data, Authority: rf.Authority, Campaign: &d.Campaign, Registry: d.Registry})
		if err != nil || out == nil {
			fmt.Fprintf(a.stderr, "check: reply %s/%s not read: %v\n", rf.Authority, rf.Name, err)
			continue
		}
		for _, f := range out.Figures {
			if f.Source.File == "" {
				f.Source.File = rf.Authority + "/" + rf.Name
			}
			figs = append(figs, f)
		}
	}
	return figs, nil
}

// campaignPeriods are the years the campaign asked for, or, when its
// questions do not say, the years its facts count.
func campaignPeriods(c foiwire.Campaign, facts []foiwire.Fact) []foiwire.Period {
	for _, q := range c.Questions {
		if q.Measure == foiwire.MeasurePeriod && len(q.Periods) > 1 {
			return q.Periods
		}
	}
	return analysis.CommonYears(facts)
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
func writeCheckText(w io.Writer, name, text string, checks []foiwire.Check, src *sources) {
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
		if k.Verdict == foiwire.Contradicted {
			for _, cell := range src.cells(k.Fact) {
				fmt.Fprintf(w, "  from: %s\n", cell)
			}
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

// sources finds the reply cells a fact was derived from.
type sources struct {
	figs  map[string]foiwire.Figure // by analysis.Ref
	facts map[string]foiwire.Fact   // by id
}

func newSources(figs []foiwire.Figure, facts []foiwire.Fact) *sources {
	s := &sources{figs: map[string]foiwire.Figure{}, facts: map[string]foiwire.Fact{}}
	for _, f := range figs {
		s.figs[analysis.Ref(f)] = f
	}
	for _, f := range facts {
		s.facts[f.ID] = f
	}
	return s
}

// maxCells is how many source cells a report lists for one fact.
const maxCells = 6

// cells says where each figure under a fact was read: "dorset/reply.html,
// table 2, row 4, column 2: \"16\"". A national fact's cells are its
// forces' figures'.
func (s *sources) cells(factID string) []string {
	var out []string
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		f, ok := s.facts[id]
		if !ok || depth > 2 {
			return
		}
		for _, in := range f.Inputs {
			if len(out) >= maxCells {
				return
			}
			if fig, ok := s.figs[in]; ok {
				out = append(out, cellOf(fig))
			} else if _, ok := s.facts[in]; ok {
				walk(in, depth+1)
			}
		}
	}
	walk(factID, 0)
	return out
}

func cellOf(f foiwire.Figure) string {
	where := f.Source.File
	if where == "" {
		where = f.Source.Document
	}
	if f.Source.Document == "" {
		// A collated figures CSV: its row is the file's line.
		return fmt.Sprintf("%s, line %d: %s, %q, %s", where, f.Source.Row, f.Authority, f.Label, valueText(f))
	}
	cell := f.Source.Text
	if cell == "" {
		cell = valueText(f)
	}
	return fmt.Sprintf("%s, table %d, row %d, column %d: %q (%s)", where, f.Source.Table+1, f.Source.Row+1, f.Source.Col+1, cell, f.Label)
}

func valueText(f foiwire.Figure) string {
	if v, ok := f.Int(); ok {
		return fmt.Sprint(v)
	}
	return string(f.Status)
}

// writeLetter writes a corrections letter for one article: each figure the
// data contradicts or warns about, what was printed, what the data says and
// the cells of the replies it came from.
func writeLetter(w io.Writer, name string, art claims.Article, checks []foiwire.Check, src *sources) {
	title := name
	if art.Outlet != "" {
		title += " (" + art.Outlet
		if !art.Published.IsZero() {
			title += ", " + art.Published.String()
		}
		title += ")"
	}
	fmt.Fprintf(w, "Corrections: %s\n", title)
	if art.URL != "" {
		fmt.Fprintln(w, art.URL)
	}
	var fix []foiwire.Check
	checked := 0
	for _, k := range checks {
		if k.Kind == foiwire.ClaimOther {
			continue
		}
		checked++
		if k.Verdict == foiwire.Contradicted || len(significant(k.Warnings)) > 0 {
			fix = append(fix, k)
		}
	}
	fmt.Fprintln(w)
	if len(fix) == 0 {
		fmt.Fprintf(w, "Of the %d figures checked against the forces' replies, none needs correcting.\n\n", checked)
		return
	}
	need := "need"
	if len(fix) == 1 {
		need = "needs"
	}
	fmt.Fprintf(w, "We checked the %d figures in this article against the forces' Freedom of Information replies. %d %s correcting or clarifying:\n", checked, len(fix), need)
	for i, k := range fix {
		fmt.Fprintf(w, "\n%d. Printed: %q\n", i+1, k.Sentence)
		fmt.Fprintf(w, "   The figure: %s\n", k.Text)
		if k.Verdict == foiwire.Contradicted {
			fmt.Fprintf(w, "   What the data says: %s\n", k.Reason)
		}
		for _, warn := range significant(k.Warnings) {
			fmt.Fprintf(w, "   Note: %s\n", warn)
		}
		for _, cell := range src.cells(k.Fact) {
			fmt.Fprintf(w, "   Source: %s\n", cell)
		}
	}
	fmt.Fprintln(w)
}

// significant drops the warnings a letter need not raise: a figure the
// article gives for two periods is the reader's own cross-check.
func significant(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !strings.HasPrefix(w, claims.WarnSameFigure) {
			out = append(out, w)
		}
	}
	return out
}
