package mailer

import (
	"context"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/pipeline"
)

// buildAndCheck runs the campaign's build over the filed replies and
// checks that each force's three yearly counts came through as figures.
func buildAndCheck(t *testing.T, f *fixture) {
	t.Helper()
	f.db.Close() // the build opens the database itself
	res, err := pipeline.Build(context.Background(), pipeline.Options{Dir: f.dir,
		Now: func() time.Time { return time.Date(2024, 8, 1, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("build problem: %s/%s: %s", p.Authority, p.File, p.Message)
	}
	years := []string{"2021-04-01", "2022-04-01", "2023-04-01"}
	got := map[string]map[string]int64{}
	refusals := map[string]bool{}
	for _, fig := range res.Figures {
		if fig.Measure == foiwire.MeasureRefusal {
			refusals[fig.Authority] = true
			continue
		}
		if fig.Measure != foiwire.MeasurePeriod || fig.Question != "q1" {
			continue
		}
		if v, ok := fig.Int(); ok {
			if got[fig.Authority] == nil {
				got[fig.Authority] = map[string]int64{}
			}
			got[fig.Authority][fig.Start.String()] = v
		}
	}
	complete := 0
	for i, r := range f.reqs {
		if replyKind(i) == "refusal" {
			if !refusals[r.Authority] {
				t.Errorf("%s: the build found no refusal", r.Authority)
			}
			continue
		}
		want := figures(i)
		ok := true
		for y, start := range years {
			if got[r.Authority][start] != int64(want[y]) {
				t.Errorf("%s (%s): %s figure %d, want %d", r.Authority, replyKind(i), start, got[r.Authority][start], want[y])
				ok = false
			}
		}
		if ok {
			complete++
		}
	}
	t.Logf("build: %d figures from %d reply files; all three years read for %d of %d answering forces",
		len(res.Figures), res.Replies, complete, len(f.reqs)-2)
}
