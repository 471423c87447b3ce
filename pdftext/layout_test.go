package pdftext

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/internal/pdfgen"
)

// courierPage is a one-page PDF setting lines in Courier at size, one
// line every 1.35 sizes, as a report generator prints a table in columns.
func courierPage(t *testing.T, size float64, lines []string) []byte {
	t.Helper()
	var c strings.Builder
	y := 790.0
	for _, l := range lines {
		s, err := pdfgen.Literal(l, '?')
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&c, "BT /F1 %.2f Tf 1 0 0 1 50 %.2f Tm %s Tj ET\n", size, y, s)
		y -= size * 1.35
	}
	return pdfgen.Assemble([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		pdfgen.Stream(c.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
	}, 0)
}

// TestLayoutFixedPitch: a table set in a fixed-pitch font reads back as it
// was set, column for column, at an ordinary size and shrunk to fit a
// wide table on the page. Long headings over right-aligned figures are
// the case that matters: on a grid finer than the pitch, a figure no
// longer ends under its heading; on one coarser (a floor in points under
// a tiny font) each long heading pushes the next one further right, and
// figures are read under the wrong heading.
func TestLayoutFixedPitch(t *testing.T) {
	lines := []string{
		"Freedom of Information response",
		"",
		"                      Bishop Auckland General Hospital   Bishop Auckland General Hospital   Chester-le-Street Community Hospital   Chester-le-Street Community Hospital",
		"                      2019/20                            2020/21                            2019/20                                2020/21",
		"Number of incidents                                  2                                  1                                      0                                     46",
		"",
		"Number of incidents   Period",
		"                 14   6 April 2021 to 5 April 2022",
		"                 16   6 April 2022 to 5 April 2023",
	}
	// 1.5 points is what a table four times as wide as these lines is
	// shrunk to on an A4 page: glyphs under a point wide.
	for _, size := range []float64{9, 1.5} {
		t.Run(fmt.Sprintf("%.2fpt", size), func(t *testing.T) {
			doc, err := Read(context.Background(), courierPage(t, size, lines), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Pages[0].Lines()
			if strings.Join(got, "\n") != strings.Join(lines, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(lines, "\n"))
			}
		})
	}
}

// TestGridProportional: a page in a proportional font keeps the finer
// grid, and a font whose widths are far too narrow for its size is held
// to a fifth of the size a column.
func TestGridProportional(t *testing.T) {
	var gs []Glyph
	for i, w := range []float64{5, 6, 3, 7, 5.5, 2.8, 6.2} {
		gs = append(gs, Glyph{X: 40 + float64(i)*6, W: w, Size: 10})
	}
	if unit, left := grid(gs); unit != 5.5*0.8 || left != 40 {
		t.Errorf("proportional grid: unit %v, left %v; want %v, 40", unit, left, 5.5*0.8)
	}
	for i := range gs {
		gs[i].W = 0.01
	}
	if unit, _ := grid(gs); unit != 2 {
		t.Errorf("grid for widths far too narrow: unit %v; want 2 (a fifth of the size)", unit)
	}
}

// TestLayoutBlankLines: a blank line marks a gap of two lines' size or
// more, as pdftotext marks one; a header row set in a taller cell than the
// rows under it (a gap of 1.85 sizes) is no gap, and must not cut the
// header off its table.
func TestLayoutBlankLines(t *testing.T) {
	content := `BT /F1 12 Tf 72 700 Td (Crime Group) Tj 200 0 Td (2019/20) Tj ET
BT /F1 12 Tf 72 677.8 Td (Burglary) Tj 200 0 Td (2) Tj ET
BT /F1 12 Tf 72 661 Td (Robbery) Tj 200 0 Td (5) Tj ET
BT /F1 12 Tf 72 628 Td (Figures may change.) Tj ET`
	doc, err := Read(context.Background(), onePage(content), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Crime Group 2019/20", "Burglary 2", "Robbery 5", "", "Figures may change."}
	lines := doc.Pages[0].Lines()
	var flat []string
	for _, l := range lines {
		flat = append(flat, strings.Join(strings.Fields(l), " "))
	}
	if strings.Join(flat, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q; want %q", lines, want)
	}
}
