package dataset

import (
	"context"
	"testing"

	"github.com/foiwire/foiwire"
)

// TestGroupHeadingAboveTable: a group heading a flattened reply printed once
// per column on the line above the table heads each column but the total;
// a line that repeats no group, or repeats it more often than there are
// columns, changes nothing.
func TestGroupHeadingAboveTable(t *testing.T) {
	tests := []struct {
		context string
		want    string // label of the first column's 2021 figure
	}{
		{"Please see below. Barking - Barking -", "Barking - Homes 2021"},
		{"Please see below. Barking Barking", "Barking Homes 2021"},
		{"Please see below.", "Homes 2021"},
		{"Loud - Loud - Loud -", "Homes 2021"},
		{"2020 2020", "Homes 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.context, func(t *testing.T) {
			tab := grid(tt.context, false,
				"Year|Homes|Shops|Total",
				"2021|12|5|17",
				"2022|9|7|16")
			figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
			got := map[string]int64{}
			for _, f := range figs {
				v, _ := f.Int()
				got[f.Label] = v
			}
			if v, ok := got[tt.want]; !ok || v != 12 {
				t.Errorf("no %q = 12 in %v", tt.want, got)
			}
			if got["Total 2021"] != 17 {
				t.Errorf("the total column keeps its own heading: %v", got)
			}
		})
	}
}

// TestPenaltyNoticesAreOutcomes: a count by period of notices handed out is
// an outcome, named by its own words or, when they are only a period, by the
// sentence that introduces the table; a count of reports stays a count by
// period.
func TestPenaltyNoticesAreOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		tab     foiwire.Table
		measure foiwire.Measure
	}{
		{"months under years, notices named above", grid("The table below gives the penalty charge notices issued:", false,
			"|2021|2022", "Jan|40|44", "Feb|36|43", "Mar|30|31", "Total|106|118"), foiwire.MeasureOutcome},
		{"columns name the notices", grid("Figures:", false,
			"Year|Reports of dumping|FPNs for dumping", "2021|60|21", "2022|70|25"), ""},
		{"reports only", grid("The table below gives the reports received:", false,
			"|2021|2022", "Jan|40|44", "Feb|36|43", "Mar|30|31"), foiwire.MeasurePeriod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tt.tab}, "")
			if len(figs) == 0 {
				t.Fatal("no figures")
			}
			for _, f := range figs {
				want := tt.measure
				if want == "" {
					// Per column: the notices are outcomes, the reports not.
					want = foiwire.MeasurePeriod
					if sanctionRE.MatchString(f.Label) {
						want = foiwire.MeasureOutcome
					}
				}
				if f.Measure != want {
					t.Errorf("%q read as %s, want %s", f.Label, f.Measure, want)
				}
			}
		})
	}
}

// TestCountOnTheDaySent: a list of names with counts and no period, in a
// message of a thread, is a count on the day the message was sent, for
// review; it is not read as offences.
func TestCountOnTheDaySent(t *testing.T) {
	tab := grid("Please find the figures below:", false, "Oakley|22", "Pryce|<5", "Quayle|14")
	tab.Part = "message 3 (2025-03-31)"
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	if len(figs) != 3 {
		t.Fatalf("read %d figures, want 3: %+v", len(figs), figs)
	}
	for _, f := range figs {
		if f.Measure != foiwire.MeasurePeriod || f.Period.String() != "2025-03-31..2025-03-31" || f.Confidence != foiwire.ConfidenceReview {
			t.Errorf("figure %+v", f)
		}
	}
	tab.Part = ""
	figs, _ = newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	for _, f := range figs {
		if !f.Period.IsZero() {
			t.Errorf("without a date, no period may be guessed: %+v", f)
		}
	}
}

// TestProseLinesWhenNoTable: a reply whose figures are only in lines of
// prose is read from them, each line's own period kept, all for review.
func TestProseLinesWhenNoTable(t *testing.T) {
	text := "Dear Sir,\nThank you for your request.\nResponse:\n" +
		"Dog attacks reported between 01/05/22 and 30/04/23: 61\n" +
		"Dog attacks reported between 01/05/23 and 30/04/24: 75\n" +
		"Yours sincerely,\nThe Council\n"
	out, err := Read(context.Background(), Input{Name: "reply.txt", Data: []byte(text), Authority: "council"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, f := range out.Figures {
		if f.Measure == foiwire.MeasureUnread {
			t.Fatalf("read nothing: %+v", f)
		}
		if f.Confidence != foiwire.ConfidenceReview {
			t.Errorf("a figure from prose must be for review: %+v", f)
		}
		v, _ := f.Int()
		got[f.Period.String()] = v
	}
	if got["2022-05-01..2023-04-30"] != 61 || got["2023-05-01..2024-04-30"] != 75 {
		t.Errorf("read %v", got)
	}
}
