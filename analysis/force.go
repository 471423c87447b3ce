package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
)

// reading is one usable number from a figure, with where it came from.
type reading struct {
	p      foiwire.Period
	key    string // canonical category, "" when none matched
	group  string // for an outcome, its Home Office group key
	gname  string // and the group's name
	label  string // the authority's words
	value  int64
	ref    string
	review bool
}

// forceFacts derives the facts of one authority from its figures.
func forceFacts(id string, figs []*foiwire.Figure) ([]foiwire.Fact, error) {
	var (
		years    []reading
		gaps     []foiwire.Figure // period figures with no number
		stated   []reading
		offences []reading
		outcomes []reading
		partly   string // the reason a part of the request was refused
	)
	// Room for every offence and outcome reading at once, counted first,
	// spares the lists' growing copies.
	nOff, nOut := 0, 0
	for _, f := range figs {
		switch f.Measure {
		case foiwire.MeasureOffence:
			nOff++
		case foiwire.MeasureOutcome:
			nOut++
		}
	}
	offences = make([]reading, 0, nOff)
	outcomes = make([]reading, 0, nOut)
	// A reply gives each outcome once a year: its class is worked out
	// once per wording.
	type wording struct{ category, label string }
	type class struct{ key, group, gname string }
	classes := map[wording]class{}
	for _, f := range figs {
		if f.Measure == foiwire.MeasureRefusal || f.Status == foiwire.StatusRefused {
			partly = cmp.Or(f.Reason, f.Label, "refused")
		}
		v, ok := f.Int()
		if f.Status != foiwire.StatusOK || !ok {
			if f.Measure == foiwire.MeasurePeriod {
				gaps = append(gaps, *f)
			}
			continue
		}
		r := reading{p: f.Period, label: f.Label, value: v, ref: ref(f), review: f.Confidence == foiwire.ConfidenceReview}
		switch f.Measure {
		case foiwire.MeasurePeriod:
			// A count over several years is a total whether or not the
			// reply called it one.
			if f.IsTotal || f.Days() > maxYearDays {
				stated = append(stated, r)
			} else {
				years = append(years, r)
			}
		case foiwire.MeasureOffence:
			if f.IsTotal {
				continue // a table's own total row: the year's count comes from the period question
			}
			r.key = offenceKey(f)
			offences = append(offences, r)
		case foiwire.MeasureOutcome:
			if f.IsTotal {
				continue
			}
			w := wording{f.Category, f.Label}
			c, ok := classes[w]
			if !ok {
				c.key, c.group, c.gname = outcomeClass(f)
				classes[w] = c
			}
			r.key, r.group, r.gname = c.key, c.group, c.gname
			outcomes = append(outcomes, r)
		}
	}
	years, err := dedupe(id, "period", years)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(years, func(a, b reading) int { return a.p.Start.Time().Compare(b.p.Start.Time()) })

	// A reply gives about a fact a figure (an offence its count and share,
	// but repeated and total rows none): room for that at once spares most
	// of the growing copies.
	b := &builder{auth: id, facts: make([]foiwire.Fact, 0, len(figs)+8)}
	part := partYear(years)
	yearFacts := b.years(years, part)
	b.total(years, gaps, stated)
	if len(years) >= 2 {
		b.changes(years, part)
		b.high(years, part)
	}
	if err := b.offences(offences, yearFacts); err != nil {
		return nil, err
	}
	if err := b.outcomes(outcomes, yearFacts); err != nil {
		return nil, err
	}
	if partly != "" && len(b.facts) > 0 {
		for i := range b.facts {
			addCaveat(&b.facts[i], "part of the request refused: "+partly)
		}
	}
	return b.facts, nil
}

// maxYearDays is the longest period counted as one year: a year with a
// few days' slack for replies that run 6 April to 5 April inclusive.
const maxYearDays = 372

// dedupe drops repeated readings of the same thing, in rs's own array,
// and returns an error when two readings of one thing disagree.
func dedupe(auth, what string, rs []reading) ([]reading, error) {
	type thing struct {
		p          foiwire.Period
		key, label string
	}
	// The map holds where each thing's first reading is in out, not the
	// reading itself: a smaller map to fill and clear.
	seen := make(map[thing]int, len(rs))
	// Kept readings move down in rs itself, which the caller gives up: a
	// reading is read before anything is written over it.
	out := rs[:0]
	for _, r := range rs {
		k := thing{p: r.p, key: r.key}
		if r.key == "" && what != "period" {
			k.label = r.label
		}
		if at, ok := seen[k]; ok {
			prev := out[at]
			if prev.value != r.value {
				return nil, fmt.Errorf("%s: two %s figures for %s %s disagree: %d (%s) and %d (%s)",
					auth, what, cmp.Or(r.key, r.label), r.p, prev.value, prev.ref, r.value, r.ref)
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, r)
	}
	return out, nil
}

// partYear reports whether the latest year is incomplete: shorter than
// nine-tenths of the shortest earlier year, or labelled as running to date.
func partYear(years []reading) bool {
	if len(years) == 0 {
		return false
	}
	last := years[len(years)-1]
	low := strings.ToLower(last.label)
	for _, w := range []string{"so far", "to date", "year to date", "ytd", "part year", "part-year"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	if len(years) < 2 {
		return false
	}
	shortest := years[0].p.Days()
	for _, y := range years[:len(years)-1] {
		shortest = min(shortest, y.p.Days())
	}
	return float64(last.p.Days()) < 0.9*float64(shortest)
}

// builder collects one authority's facts.
type builder struct {
	auth  string
	facts []foiwire.Fact
}

func (b *builder) add(f foiwire.Fact) *foiwire.Fact {
	f.Authority = b.auth
	f.ID = b.auth + "/" + f.ID
	b.facts = append(b.facts, f)
	return &b.facts[len(b.facts)-1]
}

func caveats(r reading) []string {
	var cs []string
	if r.value < SmallNumber {
		cs = append(cs, CaveatSmall)
	}
	if r.review {
		cs = append(cs, CaveatReview)
	}
	return cs
}

// years adds a count fact per year and returns them by period.
func (b *builder) years(years []reading, part bool) map[foiwire.Period]int64 {
	out := map[foiwire.Period]int64{}
	for i, y := range years {
		f := foiwire.Fact{
			ID:      "count/period/" + y.p.String(),
			Kind:    foiwire.FactCount,
			Measure: foiwire.MeasurePeriod,
			Period:  y.p,
			Label:   y.label,
			Value:   float64(y.value),
			Formula: asRead(y.label),
			Inputs:  []string{y.ref},
			Caveats: caveats(y),
		}
		if part && i == len(years)-1 {
			f.Caveats = append(f.Caveats, CaveatPartYear)
		}
		b.add(f)
		out[y.p] = y.value
	}
	return out
}

// total adds the total over the years: their sum when every year has a
// number, otherwise the total the reply stated, if it stated one.
func (b *builder) total(years []reading, gaps []foiwire.Figure, stated []reading) {
	if len(years) >= 2 && len(gaps) == 0 {
		span := foiwire.Period{Start: years[0].p.Start, End: years[len(years)-1].p.End}
		var sum int64
		parts := make([]string, len(years))
		inputs := make([]string, len(years))
		for i, y := range years {
			sum += y.value
			parts[i] = num(y.value)
			inputs[i] = y.ref
		}
		f := b.add(foiwire.Fact{
			ID:      "total/period/" + span.String(),
			Kind:    foiwire.FactTotal,
			Measure: foiwire.MeasurePeriod,
			Period:  span,
			Value:   float64(sum),
			Formula: fmt.Sprintf("sum of the %d yearly counts: %s", len(years), strings.Join(parts, " + ")),
			Inputs:  inputs,
		})
		for _, s := range stated {
			if s.p == span && s.value != sum {
				addCaveat(f, fmt.Sprintf("the reply's own total is %d (%s)", s.value, s.ref))
			}
		}
		if sum < SmallNumber {
			addCaveat(f, CaveatSmall)
		}
		return
	}
	if len(stated) == 0 {
		return
	}
	// Prefer the widest stated total: "2021/22 to 2023/24" over a part.
	s := slices.MaxFunc(stated, func(a, c reading) int { return cmp.Compare(a.p.Days(), c.p.Days()) })
	formula := fmt.Sprintf("total as stated in the reply: %q (no yearly breakdown given)", s.label)
	if len(gaps) > 0 {
		formula = fmt.Sprintf("total as stated in the reply: %q (%d yearly figures withheld or not held)", s.label, len(gaps))
	}
	b.add(foiwire.Fact{
		ID:      "total/period/" + s.p.String(),
		Kind:    foiwire.FactTotal,
		Measure: foiwire.MeasurePeriod,
		Period:  s.p,
		Label:   s.label,
		Value:   float64(s.value),
		Formula: formula,
		Inputs:  []string{s.ref},
		Caveats: caveats(s),
	})
}

// changes adds the change from the first year to the latest and, when they
// differ, from the previous year to the latest.
func (b *builder) changes(years []reading, part bool) {
	last := years[len(years)-1]
	b.change(years[0], last, part)
	if len(years) > 2 {
		b.change(years[len(years)-2], last, part)
	}
}

func (b *builder) change(from, to reading, part bool) {
	if from.value == 0 {
		// A rise from nothing has no percentage and no ratio.
		return
	}
	span := from.p.Start.String() + ".." + to.p.End.String()
	pct := float64(to.value-from.value) / float64(from.value) * 100
	ratio := float64(to.value) / float64(from.value)
	words := ChangeWords(from.value, to.value)
	var cs []string
	if from.value < SmallNumber || to.value < SmallNumber {
		cs = append(cs, CaveatSmall)
	}
	if part {
		cs = append(cs, CaveatPartYear)
	}
	inputs := []string{from.ref, to.ref}
	b.add(foiwire.Fact{
		ID:      "change_pct/" + span,
		Kind:    foiwire.FactChangePct,
		Measure: foiwire.MeasurePeriod,
		Period:  to.p,
		Base:    from.p,
		Value:   pct,
		Words:   words,
		Formula: fmt.Sprintf("(%d - %d) / %d × 100", to.value, from.value, from.value),
		Inputs:  inputs,
		Caveats: cs,
	})
	b.add(foiwire.Fact{
		ID:      "ratio/" + span,
		Kind:    foiwire.FactRatio,
		Measure: foiwire.MeasurePeriod,
		Period:  to.p,
		Base:    from.p,
		Value:   ratio,
		Words:   words,
		Formula: fmt.Sprintf("%d / %d", to.value, from.value),
		Inputs:  inputs,
		Caveats: slices.Clone(cs),
	})
}

// ChangeWords says how a count moved from a to b in the words a news story
// uses: "doubled", "more than doubled", "nearly trebled", "halved", "rose",
// "fell" or "unchanged". It returns "" when a is zero or either is negative.
func ChangeWords(a, b int64) string {
	if a <= 0 || b < 0 {
		return ""
	}
	if a == b {
		return "unchanged"
	}
	r := float64(b) / float64(a)
	switch {
	case r > 3.03:
		return "more than trebled"
	case r >= 2.97:
		return "trebled"
	case r >= 2.6:
		return "nearly trebled"
	case r > 2.025:
		return "more than doubled"
	case r >= 1.975:
		return "doubled"
	case r >= 1.8:
		return "nearly doubled"
	case r > 1:
		return "rose"
	case r >= 0.475 && r <= 0.525:
		return "halved"
	}
	return "fell"
}

// high adds whether the latest year is strictly above every earlier one.
func (b *builder) high(years []reading, part bool) {
	last := years[len(years)-1]
	high := true
	inputs := make([]string, len(years))
	for i, y := range years {
		inputs[i] = y.ref
		if i < len(years)-1 && y.value >= last.value {
			high = false
		}
	}
	f := foiwire.Fact{
		ID:      "high/" + years[0].p.Start.String() + ".." + last.p.End.String(),
		Kind:    foiwire.FactHigh,
		Measure: foiwire.MeasurePeriod,
		Period:  last.p,
		Base:    years[0].p,
		Formula: fmt.Sprintf("1 when the latest count (%d) is above each of the %d earlier ones, else 0", last.value, len(years)-1),
		Inputs:  inputs,
	}
	if high {
		f.Value = 1
		f.Words = yearsWord(len(years)) + "-year high"
	}
	if part {
		f.Caveats = append(f.Caveats, CaveatPartYear)
	}
	b.add(f)
}

// offences adds each offence's count for its period and, where the year's
// count is known, its share of it.
func (b *builder) offences(rs []reading, years map[foiwire.Period]int64) error {
	rs, err := dedupe(b.auth, "offence", rs)
	if err != nil {
		return err
	}
	sortReadings(rs)
	sums := map[foiwire.Period]int64{}
	for _, r := range rs {
		sums[r.p] += r.value
	}
	for _, r := range rs {
		part := itemPart("offence", r)
		f := b.add(foiwire.Fact{
			ID:       "count/" + part + "/" + r.p.String(),
			Kind:     foiwire.FactCount,
			Measure:  foiwire.MeasureOffence,
			Period:   r.p,
			Category: r.key,
			Label:    r.label,
			Value:    float64(r.value),
			Formula:  asRead(r.label),
			Inputs:   []string{r.ref},
			Caveats:  caveats(r),
		})
		total, ok := years[r.p]
		if ok && sums[r.p] > total {
			addCaveat(f, fmt.Sprintf("the offences listed add to %d, more than the year's %d: categories may overlap", sums[r.p], total))
		}
		if !ok || total == 0 {
			continue
		}
		b.add(foiwire.Fact{
			ID:       "share/" + part + "/" + r.p.String(),
			Kind:     foiwire.FactShare,
			Measure:  foiwire.MeasureOffence,
			Period:   r.p,
			Category: r.key,
			Label:    r.label,
			Value:    float64(r.value) / float64(total),
			Formula:  num(r.value) + " / " + num(total) + " offences recorded in the year",
			Inputs:   []string{r.ref},
			Caveats:  slices.Clone(f.Caveats),
		})
	}
	return nil
}

// itemPart is the id part of an offence or outcome: "offence/8R", or
// "offence/~" and its wording when nothing matched.
func itemPart(measure string, r reading) string {
	if r.key != "" {
		return measure + "/" + r.key
	}
	return measure + "/~" + slug(r.label)
}

// sortReadings orders readings by period, then largest first, then by
// wording, so the top offences come first.
func sortReadings(rs []reading) {
	slices.SortFunc(rs, func(a, c reading) int {
		return cmp.Or(
			a.p.Start.Time().Compare(c.p.Start.Time()),
			a.p.End.Time().Compare(c.p.End.Time()),
			cmp.Compare(c.value, a.value),
			cmp.Compare(a.label, c.label),
		)
	})
}
