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
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"
)

// notSource leaves out of a copy of the example what a build writes (out/
// and the database) and the example's own generator (internal/).
func notSource(rel string) bool {
	return rel == "out" || rel == "internal" || strings.HasSuffix(rel, ".db")
}

func fixedClock() time.Time { return time.Date(2024, 8, 1, 9, 0, 0, 0, time.UTC) }

// TestBuildExampleTwice builds the bundled example twice: the second build
// must change nothing, in the database or in the outputs.
func TestBuildExampleTwice(t *testing.T) {
	dir := testenv.CopyDir(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"), notSource)
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
	dir := testenv.CopyDir(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"), notSource)
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
	dir := testenv.CopyDir(b, filepath.Join(testenv.ModuleRoot(b), "examples", "tiktok-2024"), notSource)
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
	src := filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024")
	dir := testenv.CopyDir(t, src, notSource)
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
