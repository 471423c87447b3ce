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
