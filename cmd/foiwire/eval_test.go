package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalScoresBothCorpora: one run scores foi/ against the corpus's
// expected figures and foi-files/ against its own, counting a trap (a
// number that is not a figure) and reading a council's reply though the
// council is no police force.
func TestEvalScoresBothCorpora(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("foi/dorset__reply.csv", "Year,Crimes\n2021/22,14\n2022/23,16\nTotal,30\n")
	write("expected_figures.csv", "file,authority,measure,period_start,period_end,label,value,status,is_total\n"+
		"dorset__reply.csv,dorset,period,2021-04-01,2022-03-31,2021/22,14,ok,false\n"+
		"dorset__reply.csv,dorset,period,2022-04-01,2023-03-31,2022/23,16,ok,false\n"+
		"dorset__reply.csv,dorset,period,2021-04-01,2023-03-31,Total,30,ok,true\n")
	write("foi-files/townhall__bins.csv", "Year,Missed bins\n2022,40\n2023,52\n")
	write("foi-files/expected_figures.csv", "file,authority,measure,period_start,period_end,label,value,status,is_total,note\n"+
		"townhall__bins.csv,townhall,period,2022-01-01,2022-12-31,2022,40,ok,false,\n"+
		"townhall__bins.csv,townhall,period,2023-01-01,2023-12-31,2023,52,ok,false,\n"+
		"townhall__bins.csv,townhall,trap,,,Ref 7120,7120,not_a_figure,false,reference\n")
	out, errs, code := runCLI(t, "eval", "--min-files", "0.5", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{
		"extraction score (foi): 3 of 3 expected figures read exactly (100.0%)",
		"extraction score (foi-files): 2 of 2 expected figures read exactly (100.0%)",
		"traps (numbers that are not figures): 1, of which 0 read as a figure at high confidence",
		"replies with nothing said about them: 0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	// A floor the reader does not reach fails the run.
	if _, _, code := runCLI(t, "eval", "--min", "1.01", dir); code != 1 {
		t.Errorf("exit %d for a floor above 100%%, want 1", code)
	}
}

// TestExtractCarriesSeries: rows that are neither periods nor offences
// (places) become series of counts by period, and extract prints them.
func TestExtractCarriesSeries(t *testing.T) {
	p := filepath.Join(t.TempDir(), "reply.csv")
	if err := os.WriteFile(p, []byte("Hospital,2021/22,2022/23\nNorth Infirmary,4,5\nSouth Clinic,2,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "extract", "--authority", "dorset", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	figs := decodeLines(t, out)
	if len(figs) != 4 || figs[0].Series != "North Infirmary" || figs[0].Measure != "period" || figs[3].Series != "South Clinic" ||
		!strings.Contains(out, `"series":"North Infirmary"`) {
		t.Fatalf("figures: %s", out)
	}
}

func TestExtractAuthorityOutsideTheRegistry(t *testing.T) {
	p := filepath.Join(t.TempDir(), "reply.csv")
	if err := os.WriteFile(p, []byte("Year,Complaints\n2022,40\n2023,52\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "extract", "--authority", "Townhall City Council", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	figs := decodeLines(t, out)
	if len(figs) != 2 || figs[0].Authority != "townhall-city-council" {
		t.Fatalf("figures: %s", out)
	}
}
