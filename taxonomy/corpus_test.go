package taxonomy

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/foiwire/foiwire/internal/testenv"
)

func readCorpusCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(testenv.Shared(t, "corpus"), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := readRows(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// TestCorpusLabelsCovered makes sure the tables in match_test.go hold every
// offence and outcome label the corpus has, so that a new label in the
// corpus cannot go untested.
func TestCorpusLabelsCovered(t *testing.T) {
	known := map[string]bool{}
	for _, e := range append(append([]expectation(nil), corpusOffences...), corpusOutcomes...) {
		known[e.label] = true
	}
	var labels []string
	for _, file := range []string{"expected_figures.csv", "article_figures.csv"} {
		for _, r := range readCorpusCSV(t, file) {
			if r["measure"] != "offence" && r["measure"] != "outcome" {
				continue
			}
			if r["is_total"] == "true" {
				if !IsTotalLabel(r["label"]) {
					t.Errorf("%s: total row %q is not a total label", file, r["label"])
				}
				continue
			}
			labels = append(labels, r["label"])
		}
	}
	for _, r := range readCorpusCSV(t, "expected_claims.csv") {
		if r["category"] != "" {
			labels = append(labels, r["category"])
		}
	}
	if len(labels) < 30 {
		t.Fatalf("read only %d labels from the corpus", len(labels))
	}
	for _, l := range labels {
		if !known[l] {
			t.Errorf("corpus label %q has no expectation in match_test.go", l)
		}
	}
}

// TestArticleFigureCategories checks that every category article_figures.csv
// gives an outcome is what MatchOutcome makes of its label.
func TestArticleFigureCategories(t *testing.T) {
	n := 0
	for _, r := range readCorpusCSV(t, "article_figures.csv") {
		if r["category"] == "" {
			continue
		}
		n++
		match := MatchOutcome
		if r["measure"] == "offence" {
			match = MatchOffence
		}
		m, ok := match(r["label"])
		if !ok || m.Key != r["category"] {
			t.Errorf("%s %q: got %q (%v, %.2f, %s), want %q", r["measure"], r["label"], m.Key, ok, m.Score, m.How, r["category"])
		}
	}
	if n == 0 {
		t.Fatal("article_figures.csv has no categories")
	}
}

// TestOutcomeReferenceMatchesShipped checks that the outcome table shipped in
// data/ is the shared reference table, byte for byte.
func TestOutcomeReferenceMatchesShipped(t *testing.T) {
	ref, err := os.ReadFile(testenv.Shared(t, "reference", "ho_outcome_types.csv"))
	if err != nil {
		t.Skip(err)
	}
	shipped, err := dataFS.ReadFile("data/ho_outcome_types.csv")
	if err != nil {
		t.Fatal(err)
	}
	if string(ref) != string(shipped) {
		t.Error("data/ho_outcome_types.csv differs from the shared reference; copy it again")
	}
	recs, err := csv.NewReader(bytes.NewReader(shipped)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		if _, ok := Outcome("HO" + rec[1]); !ok {
			t.Errorf("outcome %s of the reference is not a key", rec[1])
		}
	}
}
