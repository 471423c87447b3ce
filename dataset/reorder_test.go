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
