package dataset

import (
	"context"
	"testing"

	"github.com/foiwire/foiwire"
)

func TestCutoffOf(t *testing.T) {
	tests := []struct {
		context, want string
	}{
		{"The table below gives the notices issued (up to 15^th October 2023)", "2023-10-15"},
		{"Figures as at 31/03/2024:", "2024-03-31"},
		{"Earlier text. Reports until 5 April 2024.", "2024-04-05"},
		{"Reports up to 31 February 2024.", ""},
		{"Reports up to 3 Octember 2024.", ""},
		{"Reports up to 1 May 2023 and as at 2 May 2023.", ""},
		{"Reports for 2023.", ""},
	}
	for _, tt := range tests {
		d, ok := cutoffOf(tt.context)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("cutoffOf(%q) = %q, want %q", tt.context, got, tt.want)
		}
	}
}

// TestClipToCutoff: the column of a year the figures stop part-way through,
// and the month they stop in, end at the stated date; earlier ones do not.
func TestClipToCutoff(t *testing.T) {
	tab := grid("Reports received (up to 15 March 2023):", false,
		"|2022|2023", "Jan|40|44", "Feb|36|43", "Mar|30|31", "Total|106|118")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	got := map[string]string{}
	for _, f := range figs {
		got[f.Label] = f.Period.String()
	}
	want := map[string]string{
		"Mar 2023": "2023-03-01..2023-03-15", "Total 2023": "2023-01-01..2023-03-15",
		"Mar 2022": "2022-03-01..2022-03-31", "Total 2022": "2022-01-01..2022-12-31", "Feb 2023": "2023-02-01..2023-02-28",
	}
	for l, p := range want {
		if got[l] != p {
			t.Errorf("%s: period %s, want %s", l, got[l], p)
		}
	}
}

func TestFYEvidenceIn(t *testing.T) {
	tests := map[string]string{
		"Figures for 2019/20 and 2020/21":           "2019/20",
		"2019 – 89 outcomes\n2020 – 114 outcomes":   "",
		"2019 – 89 outcomes. In the financial year": "financial year",
		"from 2019-2020":  "2019-2020",
		"2099/00 was odd": "2099/00",
		"1999 - 2021":     "",
	}
	for text, want := range tests {
		if got := fyEvidenceIn(text); got != want {
			t.Errorf("fyEvidenceIn(%q) = %q, want %q", text, got, want)
		}
	}
}
