package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire/evaluate"
	"github.com/foiwire/foiwire/pipeline"
)

// moduleRoot walks up to go.mod.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// copyDir copies the example campaign so a test never writes into the
// repository.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "out" || rel == "internal" || strings.HasSuffix(rel, ".db") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func fixedClock() time.Time { return time.Date(2024, 8, 1, 9, 0, 0, 0, time.UTC) }

// TestBuildExampleTwice builds the bundled example twice: the second build
// must change nothing, in the database or in the outputs.
func TestBuildExampleTwice(t *testing.T) {
	dir := copyDir(t, filepath.Join(moduleRoot(t), "examples", "tiktok-2024"))
	ctx := context.Background()
	res1, err := pipeline.Build(ctx, pipeline.Options{Dir: dir, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	if len(res1.Problems) > 0 {
		t.Fatalf("problems building the example: %+v", res1.Problems)
	}
	if len(res1.Figures) == 0 {
		t.Fatal("the example gave no figures")
	}
	first, err := os.ReadFile(filepath.Join(dir, "out", "figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	res2, err := pipeline.Build(ctx, pipeline.Options{Dir: dir, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(dir, "out", "figures.csv"))
	if !bytes.Equal(first, second) || len(res1.Figures) != len(res2.Figures) {
		t.Fatalf("a second build changed figures.csv (%d then %d figures)", len(res1.Figures), len(res2.Figures))
	}
}

// TestBadFilesDoNotStopTheBuild drops broken replies beside good ones: each
// is reported with its name and problem, and the good ones still build.
func TestBadFilesDoNotStopTheBuild(t *testing.T) {
	dir := copyDir(t, filepath.Join(moduleRoot(t), "examples", "tiktok-2024"))
	bad := filepath.Join(dir, "replies", "kent")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i * 7919 % 251)
	}
	os.WriteFile(filepath.Join(bad, "junk.bin"), junk, 0o644)
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(bad, "fake.xlsx"), []byte("PK\x03\x04 this is not a spreadsheet"), 0o644)
	big, _ := os.Create(filepath.Join(bad, "huge.csv"))
	big.Truncate(pipeline.MaxReplySize + 1)
	big.Close()
	res, err := pipeline.Build(context.Background(), pipeline.Options{Dir: dir, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range res.Problems {
		got[p.File] = p.Message
		if strings.Contains(p.Message, "\n") {
			t.Errorf("problem for %s is more than one line: %q", p.File, p.Message)
		}
	}
	for _, f := range []string{"junk.bin", "empty.txt", "fake.xlsx", "huge.csv"} {
		if got[f] == "" {
			t.Errorf("no problem reported for %s (problems: %v)", f, got)
		}
	}
	good := 0
	for _, f := range res.Figures {
		if f.Authority != "kent" {
			good++
		}
	}
	if good == 0 {
		t.Fatal("the good replies did not build beside the bad ones")
	}
}

// BenchmarkBuildExample is the whole build of the bundled example: the
// goal is well under a second.
func BenchmarkBuildExample(b *testing.B) {
	dir := copyDir(b, filepath.Join(moduleRoot(b), "examples", "tiktok-2024"))
	ctx := context.Background()
	for b.Loop() {
		if _, err := pipeline.Build(ctx, pipeline.Options{Dir: dir, Now: fixedClock}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExampleScore builds the bundled example and scores its figures
// against examples/tiktok-2024/expected.csv, the figures a perfect reader
// gets from those six formats.
func TestExampleScore(t *testing.T) {
	src := filepath.Join(moduleRoot(t), "examples", "tiktok-2024")
	dir := copyDir(t, src)
	res, err := pipeline.Build(context.Background(), pipeline.Options{Dir: dir, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(src, "expected.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exp, err := evaluate.ReadExpected(f)
	if err != nil {
		t.Fatal(err)
	}
	o := evaluate.Score(res.Figures, exp)
	var b bytes.Buffer
	o.Report(&b)
	t.Log("\n" + b.String())
	if o.Recall() < 1 || len(o.WrongHigh) > 0 {
		t.Errorf("the example must be read perfectly: %d of %d, %d wrong with high confidence", o.Found, o.Expected, len(o.WrongHigh))
	}
}
