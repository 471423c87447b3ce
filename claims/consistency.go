package claims

import (
	"fmt"
	"strings"

	"github.com/foiwire/foiwire"
)

// partsOverWhole warns when the offence (or outcome) counts an article gives
// for one force and year add up to more than the force recorded in that
// year: each offence is counted once and has one outcome, so the parts
// cannot exceed the whole, whatever each part says on its own.
func (ix *index) partsOverWhole(ks []foiwire.Check) {
	type key struct {
		auth    string
		period  foiwire.Period
		outcome bool
	}
	groups := map[key][]int{}
	var order []key
	for i, k := range ks {
		if k.Value == nil || k.Authority == "" || k.Authority == foiwire.National || k.Period.IsZero() || !ix.cal.single(k.Period) {
			continue
		}
		if k.Kind != foiwire.ClaimCount && k.Kind != foiwire.ClaimCharges {
			continue
		}
		if k.Category == "" && k.Kind != foiwire.ClaimCharges {
			continue
		}
		kk := key{k.Authority, k.Period, k.Kind == foiwire.ClaimCharges || isOutcome(ix.concepts(k.Category))}
		if _, seen := groups[kk]; !seen {
			order = append(order, kk)
		}
		groups[kk] = append(groups[kk], i)
	}
	for _, g := range order {
		parts := distinctParts(ks, groups[g])
		if len(parts) < 2 {
			continue
		}
		sum := 0.0
		var shown []string
		for _, i := range parts {
			sum += *ks[i].Value
			shown = append(shown, formatNumber(*ks[i].Value))
		}
		whole, from := ix.wholeOf(ks, g.auth, g.period)
		if whole < 0 || sum <= whole {
			continue
		}
		what := "offence counts"
		if g.outcome {
			what = "outcomes"
		}
		msg := fmt.Sprintf("%s: the %s the article gives for %s in %s (%s) add to %s, more than the %s offences %s for the year", WarnPartsOverWhole, what, ix.name(g.auth), ix.cal.label(g.period), strings.Join(shown, " + "), formatNumber(sum), formatNumber(whole), from)
		for _, i := range groups[g] {
			ks[i].Warnings = append(ks[i].Warnings, msg)
		}
	}
}

// distinctParts drops repeats and sub-categories ("violence with injury"
// within "violence"), which would otherwise be counted twice.
func distinctParts(ks []foiwire.Check, idx []int) []int {
	var out []int
	for _, i := range idx {
		ci := concepts(ks[i].Category)
		if ks[i].Kind == foiwire.ClaimCharges {
			ci = []string{"charge"}
		}
		dup := false
		for _, j := range idx {
			if i == j {
				continue
			}
			cj := concepts(ks[j].Category)
			if ks[j].Kind == foiwire.ClaimCharges {
				cj = []string{"charge"}
			}
			if subset(cj, ci) && (len(cj) < len(ci) || j < i) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, i)
		}
	}
	return out
}

func subset(a, b []string) bool {
	for _, w := range a {
		if !contains(b, w) {
			return false
		}
	}
	return true
}

// wholeOf returns the offences recorded by a force in a period, from the
// data or else from the article itself, with where it came from; -1 when
// neither gives it.
func (ix *index) wholeOf(ks []foiwire.Check, auth string, p foiwire.Period) (float64, string) {
	for _, f := range ix.byAuth[auth] {
		if f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod && f.Period == p {
			return f.Value, "the data gives"
		}
	}
	for _, k := range ks {
		if k.Authority == auth && k.Period == p && k.Kind == foiwire.ClaimCount && k.Category == "" && k.Value != nil && k.Approx == "" {
			return *k.Value, "the article itself gives"
		}
	}
	return -1, ""
}

// sameFigure warns when an article gives one force's count for a year and
// the same count for a longer span that contains it ("three charges this
// year", "three charges in the last three years"): both can be true only if
// nothing happened in the other years, which is more often a mix-up.
func sameFigure(ks []foiwire.Check, ix *index) {
	for i := range ks {
		a := ks[i].Claim
		if a.Value == nil || *a.Value == 0 || a.Period.IsZero() || a.Authority == "" {
			continue
		}
		if a.Kind != foiwire.ClaimCharges && a.Kind != foiwire.ClaimCount && a.Kind != foiwire.ClaimTotal {
			continue
		}
		for j := range ks {
			b := ks[j].Claim
			if i == j || b.Value == nil || *b.Value != *a.Value || b.Authority != a.Authority || b.Period == a.Period || b.Period.IsZero() {
				continue
			}
			if (a.Kind == foiwire.ClaimCharges) != (b.Kind == foiwire.ClaimCharges) || !strings.EqualFold(a.Category, b.Category) {
				continue
			}
			if !b.Period.Contains(a.Period) && !a.Period.Contains(b.Period) {
				continue
			}
			ks[i].Warnings = append(ks[i].Warnings, fmt.Sprintf("%s: the article gives %s for %s here and also for %s", WarnSameFigure, formatNumber(*a.Value), ix.cal.label(a.Period), ix.cal.label(b.Period)))
			break
		}
	}
}
