package claims

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/campaign"
)

// campaignPeriods are the financial years the TikTok campaign asked for.
var campaignPeriods = []foiwire.Period{
	{Start: foiwire.MustDate("2021-04-01"), End: foiwire.MustDate("2022-03-31")},
	{Start: foiwire.MustDate("2022-04-01"), End: foiwire.MustDate("2023-03-31")},
	{Start: foiwire.MustDate("2023-04-01"), End: foiwire.MustDate("2024-03-31")},
}

// fixtureFacts derives the facts of the figures the campaign's articles
// state (testdata/article_figures.csv, a copy of the corpus file).
func fixtureFacts(t testing.TB) []foiwire.Fact {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "article_figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	figs, err := campaign.ReadFigures(f, "article_figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	facts, err := analysis.Derive(foiwire.Campaign{}, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

// sharedDir returns ../shared beside the module root, or skips the test
// when it is not there.
func sharedDir(t testing.TB) string {
	t.Helper()
	shared, ok := sharedIfPresent()
	if !ok {
		t.Skip("../shared/corpus is not here")
	}
	return shared
}

// sharedIfPresent finds ../shared beside the module root (found by walking
// up to go.mod), and false when it is not there.
func sharedIfPresent() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(filepath.Join(shared, "corpus", "articles")); err != nil {
		return "", false
	}
	return shared, true
}
