package foiwire

import "testing"

func TestFigureKey(t *testing.T) {
	for _, tt := range []struct {
		f    Figure
		want string
	}{
		{Figure{Measure: MeasureOffence, Source: Source{Document: "ab12", Table: 2, Row: 31, Col: 4}}, "ab12/2/31/4/offence"},
		{Figure{Measure: MeasurePeriod, Source: Source{Document: "ab12", Table: 0, Row: -1, Col: 0}}, "ab12/0/-1/0/period"},
		{Figure{Measure: MeasurePeriod, Source: Source{File: "data/figures.csv", Row: 7}}, "data/figures.csv:7/period"},
	} {
		if got := tt.f.Key(); got != tt.want {
			t.Errorf("Key() = %q, want %q", got, tt.want)
		}
	}
}
