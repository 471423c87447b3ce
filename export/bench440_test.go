//go:build unix

package export_test

import (
	"context"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/foiwire/foiwire/bench/gen"
	"github.com/foiwire/foiwire/export"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"
)

// campaign440 builds the 44-force × 10-reply benchmark campaign (about
// 9,500 figures and 11,000 facts) and gives the workbook a build of it
// writes, names and all.
func campaign440(b *testing.B) export.Data {
	b.Helper()
	dir := b.TempDir()
	ctx := context.Background()
	if _, err := gen.Campaign(ctx, dir, gen.Options{Forces: 44, Replies: 10, Rows: 12, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	res, err := pipeline.Build(ctx, pipeline.Options{Dir: dir, NoCache: true, Now: func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		b.Fatal(err)
	}
	name := func(id string) string {
		if a, ok := res.Campaign.Registry.ByID(id); ok {
			return a.Name
		}
		return id
	}
	return export.Data{Figures: res.Figures, Review: nonNil(res.Review), Facts: nonNil(res.Facts),
		Stories: nonNil(res.StoryRecords), Names: name}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// BenchmarkWorkbook440 streams the benchmark campaign's workbook to a
// writer, as a build writes campaign.xlsx.
func BenchmarkWorkbook440(b *testing.B) {
	d := campaign440(b)
	// The build's garbage is collected now, not counted against the
	// workbook.
	runtime.GC()
	var size int64
	b.ReportAllocs()
	b.ResetTimer()
	defer testenv.ReportCPU(b)()
	for b.Loop() {
		var n countWriter
		if err := export.WriteWorkbook(&n, d); err != nil {
			b.Fatal(err)
		}
		size = int64(n)
	}
	b.ReportMetric(float64(len(d.Figures)), "figures")
	b.ReportMetric(float64(len(d.Facts)), "facts")
	b.ReportMetric(float64(size), "file-bytes")
}

// countWriter counts the bytes written to it and keeps none.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)
