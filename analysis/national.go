package analysis

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/foiwire/foiwire"
)

// subject is one thing several forces gave a number for: "count/period/
// 2021-04-01..2022-03-31", "count/offence:stalking/…", "charges/…".
type subject struct {
	id    string
	proto foiwire.Fact // the first force's fact, for kind, measure, periods and category
	of    []entry
}

type entry struct {
	auth string
	fact *foiwire.Fact // in the force's facts, which nothing changes meanwhile
}

// subjectKey says which facts of different forces are the same thing: the
// same kind, measure and category over the same periods. A force whose
// years run 6 April to 5 April counts other days than the forces whose
// years start on 1 April, so its 2021/22 is summed and ranked only with
// forces of its own convention.
type subjectKey struct {
	kind         foiwire.FactKind
	measure      foiwire.Measure
	category     string
	period, base foiwire.Period
}

func subjectOf(f *foiwire.Fact) subjectKey {
	return subjectKey{kind: f.Kind, measure: f.Measure, category: f.Category, period: f.Period, base: f.Base}
}

// comparable reports whether facts like f mean the same thing for every
// force, so they can be summed and ranked: counts and totals by period,
// offences and outcomes with a canonical key, outcome groups, charges.
func comparable(f *foiwire.Fact) bool {
	switch f.Kind {
	case foiwire.FactCount:
		return f.Measure == foiwire.MeasurePeriod || f.Category != ""
	case foiwire.FactTotal:
		return f.Measure == foiwire.MeasurePeriod || strings.HasPrefix(f.Category, OutcomeGroupPrefix)
	case foiwire.FactCharges:
		return true
	}
	return false
}

// nationalFacts returns the national totals and responder counts over the
// asked forces that gave each figure and their like-for-like change, and,
// apart, every force's rank among them.
func nationalFacts(forces map[string][]foiwire.Fact, asked int, refused []string) (national, ranked []foiwire.Fact) {
	ids := make([]string, 0, len(forces))
	for id := range forces {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	bySubject := map[subjectKey]*subject{}
	var subjects []*subject
	for _, id := range ids {
		fs := forces[id]
		for i := range fs {
			f := &fs[i]
			if !comparable(f) {
				continue
			}
			sid := strings.TrimPrefix(f.ID, id+"/")
			key := subjectOf(f)
			s, ok := bySubject[key]
			if !ok {
				s = &subject{id: sid, proto: *f}
				bySubject[key] = s
				subjects = append(subjects, s)
			}
			s.of = append(s.of, entry{id, f})
		}
	}
	ofAsked := " of " + strconv.Itoa(asked) + " forces answered"
	answered := func(n int) string { return strconv.Itoa(n) + ofAsked }

	// Both lists are sized at once: they hold thousands of facts, and
	// growing them copies every one several times over.
	nRanks := 0
	for _, s := range subjects {
		if RankAllowed(len(s.of), asked) {
			nRanks += len(s.of)
		}
	}
	out := make([]foiwire.Fact, 0, 1+2*len(subjects)+4)
	ranked = make([]foiwire.Fact, 0, nRanks)
	responders := foiwire.Fact{
		ID:      foiwire.National + "/responders/any",
		Kind:    foiwire.FactResponders,
		Value:   float64(len(ids)),
		Of:      asked,
		Formula: "forces that gave at least one figure",
		Inputs:  ids,
		Caveats: []string{answered(len(ids))},
	}
	if len(refused) > 0 {
		responders.Caveats = append(responders.Caveats, "refused: "+strings.Join(refused, ", "))
	}
	out = append(out, responders)

	for _, s := range subjects {
		var sum float64
		var inputs []string
		for _, e := range s.of {
			sum += e.fact.Value
			inputs = append(inputs, e.fact.ID)
		}
		n := len(s.of)
		p := s.proto
		out = append(out,
			foiwire.Fact{
				ID:        foiwire.National + "/national_total/" + s.id,
				Authority: foiwire.National,
				Kind:      foiwire.FactNationalTotal,
				Measure:   p.Measure,
				Period:    p.Period,
				Base:      p.Base,
				Category:  p.Category,
				Label:     categoryName(p),
				Value:     sum,
				Of:        n,
				Formula:   fmt.Sprintf("sum of %s over the %d forces that gave it", s.id, n),
				Inputs:    inputs,
				Caveats:   []string{answered(n)},
			},
			foiwire.Fact{
				ID:        foiwire.National + "/responders/" + s.id,
				Authority: foiwire.National,
				Kind:      foiwire.FactResponders,
				Measure:   p.Measure,
				Period:    p.Period,
				Base:      p.Base,
				Category:  p.Category,
				Value:     float64(n),
				Of:        asked,
				Formula:   "forces that gave " + s.id,
				Inputs:    inputs,
				Caveats:   []string{answered(n)},
			})
		if RankAllowed(n, asked) {
			ranked = appendRanks(ranked, s, answered(n))
		}
	}
	out = append(out, nationalChanges(subjects, asked)...)
	for i := range out {
		if out[i].Authority == "" {
			out[i].Authority = foiwire.National
		}
	}
	return out, ranked
}

// appendRanks appends the place of each force among those that gave the
// subject: 1 is the most, and equal values share a place ("tied").
// "highest" is said only of a force strictly above every other.
func appendRanks(out []foiwire.Fact, s *subject, caveat string) []foiwire.Fact {
	n := len(s.of)
	among := ", among the " + strconv.Itoa(n) + " that gave " + s.id
	placed := placings(s.of)
	for i, e := range s.of {
		above, same := placed[i].above, placed[i].same
		rank := above + 1
		var words string
		switch {
		case rank == 1 && same == 0:
			words = "highest"
		case rank == 1:
			words = "joint highest"
		case same > 0:
			words = "tied"
		case rank == n:
			words = "lowest"
		}
		cs := []string{caveat}
		if same > 0 {
			cs = append(cs, fmt.Sprintf("tied with %d other force(s)", same))
		}
		out = append(out, foiwire.Fact{
			ID:        e.auth + "/rank/" + strings.TrimPrefix(e.fact.ID, e.auth+"/"),
			Authority: e.auth,
			Kind:      foiwire.FactRank,
			Measure:   e.fact.Measure,
			Period:    e.fact.Period,
			Base:      e.fact.Base,
			Category:  e.fact.Category,
			Label:     e.fact.Label,
			Value:     float64(rank),
			Words:     words,
			Of:        n,
			Formula:   "1 + the number of forces above " + formatV(e.fact.Value) + among,
			Inputs:    slices.Clone(e.fact.Inputs),
			Caveats:   cs,
		})
	}
	return out
}

// formatV writes v as fmt's %v does.
func formatV(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return fmt.Sprint(v)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// placing is how many of a subject's entries are above one entry, and
// how many of other authorities equal it.
type placing struct{ above, same int }

// placings places each entry among the others. Entries in strict
// authority order (as nationalFacts adds them: each authority once, a
// force giving one figure for a subject) whose values are numbers are
// placed from the values sorted, not by comparing every pair; anything
// else is placed pair by pair.
func placings(of []entry) []placing {
	out := make([]placing, len(of))
	vals := make([]float64, len(of))
	pairwise := false
	for i, e := range of {
		vals[i] = e.fact.Value
		pairwise = pairwise || math.IsNaN(vals[i]) || i > 0 && of[i-1].auth >= e.auth
	}
	if pairwise {
		for i, e := range of {
			for _, o := range of {
				switch {
				case o.fact.Value > e.fact.Value:
					out[i].above++
				case o.fact.Value == e.fact.Value && o.auth != e.auth:
					out[i].same++
				}
			}
		}
		return out
	}
	slices.Sort(vals)
	for i, e := range of {
		v := e.fact.Value
		lo, _ := slices.BinarySearch(vals, v)
		hi := lo
		for hi < len(vals) && vals[hi] == v {
			hi++
		}
		out[i] = placing{above: len(vals) - hi, same: hi - lo - 1}
	}
	return out
}

// RankAllowed reports whether a rank among n forces that gave a figure may
// be stated when asked forces were asked: only when at least half of them
// gave it, and at least two. "The highest" among two of 44 forces says
// nothing.
func RankAllowed(n, asked int) bool { return n >= 2 && 2*n >= asked }

// nationalChanges compares the earliest and latest years of each year
// convention over the forces that gave both.
func nationalChanges(subjects []*subject, asked int) []foiwire.Fact {
	byConv := map[Convention][]*subject{}
	var convs []Convention
	for _, s := range subjects {
		if s.proto.Kind == foiwire.FactCount && s.proto.Measure == foiwire.MeasurePeriod {
			c := ConventionOf(s.proto.Period)
			if _, ok := byConv[c]; !ok {
				convs = append(convs, c)
			}
			byConv[c] = append(byConv[c], s)
		}
	}
	var out []foiwire.Fact
	for _, c := range convs {
		if f, ok := nationalChange(byConv[c], asked); ok {
			out = append(out, f)
		}
	}
	return out
}

// nationalChange compares the earliest and latest years over the forces that
// gave both, so a force answering for one year only cannot make a rise.
func nationalChange(years []*subject, asked int) (foiwire.Fact, bool) {
	if len(years) < 2 {
		return foiwire.Fact{}, false
	}
	slices.SortFunc(years, func(a, b *subject) int { return a.proto.Start.Time().Compare(b.proto.Start.Time()) })
	first, last := years[0], years[len(years)-1]
	firstBy := map[string]*foiwire.Fact{}
	for _, e := range first.of {
		firstBy[e.auth] = e.fact
	}
	var a, b int64
	var inputs []string
	for _, e := range last.of {
		f, ok := firstBy[e.auth]
		if !ok {
			continue
		}
		a += int64(f.Value)
		b += int64(e.fact.Value)
		inputs = append(inputs, f.ID, e.fact.ID)
	}
	n := len(inputs) / 2
	if n == 0 || a == 0 {
		return foiwire.Fact{}, false
	}
	return foiwire.Fact{
		ID:        fmt.Sprintf("%s/change_pct/%s..%s", foiwire.National, first.proto.Start, last.proto.End),
		Authority: foiwire.National,
		Kind:      foiwire.FactChangePct,
		Measure:   foiwire.MeasurePeriod,
		Period:    last.proto.Period,
		Base:      first.proto.Period,
		Value:     float64(b-a) / float64(a) * 100,
		Words:     ChangeWords(a, b),
		Of:        n,
		Formula:   fmt.Sprintf("(%d - %d) / %d × 100, over the %d forces that gave both years", b, a, a, n),
		Inputs:    inputs,
		Caveats:   []string{fmt.Sprintf("%d of %d forces answered", n, asked)},
	}, true
}
