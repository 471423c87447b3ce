package period

import (
	"fmt"

	"github.com/foiwire/foiwire"
)

// Label writes p in newsroom style: "2021/22" for a financial year (1 April
// to 31 March, or 6 April to 5 April), "2021" for a calendar year,
// "2021/22 to 2023/24" and "2013 to 2017" for runs of whole years, "March
// 2024" for a month, and otherwise the days: "1 April 2023 to 31 March
// 2024", "1 January to 30 June 2024", "5 April 2024". It returns "" for the
// zero Period, and "from 1 April 2021" or "up to 31 March 2024" when one end
// is unknown.
func Label(p foiwire.Period) string {
	switch {
	case p.IsZero():
		return ""
	case p.End.IsZero():
		return "from " + day(p.Start)
	case p.Start.IsZero():
		return "up to " + day(p.End)
	}
	s, e := p.Start, p.End
	switch classify(p, aprFirst) {
	case KindCalendarYear:
		return fmt.Sprint(s.Year())
	case KindFinancialYear, KindTaxYear:
		return fyLabel(s.Year())
	case KindMultiYear:
		if s.Month() == janFirst.m && s.Day() == janFirst.d {
			return fmt.Sprintf("%d to %d", s.Year(), e.Year())
		}
		return fyLabel(s.Year()) + " to " + fyLabel(e.Year()-1)
	case KindMonth:
		return fmt.Sprintf("%s %d", s.Month(), s.Year())
	}
	switch {
	case s.Equal(e):
		return day(s)
	case s.Year() == e.Year() && s.Month() == e.Month():
		return fmt.Sprintf("%d to %s", s.Day(), day(e))
	case s.Year() == e.Year():
		return fmt.Sprintf("%d %s to %s", s.Day(), s.Month(), day(e))
	}
	return day(s) + " to " + day(e)
}

func fyLabel(y int) string { return fmt.Sprintf("%d/%02d", y, (y+1)%100) }

func day(d foiwire.Date) string { return fmt.Sprintf("%d %s %d", d.Day(), d.Month(), d.Year()) }
