package dataset_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/foiwire/foiwire/evaluate"
)

// sharedDir finds ../shared beside the module root, or skips the test.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(shared, "expected_figures.csv")); err != nil {
		t.Skip("no ../shared/corpus beside the repository")
	}
	return shared
}

// TestCorpusScore reads every real reply in the shared corpus without
// telling the reader who sent it, and holds it to the acceptance bar: at
// least 98% of the figures a careful person read, read exactly, and no
// figure marked high confidence wrong.
func TestCorpusScore(t *testing.T) {
	corpus := sharedDir(t)
	f, err := os.Open(filepath.Join(corpus, "expected_figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exp, err := evaluate.ReadExpected(f)
	if err != nil {
		t.Fatal(err)
	}
	o, err := evaluate.Run(context.Background(), filepath.Join(corpus, "foi"), exp)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	o.Report(&b)
	t.Log("\n" + b.String())
	if o.Recall() < 0.98 {
		t.Errorf("read %.1f%% of expected figures exactly; want at least 98%%", 100*o.Recall())
	}
	if len(o.WrongHigh) > 0 {
		t.Errorf("%d figures marked high confidence are wrong", len(o.WrongHigh))
	}
	if len(o.Errors) > 0 {
		t.Errorf("unreadable corpus files: %v", o.Errors)
	}
}
