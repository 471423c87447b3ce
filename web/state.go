package web

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/chart"
	"github.com/foiwire/foiwire/claims"
	"github.com/foiwire/foiwire/pipeline"
	"github.com/foiwire/foiwire/request"
	"github.com/foiwire/foiwire/story"
)

// snapshot is everything the pages show, made in one go after each change
// and never modified afterwards, so requests read it without locks.
type snapshot struct {
	built    time.Time
	campaign foiwire.Campaign
	reg      *authority.Registry
	out      string

	forces []*forceView // the campaign's authorities, by name
	byID   map[string]*forceView

	figures []foiwire.Figure
	byKey   map[string]int // figure key, and "authority|key", → index in figures
	byRef   map[string]int // a fact's input reference → index in figures
	facts   []foiwire.Fact
	factIx  map[string]int // fact id → index in facts
	review  []int          // indexes of figures awaiting a person

	national []foiwire.Fact
	natBars  []natBar
	natTitle string
	// trouble says why facts or stories could not be made, for the overview;
	// the figures are still shown.
	trouble []string
}

// forceView is one authority's part of a snapshot.
type forceView struct {
	foiwire.Authority
	Figures  []int // indexes into snapshot.figures
	Facts    []int // indexes into snapshot.facts
	ToReview int
	Arrivals []foiwire.Arrival
	Problems []pipeline.Problem
	// Withdrawn are the force's reply files taken out of the campaign,
	// latest first.
	Withdrawn []foiwire.Withdrawal
	// Request is the campaign's request to the force, nil when none has
	// been made (foiwire request make).
	Request  *request.Request
	ChartSVG []byte // nil when the facts give nothing to draw
	Story    *storyView
	// NoStory says why there is no story, when there is none.
	NoStory string
}

// Received returns when the latest reply file arrived, or the zero time.
func (f *forceView) Received() time.Time {
	var t time.Time
	for _, a := range f.Arrivals {
		if a.ReceivedAt.After(t) {
			t = a.ReceivedAt
		}
	}
	return t
}

// storyView is a force's story as rendered, with each number tied to the
// fact behind it.
type storyView struct {
	Headline   []segment
	Standfirst []segment
	Blocks     []blockView
	ChartAlt   string
	// Hash names this version of the text, so an approval lapses when a
	// correction changes the story.
	Hash string
	// Refusals are the self-check's objections, one line each; a refused
	// story is shown but never written out.
	Refusals []string
	// Written is true when the build wrote the story's files under OUT.
	Written bool
	// Files are the story's files as the build that made this snapshot
	// wrote them, read once straight after it: what a download of this
	// version holds, whatever a later build writes under OUT.
	Files []foiwire.StoryFile
}

// blockView is one block of a story.
type blockView struct {
	Kind  story.BlockKind
	Text  []segment
	Quote foiwire.Quote
}

// segment is a run of story text, a number tied to a fact (Fact set), or a
// number the claim reader could not tie to one (Loose set).
type segment struct {
	Text  string
	Fact  string // the fact id
	Loose bool
}

// natBar is one bar of the national chart.
type natBar struct {
	ID, Name string
	Value    int64
	Partial  bool // the force's figure covers part of the span only
}

// build runs the pipeline (which reads the replies, applies corrections,
// derives facts from the figures not under review and writes the stories
// under OUT) and arranges what it made for the pages. A build that read the
// figures but failed later (facts that contradict each other, a story that
// cannot be rendered) still gives a snapshot, with the failure in
// snapshot.trouble, so that the figures can be seen and corrected.
func build(ctx context.Context, cfg Config, session *pipeline.Session) (*snapshot, error) {
	res, err := pipeline.Build(ctx, pipeline.Options{Dir: cfg.Dir, Out: cfg.Out, Store: cfg.DB, Log: cfg.Log, Now: cfg.Now, Session: session})
	if err != nil && (res == nil || res.Figures == nil) {
		return nil, fmt.Errorf("build campaign %s: %w", cfg.Dir, err)
	}
	arrivals, aerr := cfg.DB.Arrivals(ctx)
	if aerr != nil {
		return nil, aerr
	}
	c := res.Campaign.Campaign
	s := &snapshot{
		built: cfg.Now(), campaign: c, reg: res.Campaign.Registry, out: res.Out,
		figures: res.Figures, facts: res.Facts,
		byID: map[string]*forceView{}, byKey: map[string]int{}, byRef: map[string]int{}, factIx: map[string]int{},
	}
	if err != nil {
		s.trouble = append(s.trouble, "The build stopped: "+withoutPaths(err.Error()))
	}
	for _, id := range res.Campaign.AuthorityIDs() {
		s.force(id)
	}
	for i, f := range s.figures {
		fv := s.force(f.Authority)
		fv.Figures = append(fv.Figures, i)
		s.byKey[f.Key()] = i
		s.byKey[f.Authority+"|"+f.Key()] = i
		s.byRef[figureRef(f)] = i
		if f.Confidence == foiwire.ConfidenceReview {
			s.review = append(s.review, i)
			fv.ToReview++
		}
	}
	for _, a := range arrivals {
		s.force(a.Authority).Arrivals = append(s.force(a.Authority).Arrivals, a)
	}
	for _, p := range res.Problems {
		s.force(p.Authority).Problems = append(s.force(p.Authority).Problems, p)
	}
	if err := markAnswered(ctx, cfg, c, arrivals); err != nil {
		s.trouble = append(s.trouble, "Requests could not be marked answered: "+withoutPaths(err.Error()))
	}
	withdrawn, werr := cfg.DB.Withdrawals(ctx)
	if werr != nil {
		return nil, werr
	}
	// A file withdrawn and since put back is no longer withdrawn; of one
	// withdrawn more than once, the latest says why.
	shown := map[[2]string]bool{}
	for _, a := range arrivals {
		shown[[2]string{a.Authority, a.Name}] = true
	}
	for _, w := range withdrawn {
		if k := [2]string{w.Authority, w.Name}; !shown[k] {
			shown[k] = true
			s.force(w.Authority).Withdrawn = append(s.force(w.Authority).Withdrawn, w)
		}
	}
	reqs, rerr := cfg.DB.Requests(ctx)
	if rerr != nil {
		return nil, rerr
	}
	for i, rq := range reqs {
		fv := s.force(rq.Authority)
		if fv.Request == nil || rq.Sent.After(fv.Request.Sent) {
			fv.Request = &reqs[i]
		}
	}
	slices.SortFunc(s.forces, func(a, b *forceView) int { return cmp.Compare(a.Name, b.Name) })
	for i, f := range s.facts {
		s.factIx[f.ID] = i
		if f.Authority == foiwire.National {
			s.national = append(s.national, f)
			continue
		}
		fv := s.force(f.Authority)
		fv.Facts = append(fv.Facts, i)
	}
	s.nationalChart()
	if err := s.stories(ctx, cfg, res.Refused); err != nil {
		s.trouble = append(s.trouble, "Stories could not be shown: "+withoutPaths(err.Error()))
	}
	return s, nil
}

// forceOf returns the view of an authority for a request. Every authority
// a figure or fact names has one; it never changes the snapshot.
func (s *snapshot) forceOf(id string) *forceView {
	if fv, ok := s.byID[id]; ok {
		return fv
	}
	return &forceView{Authority: foiwire.Authority{ID: id, Name: id, ShortName: id}}
}

// force returns the view of an authority, making it on first sight. Only
// build calls it: a snapshot is never changed once served.
func (s *snapshot) force(id string) *forceView {
	if fv, ok := s.byID[id]; ok {
		return fv
	}
	a, ok := s.reg.ByID(id)
	if !ok {
		a = foiwire.Authority{ID: id, Name: id, ShortName: id}
	}
	fv := &forceView{Authority: a}
	s.byID[id] = fv
	s.forces = append(s.forces, fv)
	return fv
}

// figureRef names a figure the way a fact's Inputs do.
func figureRef(f foiwire.Figure) string {
	if f.Source.Document != "" {
		return fmt.Sprintf("%s#%d/%d/%d", f.Source.Document, f.Source.Table, f.Source.Row, f.Source.Col)
	}
	return fmt.Sprintf("%s:%d", f.Source.File, f.Source.Row)
}

// stories renders each force's story in memory, as the build wrote it, so
// the pages can tie its numbers to facts; the build's own files under OUT
// are what the download offers. refused are the build's refusal lines.
func (s *snapshot) stories(ctx context.Context, cfg Config, refused []string) error {
	tmpl, err := story.LoadTemplate(ctx, cfg.Dir)
	if err != nil {
		return err
	}
	pub := s.published()
	for _, fv := range s.forces {
		if len(fv.Facts) == 0 {
			fv.NoStory = s.whyNoStory(fv)
			continue
		}
		facts := s.factsOf(fv.ID)
		st, err := tmpl.Render(s.campaign, fv.Authority, s.facts)
		if err != nil {
			fv.NoStory = withoutPaths(err.Error())
			continue
		}
		fv.ChartSVG, _ = os.ReadFile(filepath.Join(s.out, fv.ID, "chart.svg"))
		ch, err := chart.ForForce(fv.Authority, s.facts, chart.ForceOptions{
			Topic:  s.campaign.Topic,
			Source: "Source: Freedom of Information reply from " + fv.Name,
			Number: story.Number,
		})
		if err == nil {
			st.SetChart(ch)
			if fv.ChartSVG == nil {
				// A refused story's chart is not written; draw it here.
				if fv.ChartSVG, err = ch.SVG(); err != nil {
					return fmt.Errorf("chart for %s: %w", fv.ID, err)
				}
			}
		}
		fv.Story = linkStory(st, facts, s.reg, s.periodsOf(fv.ID), pub)
		prefix := "story for " + fv.ID + " refused: "
		for _, line := range refused {
			if why, ok := strings.CutPrefix(line, prefix); ok {
				fv.Story.Refusals = append(fv.Story.Refusals, why)
			}
		}
		if len(fv.Story.Refusals) == 0 {
			fv.Story.Files = readStoryFiles(filepath.Join(s.out, fv.ID))
		}
		fv.Story.Written = len(fv.Story.Files) > 0
	}
	return nil
}

// readStoryFiles reads the files of a story the build wrote into dir, or
// returns nil when it wrote none (no story.md).
func readStoryFiles(dir string) []foiwire.StoryFile {
	var out []foiwire.StoryFile
	for _, name := range storyFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			if name == "story.md" {
				return nil
			}
			continue
		}
		out = append(out, foiwire.StoryFile{Name: name, Data: data})
	}
	return out
}

// whyNoStory says why a force without facts has no story.
func (s *snapshot) whyNoStory(fv *forceView) string {
	if len(fv.Figures) == 0 {
		if len(fv.Arrivals) == 0 {
			return "no reply yet"
		}
		return "no figures were read from the reply"
	}
	for _, i := range fv.Figures {
		if f := s.figures[i]; f.Measure == foiwire.MeasureRefusal || f.Status == foiwire.StatusRefused {
			return "the force refused the request (" + cmp.Or(f.Label, f.Reason) + ")"
		}
	}
	if fv.ToReview == len(fv.Figures) {
		return "every figure awaits review"
	}
	return "its figures give nothing to write about"
}

// published is the date the stories are written for, as the build dates
// them: the embargo, or else the day after the last day the facts cover.
func (s *snapshot) published() foiwire.Date {
	if !s.campaign.Embargo.IsZero() {
		return foiwire.DateOf(s.campaign.Embargo.UTC())
	}
	var last foiwire.Date
	for _, f := range s.facts {
		if f.End.After(last) {
			last = f.End
		}
	}
	if last.IsZero() {
		return last
	}
	return last.AddDays(1)
}

// factsOf returns an authority's facts with the national facts of its own
// year convention: the facts its story's self-check reads it against, so a
// number the self-check passed links here to the same fact.
func (s *snapshot) factsOf(id string) []foiwire.Fact {
	return analysis.FactsFor(s.facts, id)
}

// periodsOf are the years a force's story speaks of: its own yearly
// periods, or the campaign's when it gave none.
func (s *snapshot) periodsOf(id string) []foiwire.Period {
	var own []foiwire.Period
	if fv, ok := s.byID[id]; ok {
		for _, i := range fv.Facts {
			if f := s.facts[i]; f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod {
				own = append(own, f.Period)
			}
		}
	}
	if len(own) > 0 {
		slices.SortFunc(own, func(a, b foiwire.Period) int { return a.Start.Time().Compare(b.Start.Time()) })
		return own
	}
	return s.periods()
}

// periods are the campaign's yearly periods.
func (s *snapshot) periods() []foiwire.Period {
	var out []foiwire.Period
	for _, q := range s.campaign.Questions {
		if q.Measure == foiwire.MeasurePeriod && len(q.Periods) > len(out) {
			out = q.Periods
		}
	}
	return out
}

// linkStory cuts each text of the story into segments, so every number
// links to its fact. Numbers written from facts carry their links from
// render time (story.Link); only the numbers without one are read back with
// the claim reader, the reading the self-check makes. Quotes and notes are
// the campaign's words, exempt from the check, and are left as they are.
func linkStory(st story.Story, facts []foiwire.Fact, reg *authority.Registry, periods []foiwire.Period, pub foiwire.Date) *storyView {
	type piece struct {
		text  string
		links []story.Link
		dst   *[]segment
	}
	sv := &storyView{ChartAlt: st.ChartAlt}
	pieces := []piece{{st.Headline, st.HeadlineLinks, &sv.Headline}, {st.Standfirst, st.StandfirstLinks, &sv.Standfirst}}
	sv.Blocks = make([]blockView, len(st.Blocks))
	for i, b := range st.Blocks {
		sv.Blocks[i] = blockView{Kind: b.Kind, Quote: b.Quote}
		switch {
		case b.Kind == story.BlockChart:
		case b.Supplied():
			sv.Blocks[i].Text = []segment{{Text: b.Text}}
		default:
			pieces = append(pieces, piece{b.Text, b.Links, &sv.Blocks[i].Text})
		}
	}
	sv.Hash = story.Hash(st) // the version an editor approves, as the build reads it

	// One text, as the self-check reads it, so that a sentence can lean on
	// the period named in the sentence before.
	var joined strings.Builder
	starts := make([]int, len(pieces))
	for i, p := range pieces {
		if i > 0 {
			joined.WriteString("\n\n")
		}
		starts[i] = joined.Len()
		plain := claims.PlainText(p.text)
		if len(plain) != len(p.text) {
			// Markup taken out moves every offset: read it all back.
			pieces[i].links = nil
		}
		pieces[i].text = plain
		joined.WriteString(plain)
	}
	text := joined.String()
	// A span: a linked value, or a number the claim reader read.
	type span struct {
		start, end int
		seg        segment
	}
	var spans []span
	linked := make([]bool, len(text))
	for i, p := range pieces {
		for _, l := range p.links {
			if l.Format == "label" {
				// A name written from a fact: its digits ("under 13") are
				// words, not a figure.
				for k := starts[i] + l.Start; k < starts[i]+l.End; k++ {
					linked[k] = true
				}
				continue
			}
			a, b := starts[i]+l.Start, starts[i]+l.End
			for k := a; k < b; k++ {
				linked[k] = true
			}
			spans = append(spans, span{a, b, segment{Text: text[a:b], Fact: l.Fact}})
		}
	}
	opt := claims.Options{Registry: reg, Subject: st.Force.ID, Periods: periods, Published: pub}
	for _, ck := range claims.Check(claims.Extract(text, opt), facts, opt) {
		if ck.Kind == foiwire.ClaimOther || ck.Offset+len(ck.Text) > len(text) {
			continue
		}
		over := false
		for k := ck.Offset; k < ck.Offset+len(ck.Text); k++ {
			over = over || linked[k]
		}
		if over {
			continue
		}
		sg := segment{Text: ck.Text}
		if ck.Fact != "" && (ck.Verdict == foiwire.Supported || ck.Expected != nil) {
			// Supported, or a national figure the copy qualifies by
			// whose answers it covers: either way, this fact.
			sg.Fact = ck.Fact
		} else {
			sg.Loose = true
		}
		spans = append(spans, span{ck.Offset, ck.Offset + len(ck.Text), sg})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i, p := range pieces {
		start, end := starts[i], starts[i]+len(p.text)
		at := start
		var segs []segment
		for _, sp := range spans {
			if sp.start < at || sp.end > end {
				continue
			}
			if sp.start > at {
				segs = append(segs, segment{Text: text[at:sp.start]})
			}
			segs = append(segs, sp.seg)
			at = sp.end
		}
		if at < end {
			segs = append(segs, segment{Text: text[at:end]})
		}
		*p.dst = segs
	}
	return sv
}

// nationalChart lays out one bar per force: its total over the campaign's
// years where it gave every year, else its latest year's count.
func (s *snapshot) nationalChart() {
	totals := map[string]foiwire.Fact{}
	latest := map[string]foiwire.Fact{}
	for _, f := range s.facts {
		if f.Authority == foiwire.National || f.Measure != foiwire.MeasurePeriod {
			continue
		}
		switch f.Kind {
		case foiwire.FactTotal:
			totals[f.Authority] = f
		case foiwire.FactCount:
			if old, ok := latest[f.Authority]; !ok || f.End.After(old.End) {
				latest[f.Authority] = f
			}
		}
	}
	use := totals
	s.natTitle = "Total over the years asked, by force"
	if len(totals) == 0 {
		use = latest
		s.natTitle = "Latest year, by force"
	}
	for id, f := range use {
		fv := s.byID[id]
		if fv == nil {
			continue
		}
		s.natBars = append(s.natBars, natBar{ID: id, Name: fv.ShortName, Value: int64(f.Value), Partial: len(f.Caveats) > 0})
	}
	slices.SortFunc(s.natBars, func(a, b natBar) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Name, b.Name))
	})
}
