package claims

import (
	"regexp"
	"strings"
	"sync"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
)

// Options say what an article is about, so its claims can be read.
type Options struct {
	// Registry names the authorities; nil means authority.Police().
	Registry *authority.Registry
	// Subject is the authority id the article is about; "" finds it from
	// the headline or the first force the article names in full.
	Subject string
	// Published is the article's date, for "this year" and "so far".
	Published foiwire.Date
	// Periods are the campaign's periods in order (2021/22, 2022/23,
	// 2023/24), to resolve "in 2021", "the following year", "this year" and
	// "in the last three years".
	Periods []foiwire.Period
	// Words, when set, keeps the concept words of the labels claims are
	// weighed against, for checks that share it: many stories checked
	// against one campaign's facts weigh the same labels. Nil keeps them
	// for one Check.
	Words *Words
}

// Words keeps the concept words of category wordings, worked out once and
// shared. It is safe for use by several goroutines at once.
type Words struct{ m sync.Map }

// of gives concepts(s), worked out once. The slice returned is shared:
// callers must not change it.
func (w *Words) of(s string) []string {
	if cs, ok := w.m.Load(s); ok {
		return cs.([]string)
	}
	cs := concepts(s)
	w.m.Store(s, cs)
	return cs
}

func (o Options) registry() *authority.Registry {
	if o.Registry != nil {
		return o.Registry
	}
	return authority.Police()
}

// Extract returns the numeric claims of an article, plain text or HTML, in
// the order they appear. Years, dates, ages, times and site boilerplate come
// back as kind other_number, which Check never judges. Offsets point into
// PlainText(text). It never fails: text with no claims gives none.
func Extract(text string, opt Options) []foiwire.Claim {
	text = PlainText(text)
	ms := opt.registry().Find(text)
	x := extractor{text: text, mentions: ms, subject: opt.Subject, cal: calendarOf{periods: opt.Periods, published: opt.Published}}
	if x.subject == "" {
		x.subject = subjectOf(ms)
	}
	var out []foiwire.Claim
	for _, s := range sentences(text) {
		out = append(out, x.sentence(s)...)
	}
	return out
}

// extractor carries what one sentence leaves for the next: the last period
// named ("the following year"), the authority spoken of, the period and
// category of the last claim (for "A further 21 ...", "such offences").
type extractor struct {
	text     string
	mentions []authority.Mention
	subject  string
	cal      calendarOf

	prevPeriod   foiwire.Period
	lastAuth     string
	lastPeriod   foiwire.Period
	lastCategory string
}

// raw is a claim found in a sentence's tokens, before it is tied to an
// authority and a period.
type raw struct {
	first, last int // tokens [first, last)
	value       *float64
	approx      string
	kind        foiwire.ClaimKind
	category    string
	pct         bool
	total       bool // "a total of"
	such        bool // "such offences": the category is the previous one
	when        int  // index of the attached period, -1 when none
}

func (x *extractor) sentence(s span) []foiwire.Claim {
	ts := tokenize(x.text, s)
	if len(ts) == 0 {
		return nil
	}
	sentence := x.text[s.start:s.end]
	whens, prev := findWhens(ts, x.cal, x.prevPeriod)
	x.prevPeriod = prev
	inWhen := make([]bool, len(ts))
	for _, w := range whens {
		for k := w.first; k < w.last; k++ {
			inWhen[k] = true
		}
	}
	boiler := isBoilerplate(sentence)
	var rs []raw
	for i := 0; i < len(ts); {
		if inWhen[i] {
			i++
			continue
		}
		r, n := x.claimAt(ts, i, inWhen, boiler)
		if n == 0 {
			i++
			continue
		}
		rs = append(rs, r)
		i += n
	}
	for k := range rs {
		rs[k].when = attachWhen(rs, k, whens)
		if rs[k].when >= 0 {
			whens[rs[k].when].used = true
		}
	}
	refs := findRefs(ts, x.mentions, x.subject)
	continued := continuation(ts)
	var out []foiwire.Claim
	for _, r := range rs {
		c := foiwire.Claim{
			Text:     x.text[ts[r.first].start:ts[r.last-1].end],
			Sentence: sentence,
			Offset:   ts[r.first].start,
			Value:    r.value,
			Approx:   r.approx,
			Kind:     r.kind,
		}
		if r.kind == foiwire.ClaimOther {
			out = append(out, c)
			continue
		}
		// Authority.
		var rf ref
		ok := false
		if r.kind == foiwire.ClaimRank || r.kind == foiwire.ClaimHigh {
			for _, q := range refs {
				if q.first < r.first {
					rf, ok = q, true
					break
				}
			}
		}
		if !ok {
			rf, ok = nearest(refs, r.first, r.last)
		}
		switch {
		case ok:
			c.Authority, c.AuthorityNamed = rf.id, rf.named
		case x.lastAuth != "":
			c.Authority = x.lastAuth
		default:
			c.Authority = x.subject
		}
		// Period.
		switch {
		case r.when >= 0:
			c.Period = whens[r.when].period
		case continued && !x.lastPeriod.IsZero() && r.kind == foiwire.ClaimCount:
			c.Period = x.lastPeriod
		case r.kind == foiwire.ClaimHigh || r.kind == foiwire.ClaimRank:
			c.Period = x.cal.latest()
		}
		switch r.kind {
		case foiwire.ClaimChangePct, foiwire.ClaimRatioWord:
			if !c.Period.IsZero() && x.cal.single(c.Period) {
				c.Period.Start = x.cal.before(c.Period).Start
			}
		case foiwire.ClaimCount:
			switch {
			case c.Authority == foiwire.National:
				c.Kind = foiwire.ClaimNationalTotal
			case r.category == "" && (r.total || !c.Period.IsZero() && !x.cal.single(c.Period)):
				c.Kind = foiwire.ClaimTotal
			}
		}
		// Category.
		c.Category = r.category
		if c.Category == "" && (r.such || r.kind == foiwire.ClaimRank && strings.Contains(strings.ToLower(c.Text), "any other")) {
			c.Category = x.lastCategory
		}
		if c.Category != "" {
			x.lastCategory = c.Category
		}
		if c.Kind == foiwire.ClaimCount || c.Kind == foiwire.ClaimCharges || c.Kind == foiwire.ClaimTotal {
			x.lastPeriod = c.Period
		}
		x.lastAuth = c.Authority
		out = append(out, c)
	}
	if len(out) == 0 && len(refs) > 0 {
		x.lastAuth = refs[len(refs)-1].id
	}
	// A year no claim uses is still a number in the text: list it, unchecked.
	for _, w := range whens {
		if w.year >= 0 && !w.used {
			v, _ := digits(ts[w.year].low[:4])
			out = append(out, foiwire.Claim{Text: ts[w.year].text, Sentence: sentence, Offset: ts[w.year].start, Value: &v, Kind: foiwire.ClaimOther})
		}
	}
	sortClaims(out)
	return out
}

func sortClaims(cs []foiwire.Claim) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].Offset < cs[j-1].Offset; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// continuation reports whether a sentence carries on the one before ("A
// further 21 ...", "Separately, there were 47 ...", "of those"), so a claim
// with no period of its own takes the previous claim's.
func continuation(ts []token) bool {
	k := 0
	if k < len(ts) && (ts[k].low == "and" || ts[k].low == "but") {
		k++
	}
	if seq(ts, k, "a", "further") || seq(ts, k, "further") || seq(ts, k, "separately") || seq(ts, k, "in", "addition") || seq(ts, k, "also") {
		return true
	}
	for i := range ts {
		if seq(ts, i, "of", "those") || seq(ts, i, "of", "these") || seq(ts, i, "those", "reported") {
			return true
		}
	}
	return false
}

// attachWhen ties claim k to a period of its sentence: one that follows it
// closely ("98 in 2023", "66 the following year") without another claim in
// between, else the nearest before it, else the nearest after it.
func attachWhen(rs []raw, k int, whens []when) int {
	r := rs[k]
	if r.kind == foiwire.ClaimOther {
		return -1
	}
	nextClaim := 1 << 30
	if k+1 < len(rs) {
		nextClaim = rs[k+1].first
	}
	for i, w := range whens {
		if w.first >= r.last && w.first <= r.last+8 && w.first < nextClaim {
			return i
		}
	}
	for i := len(whens) - 1; i >= 0; i-- {
		if whens[i].last <= r.first {
			return i
		}
	}
	for i, w := range whens {
		if w.first >= r.last {
			return i
		}
	}
	return -1
}

var countNouns = map[string]string{
	"offences": "offence", "offence": "offence", "offenses": "offence", "offense": "offence",
	"crimes": "offence", "crime": "offence", "cases": "case", "case": "case",
	"incidents": "case", "incident": "case", "instances": "case", "instance": "case",
	"counts": "offence", "reports": "offence", "report": "offence", "allegations": "offence",
	"complaints": "offence", "charges": "charge", "charge": "charge", "summons": "charge",
	"summonses": "charge", "arrests": "arrest", "arrest": "arrest", "victims": "victim",
	"offenders": "offender", "suspects": "offender", "cautions": "caution", "outcomes": "case",
	"forces": "force", "force": "force", "investigations": "case", "investigation": "case",
}

var (
	timeToken  = regexp.MustCompile(`^(\d+|[a-z]+)-(years?|hours?|minutes?|days?|weeks?|months?)(-olds?)?$`)
	frequency  = regexp.MustCompile(`^(once|twice|thrice|[a-z]+|\d+)-(a|per)-(day|week|month|year)$`)
	timeUnits  = map[string]bool{"year-old": true, "years": true, "year": true, "hours": true, "hour": true, "minutes": true, "days": true, "day": true, "weeks": true, "week": true, "months": true, "month": true, "am": true, "pm": true, "o'clock": true, "seconds": true}
	weekdays   = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}
	changeUp   = map[string]bool{"rise": true, "rose": true, "risen": true, "rising": true, "increase": true, "increased": true, "increasing": true, "up": true, "climbed": true, "climb": true, "soared": true, "soar": true, "jumped": true, "jump": true, "surged": true, "surge": true, "spike": true, "skyrocketing": true, "skyrocketed": true, "grew": true, "growth": true, "higher": true, "hike": true}
	changeDown = map[string]bool{"fell": true, "fall": true, "fallen": true, "falling": true, "drop": true, "dropped": true, "down": true, "decrease": true, "decreased": true, "decline": true, "declined": true, "reduction": true, "lower": true, "cut": true}
)

// approxBefore reads the hedge just before a number ("more than", "nearly",
// "around") and returns it with the number of tokens it takes.
func approxBefore(ts []token, i int) (string, int) {
	type hedge struct {
		words []string
		kind  string
	}
	hedges := []hedge{
		{[]string{"more", "than"}, "more_than"}, {[]string{"in", "excess", "of"}, "more_than"},
		{[]string{"at", "least"}, "more_than"}, {[]string{"upwards", "of"}, "more_than"},
		{[]string{"just", "over"}, "more_than"}, {[]string{"over"}, "more_than"}, {[]string{"above"}, "more_than"},
		{[]string{"just", "under"}, "nearly"}, {[]string{"close", "to"}, "nearly"}, {[]string{"nearly"}, "nearly"}, {[]string{"almost"}, "nearly"},
		{[]string{"fewer", "than"}, "less_than"}, {[]string{"less", "than"}, "less_than"}, {[]string{"up", "to"}, "less_than"},
		{[]string{"under"}, "less_than"}, {[]string{"below"}, "less_than"},
		{[]string{"an", "estimated"}, "about"}, {[]string{"around"}, "about"}, {[]string{"about"}, "about"},
		{[]string{"roughly"}, "about"}, {[]string{"approximately"}, "about"}, {[]string{"some"}, "about"}, {[]string{"circa"}, "about"},
	}
	for _, h := range hedges {
		n := len(h.words)
		if i-n >= 0 && seq(ts, i-n, h.words...) {
			return h.kind, n
		}
	}
	return "", 0
}

// claimAt reads a claim starting at ts[i] and returns it with the number of
// tokens it takes, or 0 tokens when none starts there.
func (x *extractor) claimAt(ts []token, i int, inWhen []bool, boiler bool) (raw, int) {
	t := ts[i]
	other := func(n int) (raw, int) {
		v, ok := digits(t.low)
		r := raw{first: i, last: i + n, kind: foiwire.ClaimOther}
		if ok {
			r.value = &v
		} else if v, m := leadingNumber(t.low); m {
			r.value = &v
		}
		return r, n
	}
	if t.punct {
		return raw{}, 0
	}
	// Ages, durations, times, dates, frequencies: numbers, never claims.
	// Both patterns need a hyphen: a word without one is not worth a
	// regular expression, and most words are without.
	hyphen := strings.IndexByte(t.low, '-') >= 0
	if hyphen && timeToken.MatchString(t.low) {
		if a, _, _ := strings.Cut(t.low, "-"); isNumberWord(a) {
			if !(i+1 < len(ts) && (ts[i+1].low == "high" || ts[i+1].low == "peak" || ts[i+1].low == "low")) {
				return other(1)
			}
		}
	}
	if hyphen && frequency.MatchString(t.low) {
		return other(1)
	}
	if _, ok := monthNames[t.low]; ok && len(t.low) > 3 && i+1 < len(ts) {
		if d, ok := digits(ts[i+1].low); ok && d >= 1 && d <= 31 {
			n := 2
			if i+3 < len(ts) && ts[i+2].low == "," {
				if _, y := yearOf(ts[i+3].low); y {
					n = 4
				}
			}
			first := i
			if i >= 2 && ts[i-1].low == "," && weekdays[ts[i-2].low] {
				first = i - 2
			}
			r, _ := other(n)
			r.first = first
			r.value = nil
			if d, ok := digits(ts[i+1].low); ok {
				r.value = &d
			}
			return r, n
		}
	}
	if _, ok := monthNames[t.low]; ok && i+1 < len(ts) {
		if _, y := yearOf(ts[i+1].low); y {
			r, n := other(2) // a month: "December 2023", "Dec 2023"
			r.value = nil
			return r, n
		}
	}
	if t.low[0] >= '0' && t.low[0] <= '9' && strings.Contains(t.low, ":") {
		return other(1) // a time
	}
	if d, ok := digits(t.low); ok {
		if (len(t.low) >= 4 && t.low[0] == '0') || i > 0 && len(ts[i-1].low) >= 4 && ts[i-1].low[0] == '0' {
			return other(1)
		}
		if i+1 < len(ts) {
			if _, m := monthNames[ts[i+1].low]; m && d >= 1 && d <= 31 {
				n := 2
				if i+2 < len(ts) {
					if _, y := yearOf(ts[i+2].low); y {
						n = 3
					}
				}
				return other(n)
			}
			if timeUnits[ts[i+1].low] || ts[i+1].low == "-year-old" {
				return other(2)
			}
		}
		if i > 0 && (ts[i-1].low == "£" || ts[i-1].low == "$" || ts[i-1].low == "€" || ts[i-1].low == "number") {
			return other(1)
		}
		if i > 1 && ts[i-1].low == "." && ts[i-2].low == "no" {
			return other(1) // "No. 10"
		}
	}
	if strings.Count(t.low, "-") == 2 && len(t.low) == 10 && t.low[0] >= '0' && t.low[0] <= '9' {
		return other(1) // an ISO date
	}
	if boiler {
		if _, ok := digits(t.low); ok {
			return other(1)
		}
		if v, n := wordNumber(ts, i); n > 0 && nounAfter(ts, i+n, inWhen) >= 0 {
			r := raw{first: i, last: i + n, kind: foiwire.ClaimOther, value: &v}
			return r, n
		}
		return raw{}, 0
	}
	if r, n := x.highAt(ts, i); n > 0 {
		return r, n
	}
	if r, n := x.rankAt(ts, i); n > 0 {
		return r, n
	}
	if r, n := ratioAt(ts, i); n > 0 {
		return r, n
	}
	if r, n := x.shareAt(ts, i, inWhen); n > 0 {
		return r, n
	}
	return x.numberAt(ts, i, inWhen)
}

func isNumberWord(s string) bool {
	if _, ok := digits(s); ok {
		return true
	}
	_, ok := smallNumbers[s]
	return ok
}

// leadingNumber reads the number that starts a hyphenated word
// ("11-year-old", "24-hour", "twice-a-week" gives 2).
func leadingNumber(s string) (float64, bool) {
	a, _, _ := strings.Cut(s, "-")
	if v, ok := digits(a); ok {
		return v, true
	}
	if v, ok := smallNumbers[a]; ok {
		return v, true
	}
	switch a {
	case "once":
		return 1, true
	case "twice":
		return 2, true
	case "thrice":
		return 3, true
	}
	return 0, false
}

// highAt reads "a three-year high", "a record high", "the highest level".
func (x *extractor) highAt(ts []token, i int) (raw, int) {
	t := ts[i].low
	if i+1 < len(ts) && (ts[i+1].low == "high" || ts[i+1].low == "peak") {
		if a, b, ok := strings.Cut(t, "-"); ok && b == "year" && isNumberWord(a) || t == "record" || t == "all-time" {
			first := i
			if i > 0 && ts[i-1].low == "a" {
				first = i - 1
			}
			return raw{first: first, last: i + 2, kind: foiwire.ClaimHigh}, i + 2 - first
		}
	}
	if seq(ts, i, "highest", "level") || seq(ts, i, "highest", "ever") || seq(ts, i, "record", "level") {
		return raw{first: i, last: i + 2, kind: foiwire.ClaimHigh}, 2
	}
	return raw{}, 0
}

// rankAt reads "the highest number", "more than any other force", "most
// commonly cited", "the main reason", "among the top".
func (x *extractor) rankAt(ts []token, i int) (raw, int) {
	n := 0
	switch {
	case seq(ts, i, "more", "than", "any", "other"):
		n = 4
		for i+n < len(ts) && n < 7 && !ts[i+n].punct {
			w := ts[i+n].low
			n++
			if w == "force" || w == "forces" || w == "area" {
				break
			}
		}
	case seq(ts, i, "highest", "number") || seq(ts, i, "largest", "number") || seq(ts, i, "lowest", "number"):
		n = 2
	case seq(ts, i, "most", "commonly") || seq(ts, i, "most", "common") || seq(ts, i, "main", "reason") || seq(ts, i, "most", "frequently"):
		n = 2
		if i+2 < len(ts) && (ts[i+2].low == "cited" || ts[i+2].low == "given" || ts[i+2].low == "recorded") {
			n = 3
		}
	case seq(ts, i, "among", "the", "top"):
		n = 3
		if i+3 < len(ts) && countNouns[ts[i+3].low] != "" {
			n = 4
		}
	default:
		return raw{}, 0
	}
	r := raw{first: i, last: i + n, kind: foiwire.ClaimRank}
	if ts[i].low == "among" {
		r.category = rankListBefore(x.text, ts, i)
	} else {
		r.category = quotedIn(x.text, ts)
		if r.category == "" {
			r.category = categoryAfter(x.text, ts, i+n, true)
		}
	}
	return r, n
}

// rankListBefore reads what "among the top" ranks: "Crimes including sexual
// communications with a child and stalking are among the top offences".
func rankListBefore(text string, ts []token, i int) string {
	for k := 0; k < i; k++ {
		if ts[k].low == "including" {
			end := i
			for end > k+1 && (ts[end-1].low == "are" || ts[end-1].low == "were" || ts[end-1].low == "is") {
				end--
			}
			if end > k+1 {
				return text[ts[k+1].start:ts[end-1].end]
			}
		}
	}
	return ""
}

// quotedIn returns the first phrase of a sentence in quotation marks
// ("'evidential difficulties'"), which is how articles name outcomes.
func quotedIn(text string, ts []token) string {
	for k, t := range ts {
		if t.text != "‘" && t.text != "'" && t.text != "“" && t.text != "\"" {
			continue
		}
		for e := k + 1; e < len(ts) && e < k+12; e++ {
			if ts[e].text == "’" || ts[e].text == "'" || ts[e].text == "”" || ts[e].text == "\"" {
				if e > k+1 {
					return text[ts[k+1].start:ts[e-1].end]
				}
				break
			}
		}
	}
	return ""
}

// ratioAt reads "doubled", "trebled", "halved", "tenfold", "25-fold".
func ratioAt(ts []token, i int) (raw, int) {
	w := ts[i].low
	v, ok := ratioWords[w]
	if !ok {
		if a, found := strings.CutSuffix(w, "fold"); found {
			a = strings.TrimSuffix(a, "-")
			if n, isNum := digits(a); isNum {
				v, ok = n, true
			} else if n, isNum := smallNumbers[a]; isNum {
				v, ok = n, true
			}
		}
	}
	if !ok {
		return raw{}, 0
	}
	r := raw{first: i, last: i + 1, kind: foiwire.ClaimRatioWord, value: &v}
	if kind, n := approxBefore(ts, i); n > 0 {
		r.approx, r.first = kind, i-n
	}
	return r, r.last - r.first - (i - r.first)
}

// shareAt reads "the majority", "a third", "around one third", "two thirds",
// "half of", "one in five".
func (x *extractor) shareAt(ts []token, i int, inWhen []bool) (raw, int) {
	w := ts[i].low
	var r raw
	switch {
	case w == "majority" || w == "minority":
		v := 0.5
		r = raw{first: i, last: i + 1, kind: foiwire.ClaimShare, value: &v, approx: "more_than"}
		if w == "minority" {
			r.approx = "less_than"
		}
		for r.first > 0 && (ts[r.first-1].low == "the" || ts[r.first-1].low == "a" || ts[r.first-1].low == "vast" || ts[r.first-1].low == "overwhelming") {
			r.first--
		}
		if seq(ts, i+1, "in", "england", "and", "wales") {
			r.last = i + 5
		}
	default:
		num, n := 0.0, 0
		switch {
		case w == "a" || w == "an":
			num, n = 1, 1
		case w == "half" && seq(ts, i+1, "of"):
			v := 0.5
			r = raw{first: i, last: i + 1, kind: foiwire.ClaimShare, value: &v}
		default:
			num, n = countAt(ts, i)
		}
		if r.value == nil {
			if n == 0 || i+n >= len(ts) {
				return raw{}, 0
			}
			if f, ok := fractions[ts[i+n].low]; ok && (ts[i+n].low != "half" || num == 1) {
				v := num * f
				if ts[i+n].low == "half" {
					v = 0.5
				}
				r = raw{first: i, last: i + n + 1, kind: foiwire.ClaimShare, value: &v}
			} else if ts[i+n].low == "in" && i+n+1 < len(ts) {
				d, m := countAt(ts, i+n+1)
				if m == 0 || d == 0 || inWhen[i+n+1] {
					return raw{}, 0
				}
				v := num / d
				r = raw{first: i, last: i + n + 1 + m, kind: foiwire.ClaimShare, value: &v}
			} else {
				return raw{}, 0
			}
		}
	}
	n := r.last - i
	if kind, k := approxBefore(ts, r.first); k > 0 {
		r.approx, r.first = kind, r.first-k
	}
	r.category = shareCategory(x.text, ts, r.last)
	return r, n
}

// shareCategory reads what a share is of: "the majority of alleged offences
// involved inappropriate communication with a minor", "one third of those
// reported crimes relate to malicious communications".
func shareCategory(text string, ts []token, i int) string {
	links := map[string]bool{"involved": true, "involve": true, "relate": true, "related": true, "were": true, "was": true, "are": true, "concerned": true, "included": true, "involving": true}
	for k := i; k < len(ts) && k < i+10; k++ {
		if ts[k].punct && ts[k].low != "'" {
			return ""
		}
		if links[ts[k].low] {
			k++
			for k < len(ts) && (ts[k].low == "to" || ts[k].low == "for") {
				k++
			}
			return categoryAfter(text, ts, k, true)
		}
	}
	return ""
}

// nounAfter returns the index of the count noun a number counts ("82
// alleged offences", "4 violence with injury offences"), or -1.
func nounAfter(ts []token, i int, inWhen []bool) int {
	for k := i; k < len(ts) && k < i+6; k++ {
		if inWhen[k] {
			return -1
		}
		if ts[k].punct && ts[k].low != "'" && ts[k].low != "\"" {
			return -1
		}
		if _, ok := digits(ts[k].low); ok {
			return -1
		}
		if countNouns[ts[k].low] != "" {
			return k
		}
	}
	return -1
}

// nounBefore returns the index of the nearest count noun before i, for
// numbers that lean on one ("71 offences ..., with 66 the following year";
// "the number of charges ... with only three recorded").
func nounBefore(ts []token, i int) int {
	for k := i - 1; k >= 0; k-- {
		if countNouns[ts[k].low] != "" && countNouns[ts[k].low] != "force" {
			return k
		}
	}
	return -1
}

var recordVerbs = map[string]bool{"recorded": true, "logged": true, "issued": true, "reported": true, "made": true, "brought": true, "confirmed": true, "charged": true}

// numberAt reads a number in digits or words with its hedge ("more than
// 500", "just one charge", "no charges", "48 per cent", "hundreds").
func (x *extractor) numberAt(ts []token, i int, inWhen []bool) (raw, int) {
	t := ts[i]
	var v float64
	n := 0
	approx := ""
	word := false
	if d, ok := digits(t.low); ok {
		v, n = d, 1
		if i+1 < len(ts) && multipliers[ts[i+1].low] >= 1e6 {
			v *= multipliers[ts[i+1].low]
			n = 2
		}
	} else if d, k := wordNumber(ts, i); k > 0 {
		v, n, word = d, k, true
	} else if t.low == "no" || t.low == "none" {
		v, n, word = 0, 1, true
	} else if t.low == "hundreds" || t.low == "thousands" || t.low == "dozens" {
		v = map[string]float64{"hundreds": 200, "thousands": 2000, "dozens": 24}[t.low]
		n, word, approx = 1, true, "more_than"
	} else {
		return raw{}, 0
	}
	end := i + n
	pct := false
	if end < len(ts) && (ts[end].low == "%" || ts[end].low == "percent" || ts[end].low == "pc") {
		pct, end = true, end+1
	} else if seq(ts, end, "per", "cent") {
		pct, end = true, end+2
	}
	noun := -1
	if !pct {
		if seq(ts, end, "of") && (t.low == "hundreds" || t.low == "thousands" || t.low == "dozens") {
			noun = nounAfter(ts, end+1, inWhen)
		} else {
			noun = nounAfter(ts, end, inWhen)
		}
		if noun < 0 {
			if word && t.low != "hundreds" && t.low != "thousands" && t.low != "dozens" {
				// A number in words leans on a noun only when a verb of
				// recording or an "of" follows it ("only three recorded by
				// ...", "five of rape").
				_, hedged := approxBefore(ts, i)
				if !(end < len(ts) && (recordVerbs[ts[end].low] || ts[end].low == "of" || hedged > 0) && nounBefore(ts, i) >= 0) {
					return raw{}, 0
				}
			}
		}
	}
	if t.low == "no" && noun < 0 {
		return raw{}, 0
	}
	if !pct && clutterAt(ts, i, end, noun) {
		// A count of something the campaign does not count (police
		// centres, TV channels), one offender's crimes in a court report,
		// or an age ("a child under 13"): page clutter, not a claim.
		return raw{first: i, last: end, value: &v, kind: foiwire.ClaimOther}, end - i
	}
	r := raw{first: i, last: end, value: &v, approx: approx, kind: foiwire.ClaimCount, pct: pct}
	if a, k := approxBefore(ts, i); k > 0 && approx == "" {
		r.approx, r.first = a, i-k
	}
	for k := r.first - 1; k >= 0 && k >= r.first-3; k-- {
		if ts[k].low == "total" {
			r.total = true
		}
	}
	if pct {
		r.kind = foiwire.ClaimShare
		if dir := changeDirection(ts, r.first, end); dir != 0 {
			r.kind = foiwire.ClaimChangePct
			if dir < 0 {
				neg := -v
				r.value = &neg
			}
		} else if r.category = shareCategory(x.text, ts, end); r.category == "" {
			r.category = categoryAfter(x.text, ts, end, false)
		}
		return r, end - i
	}
	nounWord := ""
	switch {
	case noun >= 0:
		nounWord = countNouns[ts[noun].low]
		if noun > end {
			r.category = betweenCategory(x.text, ts, end, noun)
		}
		for k := end; k < noun; k++ {
			if ts[k].low == "such" || ts[k].low == "these" || ts[k].low == "those" {
				r.such = true
			}
		}
		next := noun + 1
		for next < len(ts) && inWhen[next] {
			next++
		}
		if seq(ts, next, "against") {
			// "crimes against society": the noun is part of the category.
			r.category = categoryAfter(x.text, ts, noun, true)
		} else if after := categoryAfter(x.text, ts, next, false); after != "" || next < len(ts) && !ts[next].punct {
			if after == "" {
				after = outcomeClause(x.text, ts, next)
			}
			if r.category != "" {
				r.category += " " + after
			} else {
				r.category = after
			}
		}
		if i > 0 && (ts[i-1].low == "such") {
			r.such = true
		}
	default:
		if k := nounBefore(ts, i); k >= 0 {
			nounWord = countNouns[ts[k].low]
		}
		// The noun is left out of a list: "108 offences of stalking, 32 of
		// violence"; or the outcome follows as a clause: "in 44 more the
		// victim supported police action".
		next := end
		for next < len(ts) && inWhen[next] {
			next++
		}
		if seq(ts, next, "of") {
			r.category = categoryAfter(x.text, ts, next, false)
		} else if next == end && offenceNoun(ts, next) {
			r.category = ts[next].text // "12 thefts", "5 burglaries"
		} else if next < len(ts) && !ts[next].punct {
			r.category = outcomeClause(x.text, ts, next)
		}
	}
	switch {
	case nounWord == "force":
		r.kind = foiwire.ClaimOther
	case nounWord == "charge":
		r.kind = foiwire.ClaimCharges
		r.category = "" // the kind says it all: "3 charges or summonses"
	case isCharge(r.category):
		r.kind = foiwire.ClaimCharges
	}
	return r, end - i
}

// otherThings are nouns a number may count that no FOI figure of crimes
// counts: places, channels, staff, users.
var otherThings = map[string]bool{
	"centers": true, "centres": true, "stations": true, "offices": true, "channels": true, "channel": true,
	"sites": true, "branches": true, "stores": true, "shops": true, "schools": true, "officers": true,
	"staff": true, "employees": true, "users": true, "followers": true, "subscribers": true, "viewers": true,
	"videos": true, "accounts": true, "apps": true, "posts": true, "members": true, "countries": true,
}

// courtWords mark a sentence about one case in court: its numbers are the
// case's, not the campaign's.
var courtWords = map[string]bool{
	"jailed": true, "sentenced": true, "convicted": true, "imprisoned": true, "pleaded": true, "admitted": true,
	"guilty": true, "banned": true, "fined": true,
}

// childWords before "under 13" make it an age.
var childWords = map[string]bool{"child": true, "children": true, "girl": true, "girls": true, "boy": true, "boys": true, "aged": true, "age": true, "minor": true, "minors": true}

// clutterAt reports whether the number in ts[i:end], with its count noun at
// noun (or -1), is page clutter rather than a claim about the data.
func clutterAt(ts []token, i, end, noun int) bool {
	stop := len(ts)
	if noun >= 0 {
		stop = noun
	}
	for k := end; k < stop && k < end+3; k++ {
		if ts[k].punct {
			break
		}
		if otherThings[ts[k].low] {
			return true
		}
	}
	if i > 0 && otherThings[ts[i-1].low] && ts[i-1].low == "channel" {
		return true // "Freeview channel 276"
	}
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if ts[k].punct && ts[k].low != "," {
			break
		}
		if courtWords[ts[k].low] {
			return true
		}
	}
	if i >= 2 && (ts[i-1].low == "under" || ts[i-1].low == "over") && childWords[ts[i-2].low] {
		return true
	}
	return false
}

func isCharge(category string) bool {
	return contains(concepts(category), "charge")
}

// changeDirection reports whether a percentage is a change: +1 for a rise
// ("climbed by 48 per cent", "up 20%"), -1 for a fall, 0 for a share.
func changeDirection(ts []token, first, end int) int {
	for k := first - 1; k >= 0 && k >= first-4; k-- {
		w := ts[k].low
		if changeUp[w] {
			return 1
		}
		if changeDown[w] {
			return -1
		}
	}
	if first > 0 && ts[first-1].low == "by" {
		for k := first - 2; k >= 0; k-- {
			if changeDown[ts[k].low] {
				return -1
			}
		}
		return 1
	}
	if end < len(ts) && (ts[end].low == "rise" || ts[end].low == "increase" || ts[end].low == "spike" || ts[end].low == "jump") {
		return 1
	}
	if end < len(ts) && (ts[end].low == "fall" || ts[end].low == "drop" || ts[end].low == "decrease") {
		return -1
	}
	return 0
}

// genericWords are modifiers that say nothing about the category.
var genericWords = map[string]bool{
	"alleged": true, "reported": true, "recorded": true, "tiktok-related": true, "such": true,
	"criminal": true, "further": true, "more": true, "new": true, "separate": true, "total": true,
	"individual": true, "these": true, "those": true, "of": true, "the": true, "a": true,
	"social": true, "media": true, "related": true, "'": true, "\"": true, "-related": true,
}

// betweenCategory reads the category words between a number and its noun
// ("4 violence with injury offences", "5 alleged rape offences").
func betweenCategory(text string, ts []token, from, to int) string {
	for from < to && genericWords[ts[from].low] || from < to && strings.HasSuffix(ts[from].low, "-related") {
		from++
	}
	for to > from && genericWords[ts[to-1].low] {
		to--
	}
	if from >= to {
		return ""
	}
	return trimQuotes(text[ts[from].start:ts[to-1].end])
}

var categoryStops = map[string]bool{
	"linked": true, "associated": true, "connected": true, "according": true, "compared": true,
	"while": true, "whilst": true, "since": true, "meaning": true, "after": true, "before": true,
}

// categoryAfter reads the category words after a count noun: "of sending
// letters with intent to cause distress or anxiety", "where the force failed
// to identify the suspect", "that resulted in a charge or summons". A
// predicate ("were dealt with by a partner agency") counts only when it names
// an outcome. free reads words that follow no linking word, as after "most
// commonly cited" or "relate to".
func categoryAfter(text string, ts []token, i int, free bool) string {
	if i >= len(ts) {
		return ""
	}
	lead := ts[i].low
	predicate := false
	switch lead {
	case "of", "for", "involving", "including", "where", "that", "which", "whereby", "in":
		if lead == "in" && !seq(ts, i, "in", "which") {
			return ""
		}
	case "were", "was", "have", "had", "has", "are":
		predicate = true
	default:
		if !free {
			return ""
		}
	}
	start := i
	end := i
	for k := i; k < len(ts); k++ {
		w := ts[k].low
		if ts[k].punct && w != "'" && w != "\"" && w != "/" && !(w == "," && listGoesOn(ts, k+1)) {
			break
		}
		if _, ok := digits(w); ok {
			break
		}
		if categoryStops[w] || seq(ts, k, "as", "well", "as") || seq(ts, k, "along", "with") || seq(ts, k, "in", "tiktok") || seq(ts, k, "in", "the", "last") || seq(ts, k, "this", "year") || seq(ts, k, "in", "20") {
			break
		}
		if _, y := yearOf(w); y {
			break
		}
		if (lead == "of" || lead == "for" || lead == "involving" || lead == "including") && (w == "were" || w == "was" || w == "have" || w == "has" || w == "had") {
			break
		}
		end = k + 1
	}
	if end <= start {
		return ""
	}
	for start < end && (fillerLead[ts[start].low] || genericWords[ts[start].low] || countNouns[ts[start].low] != "") {
		start++
	}
	for end > start && (genericWords[ts[end-1].low] || fillerLead[ts[end-1].low] || recordVerbs[ts[end-1].low] || ts[end-1].low == "and" || ts[end-1].low == "the" || ts[end-1].low == "also") {
		end--
	}
	if start >= end {
		return ""
	}
	s := trimQuotes(text[ts[start].start:ts[end-1].end])
	if predicate && !isOutcome(concepts(s)) {
		return ""
	}
	return s
}

// offenceNoun reports whether ts[i] is a plural noun naming an offence
// ("thefts", "burglaries") rather than a function word or a verb.
func offenceNoun(ts []token, i int) bool {
	if i >= len(ts) || ts[i].punct || ts[i].text != ts[i].low {
		return false
	}
	w := ts[i].low
	if len(w) < 4 || !strings.HasSuffix(w, "s") || fillerWords[w] || genericWords[w] || recordVerbs[w] {
		return false
	}
	switch w {
	case "was", "has", "is", "this", "across", "towards", "besides", "plus", "less", "years", "times":
		return false
	}
	return true
}

// listGoesOn reports whether the words after a comma carry on a list of
// category words ("taking, making or distributing") rather than start a new
// clause.
func listGoesOn(ts []token, k int) bool {
	for j := k; j < len(ts) && j < k+3; j++ {
		if ts[j].punct {
			return false
		}
		if _, ok := digits(ts[j].low); ok {
			return false
		}
		if ts[j].low == "or" || ts[j].low == "and" {
			return j > k
		}
	}
	return false
}

// outcomeClause reads an outcome worded as a clause after a count ("55
// cases ended because the victim did not support police action"), and ""
// when the clause names no outcome.
func outcomeClause(text string, ts []token, i int) string {
	end := i
	for k := i; k < len(ts); k++ {
		if ts[k].punct && ts[k].low != "'" && ts[k].low != "\"" || categoryStops[ts[k].low] {
			break
		}
		if _, n := countAt(ts, k); n > 0 || ts[k].low == "no" {
			break
		}
		end = k + 1
	}
	if end <= i {
		return ""
	}
	s := trimQuotes(text[ts[i].start:ts[end-1].end])
	if !isOutcome(concepts(s)) {
		return ""
	}
	return s
}

var fillerLead = map[string]bool{"of": true, "for": true, "involving": true, "including": true, "where": true, "that": true, "which": true, "whereby": true, "in": true, "were": true, "was": true, "have": true, "had": true, "has": true, "are": true, "been": true}

func trimQuotes(s string) string {
	return strings.Trim(s, " '\"‘’“”.,")
}
