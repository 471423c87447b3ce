package period

import (
	"errors"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

func per(start, end string) foiwire.Period {
	return foiwire.Period{Start: foiwire.MustDate(start), End: foiwire.MustDate(end)}
}

func TestParse(t *testing.T) {
	tax := Options{FiscalStartMonth: time.April, FiscalStartDay: 6}
	now := Options{Now: foiwire.MustDate("2023-08-15")}
	tests := []struct {
		name     string
		in       string
		opt      Options
		want     foiwire.Period
		kind     Kind
		partYear bool
		footnote bool
	}{
		// The forms the brief names.
		{"tax year ordinals", "6th Apr 2021 to 5th Apr 2022", Options{}, per("2021-04-06", "2022-04-05"), KindTaxYear, false, false},
		{"tax year numeric", "06/04/2021 - 05/04/2022", Options{}, per("2021-04-06", "2022-04-05"), KindTaxYear, false, false},
		{"financial year en dash", "1 April 2023 – 31 March 2024", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"month names range", "April 2023 - March 2024", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"month abbreviations with short years", "Apr-23 to Mar-24", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"slash short", "2021/22", Options{}, per("2021-04-01", "2022-03-31"), KindFinancialYear, false, false},
		{"slash long", "2021/2022", Options{}, per("2021-04-01", "2022-03-31"), KindFinancialYear, false, false},
		{"dash short", "2021-22", Options{}, per("2021-04-01", "2022-03-31"), KindFinancialYear, false, false},
		{"FY two digits", "FY 22-23", Options{}, per("2022-04-01", "2023-03-31"), KindFinancialYear, false, false},
		{"FY glued", "FY2022/23", Options{}, per("2022-04-01", "2023-03-31"), KindFinancialYear, false, false},
		{"financial year suffix", "2022-2023 financial year", Options{}, per("2022-04-01", "2023-03-31"), KindFinancialYear, false, false},
		{"calendar year", "2021", Options{}, per("2021-01-01", "2021-12-31"), KindCalendarYear, false, false},
		{"calendar year prefix", "Calendar year 2022", Options{}, per("2022-01-01", "2022-12-31"), KindCalendarYear, false, false},
		{"footnote star", "2023*", Options{}, per("2023-01-01", "2023-12-31"), KindCalendarYear, false, true},
		{"so far, today unknown", "2023 so far", Options{}, per("2023-01-01", "2023-12-31"), KindCalendarYear, true, false},
		{"so far, today inside", "2023 so far", now, per("2023-01-01", "2023-08-15"), KindCalendarYear, true, false},
		{"to a day in brackets", "2024 (to 30 June)", Options{}, per("2024-01-01", "2024-06-30"), KindCalendarYear, true, false},
		{"month range one year", "Jan–Jun 2024", Options{}, per("2024-01-01", "2024-06-30"), KindRange, true, false},
		{"quarter", "Q1 2024", Options{}, per("2024-01-01", "2024-03-31"), KindQuarter, false, false},
		{"month", "March 2024", Options{}, per("2024-03-01", "2024-03-31"), KindMonth, false, false},
		{"day first numeric calendar year", "01/01/2023 to 31/12/2023", Options{}, per("2023-01-01", "2023-12-31"), KindCalendarYear, false, false},

		// Other forms seen in replies and requests.
		{"bare FY under tax-year options", "2021/22", tax, per("2021-04-06", "2022-04-05"), KindTaxYear, false, false},
		{"tax year words", "tax year 2021/22", Options{}, per("2021-04-06", "2022-04-05"), KindTaxYear, false, false},
		{"boundary heading with a year", "6 April to 5 April 2021/22", Options{}, per("2021-04-06", "2022-04-05"), KindTaxYear, false, false},
		{"fiscal year words", "Financial year 2021/22", Options{}, per("2021-04-01", "2022-03-31"), KindFinancialYear, false, false},
		{"gov.uk style", "financial year 2022 to 2023", Options{}, per("2022-04-01", "2023-03-31"), KindFinancialYear, false, false},
		{"spaced dash FY", "2011- 2012", Options{}, per("2011-04-01", "2012-03-31"), KindFinancialYear, false, false},
		{"two digit header", "20/21", Options{}, per("2020-04-01", "2021-03-31"), KindFinancialYear, false, false},
		{"multi FY", "2021/22 to 2023/24", Options{}, per("2021-04-01", "2024-03-31"), KindMultiYear, false, false},
		{"multi FY dash", "2021/22-2023/24", Options{}, per("2021-04-01", "2024-03-31"), KindMultiYear, false, false},
		{"multi calendar", "2013-2017", Options{}, per("2013-01-01", "2017-12-31"), KindMultiYear, false, false},
		{"calendar pair with to", "2022 to 2023", Options{}, per("2022-01-01", "2023-12-31"), KindMultiYear, false, false},
		{"between and", "between 1 January 2017 and 24 January 2022", Options{}, per("2017-01-01", "2022-01-24"), KindRange, false, false},
		{"inclusive words", "from (and including) April 1st 2023 until (and including) March 31st, 2024", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"part year range", "1st January 2015 to 15th March 2015", Options{}, per("2015-01-01", "2015-03-15"), KindRange, true, false},
		{"months without a year boundary", "September to November 2021", Options{}, per("2021-09-01", "2021-11-30"), KindRange, false, false},
		{"spaced short years", "Apr 23 to Mar 24", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"apostrophe year", "Apr '23", Options{}, per("2023-04-01", "2023-04-30"), KindMonth, false, false},
		{"numeric month", "04/2023", Options{}, per("2023-04-01", "2023-04-30"), KindMonth, false, false},
		{"ISO dates", "2023-04-01 to 2024-03-31", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"two digit years in dates", "1/4/23 - 31/3/24", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"financial quarter", "Q1 2024/25", Options{}, per("2024-04-01", "2024-06-30"), KindQuarter, false, false},
		{"quarter after year", "2024 Q3", Options{}, per("2024-07-01", "2024-09-30"), KindQuarter, false, false},
		{"quarter words", "1st quarter 2024", Options{}, per("2024-01-01", "2024-03-31"), KindQuarter, false, false},
		{"year ending", "year ending March 2024", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"twelve months to a day", "12 months to 30 June 2024", Options{}, per("2023-07-01", "2024-06-30"), KindRange, false, false},
		{"brackets around", "(2021/22)", Options{}, per("2021-04-01", "2022-03-31"), KindFinancialYear, false, false},
		{"trailing colon", "2023:", Options{}, per("2023-01-01", "2023-12-31"), KindCalendarYear, false, false},
		{"numbered footnote", "2022/23 (1)", Options{}, per("2022-04-01", "2023-03-31"), KindFinancialYear, false, true},
		{"superscript footnote", "2022¹", Options{}, per("2022-01-01", "2022-12-31"), KindCalendarYear, false, true},
		{"YTD", "2024 YTD", Options{}, per("2024-01-01", "2024-12-31"), KindCalendarYear, true, false},
		{"to date in brackets", "2023/24 (to date)", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, true, false},
		{"FY cut to a month", "2023/24 (to December)", Options{}, per("2023-04-01", "2023-12-31"), KindFinancialYear, true, false},
		{"months in brackets", "2024 (Jan-Jun)", Options{}, per("2024-01-01", "2024-06-30"), KindCalendarYear, true, false},
		{"part year in brackets", "2024 (part year)", Options{}, per("2024-01-01", "2024-12-31"), KindCalendarYear, true, false},
		{"star and so far", "2017* so far", Options{}, per("2017-01-01", "2017-12-31"), KindCalendarYear, true, true},
		{"leap day", "1 Feb 2024 - 29 Feb 2024", Options{}, per("2024-02-01", "2024-02-29"), KindMonth, false, false},
		{"custom fiscal start", "2021/22", Options{FiscalStartMonth: time.July, FiscalStartDay: 1}, per("2021-07-01", "2022-06-30"), KindFinancialYear, false, false},
		{"provisional", "Apr 2023 – Mar 2024 (provisional)", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, true},
		{"month to date, today unknown", "April 2024 to date", Options{}, per("2024-04-01", "2024-04-30"), KindMonth, true, false},
		{"month to date", "April 2024 to date", Options{Now: foiwire.MustDate("2024-07-22")}, per("2024-04-01", "2024-07-22"), KindRange, true, false},
		{"glued dates", "01/04/2023-31/03/2024", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"financial quarter after year", "2023/24 Q2", Options{}, per("2023-07-01", "2023-09-30"), KindQuarter, false, false},
		{"ordinal dates with short years", "1st Apr 23 - 31st Mar 24", Options{}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
		{"three financial years as dates", "1 April 2021 - 31 March 2024", Options{}, per("2021-04-01", "2024-03-31"), KindMultiYear, false, false},
		{"relative with reference", "last 12 months", Options{Latest: per("2023-04-01", "2024-03-31")}, per("2023-04-01", "2024-03-31"), KindFinancialYear, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in, tt.opt)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got.Period != tt.want || got.Kind != tt.kind || got.PartYear != tt.partYear || got.Footnote != tt.footnote {
				t.Errorf("Parse(%q) = %v %s part=%v note=%v; want %v %s part=%v note=%v",
					tt.in, got.Period, got.Kind, got.PartYear, got.Footnote, tt.want, tt.kind, tt.partYear, tt.footnote)
			}
			if got.Text != tt.in {
				t.Errorf("Text = %q, want the input", got.Text)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"total row", "Total", ErrNotPeriod},
		{"a count", "14", ErrNotPeriod},
		{"an offence", "Blackmail", ErrNotPeriod},
		{"reference number", "0100.2019-20", ErrNotPeriod},
		{"phone number", "01202 222222", ErrNotPeriod},
		{"mobile number", "07700 900123", ErrNotPeriod},
		{"London number", "020 7230 1212", ErrNotPeriod},
		{"count with thousands", "2,023", ErrNotPeriod},
		{"empty", "  ", ErrNotPeriod},
		{"single date", "22/07/2024", ErrNotPeriod},
		{"day and month only", "6 April", ErrNotPeriod},
		{"boundary with no year", "April 6 - April 5", ErrNotPeriod},
		{"not consecutive", "2021/23", ErrNotPeriod},
		{"impossible date", "31/02/2023 - 31/03/2023", ErrNotPeriod},
		{"backwards range", "1 April 2024 to 31 March 2023", ErrNotPeriod},
		{"FY with one year", "FY 2024", ErrNotPeriod},
		{"a total with a period", "Total 2021/22 to 2023/24", ErrNotPeriod},
		{"percentage", "2024%", ErrNotPeriod},
		{"time of day", "April 10:30", ErrNotPeriod},
		{"relative without reference", "this year", ErrNoReference},
		{"following year without a year", "the following year", ErrNoReference},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in, Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%q) = %v, %v; want error %v", tt.in, got.Period, err, tt.want)
			}
		})
	}
}

func TestFinancialYear(t *testing.T) {
	tests := []struct {
		name string
		y    int
		opt  Options
		want foiwire.Period
	}{
		{"default April 1", 2021, Options{}, per("2021-04-01", "2022-03-31")},
		{"tax year", 2023, Options{FiscalStartMonth: time.April, FiscalStartDay: 6}, per("2023-04-06", "2024-04-05")},
		{"leap year end", 2023, Options{FiscalStartMonth: time.March, FiscalStartDay: 1}, per("2023-03-01", "2024-02-29")},
		{"month only", 2020, Options{FiscalStartMonth: time.July}, per("2020-07-01", "2021-06-30")},
		{"invalid falls back", 2020, Options{FiscalStartMonth: 13, FiscalStartDay: 40}, per("2020-04-01", "2021-03-31")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FinancialYear(tt.y, tt.opt); got != tt.want {
				t.Errorf("FinancialYear(%d) = %v, want %v", tt.y, got, tt.want)
			}
		})
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		name string
		in   foiwire.Period
		want string
	}{
		{"financial year", per("2021-04-01", "2022-03-31"), "2021/22"},
		{"tax year", per("2023-04-06", "2024-04-05"), "2023/24"},
		{"turn of the century", per("1999-04-01", "2000-03-31"), "1999/00"},
		{"calendar year", per("2021-01-01", "2021-12-31"), "2021"},
		{"three financial years", per("2021-04-01", "2024-03-31"), "2021/22 to 2023/24"},
		{"five calendar years", per("2013-01-01", "2017-12-31"), "2013 to 2017"},
		{"month", per("2024-03-01", "2024-03-31"), "March 2024"},
		{"part year", per("2024-01-01", "2024-06-30"), "1 January to 30 June 2024"},
		{"within a month", per("2015-03-01", "2015-03-15"), "1 to 15 March 2015"},
		{"across years", per("2023-04-02", "2024-03-31"), "2 April 2023 to 31 March 2024"},
		{"one day", per("2024-04-05", "2024-04-05"), "5 April 2024"},
		{"unknown", foiwire.Period{}, ""},
		{"open end", foiwire.Period{Start: foiwire.MustDate("2021-04-01")}, "from 1 April 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Label(tt.in); got != tt.want {
				t.Errorf("Label(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestLabelRoundTrip checks that every label Label writes reads back as the
// same period.
func TestLabelRoundTrip(t *testing.T) {
	for _, p := range []foiwire.Period{
		per("2021-04-01", "2022-03-31"), per("2021-01-01", "2021-12-31"), per("2021-04-01", "2024-03-31"),
		per("2013-01-01", "2017-12-31"), per("2024-03-01", "2024-03-31"), per("2024-01-01", "2024-06-30"),
		per("2015-03-01", "2015-03-15"), per("2023-04-02", "2024-03-31"),
	} {
		got, err := Parse(Label(p), Options{})
		if err != nil || got.Period != p {
			t.Errorf("Parse(Label(%v) = %q) = %v, %v", p, Label(p), got.Period, err)
		}
	}
}
