package story

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
)

// benchOffences are offence wordings forces use, with the share of a
// year's offences each tends to take.
var benchOffences = []struct {
	label, key string
	share      float64
}{
	{"Malicious communications", "8R", 0.30},
	{"Harassment", "8L", 0.18},
	{"Stalking", "8Q", 0.09},
	{"Sexual communication with a child", "offence:sexual-communication-with-a-child", 0.07},
	{"Blackmail", "35", 0.05},
	{"Threats to kill", "", 0.04},
}

// benchOutcomes are Home Office outcomes with the share each tends to take.
var benchOutcomes = []struct {
	label, key string
	share      float64
}{
	{"Charge/summons", "HO1", 0.04},
	{"Investigation complete - no suspect identified", "HO18", 0.35},
	{"Evidential difficulties - suspect identified, victim supports action", "HO15", 0.25},
	{"Evidential difficulties - victim does not support action", "HO16", 0.20},
	{"Under investigation", "pending", 0.10},
}

// benchFigures makes plausible figures for every force in England and Wales
// and the PSNI: 45 forces, three years each, the latest year's offence mix
// and outcomes.
func benchFigures(seed uint64) (foiwire.Campaign, []foiwire.Figure) {
	r := rand.New(rand.NewPCG(seed, 45))
	c := testCampaign()
	reg := authority.Police()
	var ids []string
	for _, a := range reg.All() {
		ids = append(ids, a.ID)
	}
	ids = append(ids, "northern-ireland")
	c.Authorities = ids
	var figs []foiwire.Figure
	row := 0
	add := func(f foiwire.Figure) {
		row++
		f.Status, f.Confidence = foiwire.StatusOK, foiwire.ConfidenceHigh
		f.Source = foiwire.Source{File: "bench.csv", Row: row}
		figs = append(figs, f)
	}
	for _, id := range ids {
		n := int64(20 + r.IntN(400))
		var latest int64
		for y := 2021; y <= 2023; y++ {
			n = max(5, n+int64(r.NormFloat64()*float64(n)*0.25)+n/8)
			latest = n
			add(foiwire.Figure{Authority: id, Measure: foiwire.MeasurePeriod, Period: fy(y), Label: fy(y).Start.String()[:4], Value: foiwire.Int64(n)})
		}
		for _, o := range benchOffences {
			v := int64(float64(latest) * o.share * (0.6 + 0.8*r.Float64()))
			add(foiwire.Figure{Authority: id, Measure: foiwire.MeasureOffence, Period: fy(2023), Label: o.label, Category: o.key, Value: foiwire.Int64(v)})
		}
		left := latest
		for i, o := range benchOutcomes {
			v := int64(float64(latest) * o.share * (0.7 + 0.6*r.Float64()))
			if i == len(benchOutcomes)-1 || v > left {
				v = left
			}
			left -= v
			add(foiwire.Figure{Authority: id, Measure: foiwire.MeasureOutcome, Period: fy(2023), Label: o.label, Category: o.key, Value: foiwire.Int64(v)})
		}
	}
	return c, figs
}

// BenchmarkPublish derives the facts of 45 forces' figures and writes every
// force's story, ninjs, SVG and PNG chart, with the indexes.
func BenchmarkPublish(b *testing.B) {
	c, figs := benchFigures(1)
	reg := authority.Police()
	tm := exampleTemplate(b)
	dir := b.TempDir()
	now := func() time.Time { return buildTime }
	for b.Loop() {
		facts, err := analysis.Derive(c, reg, figs)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := Publish(context.Background(), dir, c, reg, figs, facts, Options{Template: tm, Now: now})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Written) != 45 {
			b.Fatalf("wrote %d stories, want 45; refused: %v", len(rep.Written), rep.Refused)
		}
	}
}
