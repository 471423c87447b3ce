package pipeline

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/dataset"
)

// FuzzReadCacheEntry: whatever a cache file holds, reading it gives a read
// or a miss, never a panic, and a hit always has an output.
func FuzzReadCacheEntry(f *testing.F) {
	f.Add([]byte(`{"version":"1","output":{"Document":{"SHA256":"ab"},"Figures":[{"authority":"kent","measure":"period","period_start":"2023-04-01","period_end":"2024-03-31","value":3}]}}`))
	f.Add([]byte(`{"version":"1","output":null}`))
	f.Add([]byte(`{"version":"0","output":{}}`))
	f.Add([]byte(`{"version":"1","output":{"Figures":[{"period_start":"31/03/2024"}]}}`))
	f.Add([]byte(`[`))
	dir := f.TempDir()
	c, err := openReadCache(dir, false)
	if err != nil {
		f.Fatal(err)
	}
	if c.dir == "" {
		f.Skip("no cache: the program's own bytes cannot be read")
	}
	key := c.key(campaign.ReplyFile{Authority: "kent", Name: "a.csv"}, sha256.Sum256([]byte("x")), foiwire.Date{})
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(c.path(key), b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, _, ok := c.get(key)
		if ok && out == nil {
			t.Fatal("a hit with no output")
		}
	})
}

// TestReadCacheRoundTrip: a read put in the cache comes back the same.
func TestReadCacheRoundTrip(t *testing.T) {
	c, err := openReadCache(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	if c.dir == "" {
		t.Skip("no cache: the program's own bytes cannot be read")
	}
	out := &dataset.Output{
		Document: foiwire.Document{SHA256: "ab12", Name: "a.csv", Authority: "kent", MediaType: "text/csv", Size: 10},
		Figures: []foiwire.Figure{{
			Authority: "kent", Question: "q1", Measure: foiwire.MeasurePeriod,
			Period: foiwire.Period{Start: foiwire.MustDate("2023-04-01"), End: foiwire.MustDate("2024-03-31")},
			Label:  "2023/24", Value: foiwire.Int64(41), Status: foiwire.StatusOK, Confidence: foiwire.ConfidenceHigh,
			Source: foiwire.Source{Document: "ab12", File: "a.csv", Table: 1, Row: 2, Col: 1, Text: "41"},
		}},
		Warnings: []string{"a warning"},
	}
	key := c.key(campaign.ReplyFile{Authority: "kent", Name: "a.csv"}, sha256.Sum256([]byte("x")), foiwire.MustDate("2024-08-01"))
	if err := c.put(key, out, nil); err != nil {
		t.Fatal(err)
	}
	back, rerr, ok := c.get(key)
	if !ok || rerr != nil || !sameOutput(back, out) {
		t.Fatalf("got %+v %v %v", back, rerr, ok)
	}
	other := c.key(campaign.ReplyFile{Authority: "kent", Name: "a.csv"}, sha256.Sum256([]byte("x")), foiwire.MustDate("2024-08-02"))
	if other == key {
		t.Error("another day gives the same key")
	}
}

// TestProgramID: the test binary has a Go build ID, and its content part
// names this program.
func TestProgramID(t *testing.T) {
	name, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	id := goBuildID(name)
	if id == "" {
		t.Skip("not an ELF program with a Go build ID")
	}
	if !strings.Contains(id, "/") {
		t.Errorf("build ID %q", id)
	}
	h, err := executableHash()
	if err != nil || h != "buildid "+id {
		t.Errorf("executableHash() = %q, %v", h, err)
	}
	if goBuildID(os.DevNull) != "" {
		t.Error("a build ID for /dev/null")
	}
}

// TestReadCachePruneKeepsBuildFiles: pruning removes unused reads and
// killed builds' temporary files, and nothing else of the build's.
func TestReadCachePruneKeepsBuildFiles(t *testing.T) {
	c, err := openReadCache(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	if c.dir == "" {
		t.Skip("no cache: the program's own bytes cannot be read")
	}
	used := c.key(campaign.ReplyFile{Authority: "kent", Name: "a.csv"}, sha256.Sum256([]byte("x")), foiwire.Date{})
	unused := c.key(campaign.ReplyFile{Authority: "kent", Name: "b.csv"}, sha256.Sum256([]byte("y")), foiwire.Date{})
	files := map[string]bool{ // name: kept
		used + ".json": true, unused + ".json": false, "saved.json": true, "figures": true,
		"saved.json.123.tmp": false, "notes.txt": true,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(c.dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.markUsed(used)
	if err := c.prune(); err != nil {
		t.Fatal(err)
	}
	for name, kept := range files {
		_, err := os.Stat(filepath.Join(c.dir, name))
		if (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}
