//go:build unix

package story_test

import (
	"context"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/bench/gen"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"
	"github.com/foiwire/foiwire/story"
)

// campaign440 builds the 44-force × 10-reply benchmark campaign once and
// gives it with the figures a story may stand on.
func campaign440(b *testing.B) (*campaign.Dir, []foiwire.Figure) {
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
	figs := slices.DeleteFunc(slices.Clone(res.Figures), func(f foiwire.Figure) bool { return f.Confidence == foiwire.ConfidenceReview })
	return res.Campaign, figs
}

// memCharts is a chart cache in memory that, like a build's, keeps only
// the charts of the last build.
type memCharts struct {
	mu   sync.Mutex
	m    map[string][2][]byte
	used map[string]bool
}

func (c *memCharts) Get(key string) (svg, png []byte, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	if ok {
		c.used[key] = true
	}
	return v[0], v[1], ok
}

func (c *memCharts) Put(key string, svg, png []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = [2][]byte{svg, png}
	c.used[key] = true
}

func (c *memCharts) prune() {
	maps.DeleteFunc(c.m, func(k string, _ [2][]byte) bool { return !c.used[k] })
	clear(c.used)
}

// memChecks is a check memo in memory that, like a build's, keeps only
// the passes of the last build.
type memChecks struct {
	mu        sync.Mutex
	old, used map[string]bool
}

func (c *memChecks) Passed(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.old[key] {
		c.used[key] = true
		return true
	}
	return false
}

func (c *memChecks) Pass(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[key] = true
}

func (c *memChecks) prune() { c.old, c.used = c.used, map[string]bool{} }

// BenchmarkPublish440OneChanged is the facts-and-stories step of a rebuild
// of the 440-reply campaign in which one force's figures changed: derive
// every fact and publish every story, charts coming from the chart cache
// where they draw as before (the changed force's and the national chart
// are drawn) and self-check verdicts from the check memo where a story's
// words and linked facts are as before. Each iteration flips one of dorset's counts.
func BenchmarkPublish440OneChanged(b *testing.B) {
	d, figs := campaign440(b)
	changed := slices.Clone(figs)
	i := slices.IndexFunc(changed, func(f foiwire.Figure) bool {
		_, ok := f.Int()
		return f.Authority == "dorset" && f.Measure == foiwire.MeasureOffence && ok
	})
	if i < 0 {
		b.Fatal("no dorset offence count to change")
	}
	// Every reading of that count changes, as when a reply is corrected.
	at := changed[i]
	for j, f := range changed {
		if v, ok := f.Int(); ok && f.Authority == at.Authority && f.Measure == at.Measure && f.Category == at.Category && f.Period == at.Period {
			changed[j].Value = foiwire.Int64(v + 1)
		}
	}
	tmpl, err := story.LoadTemplate(context.Background(), d.Path)
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	charts := &memCharts{m: map[string][2][]byte{}, used: map[string]bool{}}
	checks := &memChecks{old: map[string]bool{}, used: map[string]bool{}}
	publish := func(figs []foiwire.Figure) {
		facts, err := analysis.Derive(d.Campaign, d.Registry, figs)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := story.Publish(context.Background(), out, d.Campaign, d.Registry, nil, facts, story.Options{
			Template: tmpl, Charts: charts, Checks: checks, Now: func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) },
		})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Written) != 44 {
			b.Fatalf("wrote %d stories, want 44; refused: %v", len(rep.Written), rep.Refused)
		}
		charts.prune()
		checks.prune()
	}
	publish(figs)
	publish(changed)
	n := 0
	defer testenv.ReportCPU(b)()
	for b.Loop() {
		n++
		if n%2 == 1 {
			publish(figs)
		} else {
			publish(changed)
		}
	}
}
