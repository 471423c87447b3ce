package chart

import (
	"testing"

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
