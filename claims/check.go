package claims

import (
	"fmt"
	"github.com/foiwire/foiwire/analysis"
	"math"
	"strings"

	"github.com/foiwire/foiwire"
)

// The named warnings a check can carry. Each warning in Check.Warnings
// starts with one of them, followed by a colon and the particulars.
const (
	WarnCalendarYear   = "calendar year printed for a financial year"
	WarnSoFar          = "'so far' for a period that had ended"
	WarnMajority       = "'majority' for under half"
	WarnWrongForce     = "figure attributed to the wrong force"
	WarnMisleading     = "true but misleading"
	WarnPartsOverWhole = "parts add to more than the whole"
	WarnSameFigure     = "same figure given for two periods"
)

// CheckText extracts the claims of an article and checks them against the
// facts. It never fails: an article with no claims gives no checks.
func CheckText(text string, facts []foiwire.Fact, opt Options) []foiwire.Check {
	return Check(Extract(text, opt), facts, opt)
}

// Check gives each claim a verdict against the facts: supported,
// contradicted (with the figure the data gives) or unsupported (no fact
// speaks to it), a reason a journalist can act on, and named warnings.
// Claims of kind other_number are returned unsupported and unchecked. The
// claims are taken to come from one article, so figures that contradict
// each other across sentences are warned about too.
func Check(cs []foiwire.Claim, facts []foiwire.Fact, opt Options) []foiwire.Check {
	return NewChecker(facts, opt).Check(cs)
}

// Checker checks claims against one set of facts with one set of Options.
// Checking several articles' claims with one Checker indexes the facts
// once. A Checker is not safe for use by several goroutines at once.
type Checker struct{ ix *index }

// NewChecker indexes facts for checking claims with opt.
func NewChecker(facts []foiwire.Fact, opt Options) *Checker {
	return &Checker{newIndex(facts, opt)}
}

// Check is the package's Check of the claims of one article against the
// Checker's facts.
func (k *Checker) Check(cs []foiwire.Claim) []foiwire.Check {
	ix := k.ix
	out := make([]foiwire.Check, len(cs))
	for i, c := range cs {
		out[i] = ix.check(c)
	}
	ix.partsOverWhole(out)
	sameFigure(out, ix)
	return out
}

// index holds the facts by authority, with what checking needs to know
// about the campaign: its periods, how many authorities it asked.
type index struct {
	byAuth map[string][]*foiwire.Fact
	years  map[string][]foiwire.Period // each authority's own years
	opt    Options
	cal    calendarOf
	asked  int
	// words memoises concepts: one article's claims are weighed against
	// the same fact labels again and again.
	words     map[string][]string
	sentences map[string]sentenceWhens
	// values holds, by authority, the facts valueFacts weighs, found once
	// per index: every claim is weighed against the same ones.
	values map[string][]valueFact
}

// valueFact is a fact a figure may be weighed against, with the concept
// words of its label once they are needed.
type valueFact struct {
	f        *foiwire.Fact
	concepts []string
	known    bool // concepts is worked out
}

// valueCandidates returns the facts of auth that valueFacts weighs: counts,
// totals and charges, without the outcome groups' sums, in index order.
func (ix *index) valueCandidates(auth string) []valueFact {
	if vs, ok := ix.values[auth]; ok {
		return vs
	}
	var vs []valueFact
	for _, f := range ix.byAuth[auth] {
		switch f.Kind {
		case foiwire.FactCount, foiwire.FactTotal, foiwire.FactCharges, foiwire.FactNationalTotal:
		default:
			continue
		}
		if strings.HasPrefix(f.Category, analysis.OutcomeGroupPrefix) {
			continue // an outcome group's sum repeats the counts it adds
		}
		vs = append(vs, valueFact{f: f})
	}
	if ix.values == nil {
		ix.values = map[string][]valueFact{}
	}
	ix.values[auth] = vs
	return vs
}

// labelConcepts is ix.concepts(v.f.Label), looked up once per fact.
func (ix *index) labelConcepts(v *valueFact) []string {
	if !v.known {
		v.concepts, v.known = ix.concepts(v.f.Label), true
	}
	return v.concepts
}

// concepts is concepts(s), worked out once per index. The slice returned
// is shared: callers must not change it.
func (ix *index) concepts(s string) []string {
	if ix.opt.Words != nil {
		return ix.opt.Words.of(s)
	}
	if cs, ok := ix.words[s]; ok {
		return cs
	}
	cs := concepts(s)
	if ix.words == nil {
		ix.words = map[string][]string{}
	}
	ix.words[s] = cs
	return cs
}

func newIndex(facts []foiwire.Fact, opt Options) *index {
	ix := &index{byAuth: map[string][]*foiwire.Fact{}, years: map[string][]foiwire.Period{}, opt: opt, cal: calendarOf{periods: opt.Periods, published: opt.Published}}
	for i := range facts {
		f := &facts[i]
		ix.byAuth[f.Authority] = append(ix.byAuth[f.Authority], f)
		if f.Kind == foiwire.FactResponders && f.Of > ix.asked {
			ix.asked = f.Of
		}
	}
	if ix.asked == 0 {
		ix.asked = len(opt.registry().All())
	}
	for auth := range ix.byAuth {
		if auth != foiwire.National {
			ix.years[auth] = analysis.Years(facts, auth)
		}
	}
	if len(ix.cal.periods) == 0 {
		ix.cal.periods = PeriodsOf(facts)
	}
	return ix
}

// PeriodsOf returns the one-year periods the facts count, in order, for
// checks run without the campaign's list: the years of the convention most
// forces count in, so one force's 6 April years do not move everyone's.
func PeriodsOf(facts []foiwire.Fact) []foiwire.Period {
	return analysis.CommonYears(facts)
}

// own maps a period printed in an article to the authority's own year
// convention (a force whose 2021/22 runs 6 April to 5 April).
func (ix *index) own(auth string, p foiwire.Period) foiwire.Period {
	return analysis.OwnPeriod(ix.years[auth], p)
}

func (ix *index) name(id string) string {
	if id == foiwire.National {
		return "England and Wales"
	}
	if a, ok := ix.opt.registry().ByID(id); ok {
		return a.Name
	}
	if id == "" {
		return "no named authority"
	}
	return id
}

func (ix *index) check(c foiwire.Claim) foiwire.Check {
	k := foiwire.Check{Claim: c, Verdict: foiwire.Unsupported}
	if c.Kind == foiwire.ClaimOther {
		k.Reason = "a year, date, age, time or site detail, not a figure from the data: not checked"
		return k
	}
	if c.Authority == "" {
		k.Reason = "the article does not say which force this is about"
		return k
	}
	c.Period = ix.own(c.Authority, c.Period)
	k.Claim = c
	switch c.Kind {
	case foiwire.ClaimCount, foiwire.ClaimTotal, foiwire.ClaimCharges, foiwire.ClaimNationalTotal:
		ix.checkValue(&k)
	case foiwire.ClaimChangePct, foiwire.ClaimRatioWord:
		ix.checkChange(&k)
	case foiwire.ClaimShare:
		ix.checkShare(&k)
	case foiwire.ClaimRank:
		ix.checkRank(&k)
	case foiwire.ClaimHigh:
		ix.checkHigh(&k)
	}
	ix.periodWarnings(&k)
	return k
}

// periodWarnings names the period errors of local reprints: "in 2021" for
// 2021/22, and "so far" for a year that had ended before publication.
func (ix *index) periodWarnings(k *foiwire.Check) {
	if k.Period.IsZero() || k.Sentence == "" {
		return
	}
	ts, whens := ix.whens(k.Sentence)
	for _, w := range whens {
		w.period = ix.own(k.Authority, w.period)
		if w.calendar && w.year >= 0 && (w.period == k.Period || w.period.End == k.End && k.Kind != foiwire.ClaimChangePct) {
			k.Warnings = append(k.Warnings, fmt.Sprintf("%s: %q stands for %s", WarnCalendarYear, ts[w.year].text, ix.cal.label(w.period)))
			break
		}
	}
	if ix.opt.Published.IsZero() || !k.End.Before(ix.opt.Published) {
		return
	}
	switch k.Kind {
	case foiwire.ClaimCount, foiwire.ClaimTotal, foiwire.ClaimCharges:
	default:
		return
	}
	for _, w := range whens {
		if w.soFar && ix.own(k.Authority, w.period) == k.Period {
			k.Warnings = append(k.Warnings, fmt.Sprintf("%s: %s ended on %s, before the article's date (%s), so its figure is complete", WarnSoFar, ix.cal.label(k.Period), k.End, ix.opt.Published))
			break
		}
	}
}

// sentenceWhens are a sentence's tokens and the periods it names.
type sentenceWhens struct {
	ts    []token
	whens []when
}

// whens tokenizes a sentence and finds the periods it names, once per
// sentence: every claim of a sentence asks. Callers must not change what
// it returns.
func (ix *index) whens(sentence string) ([]token, []when) {
	if sw, ok := ix.sentences[sentence]; ok {
		return sw.ts, sw.whens
	}
	ts := tokenize(sentence, span{0, len(sentence)})
	whens, _ := findWhens(ts, ix.cal, foiwire.Period{})
	if ix.sentences == nil {
		ix.sentences = map[string]sentenceWhens{}
	}
	ix.sentences[sentence] = sentenceWhens{ts, whens}
	return ts, whens
}

// what names what a fact counts, for reasons.
func what(f *foiwire.Fact) string {
	switch {
	case f.Kind == foiwire.FactCharges:
		return "charges or summonses"
	case f.Label != "" && f.Measure != foiwire.MeasurePeriod:
		return fmt.Sprintf("%q", f.Label)
	case f.Measure == foiwire.MeasureOutcome:
		return "outcomes"
	}
	return "offences"
}

func (ix *index) valueFacts(auth string, c foiwire.Claim) (all, matched []*foiwire.Fact) {
	cc := ix.concepts(c.Category)
	want := ix.own(auth, c.Period)
	best := 0.0
	vs := ix.valueCandidates(auth)
	for i := range vs {
		v := &vs[i]
		f := v.f
		var score float64
		switch {
		case c.Kind == foiwire.ClaimCharges:
			if f.Kind != foiwire.FactCharges && !(f.Measure == foiwire.MeasureOutcome && f.Kind == foiwire.FactCount && contains(ix.labelConcepts(v), "charge")) {
				continue
			}
			score = 1
		case len(cc) == 0:
			if f.Measure != foiwire.MeasurePeriod {
				continue
			}
			score = 1
		default:
			if f.Measure == foiwire.MeasurePeriod || f.Kind == foiwire.FactCharges || f.Label == "" {
				continue
			}
			score = similarity(cc, ix.labelConcepts(v))
			if f.Category != "" && strings.EqualFold(f.Category, c.Category) {
				score = 1
			}
			if score < 0.3 {
				continue
			}
		}
		all = append(all, f)
		if !c.Period.IsZero() && f.Period != want {
			continue
		}
		switch {
		case score > best+1e-9:
			best = score
			matched = append(matched[:0], f)
		case math.Abs(score-best) <= 1e-9:
			matched = append(matched, f)
		}
	}
	return all, matched
}

func (ix *index) checkValue(k *foiwire.Check) {
	c := k.Claim
	v := *c.Value
	if c.Authority == foiwire.National {
		ix.checkNational(k)
		return
	}
	all, matched := ix.valueFacts(c.Authority, c)
	if len(matched) > 0 {
		var closest *foiwire.Fact
		for _, f := range matched {
			if ok, mislead := agrees(c, f.Value); ok {
				ix.support(k, f, fmt.Sprintf("the data gives %s %s for %s in %s", formatNumber(f.Value), what(f), ix.name(c.Authority), ix.cal.label(f.Period)))
				if mislead {
					k.Warnings = append(k.Warnings, fmt.Sprintf("%s: %q is far from %s", WarnMisleading, c.Text, formatNumber(f.Value)))
				}
				return
			}
			if closest == nil || math.Abs(f.Value-v) < math.Abs(closest.Value-v) {
				closest = f
			}
		}
		if len(matched) > 1 && c.Period.IsZero() {
			var alts []string
			for _, f := range matched {
				alts = append(alts, fmt.Sprintf("%s in %s", formatNumber(f.Value), ix.cal.label(f.Period)))
			}
			ix.contradict(k, closest, fmt.Sprintf("the article gives no period, and the data gives %s for %s %s, never %s", what(closest), ix.name(c.Authority), strings.Join(alts, ", "), c.Text))
			return
		}
		ix.contradict(k, closest, fmt.Sprintf("the data gives %s %s for %s in %s, not %s (%s)", formatNumber(closest.Value), what(closest), ix.name(c.Authority), ix.cal.label(closest.Period), c.Text, howFar(v, closest.Value)))
		return
	}
	if f := ix.elsewhere(c); f != nil {
		k.Verdict = foiwire.Contradicted
		k.Expected = nil
		k.Fact = f.ID
		named := ix.name(c.Authority)
		k.Reason = fmt.Sprintf("the data gives %s %s for %s in %s; the article attributes it to %s, which has no such figure", formatNumber(f.Value), what(f), ix.name(f.Authority), ix.cal.label(f.Period), named)
		k.Warnings = append(k.Warnings, fmt.Sprintf("%s: %s's figure is printed as %s's", WarnWrongForce, ix.name(f.Authority), named))
		return
	}
	switch {
	case len(ix.byAuth[c.Authority]) == 0:
		k.Reason = fmt.Sprintf("the data holds no figures for %s", ix.name(c.Authority))
	case len(all) == 0 && c.Category != "":
		k.Reason = fmt.Sprintf("the data has no figure for %q for %s", c.Category, ix.name(c.Authority))
	case len(all) == 0:
		k.Reason = fmt.Sprintf("the data has no such figure for %s", ix.name(c.Authority))
	default:
		var have []string
		for _, f := range all {
			have = append(have, ix.cal.label(f.Period))
		}
		k.Reason = fmt.Sprintf("the data gives %s for %s only for %s, not for %s", what(all[0]), ix.name(c.Authority), strings.Join(dedupe(have), ", "), ix.cal.label(c.Period))
	}
}

// elsewhere finds the one other force whose figure the claim states exactly,
// when the named force has none of that kind: a figure printed under the
// wrong force's name.
func (ix *index) elsewhere(c foiwire.Claim) *foiwire.Fact {
	if c.Approx != "" {
		return nil
	}
	var found *foiwire.Fact
	for auth := range ix.byAuth {
		if auth == c.Authority || auth == foiwire.National {
			continue
		}
		_, matched := ix.valueFacts(auth, c)
		for _, f := range matched {
			if ok, _ := agrees(c, f.Value); ok && !c.Period.IsZero() {
				if found != nil && found.Authority != f.Authority {
					if f.Authority == ix.opt.Subject {
						found = f
					} else if found.Authority != ix.opt.Subject {
						return nil // two forces could be meant: say nothing
					}
					continue
				}
				found = f
			}
		}
	}
	return found
}

// checkNational judges a national figure. Summed over the forces that
// answered, a national total is only a floor when some did not: it can
// refute a figure below it, never confirm one.
func (ix *index) checkNational(k *foiwire.Check) {
	c := k.Claim
	_, matched := ix.valueFacts(foiwire.National, c)
	if len(matched) == 0 {
		k.Reason = "the data has no national figure for this"
		return
	}
	f := matched[0]
	if f.Of >= ix.asked {
		if ok, mislead := agrees(c, f.Value); ok {
			ix.support(k, f, fmt.Sprintf("the data gives %s %s across all %d forces in %s", formatNumber(f.Value), what(f), f.Of, ix.cal.label(f.Period)))
			if mislead {
				k.Warnings = append(k.Warnings, fmt.Sprintf("%s: %q is far from %s", WarnMisleading, c.Text, formatNumber(f.Value)))
			}
			return
		}
		ix.contradict(k, f, fmt.Sprintf("the data gives %s %s across all %d forces in %s, not %s (%s)", formatNumber(f.Value), what(f), f.Of, ix.cal.label(f.Period), c.Text, howFar(*c.Value, f.Value)))
		return
	}
	v := *c.Value
	floor := fmt.Sprintf("only %d of %d forces gave this figure, and they alone account for %s", f.Of, ix.asked, formatNumber(f.Value))
	switch {
	case c.Approx == "more_than" && f.Value > v:
		ix.support(k, f, floor)
	case (c.Approx == "" || c.Approx == "less_than" || c.Approx == "nearly") && f.Value > v*1.1:
		ix.contradict(k, f, floor+fmt.Sprintf(", more than the %s the article gives", formatNumber(v)))
	default:
		k.Reason = floor + "; the rest did not answer, so a national figure cannot be checked"
	}
}

func (ix *index) support(k *foiwire.Check, f *foiwire.Fact, reason string) {
	k.Verdict = foiwire.Supported
	val := f.Value
	k.Expected = &val
	k.Fact = f.ID
	k.Reason = reason
}

func (ix *index) contradict(k *foiwire.Check, f *foiwire.Fact, reason string) {
	k.Verdict = foiwire.Contradicted
	val := f.Value
	k.Expected = &val
	k.Fact = f.ID
	k.Reason = reason
}

// howFar says how far a printed number is from the data's.
func howFar(printed, actual float64) string {
	d := printed - actual
	word := "higher"
	if d < 0 {
		word, d = "lower", -d
	}
	if actual == 0 {
		return fmt.Sprintf("%s %s", formatNumber(d), word)
	}
	return fmt.Sprintf("%s %s, %s per cent off", formatNumber(d), word, formatNumber(math.Round(d/math.Abs(actual)*1000)/10))
}

// atLeast reports whether a "more than" hedge allows equality ("at least
// 500", "hundreds").
func atLeast(text string) bool {
	t := strings.ToLower(text)
	for _, p := range []string{"at least", "hundreds", "thousands", "dozens", "upwards"} {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// agrees reports whether the data's value a bears out a claim, judging
// hedged wording by its direction, and whether it is far enough off to
// mislead ("more than 14,000" for 140,000).
func agrees(c foiwire.Claim, a float64) (ok, misleading bool) {
	if c.Value == nil {
		return false, false
	}
	v := *c.Value
	switch c.Approx {
	case "more_than":
		if a > v || atLeast(c.Text) && a >= v {
			return true, v > 0 && a > 2*v
		}
		return false, false
	case "less_than":
		if a < v || strings.Contains(strings.ToLower(c.Text), "up to") && a <= v {
			return true, a < v/2
		}
		return false, false
	case "nearly":
		return a <= v && a >= 0.85*v, false
	case "about":
		tol := math.Max(math.Abs(v)*0.1, 0.5)
		return math.Abs(a-v) <= tol, false
	}
	if v != math.Trunc(v) {
		return math.Abs(a-v) < 0.05+1e-9, false
	}
	return a == v, false
}

// agreesPercent judges a printed percentage against the data's: a whole
// number agrees with the value rounded or cut to a whole number.
func agreesPercent(c foiwire.Claim, a float64) (ok, misleading bool) {
	if c.Approx != "" {
		return agrees(c, a)
	}
	v := *c.Value
	if v != math.Trunc(v) {
		return math.Abs(a-v) < 0.05+1e-9, false
	}
	return v == math.Round(a) || v == math.Trunc(a), false
}

func (ix *index) checkChange(k *foiwire.Check) {
	c := k.Claim
	kind := foiwire.FactChangePct
	if c.Kind == foiwire.ClaimRatioWord {
		kind = foiwire.FactRatio
	}
	var cands []*foiwire.Fact
	for _, f := range ix.byAuth[c.Authority] {
		if f.Kind != kind {
			continue
		}
		if !c.Period.IsZero() && (f.Base.Start != c.Start || f.End != c.End) {
			continue
		}
		cands = append(cands, f)
	}
	if len(cands) == 0 {
		if c.Authority == foiwire.National {
			k.Reason = "the data has no national change to compare"
		} else {
			k.Reason = fmt.Sprintf("the data has no yearly figures for %s over %s to work out a change", ix.name(c.Authority), ix.cal.label(c.Period))
		}
		return
	}
	f := cands[0]
	if c.Authority == foiwire.National && f.Of < ix.asked {
		k.Reason = fmt.Sprintf("only %d of %d forces gave figures for both years; their change (%s per cent) is not a national one", f.Of, ix.asked, formatNumber(math.Round(f.Value*10)/10))
		return
	}
	for _, g := range cands {
		ok := false
		if kind == foiwire.FactRatio {
			ok = ratioAgrees(c, g.Value)
		} else {
			ok, _ = agreesPercent(c, g.Value)
		}
		if ok {
			ix.support(k, g, fmt.Sprintf("the data gives %s from %s to %s: %s", describeChange(g), ix.cal.label(g.Base), ix.cal.label(g.Period), g.Formula))
			return
		}
	}
	ix.contradict(k, f, fmt.Sprintf("the data gives %s for %s from %s to %s (%s), not %s", describeChange(f), ix.name(c.Authority), ix.cal.label(f.Base), ix.cal.label(f.Period), f.Formula, c.Text))
}

func describeChange(f *foiwire.Fact) string {
	if f.Kind == foiwire.FactRatio {
		return fmt.Sprintf("%s times the earlier figure", formatNumber(math.Round(f.Value*100)/100))
	}
	return fmt.Sprintf("a change of %s per cent", formatNumber(math.Round(f.Value*10)/10))
}

// ratioAgrees judges "doubled" (2) and the like: within a tenth of the
// multiple, below it for "nearly", above it for "more than".
func ratioAgrees(c foiwire.Claim, a float64) bool {
	v := *c.Value
	switch c.Approx {
	case "nearly":
		return a >= 0.8*v && a <= v
	case "more_than":
		return a > v
	}
	return math.Abs(a/v-1) <= 0.1
}

func isPercentText(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "%") || strings.Contains(s, "per cent") || strings.Contains(s, "percent")
}

func (ix *index) checkShare(k *foiwire.Check) {
	c := k.Claim
	if c.Authority == foiwire.National {
		k.Reason = "the data has no national breakdown to check a share against"
		return
	}
	cc := ix.concepts(c.Category)
	if len(cc) == 0 {
		k.Reason = "the article does not say what the share is of"
		return
	}
	var best *foiwire.Fact
	score := 0.0
	for _, f := range ix.byAuth[c.Authority] {
		if f.Kind != foiwire.FactShare || !c.Period.IsZero() && f.Period != c.Period {
			continue
		}
		if s := similarity(cc, ix.concepts(f.Label)); s >= 0.3 && s > score {
			best, score = f, s
		}
	}
	if best == nil {
		k.Reason = fmt.Sprintf("the data has no share of %q for %s", c.Category, ix.name(c.Authority))
		return
	}
	a := best.Value
	pct := isPercentText(c.Text)
	ok := false
	switch {
	case pct:
		ok, _ = agreesPercent(c, a*100)
	case c.Approx == "more_than" || c.Approx == "less_than":
		ok, _ = agrees(c, a)
	case c.Approx == "about":
		ok = math.Abs(a-*c.Value) <= 0.05
	default:
		ok = math.Abs(a-*c.Value) <= 0.03
	}
	share := fmt.Sprintf("%s per cent", formatNumber(math.Round(a*1000)/10))
	if ok {
		ix.support(k, best, fmt.Sprintf("the data gives %s of %s's offences in %s as %q (%s)", share, ix.name(c.Authority), ix.cal.label(best.Period), best.Label, best.Formula))
		return
	}
	ix.contradict(k, best, fmt.Sprintf("the data gives %s, not %s: %q is %s of %s's offences in %s", share, c.Text, best.Label, best.Formula, ix.name(c.Authority), ix.cal.label(best.Period)))
	if strings.Contains(strings.ToLower(c.Text), "majority") && a <= 0.5 {
		k.Warnings = append(k.Warnings, fmt.Sprintf("%s: %s is not a majority", WarnMajority, share))
	}
}

func (ix *index) checkHigh(k *foiwire.Check) {
	c := k.Claim
	for _, f := range ix.byAuth[c.Authority] {
		if f.Kind != foiwire.FactHigh || f.Period != c.Period {
			continue
		}
		years := 0
		for _, p := range ix.cal.periods {
			if !p.Start.Before(f.Base.Start) && !p.End.After(f.End) {
				years++
			}
		}
		if n, ok := leadingNumber(strings.TrimPrefix(strings.ToLower(c.Text), "a ")); ok && int(n) > years {
			k.Reason = fmt.Sprintf("the data covers %d years for %s, fewer than the article's %q", years, ix.name(c.Authority), c.Text)
			return
		}
		if f.Value == 1 {
			ix.support(k, f, fmt.Sprintf("the data gives %s its highest figure of the %d years in %s (%s)", ix.name(c.Authority), years, ix.cal.label(f.Period), f.Formula))
			return
		}
		ix.contradict(k, f, fmt.Sprintf("%s's figure for %s is not above every earlier year (%s)", ix.name(c.Authority), ix.cal.label(f.Period), f.Formula))
		return
	}
	k.Reason = fmt.Sprintf("the data has no yearly series for %s to find a high in", ix.name(c.Authority))
}

// evidential reports whether an outcome is one of the Home Office's
// "evidential difficulties" outcomes (14, 15 and 16), by code or wording.
func evidential(f *foiwire.Fact) bool {
	switch strings.ToUpper(f.Category) {
	case "HO14", "HO15", "HO16":
		return true
	}
	cs := concepts(f.Label)
	return contains(cs, "evidential") || contains(cs, "victimnosupport")
}

func (ix *index) checkRank(k *foiwire.Check) {
	c := k.Claim
	low := strings.ToLower(c.Text)
	if strings.Contains(low, "among the top") {
		k.Reason = "'among the top' names no place in a ranking to check"
		return
	}
	if isOutcome(ix.concepts(c.Category)) || strings.Contains(low, "cited") || strings.Contains(low, "reason") {
		ix.checkTopOutcome(k)
		return
	}
	if c.Authority == foiwire.National {
		k.Reason = "a national ranking cannot be checked against one campaign's figures"
		return
	}
	cc := ix.concepts(c.Category)
	var best *foiwire.Fact
	score := 0.0
	for _, f := range ix.byAuth[c.Authority] {
		if f.Kind != foiwire.FactRank || !c.Period.IsZero() && f.Period != c.Period && len(cc) > 0 {
			continue
		}
		s := 1.0
		if len(cc) > 0 {
			s = similarity(cc, ix.concepts(f.Label))
		} else if f.Measure != foiwire.MeasurePeriod || f.Period != c.Period {
			continue
		}
		if s >= 0.3 && s > score {
			best, score = f, s
		}
	}
	if best == nil {
		k.Reason = fmt.Sprintf("no other force's figure for %s is in the data, so %s cannot be ranked", orAll(c.Category), ix.name(c.Authority))
		return
	}
	want := 1.0
	if strings.Contains(low, "lowest") {
		want = float64(best.Of)
	}
	if best.Value != want {
		ix.contradict(k, best, fmt.Sprintf("the data ranks %s %s of the %d forces that gave %s", ix.name(c.Authority), ordinal(int(best.Value)), best.Of, orAll(c.Category)))
		return
	}
	if best.Of >= ix.asked {
		ix.support(k, best, fmt.Sprintf("the data ranks %s %s of all %d forces", ix.name(c.Authority), ordinal(int(best.Value)), best.Of))
		return
	}
	k.Expected = &best.Value
	k.Fact = best.ID
	k.Reason = fmt.Sprintf("%s is %s of the %d forces that gave the figure, but %d of %d did not, so a ranking of every force cannot be checked", ix.name(c.Authority), ordinal(int(best.Value)), best.Of, ix.asked-best.Of, ix.asked)
}

func orAll(category string) string {
	if category == "" {
		return "offences"
	}
	return fmt.Sprintf("%q", category)
}

func ordinal(n int) string {
	suf := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suf = "st"
	case n%10 == 2:
		suf = "nd"
	case n%10 == 3:
		suf = "rd"
	}
	return fmt.Sprintf("%d%s", n, suf)
}

// checkTopOutcome judges "most commonly cited 'evidential difficulties'":
// the outcomes in the named group, added up, must outnumber every other
// single outcome the force gave.
func (ix *index) checkTopOutcome(k *foiwire.Check) {
	c := k.Claim
	if c.Authority == foiwire.National {
		k.Reason = "the data has no national outcome figures complete enough to say what is most common"
		return
	}
	cc := ix.concepts(c.Category)
	group := contains(cc, "evidential")
	period := c.Period
	if period.IsZero() {
		period = ix.cal.latest()
	}
	var in, out []*foiwire.Fact
	for _, f := range ix.byAuth[c.Authority] {
		if f.Kind != foiwire.FactCount || f.Measure != foiwire.MeasureOutcome || f.Period != period {
			continue
		}
		if group && evidential(f) || !group && similarity(cc, ix.concepts(f.Label)) >= 0.3 {
			in = append(in, f)
		} else {
			out = append(out, f)
		}
	}
	if len(in) == 0 {
		k.Reason = fmt.Sprintf("the data has no outcome like %q for %s in %s", c.Category, ix.name(c.Authority), ix.cal.label(period))
		return
	}
	sum := 0.0
	var parts []string
	for _, f := range in {
		sum += f.Value
		parts = append(parts, fmt.Sprintf("%q %s", f.Label, formatNumber(f.Value)))
	}
	var top *foiwire.Fact
	for _, f := range out {
		if top == nil || f.Value > top.Value {
			top = f
		}
	}
	label := c.Category
	if top == nil || sum > top.Value {
		k.Verdict = foiwire.Supported
		k.Expected = &sum
		k.Fact = in[0].ID
		k.Reason = fmt.Sprintf("the data gives %s outcomes for %s in %s (%s), more than any other outcome", formatNumber(sum), label, ix.cal.label(period), strings.Join(parts, ", "))
		return
	}
	k.Verdict = foiwire.Contradicted
	v := top.Value
	k.Expected = &v
	k.Fact = top.ID
	k.Reason = fmt.Sprintf("the data gives %s %q outcomes for %s in %s, more than the %s for %s (%s)", formatNumber(top.Value), top.Label, ix.name(c.Authority), ix.cal.label(period), formatNumber(sum), label, strings.Join(parts, ", "))
}

func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
