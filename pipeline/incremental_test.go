package pipeline_test

import (
	"bytes"
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/bench/gen"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"

	_ "modernc.org/sqlite"
)

// small is a synthetic campaign big enough to have several replies per
// force in every format.
var small = gen.Options{Forces: 4, Replies: 5, Rows: 8, Seed: 7}

func genCampaign(t testing.TB, o gen.Options) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := gen.Campaign(context.Background(), dir, o); err != nil {
		t.Fatal(err)
	}
	return dir
}

func build(t testing.TB, o pipeline.Options) *pipeline.Result {
	t.Helper()
	if o.Now == nil {
		o.Now = fixedClock
	}
	res, err := pipeline.Build(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// outputs reads every file a build wrote under out.
func outputs(t testing.TB, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("nothing written in %s", out)
	}
	return files
}

// sameOutputs fails unless two builds wrote the same files, byte for byte.
func sameOutputs(t *testing.T, what string, a, b map[string][]byte) {
	t.Helper()
	for name, x := range a {
		y, ok := b[name]
		switch {
		case !ok:
			t.Errorf("%s: %s written by one build only", what, name)
		case !bytes.Equal(x, y):
			t.Errorf("%s: %s differs (%d and %d bytes)", what, name, len(x), len(y))
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s: %s written by one build only", what, name)
		}
	}
}

func copyCampaign(t *testing.T, src string) string {
	return testenv.CopyDir(t, src, func(rel string) bool {
		return notSource(rel) || rel == ".foiwire"
	})
}

// TestRebuildMatchesColdBuild changes one reply of a built campaign and
// builds again: only that reply is read, and the outputs are byte for byte
// those of a cold build of the changed campaign, with no cache and one
// worker.
func TestRebuildMatchesColdBuild(t *testing.T) {
	for _, tc := range []struct {
		name   string
		dir    func(t *testing.T) string
		change func(t *testing.T, dir string)
	}{
		{"example", func(t *testing.T) string {
			return copyCampaign(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"))
		}, func(t *testing.T, dir string) {
			name := filepath.Join(dir, "replies", "northamptonshire", "foi-000486-24-tiktok-crimes.csv")
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.Replace(b, []byte("Violence against the person,80"), []byte("Violence against the person,81"), 1)
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"synthetic", func(t *testing.T) string { return genCampaign(t, small) }, func(t *testing.T, dir string) {
			if err := gen.Rewrite(context.Background(), dir, "bedfordshire", 2, small, 1); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir(t)
			first := build(t, pipeline.Options{Dir: dir})
			if first.Reused != 0 {
				t.Fatalf("a first build reused %d reads", first.Reused)
			}
			before := outputs(t, filepath.Join(dir, "out"))
			again := build(t, pipeline.Options{Dir: dir})
			if again.Reused != again.Replies {
				t.Errorf("nothing changed, yet %d of %d replies were read again", again.Replies-again.Reused, again.Replies)
			}
			sameOutputs(t, "unchanged rebuild", before, outputs(t, filepath.Join(dir, "out")))

			tc.change(t, dir)
			warm := build(t, pipeline.Options{Dir: dir})
			if warm.Reused != warm.Replies-1 {
				t.Errorf("one reply changed, yet %d of %d replies were read", warm.Replies-warm.Reused, warm.Replies)
			}
			cold := copyCampaign(t, dir)
			coldRes := build(t, pipeline.Options{Dir: cold, NoCache: true, Workers: 1})
			if len(coldRes.Figures) != len(warm.Figures) {
				t.Errorf("cold build: %d figures, rebuild %d", len(coldRes.Figures), len(warm.Figures))
			}
			after := outputs(t, filepath.Join(dir, "out"))
			sameOutputs(t, "rebuild against cold build", outputs(t, filepath.Join(cold, "out")), after)
			if bytes.Equal(before["figures.csv"], after["figures.csv"]) {
				t.Error("the changed reply did not change figures.csv")
			}
		})
	}
}

// TestWorkersDoNotChangeOutput builds one campaign with one worker and
// with several: the outputs are the same bytes.
func TestWorkersDoNotChangeOutput(t *testing.T) {
	src := genCampaign(t, small)
	one := copyCampaign(t, src)
	many := copyCampaign(t, src)
	r1 := build(t, pipeline.Options{Dir: one, Workers: 1})
	r8 := build(t, pipeline.Options{Dir: many, Workers: 8})
	if len(r1.Figures) == 0 || len(r1.Figures) != len(r8.Figures) {
		t.Fatalf("%d figures with one worker, %d with eight", len(r1.Figures), len(r8.Figures))
	}
	sameOutputs(t, "1 and 8 workers", outputs(t, filepath.Join(one, "out")), outputs(t, filepath.Join(many, "out")))
}

// TestCacheInvalidation: a changed campaign.yaml means every reply is read
// again; a damaged cache file is read past; a deleted database has every
// reply saved again even though none was read again.
func TestCacheInvalidation(t *testing.T) {
	dir := genCampaign(t, gen.Options{Forces: 2, Replies: 3, Rows: 5, Seed: 3})
	first := build(t, pipeline.Options{Dir: dir})
	want := outputs(t, filepath.Join(dir, "out"))

	t.Run("campaign.yaml", func(t *testing.T) {
		name := filepath.Join(dir, "campaign.yaml")
		b, _ := os.ReadFile(name)
		if err := os.WriteFile(name, append(b, "# edited\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		if res := build(t, pipeline.Options{Dir: dir}); res.Reused != 0 {
			t.Errorf("campaign.yaml changed, yet %d reads were reused", res.Reused)
		}
		sameOutputs(t, "after campaign.yaml edit", want, outputs(t, filepath.Join(dir, "out")))
	})
	t.Run("damaged cache file", func(t *testing.T) {
		cache := filepath.Join(dir, filepath.FromSlash(pipeline.CacheDir))
		ents, err := os.ReadDir(cache)
		if err != nil {
			t.Fatal(err)
		}
		damaged := 0
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".json") && e.Name() != "saved.json" && damaged < 2 {
				os.WriteFile(filepath.Join(cache, e.Name()), []byte(`{"version":"1","output":{"Figures":[`), 0o644)
				damaged++
			}
		}
		// Without the saved ledger, which lets a rebuild skip the cache
		// altogether, every read comes from the cache.
		if err := os.Remove(filepath.Join(cache, "saved.json")); err != nil {
			t.Fatal(err)
		}
		res := build(t, pipeline.Options{Dir: dir})
		if res.Reused != res.Replies-damaged {
			t.Errorf("%d cache files damaged: %d of %d replies reused", damaged, res.Reused, res.Replies)
		}
		sameOutputs(t, "after damaged cache", want, outputs(t, filepath.Join(dir, "out")))
	})
	t.Run("figures lost from the database", func(t *testing.T) {
		db, err := sql.Open("sqlite", filepath.Join(dir, "foiwire.db"))
		if err != nil {
			t.Fatal(err)
		}
		gone, err := db.Exec(`DELETE FROM figures WHERE authority = 'bedfordshire'`)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := gone.RowsAffected(); n == 0 {
			t.Fatal("no figures to delete")
		}
		db.Close()
		res := build(t, pipeline.Options{Dir: dir})
		if len(res.Figures) != len(first.Figures) {
			t.Errorf("the lost figures were not saved again: %d figures, first build %d", len(res.Figures), len(first.Figures))
		}
		sameOutputs(t, "after losing figures", want, outputs(t, filepath.Join(dir, "out")))
	})
	t.Run("database deleted", func(t *testing.T) {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(filepath.Join(dir, "foiwire.db"+suffix))
		}
		res := build(t, pipeline.Options{Dir: dir})
		if res.Reused != res.Replies || len(res.Figures) != len(first.Figures) {
			t.Errorf("after deleting the database: %d of %d reused, %d figures (first build %d)", res.Reused, res.Replies, len(res.Figures), len(first.Figures))
		}
		sameOutputs(t, "after deleting the database", want, outputs(t, filepath.Join(dir, "out")))
	})
}

// BenchmarkRebuild440 builds a 44-force × 10-reply campaign cold (no
// database, no cache) and again with one reply changed: the goal is a
// rebuild at least 10 times faster than a cold build.
func BenchmarkRebuild440(b *testing.B) {
	o := gen.Options{Forces: 44, Replies: 10, Rows: 12, Seed: 1}
	src := genCampaign(b, o)
	ctx := context.Background()
	b.Run("cold", func(b *testing.B) {
		defer testenv.ReportCPU(b)()
		for b.Loop() {
			b.StopTimer()
			for _, p := range []string{"out", ".foiwire", "foiwire.db", "foiwire.db-wal", "foiwire.db-shm"} {
				os.RemoveAll(filepath.Join(src, p))
			}
			b.StartTimer()
			if _, err := pipeline.Build(ctx, pipeline.Options{Dir: src, Now: fixedClock}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("one-changed", func(b *testing.B) {
		build(b, pipeline.Options{Dir: src})
		n := 0
		defer testenv.ReportCPU(b)()
		for b.Loop() {
			b.StopTimer()
			n++
			if err := gen.Rewrite(ctx, src, "dorset", 3, o, n); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := pipeline.Build(ctx, pipeline.Options{Dir: src, Now: fixedClock})
			if err != nil {
				b.Fatal(err)
			}
			if res.Reused != res.Replies-1 {
				b.Fatalf("%d of %d replies reused", res.Reused, res.Replies)
			}
		}
	})
}

// TestMonthlyTablesGetStories: a campaign whose offence tables are set out
// by month gets its stories, which name the latest month ("in December
// 2023"); the self-check once refused every one of them over that date.
func TestMonthlyTablesGetStories(t *testing.T) {
	dir := genCampaign(t, gen.Options{Forces: 3, Replies: 2, Rows: 6, Months: 3, Seed: 5})
	res := build(t, pipeline.Options{Dir: dir})
	if res.Stories != 3 || len(res.Refused) > 0 {
		t.Fatalf("%d stories written, refused: %q", res.Stories, res.Refused)
	}
}
