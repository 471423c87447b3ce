package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/foiwire/foiwire/internal/pdfgen"
)

// A4 in points, and the letter's margins.
const (
	pageWidth  = 595.0
	pageHeight = 842.0
	left       = 72.0
	right      = pageWidth - 72.0
)

// word is one run of text placed on the page. When alignRight is set, x is
// where the run ends rather than where it starts: figures in a column line
// up on their last digit, as they do in a printed table.
type word struct {
	x, y       float64
	size       float64
	bold       bool
	alignRight bool
	text       string
}

// rule is a horizontal line under a table's header or above its total.
type rule struct {
	x1, x2, y float64
}

// page is a one-page PDF being laid out from the top down.
type page struct {
	title string
	y     float64
	words []word
	rules []rule
}

func newPage(title string) *page { return &page{title: title, y: pageHeight - 64} }

func (p *page) line(x float64, size float64, bold bool, text string) {
	p.words = append(p.words, word{x: x, y: p.y, size: size, bold: bold, text: text})
}

// gap moves down by n points.
func (p *page) gap(n float64) { p.y -= n }

// para sets already-wrapped lines of body text.
func (p *page) para(lines ...string) {
	for _, l := range lines {
		p.line(left, 10, false, l)
		p.gap(13)
	}
	p.gap(5)
}

func (p *page) heading(text string) {
	p.line(left, 11, true, text)
	p.gap(17)
}

// table sets a two-column table whose numbers end at edge. A row labelled
// "Total" is set in bold under a rule.
func (p *page) table(head [2]string, rows []row, edge float64) {
	p.line(left, 10, true, head[0])
	p.words = append(p.words, word{x: edge, y: p.y, size: 10, bold: true, alignRight: true, text: head[1]})
	p.rules = append(p.rules, rule{left, edge, p.y - 4})
	p.gap(15)
	for _, r := range rows {
		bold := r.label == "Total"
		if bold {
			p.rules = append(p.rules, rule{left, edge, p.y + 10})
		}
		p.line(left, 10, bold, r.label)
		p.words = append(p.words, word{x: edge, y: p.y, size: 10, bold: bold, alignRight: true, text: fmt.Sprint(r.value)})
		p.gap(14)
	}
	p.gap(8)
}

// helveticaWidth is the advance of the characters that appear in a
// right-aligned run, in thousandths of the font size, from the standard
// Helvetica and Helvetica-Bold metrics.
func helveticaWidth(r rune, bold bool) (float64, bool) {
	switch {
	case r >= '0' && r <= '9':
		return 556, true
	case r == ',':
		return 278, true
	}
	if bold {
		switch r {
		case 'C':
			return 722, true
		case 'r':
			return 389, true
		case 'i':
			return 278, true
		case 'm':
			return 889, true
		case 'e':
			return 556, true
		case 's':
			return 556, true
		case ' ':
			return 278, true
		}
	}
	return 0, false
}

func textWidth(w word) (float64, error) {
	total := 0.0
	for _, r := range w.text {
		adv, ok := helveticaWidth(r, w.bold)
		if !ok {
			return 0, fmt.Errorf("no width known for %q in right-aligned %q", r, w.text)
		}
		total += adv
	}
	return total * w.size / 1000, nil
}

// content returns the page's content stream.
func (p *page) content() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("0.5 w 0 G\n")
	for _, r := range p.rules {
		fmt.Fprintf(&b, "%.2f %.2f m %.2f %.2f l S\n", r.x1, r.y, r.x2, r.y)
	}
	for _, w := range p.words {
		x := w.x
		if w.alignRight {
			tw, err := textWidth(w)
			if err != nil {
				return nil, err
			}
			x -= tw
		}
		s, err := pdfgen.Literal(w.text, 0)
		if err != nil {
			return nil, err
		}
		font := "F1"
		if w.bold {
			font = "F2"
		}
		fmt.Fprintf(&b, "BT /%s %.1f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", font, w.size, x, w.y, s)
	}
	return b.Bytes(), nil
}

// writePDF writes the page as a complete PDF 1.4 file with its cross-
// reference table. It uses the standard fonts, so nothing is embedded.
func (p *page) writePDF(w io.Writer) error {
	stream, err := p.content()
	if err != nil {
		return err
	}
	title, err := pdfgen.Literal(p.title, 0)
	if err != nil {
		return err
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>", pageWidth, pageHeight),
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Title %s /Author (Lancashire Constabulary) /Producer (foiwire example generator) /CreationDate (D:20240726143000+01'00') >>", title),
	}
	_, err = w.Write(pdfgen.Assemble(objects, len(objects)))
	return err
}
