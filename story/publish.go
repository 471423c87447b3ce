package story

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	// Now gives the build time: each story's ninjs versioncreated, the
	// stories.csv versioncreated and the index's "Built" date. Nil means the
	// clock. It is never the data's end: the data's end is not when a story
	// was written. Set it for builds that must give the same bytes.
	Now func() time.Time
	// Approval says whether an editor approved a force's story, given the
	// story's text hash (Hash). Nil means no story is approved. An
	// approved story is "usable" in ninjs, any other "withheld", and the
	// state is a column of stories.csv.
	Approval func(force, hash string) Approval
	// BaseURI prefixes each story's ninjs uri ("https://news.example/foi/");
	// empty gives "urn:foiwire:<campaign>:<force>".
	BaseURI string
	// Strict makes any refused story an error, and then nothing is written.
	Strict bool
	// Log receives progress; nil discards it.
	Log *slog.Logger
	// Limits bound each story's rendering; a story over them is refused
	// and the rest are written.
	Limits Limits
	// Charts, when set, keeps drawn charts between builds, so a chart
	// that draws the same as in an earlier build is not drawn again.
	Charts ChartCache
	// Checks, when set, keeps the self-check's passes between builds, so
	// that a story whose words, links and linked facts are as when it
	// last passed is not checked again.
	Checks CheckMemo
}

// ChartCache keeps a chart's SVG and PNG by a key naming exactly what the
// chart draws (ChartKey). A cache must give back the bytes it was given
// for a key, or nothing.
type ChartCache interface {
	Get(key string) (svg, png []byte, ok bool)
	Put(key string, svg, png []byte)
}

// ChartKey names what ch draws: the SHA-256, in hex, of its JSON. The
// drawing is a function of the chart's fields alone, so two charts with
// one key draw the same bytes (by the same program).
func ChartKey(ch chart.Chart) (string, error) {
	b, err := json.Marshal(ch)
	if err != nil {
		return "", fmt.Errorf("chart key: %w", err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// drawChart gives ch's SVG and PNG, from opts.Charts when it has them.
func drawChart(ch chart.Chart, charts ChartCache) (svg, png []byte, err error) {
	key := ""
	if charts != nil {
		if key, err = ChartKey(ch); err != nil {
			return nil, nil, err
		}
		if svg, png, ok := charts.Get(key); ok {
			return svg, png, nil
		}
	}
	if svg, err = ch.SVG(); err != nil {
		return nil, nil, err
	}
	if png, err = ch.PNG(); err != nil {
		return nil, nil, err
	}
	if charts != nil {
		charts.Put(key, svg, png)
	}
	return svg, png, nil
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
// drawn, or a file that cannot be written. Of figs it reads only the
// refusals, which say why a force without facts has no story.
func Publish(ctx context.Context, outDir string, c foiwire.Campaign, reg *authority.Registry, figs []foiwire.Figure, facts []foiwire.Fact, opts Options) (Report, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := opts.Template
	if t == nil {
		t = Default()
	}
	created := versionTime(opts.Now)
	forces, skipped := storyForces(c, reg, figs, facts)
	pub := foiwire.DateOf(created)
	if !c.Embargo.IsZero() {
		pub = foiwire.DateOf(c.Embargo.UTC())
	}
	checker := newChecker(c, reg, facts, pub)

	results := make([]result, len(forces))
	// A story's facts are a copy of hundreds of facts that nothing keeps
	// once its build returns, and its chart is measured with font faces
	// that serve any chart: each goroutine's next story reuses them. The
	// free list is a channel, not a sync.Pool, which would drop them at
	// every collection.
	free := make(chan *scratch, runtime.GOMAXPROCS(0))
	parallel(ctx, len(forces), func(i int) {
		var sc *scratch
		select {
		case sc = <-free:
		default:
			sc = new(scratch)
		}
		results[i] = build(t, c, forces[i], sc, checker, created, opts)
		select {
		case free <- sc:
		default:
		}
	})
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

	for _, r := range ok {
		rep.Written = append(rep.Written, Written{Force: r.force.ID, Headline: r.story.Headline, Dir: filepath.Join(outDir, r.force.ID)})
	}
	// Each force's folder and the indexes are written at once, on as many
	// goroutines as there are processors: they share no file. The last job
	// is the indexes. A story refused now must not survive from an earlier
	// build.
	errs := make([]error, len(results)+1)
	parallel(ctx, len(results)+1, func(i int) {
		if i == len(results) {
			errs[i] = writeIndexes(outDir, c, reg, ok, rep, facts, created, opts.Charts)
			return
		}
		r := results[i]
		dir := filepath.Join(outDir, r.force.ID)
		if len(r.refusals) > 0 {
			errs[i] = removeStory(dir)
			return
		}
		if errs[i] = writeFiles(dir, r.files); errs[i] == nil {
			log.Debug("story written", "force", r.force.ID, "dir", dir)
		}
	})
	for _, err := range errs {
		if err != nil {
			return rep, err
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	return rep, nil
}

// parallel calls f(0) … f(n-1) on as many goroutines as there are
// processors and returns when all have returned. Once ctx is done no more
// calls start.
func parallel(ctx context.Context, n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
}

// result is one force's story, built in memory.
type result struct {
	force    foiwire.Authority
	story    Story
	chart    chart.Chart
	files    []outFile
	refusals []Refusal
	approval Approval
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

// versionTime is the build time: the injected clock, else the machine's.
func versionTime(now func() time.Time) time.Time {
	if now == nil {
		now = time.Now
	}
	return now().UTC().Truncate(time.Second)
}

// Approval is an editor's approval of a story.
type Approval struct {
	Approved bool
	By       string
	At       time.Time
}

// State names the approval for exports: "approved" or "not approved".
func (a Approval) State() string {
	if a.Approved {
		return "approved"
	}
	return "not approved"
}

// PubStatus is the ninjs pubstatus of a story with this approval.
func (a Approval) PubStatus() string {
	if a.Approved {
		return "usable"
	}
	return "withheld"
}

// Hash identifies a story's words: an approval holds for the words it was
// given on, and a story whose words change needs approving again. It is
// the SHA-256, in hex, of the headline, standfirst and each block's text,
// separated by blank lines.
func Hash(s Story) string {
	var all strings.Builder
	all.WriteString(s.Headline + "\n\n" + s.Standfirst)
	for _, b := range s.Blocks {
		all.WriteString("\n\n" + b.Text)
	}
	h := sha256.Sum256([]byte(all.String()))
	return hex.EncodeToString(h[:])
}

// scratch is what one goroutine's builds reuse, one story after another.
type scratch struct {
	facts   []foiwire.Fact  // the story's facts; nothing a build returns points into them
	heights *chart.Measurer // made by the first build that needs it
	// names are the copy names of the offences and outcomes the stories
	// list: forces share wordings.
	names itemNames
	key   []byte // a CheckMemo key's bytes, before they are hashed
}

// build renders, draws and checks one force's story and lays out its
// files. It copies the force's facts into sc.facts, growing it as need
// be; nothing it returns points into them, so the caller may reuse sc.
func build(t *Template, c foiwire.Campaign, a foiwire.Authority, sc *scratch, ck *checker, created time.Time, opts Options) result {
	r := result{force: a}
	// The force's own facts and the national ones it may stand on: all
	// that its story, chart and check read.
	facts := ck.factsFor(a.ID, sc.facts)
	sc.facts = facts[:0]
	s, err := t.render(c, a, facts, opts.Limits, &sc.names)
	if errors.Is(err, ErrRunaway) {
		r.refusals = []Refusal{{Force: a.ID, Reason: err.Error()}}
		return r
	}
	if err != nil {
		r.err = err
		return r
	}
	ch, err := chart.ForForce(a, facts, chart.ForceOptions{
		Topic:  c.Topic,
		Source: "Source: Freedom of Information reply from " + a.Name,
		Number: Number,
	})
	if err != nil {
		r.err = err
		return r
	}
	s.SetChart(ch)
	r.story, r.chart = s, ch
	if r.refusals, sc.key = ck.checkMemo(s, facts, opts.Checks, sc.key); len(r.refusals) > 0 {
		return r
	}
	svg, png, err := drawChart(ch, opts.Charts)
	if err != nil {
		r.err = fmt.Errorf("story for %s: %w", a.ID, err)
		return r
	}
	html, err := storyHTML(c, s, created)
	if err != nil {
		r.err = err
		return r
	}
	if sc.heights == nil {
		if sc.heights, err = chart.NewMeasurer(); err != nil {
			r.err = fmt.Errorf("story for %s: %w", a.ID, err)
			return r
		}
	}
	h, err := sc.heights.Height(ch)
	if err != nil {
		r.err = fmt.Errorf("story for %s: %w", a.ID, err)
		return r
	}
	if opts.Approval != nil {
		r.approval = opts.Approval(a.ID, Hash(s))
	}
	js, err := ninjsJSON(c, s, created, opts.BaseURI, h, r.approval)
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
		if _, err := atomicfile.WriteFileIfChanged(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
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

// writeIndexes writes index.html, stories.csv, facts.csv and, when two or
// more forces gave figures for the same years, the national comparison
// chart (national.svg, national.png).
func writeIndexes(outDir string, c foiwire.Campaign, reg *authority.Registry, ok []result, rep Report, facts []foiwire.Fact, created time.Time, charts ChartCache) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	var files []outFile
	nation, err := chart.ForNation(facts, chart.NationOptions{Topic: c.Topic, Number: Number, Name: func(id string) string {
		if a, ok := reg.ByID(id); ok {
			return a.Name
		}
		return id
	}})
	national := ""
	if err == nil {
		svg, png, err := drawChart(nation, charts)
		if err != nil {
			return fmt.Errorf("national chart: %w", err)
		}
		files = append(files, outFile{"national.svg", svg}, outFile{"national.png", png})
		national = nation.Alt
	} else {
		// No national total covers two forces: no comparison to draw.
		for _, name := range []string{"national.svg", "national.png"} {
			if err := os.Remove(filepath.Join(outDir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove national chart: %w", err)
			}
		}
	}
	idx, err := indexHTML(c, ok, rep, created, national)
	if err != nil {
		return err
	}
	var rows bytes.Buffer
	if err := storiesCSV(&rows, c, ok, created); err != nil {
		return err
	}
	files = append(files, outFile{"index.html", idx}, outFile{"stories.csv", rows.Bytes()})
	if err := writeFiles(outDir, files); err != nil {
		return err
	}
	// facts.csv streams to its file: for a large campaign it is tens of
	// megabytes that need never lie in memory whole.
	if _, err := atomicfile.WriteStreamIfChanged(filepath.Join(outDir, "facts.csv"), 0o644, func(w io.Writer) error {
		return analysis.WriteFactsCSV(w, facts)
	}); err != nil {
		return fmt.Errorf("write facts.csv: %w", err)
	}
	return nil
}

// StoryColumns are the columns of stories.csv.
var StoryColumns = []string{
	"force_id", "force", "headline", "standfirst", "body_text", "chart_alt", "embargoed", "versioncreated", "approval", "approved_by", "approved_at",
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
			embargoString(c), created.Format(time.RFC3339), r.approval.State(), approvedBy(r.approval), approvedAt(r.approval),
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

func approvedBy(a Approval) string {
	if !a.Approved {
		return ""
	}
	return a.By
}

func approvedAt(a Approval) string {
	if !a.Approved || a.At.IsZero() {
		return ""
	}
	return a.At.UTC().Format(time.RFC3339)
}
