package analysis

import (
	"cmp"
	"slices"
	"time"

	"github.com/foiwire/foiwire"
)

// Convention is the day a force's years start on: 1 April for most police
// forces, 6 April for a few that count in tax years, 1 January for calendar
// years.
type Convention struct {
	Month time.Month
	Day   int
}

// ConventionOf returns the convention of a year starting on p's first day.
func ConventionOf(p foiwire.Period) Convention {
	return Convention{p.Start.Month(), p.Start.Day()}
}

// isYear reports whether p is one year long, give or take the slack of
// replies that run 6 April to 5 April inclusive.
func isYear(p foiwire.Period) bool { return p.Days() >= 300 && p.Days() <= maxYearDays }

// Years returns the yearly periods an authority's facts count, oldest
// first: its own year convention. It returns nil for an authority that gave
// no yearly count.
func Years(facts []foiwire.Fact, id string) []foiwire.Period {
	var out []foiwire.Period
	for i := range facts {
		if f := &facts[i]; f.Authority == id && f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod && isYear(f.Period) && !slices.Contains(out, f.Period) {
			out = append(out, f.Period)
		}
	}
	slices.SortFunc(out, func(a, b foiwire.Period) int { return a.Start.Time().Compare(b.Start.Time()) })
	return out
}

// CommonYears returns the yearly periods of the convention most
// authorities count in, oldest first, so that "2021/22" in an article
// means what most forces mean by it. Ties go to the earlier start day. It
// returns nil when no authority gave a yearly count.
func CommonYears(facts []foiwire.Fact) []foiwire.Period {
	forces := map[Convention]map[string]bool{}
	years := map[Convention][]foiwire.Period{}
	for _, f := range facts {
		if f.Authority == foiwire.National || f.Kind != foiwire.FactCount || f.Measure != foiwire.MeasurePeriod || !isYear(f.Period) {
			continue
		}
		c := ConventionOf(f.Period)
		if forces[c] == nil {
			forces[c] = map[string]bool{}
		}
		forces[c][f.Authority] = true
		if !slices.Contains(years[c], f.Period) {
			years[c] = append(years[c], f.Period)
		}
	}
	var best Convention
	found := false
	for c := range forces {
		if !found || len(forces[c]) > len(forces[best]) || len(forces[c]) == len(forces[best]) && before(c, best) {
			best, found = c, true
		}
	}
	out := years[best]
	slices.SortFunc(out, func(a, b foiwire.Period) int { return a.Start.Time().Compare(b.Start.Time()) })
	return out
}

func before(a, b Convention) bool {
	return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day)) < 0
}

// slack is how far apart two conventions' year boundaries may lie and
// still name the same years: 1 April and 6 April.
const slack = 31

func near(a, b foiwire.Date) bool {
	d := a.DaysUntil(b)
	return d >= -slack && d <= slack
}

// OwnPeriod maps a period to an authority's own year convention: p itself
// when it is one of the authority's years or spans, otherwise the
// authority's years that start and end within a month of p's start and end
// (its "2021/22" for the common 2021/22, its "2021/22 to 2023/24" for the
// common span). It returns p unchanged when own holds no such years. This
// is the one place a period printed in an article or a story becomes the
// period a force counted: facts, the story's self-check, the claim checker
// and the web app all go through it.
func OwnPeriod(own []foiwire.Period, p foiwire.Period) foiwire.Period {
	if p.IsZero() || len(own) == 0 {
		return p
	}
	var first, last *foiwire.Period
	for i, y := range own {
		if y.Start == p.Start || first == nil && near(y.Start, p.Start) {
			first = &own[i]
		}
		if y.End == p.End || last == nil && near(y.End, p.End) {
			last = &own[i]
		}
	}
	if first == nil || last == nil || last.End.Before(first.Start) {
		return p
	}
	return foiwire.Period{Start: first.Start, End: last.End}
}

// FactsFor returns an authority's facts and the national facts of its own
// year convention, the facts a story or a check about that authority may
// stand on. National facts summed over other forces' years (1 April years
// for a force that counts from 6 April) are left out: they are not the same
// years, and a national figure is stated only within one convention.
func FactsFor(facts []foiwire.Fact, id string) []foiwire.Fact {
	conv := map[Convention]bool{}
	for i := range facts {
		if f := &facts[i]; f.Authority == id && f.Measure == foiwire.MeasurePeriod && isYearly(*f) {
			conv[ConventionOf(f.Period)] = true
		}
	}
	takes := func(f *foiwire.Fact) bool {
		switch {
		case f.Authority == id:
			return true
		case f.Authority == foiwire.National:
			return len(conv) == 0 || f.Period.IsZero() || !isYearly(*f) || conv[ConventionOf(f.Period)]
		}
		return false
	}
	n := 0
	for i := range facts {
		if takes(&facts[i]) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]foiwire.Fact, 0, n)
	for i := range facts {
		if takes(&facts[i]) {
			out = append(out, facts[i])
		}
	}
	return out
}

// FactIndex finds FactsFor(facts, id) for any authority id with facts of
// its own, having passed over facts once: what a build that writes a
// story for each force needs. It keeps positions, not copies, so the
// facts of all authorities never lie in memory twice at once.
type FactIndex struct {
	facts []foiwire.Fact
	of    map[string][]int32 // each authority's facts, as positions in facts
}

// For returns a copy of FactsFor(facts, id), and whether id has facts of
// its own (if not, it returns nil).
func (x *FactIndex) For(id string) ([]foiwire.Fact, bool) {
	at, ok := x.of[id]
	if !ok {
		return nil, false
	}
	return x.AppendFor(make([]foiwire.Fact, 0, len(at)), id)
}

// AppendFor appends a copy of FactsFor(facts, id) to dst, and reports
// whether id has facts of its own (if not, it returns dst unchanged). A
// caller that builds one authority's story after another can so reuse one
// buffer for them all.
func (x *FactIndex) AppendFor(dst []foiwire.Fact, id string) ([]foiwire.Fact, bool) {
	at, ok := x.of[id]
	if !ok {
		return dst, false
	}
	if cap(dst)-len(dst) < len(at) {
		// A buffer that must grow grows with room to spare, so the next
		// authority's facts, a few more perhaps, need not grow it again.
		dst = slices.Grow(dst, len(at)+len(at)/4)
	}
	for _, j := range at {
		dst = append(dst, x.facts[j])
	}
	return dst, true
}

// IndexByAuthority indexes facts by the authority whose FactsFor each
// belongs to. facts must not change while the index is used.
func IndexByAuthority(facts []foiwire.Fact) *FactIndex {
	// Each authority's year conventions, as FactsFor finds them.
	type own struct {
		n    int
		conv []Convention
	}
	owners := map[string]*own{}
	for i := range facts {
		f := &facts[i]
		if f.Authority == foiwire.National {
			continue
		}
		o := owners[f.Authority]
		if o == nil {
			o = &own{}
			owners[f.Authority] = o
		}
		o.n++
		if f.Measure == foiwire.MeasurePeriod && isYearly(*f) {
			if c := ConventionOf(f.Period); !slices.Contains(o.conv, c) {
				o.conv = append(o.conv, c)
			}
		}
	}
	// Authorities with the same conventions take the same national facts:
	// decide each national fact once per set of conventions.
	type group struct {
		conv []Convention
		ids  []string
		n    int // national facts taken
	}
	var groups []*group
	groupOf := map[string]*group{}
	for id, o := range owners {
		slices.SortFunc(o.conv, func(a, b Convention) int { return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day)) })
		var g *group
		for _, h := range groups {
			if slices.Equal(h.conv, o.conv) {
				g = h
				break
			}
		}
		if g == nil {
			g = &group{conv: o.conv}
			groups = append(groups, g)
		}
		g.ids = append(g.ids, id)
		groupOf[id] = g
	}
	takes := func(g *group, f *foiwire.Fact) bool {
		return len(g.conv) == 0 || f.Period.IsZero() || !isYearly(*f) || slices.Contains(g.conv, ConventionOf(f.Period))
	}
	for i := range facts {
		if f := &facts[i]; f.Authority == foiwire.National {
			for _, g := range groups {
				if takes(g, f) {
					g.n++
				}
			}
		}
	}
	out := make(map[string][]int32, len(owners))
	for id, o := range owners {
		out[id] = make([]int32, 0, o.n+groupOf[id].n)
	}
	for i := range facts {
		f := &facts[i]
		if f.Authority != foiwire.National {
			out[f.Authority] = append(out[f.Authority], int32(i))
			continue
		}
		for _, g := range groups {
			if takes(g, f) {
				for _, id := range g.ids {
					out[id] = append(out[id], int32(i))
				}
			}
		}
	}
	return &FactIndex{facts: facts, of: out}
}

// isYearly reports whether a fact's period is one or more whole years,
// whose start day names a convention.
func isYearly(f foiwire.Fact) bool { return f.Days() >= 300 }
