package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"golang.org/x/image/font"
)

// SVG returns the chart as a standalone SVG document. The same chart always
// gives the same bytes. It returns an error when the chart is invalid (see
// Validate) or the fonts cannot be read.
func (c Chart) SVG() ([]byte, error) {
	var b bytes.Buffer
	if err := c.WriteSVG(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteSVG writes the chart as a standalone SVG document to w. It returns an
// error when the chart is invalid, the fonts cannot be read, or w fails.
func (c Chart) WriteSVG(w io.Writer) error {
	if err := c.Validate(); err != nil {
		return err
	}
	fs, err := newFaces(1, font.HintingNone)
	if err != nil {
		return err
	}
	shapes, h := layout(c, fs)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%s" viewBox="0 0 %d %s" role="img" aria-labelledby="chart-title chart-desc" font-family="Go, Arial, Helvetica, 'Liberation Sans', 'Helvetica Neue', sans-serif">`+"\n",
		Width, num(h), Width, num(h))
	b.WriteString(`<title id="chart-title">`)
	escape(&b, c.Title)
	b.WriteString("</title>\n<desc id=\"chart-desc\">")
	escape(&b, c.Alt)
	b.WriteString("</desc>\n")
	fmt.Fprintf(&b, `<rect width="%d" height="%s" fill="%s"/>`+"\n", Width, num(h), hex(colWhite))
	for _, s := range shapes {
		if s.text == "" {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", num(s.x), num(s.y), num(s.w), num(s.h), hex(s.fill))
			continue
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s"`, num(s.x), num(s.y), num(s.size))
		if s.bold {
			b.WriteString(` font-weight="bold"`)
		}
		if w := fs.width(s.text, s.size, s.bold); s.box > 0 && w*fitMargin > s.box {
			// A wider font than Go's could push this text out of its box:
			// hold it to the width it was laid out at.
			fmt.Fprintf(&b, ` textLength="%s" lengthAdjust="spacingAndGlyphs"`, num(math.Min(w, s.box)))
		}
		switch s.anchor {
		case anchorMiddle:
			b.WriteString(` text-anchor="middle"`)
		case anchorEnd:
			b.WriteString(` text-anchor="end"`)
		}
		fmt.Fprintf(&b, ` fill="%s">`, hex(s.fill))
		escape(&b, s.text)
		b.WriteString("</text>\n")
	}
	b.WriteString("</svg>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write SVG of chart %q: %w", c.Title, err)
	}
	return nil
}

// Height returns the height of the chart in CSS pixels, as the SVG draws
// it (the PNG is PNGScale times this). It returns an error when the chart is
// invalid or the fonts cannot be read.
func (c Chart) Height() (int, error) {
	m, err := NewMeasurer()
	if err != nil {
		return 0, err
	}
	return m.Height(c)
}

// Measurer gives charts' heights as Chart.Height does, keeping its font
// faces from one chart to the next, for a caller that measures many. It
// is not safe for use by several goroutines at once.
type Measurer struct{ fs *faces }

// NewMeasurer returns a Measurer, or an error when the fonts cannot be
// read.
func NewMeasurer() (*Measurer, error) {
	fs, err := newFaces(1, font.HintingNone)
	if err != nil {
		return nil, err
	}
	return &Measurer{fs: fs}, nil
}

// Height is c.Height().
func (m *Measurer) Height(c Chart) (int, error) {
	if err := c.Validate(); err != nil {
		return 0, err
	}
	return int(height(c, m.fs)), nil
}

// num writes a coordinate to a tenth of a pixel, without trailing zeros.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func escape(b *bytes.Buffer, s string) {
	// EscapeText writes to a bytes.Buffer, which never fails.
	_ = xml.EscapeText(b, []byte(s))
}
