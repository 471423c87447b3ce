package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/story"
)

// publish derives facts from the figures a story may stand on and writes
// the stories. Figures still under review are held back: a story states
// only what was read with confidence or confirmed by a person. derived,
// when set, is called once res.Facts holds the facts, before the stories
// are made.
func publish(ctx context.Context, o Options, dir *campaign.Dir, figs []foiwire.Figure, res *Result, approved func(force, hash string) story.Approval, derived func()) error {
	usable := func(f *foiwire.Figure) bool { return f.Confidence != foiwire.ConfidenceReview }
	// story.Publish reads figures only for the refusals that explain a
	// force without a story; the facts are derived from the rest in place.
	var refusals []foiwire.Figure
	for i := range figs {
		f := &figs[i]
		switch {
		case !usable(f):
			res.HeldBack++
		case f.Measure == foiwire.MeasureRefusal || f.Status == foiwire.StatusRefused:
			refusals = append(refusals, *f)
		}
	}
	facts, err := analysis.DeriveWhere(dir.Campaign, dir.Registry, figs, usable)
	if err != nil {
		return fmt.Errorf("derive facts: %w", err)
	}
	res.Facts = facts
	if derived != nil {
		derived()
	}
	tmpl, err := story.LoadTemplate(ctx, dir.Path)
	if err != nil {
		return err
	}
	charts, err := openChartCache(dir.Path, o.NoCache)
	if err != nil {
		return err
	}
	checks := openCheckMemo(dir.Path, o.NoCache)
	rep, err := story.Publish(ctx, o.Out, dir.Campaign, dir.Registry, refusals, facts, story.Options{
		Template: tmpl, Strict: o.Strict, Log: o.Log, BaseURI: o.BaseURI,
		Now: o.Now, Approval: approved, Charts: charts, Checks: checks,
	})
	if err == nil {
		if perr := charts.prune(); perr != nil {
			o.Log.Warn("chart cache not pruned", "err", perr)
		}
		if serr := checks.save(); serr != nil {
			o.Log.Warn("check memo not saved", "err", serr)
		}
	}
	for _, r := range rep.Refused {
		res.Refused = append(res.Refused, r.Error())
	}
	res.Stories = len(rep.Written)
	res.StoryRecords = storyRecords(rep)
	if err != nil {
		if errors.Is(err, story.ErrRefused) {
			return fmt.Errorf("--strict: %d stories refused by the self-check, nothing written: %w", len(rep.Refused), err)
		}
		return fmt.Errorf("write stories: %w", err)
	}
	return nil
}
