package layouts

import (
	"strings"
	"testing"
)

func TestPeriodOf(t *testing.T) {
	tests := []struct {
		start, end, want string
		year             bool
	}{
		{"2021-01-01", "2021-12-31", "2021", true},
		{"2021-04-01", "2022-03-31", "2021/22", false},
		{"2021-04-06", "2022-04-05", "6 April 2021 to 5 April 2022", false},
		{"2020-02-01", "2020-02-29", "Feb 2020", false},
		{"2023-10-01", "2023-10-15", "", false}, // a part month has no usual printing
		{"2022-01-01", "2021-12-31", "", false},
	}
	for _, tt := range tests {
		p := periodOf(tt.start, tt.end)
		if p.Label != tt.want || p.Year != tt.year {
			t.Errorf("periodOf(%s, %s) = %q (year %v), want %q (year %v)", tt.start, tt.end, p.Label, p.Year, tt.want, tt.year)
		}
	}
}

func TestSeriesOf(t *testing.T) {
	for label, want := range map[string]string{
		"Arbourthorne 2020":                   "Arbourthorne",
		"2019/2020":                           "",
		"Jan 2018":                            "",
		"Criminal Damage 2021/22":             "Criminal Damage",
		"6th Apr 2021 to 5th Apr 2022":        "",
		"Odour - Domestic 2024 (To 29th Feb)": "Odour - Domestic",
	} {
		if got := seriesOf(label, "period"); got != want {
			t.Errorf("seriesOf(%q) = %q, want %q", label, got, want)
		}
	}
}

func TestRenderEveryLayout(t *testing.T) {
	d := Dataset{Name: "test", Authority: "x", Subject: "offences", Series: []string{"Arson", "Theft"},
		Periods: []Period{{Label: "2021", Start: "2021-01-01", End: "2021-12-31", Year: true}, {Label: "2022", Start: "2022-01-01", End: "2022-12-31", Year: true}},
		Values:  [][]int64{{3, 4}, {150, 1206}}}
	for _, l := range Layouts {
		r, ok, err := Render(d, l, Text)
		if err != nil || !ok {
			t.Fatalf("%s: ok %v, %v", l, ok, err)
		}
		for _, v := range []string{"3", "4", "150", "1206"} {
			if !strings.Contains(string(r.Data), v) {
				t.Errorf("%s: %q lacks %s", l, r.Data, v)
			}
		}
		if len(r.Expected) != 4 {
			t.Errorf("%s: %d expected figures", l, len(r.Expected))
		}
	}
	if _, ok, _ := Render(Dataset{Periods: []Period{{Label: "2021/22"}}, Series: []string{""}, Values: [][]int64{{1}}}, CrossTabYears, CSV); ok {
		t.Error("a cross-tab of whole years rendered from financial years")
	}
}
