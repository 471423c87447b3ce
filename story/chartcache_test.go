package story

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/chart"
)

// mapCharts is a ChartCache in memory that counts what it is asked.
type mapCharts struct {
	mu         sync.Mutex
	m          map[string][2][]byte
	hits, puts int
}

func (c *mapCharts) Get(key string) ([]byte, []byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	if ok {
		c.hits++
	}
	return v[0], v[1], ok
}

func (c *mapCharts) Put(key string, svg, png []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.puts++
	c.m[key] = [2][]byte{svg, png}
}

// TestChartCacheGivesTheSameBytes publishes with a chart cache twice and
// once without: every chart is drawn once, taken from the cache the second
// time, and the files are the same bytes as drawing them again.
func TestChartCacheGivesTheSameBytes(t *testing.T) {
	c := testCampaign()
	figs := articleFigures(t)
	facts := deriveFacts(t, c, figs)
	now := func() time.Time { return buildTime }
	tm := exampleTemplate(t)
	charts := &mapCharts{m: map[string][2][]byte{}}
	publish := func(dir string, cc ChartCache) {
		t.Helper()
		opts := Options{Template: tm, Now: now}
		if cc != nil {
			opts.Charts = cc
		}
		if _, err := Publish(context.Background(), dir, c, authority.Police(), figs, facts, opts); err != nil {
			t.Fatal(err)
		}
	}
	cached, plain := t.TempDir(), t.TempDir()
	publish(cached, charts)
	drawn := charts.puts
	if drawn != 5 || charts.hits != 0 { // four forces and the nation
		t.Fatalf("first build: %d charts drawn, %d taken from the cache; want 5 and 0", drawn, charts.hits)
	}
	publish(cached, charts)
	if charts.puts != drawn || charts.hits != drawn {
		t.Errorf("second build: %d more drawn, %d taken from the cache; want 0 and %d", charts.puts-drawn, charts.hits, drawn)
	}
	publish(plain, nil)
	for _, name := range []string{"national.png", "national.svg"} {
		compareFile(t, cached, plain, name)
	}
	ents, _ := os.ReadDir(plain)
	for _, e := range ents {
		if e.IsDir() {
			for _, f := range storyFiles {
				compareFile(t, cached, plain, filepath.Join(e.Name(), f))
			}
		}
	}
}

// TestChartKeyNamesWhatIsDrawn: changing any bar changes the key.
func TestChartKeyNamesWhatIsDrawn(t *testing.T) {
	base := chart.Chart{Title: "T", Panels: []chart.Panel{{Bars: []chart.Bar{{Label: "2023", Value: 5}}}}}
	k0, err := ChartKey(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, change := range []func(*chart.Chart){
		func(c *chart.Chart) { c.Panels[0].Bars[0].Value = 6 },
		func(c *chart.Chart) { c.Panels[0].Bars[0].Accent = true },
		func(c *chart.Chart) { c.Panels[0].Bars[0].Partial = true },
		func(c *chart.Chart) { c.Notes = []string{"n"} },
		func(c *chart.Chart) { c.Alt = "a" },
	} {
		c := base
		c.Panels = []chart.Panel{{Bars: []chart.Bar{base.Panels[0].Bars[0]}}}
		change(&c)
		if k, _ := ChartKey(c); k == k0 {
			t.Errorf("%+v keyed as the unchanged chart", c)
		}
	}
	if k, _ := ChartKey(base); k != k0 {
		t.Error("one chart, two keys")
	}
}

func compareFile(t *testing.T, a, b, name string) {
	t.Helper()
	x, err1 := os.ReadFile(filepath.Join(a, name))
	y, err2 := os.ReadFile(filepath.Join(b, name))
	if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
		t.Errorf("%s: cached and drawn differ (%v, %v)", name, err1, err2)
	}
}
