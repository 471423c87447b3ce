package chart

import (
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
)

func TestForNation(t *testing.T) {
	span := foiwire.Period{Start: foiwire.MustDate("2021-04-01"), End: foiwire.MustDate("2024-03-31")}
	f := func(auth string, v float64) foiwire.Fact {
		return foiwire.Fact{ID: auth + "/total/period/x", Authority: auth, Kind: foiwire.FactTotal, Measure: foiwire.MeasurePeriod, Period: span, Value: v}
	}
	facts := []foiwire.Fact{f("kent", 106), f("essex", 513), f("dorset", 106),
		{ID: "national/national_total/total/period/x", Authority: foiwire.National, Kind: foiwire.FactNationalTotal, Measure: foiwire.MeasurePeriod, Period: span, Value: 725, Of: 3,
			Inputs: []string{"kent/total/period/x", "essex/total/period/x", "dorset/total/period/x"}}}
	c, err := ForNation(facts, NationOptions{Topic: "TikTok", Name: strings.ToUpper})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, b := range c.Panels[0].Bars {
		labels = append(labels, b.Label)
	}
	if got := strings.Join(labels, " "); got != "ESSEX DORSET KENT" {
		t.Errorf("bars %q, want largest first, ties by name", got)
	}
	if !strings.Contains(strings.Join(c.Notes, " "), "Tied: 106 (2 forces)") || !strings.Contains(strings.Join(c.Notes, " "), "not rates") {
		t.Errorf("notes %q", c.Notes)
	}
	for _, sp := range c.AltSpans {
		if sp.Fact == "" || sp.End > len(c.Alt) {
			t.Errorf("bad span %+v", sp)
		}
	}
	if _, err := c.SVG(); err != nil {
		t.Fatal(err)
	}
	if _, err := ForNation(facts[:3], NationOptions{}); err == nil {
		t.Error("no national total: want an error")
	}
}
