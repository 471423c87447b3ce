package claims

import (
	"strconv"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// when is a period named in a sentence: "in 2021", "the following year",
// "this year so far", "in the last three years", "between 2023/24".
type when struct {
	first, last int // tokens [first, last)
	period      foiwire.Period
	// calendar is set when a calendar year is printed for a campaign that
	// counts financial years ("in 2021" for 2021/22).
	calendar bool
	soFar    bool
	year     int // the token index of a printed year, -1 when none
	used     bool
}

// calendarOf resolves the periods a campaign counts in.
type calendarOf struct {
	periods   []foiwire.Period
	published foiwire.Date
}

func (c calendarOf) financial() bool {
	return len(c.periods) > 0 && c.periods[0].Start.Month() != time.January
}

// startingIn returns the campaign period that starts in year y, or the
// financial or calendar year y when the campaign has none.
func (c calendarOf) startingIn(y int) foiwire.Period {
	for _, p := range c.periods {
		if p.Start.Year() == y {
			return p
		}
	}
	if c.financial() {
		m, d := c.periods[0].Start.Month(), c.periods[0].Start.Day()
		return foiwire.Period{Start: foiwire.NewDate(y, m, d), End: foiwire.NewDate(y+1, m, d).AddDays(-1)}
	}
	return foiwire.Period{Start: foiwire.NewDate(y, time.January, 1), End: foiwire.NewDate(y, time.December, 31)}
}

// financialYear returns the campaign's year starting in y, as "2023/24" names.
func (c calendarOf) financialYear(y int) foiwire.Period {
	for _, p := range c.periods {
		if p.Start.Year() == y && p.Start.Month() >= time.March && p.Start.Month() <= time.May {
			return p
		}
	}
	return foiwire.Period{Start: foiwire.NewDate(y, time.April, 1), End: foiwire.NewDate(y+1, time.March, 31)}
}

// latest is the campaign's last period; without one, the calendar year
// before publication.
func (c calendarOf) latest() foiwire.Period {
	if len(c.periods) > 0 {
		return c.periods[len(c.periods)-1]
	}
	y := time.Now().Year()
	if !c.published.IsZero() {
		y = c.published.Year()
	}
	return c.startingIn(y - 1)
}

// current is "this year": the campaign period the article was published in,
// or, when it came out after them all, the latest.
func (c calendarOf) current() foiwire.Period {
	if !c.published.IsZero() {
		pub := foiwire.Period{Start: c.published, End: c.published}
		for _, p := range c.periods {
			if p.Contains(pub) {
				return p
			}
		}
		if len(c.periods) == 0 {
			return c.startingIn(c.published.Year())
		}
	}
	return c.latest()
}

// lastN is the span of the last n periods.
func (c calendarOf) lastN(n int) foiwire.Period {
	l := c.latest()
	if n <= len(c.periods) && n > 0 {
		return foiwire.Period{Start: c.periods[len(c.periods)-n].Start, End: l.End}
	}
	return foiwire.Period{Start: foiwire.DateOf(l.Start.Time().AddDate(-(n - 1), 0, 0)), End: l.End}
}

// shift returns the period k steps after p (before it for negative k).
func (c calendarOf) shift(p foiwire.Period, k int) foiwire.Period {
	for i, q := range c.periods {
		if q == p && i+k >= 0 && i+k < len(c.periods) {
			return c.periods[i+k]
		}
	}
	if p.IsZero() {
		return p
	}
	return foiwire.Period{Start: foiwire.DateOf(p.Start.Time().AddDate(k, 0, 0)), End: foiwire.DateOf(p.End.Time().AddDate(k, 0, 0))}
}

// before returns the period just before p's last year, for a change whose
// base the sentence does not name ("this year, figures climbed by 48 per cent").
func (c calendarOf) before(p foiwire.Period) foiwire.Period {
	for i, q := range c.periods {
		if q.End == p.End && i > 0 {
			return c.periods[i-1]
		}
	}
	return c.shift(p, -1)
}

// single reports whether p is one of the campaign's periods (or one year).
func (c calendarOf) single(p foiwire.Period) bool {
	for _, q := range c.periods {
		if q == p {
			return true
		}
	}
	return p.Days() > 0 && p.Days() <= 366
}

var (
	yearPreps  = map[string]bool{"in": true, "during": true, "for": true, "of": true, "throughout": true, "by": true, "until": true, "to": true, "between": true, "from": true, "since": true}
	monthNames = map[string]time.Month{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	}
)

// yearOf reads a printed year (1990-2099) and false for anything else.
func yearOf(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= 1990 && y < 2100
}

// financialYearOf reads "2023/24", "2023-24", "2023/2024".
func financialYearOf(s string) (int, bool) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		a, b, ok = strings.Cut(s, "-")
	}
	if !ok {
		return 0, false
	}
	y, ok := yearOf(a)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(b)
	if err != nil || !(len(b) == 2 && n == (y+1)%100 || len(b) == 4 && n == y+1) {
		return 0, false
	}
	return y, true
}

// seq reports whether the lower-cased words ws follow at ts[i:].
func seq(ts []token, i int, ws ...string) bool {
	if i+len(ws) > len(ts) {
		return false
	}
	for k, w := range ws {
		if ts[i+k].low != w {
			return false
		}
	}
	return true
}

// findWhens finds the periods named in a sentence, resolving relative ones
// ("the following year") against prev, the last period named before it. It
// returns them in order with the last period named.
func findWhens(ts []token, cal calendarOf, prev foiwire.Period) ([]when, foiwire.Period) {
	var out []when
	for i := 0; i < len(ts); {
		w, ok := whenAt(ts, i, cal, prev)
		if !ok {
			i++
			continue
		}
		// "this year so far" and "so far this year" are one period.
		if n := len(out); n > 0 && out[n-1].last >= w.first-1 && out[n-1].period == w.period && (w.soFar || out[n-1].soFar) {
			out[n-1].last = w.last
			out[n-1].soFar = true
		} else {
			out = append(out, w)
		}
		prev = w.period
		i = w.last
	}
	return out, prev
}

func whenAt(ts []token, i int, cal calendarOf, prev foiwire.Period) (when, bool) {
	w := when{first: i, year: -1}
	j := i
	prep := ""
	for j < len(ts) && (yearPreps[ts[j].low] || ts[j].low == "over" || ts[j].low == "across" || ts[j].low == "the" || ts[j].low == "alone") && j-i < 3 {
		if prep == "" {
			prep = ts[j].low
		}
		j++
	}
	if j >= len(ts) {
		return w, false
	}
	low := ts[j].low
	done := func(p foiwire.Period, last int) (when, bool) {
		w.period, w.last = p, last
		if w.last < len(ts) && ts[w.last].low == "alone" {
			w.last++
		}
		return w, true
	}
	// Financial years: "2023/24", "between 2021/22 and 2023/24".
	if y, ok := financialYearOf(low); ok {
		p := cal.financialYear(y)
		w.year = j
		if (prep == "between" || prep == "from") && j+2 < len(ts) && (ts[j+1].low == "and" || ts[j+1].low == "to" || ts[j+1].low == "-") {
			if y2, ok := financialYearOf(ts[j+2].low); ok && y2 > y {
				return done(foiwire.Period{Start: p.Start, End: cal.financialYear(y2).End}, j+3)
			}
		}
		if prep == "since" {
			p.End = cal.latest().End
		}
		return done(p, j+1)
	}
	if y, ok := yearOf(low); ok && !ts[j].punct {
		// A year after a month or a day is part of a date, not a period.
		if j > 0 {
			if _, m := monthNames[ts[j-1].low]; m {
				return w, false
			}
		}
		if j+1 < len(ts) && countNouns[ts[j+1].low] != "" {
			return w, false // "2000 offences"
		}
		w.year = j
		p := cal.startingIn(y)
		w.calendar = cal.financial()
		if (prep == "between" || prep == "from") && j+2 < len(ts) && (ts[j+1].low == "and" || ts[j+1].low == "to") {
			if y2, ok := yearOf(ts[j+2].low); ok && y2 > y {
				return done(foiwire.Period{Start: p.Start, End: cal.startingIn(y2).End}, j+3)
			}
		}
		if prep == "since" {
			p.End = cal.latest().End
			w.calendar = false
		}
		return done(p, j+1)
	}
	// "this year", "so far", "this year so far", "to date".
	if seq(ts, j, "this", "year") || seq(ts, j, "this", "financial", "year") {
		n := 2
		if ts[j+1].low == "financial" {
			n = 3
		}
		return done(cal.current(), j+n)
	}
	if seq(ts, i, "so", "far") || seq(ts, i, "to", "date") {
		w.first = i
		w.soFar = true
		if seq(ts, i+2, "this", "year") {
			return done(cal.current(), i+4)
		}
		return done(cal.current(), i+2)
	}
	// "last year", "in the last year", "the past 12 months".
	if low == "last" || low == "past" || low == "latest" || low == "most" {
		k := j + 1
		if low == "most" && k < len(ts) && ts[k].low == "recent" {
			k++
		}
		if k < len(ts) && ts[k].low == "financial" {
			k++
		}
		if k < len(ts) && ts[k].low == "year" {
			return done(cal.latest(), k+1)
		}
		if k+1 < len(ts) && (ts[k].low == "12" || ts[k].low == "twelve") && ts[k+1].low == "months" {
			return done(cal.latest(), k+2)
		}
		// "in the last three years", "over the past 3 years"
		if v, n := countAt(ts, k); n > 0 && k+n < len(ts) && (ts[k+n].low == "years" || ts[k+n].low == "financial") {
			end := k + n + 1
			if ts[k+n].low == "financial" && end < len(ts) && ts[end].low == "years" {
				end++
			}
			return done(cal.lastN(int(v)), end)
		}
		return w, false
	}
	// "across three years", "over three years", "a three-year period".
	if prep == "across" || prep == "over" || prep == "in" {
		if v, n := countAt(ts, j); n > 0 && j+n < len(ts) && ts[j+n].low == "years" && v > 1 && v < 20 {
			return done(cal.lastN(int(v)), j+n+1)
		}
	}
	// Relative years.
	if !prev.IsZero() {
		switch {
		case seq(ts, j, "following", "year") || seq(ts, j, "next", "year") || seq(ts, j, "year", "after") || seq(ts, j, "subsequent", "year"):
			return done(cal.shift(prev, 1), j+2)
		case seq(ts, i, "a", "year", "later"):
			return done(cal.shift(prev, 1), i+3)
		case seq(ts, j, "previous", "year") || seq(ts, j, "year", "before") || seq(ts, j, "prior", "year"):
			return done(cal.shift(prev, -1), j+2)
		case seq(ts, i, "a", "year", "earlier"):
			return done(cal.shift(prev, -1), i+3)
		}
	}
	return w, false
}

// countAt reads a small count in digits or words at ts[i].
func countAt(ts []token, i int) (float64, int) {
	if i >= len(ts) {
		return 0, 0
	}
	if v, ok := digits(ts[i].low); ok {
		return v, 1
	}
	return wordNumber(ts, i)
}

// label names a period for a reason: "2023/24", "2021", "2021/22 to 2023/24".
func (c calendarOf) label(p foiwire.Period) string {
	if p.IsZero() {
		return "no stated period"
	}
	one := func(q foiwire.Period) string {
		if q.Start.Month() == time.January && q.Start.Day() == 1 && q.End.Month() == time.December && q.End.Day() == 31 && q.Start.Year() == q.End.Year() {
			return strconv.Itoa(q.Start.Year())
		}
		if q.End.Year() == q.Start.Year()+1 && q.Days() <= 366 {
			return strconv.Itoa(q.Start.Year()) + "/" + twoDigits(q.End.Year())
		}
		return q.String()
	}
	if c.single(p) {
		return one(p)
	}
	var first, last foiwire.Period
	for _, q := range c.periods {
		if q.Start == p.Start {
			first = q
		}
		if q.End == p.End {
			last = q
		}
	}
	if !first.IsZero() && !last.IsZero() {
		return one(first) + " to " + one(last)
	}
	return p.String()
}

func twoDigits(y int) string {
	s := strconv.Itoa(y % 100)
	if len(s) == 1 {
		s = "0" + s
	}
	return s
}
