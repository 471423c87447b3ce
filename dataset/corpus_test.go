package dataset_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/foiwire/foiwire/evaluate"
	"github.com/foiwire/foiwire/internal/testenv"
)

// TestCorpusScore reads every real reply in the shared corpus without
// telling the reader who sent it, and holds it to the acceptance bar: at
// least 98% of the figures a careful person read, read exactly, and no
// figure marked high confidence wrong.
func TestCorpusScore(t *testing.T) {
	expected := testenv.Shared(t, "corpus", "expected_figures.csv")
	corpus := filepath.Dir(expected)
	f, err := os.Open(expected)
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
