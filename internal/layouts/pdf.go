package layouts

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/foiwire/foiwire/internal/pdfgen"
)

// Page geometry for the generated PDFs: A4, Courier 9 pt or smaller so
// that the widest line fits (a fixed-width font, so that columns set with
// spaces line up on the page as they do in text), 60 lines a page at 9 pt.
const (
	pdfWidth, pdfHeight = 595.0, 842.0
	pdfLeft, pdfTop     = 50.0, 790.0
	pdfLinesPerPage     = 60
)

// pdfOf sets lines on as many pages as they need, each page with a footer
// naming its number, and returns a complete PDF file.
func pdfOf(lines []string) ([]byte, error) {
	// The widest line must fit between the margins: Courier's characters
	// are 0.6 of the font size wide.
	size := 9.0
	widest := 0
	for _, l := range lines {
		widest = max(widest, len([]rune(l)))
	}
	if w := (pdfWidth - 2*pdfLeft) / (0.6 * float64(widest)); widest > 0 && w < size {
		size = w
	}
	leading := size * 1.35
	perPage := min(pdfLinesPerPage*3, int((pdfTop-50)/leading))
	var pages [][]string
	for len(lines) > perPage {
		pages = append(pages, lines[:perPage])
		lines = lines[perPage:]
	}
	pages = append(pages, lines)
	var objects []string
	// 1 catalog, 2 pages, 3 font, then a page and its content per page.
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objects = append(objects,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
	)
	for i, pg := range pages {
		var c bytes.Buffer
		y := pdfTop
		for _, l := range pg {
			s, err := pdfgen.Literal(l, '?')
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&c, "BT /F1 %.2f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", size, pdfLeft, y, s)
			y -= leading
		}
		footer, _ := pdfgen.Literal(fmt.Sprintf("Page %d of %d", i+1, len(pages)), '?')
		fmt.Fprintf(&c, "BT /F1 8 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", pdfWidth/2-30, 30.0, footer)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", pdfWidth, pdfHeight, 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()),
		)
	}
	return pdfgen.Assemble(objects, 0), nil
}
