package story

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/chart"
	"github.com/foiwire/foiwire/internal/atomicfile"
)

// Options control Publish.
type Options struct {
	// Template is the story template; nil means Default().
	Template *Template
	// Now gives the stories' version time. Nil means the campaign's embargo,
	// or failing that midnight after the last day the facts cover, so that
	// two builds of the same figures give the same bytes.
	Now func() time.Time
	// BaseURI prefixes each story's ninjs uri ("https://news.example/foi/");
	// empty gives "urn:foiwire:<campaign>:<force>".
	BaseURI string
	// Strict makes any refused story an error, and then nothing is written.
	Strict bool
	// Log receives progress; nil discards it.
	Log *slog.Logger
}

// Report says what Publish wrote and what it would not write.
type Report struct {
	Written []Written
	Refused []Refusal
	// Skipped are the campaign's authorities with no facts to write about.
	Skipped []Skip
}

// Written is one story written.
type Written struct {
	Force    string
	Headline string
	Dir      string // OUT/<force-id>
}

// Refusal is a story the self-check would not let through: the sentence
// and the number (or name) at fault, and why.
type Refusal struct {
	Force    string
	Sentence string
	Number   string
	Reason   string
}

// Error says which story was refused, for what and where.
func (r Refusal) Error() string {
	if r.Number == "" {
		return fmt.Sprintf("story for %s refused: %s (in %q)", r.Force, r.Reason, r.Sentence)
	}
	return fmt.Sprintf("story for %s refused: %q %s (in %q)", r.Force, r.Number, r.Reason, r.Sentence)
}

// Skip is an authority with no story, and why.
type Skip struct {
	Force  string
	Reason string
}

// ErrRefused is wrapped by Publish's error in strict mode when a story was
// refused.
var ErrRefused = errors.New("story refused by the self-check")

// Publish renders, checks and writes one story per force with facts, under
// outDir: <force-id>/story.md, story.html, story.json (IPTC ninjs 2.1),
// chart.svg and chart.png; and index.html, stories.csv (for a CMS import)
// and facts.csv. A story that fails the self-check (a number no fact of the
// force or the nation supports, or a sentence naming another authority) is
// not written and is listed in the report; with Options.Strict any such
// refusal is an error and nothing is written. Output depends only on the
// inputs and Options.Now: two builds give the same bytes. It returns an
// error for a template that cannot be rendered, a chart that cannot be
// drawn, or a file that cannot be written.
func Publish(ctx context.Context, outDir string, c foiwire.Campaign, reg *authority.Registry, figs []foiwire.Figure, facts []foiwire.Fact, opts Options) (Report, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := opts.Template
	if t == nil {
		t = Default()
	}
	created := versionTime(c, facts, opts.Now)
	forces, skipped := storyForces(c, reg, figs, facts)
	checker := newChecker(c, reg, facts, foiwire.DateOf(created))

	results := make([]result, len(forces))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(forces), 1)) {
		wg.Go(func() {
			for i := range next {
				results[i] = build(t, c, forces[i], facts, checker, created, opts.BaseURI)
			}
		})
	}
feed:
	for i := range forces {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}

	rep := Report{Skipped: skipped}
	var ok []result
	for _, r := range results {
		switch {
		case r.err != nil:
			return rep, r.err
		case len(r.refusals) > 0:
			rep.Refused = append(rep.Refused, r.refusals...)
			log.Warn("story refused", "force", r.force.ID, "reason", r.refusals[0].Error())
		default:
			ok = append(ok, r)
		}
	}
	if opts.Strict && len(rep.Refused) > 0 {
		return rep, fmt.Errorf("%w: %d of %d stories; first: %v", ErrRefused, len(rep.Refused), len(forces), rep.Refused[0])
	}

	for _, r := range results {
		if len(r.refusals) > 0 {
			// A story refused now must not survive from an earlier build.
			if err := removeStory(filepath.Join(outDir, r.force.ID)); err != nil {
				return rep, err
			}
		}
	}
	for _, r := range ok {
		dir := filepath.Join(outDir, r.force.ID)
		if err := writeFiles(dir, r.files); err != nil {
			return rep, err
		}
		rep.Written = append(rep.Written, Written{Force: r.force.ID, Headline: r.story.Headline, Dir: dir})
		log.Debug("story written", "force", r.force.ID, "dir", dir)
	}
	if err := writeIndexes(outDir, c, ok, rep, facts, created); err != nil {
		return rep, err
	}
	return rep, nil
}

// result is one force's story, built in memory.
type result struct {
	force    foiwire.Authority
	story    Story
	chart    chart.Chart
	files    []outFile
	refusals []Refusal
	err      error
}

type outFile struct {
	name string
	data []byte
}

// storyForces returns the campaign's forces that have facts of their own,
// in id order, and the ones that do not, with the reason.
func storyForces(c foiwire.Campaign, reg *authority.Registry, figs []foiwire.Figure, facts []foiwire.Fact) ([]foiwire.Authority, []Skip) {
	ids := c.Authorities
	if len(ids) == 0 {
		for _, a := range reg.All() {
			ids = append(ids, a.ID)
		}
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	has := map[string]bool{}
	for _, f := range facts {
		has[f.Authority] = true
	}
	refused := map[string]string{}
	for _, f := range figs {
		if f.Measure == foiwire.MeasureRefusal || f.Status == foiwire.StatusRefused {
			refused[f.Authority] = cmp.Or(f.Reason, f.Label, "no reason given")
		}
	}
	var out []foiwire.Authority
	var skipped []Skip
	for _, id := range slices.Compact(ids) {
		a, ok := reg.ByID(id)
		switch {
		case !ok:
			skipped = append(skipped, Skip{Force: id, Reason: "not in the registry"})
		case has[id]:
			out = append(out, a)
		case refused[id] != "":
			skipped = append(skipped, Skip{Force: id, Reason: "refused the request: " + refused[id]})
		default:
			skipped = append(skipped, Skip{Force: id, Reason: "no figures"})
		}
	}
	return out, skipped
}

// versionTime is the stories' version time: the injected clock, else the
// embargo, else midnight after the last day any fact covers.
func versionTime(c foiwire.Campaign, facts []foiwire.Fact, now func() time.Time) time.Time {
	if now != nil {
		return now().UTC().Truncate(time.Second)
	}
	if !c.Embargo.IsZero() {
		return c.Embargo.UTC()
	}
	var last foiwire.Date
	for _, f := range facts {
		if f.End.After(last) {
			last = f.End
		}
	}
	if last.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return last.AddDays(1).Time()
}

// build renders, draws and checks one force's story and lays out its files.
func build(t *Template, c foiwire.Campaign, a foiwire.Authority, facts []foiwire.Fact, ck *checker, created time.Time, base string) result {
	r := result{force: a}
	s, err := t.Render(c, a, facts)
	if err != nil {
		r.err = err
		return r
	}
	ch, err := chart.ForForce(a, facts, chart.ForceOptions{
		Topic:  c.Topic,
		Source: fmt.Sprintf("Source: Freedom of Information reply from %s, %d", a.Name, created.Year()),
		Number: Number,
	})
	if err != nil {
		r.err = err
		return r
	}
	s.ChartTitle, s.ChartAlt = ch.Title, ch.Alt
	r.story, r.chart = s, ch
	if r.refusals = ck.check(s); len(r.refusals) > 0 {
		return r
	}
	svg, err := ch.SVG()
	if err != nil {
		r.err = fmt.Errorf("story for %s: %w", a.ID, err)
		return r
	}
	png, err := ch.PNG()
	if err != nil {
		r.err = fmt.Errorf("story for %s: %w", a.ID, err)
		return r
	}
	html, err := storyHTML(c, s, created)
	if err != nil {
		r.err = err
		return r
	}
	h, err := ch.Height()
	if err != nil {
		r.err = fmt.Errorf("story for %s: %w", a.ID, err)
		return r
	}
	js, err := ninjsJSON(c, s, created, base, h)
	if err != nil {
		r.err = err
		return r
	}
	r.files = []outFile{
		{"story.md", []byte(markdown(c, s))},
		{"story.html", html},
		{"story.json", js},
		{"chart.svg", svg},
		{"chart.png", png},
	}
	return r
}

// storyFiles are the files Publish writes for a force.
var storyFiles = []string{"story.md", "story.html", "story.json", "chart.svg", "chart.png"}

func writeFiles(dir string, files []outFile) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write story: %w", err)
	}
	for _, f := range files {
		if err := atomicfile.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("write story: %w", err)
		}
	}
	return nil
}

func removeStory(dir string) error {
	for _, name := range storyFiles {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove refused story: %w", err)
		}
	}
	return nil
}

// writeIndexes writes index.html, stories.csv and facts.csv.
func writeIndexes(outDir string, c foiwire.Campaign, ok []result, rep Report, facts []foiwire.Fact, created time.Time) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	idx, err := indexHTML(c, ok, rep, created)
	if err != nil {
		return err
	}
	var rows bytes.Buffer
	if err := storiesCSV(&rows, c, ok, created); err != nil {
		return err
	}
	var fb bytes.Buffer
	if err := analysis.WriteFactsCSV(&fb, facts); err != nil {
		return err
	}
	return writeFiles(outDir, []outFile{{"index.html", idx}, {"stories.csv", rows.Bytes()}, {"facts.csv", fb.Bytes()}})
}

// StoryColumns are the columns of stories.csv.
var StoryColumns = []string{
	"force_id", "force", "headline", "standfirst", "body_text", "chart_alt", "embargoed", "versioncreated",
	"story_md", "story_html", "story_json", "chart_svg", "chart_png",
}

func storiesCSV(b *bytes.Buffer, c foiwire.Campaign, ok []result, created time.Time) error {
	w := csv.NewWriter(b)
	if err := w.Write(StoryColumns); err != nil {
		return fmt.Errorf("write stories.csv: %w", err)
	}
	for _, r := range ok {
		id := r.force.ID
		if err := w.Write([]string{
			id, r.force.Name, r.story.Headline, r.story.Standfirst, bodyText(r.story), r.story.ChartAlt,
			embargoString(c), created.Format(time.RFC3339),
			id + "/story.md", id + "/story.html", id + "/story.json", id + "/chart.svg", id + "/chart.png",
		}); err != nil {
			return fmt.Errorf("write stories.csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("write stories.csv: %w", err)
	}
	return nil
}

func embargoString(c foiwire.Campaign) string {
	if c.Embargo.IsZero() {
		return ""
	}
	return c.Embargo.Format(time.RFC3339)
}

// bodyText is the story as plain text: standfirst, paragraphs and quotes,
// then the notes, one paragraph to a line with a blank line between.
func bodyText(s Story) string {
	parts := []string{s.Standfirst}
	for _, b := range s.Blocks {
		switch b.Kind {
		case BlockChart:
		case BlockBoilerplate:
			parts = append(parts, "Notes to editors: "+b.Text)
		default:
			parts = append(parts, b.Text)
		}
	}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), "\n\n")
}
