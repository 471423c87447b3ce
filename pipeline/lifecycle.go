package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
)

// WhyGone is the reason recorded for a reply withdrawn because its file is
// no longer in the replies folder.
const WhyGone = "no longer in the replies folder"

// withdrawMissing takes out of the store every reply whose file is no
// longer under replies/ (deleted, or moved to another force's folder), so
// its figures stop feeding facts and stories. Each goes into
// Result.Withdrawn.
func withdrawMissing(ctx context.Context, db foiwire.Store, files []campaign.ReplyFile, res *Result) error {
	present := make(map[[2]string]bool, len(files))
	for _, rf := range files {
		present[[2]string{rf.Authority, rf.Name}] = true
	}
	arrivals, err := db.ArrivalNames(ctx)
	if err != nil {
		return err
	}
	for _, a := range arrivals {
		if present[[2]string{a.Authority, a.Name}] {
			continue
		}
		w, err := db.WithdrawReply(ctx, a.Authority, a.Name, WhyGone)
		if errors.Is(err, foiwire.ErrNotFound) {
			continue // another build sharing the store withdrew it first
		}
		if err != nil {
			return err
		}
		res.Withdrawn = append(res.Withdrawn, w)
	}
	return nil
}

// markConflicts sends to review the figures of one authority that say
// different things about the same thing (the same period, or the same
// offence or outcome in a period): two replies of one force that disagree,
// or one reply that contradicts itself. Which is right is for a person to
// say, so none of them feeds a fact until then. A figure a person has
// confirmed or corrected (vouched, by authority and key) stands, and only
// those that disagree with it go to review. It marks figs in place (the
// build owns them; a copy of 220,000 figures is 60 MB) and returns them.
func markConflicts(figs []foiwire.Figure, vouched map[[2]string]bool) []foiwire.Figure {
	// Only figures of one authority can answer the same thing, so each
	// authority's are compared on their own, through one small map used
	// again for each: a map of every figure in a large campaign is tens
	// of megabytes. A build's figures come authority by authority, but
	// collated ones follow at the end, so the figures are first listed by
	// authority, in their order.
	var order []string
	byAuthority := map[string][]int{}
	for i := range figs {
		a := figs[i].Authority
		if _, ok := byAuthority[a]; !ok {
			order = append(order, a)
		}
		byAuthority[a] = append(byAuthority[a], i)
	}
	first := map[answer]int{}
	groups := map[answer][]int{}
	for _, a := range order {
		clear(first)
		clear(groups)
		for _, i := range byAuthority[a] {
			f := &figs[i]
			if f.Value == nil || f.Status != foiwire.StatusOK || f.IsTotal || f.Measure == foiwire.MeasureRefusal {
				continue
			}
			k := answerOf(f)
			j, seen := first[k]
			switch {
			case !seen:
				first[k] = i
			case groups[k] == nil:
				groups[k] = []int{j, i}
			default:
				groups[k] = append(groups[k], i)
			}
		}
		for _, ix := range groups {
			disagree(figs, ix, vouched)
		}
	}
	return figs
}

// answer is what a figure answers: its authority, measure, question and
// period and, but for a period's count, its category (or its label, in
// lower case, when nothing matched).
type answer struct {
	authority, question, what string
	measure                   foiwire.Measure
	byLabel                   bool
	start, end                int64
}

func answerOf(f *foiwire.Figure) answer {
	k := answer{authority: f.Authority, question: f.Question, measure: f.Measure,
		start: f.Start.Time().Unix(), end: f.End.Time().Unix()}
	if f.Measure != foiwire.MeasurePeriod {
		k.what = f.Category
		if k.what == "" {
			k.what, k.byLabel = strings.ToLower(f.Label), true
		}
	}
	return k
}

// disagree sends to review the figures ix of figs, which answer the same
// thing, when their values differ: all but those a person vouched for.
func disagree(figs []foiwire.Figure, ix []int, vouched map[[2]string]bool) {
	values := map[int64]bool{}
	var standing []int
	for _, i := range ix {
		values[*figs[i].Value] = true
		if vouched[[2]string{figs[i].Authority, figs[i].Key()}] {
			standing = append(standing, i)
		}
	}
	if len(values) < 2 {
		return
	}
	for _, i := range ix {
		if slices.Contains(standing, i) {
			continue
		}
		var others []string
		for _, j := range ix {
			if j != i && *figs[j].Value != *figs[i].Value {
				others = append(others, fmt.Sprintf("%d in %s", *figs[j].Value, where(figs[j])))
			}
		}
		if len(others) == 0 {
			continue
		}
		f := &figs[i]
		f.Confidence = foiwire.ConfidenceReview
		f.Reason = fmt.Sprintf("replies disagree: %d here, %s; confirm or correct the right one", *f.Value, strings.Join(others, ", "))
	}
}

// where names the file, table and row a figure was read from.
func where(f foiwire.Figure) string {
	name := cmp.Or(f.Source.File, f.Source.Document)
	if f.Source.Document == "" {
		return fmt.Sprintf("%s row %d", name, f.Source.Row+1)
	}
	return fmt.Sprintf("%s table %d row %d", name, f.Source.Table+1, f.Source.Row+1)
}
