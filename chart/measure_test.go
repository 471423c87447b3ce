package chart

import (
	"testing"

	"github.com/foiwire/foiwire"
	"golang.org/x/image/font"
)

// TestMeasureOnIsMeasureWhole checks that measuring b on from a's measure
// gives font.MeasureString(a + b) to the bit, at the sizes, weights,
// scales and hinting the charts use, so wrap breaks lines where it did.
func TestMeasureOnIsMeasureWhole(t *testing.T) {
	parts := []string{"", " ", "Offences", " recorded", " by", " Avon and Somerset Constabulary", "—", "AV", "To", " 1,106", "ﬁ", "€", "naïve", "\u0301", "\xff"}
	for _, hint := range []font.Hinting{font.HintingNone, font.HintingFull} {
		for _, scale := range []float64{1, PNGScale} {
			fs, err := newFaces(scale, hint)
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []float64{titleSize, labelSize, noteSize} {
				for _, bold := range []bool{false, true} {
					for _, a := range parts {
						adv, prev := fs.measure(0, -1, a, size, bold)
						for _, b := range parts {
							got, _ := fs.measure(adv, prev, b, size, bold)
							if want := font.MeasureString(fs.face(size, bold), a+b); got != want {
								t.Errorf("hint %v scale %v size %v bold %v: %q then %q measures %v; whole %v", hint, scale, size, bold, a, b, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestMeasurerIsHeight measures charts of different heights with one
// Measurer, both ways round, against Chart.Height of each.
func TestMeasurerIsHeight(t *testing.T) {
	long := foiwire.Authority{ID: "kent", Name: "The Chief Constable of a Force With a Very Long Name Indeed That Wraps", ShortName: "Kent"}
	var charts []Chart
	for _, a := range []foiwire.Authority{kent, long} {
		for _, facts := range [][]foiwire.Fact{
			{count(fy(2021), 71), count(fy(2022), 66), count(fy(2023), 98)},
			{count(fy(2023), 98), offence("Stalking", 9), offence("Malicious communications sent by a very long way round", 41)},
			{count(fy(2022), 80), count(foiwire.Period{Start: fy(2023).Start, End: foiwire.MustDate("2023-09-30")}, 50, "part year"), offence("Harassment", 30)},
		} {
			c, err := ForForce(a, facts, ForceOptions{Topic: "TikTok"})
			if err != nil {
				t.Fatal(err)
			}
			charts = append(charts, c)
		}
	}
	want := make([]int, len(charts))
	for i, c := range charts {
		h, err := c.Height()
		if err != nil {
			t.Fatal(err)
		}
		want[i] = h
	}
	// Height places no shapes: it must give the height of the layout
	// that places them all.
	for i, c := range charts {
		fs, err := newFaces(1, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		if _, h := layout(c, fs); int(h) != want[i] {
			t.Errorf("chart %d: Height %d; the full layout %v", i, want[i], h)
		}
	}
	m, err := NewMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 0} {
		if h, err := m.Height(charts[i]); err != nil || h != want[i] {
			t.Errorf("chart %d: Measurer gives %d, %v; Height %d", i, h, err, want[i])
		}
	}
}
