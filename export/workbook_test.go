package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/internal/xlsx"
)

// exampleData is the example campaign's expected figures, with facts,
// stories and corrections made from them.
func exampleData(t testing.TB) Data {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "examples", "tiktok-2024", "expected.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var d Data
	for i, r := range recs[1:] {
		fig := foiwire.Figure{Authority: r[col["authority"]], Measure: foiwire.Measure(r[col["measure"]]),
			Period: foiwire.Period{Start: foiwire.MustDate(r[col["period_start"]]), End: foiwire.MustDate(r[col["period_end"]])},
			Label:  r[col["label"]], Category: r[col["category"]], Status: foiwire.Status(r[col["status"]]),
			IsTotal: r[col["is_total"]] == "true", Confidence: "high",
			Source: foiwire.Source{Document: r[col["authority"]] + "/" + r[col["file"]], File: r[col["file"]], Table: 1, Row: i + 1, Col: 2,
				Text: r[col["label"]] + " | " + r[col["value"]]}}
		if v, err := strconv.ParseInt(r[col["value"]], 10, 64); err == nil {
			fig.Value = foiwire.Int64(v)
		} else {
			fig.Reason = "no number: " + r[col["value"]]
		}
		d.Figures = append(d.Figures, fig)
		if fig.Status != foiwire.StatusOK {
			d.Review = append(d.Review, fig)
		}
		d.Facts = append(d.Facts, foiwire.Fact{ID: fmt.Sprintf("f%d", i), Authority: fig.Authority, Kind: foiwire.FactCount,
			Measure: fig.Measure, Period: fig.Period, Label: fig.Label, Value: float64(i) / 3, Words: "a third of " + strconv.Itoa(i),
			Of: i % 5, Formula: "x/3", Inputs: []string{fig.Key()}, Caveats: []string{"made for a test"}})
	}
	if d.Review == nil {
		d.Review = []foiwire.Figure{}
	}
	d.Stories = []foiwire.StoryRecord{
		{Authority: "dorset", Written: true, Headline: "Offences linked to an app rise", Text: "Line one.\n\nLine two & more.", Dir: "/tmp/x/stories/dorset"},
		{Authority: "kent", Refusal: "Section 12 cost limit"},
	}
	d.Corrections = []foiwire.Correction{
		{At: time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), By: "ed", Authority: "dorset", Was: "14", Value: foiwire.Int64(15),
			Status: foiwire.StatusOK, Note: "typo in reply", Key: d.Figures[0].Key(), Version: 1},
		{At: time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC), By: "ed", Authority: "dorset", Was: "16", Confirm: true, Status: foiwire.StatusOK, Key: d.Figures[1].Key(), Version: 2},
	}
	d.Names = func(id string) string { return strings.ToUpper(id[:1]) + id[1:] + " Police" }
	return d
}

// words are the pieces generated texts are made of: plain, XML's special
// characters, Excel's own escape written literally, accents, an emoji,
// and white space at either end.
var words = []string{"offence", "Kent", "Q1 2023/24", "a & b", "<none>", "x > y", "_x0041_", "café", "Ærø", "😀", " lead", "trail ",
	"line\nbreak", "tab\there", "100%", `"quoted"`, "it's", "1,234", "0"}

// genData makes n figures, a tenth of them to review, n/2 facts, n/100
// stories of about 2,000 characters and n/100 corrections.
func genData(n int) Data {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	text := func(k int) string {
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	forces := []string{"kent", "essex", "dorset", "surrey", "avon-and-somerset", "west-midlands"}
	statuses := []foiwire.Status{foiwire.StatusOK, foiwire.StatusOK, foiwire.StatusOK, foiwire.Status("unreadable"), foiwire.Status("withheld")}
	var d Data
	d.Review = []foiwire.Figure{}
	for i := range n {
		a := forces[i%len(forces)]
		y := 2018 + i%6
		f := foiwire.Figure{Authority: a, Question: "q" + strconv.Itoa(i%3), Measure: foiwire.MeasurePeriod,
			Period: foiwire.Period{Start: foiwire.MustDate(fmt.Sprintf("%d-04-01", y)), End: foiwire.MustDate(fmt.Sprintf("%d-03-31", y+1))},
			Label:  text(3), Category: []string{"", "stalking", "harassment", "malicious-communications"}[i%4],
			Status: statuses[i%len(statuses)], IsTotal: i%7 == 0, Confidence: "high",
			Source: foiwire.Source{Document: fmt.Sprintf("%s/reply-%d.html", a, i/50), File: fmt.Sprintf("reply-%d.html", i/50),
				Table: 1 + i%3, Row: i % 200, Col: 1 + i%5, Text: text(6)}}
		if f.Status == foiwire.StatusOK {
			f.Value = foiwire.Int64(int64(rng.IntN(5000)))
		} else {
			f.Reason = text(4)
		}
		d.Figures = append(d.Figures, f)
		if i%10 == 0 {
			d.Review = append(d.Review, f)
		}
		if i%2 == 0 {
			d.Facts = append(d.Facts, foiwire.Fact{ID: fmt.Sprintf("fact-%d", i), Authority: a, Kind: foiwire.FactCount, Measure: f.Measure,
				Period: f.Period, Label: f.Label, Value: rng.Float64() * 1000, Words: text(5), Of: i % 43, Formula: "a / b × 100",
				Inputs: []string{f.Key(), f.Key() + "-b"}, Caveats: []string{text(3)}})
		}
		if i%100 == 0 {
			d.Stories = append(d.Stories, foiwire.StoryRecord{Authority: a, Written: i%200 == 0, Headline: text(8), Text: text(300),
				Dir: "/out/stories/" + a})
			var v *int64
			if i%300 != 0 {
				v = foiwire.Int64(int64(i))
			}
			d.Corrections = append(d.Corrections, foiwire.Correction{At: time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC), By: "editor",
				Authority: a, Was: strconv.Itoa(i), Value: v, Status: foiwire.StatusOK, Note: text(4), Key: f.Key(), Version: i / 100})
		}
	}
	if d.Stories == nil {
		d.Stories = []foiwire.StoryRecord{}
		d.Corrections = []foiwire.Correction{}
	}
	d.Names = func(id string) string { return strings.ToUpper(id[:1]) + id[1:] }
	return d
}

func openBook(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sameNumber reports whether two raw cell values are the same number as
// far as Excel's 15 significant digits go: the old writer cut floats to
// 15 digits, the new one writes them whole.
func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-14*math.Max(math.Abs(x), math.Abs(y))
}

// compareBooks checks that every cell of every sheet of got holds what
// the same cell of want holds, and, if types is set, that it is of the
// same type (a number, a boolean, a text) unless it is empty.
func compareBooks(t *testing.T, want, got []byte, types bool) {
	t.Helper()
	wf, gf := openBook(t, want), openBook(t, got)
	if w, g := wf.GetSheetList(), gf.GetSheetList(); fmt.Sprint(w) != fmt.Sprint(g) {
		t.Fatalf("sheets %q, want %q", g, w)
	}
	cells := 0
	for _, sh := range wf.GetSheetList() {
		wr, err := wf.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		gr, err := gf.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(wr) != len(gr) {
			t.Fatalf("%s: %d rows, want %d", sh, len(gr), len(wr))
		}
		for i := range wr {
			for j := range max(len(wr[i]), len(gr[i])) {
				var w, g string
				if j < len(wr[i]) {
					w = wr[i][j]
				}
				if j < len(gr[i]) {
					g = gr[i][j]
				}
				cells++
				if w != g && !sameNumber(w, g) {
					t.Fatalf("%s row %d col %d: got %q, want %q", sh, i+1, j+1, g, w)
				}
				if !types || w == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				wt, _ := wf.GetCellType(sh, ref)
				gt, _ := gf.GetCellType(sh, ref)
				if wt == excelize.CellTypeSharedString {
					wt = excelize.CellTypeInlineString
				}
				if wt != gt {
					t.Errorf("%s %s (%q): type %v, want %v", sh, ref, g, gt, wt)
				}
			}
		}
	}
	if cells == 0 {
		t.Fatal("no cells compared")
	}
}

func TestWorkbookMatchesOldWriter(t *testing.T) {
	cases := map[string]struct {
		d     Data
		types bool
	}{
		"example":   {exampleData(t), true},
		"generated": {genData(3000), false},
		"empty":     {Data{}, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			want, err := oldWorkbook(c.d)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Workbook(c.d)
			if err != nil {
				t.Fatal(err)
			}
			compareBooks(t, want, got, c.types)
		})
	}
}

func TestWorkbookParts(t *testing.T) {
	d := genData(500)
	b, err := Workbook(d)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Workbook(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Fatal("two writes of the same data differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: time %v", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
		rc.Close()
	}
	x := openBook(t, b)
	want := []string{SheetFigures, SheetReview, SheetFacts, SheetStories, SheetCorrections}
	if got := x.GetSheetList(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sheets %q", got)
	}
	for _, sh := range want {
		p, err := x.GetPanes(sh)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, %v", sh, p, err)
		}
		id, err := x.GetCellStyle(sh, "A1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := x.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold || !strings.HasSuffix(st.Font.Color, "FFFFFF") || st.Fill.Pattern != 1 {
			t.Errorf("%s: header style %+v, %v", sh, st, err)
		}
		if w, _ := x.GetColWidth(sh, "B"); w != 14 {
			t.Errorf("%s: width %v", sh, w)
		}
	}
	// Numbers are numbers, an unknown value an empty cell.
	for ref, typ := range map[string]excelize.CellType{"I2": excelize.CellTypeUnset, "K2": excelize.CellTypeBool, "A2": excelize.CellTypeInlineString} {
		if got, _ := x.GetCellType(SheetFigures, ref); got != typ {
			t.Errorf("Figures %s: type %v, want %v", ref, got, typ)
		}
	}
	if v, _ := x.GetCellValue(SheetFigures, "I2"); v == "" || d.Figures[0].Value == nil || v != strconv.FormatInt(*d.Figures[0].Value, 10) {
		t.Errorf("Figures I2 = %q", v)
	}
	if v, _ := x.GetCellValue(SheetFigures, "I5"); v != "" || d.Figures[3].Value != nil {
		t.Errorf("Figures I5 = %q, want empty", v)
	}
}

// TestWorkbookLongText checks that a story longer than a cell holds is
// cut with the mark, not an error that fails the build.
func TestWorkbookLongText(t *testing.T) {
	long := strings.Repeat("A long story. ", 5000) // 70,000 characters
	b, err := Workbook(Data{Stories: []foiwire.StoryRecord{{Authority: "kent", Written: true, Text: long}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := openBook(t, b).GetCellValue(SheetStories, "F2")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(got, "… [cut: ")
	if i < 0 || !strings.HasPrefix(long, got[:i]) || utf8.RuneCountInString(got) > xlsx.MaxCellChars {
		t.Fatalf("cell holds %d characters ending %q", utf8.RuneCountInString(got), got[max(0, len(got)-80):])
	}
	if want := fmt.Sprintf(CutMark, len(long)-i); got[i:] != want {
		t.Errorf("mark %q, want %q", got[i:], want)
	}
}

func benchWorkbook(b *testing.B, n int, write func(Data) ([]byte, error)) {
	d := genData(n)
	b.ReportAllocs()
	b.ResetTimer()
	defer testenv.ReportCPU(b)()
	var size int
	for b.Loop() {
		out, err := write(d)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "file-bytes")
}

// BenchmarkWorkbook writes campaigns of 20,000 and 220,000 figures with
// the old excelize writer and the new streaming one.
func BenchmarkWorkbook(b *testing.B) {
	for _, n := range []int{20000, 220000} {
		b.Run(fmt.Sprintf("old/%d", n), func(b *testing.B) { benchWorkbook(b, n, oldWorkbook) })
		b.Run(fmt.Sprintf("new/%d", n), func(b *testing.B) { benchWorkbook(b, n, Workbook) })
		// Straight to a writer, as the build writes its file: no bytes kept.
		b.Run(fmt.Sprintf("new-stream/%d", n), func(b *testing.B) {
			benchWorkbook(b, n, func(d Data) ([]byte, error) { return nil, WriteWorkbook(io.Discard, d) })
		})
		// The default deflate level, against the fastest one Workbook uses.
		b.Run(fmt.Sprintf("new-default-level/%d", n), func(b *testing.B) {
			benchWorkbook(b, n, func(d Data) ([]byte, error) {
				var out bytes.Buffer
				err := writeWorkbook(&out, d, xlsx.Options{CutMark: CutMark, Level: -1})
				return out.Bytes(), err
			})
		})
	}
}

// TestDatesWrittenOnce checks the workbook's memo of dates: each cell
// holds its own day however often days repeat, and the zero Date is an
// empty cell.
func TestDatesWrittenOnce(t *testing.T) {
	m := dates{}
	days := []foiwire.Date{foiwire.MustDate("2023-04-01"), foiwire.MustDate("2024-03-31"), {}, foiwire.MustDate("2023-04-01"),
		foiwire.NewDate(2023, 4, 1), foiwire.MustDate("2023-04-02"), {}, foiwire.MustDate("2024-03-31")}
	for i, d := range days {
		if got, want := m.cell(d), xlsx.String(d.String()); got != want {
			t.Errorf("day %d (%s): got %+v, want %+v", i, d, got, want)
		}
	}

	// In a workbook, every row shows its own period.
	var d Data
	for i := range 40 {
		start := foiwire.NewDate(2018+i%7, time.Month(1+i%12), 1+i%28)
		d.Figures = append(d.Figures, foiwire.Figure{Authority: "kent", Measure: foiwire.MeasurePeriod,
			Period: foiwire.Period{Start: start, End: start.AddDays(364)}})
	}
	b, err := Workbook(d)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := openBook(t, b).GetRows(SheetFigures)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range d.Figures {
		if r := rows[i+1]; r[4] != f.Start.String() || r[5] != f.End.String() {
			t.Errorf("row %d: period %s to %s, want %s to %s", i+2, r[4], r[5], f.Start, f.End)
		}
	}
}

// TestWorkbookAwaitStories: stories given late make the same bytes as
// stories given at once, asked for only once the figures and facts are
// written; stories that never come stop the workbook.
func TestWorkbookAwaitStories(t *testing.T) {
	d := exampleData(t)
	if len(d.Stories) == 0 {
		t.Fatal("the example has no stories")
	}
	want, err := Workbook(d)
	if err != nil {
		t.Fatal(err)
	}
	late := d
	late.Stories = nil
	var b bytes.Buffer
	late.AwaitStories = func() ([]foiwire.StoryRecord, bool) {
		if b.Len() < 1000 {
			t.Errorf("stories asked for after %d bytes: before the figures and facts were written", b.Len())
		}
		return d.Stories, true
	}
	if err := WriteWorkbook(&b, late); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Error("a workbook with its stories given late differs from one with them given at once")
	}
	late.AwaitStories = func() ([]foiwire.StoryRecord, bool) { return nil, false }
	if err := WriteWorkbook(io.Discard, late); !errors.Is(err, ErrNoStories) {
		t.Errorf("with no stories coming: %v, want ErrNoStories", err)
	}
}

// TestNamesAskedOnce checks the workbook's memo of the last authority's
// name: each row shows its own authority's name however the authorities
// alternate.
func TestNamesAskedOnce(t *testing.T) {
	var d Data
	ids := []string{"kent", "kent", "essex", "kent", "dorset", "dorset", "essex"}
	for i, id := range ids {
		d.Figures = append(d.Figures, foiwire.Figure{Authority: id, Measure: foiwire.MeasurePeriod, Label: strconv.Itoa(i)})
	}
	asked := 0
	d.Names = func(id string) string {
		asked++
		return strings.ToUpper(id) + " Police"
	}
	b, err := Workbook(d)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := openBook(t, b).GetRows(SheetFigures)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if r := rows[i+1]; r[0] != id || r[1] != strings.ToUpper(id)+" Police" {
			t.Errorf("row %d: %q, %q; want %s's name", i+2, r[0], r[1], id)
		}
	}
	if asked != 5 {
		t.Errorf("names asked %d times, want once for each run of an authority's rows (5)", asked)
	}
}
