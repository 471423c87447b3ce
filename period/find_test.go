package period

import (
	"testing"

	"github.com/foiwire/foiwire"
)

// want is one period Find should return.
type want struct {
	text     string
	period   foiwire.Period
	kind     Kind
	partYear bool
	relative bool
}

func TestFind(t *testing.T) {
	fy2324 := per("2023-04-01", "2024-03-31")
	story := Options{Latest: fy2324, Now: foiwire.MustDate("2024-08-04")}
	tests := []struct {
		name string
		text string
		opt  Options
		want []want
	}{
		{
			name: "heading that declares tax years",
			text: "2. How many were logged? [Between April 6 - April 5 2021/22, 2022/23, 2023/24]",
			want: []want{
				{"Between April 6 - April 5 2021/22", per("2021-04-06", "2022-04-05"), KindTaxYear, false, false},
				{"2022/23", per("2022-04-06", "2023-04-05"), KindTaxYear, false, false},
				{"2023/24", per("2023-04-06", "2024-04-05"), KindTaxYear, false, false},
			},
		},
		{
			name: "table rows",
			text: "Period | Count |\n6th Apr 2021 to 5th Apr 2022 | 14 |\n6th Apr 2022 to 5th Apr 2023 | 16 |\nTotal | 30 |",
			want: []want{
				{"6th Apr 2021 to 5th Apr 2022", per("2021-04-06", "2022-04-05"), KindTaxYear, false, false},
				{"6th Apr 2022 to 5th Apr 2023", per("2022-04-06", "2023-04-05"), KindTaxYear, false, false},
			},
		},
		{
			name: "last year alone and between",
			text: "Over the last year alone (between 2023/24) officers logged 12 cases.",
			opt:  story,
			want: []want{
				{"the last year", fy2324, KindFinancialYear, false, true},
				{"between 2023/24", fy2324, KindFinancialYear, false, false},
			},
		},
		{
			name: "last three years and since",
			text: "Reports doubled in the last three years, with 300 logged since 2021.",
			opt:  story,
			want: []want{
				{"the last three years", per("2021-04-01", "2024-03-31"), KindMultiYear, false, true},
				{"since 2021", per("2021-04-01", "2024-03-31"), KindMultiYear, false, true},
			},
		},
		{
			name: "year then the following year",
			text: "Officers recorded 40 crimes in 2021, then 55 the following year and 60 the year after that.",
			want: []want{
				{"2021", per("2021-01-01", "2021-12-31"), KindCalendarYear, false, false},
				{"the following year", per("2022-01-01", "2022-12-31"), KindCalendarYear, false, true},
				{"the year after", per("2023-01-01", "2023-12-31"), KindCalendarYear, false, true},
			},
		},
		{
			name: "this year so far",
			text: "This year so far, another 30 have been logged; so far the force has charged two.",
			opt:  story,
			want: []want{
				{"This year so far", fy2324, KindFinancialYear, true, true},
				{"so far", fy2324, KindFinancialYear, true, true},
			},
		},
		{
			name: "last year is the year before this one",
			text: "Last year 12 were charged, against 20 in the last 12 months.",
			opt:  story,
			want: []want{
				{"Last year", per("2022-04-01", "2023-03-31"), KindFinancialYear, false, true},
				{"the last 12 months", fy2324, KindFinancialYear, false, true},
			},
		},
		{
			name: "relative with no reference",
			text: "This year the number rose.",
			want: []want{{"This year", foiwire.Period{}, KindRelative, false, true}},
		},
		{
			name: "relative from today only",
			text: "Crimes so far this year: 14.",
			opt:  Options{Now: foiwire.MustDate("2024-05-10")},
			want: []want{{"so far this year", per("2024-01-01", "2024-05-10"), KindCalendarYear, true, true}},
		},
		{
			name: "years and a range in a request",
			text: "For the years 2012, 2013, 2014 and the period 1st January 2015 to 15th March 2015, please say.",
			want: []want{
				{"2012", per("2012-01-01", "2012-12-31"), KindCalendarYear, false, false},
				{"2013", per("2013-01-01", "2013-12-31"), KindCalendarYear, false, false},
				{"2014", per("2014-01-01", "2014-12-31"), KindCalendarYear, false, false},
				{"1st January 2015 to 15th March 2015", per("2015-01-01", "2015-03-15"), KindRange, true, false},
			},
		},
		{
			name: "financial years in a list",
			text: "divided into financial years 2010-2011, 2011- 2012, and 2012-2013",
			want: []want{
				{"financial years 2010-2011", per("2010-04-01", "2011-03-31"), KindFinancialYear, false, false},
				{"2011- 2012", per("2011-04-01", "2012-03-31"), KindFinancialYear, false, false},
				{"2012-2013", per("2012-04-01", "2013-03-31"), KindFinancialYear, false, false},
			},
		},
		{
			name: "calendar years with a part year",
			text: "in the last five calendar years (2013, 2014, 2015, 2016, 2017 so far)",
			want: []want{
				{"the last five calendar years", foiwire.Period{}, KindRelative, false, true},
				{"2013", per("2013-01-01", "2013-12-31"), KindCalendarYear, false, false},
				{"2014", per("2014-01-01", "2014-12-31"), KindCalendarYear, false, false},
				{"2015", per("2015-01-01", "2015-12-31"), KindCalendarYear, false, false},
				{"2016", per("2016-01-01", "2016-12-31"), KindCalendarYear, false, false},
				{"2017 so far", per("2017-01-01", "2017-12-31"), KindCalendarYear, true, false},
			},
		},
		{
			name: "request dates with inclusive words",
			text: "recorded from (and including) April 1st 2023 until (and including) March 31st, 2024.",
			want: []want{
				{"from (and including) April 1st 2023 until (and including) March 31st, 2024", fy2324, KindFinancialYear, false, false},
			},
		},
		{
			name: "months in a refusal",
			text: "Reports received September to November 2021, broken down by month: September 2021",
			want: []want{
				{"September to November 2021", per("2021-09-01", "2021-11-30"), KindRange, false, false},
				{"September 2021", per("2021-09-01", "2021-09-30"), KindMonth, false, false},
			},
		},
		{
			name: "numbers that are not years",
			text: "Ref 0100.2019-20: about 2000 crimes, £2024 spent, 2,000 hits, a 24-hour line, an 11-year-old, call 01202 222222, under the Sexual Offences Act 2003, up 2024%.",
		},
		{
			name: "single dates are not periods",
			text: "Date of request: 16/03/15. Version date: 22/07/2024. Dated: 23 Apr 2015. She died on Saturday, March 2.",
		},
		{
			name: "from a single year",
			text: "complaints from 2015 onwards",
			want: []want{{"2015", per("2015-01-01", "2015-12-31"), KindCalendarYear, false, false}},
		},
		{
			name: "footnoted year in a table",
			text: "Year | Malicious communications |\n2023* | 904 |",
			want: []want{{"2023*", per("2023-01-01", "2023-12-31"), KindCalendarYear, false, false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.text, tt.opt)
			if len(got) != len(tt.want) {
				t.Fatalf("Find found %d periods, want %d: %+v", len(got), len(tt.want), texts(got))
			}
			for i, g := range got {
				w := tt.want[i]
				if g.Text != w.text || g.Period != w.period || g.Kind != w.kind || g.PartYear != w.partYear || g.Relative != w.relative {
					t.Errorf("found %d = %q %v %s part=%v rel=%v; want %q %v %s part=%v rel=%v",
						i, g.Text, g.Period, g.Kind, g.PartYear, g.Relative, w.text, w.period, w.kind, w.partYear, w.relative)
				}
				if end := g.Offset + len(g.Text); end > len(tt.text) || tt.text[g.Offset:end] != g.Text {
					t.Errorf("found %d: Offset %d does not point at its Text %q", i, g.Offset, g.Text)
				}
			}
		})
	}
}

func TestFindSinceWithoutReference(t *testing.T) {
	got := Find("Logged since April 2021.", Options{})
	if len(got) != 1 {
		t.Fatalf("Find = %v, want one period", texts(got))
	}
	g := got[0]
	if g.Kind != KindRelative || !g.Start.Equal(foiwire.MustDate("2021-04-01")) || !g.End.IsZero() {
		t.Errorf("since with no reference = %v %s, want start 2021-04-01 and no end", g.Period, g.Kind)
	}
}

func texts(fs []Found) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Text)
	}
	return out
}
