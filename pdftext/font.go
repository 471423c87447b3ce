package pdftext

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// font is what placing and decoding glyphs needs from a font dictionary.
type font struct {
	uni     toUnicode // the font's ToUnicode map, when it has one
	enc     pdf.TextEncoding
	twoByte bool // a composite (Type0) font: two bytes a glyph
	first   int
	widths  []float64       // simple fonts, from FirstChar on, in glyph units
	cid     map[int]float64 // composite fonts: widths by glyph id
	dw      float64         // the width of a glyph with none given
	scale   float64         // glyph units to text space: 1/1000, or a Type3 font's matrix
	metrics bool            // widths come from the file, not an estimate
	mono    bool            // a fixed-pitch standard font (Courier), 600 units a glyph
}

// fallbackFont places text shown before any font is set, which a
// well-formed file never does.
var fallbackFont = &font{enc: nil, dw: 500, scale: 0.001}

// loadFont reads a font dictionary. Missing or odd entries fall back to
// estimates rather than failing: a wrong width misplaces a word by a few
// points, a refusal would lose the page.
func loadFont(v pdf.Value) *font {
	f := &font{dw: 500, scale: 0.001}
	f.enc = encoding(v)
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := readStream(tu); err == nil {
			f.uni = parseCMap(data)
		}
	}
	base := strings.ToLower(v.Key("BaseFont").Name())
	f.mono = strings.Contains(base, "courier") || strings.Contains(base, "mono")
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		f.dw = 1000
		d := v.Key("DescendantFonts").Index(0)
		if w := d.Key("DW"); w.Kind() == pdf.Integer || w.Kind() == pdf.Real {
			f.dw = w.Float64()
		}
		f.cid = cidWidths(d.Key("W"))
		f.metrics = len(f.cid) > 0
	case "Type3":
		if m := v.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
			f.scale = m.Index(0).Float64()
		}
		fallthrough
	default:
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 65536; i++ {
			f.widths = append(f.widths, ws.Index(i).Float64())
		}
		f.metrics = len(f.widths) > 0
	}
	return f
}

// cidWidths reads a composite font's W array: "c [w1 w2 …]" gives widths
// from c on, "c1 c2 w" one width for a range.
func cidWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	for i := 0; i < w.Len(); {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 65536; j++ {
				out[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		last := int(next.Int64())
		width := w.Index(i + 2).Float64()
		for c2 := c; c2 <= last && c2-c < 65536; c2++ {
			out[c2] = width
		}
		i += 3
	}
	return out
}

// codes splits a shown string into glyph codes.
func (f *font) codes(raw string) []string {
	step := 1
	if f.twoByte {
		step = 2
	}
	out := make([]string, 0, len(raw)/step+1)
	for i := 0; i < len(raw); i += step {
		out = append(out, raw[i:min(i+step, len(raw))])
	}
	return out
}

// width is a glyph's advance in text space units for a font size of 1.
func (f *font) width(code string) float64 {
	c := int(code[0])
	if len(code) == 2 {
		c = c<<8 | int(code[1])
	}
	switch {
	case f.twoByte:
		if w, ok := f.cid[c]; ok {
			return w * f.scale
		}
		return f.dw * f.scale
	case f.metrics:
		if i := c - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
			return f.widths[i] * f.scale
		}
		return f.dw * f.scale
	}
	if f.mono {
		return 600 * f.scale
	}
	return estimateWidth(c) * f.scale
}

// estimateWidth is a width for fonts that give none (the standard 14,
// which a file may use without metrics): Helvetica's for the characters
// that matter to columns, an average otherwise.
func estimateWidth(c int) float64 {
	switch {
	case c >= '0' && c <= '9':
		return 556
	case c == ' ', c == ',', c == '.', c == 'i', c == 'l', c == 'j', c == '\'', c == 'I':
		return 278
	case c >= 'A' && c <= 'Z':
		return 667
	}
	return 520
}

// encoding is the font's byte encoding, from the PDF library for the
// named encodings and Differences arrays. The library's own ToUnicode
// reading is never asked for (its interpreter can hang on a damaged map):
// parseCMap reads those.
func encoding(v pdf.Value) pdf.TextEncoding {
	e := v.Key("Encoding")
	switch e.Kind() {
	case pdf.Dict:
	case pdf.Name:
		switch e.Name() {
		case "WinAnsiEncoding", "MacRomanEncoding":
		default:
			return nil
		}
	default:
		return nil
	}
	pf := pdf.Font{V: v}
	return pf.Encoder()
}

// decode gives a glyph's text, without control characters: from the
// ToUnicode map, else the encoding, else the code's bytes as Latin-1.
func (f *font) decode(code string) string {
	s, ok := f.uni[code]
	switch {
	case ok:
	case f.enc != nil:
		s = f.enc.Decode(code)
	case f.twoByte:
		s = ""
	default:
		s = string(rune(code[0]))
	}
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == 0xfffd }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return -1
		}
		return r
	}, s)
}
