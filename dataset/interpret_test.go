package dataset

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
)

// grid builds a table from rows of cells separated by "|".
func grid(context string, truncated bool, rows ...string) foiwire.Table {
	t := foiwire.Table{Context: context, Truncated: truncated}
	for r, line := range rows {
		var cells []foiwire.Cell
		for c, s := range strings.Split(line, "|") {
			cells = append(cells, foiwire.Cell{Row: r, Col: c, Text: strings.TrimSpace(s)})
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

func newReader(fiscalDay int) *reader {
	return &reader{authority: "dorset", sure: true, from: "given", doc: "d0c", file: "reply.html",
		popt: period.Options{FiscalStartMonth: time.April, FiscalStartDay: fiscalDay}}
}

type want struct {
	measure    foiwire.Measure
	period     string
	label      string
	value      int64 // -1 for no value
	total      bool
	confidence foiwire.Confidence
}

func check(t *testing.T, got []foiwire.Figure, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, f := range got {
			t.Logf("got %s %s %q %v total=%v %s %s", f.Measure, f.Period, f.Label, f.Value, f.IsTotal, f.Confidence, f.Reason)
		}
		t.Fatalf("%d figures, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		f := got[i]
		v := int64(-1)
		if n, ok := f.Int(); ok {
			v = n
		}
		if f.Measure != w.measure || f.Period.String() != w.period || f.Label != w.label || v != w.value || f.IsTotal != w.total || f.Confidence != w.confidence {
			t.Errorf("figure %d = %s %s %q %d total=%v %s (%s)\nwant        %s %s %q %d total=%v %s",
				i, f.Measure, f.Period, f.Label, v, f.IsTotal, f.Confidence, f.Reason, w.measure, w.period, w.label, w.value, w.total, w.confidence)
		}
	}
}

func TestPeriodTableWithTotal(t *testing.T) {
	tab := grid("Q1. Offences in each year", false,
		"Year|Offences",
		"1 April 2021 to 31 March 2022|14",
		"1 April 2022 to 31 March 2023|16",
		"Total|30")
	check(t, newReader(1).figures(tab), []want{
		{foiwire.MeasurePeriod, "2021-04-01..2022-03-31", "1 April 2021 to 31 March 2022", 14, false, "high"},
		{foiwire.MeasurePeriod, "2022-04-01..2023-03-31", "1 April 2022 to 31 March 2023", 16, false, "high"},
		{foiwire.MeasurePeriod, "2021-04-01..2023-03-31", "Total", 30, true, "high"},
	})
}

func TestTotalThatDoesNotAddUp(t *testing.T) {
	tab := grid("", false, "Year|Count", "2021/22|14", "2022/23|16", "Total|31")
	figs := newReader(1).figures(tab)
	if len(figs) != 3 || figs[2].Confidence != foiwire.ConfidenceReview || !strings.Contains(figs[2].Reason, "add to 30") {
		t.Fatalf("a total that does not add up must go to review: %+v", figs)
	}
}

func TestOffenceTablePeriodFromContext(t *testing.T) {
	tab := grid("b) The kinds of offence in 2023/24", false,
		"Offence type|Number",
		"Harassment|6",
		"Stalking|<5",
		"Total|9")
	figs := newReader(6).figures(tab)
	check(t, figs, []want{
		{foiwire.MeasureOffence, "2023-04-06..2024-04-05", "Harassment", 6, false, "high"},
		{foiwire.MeasureOffence, "2023-04-06..2024-04-05", "Stalking", -1, false, "review"},
		{foiwire.MeasureOffence, "2023-04-06..2024-04-05", "Total", 9, true, "review"},
	})
	if figs[1].Status != foiwire.StatusSuppressed {
		t.Errorf("'<5' status = %s, want suppressed", figs[1].Status)
	}
}

func TestOutcomeTableFromWording(t *testing.T) {
	tab := grid("What happened next (2023/24)", false,
		"Result|Crimes",
		"Charge/Summons|3",
		"Investigation complete - no suspect identified|53")
	figs := newReader(1).figures(tab)
	check(t, figs, []want{
		{foiwire.MeasureOutcome, "2023-04-01..2024-03-31", "Charge/Summons", 3, false, "high"},
		{foiwire.MeasureOutcome, "2023-04-01..2024-03-31", "Investigation complete - no suspect identified", 53, false, "high"},
	})
	if figs[0].Category != "HO1" || figs[1].Category != "HO18" {
		t.Errorf("categories = %q, %q; want HO1, HO18", figs[0].Category, figs[1].Category)
	}
}

func TestYearsByCategoryGrid(t *testing.T) {
	// Years down the side, an offence across the top, cut off mid-row.
	tab := grid("", true, "Year|Malicious communications|Online harassment", "2023*|904")
	check(t, newReader(1).figures(tab), []want{
		{foiwire.MeasureOffence, "2023-01-01..2023-12-31", "Malicious communications", 904, false, "review"},
	})
}

func TestCategoriesByYearsGrid(t *testing.T) {
	// A cell's label is its row's words and its column's.
	tab := grid("", false, "Offence|2021/22|2022/23", "Harassment|4|7", "Stalking|1|2")
	check(t, newReader(1).figures(tab), []want{
		{foiwire.MeasureOffence, "2021-04-01..2022-03-31", "Harassment 2021/22", 4, false, "high"},
		{foiwire.MeasureOffence, "2022-04-01..2023-03-31", "Harassment 2022/23", 7, false, "high"},
		{foiwire.MeasureOffence, "2021-04-01..2022-03-31", "Stalking 2021/22", 1, false, "high"},
		{foiwire.MeasureOffence, "2022-04-01..2023-03-31", "Stalking 2022/23", 2, false, "high"},
	})
}

func TestNotAFigureTable(t *testing.T) {
	for name, tab := range map[string]foiwire.Table{
		"words only":    grid("", false, "Name|Role", "Jane|Officer"),
		"one row":       grid("", false, "Total|5"),
		"contact block": grid("", false, "Telephone|Email", "Call us|foi@example.org"),
	} {
		if figs := newReader(1).figures(tab); len(figs) != 0 {
			t.Errorf("%s: read %d figures from a table of no counts", name, len(figs))
		}
	}
}

func TestBestGuess(t *testing.T) {
	for _, c := range []struct {
		text  string
		value int64
		ok    bool
	}{
		{"Request 1 By calendar year. We can confirm 841 parking tickets were issued.", 841, true},
		{"It would take 55 hours to search 2,000 files.", 2000, true},
		{"Reference 1081719. Fines of £230 were paid in 2021 and 15% rose.", 0, false},
		{"Please reply within 20 working days, PO Box 1283.", 0, false},
	} {
		v, _, _, ok := bestGuess(c.text)
		if ok != c.ok || ok && v != c.value {
			t.Errorf("bestGuess(%q) = %d, %v; want %d, %v", c.text, v, ok, c.value, c.ok)
		}
	}
}

func TestUnreadReplyIsNeverSilent(t *testing.T) {
	r := newReader(1)
	f := unread(r, "Thank you for your request. We have looked into it.")
	if f.Measure != foiwire.MeasureUnread || f.Confidence != foiwire.ConfidenceReview || f.Value != nil || f.Status != foiwire.StatusUnread || f.Reason == "" {
		t.Errorf("unread row = %+v", f)
	}
}

// TestTableContinuedOverPages: headings on the line above the first part,
// none above the second, whose first row's words began on the line before;
// dashes read as nil once the total at the foot confirms them.
func TestTableContinuedOverPages(t *testing.T) {
	first := grid("Crimes by group\nGroup 2021/22 2022/23 Total", false,
		"Arson|2|-|2",
		"Theft|5|4|9")
	first.Index = 0
	second := grid("Interfering With A Motor", false,
		"Vehicle|1|1|2",
		"Total|8|5|13")
	second.Index = 1
	for i := range second.Rows {
		for j := range second.Rows[i] {
			second.Rows[i][j].Row = i
		}
	}
	figs, err := newReader(1).tables(context.Background(), []foiwire.Table{first, second}, "reply text")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]foiwire.Figure{}
	for _, f := range figs {
		got[f.Label] = f
	}
	arson := got["Arson 2022/23"]
	if v, ok := arson.Int(); !ok || v != 0 || arson.Confidence != foiwire.ConfidenceHigh {
		t.Errorf("dash confirmed by the total: %+v", arson)
	}
	veh := got["Interfering With A Motor Vehicle 2021/22"]
	if v, _ := veh.Int(); v != 1 || veh.Period.String() != "2021-04-01..2022-03-31" || veh.Confidence != foiwire.ConfidenceReview ||
		!strings.Contains(veh.Reason, "line above") {
		t.Errorf("wrapped first row of the continued table: %+v", veh)
	}
	tot := got["Total 2021/22"]
	if v, _ := tot.Int(); v != 8 || strings.Contains(tot.Reason, "add to") {
		t.Errorf("total over both parts: %+v", tot)
	}
	if g := got["Theft Total"]; !g.IsTotal || g.Period.String() != "2021-04-01..2023-03-31" {
		t.Errorf("row total: %+v", g)
	}
}

func TestDashesWhenTheReplySuppresses(t *testing.T) {
	tab := grid("", false, "Offence|2021/22|2022/23", "Arson|2|-", "Theft|5|4")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "Figures under 5 are suppressed and shown as -.")
	for _, f := range figs {
		if f.Source.Text == "-" && (f.Status != foiwire.StatusSuppressed || f.Confidence != foiwire.ConfidenceReview) {
			t.Errorf("a dash in a reply that suppresses: %+v", f)
		}
	}
}

func TestBareYearsInAFinancialYearReply(t *testing.T) {
	tab := grid("", false, "Offence|2019|2020", "Arson|2|3")
	r := newReader(1)
	r.fyEvidence = "2019/20"
	figs, _ := r.tables(context.Background(), []foiwire.Table{tab}, "")
	if len(figs) != 2 || figs[0].Period.String() != "2019-01-01..2019-12-31" || figs[0].Confidence != foiwire.ConfidenceReview {
		t.Fatalf("bare years: %+v", figs)
	}
}

func TestConflictingValuesGoToReview(t *testing.T) {
	a := grid("", false, "Year|Crimes", "2021/22|14", "2022/23|16")
	b := grid("", false, "Year|Crimes", "2021/22|15")
	b.Index = 1
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{a, b}, "")
	var n int
	for _, f := range figs {
		if f.Period.String() == "2021-04-01..2022-03-31" {
			n++
			if f.Confidence != foiwire.ConfidenceReview || !strings.Contains(f.Reason, "also gives") {
				t.Errorf("conflict not sent to review: %+v", f)
			}
		}
	}
	if n != 2 {
		t.Errorf("both readings must be kept, got %d", n)
	}
	c := &foiwire.Campaign{Questions: []foiwire.Question{{ID: "q1", Measure: foiwire.MeasurePeriod, Periods: []foiwire.Period{
		{Start: foiwire.NewDate(2022, 4, 1), End: foiwire.NewDate(2023, 3, 31)},
		{Start: foiwire.NewDate(2023, 4, 1), End: foiwire.NewDate(2024, 3, 31)}}}}}
	if m := missingPeriods(c, figs); len(m) != 1 || !strings.Contains(m[0], "2023-04-01") {
		t.Errorf("missing periods = %v", m)
	}
}

// TestTwoLevelHeadings: a heading row over another, read as one heading
// per column; the one-row reading gives clashing labels and loses.
func TestTwoLevelHeadings(t *testing.T) {
	tab := grid("Noise complaints", false,
		"|Noise -|Noise -|",
		"Year|Homes|Shops|Total",
		"2021|12|5|17",
		"2022|9|7|16")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	got := map[string]int64{}
	for _, f := range figs {
		v, _ := f.Int()
		got[f.Label] = v
		if f.Label == "Total 2022" && !f.IsTotal {
			t.Errorf("a Total column is a total: %+v", f)
		}
	}
	if got["Noise - Homes 2021"] != 12 || got["Noise - Shops 2022"] != 7 || got["Total 2022"] != 16 || len(figs) != 6 {
		t.Errorf("read %v", got)
	}
}

// TestCloseReadingsGoToReview: when two layouts explain a table equally
// well and read it differently, the best goes to review naming the other.
func TestCloseReadingsGoToReview(t *testing.T) {
	// Its own first row and the line above both head it, with different years.
	tab := grid("Offence 2019/20 2020/21", false,
		"Offence|2021/22|2022/23",
		"Arson|2|3")
	r := newReader(1)
	figs, _ := r.tables(context.Background(), []foiwire.Table{tab}, "")
	if len(figs) == 0 {
		t.Fatal("no figures")
	}
	for _, f := range figs {
		if f.Confidence != foiwire.ConfidenceReview || !strings.Contains(f.Reason, "score alike") {
			t.Errorf("close readings: %+v", f)
		}
	}
}

func TestMonthsByYears(t *testing.T) {
	tab := grid("Tickets issued", false,
		"|2022|2023",
		"Jan|40|44",
		"Feb|36|43",
		"Mar|31|50",
		"Total|107|137")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	got := map[string]foiwire.Figure{}
	for _, f := range figs {
		got[f.Label] = f
	}
	if f := got["Feb 2023"]; f.Period.String() != "2023-02-01..2023-02-28" || *f.Value != 43 || f.Confidence != foiwire.ConfidenceHigh {
		t.Errorf("Feb 2023: %+v", f)
	}
	if f := got["Total 2022"]; !f.IsTotal || f.Period.String() != "2022-01-01..2022-12-31" || f.Confidence != foiwire.ConfidenceHigh {
		t.Errorf("Total 2022 (adds up): %+v", f)
	}
	if len(figs) != 8 {
		t.Errorf("%d figures", len(figs))
	}
}

// TestContinuedTableWithoutAGapColumn: the first part of a table has an
// empty column its layout put in; the next part, without it, still takes
// the headings, matched by position once the gap is dropped.
func TestContinuedTableWithoutAGapColumn(t *testing.T) {
	first := grid("", false,
		"Outcome|2019||2020|2021",
		"Charged|5||6|7")
	second := grid("", false,
		"Cautioned|1|2|3")
	second.Index = 1
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{first, second}, "")
	got := map[string]int64{}
	for _, f := range figs {
		v, _ := f.Int()
		got[f.Label] = v
	}
	if got["Charged 2020"] != 6 || got["Cautioned 2019"] != 1 || got["Cautioned 2021"] != 3 || len(figs) != 6 {
		t.Errorf("read %v", got)
	}
}

func TestPartYearColumn(t *testing.T) {
	tab := grid("", false, "Offence|2022|2023|2024", "Arson|4|5|1")
	r := newReader(1)
	r.fyEvidence = "2022/23"
	r.latestFY = foiwire.NewDate(2024, 3, 31)
	figs, _ := r.tables(context.Background(), []foiwire.Table{tab}, "")
	if len(figs) != 3 || !figs[2].End.IsZero() || figs[2].Start != foiwire.NewDate(2024, 1, 1) || !strings.Contains(figs[2].Reason, "part year") {
		t.Fatalf("part year: %+v", figs)
	}
	if figs[1].End != foiwire.NewDate(2023, 12, 31) {
		t.Errorf("a whole year before it: %+v", figs[1])
	}
}

func TestRunsOfProseLines(t *testing.T) {
	tab := grid("Crimes recorded each year", false,
		"2019 – 16 crimes",
		"2020 : 0",
		"2021 - 7")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	check(t, figs, []want{
		{foiwire.MeasurePeriod, "2019-01-01..2019-12-31", "2019", 16, false, "high"},
		{foiwire.MeasurePeriod, "2020-01-01..2020-12-31", "2020", 0, false, "high"},
		{foiwire.MeasurePeriod, "2021-01-01..2021-12-31", "2021", 7, false, "high"},
	})
	// Two numbered series of the same years.
	two := grid("", false,
		"1. 2022 : 4",
		"1. 2023 : 5",
		"2. 2022 : 1",
		"2. 2023 : 0")
	figs, _ = newReader(1).tables(context.Background(), []foiwire.Table{two}, "")
	if len(figs) != 4 || figs[0].Series != "1" || figs[3].Series != "2" {
		t.Fatalf("two series: %+v", figs)
	}
	for _, f := range figs {
		if strings.Contains(f.Reason, "also gives") {
			t.Errorf("series kept apart, not a conflict: %+v", f)
		}
	}
}

// TestCellsPlacedByTotals: the middle part of a table lost its empty
// cells; the total row at the foot says where its numbers go.
func TestCellsPlacedByTotals(t *testing.T) {
	first := grid("Group 2021/22 2022/23 2023/24 Total", false,
		"Arson|2|1|1|4",
		"Theft|5|4|3|12")
	second := grid("", false,
		"Fraud|7|7")
	second.Index = 1
	third := grid("", false,
		"Robbery|1|1|1|3",
		"Total|8|6|12|26")
	third.Index = 2
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{first, second, third}, "")
	var fraud []foiwire.Figure
	for _, f := range figs {
		if strings.HasPrefix(f.Label, "Fraud") {
			fraud = append(fraud, f)
		}
		if strings.Contains(f.Reason, "add to") {
			t.Errorf("totals must add up once the row is placed: %+v", f)
		}
	}
	for _, f := range figs {
		if strings.HasPrefix(f.Label, "Robbery 20") && f.Confidence != foiwire.ConfidenceHigh {
			t.Errorf("a continued row whose column totals add up over every piece: %+v", f)
		}
	}
	if len(fraud) != 2 || fraud[0].Label != "Fraud 2023/24" || *fraud[0].Value != 7 || fraud[1].Label != "Fraud Total" ||
		fraud[1].Period.String() != "2021-04-01..2024-03-31" || fraud[0].Confidence != foiwire.ConfidenceReview || !strings.Contains(fraud[0].Reason, "only columns") {
		t.Fatalf("placed: %+v", fraud)
	}
}

func TestRowNumbersAreNotCounts(t *testing.T) {
	tab := grid("", false, "No.|Year|Offence|Count",
		"1|2021/22|Arson|4", "2|2021/22|Theft|9", "3|2022/23|Arson|2", "4|2022/23|Theft|7", "5|2022/23|Fraud|1")
	for _, f := range newReader(1).figures(tab) {
		if f.Source.Col == 0 {
			t.Errorf("a row number read as a figure: %+v", f)
		}
	}
}

func TestSameCategoryDifferentWordingIsNoConflict(t *testing.T) {
	tab := grid("", false, "Offence|2022/23", "Possession of drugs|9", "Trafficking of drugs|2")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	for _, f := range figs {
		if strings.Contains(f.Reason, "also gives") {
			t.Errorf("two offences in one category are not a conflict: %+v", f)
		}
	}
}

func TestYearsBySeriesGrid(t *testing.T) {
	tab := grid("", false, "Year|Reports of graffiti|Clean-ups|Fines", "2022|60|21|£2,060", "2023|77|30|£2,740")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{tab}, "")
	if len(figs) != 4 {
		t.Fatalf("money is not a count: %+v", figs)
	}
	if f := figs[0]; f.Measure != foiwire.MeasurePeriod || f.Series != "Reports of graffiti" || f.Label != "Reports of graffiti 2022" || *f.Value != 60 {
		t.Errorf("series by period: %+v", f)
	}
}

func TestSeriesFromTheLineAboveEachTable(t *testing.T) {
	a := grid("Crimes reported on each platform\nFacebook", false, "Year|Crimes", "2021|14", "2022|16")
	b := grid("Twitter", false, "Year|Crimes", "2021|3", "2022|5")
	b.Index = 1
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{a, b}, "")
	if len(figs) != 4 {
		t.Fatalf("%d figures", len(figs))
	}
	for _, f := range figs {
		want := "Facebook"
		if f.Source.Table == 1 {
			want = "Twitter"
		}
		if f.Series != want || strings.Contains(f.Reason, "also gives") {
			t.Errorf("series %q, want %q: %+v", f.Series, want, f)
		}
	}
}

func TestFlattenedOneCellPerLine(t *testing.T) {
	rowWise := grid("", false, "Offence", "2021/22", "2022/23", "Arson", "2", "3", "Theft", "5", "4")
	figs, _ := newReader(1).tables(context.Background(), []foiwire.Table{rowWise}, "")
	got := map[string]int64{}
	for _, f := range figs {
		got[f.Label] = *f.Value
	}
	if len(figs) != 4 || got["Arson 2022/23"] != 3 || got["Theft 2021/22"] != 5 {
		t.Errorf("headings then rows: %v", got)
	}
	for _, f := range figs {
		if f.Label == "Arson 2022/23" && (f.Source.Row != 5 || f.Source.Text != "3") {
			t.Errorf("provenance of a flattened cell: %+v", f.Source)
		}
	}
	for i, flat := range []foiwire.Table{
		grid("", false, "2021/22", "2022/23", "2023/24", "14", "16", "16"),
		grid("", false, "2021/22", "14", "2022/23", "16", "2023/24", "16"),
	} {
		figs, _ = newReader(1).tables(context.Background(), []foiwire.Table{flat}, "")
		if want := []int{4, 3}[i]; len(figs) == 3 && figs[1].Source.Row != want {
			t.Errorf("the 2022/23 figure points at line %d, want %d", figs[1].Source.Row, want)
		}
		check(t, figs, []want{
			{foiwire.MeasurePeriod, "2021-04-01..2022-03-31", "2021/22", 14, false, "high"},
			{foiwire.MeasurePeriod, "2022-04-01..2023-03-31", "2022/23", 16, false, "high"},
			{foiwire.MeasurePeriod, "2023-04-01..2024-03-31", "2023/24", 16, false, "high"},
		})
	}
}
