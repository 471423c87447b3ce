package xlsx

import (
	"encoding/csv"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// soffice returns LibreOffice's program: the one FOIWIRE_TEST_SOFFICE
// names (CI sets it, and then it must be there), else soffice on the PATH.
// It skips the test when there is none.
func soffice(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("FOIWIRE_TEST_SOFFICE"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("FOIWIRE_TEST_SOFFICE=%s: %v", p, err)
		}
		return p
	}
	if p, err := exec.LookPath("soffice"); err == nil {
		return p
	}
	t.Skip("no LibreOffice (Debian: apt-get install libreoffice-calc-nogui)")
	return ""
}

// TestLibreOfficeReadsWhatExcelizeReads has LibreOffice Calc, the
// spreadsheet many newsrooms open workbooks in, turn a workbook into one
// CSV file per sheet, and holds every text cell to the row and column
// excelize reads it at. The writer gives rows and cells no references
// (r="B7"), which OOXML leaves optional, so each reader must place them by
// their order, gaps included: this is what shows LibreOffice does.
func TestLibreOfficeReadsWhatExcelizeReads(t *testing.T) {
	bin := soffice(t)
	rows := [][]Cell{
		{String("kent"), Empty(), String("with, a comma"), String(`a "quoted" word`)},
		{Empty(), Empty(), Empty(), String("only the fourth")},
		{String("line\nbreak"), String("emoji 🙂 ‘curly’ & <tags>")},
		{},
		{String("after an empty row"), Empty(), Empty(), Empty(), Empty(), Empty(), String("seventh")},
	}
	b := write(t, Options{},
		testSheet{Sheet{Name: "Figures", Header: []string{"authority", "", "text", "more"}}, rows},
		testSheet{Sheet{Name: "To review", Header: []string{"x", "y"}}, [][]Cell{{Empty(), String("second column")}}},
	)
	dir := t.TempDir()
	name := filepath.Join(dir, "w.xlsx")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// A profile of its own, so that the test neither uses nor waits on
	// another LibreOffice's; the filter's last option (-1) writes every
	// sheet, each to w-SHEET.csv, in UTF-8 (76).
	profile := (&url.URL{Scheme: "file", Path: filepath.Join(dir, "profile")}).String()
	cmd := exec.Command(bin, "-env:UserInstallation="+profile, "--headless", "--convert-to",
		"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, name)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice cannot convert the workbook: %v\n%s", err, out)
	}
	f := open(t, b)
	for _, sheet := range []string{"Figures", "To review"} {
		in, err := os.Open(filepath.Join(dir, "w-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no sheet %q: %v", sheet, err)
		}
		r := csv.NewReader(in)
		r.FieldsPerRecord = -1
		got, err := r.ReadAll()
		in.Close()
		if err != nil {
			t.Fatalf("%s: LibreOffice's CSV: %v", sheet, err)
		}
		want, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: LibreOffice reads %d rows, excelize %d", sheet, len(got), len(want))
		}
		if sheet == "Figures" {
			// Where the cells after gaps must land, whoever reads them.
			for _, at := range []struct {
				row, col int
				text     string
			}{{2, 3, "with, a comma"}, {3, 4, "only the fourth"}, {6, 7, "seventh"}} {
				if at.row > len(got) || at.col > len(got[at.row-1]) || got[at.row-1][at.col-1] != at.text {
					t.Errorf("LibreOffice does not read %q at row %d, column %d", at.text, at.row, at.col)
				}
			}
		}
		for i := range min(len(got), len(want)) {
			// A CSV row runs to the sheet's widest; excelize's stops at
			// its last cell.
			g := strings.Join(got[i], "|")
			w := strings.Join(want[i], "|")
			if strings.TrimRight(g, "|") != strings.TrimRight(w, "|") {
				t.Errorf("%s row %d: LibreOffice reads %q, excelize %q", sheet, i+1, g, w)
			}
		}
	}
}
