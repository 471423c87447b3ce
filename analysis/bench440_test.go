//go:build unix

package analysis_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/bench/gen"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"
)

// BenchmarkDerive440 derives the facts of the 44-force × 10-reply
// benchmark campaign's figures (about 9,500 figures, 11,000 facts), as a
// build does after reading the replies.
func BenchmarkDerive440(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	if _, err := gen.Campaign(ctx, dir, gen.Options{Forces: 44, Replies: 10, Rows: 12, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	res, err := pipeline.Build(ctx, pipeline.Options{Dir: dir, NoCache: true, Now: func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		b.Fatal(err)
	}
	usable := func(f *foiwire.Figure) bool { return f.Confidence != foiwire.ConfidenceReview }
	figs := slices.Clone(res.Figures)
	var facts []foiwire.Fact
	defer testenv.ReportCPU(b)()
	for b.Loop() {
		if facts, err = analysis.DeriveWhere(res.Campaign.Campaign, res.Campaign.Registry, figs, usable); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(figs)), "figures")
	b.ReportMetric(float64(len(facts)), "facts")
}
