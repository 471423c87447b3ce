package dataset

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// reconcile looks across every figure read from one reply. Two figures
// that say different values for the same authority, question, measure,
// period, category, wording and series both
// go to review, each naming the other: a reply that contradicts itself is
// for a person, never a failure. It takes time linear in the figures.
func reconcile(figs []foiwire.Figure) {
	type key struct {
		authority, question string
		measure             foiwire.Measure
		period              foiwire.Period
		what, series        string
		total               bool
	}
	first := map[key]int{}
	for i, f := range figs {
		if f.Measure == foiwire.MeasureRefusal || f.Measure == foiwire.MeasureUnread || f.Period.IsZero() {
			continue
		}
		// Two wordings can share a coarse category ("possession of drugs"
		// and "trafficking of drugs"): the same thing is the same wording.
		what := f.Category + "|" + strings.ToLower(strings.Join(strings.Fields(f.Label), " "))
		k := key{f.Authority, f.Question, f.Measure, f.Period, what, f.Series, f.IsTotal}
		j, seen := first[k]
		if !seen {
			first[k] = i
			continue
		}
		a, aok := figs[j].Int()
		b, bok := f.Int()
		if aok == bok && a == b && figs[j].Status == f.Status {
			continue
		}
		review(&figs[i], fmt.Sprintf("the reply also gives %s for this (%s)", valueText(figs[j]), where(figs[j])))
		review(&figs[j], fmt.Sprintf("the reply also gives %s for this (%s)", valueText(f), where(f)))
	}
}

func valueText(f foiwire.Figure) string {
	if v, ok := f.Int(); ok {
		return strconv.FormatInt(v, 10)
	}
	return string(f.Status)
}

func where(f foiwire.Figure) string {
	return fmt.Sprintf("table %d, row %d, column %d", f.Source.Table, f.Source.Row, f.Source.Col)
}

// missingPeriods names the periods a campaign's questions asked for that
// no figure of the reply covers, so an incomplete reply is reported as
// such. A period asked as 1 April to 31 March is also answered by the same
// year running 6 April to 5 April.
func missingPeriods(c *foiwire.Campaign, figs []foiwire.Figure) []string {
	if c == nil {
		return nil
	}
	have := map[foiwire.Period]bool{}
	for _, f := range figs {
		if f.Measure != foiwire.MeasureRefusal && f.Measure != foiwire.MeasureUnread {
			have[f.Period] = true
		}
	}
	var out []string
	for _, q := range c.Questions {
		for _, p := range q.Periods {
			alt := p
			if p.Start.Month() == time.April && p.Start.Day() == 1 {
				alt = foiwire.Period{Start: p.Start.AddDays(5), End: p.End.AddDays(5)}
			}
			if !have[p] && !have[alt] {
				out = append(out, fmt.Sprintf("question %s: no figure for %s", q.ID, p))
			}
		}
	}
	return out
}

// seriesFromContext names the series of tables that would otherwise say
// the same things: two tables giving counts for the same periods and
// wording, each under its own short heading ("Facebook" above one,
// "Twitter" above the other), are two series named by those headings, not
// one series said twice. Tables continuing another share its heading.
func seriesFromContext(figs []foiwire.Figure, tables []foiwire.Table, group map[int]int) {
	grp := func(t int) int {
		if g, ok := group[t]; ok {
			return g
		}
		return t
	}
	heading := map[int]string{}
	for _, t := range tables {
		if grp(t.Index) == t.Index {
			heading[t.Index] = seriesHeading(t.Context)
		}
	}
	type key struct {
		m     foiwire.Measure
		p     foiwire.Period
		label string
	}
	owners := map[key]map[int]bool{}
	for _, f := range figs {
		if f.Series != "" || f.Period.IsZero() || f.Source.Table < 0 {
			continue
		}
		k := key{f.Measure, f.Period, strings.ToLower(f.Label)}
		if owners[k] == nil {
			owners[k] = map[int]bool{}
		}
		owners[k][grp(f.Source.Table)] = true
	}
	clash := map[int]bool{}
	for _, gs := range owners {
		if len(gs) < 2 {
			continue
		}
		names := map[string]bool{}
		for g := range gs {
			names[heading[g]] = true
		}
		// Only when every table has a heading and no two share one.
		if names[""] || len(names) != len(gs) {
			continue
		}
		for g := range gs {
			clash[g] = true
		}
	}
	for i := range figs {
		if g := grp(figs[i].Source.Table); clash[g] && figs[i].Series == "" && figs[i].Source.Table >= 0 {
			figs[i].Series = heading[g]
		}
	}
}

// seriesHeading is the last line above a table when it is short enough to
// name a series: a few words and no sentence.
func seriesHeading(ctx string) string {
	line := cleanLabel(lastLine(ctx))
	if line == "" || len(line) > 40 || strings.ContainsAny(line, ".?") || len(strings.Fields(line)) > 5 {
		return ""
	}
	return line
}
