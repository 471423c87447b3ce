package chart

import (
	"fmt"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
)

var kent = foiwire.Authority{ID: "kent", Name: "Kent Police", ShortName: "Kent"}

func fy(y int) foiwire.Period {
	return foiwire.Period{Start: foiwire.MustDate(fmt.Sprintf("%d-04-01", y)), End: foiwire.MustDate(fmt.Sprintf("%d-03-31", y+1))}
}

func count(p foiwire.Period, v float64, caveats ...string) foiwire.Fact {
	return foiwire.Fact{Authority: "kent", Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod, Period: p, Value: v, Caveats: caveats}
}

func offence(label string, v float64) foiwire.Fact {
	return foiwire.Fact{Authority: "kent", Kind: foiwire.FactCount, Measure: foiwire.MeasureOffence, Period: fy(2023), Label: label, Value: v}
}

func TestForForce(t *testing.T) {
	facts := []foiwire.Fact{
		count(fy(2023), 98), count(fy(2021), 71), count(fy(2022), 66),
		offence("Stalking", 9), offence("Malicious communications", 41), offence("Blackmail", 1),
		{Authority: "essex", Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod, Period: fy(2023), Value: 500},
	}
	c, err := ForForce(kent, facts, ForceOptions{Topic: "TikTok"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "TikTok-linked offences recorded by Kent Police" {
		t.Errorf("title = %q", c.Title)
	}
	if len(c.Panels) != 2 || len(c.Panels[0].Bars) != 3 || len(c.Panels[1].Bars) != 3 {
		t.Fatalf("panels = %+v", c.Panels)
	}
	years := c.Panels[0].Bars
	if years[0].Label != "2021/22" || years[2].Value != 98 || !years[2].Accent || years[0].Accent {
		t.Errorf("year bars = %+v, want oldest first, the latest picked out", years)
	}
	if c.Panels[1].Bars[0].Label != "Malicious communications" {
		t.Errorf("offence bars not largest first: %+v", c.Panels[1].Bars)
	}
	want := "A column chart of the offences Kent Police recorded each year: 71 in 2021/22, 66 in 2022/23 and 98 in 2023/24. " +
		"A bar chart of the offence types it listed for 2023/24, with the number of each: malicious communications, 41; stalking, 9; and blackmail, 1."
	if c.Alt != want {
		t.Errorf("alt =\n%q\nwant\n%q", c.Alt, want)
	}
	if !strings.Contains(c.Source, "Kent Police") {
		t.Errorf("source %q does not name the force", c.Source)
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"Stalking": "stalking", "Malicious Communications": "malicious communications",
		"Taking, making or distributing indecent photographs of Children": "taking, making or distributing indecent photographs of Children",
		"ABH": "ABH", "Assault (ABH)": "assault (ABH)",
	} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestForForcePartYearAndTotals(t *testing.T) {
	c, err := ForForce(kent, []foiwire.Fact{count(fy(2022), 80), count(foiwire.Period{Start: fy(2023).Start, End: foiwire.MustDate("2023-09-30")}, 50, "part year")}, ForceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	last := c.Panels[0].Bars[1]
	if !last.Partial || !strings.HasSuffix(last.Label, "*") || len(c.Notes) == 0 || !strings.Contains(c.Notes[0], "not a complete year") {
		t.Errorf("part year not marked: bar %+v, notes %q", last, c.Notes)
	}
	if c.Title != "Offences recorded by Kent Police" {
		t.Errorf("title without a topic = %q", c.Title)
	}

	total := foiwire.Fact{Authority: "kent", Kind: foiwire.FactTotal, Measure: foiwire.MeasurePeriod, Period: foiwire.Period{Start: fy(2021).Start, End: fy(2023).End}, Value: 252}
	c, err = ForForce(kent, []foiwire.Fact{total, offence("Theft", 6)}, ForceOptions{Number: func(n int64) string { return fmt.Sprintf("n%d", n) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Panels) != 1 || !strings.Contains(c.Subtitle, "only a total of 252 between 2021/22 and 2023/24") {
		t.Errorf("total-only chart: panels %d, subtitle %q", len(c.Panels), c.Subtitle)
	}
	if !strings.Contains(c.Alt, "n252 offences between 2021/22 and 2023/24") {
		t.Errorf("alt text does not use the given number style: %q", c.Alt)
	}

	if _, err := ForForce(kent, []foiwire.Fact{total}, ForceOptions{}); err == nil || !strings.Contains(err.Error(), "chart for kent") {
		t.Errorf("no bars: error %v", err)
	}
}
