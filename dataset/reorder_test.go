package dataset

import (
	"context"
	"testing"

	"github.com/foiwire/foiwire"
)

// TestNewLayouts reads three layouts: periods right of their counts; one
// series named over every period in a two-row heading; and sentences that
// each give one period and one count (a sentence with a cost is left out).
func TestNewLayouts(t *testing.T) {
	sentences := grid("", false,
		"In 2021/22 there were 14 drone sightings.",
		"In 2022/23 there were 1,016 drone sightings.",
		"In 2023/24 the cost was £45 for 3 sightings.")
	sentences.Kind = foiwire.KindSentences
	tests := []struct {
		name string
		tab  foiwire.Table
		want map[string]int64
	}{
		{"label right", grid("Figures:", false,
			"Number of sightings|Period", "14|2021/22", "16|2022/23"),
			map[string]int64{"2021-04-01..2022-03-31": 14, "2022-04-01..2023-03-31": 16}},
		{"series over periods", grid("Figures:", false,
			"|Sightings|Sightings", "|2021/22|2022/23", "Sightings|14|16"),
			map[string]int64{"2021-04-01..2022-03-31": 14, "2022-04-01..2023-03-31": 16}},
		{"sentences", sentences,
			map[string]int64{"2021-04-01..2022-03-31": 14, "2022-04-01..2023-03-31": 1016}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tt.tab}, "")
			got := map[string]int64{}
			for _, f := range figs {
				v, _ := f.Int()
				got[f.Period.String()] = v
			}
			if len(got) != len(tt.want) {
				t.Errorf("read %v, want %v", got, tt.want)
			}
			for p, v := range tt.want {
				if got[p] != v {
					t.Errorf("%s = %d, want %d (read %v)", p, got[p], v, got)
				}
			}
		})
	}
}

// TestSeriesGroupsAndSentenceRuns: a wide table of series grouped over
// periods is read as the cross-tab it flattens; a row holding several
// sentences is read sentence by sentence.
func TestSeriesGroupsAndSentenceRuns(t *testing.T) {
	wide := grid("Figures:", false,
		"|Arson|Arson|Theft|Theft",
		"|2021/22|2022/23|2021/22|2022/23",
		"Number of crimes|4|5|40|45")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{wide}, "")
	got := map[string]int64{}
	for _, f := range figs {
		v, _ := f.Int()
		got[f.Label] = v
	}
	if got["Arson 2021/22"] != 4 || got["Theft 2022/23"] != 45 || len(figs) != 4 {
		t.Errorf("wide table read %v", got)
	}
	for _, f := range figs {
		if f.Label == "Theft 2022/23" && (f.Source.Row != 2 || f.Source.Col != 4) {
			t.Errorf("figure points at row %d column %d, want the cell that printed it (2, 4)", f.Source.Row, f.Source.Col)
		}
	}
	run := grid("", false, "In 2021/22 there were 14 drone sightings. In 2022/23 there were 16 drone sightings.")
	run.Kind = foiwire.KindSentences
	run.Rows = append(run.Rows, []foiwire.Cell{{Row: 1, Text: "In 2023/24 there were 18 drone sightings."}})
	figs, _ = newReader(1).tables(context.Background(), []foiwire.Table{run}, "")
	byPeriod := map[string]int64{}
	for _, f := range figs {
		v, _ := f.Int()
		byPeriod[f.Period.String()] = v
	}
	if byPeriod["2022-04-01..2023-03-31"] != 16 || byPeriod["2023-04-01..2024-03-31"] != 18 || len(figs) != 3 {
		t.Errorf("sentences read %v", byPeriod)
	}
}
