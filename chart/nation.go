package chart

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
)

// NationOptions say how to word the national comparison chart.
type NationOptions struct {
	Topic string
	// Name gives an authority's name for an id; nil uses the id.
	Name func(id string) string
	// Number writes counts in the alt text; nil writes digits.
	Number func(int64) string
}

// ForNation builds the national comparison: one bar per force, largest
// first, for the national total that most forces gave over the same
// years (one year convention, so the bars count the same days). The counts
// are not rates: nothing here knows the forces' populations, and the chart
// says so. It returns an error when no national total covers two forces.
func ForNation(facts []foiwire.Fact, o NationOptions) (Chart, error) {
	name := o.Name
	if name == nil {
		name = func(id string) string { return id }
	}
	num := o.Number
	if num == nil {
		num = formatInt
	}
	var best *foiwire.Fact
	for i := range facts {
		f := &facts[i]
		if f.Authority != foiwire.National || f.Kind != foiwire.FactNationalTotal || f.Measure != foiwire.MeasurePeriod || f.Of < 2 {
			continue
		}
		if best == nil || f.Of > best.Of || f.Of == best.Of && f.Days() > best.Days() {
			best = &facts[i]
		}
	}
	if best == nil {
		return Chart{}, fmt.Errorf("national chart: no national total covers two forces")
	}
	type entry struct {
		id, name string
		fact     foiwire.Fact
	}
	// The facts the total adds, the last of each id as a map of them all
	// would hold it.
	at := make(map[string]int, len(best.Inputs))
	for _, in := range best.Inputs {
		at[in] = -1
	}
	for i := range facts {
		if _, ok := at[facts[i].ID]; ok {
			at[facts[i].ID] = i
		}
	}
	var es []entry
	for _, in := range best.Inputs {
		if i := at[in]; i >= 0 {
			f := facts[i]
			es = append(es, entry{f.Authority, name(f.Authority), f})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(b.fact.Value, a.fact.Value), cmp.Compare(a.name, b.name))
	})
	span := period.Label(best.Period)
	what := "Offences"
	if o.Topic != "" {
		what = o.Topic + "-linked offences"
	}
	c := Chart{
		Title:    fmt.Sprintf("%s by force, %s", what, span),
		Subtitle: fmt.Sprintf("The %d forces that gave a figure for these years, largest first", len(es)),
		Notes: []string{
			"Counts, not rates: forces serve populations of very different sizes, so a larger count does not mean a higher rate.",
			"Forces whose years run from another day (6 April, say) are compared only with each other.",
		},
		Source: "Source: Freedom of Information replies from each force",
	}
	p := Panel{Title: "Offences recorded, " + span, CategoryAxis: "Force", ValueAxis: "Offences recorded", Horizontal: true}
	var alt altText
	alt.text(fmt.Sprintf("A bar chart of the offences recorded by each of the %d forces that gave a figure for %s, largest first: ", len(es), span))
	for i, e := range es {
		p.Bars = append(p.Bars, Bar{Label: e.name, Value: int64(e.fact.Value), Accent: true})
		alt.text(listSep(i, len(es), "; "))
		alt.fact(e.fact.ID, e.name, true)
		alt.text(", ")
		alt.fact(e.fact.ID, num(int64(e.fact.Value)), false)
	}
	alt.text(".")
	if ties := tiedValues(es, func(e entry) int64 { return int64(e.fact.Value) }); ties != "" {
		c.Notes = append(c.Notes, "Tied: "+ties+".")
	}
	c.Panels = []Panel{p}
	c.Alt, c.AltSpans = alt.b.String(), alt.spans
	return c, nil
}

// tiedValues names the values two or more entries share: "42 (2 forces)".
func tiedValues[E any](es []E, value func(E) int64) string {
	n := map[int64]int{}
	var order []int64
	for _, e := range es {
		v := value(e)
		if n[v] == 0 {
			order = append(order, v)
		}
		n[v]++
	}
	var out []string
	for _, v := range order {
		if n[v] > 1 {
			out = append(out, fmt.Sprintf("%s (%d forces)", formatInt(v), n[v]))
		}
	}
	return strings.Join(out, ", ")
}
