package story

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/period"
)

// Data is what a template sees as its dot for one force: the force, and its
// facts arranged for copy. Anything the force's facts do not give is nil or
// empty, and the template's conditions keep it from being used.
type Data struct {
	Force  foiwire.Authority
	Topic  string // "TikTok"
	Sender foiwire.Sender

	Years                   []Count // yearly counts, oldest first
	First, Previous, Latest *Count
	PartYear                bool // the latest year is not complete
	Total                   *Total
	Change                  *Change // first year to latest
	YearChange              *Change // previous year to latest
	// High is "three-year high" when the latest year is above every other.
	High string

	OffenceYear string // "2023/24"
	Offences    []Item // that year's offences, largest first
	OutcomeYear string
	Outcomes    []Item // outcome groups, largest first
	// OutcomeCounts are the outcomes as the force listed them, largest first.
	OutcomeCounts []Item
	Charges       *Charges

	National National
	Quotes   []foiwire.Quote

	vars map[string]float64
}

// Count is one year's count.
type Count struct {
	Year  string // "2021/22"
	Value int64
	Rank  *Rank
	Fact  string // the count's fact id
	start foiwire.Date
}

// Total is the count over all the years.
type Total struct {
	Value  int64
	From   string // "2021/22"
	To     string // "2023/24"
	Span   string // "2021/22 to 2023/24"
	Stated bool   // the reply's own total, not a sum of years
	Rank   *Rank
	Fact   string // the total's fact id
	// Of is how many forces a national total covers.
	Of int
}

// Change is a move between two years.
type Change struct {
	Pct      float64 // signed
	Words    string  // "rose", "nearly doubled", "unchanged"
	From, To Count
	Fact     string // the change's fact id
}

// Item is one offence or outcome group.
type Item struct {
	Name  string // for copy: "stalking"
	Label string // the force's own words
	Value int64
	// Share is the part of the year's count, 0..1; HasShare is false when the
	// year's count is unknown.
	Share    float64
	HasShare bool
	Rank     *Rank
	// Fact and ShareFact are the ids of the item's count and share facts.
	Fact, ShareFact string
}

// Charges is the charge/summons count of a year.
type Charges struct {
	Year  string
	Value int64
	// Rate is charges over the year's offences (or, when those are unknown,
	// over the outcomes listed); HasRate is false when neither is known.
	Rate    float64
	HasRate bool
	Rank    *Rank
	// Fact and RateFact are the ids of the charge count and rate facts.
	Fact, RateFact string
	// Offences is the year's count, when the force gave one.
	Offences *Count
}

// Offences names an offence item as a plural: "offences of theft", or the
// name alone when it already is one ("crimes against society", "other
// sexual offences").
func (it Item) Offences() string {
	name := mark(it.Fact, "label", it.Name)
	for _, w := range strings.Fields(it.Name) {
		if w == "offences" || w == "crimes" {
			return name
		}
	}
	return "offences of " + name
}

// Named is the item's name for copy, linked to its fact.
func (it Item) Named() string { return mark(it.Fact, "label", it.Name) }

// Rank is a force's place among the forces that gave a figure.
type Rank struct {
	Place int
	Of    int
	Words string // "highest", "joint highest", "tied", "lowest", ""
}

// Highest reports whether the force is strictly first: "more than any
// other force" may be said.
func (r *Rank) Highest() bool { return r != nil && r.Words == "highest" }

// National holds the facts across forces.
type National struct {
	Answered int // forces that gave any figure
	Asked    int
	Total    *Total  // national total over the span, over those that gave it
	TotalOf  int     // how many forces that total covers
	Change   *Change // like-for-like change over forces that gave both years
	ChangeOf int
}

// varNames are the names a template's conditions may use, with what each
// is: see (Data).fill.
var varNames = []string{
	"years", "first", "latest", "previous", "part_year", "total", "total_stated",
	"change_pct", "year_change_pct", "high", "offences", "top_offence", "top_share",
	"outcome_groups", "charges", "charge_rate", "total_rank", "total_of", "latest_rank", "latest_of",
	"top_offence_rank", "answered", "asked", "national_total", "national_change_pct", "quotes",
	"top_offence_highest", "total_highest", "latest_highest", "outcomes", "evidential_top",
}

func knownVar(s string) bool { return slices.Contains(varNames, s) }

// newData arranges the facts of one force for a template: facts are its
// own and the national facts of its year convention, as analysis.FactsFor
// gives them.
func newData(a foiwire.Authority, c foiwire.Campaign, facts []foiwire.Fact, names *itemNames) *Data {
	d := &Data{Force: a, Topic: c.Topic, Sender: c.Sender, Quotes: c.Quotes}
	ranks := map[string]*Rank{}
	own, nat := splitFacts(facts, a.ID)
	rankPrefix := a.ID + "/rank/"
	for i := range own {
		if f := &own[i]; f.Kind == foiwire.FactRank {
			ranks[strings.TrimPrefix(f.ID, rankPrefix)] = &Rank{Place: int(f.Value), Of: f.Of, Words: f.Words}
		}
	}
	ownPrefix := a.ID + "/"
	rankOf := func(f *foiwire.Fact) *Rank { return ranks[strings.TrimPrefix(f.ID, ownPrefix)] }

	yearCount := map[foiwire.Period]int64{}
	// The facts are gathered as pointers into own: a fact is hundreds of
	// bytes, and a force has hundreds of them.
	var offences, groups, outcomes []*foiwire.Fact
	shares := map[string]float64{}
	shareIDs := map[string]string{}
	rateIDs := map[foiwire.Period]string{}
	var charges []*foiwire.Fact
	chargeRates := map[foiwire.Period]float64{}
	for i := range own {
		f := &own[i]
		switch {
		case f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod:
			d.Years = append(d.Years, Count{Year: period.Label(f.Period), Value: int64(f.Value), Rank: rankOf(f), Fact: f.ID, start: f.Start})
			yearCount[f.Period] = int64(f.Value)
			if slices.Contains(f.Caveats, "part year") {
				d.PartYear = true
			}
		case f.Kind == foiwire.FactTotal && f.Measure == foiwire.MeasurePeriod:
			span := period.Label(f.Period)
			from, to, ok := strings.Cut(span, " to ")
			if !ok {
				from, to = span, span
			}
			d.Total = &Total{
				Value:  int64(f.Value),
				From:   from,
				To:     to,
				Span:   span,
				Stated: strings.HasPrefix(f.Formula, "total as stated"),
				Rank:   rankOf(f),
				Fact:   f.ID,
			}
		case f.Kind == foiwire.FactHigh && f.Value == 1:
			d.High = f.Words
		case f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasureOffence:
			offences = append(offences, f)
		case f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasureOutcome:
			outcomes = append(outcomes, f)
		case f.Kind == foiwire.FactShare && f.Measure == foiwire.MeasureOffence:
			count := strings.Replace(f.ID, "/share/", "/count/", 1)
			shares[count] = f.Value
			shareIDs[count] = f.ID
		case f.Kind == foiwire.FactTotal && f.Measure == foiwire.MeasureOutcome && strings.HasPrefix(f.Category, analysis.OutcomeGroupPrefix):
			groups = append(groups, f)
		case f.Kind == foiwire.FactCharges:
			charges = append(charges, f)
		case f.Kind == foiwire.FactChargeRate:
			chargeRates[f.Period] = f.Value
			rateIDs[f.Period] = f.ID
		}
	}
	slices.SortFunc(d.Years, func(x, y Count) int { return x.start.Time().Compare(y.start.Time()) })
	if n := len(d.Years); n > 0 {
		d.First, d.Latest = &d.Years[0], &d.Years[n-1]
		if n > 1 {
			d.Previous = &d.Years[n-2]
		}
	}
	for i := range own {
		f := &own[i]
		if f.Kind != foiwire.FactChangePct {
			continue
		}
		ch := &Change{Pct: f.Value, Words: f.Words, From: Count{Year: period.Label(f.Base)}, To: Count{Year: period.Label(f.Period)}, Fact: f.ID}
		ch.From.Value, ch.To.Value = yearCount[f.Base], yearCount[f.Period]
		for _, y := range d.Years {
			if y.Year == ch.From.Year {
				ch.From.Fact = y.Fact
			}
			if y.Year == ch.To.Year {
				ch.To.Fact = y.Fact
			}
		}
		if d.First != nil && ch.From.Year == d.First.Year {
			d.Change = ch
		}
		if d.Previous != nil && ch.From.Year == d.Previous.Year {
			d.YearChange = ch
		}
	}
	if cs := latestPeriod(charges); len(cs) > 0 {
		f := cs[0]
		d.Charges = &Charges{Year: period.Label(f.Period), Value: int64(f.Value), Rank: rankOf(f), Fact: f.ID}
		d.Charges.Rate, d.Charges.HasRate = chargeRates[f.Period]
		d.Charges.RateFact = rateIDs[f.Period]
		for i, y := range d.Years {
			if y.Year == d.Charges.Year {
				d.Charges.Offences = &d.Years[i]
			}
		}
	}
	d.Offences, d.OffenceYear = items(latestPeriod(offences), shares, shareIDs, rankOf, names)
	d.Outcomes, d.OutcomeYear = items(latestPeriod(groups), nil, nil, rankOf, names)
	d.OutcomeCounts, _ = items(latestPeriod(outcomes), nil, nil, rankOf, names)
	d.national(nat)
	d.fill()
	return d
}

// splitFacts gives the facts of authority id and the national facts, in
// their order. Facts in Derive's order hold the authority's first, then
// the national ones: the two are then parts of facts, not copies, and
// must not be changed.
func splitFacts(facts []foiwire.Fact, id string) (own, nat []foiwire.Fact) {
	n := 0
	for n < len(facts) && facts[n].Authority == id {
		n++
	}
	split := true
	for i := n; i < len(facts) && split; i++ {
		split = facts[i].Authority == foiwire.National
	}
	if split {
		return facts[:n:n], facts[n:]
	}
	own, nat = nil, nil
	for _, f := range facts {
		switch f.Authority {
		case id:
			own = append(own, f)
		case foiwire.National:
			nat = append(nat, f)
		}
	}
	return own, nat
}

// latestPeriod keeps the facts of the latest period among them, in their
// order, in fs's own array.
func latestPeriod(fs []*foiwire.Fact) []*foiwire.Fact {
	var last foiwire.Date
	for _, f := range fs {
		if f.End.After(last) {
			last = f.End
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if f.End.Equal(last) {
			out = append(out, f)
		}
	}
	return out
}

func items(fs []*foiwire.Fact, shares map[string]float64, shareIDs map[string]string, rankOf func(*foiwire.Fact) *Rank, names *itemNames) ([]Item, string) {
	if len(fs) == 0 {
		return nil, ""
	}
	out := make([]Item, 0, len(fs))
	for _, f := range fs {
		it := Item{Name: names.of(f), Label: f.Label, Value: int64(f.Value), Rank: rankOf(f), Fact: f.ID}
		if s, ok := shares[f.ID]; ok {
			it.Share, it.HasShare, it.ShareFact = s, true, shareIDs[f.ID]
		}
		out = append(out, it)
	}
	slices.SortStableFunc(out, func(x, y Item) int { return cmp.Or(cmp.Compare(y.Value, x.Value), cmp.Compare(x.Name, y.Name)) })
	return out, period.Label(fs[0].Period)
}

func (d *Data) national(nat []foiwire.Fact) {
	if d.Total != nil {
		for i := range nat {
			f := &nat[i]
			if f.Kind == foiwire.FactNationalTotal && f.Measure == foiwire.MeasurePeriod && strings.HasPrefix(strings.TrimPrefix(f.ID, "national/national_total/"), "total/") {
				if d.Total.Span == period.Label(f.Period) && f.Of >= 2 {
					d.National.Total = &Total{Value: int64(f.Value), Span: d.Total.Span, From: d.Total.From, To: d.Total.To, Fact: f.ID, Of: f.Of}
					d.National.TotalOf = f.Of
				}
			}
		}
	}
	for i := range nat {
		switch f := &nat[i]; {
		case f.Kind == foiwire.FactResponders && f.ID == foiwire.National+"/responders/any":
			d.National.Answered, d.National.Asked = int(f.Value), f.Of
		case f.Kind == foiwire.FactChangePct:
			d.National.Change = &Change{Pct: f.Value, Words: f.Words, From: Count{Year: period.Label(f.Base)}, To: Count{Year: period.Label(f.Period)}, Fact: f.ID}
			d.National.ChangeOf = f.Of
		}
	}
}

// fill sets the values conditions test. A name is left out when the force
// has no such fact.
func (d *Data) fill() {
	v := map[string]float64{
		"years":          float64(len(d.Years)),
		"part_year":      b2f(d.PartYear),
		"high":           b2f(d.High != ""),
		"offences":       float64(len(d.Offences)),
		"outcome_groups": float64(len(d.Outcomes)),
		"outcomes":       float64(len(d.OutcomeCounts)),
		"answered":       float64(d.National.Answered),
		"asked":          float64(d.National.Asked),
		"quotes":         float64(len(d.Quotes)),
	}
	if d.First != nil {
		v["first"] = float64(d.First.Value)
	}
	if d.Latest != nil {
		v["latest"] = float64(d.Latest.Value)
		if r := d.Latest.Rank; r != nil {
			v["latest_rank"], v["latest_of"] = float64(r.Place), float64(r.Of)
			v["latest_highest"] = b2f(r.Highest())
		}
	}
	if d.Previous != nil {
		v["previous"] = float64(d.Previous.Value)
	}
	if d.Total != nil {
		v["total"] = float64(d.Total.Value)
		v["total_stated"] = b2f(d.Total.Stated)
		if r := d.Total.Rank; r != nil {
			v["total_rank"], v["total_of"] = float64(r.Place), float64(r.Of)
			v["total_highest"] = b2f(r.Highest())
		}
	}
	if d.Change != nil {
		v["change_pct"] = d.Change.Pct
	}
	if d.YearChange != nil {
		v["year_change_pct"] = d.YearChange.Pct
	}
	if len(d.Offences) > 0 {
		top := d.Offences[0]
		v["top_offence"] = float64(top.Value)
		if top.HasShare {
			v["top_share"] = top.Share
		}
		if top.Rank != nil {
			v["top_offence_rank"] = float64(top.Rank.Place)
			v["top_offence_highest"] = b2f(top.Rank.Highest())
		}
	}
	if len(d.Outcomes) > 0 {
		v["evidential_top"] = b2f(evidentialTop(d.Outcomes))
	}
	if d.Charges != nil {
		v["charges"] = float64(d.Charges.Value)
		if d.Charges.HasRate {
			v["charge_rate"] = d.Charges.Rate
		}
	}
	if d.National.Total != nil {
		v["national_total"] = float64(d.National.Total.Value)
	}
	if d.National.Change != nil {
		v["national_change_pct"] = d.National.Change.Pct
	}
	for k, x := range v {
		if math.IsNaN(x) {
			delete(v, k)
		}
	}
	d.vars = v
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// evidentialTop reports whether the Home Office's evidential-difficulties
// groups together outnumber every other outcome group: copy may then say
// evidential difficulties were the most common reason cases went no further.
func evidentialTop(groups []Item) bool {
	var ev int64
	var other int64
	for _, g := range groups {
		if isEvidential(g) {
			ev += g.Value
		} else {
			other = max(other, g.Value)
		}
	}
	return ev > 0 && ev > other
}
