// Package period reads the periods police forces and newspapers write
// ("2021/22", "6th Apr 2021 to 5th Apr 2022", "Jan–Jun 2024", "2023 so far",
// "in the last three years") into closed ranges of days, and writes periods
// back in newsroom style.
//
// Day-and-month dates are read day first, as in the UK: 06/04/2021 is
// 6 April 2021. A bare financial year ("2021/22") starts on 1 April unless
// the Options say otherwise; a reply that counts tax years (6 April to
// 5 April) says so in its own text, and Find picks that up.
package period

import (
	"errors"
	"fmt"
	"time"

	"github.com/foiwire/foiwire"
)

// Kind says how a period is shaped.
type Kind string

// The kinds of period the package reads.
const (
	KindFinancialYear Kind = "financial_year" // 1 April to 31 March, or the Options' fiscal start
	KindCalendarYear  Kind = "calendar_year"  // 1 January to 31 December
	KindTaxYear       Kind = "tax_year"       // 6 April to 5 April
	KindRange         Kind = "range"          // any other run of days
	KindMonth         Kind = "month"
	KindQuarter       Kind = "quarter"    // written as a quarter: "Q1 2024"
	KindMultiYear     Kind = "multi_year" // two or more whole years of one kind
	// KindRelative marks a relative period ("this year", "the last three
	// years") that Find could not place because Options gave no reference.
	KindRelative Kind = "relative"
)

// ErrNotPeriod is wrapped by every error Parse returns for text that is not
// a period.
var ErrNotPeriod = errors.New("not a period")

// ErrNoReference is wrapped by the error Parse returns for a relative period
// ("this year", "since 2021") when Options has neither Latest nor Now.
var ErrNoReference = errors.New("relative period needs Options.Latest or Options.Now")

// Options say how to read periods that depend on context.
type Options struct {
	// FiscalStartMonth and FiscalStartDay are the month and day a bare
	// financial year ("2021/22") starts on: 1 April when zero. A reply whose
	// own text counts "6 April to 5 April" years passes April and 6. Values
	// that are not a day of a non-leap year are treated as zero.
	FiscalStartMonth time.Month
	FiscalStartDay   int
	// Now is "today": the end of "2023 so far" when today falls inside 2023.
	// The zero Date means unknown, and such periods keep their nominal end.
	Now foiwire.Date
	// Latest is the period that "this year", "the last year" and "the last
	// 12 months" stand for in the text being read, and the end of "the last
	// three years" and "since 2021". For an article about figures for
	// 2021/22 to 2023/24 it is 2023/24. When zero, "this year" is the
	// calendar year containing Now; with Now also zero, relative periods are
	// left unresolved.
	Latest foiwire.Period
}

// Parsed is a period read from text.
type Parsed struct {
	foiwire.Period
	Kind Kind
	// PartYear is set when the text says the period is incomplete ("2023 so
	// far", "to date", "YTD", "2024 (to 30 June)") or writes a range that
	// starts on a year boundary and stops before the year is out
	// ("Jan–Jun 2024"). A footnote mark does not make a period part-year.
	PartYear bool
	// Footnote is set when a trailing footnote mark ("*", "(1)", "¹") was
	// stripped: the reply qualifies the period somewhere else.
	Footnote bool
	Text     string // the text as given
}

// Parse reads s, which must be a period and nothing else (surrounding
// brackets, a trailing colon and footnote marks are allowed). It returns an
// error wrapping ErrNotPeriod when s is not a period ("Total", "14",
// "Blackmail", a reference number, a single date), and one wrapping
// ErrNoReference for a relative period opt cannot place.
func Parse(s string, opt Options) (Parsed, error) {
	toks := tokenize(s)
	toks = trimWrapping(toks)
	if len(toks) == 0 {
		return Parsed{}, fmt.Errorf("read period %q: empty: %w", s, ErrNotPeriod)
	}
	p := newParser(s, toks, opt, false)
	r, ok := p.parseAt(0)
	if !ok {
		return Parsed{}, fmt.Errorf("read period %q: %w", s, ErrNotPeriod)
	}
	if r.next != len(toks) {
		t := toks[r.next]
		return Parsed{}, fmt.Errorf("read period %q: unexpected %q at byte %d: %w", s, t.text, t.start, ErrNotPeriod)
	}
	if r.onlyBoundary {
		return Parsed{}, fmt.Errorf("read period %q: a year boundary with no year: %w", s, ErrNotPeriod)
	}
	if r.Kind == KindRelative {
		return Parsed{}, fmt.Errorf("read period %q: %w", s, ErrNoReference)
	}
	r.Text = s
	return r.Parsed, nil
}

// trimWrapping drops brackets around the whole text and a trailing colon or
// full stop, which table headers carry ("(2021/22)", "2023:").
func trimWrapping(toks []token) []token {
	for len(toks) > 0 {
		last := toks[len(toks)-1]
		if last.isCh(':') || last.isCh('.') || last.isCh(',') {
			toks = toks[:len(toks)-1]
			continue
		}
		if len(toks) >= 2 && ((toks[0].isCh('(') && last.isCh(')')) || (toks[0].isCh('[') && last.isCh(']'))) && balanced(toks[1:len(toks)-1]) {
			toks = toks[1 : len(toks)-1]
			continue
		}
		return toks
	}
	return toks
}

// balanced reports whether brackets in toks pair up, so that "(2021) (1)"
// is not mistaken for one bracketed whole.
func balanced(toks []token) bool {
	depth := 0
	for _, t := range toks {
		switch {
		case t.isCh('(') || t.isCh('['):
			depth++
		case t.isCh(')') || t.isCh(']'):
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// FinancialYear returns the financial year starting in year y on opt's
// fiscal start (1 April by default): FinancialYear(2021, {}) is
// 2021-04-01..2022-03-31. It cannot fail.
func FinancialYear(y int, opt Options) foiwire.Period {
	return yearFrom(y, opt.fiscalStart())
}

// monthDay is a day of the year without a year: a year boundary.
type monthDay struct {
	m time.Month
	d int
}

var (
	janFirst  = monthDay{time.January, 1}
	aprFirst  = monthDay{time.April, 1}
	aprSixth  = monthDay{time.April, 6}
	daysInMon = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
)

func (o Options) fiscalStart() monthDay {
	m, d := o.FiscalStartMonth, o.FiscalStartDay
	if m == 0 && d == 0 {
		return aprFirst
	}
	if m < time.January || m > time.December {
		return aprFirst
	}
	if d == 0 {
		d = 1
	}
	if d < 1 || d > daysInMon[m] {
		return aprFirst
	}
	return monthDay{m, d}
}

// yearFrom returns the year-long period starting on b in year y.
func yearFrom(y int, b monthDay) foiwire.Period {
	s := foiwire.NewDate(y, b.m, b.d)
	return foiwire.Period{Start: s, End: foiwire.NewDate(y+1, b.m, b.d).AddDays(-1)}
}

// shiftYears moves a period by n years, keeping month ends at month ends
// (29 February and 31 March stay the last days of their months).
func shiftYears(p foiwire.Period, n int) foiwire.Period {
	if p.IsZero() {
		return p
	}
	s := p.Start
	after := p.End.AddDays(1)
	return foiwire.Period{
		Start: foiwire.NewDate(s.Year()+n, s.Month(), s.Day()),
		End:   foiwire.NewDate(after.Year()+n, after.Month(), after.Day()).AddDays(-1),
	}
}

func lastDay(y int, m time.Month) int {
	return foiwire.NewDate(y, m+1, 1).AddDays(-1).Day()
}

// classify names the shape of p, given the fiscal start in force.
func classify(p foiwire.Period, fs monthDay) Kind {
	s, e := p.Start, p.End
	if s.IsZero() || e.IsZero() {
		return KindRange
	}
	for _, b := range []monthDay{janFirst, aprFirst, aprSixth, fs} {
		if s.Month() != b.m || s.Day() != b.d {
			continue
		}
		n := wholeYears(p)
		switch {
		case n == 1 && b == janFirst:
			return KindCalendarYear
		case n == 1 && b == aprSixth:
			return KindTaxYear
		case n == 1:
			return KindFinancialYear
		case n > 1:
			return KindMultiYear
		}
	}
	if s.Day() == 1 && s.Year() == e.Year() && s.Month() == e.Month() && e.Day() == lastDay(e.Year(), e.Month()) {
		return KindMonth
	}
	return KindRange
}

// wholeYears returns n when p is exactly n years long from its start, else 0.
func wholeYears(p foiwire.Period) int {
	s := p.Start
	for n := max(p.End.Year()-s.Year(), 1); n <= p.End.Year()-s.Year()+1; n++ {
		if foiwire.NewDate(s.Year()+n, s.Month(), s.Day()).AddDays(-1).Equal(p.End) {
			return n
		}
	}
	return 0
}

// startsYear reports whether d is 1 January, 1 April, 6 April or the fiscal
// start: the days a count "for the year so far" begins on.
func startsYear(d foiwire.Date, fs monthDay) bool {
	for _, b := range []monthDay{janFirst, aprFirst, aprSixth, fs} {
		if d.Month() == b.m && d.Day() == b.d {
			return true
		}
	}
	return false
}
