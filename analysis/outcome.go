package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/foiwire/foiwire"
)

// outcomes adds each outcome's count, the counts by Home Office outcome
// group, the outcomes' total, and the charge/summons count and rate, per
// period.
func (b *builder) outcomes(rs []reading, years map[foiwire.Period]int64) error {
	rs, err := dedupe(b.auth, "outcome", rs)
	if err != nil {
		return err
	}
	sortReadings(rs)
	var periods []foiwire.Period
	byPeriod := map[foiwire.Period][]reading{}
	for _, r := range rs {
		if _, ok := byPeriod[r.p]; !ok {
			periods = append(periods, r.p)
		}
		byPeriod[r.p] = append(byPeriod[r.p], r)
	}
	for _, p := range periods {
		b.outcomePeriod(p, byPeriod[p], years)
	}
	return nil
}

// OutcomeGroupPrefix starts the category of a fact that adds up the
// outcomes of one Home Office outcome group: "outcome-group:evidential-
// difficulties-victim-does-not-support-action". Offence keys have a
// "group:" of their own, so the two never meet.
const OutcomeGroupPrefix = "outcome-group:"

type group struct {
	key, name string
	value     int64
	parts     []string
	inputs    []string
}

func (b *builder) outcomePeriod(p foiwire.Period, rs []reading, years map[foiwire.Period]int64) {
	var (
		all            int64
		allInputs      []string
		charges        int64
		chargeParts    []string
		chargeInputs   []string
		groups         []*group
		byGroup        = map[string]*group{}
		unmatched      []string
		offences, have = years[p]
	)
	for _, r := range rs {
		b.add(foiwire.Fact{
			ID:       "count/" + itemPart("outcome", r) + "/" + p.String(),
			Kind:     foiwire.FactCount,
			Measure:  foiwire.MeasureOutcome,
			Period:   p,
			Category: r.key,
			Label:    r.label,
			Value:    float64(r.value),
			Formula:  asRead(r.label),
			Inputs:   []string{r.ref},
			Caveats:  caveats(r),
		})
		all += r.value
		allInputs = append(allInputs, r.ref)
		if isCharge(r.key) {
			charges += r.value
			chargeParts = append(chargeParts, r.key+" "+num(r.value))
			chargeInputs = append(chargeInputs, r.ref)
		}
		gk, gname := r.group, r.gname
		if gk == "" {
			unmatched = append(unmatched, r.label)
			continue
		}
		g, ok := byGroup[gk]
		if !ok {
			g = &group{key: gk, name: gname}
			byGroup[gk] = g
			groups = append(groups, g)
		}
		g.value += r.value
		g.parts = append(g.parts, cmp.Or(r.key, strconv.Quote(r.label))+" "+num(r.value))
		g.inputs = append(g.inputs, r.ref)
	}
	slices.SortStableFunc(groups, func(x, y *group) int {
		if x.value != y.value {
			return int(y.value - x.value)
		}
		return strings.Compare(x.key, y.key)
	})
	for _, g := range groups {
		f := b.add(foiwire.Fact{
			ID:       "total/" + OutcomeGroupPrefix + g.key + "/" + p.String(),
			Kind:     foiwire.FactTotal,
			Measure:  foiwire.MeasureOutcome,
			Period:   p,
			Category: OutcomeGroupPrefix + g.key,
			Label:    g.name,
			Value:    float64(g.value),
			Formula:  "sum of the outcomes in the Home Office group: " + strings.Join(g.parts, " + "),
			Inputs:   g.inputs,
		})
		if g.value < SmallNumber {
			addCaveat(f, CaveatSmall)
		}
	}
	total := b.add(foiwire.Fact{
		ID:      "total/outcome/" + p.String(),
		Kind:    foiwire.FactTotal,
		Measure: foiwire.MeasureOutcome,
		Period:  p,
		Value:   float64(all),
		Formula: fmt.Sprintf("sum of the %d outcomes listed", len(rs)),
		Inputs:  allInputs,
	})
	if len(unmatched) > 0 {
		addCaveat(total, "outcomes with no Home Office group: "+strings.Join(unmatched, "; "))
	}
	if have && all > offences {
		addCaveat(total, fmt.Sprintf("the outcomes listed add to %d, more than the year's %d offences", all, offences))
	}

	// A reply that lists no charge/summons row has given no charge figure,
	// unless its outcomes account for every offence of the year: then none
	// of them was a charge.
	chargeFormula := "HO1 + HO1A: " + strings.Join(chargeParts, " + ")
	switch {
	case len(chargeParts) > 0:
	case have && all == offences && all > 0:
		chargeFormula = fmt.Sprintf("no charge/summons among the outcomes, which cover all %d offences of the year", offences)
		chargeInputs = allInputs
	default:
		return
	}
	cf := foiwire.Fact{
		ID:       "charges/" + p.String(),
		Kind:     foiwire.FactCharges,
		Measure:  foiwire.MeasureOutcome,
		Period:   p,
		Category: "charge-summons",
		Value:    float64(charges),
		Formula:  chargeFormula,
		Inputs:   chargeInputs,
	}
	if charges == 0 {
		cf.Words = "no charges"
	}
	if charges < SmallNumber {
		cf.Caveats = []string{CaveatSmall}
	}
	b.add(cf)

	// One definition of a charge rate for every force: charges over the
	// offences recorded in the year. A force that gave no count for the
	// year has no rate; its outcomes listed are not its offences.
	denom, over := offences, "charges / offences recorded in the year"
	if !have || denom == 0 {
		return
	}
	b.add(foiwire.Fact{
		ID:       "charge_rate/" + p.String(),
		Kind:     foiwire.FactChargeRate,
		Measure:  foiwire.MeasureOutcome,
		Period:   p,
		Category: "charge-summons",
		Value:    float64(charges) / float64(denom),
		Formula:  fmt.Sprintf("%s: %d / %d", over, charges, denom),
		Inputs:   chargeInputs,
		Caveats:  slices.Clone(cf.Caveats),
	})
}
