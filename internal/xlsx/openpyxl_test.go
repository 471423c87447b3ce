package xlsx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// openpyxlPython returns a Python that can import openpyxl, a second
// reader of workbooks written by other people than excelize's: the one
// FOIWIRE_TEST_OPENPYXL names (CI sets it, and then it must work), else
// python3 on the PATH or Debian's. It skips the test when there is none.
func openpyxlPython(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("FOIWIRE_TEST_OPENPYXL"); p != "" {
		if out, err := exec.Command(p, "-c", "import openpyxl").CombinedOutput(); err != nil {
			t.Fatalf("FOIWIRE_TEST_OPENPYXL=%s cannot import openpyxl: %v\n%s", p, err, out)
		}
		return p
	}
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	t.Skip("no Python with openpyxl (Debian: apt-get install python3-openpyxl)")
	return ""
}

// readWithOpenpyxl prints every sheet's cells as openpyxl reads them, with
// warnings made errors: each cell as its Python type and value.
const readWithOpenpyxl = `
import json, sys, warnings
warnings.simplefilter("error")
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        rows.append([[type(c.value).__name__, c.value] for c in row])
    out[ws.title] = {"rows": rows, "freeze": ws.freeze_panes, "bold": bool(ws["A1"].font.b)}
json.dump(out, sys.stdout)
`

// TestOpenpyxlReadsWhatExcelizeReads writes a workbook of awkward cells
// and has openpyxl, a reader written apart from excelize, read it: it must
// open without a warning and give, cell by cell, what excelize gives.
func TestOpenpyxlReadsWhatExcelizeReads(t *testing.T) {
	py := openpyxlPython(t)
	awkward := []Cell{
		String("plain"), String("tab\there, line\nbreak, CR\rhere"), String("bell \a and NUL \x00"),
		String("_x0041_ as written"), String("emoji 🙂 and ‘quotes’ & <tags>"), String(strings.Repeat("long ", 8000)),
		Int(0), Int(-42), Int(1 << 40), Float(0.1), Float(-2.5e-7), Bool(true), Bool(false), Empty(), String(""),
	}
	b := write(t, Options{},
		testSheet{Sheet{Name: "Figures", Header: []string{"a", "b", "c"}, Width: 14}, [][]Cell{awkward, {String("second row")}}},
		testSheet{Sheet{Name: "To review", Header: []string{"x"}}, [][]Cell{{Int(7)}}},
	)
	name := filepath.Join(t.TempDir(), "w.xlsx")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", readWithOpenpyxl, name).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("openpyxl cannot read the workbook: %s", ee.Stderr)
		}
		t.Fatal(err)
	}
	var got map[string]struct {
		Rows   [][][2]any `json:"rows"`
		Freeze string     `json:"freeze"`
		Bold   bool       `json:"bold"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("openpyxl's reading: %v\n%.500s", err, out)
	}
	f := open(t, b)
	for _, sheet := range []string{"Figures", "To review"} {
		g, ok := got[sheet]
		if !ok {
			t.Fatalf("openpyxl finds no sheet %q", sheet)
		}
		if g.Freeze != "A2" || !g.Bold {
			t.Errorf("%s: openpyxl reads freeze %q, bold header %v", sheet, g.Freeze, g.Bold)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, want := range row {
				var have string
				if r < len(g.Rows) && c < len(g.Rows[r]) {
					// openpyxl leaves the _xHHHH_ escapes of an inline
					// string as they stand; Excel and excelize decode them.
					have = decodeEscapes(pyText(g.Rows[r][c]))
				}
				if have != want {
					t.Errorf("%s row %d column %d: openpyxl reads %.60q, excelize %.60q", sheet, r+1, c+1, have, want)
				}
			}
		}
	}
}

// decodeEscapes turns each _xHHHH_ back into its character.
func decodeEscapes(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 || s[i+6] != '_' {
			b.WriteString(s)
			return b.String()
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(rune(n))
		s = s[i+7:]
	}
}

// pyText writes a cell openpyxl read as excelize's GetRows shows cells.
func pyText(v [2]any) string {
	switch v[0] {
	case "NoneType":
		return ""
	case "bool":
		if v[1] == true {
			return "TRUE"
		}
		return "FALSE"
	case "int", "float":
		n, _ := v[1].(float64)
		return strconv.FormatFloat(n, 'f', -1, 64)
	default:
		s, _ := v[1].(string)
		return s
	}
}
