package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

type testSheet struct {
	Sheet
	rows [][]Cell
}

func write(t testing.TB, opts Options, sheets ...testSheet) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, opts)
	for _, s := range sheets {
		if err := w.Sheet(s.Sheet); err != nil {
			t.Fatal(err)
		}
		for _, r := range s.rows {
			if err := w.Row(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// wellFormed decodes every XML part of the archive to its end.
func wellFormed(t testing.TB, b []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(rc)
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		rc.Close()
	}
	return names
}

var sample = []testSheet{
	{Sheet{Name: "Numbers", Header: []string{"name", "count", "share", "ok", "note"}, Width: 14}, [][]Cell{
		{String("Kent"), Int(12), Float(0.25), Bool(true), String("a & b < c > d")},
		{String("Essex"), Empty(), Float(-3.5e-9), Bool(false), String("  spaced\t")},
		{String("Dorset"), Int(-9007199254740993), Float(1e20), Empty(), String("line one\nline two\r\n")},
		{},
		{Empty(), Empty(), Empty(), Empty(), String("after empties")},
	}},
	{Sheet{Name: "Odd & 'text' too", Header: []string{"text"}}, [][]Cell{
		{String("control \x01\x1f and \uFFFE \uFFFF")},
		{String("literal _x0041_ and _x005F_ stay")},
		{String("invalid \xff byte")},
		{String("emoji 😀 and ünïcödé")},
		{String("glued _x0041\x01 and _x0042\uFFFF")},
	}},
}

func TestRoundTrip(t *testing.T) {
	b := write(t, Options{}, sample...)
	names := wellFormed(t, b)
	want := []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		"xl/styles.xml", "_rels/.rels", "[Content_Types].xml"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("parts %v, want %v", names, want)
	}
	f := open(t, b)
	if got := f.GetSheetList(); fmt.Sprint(got) != "[Numbers Odd & 'text' too]" {
		t.Errorf("sheets %q", got)
	}
	rows, err := f.GetRows("Numbers", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	wantRows := [][]string{
		{"name", "count", "share", "ok", "note"},
		{"Kent", "12", "0.25", "1", "a & b < c > d"},
		{"Essex", "", "-3.5E-09", "0", "  spaced\t"},
		{"Dorset", "-9007199254740993", "1E+20", "", "line one\nline two\r\n"},
		nil,
		{"", "", "", "", "after empties"},
	}
	if fmt.Sprintf("%q", rows) != fmt.Sprintf("%q", wantRows) {
		t.Errorf("rows\n%q\nwant\n%q", rows, wantRows)
	}
	for cell, want := range map[string]excelize.CellType{"B2": excelize.CellTypeUnset, "C2": excelize.CellTypeUnset,
		"D2": excelize.CellTypeBool, "A2": excelize.CellTypeInlineString} {
		if got, err := f.GetCellType("Numbers", cell); err != nil || got != want {
			t.Errorf("%s type %v, %v; want %v", cell, got, err, want)
		}
	}
	if v, _ := f.GetCellValue("Numbers", "C3", excelize.Options{RawCellValue: true}); v != "-3.5E-09" {
		t.Errorf("C3 = %q", v)
	}
	if n, err := strconv.ParseFloat("-3.5E-09", 64); err != nil || n != -3.5e-9 {
		t.Errorf("float does not read back: %v %v", n, err)
	}
	odd, err := f.GetRows("Odd & 'text' too")
	if err != nil {
		t.Fatal(err)
	}
	wantOdd := []string{"text", "control \x01\x1f and \uFFFE \uFFFF", "literal _x0041_ and _x005F_ stay", "invalid \uFFFD byte", "emoji 😀 and ünïcödé", "glued _x0041\x01 and _x0042\uFFFF"}
	for i, w := range wantOdd {
		if i >= len(odd) || len(odd[i]) != 1 || odd[i][0] != w {
			t.Errorf("row %d: got %q, want %q", i+1, odd, w)
			break
		}
	}
}

func TestHeaderStyleAndPanes(t *testing.T) {
	b := write(t, Options{}, sample...)
	f := open(t, b)
	for _, sh := range []string{"Numbers", "Odd & 'text' too"} {
		p, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" || p.ActivePane != "bottomLeft" {
			t.Errorf("%s panes %+v", sh, p)
		}
		id, err := f.GetCellStyle(sh, "A1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		// excelize reports fill colours only for a workbook with a theme
		// part, so the colour is read from styles.xml below.
		if st.Font == nil || !st.Font.Bold || !strings.HasSuffix(strings.ToUpper(st.Font.Color), "FFFFFF") ||
			st.Fill.Type != "pattern" || st.Fill.Pattern != 1 {
			t.Errorf("%s header style %+v font %+v fill %+v", sh, st, st.Font, st.Fill)
		}
		if id2, _ := f.GetCellStyle(sh, "A2"); id2 == id {
			t.Errorf("%s: body cell has the header style", sh)
		}
	}
	if got := HeaderFill(t, b); got != "FF1F3A5F" {
		t.Errorf("header fill %q", got)
	}
	if w, err := f.GetColWidth("Numbers", "E"); err != nil || w != 14 {
		t.Errorf("width %v %v", w, err)
	}
}

func TestSameBytes(t *testing.T) {
	a, b := write(t, Options{}, sample...), write(t, Options{}, sample...)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same rows differ")
	}
}

func TestCut(t *testing.T) {
	cases := map[string]string{
		"at the limit": strings.Repeat("a", MaxCellChars),
		"one over":     strings.Repeat("a", MaxCellChars+1),
		"long":         strings.Repeat("ab", 40000),
		"astral":       strings.Repeat("😀", 20000), // 40,000 UTF-16 units
		"accents":      strings.Repeat("é", 33000),
	}
	for name, s := range cases {
		t.Run(name, func(t *testing.T) {
			b := write(t, Options{CutMark: "… [cut: %d characters; see the CSV]"}, testSheet{Sheet{Name: "S", Header: []string{"t"}},
				[][]Cell{{String(s)}}})
			wellFormed(t, b)
			got, err := open(t, b).GetCellValue("S", "A2")
			if err != nil {
				t.Fatal(err)
			}
			if utf16Len(s) <= MaxCellChars {
				if got != s {
					t.Fatalf("a text that fits was changed: %d → %d characters", len(s), len(got))
				}
				return
			}
			if n := utf16Len(got); n > MaxCellChars || n < MaxCellChars-60 {
				t.Fatalf("cut text is %d UTF-16 units", n)
			}
			i := strings.LastIndex(got, "… [cut: ")
			if i < 0 || !strings.HasPrefix(s, got[:i]) || !utf8.ValidString(got) {
				t.Fatalf("cut text does not end with the mark after a prefix of the text: …%q", got[max(0, len(got)-60):])
			}
			removed := utf8.RuneCountInString(s) - utf8.RuneCountInString(got[:i])
			if want := fmt.Sprintf("… [cut: %d characters; see the CSV]", removed); got[i:] != want {
				t.Fatalf("mark %q, want %q", got[i:], want)
			}
		})
	}
}

func TestSheetNames(t *testing.T) {
	for _, name := range []string{"", strings.Repeat("x", 32), "a/b", "a[1]", "q?", "star*", `back\slash`, "co:lon",
		"'quoted'", "history", "tab\there", "bad \xff"} {
		if err := CheckSheetName(name); !errors.Is(err, ErrSheetName) || !strings.Contains(err.Error(), strconv.Quote(name)) {
			t.Errorf("%q: %v", name, err)
		}
	}
	for _, name := range []string{"Figures", "To review", strings.Repeat("é", 31), "it's fine", "A & B"} {
		if err := CheckSheetName(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
	w := NewWriter(io.Discard, Options{})
	if err := w.Sheet(Sheet{Name: "Data"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Sheet(Sheet{Name: "DATA"}); !errors.Is(err, ErrSheetName) {
		t.Errorf("a name used twice: %v", err)
	}
	if err := w.Sheet(Sheet{Name: "bad/name"}); !errors.Is(err, ErrSheetName) {
		t.Errorf("bad name: %v", err)
	}
	// A refused name leaves the writer usable.
	if err := w.Row([]Cell{Int(1)}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second close: %v", err)
	}
}

func TestNoSheets(t *testing.T) {
	if err := NewWriter(io.Discard, Options{}).Close(); !errors.Is(err, ErrNoSheets) {
		t.Errorf("got %v", err)
	}
	if err := NewWriter(io.Discard, Options{}).Row(nil); err == nil {
		t.Error("a row before any sheet was accepted")
	}
}

func TestTooManyRows(t *testing.T) {
	w := NewWriter(io.Discard, Options{Level: 1})
	if err := w.Sheet(Sheet{Name: "Big", Header: []string{"n"}}); err != nil {
		t.Fatal(err)
	}
	row := []Cell{Int(1)}
	for i := 1; i < MaxRows; i++ {
		if err := w.Row(row); err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
	}
	err := w.Row(row)
	if !errors.Is(err, ErrTooManyRows) || !strings.Contains(err.Error(), `"Big"`) {
		t.Fatalf("row %d: %v", MaxRows+1, err)
	}
	if err := w.Close(); !errors.Is(err, ErrTooManyRows) {
		t.Errorf("close after the error: %v", err)
	}
}

func TestTooManyCols(t *testing.T) {
	w := NewWriter(io.Discard, Options{})
	if err := w.Sheet(Sheet{Name: "Wide"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Row(make([]Cell, MaxCols+1)); !errors.Is(err, ErrTooManyCols) {
		t.Errorf("got %v", err)
	}
	if err := w.Row([]Cell{MaxCols - 1: String("last")}); err != nil {
		t.Fatal(err)
	}
}

func TestColName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA", MaxCols - 1: "XFD"} {
		if got := colName(i); got != want {
			t.Errorf("colName(%d) = %q, want %q", i, got, want)
		}
		if n, err := excelize.ColumnNameToNumber(colName(i)); err != nil || n != i+1 {
			t.Errorf("excelize reads %q as %d, %v", colName(i), n, err)
		}
	}
}

func TestFloats(t *testing.T) {
	vals := []float64{0, 1, -1, 0.1, 1.0 / 3, 123456789012345, 1e15, 1e-7, math.MaxFloat64, math.SmallestNonzeroFloat64, -0.000001}
	var rows [][]Cell
	for _, v := range vals {
		rows = append(rows, []Cell{Float(v)})
	}
	rows = append(rows, []Cell{Float(math.NaN()), Float(math.Inf(1)), Float(math.Inf(-1))})
	f := open(t, write(t, Options{}, testSheet{Sheet{Name: "F"}, rows}))
	for i, v := range vals {
		s, err := f.GetCellValue("F", fmt.Sprintf("A%d", i+1), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := strconv.ParseFloat(s, 64); err != nil || got != v {
			t.Errorf("%v written as %q", v, s)
		}
	}
	got, _ := f.GetRows("F")
	if last := got[len(got)-1]; fmt.Sprint(last) != "[NaN +Inf -Inf]" {
		t.Errorf("non-finite floats: %q", last)
	}
}

// FuzzCells writes arbitrary text and numbers and reads them back with
// excelize: the file must open and every value come back, text after the
// documented changes (invalid UTF-8 as U+FFFD, cut past the limit).
func FuzzCells(f *testing.F) {
	f.Add("plain", int64(3), 2.5, true)
	f.Add("_x0000_ & <tag> \x00\x7f\u2028", int64(-1), math.Inf(1), false)
	f.Add("\xed\xa0\x80 lone surrogate bytes \uFFFF", int64(math.MaxInt64), -0.0, false)
	f.Add(" _x005F_x0041_ \r\n", int64(0), 1e-300, true)
	f.Fuzz(func(t *testing.T, s string, n int64, x float64, ok bool) {
		b := write(t, Options{}, testSheet{Sheet{Name: "F", Header: []string{s}}, [][]Cell{{String(s), Int(n), Float(x), Bool(ok)}}})
		wellFormed(t, b)
		xf := open(t, b)
		// Each invalid byte becomes one U+FFFD, as ranging over s gives.
		want := string([]rune(s))
		want = Cut(want, "")
		for _, cell := range []string{"A1", "A2"} {
			got, err := xf.GetCellValue("F", cell)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("%s: got %q, want %q", cell, got, want)
			}
		}
		raw, _ := xf.GetCellValue("F", "B2", excelize.Options{RawCellValue: true})
		if raw != strconv.FormatInt(n, 10) {
			t.Fatalf("int %d read as %q", n, raw)
		}
		raw, _ = xf.GetCellValue("F", "C2", excelize.Options{RawCellValue: true})
		if math.IsNaN(x) || math.IsInf(x, 0) {
			if raw != fmt.Sprint(x) {
				t.Fatalf("float %v read as %q", x, raw)
			}
		} else if v, err := strconv.ParseFloat(raw, 64); err != nil || v != x {
			t.Fatalf("float %v read as %q", x, raw)
		}
		raw, _ = xf.GetCellValue("F", "D2", excelize.Options{RawCellValue: true})
		if (raw == "1") != ok {
			t.Fatalf("bool %v read as %q", ok, raw)
		}
	})
}

// HeaderFill returns the solid fill colour of cell format 1, the header's,
// read from the workbook's styles.xml.
func HeaderFill(t testing.TB, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/styles.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var st struct {
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   struct {
					RGB string `xml:"rgb,attr"`
				} `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			Fill int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.NewDecoder(rc).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if len(st.Xfs) < 2 || st.Xfs[1].Fill >= len(st.Fills) {
		t.Fatalf("styles.xml has no header format: %+v", st)
	}
	p := st.Fills[st.Xfs[1].Fill].Pattern
	if p.Type != "solid" {
		return p.Type
	}
	return p.Fg.RGB
}
