package chart

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/period"
)

// ForceOptions say how to word a force's chart.
type ForceOptions struct {
	// Topic names what is counted in the title: "TikTok" gives
	// "TikTok-linked offences recorded by …". Empty gives "Offences
	// recorded by …".
	Topic string
	// Source is the source line; empty gives "Source: Freedom of Information
	// reply from <force name>".
	Source string
	// Number writes counts in the alt text, which is prose; nil writes
	// digits. Stories pass their house style.
	Number func(int64) string
	// MaxOffences caps the offence panel; 0 means 8. The rest are left out
	// and the alt text says how many were listed.
	MaxOffences int
}

// ForForce builds a force's chart from its facts: a column for each year's
// count, the latest picked out (pale when it is a part year), and, when the
// facts hold them, bars for the latest year's offences, largest first. It
// returns an error naming the force when its facts hold neither yearly
// counts nor offence counts.
func ForForce(a foiwire.Authority, facts []foiwire.Fact, o ForceOptions) (Chart, error) {
	num := o.Number
	if num == nil {
		num = formatInt
	}
	maxOff := cmp.Or(o.MaxOffences, 8)
	// Pointers into facts: a fact is hundreds of bytes, and a story's
	// facts hundreds of them.
	var years, offences []*foiwire.Fact
	var total *foiwire.Fact
	for i := range facts {
		f := &facts[i]
		if f.Authority != a.ID {
			continue
		}
		switch {
		case f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod:
			years = append(years, f)
		case f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasureOffence:
			offences = append(offences, f)
		case f.Kind == foiwire.FactTotal && f.Measure == foiwire.MeasurePeriod:
			total = f
		}
	}
	if len(years) == 0 && len(offences) == 0 {
		return Chart{}, fmt.Errorf("chart for %s: no yearly or offence counts to draw", a.ID)
	}
	slices.SortFunc(years, func(x, y *foiwire.Fact) int { return x.Start.Time().Compare(y.Start.Time()) })
	offences = latest(offences)
	slices.SortStableFunc(offences, func(x, y *foiwire.Fact) int {
		return cmp.Or(cmp.Compare(y.Value, x.Value), cmp.Compare(x.Label, y.Label))
	})

	what := "Offences"
	if o.Topic != "" {
		what = o.Topic + "-linked offences"
	}
	c := Chart{
		Title:  what + " recorded by " + a.Name,
		Source: cmp.Or(o.Source, "Source: Freedom of Information reply from "+a.Name),
	}
	var alt altText
	if len(years) > 0 {
		p := Panel{Title: "Offences recorded each year", ValueAxis: "Offences recorded", CategoryAxis: axisName(years)}
		for i, f := range years {
			b := Bar{Label: period.Label(f.Period), Value: int64(f.Value), Accent: i == len(years)-1}
			if slices.Contains(f.Caveats, "part year") {
				b.Partial = true
				b.Label += "*"
				c.Notes = append(c.Notes, "* "+period.Label(f.Period)+" is not a complete year")
			}
			p.Bars = append(p.Bars, b)
		}
		c.Panels = append(c.Panels, p)
		c.Subtitle = "Recorded offences, " + spanOf(years)
		if o.Topic != "" {
			c.Subtitle = "Recorded offences with a link to " + o.Topic + ", " + spanOf(years)
		}
		alt.text(fmt.Sprintf("A column chart of the offences %s recorded each year: ", a.Name))
		for i, f := range years {
			alt.text(listSep(i, len(years), ", "))
			alt.fact(f.ID, num(int64(f.Value)), false)
			alt.text(" in " + period.Label(f.Period))
		}
		alt.text(".")
	} else if total != nil {
		c.Subtitle = fmt.Sprintf("The force gave no yearly figures, only a total of %s between %s", formatInt(int64(total.Value)), between(total.Period))
		alt.text(a.Name + " gave no yearly figures, only a total of ")
		alt.fact(total.ID, num(int64(total.Value)), false)
		alt.text(" offences between " + between(total.Period) + ".")
	}
	if len(offences) > 0 {
		year := period.Label(offences[0].Period)
		shown := offences[:min(len(offences), maxOff)]
		p := Panel{
			Title:        "Offence types in " + year,
			ValueAxis:    "Offences recorded",
			CategoryAxis: "Offence, as the force described it",
			Horizontal:   true,
		}
		for _, f := range shown {
			p.Bars = append(p.Bars, Bar{Label: analysis.PlainLabel(f.Label), Value: int64(f.Value), Accent: true})
		}
		c.Panels = append(c.Panels, p)
		c.Notes = append(c.Notes, "Offence types are those the force listed; a crime may fall under more than one, and not every crime was broken down.")
		if alt.b.Len() > 0 {
			alt.text(" ")
		}
		if len(shown) < len(offences) {
			alt.text(fmt.Sprintf("A bar chart of the largest offence types it listed for %s, with the number of each: ", year))
		} else {
			alt.text(fmt.Sprintf("A bar chart of the offence types it listed for %s, with the number of each: ", year))
		}
		for i, f := range shown {
			alt.text(listSep(i, len(shown), "; "))
			alt.fact(f.ID, lowerFirst(strings.TrimRight(analysis.PlainLabel(f.Label), ".")), true)
			alt.text(", ")
			alt.fact(f.ID, num(int64(f.Value)), false)
		}
		alt.text(".")
	}
	c.Alt, c.AltSpans = alt.b.String(), alt.spans
	return c, nil
}

// latest keeps the facts of the latest period, in their order, in fs's
// own array.
func latest(fs []*foiwire.Fact) []*foiwire.Fact {
	var end foiwire.Date
	for _, f := range fs {
		if f.End.After(end) {
			end = f.End
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if f.End.Equal(end) {
			out = append(out, f)
		}
	}
	return out
}

// axisName names the years on the axis: financial years when the labels
// are "2021/22", otherwise plain periods.
func axisName(years []*foiwire.Fact) string {
	for _, f := range years {
		if !strings.Contains(period.Label(f.Period), "/") {
			return "Period"
		}
	}
	if years[0].Start.Day() == 6 {
		return "Year (6 April to 5 April)"
	}
	return "Financial year (April to March)"
}

func spanOf(years []*foiwire.Fact) string {
	if len(years) == 1 {
		return period.Label(years[0].Period)
	}
	return period.Label(years[0].Period) + " to " + period.Label(years[len(years)-1].Period)
}

// listSep is what goes before the i-th of n items in a British list: ""
// first, " and " before the last, sep otherwise. Semicolons keep each item
// with its own number when items carry one ("harassment, 21; ...").
func listSep(i, n int, sep string) string {
	switch {
	case i == 0:
		return ""
	case i == n-1 && sep == "; ":
		return "; and "
	case i == n-1:
		return " and "
	}
	return sep
}

// between writes a span for "between … and …": "2021/22 and 2023/24".
func between(p foiwire.Period) string {
	from, to, ok := strings.Cut(period.Label(p), " to ")
	if !ok {
		return period.Label(p) + " and " + period.Label(p)
	}
	return from + " and " + to
}

// lowerFirst puts an offence name in lower case for a sentence: its first
// letter, or every word's when the force wrote it in title case
// ("Malicious Communications"). Acronyms ("ABH") are left alone.
func lowerFirst(s string) string {
	words := strings.Fields(s)
	title := len(words) > 1
	for _, w := range words {
		if len(w) > 3 && !isUpper(w[0]) {
			title = false
		}
	}
	for i, w := range words {
		if (i == 0 || title) && len(w) > 1 && isUpper(w[0]) && !isUpper(w[1]) {
			words[i] = string(w[0]+'a'-'A') + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
