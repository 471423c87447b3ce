package table

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/number"
)

// cellValues returns, for each count a table or block of res holds, how
// many cells hold it; a sentence block's counts are those number.Counts
// finds in it.
func cellValues(res *Result) map[string]int {
	out := map[string]int{}
	add := func(tb foiwire.Table) {
		for _, row := range tb.Rows {
			for _, c := range row {
				if tb.Kind == foiwire.KindSentences {
					for _, s := range number.Counts(c.Text) {
						out[fmt.Sprint(s.Count.Value)]++
					}
					continue
				}
				if n, err := number.Parse(c.Text); err == nil {
					switch n.Status {
					case foiwire.StatusOK:
						out[fmt.Sprint(n.Value)]++
					case foiwire.StatusSuppressed:
						out["suppressed"]++
						if strings.Trim(c.Text, "-–— ") == "" {
							out["dash"]++ // a dash is printed for nil as well as for a withheld number
						}
					}
				}
			}
		}
	}
	for _, tb := range res.Tables {
		add(tb)
	}
	for _, tb := range res.Blocks {
		add(tb)
	}
	return out
}

// TestFOIFiles reads the real PDFs and message threads and checks that
// every figure a person read from each is in a cell of one of its tables
// or blocks, and that the requester's own message gives none: the table
// layer's share of reading them. It reports the share found.
func TestFOIFiles(t *testing.T) {
	dir := testenv.Shared(t, "corpus", "foi-files")
	rows := testenv.ReadCSV(t, filepath.Join(dir, "expected_figures.csv"))
	byFile := map[string][]map[string]string{}
	for _, r := range rows {
		byFile[r["file"]] = append(byFile[r["file"]], r)
	}
	total, found := 0, 0
	var missed []string
	for file, want := range byFile {
		res, err := ReadFile(context.Background(), filepath.Join(dir, file))
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		have := cellValues(res)
		if strings.HasSuffix(file, ".json") && res.Request == "" {
			t.Errorf("%s: the requester's message was not kept as the request", file)
		}
		for _, w := range want {
			key := w["value"]
			switch w["status"] {
			case "ok":
			case "suppressed":
				key = "suppressed"
			default:
				continue // refusals and traps are the dataset's to judge
			}
			total++
			if have[key] > 0 {
				have[key]--
				found++
				continue
			}
			if key == "0" && have["dash"] > 0 {
				have["dash"]--
				found++
				continue
			}
			missed = append(missed, fmt.Sprintf("%s: %s = %s", file, w["label"], w["value"]))
		}
	}
	share := 100 * float64(found) / float64(max(total, 1))
	t.Logf("foi-files: %d of %d expected figures sit in a table or block cell (%.1f%%)", found, total, share)
	for i, m := range missed {
		if i == 40 {
			t.Logf("  ... and %d more", len(missed)-20)
			break
		}
		t.Logf("  missed %s", m)
	}
	if share < 90 {
		t.Errorf("only %.1f%% of the expected figures are in a cell; want 90%%", share)
	}
}

// norm folds case and spacing for comparing labels.
func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// placed reports whether some table of res has a row labelled like the
// start of label and a column headed by the rest, holding value there
// (a dash holds a zero): the figure sits in the right row and column.
func placed(res *Result, label, value string) bool {
	l := norm(label)
	for _, tb := range res.Tables {
		heads := 0
		for heads < min(4, len(tb.Rows)) {
			var cells []string
			for _, c := range tb.Rows[heads] {
				cells = append(cells, c.Text)
			}
			if !headerRow(cells) {
				break
			}
			heads++
		}
		for r := range tb.Rows {
			row := norm(tb.At(r, 0))
			if row == "" || !strings.HasPrefix(l, row) {
				continue
			}
			col := strings.TrimSpace(l[len(row):])
			for c := 1; c < tb.Width(); c++ {
				head := ""
				for h := 0; h < heads && h < r; h++ {
					if t := norm(tb.At(h, c)); t != "" {
						head = t
					}
				}
				if col == "" && tb.Width() == 2 || col != "" && head != "" && strings.HasSuffix(col, head) {
					got := tb.At(r, c)
					if got == value || value == "0" && strings.Trim(got, "-–— ") == "" && got != "" {
						return true
					}
				}
			}
		}
	}
	return false
}

// TestFOIFilesPlaced checks that the figures of the real PDFs sit in the
// row their label names and the column their period heads.
func TestFOIFilesPlaced(t *testing.T) {
	dir := testenv.Shared(t, "corpus", "foi-files")
	rows := testenv.ReadCSV(t, filepath.Join(dir, "expected_figures.csv"))
	results := map[string]*Result{}
	total, ok := 0, 0
	var missed []string
	for _, w := range rows {
		if !strings.HasSuffix(w["file"], ".pdf") || w["status"] != "ok" {
			continue
		}
		res := results[w["file"]]
		if res == nil {
			var err error
			if res, err = ReadFile(context.Background(), filepath.Join(dir, w["file"])); err != nil {
				t.Fatal(err)
			}
			results[w["file"]] = res
		}
		total++
		if placed(res, w["label"], w["value"]) {
			ok++
			continue
		}
		missed = append(missed, fmt.Sprintf("%s: %s = %s", w["file"], w["label"], w["value"]))
	}
	share := 100 * float64(ok) / float64(max(total, 1))
	t.Logf("PDF figures in the row and column their label names: %d of %d (%.1f%%)", ok, total, share)
	for i, m := range missed {
		if i == 30 {
			t.Logf("  ... and %d more", len(missed)-30)
			break
		}
		t.Logf("  not placed: %s", m)
	}
	if share < 95 {
		t.Errorf("only %.1f%% placed; want 95%%", share)
	}
}
