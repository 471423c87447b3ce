package pdftext

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Layout returns the document's text as lines laid out like the printed
// page: words of one phrase joined by a space, and a word after a wide
// gap (the next column of a table) set at the character column matching
// its place on the page, at least two spaces on. Pages are separated by a
// form feed, as pdftotext separates them.
func (d *Document) Layout() string {
	var b strings.Builder
	for i := range d.Pages {
		if i > 0 {
			b.WriteByte('\f')
		}
		for _, line := range d.Pages[i].Lines() {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// word is a run of glyphs with no gap between them.
type word struct {
	x, end, size float64
	text         strings.Builder
}

// line is the glyphs sharing a baseline.
type line struct {
	y, size float64
	glyphs  []Glyph
}

// Lines lays the page out as lines of text, top to bottom, with a blank
// line where the page leaves a gap of twice the font size or more between
// baselines, as pdftotext does. A smaller gap is no blank line: a header
// row set in a taller cell than the rows under it (1.85 sizes apart)
// would otherwise be cut off from its table.
func (p *Page) Lines() []string {
	var gs []Glyph
	for _, g := range p.Glyphs {
		if strings.TrimSpace(g.Text) != "" && !math.IsNaN(g.X) && !math.IsNaN(g.Y) {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return nil
	}
	lines := groupLines(gs)
	unit, left := grid(gs)
	var out []string
	for i, l := range lines {
		if i > 0 {
			gap := lines[i-1].y - l.y
			if gap >= 2*max(l.size, lines[i-1].size) {
				out = append(out, "")
			}
		}
		out = append(out, l.render(unit, left))
	}
	return out
}

// groupLines sorts glyphs top to bottom and gathers those whose baselines
// lie within a third of their size of each other.
func groupLines(gs []Glyph) []line {
	slices.SortStableFunc(gs, func(a, b Glyph) int { return cmp.Compare(b.Y, a.Y) })
	var lines []line
	for _, g := range gs {
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			if l.y-g.Y <= 0.35*max(l.size, g.Size, 1) {
				l.glyphs = append(l.glyphs, g)
				l.size = max(l.size, g.Size)
				continue
			}
		}
		lines = append(lines, line{y: g.Y, size: g.Size, glyphs: []Glyph{g}})
	}
	return lines
}

// grid gives the width of one character column and the page's left edge,
// where column 0 is.
//
// On a page set in a fixed-pitch font (most of its glyphs one advance
// wide) the column is that advance, as pdftotext sets it: every word's
// text then spans on the line just what it spans on the page, so a
// right-aligned figure still ends under the end of its heading. Otherwise
// the column is four fifths of the median advance: a finer grid than the
// glyphs keeps a long label in narrow letters from pushing the next
// column's figure out of line, as it would on a coarser one.
//
// The column has no floor in points, however small the print: a table
// shrunk to fit a wide page has glyphs under a point wide, and a floor
// would make its long headings wider in characters than on the page,
// pushing each heading further right of the figures it heads. The floor
// is a fifth of the median glyph size instead, which only a font whose
// widths are wrong (far narrower than its glyphs) reaches, so that such a
// font cannot spread a line over thousands of columns.
func grid(gs []Glyph) (unit, left float64) {
	ws := make([]float64, 0, len(gs))
	sizes := make([]float64, 0, len(gs))
	left = math.Inf(1)
	for _, g := range gs {
		if g.W > 0 {
			ws = append(ws, g.W)
			sizes = append(sizes, g.Size)
		}
		left = min(left, g.X)
	}
	if len(ws) == 0 {
		return 5, left
	}
	slices.Sort(ws)
	slices.Sort(sizes)
	median := ws[len(ws)/2]
	unit = median * 0.8
	if fixedPitch(ws, median) {
		unit = median
	}
	return max(unit, sizes[len(sizes)/2]*0.2), left
}

// fixedPitch reports whether nearly all the advances (sorted) are the
// median's, within a hundredth of it: a page in one fixed-pitch font, with
// room for a footer or a heading in another.
func fixedPitch(ws []float64, median float64) bool {
	lo, _ := slices.BinarySearch(ws, median*0.99)
	hi, _ := slices.BinarySearch(ws, median*1.01)
	return (hi-lo)*20 >= len(ws)*19
}

// render sets one line's words on the character grid.
func (l *line) render(unit, left float64) string {
	slices.SortStableFunc(l.glyphs, func(a, b Glyph) int { return cmp.Compare(a.X, b.X) })
	var words []*word
	for _, g := range l.glyphs {
		if n := len(words); n > 0 {
			w := words[n-1]
			// Glyphs overlapping the previous one's end, or closer than a
			// tenth of their size, are one word. A bold face drawn twice,
			// a few points apart, would repeat each letter: skip a glyph
			// that repeats the one just drawn at almost the same place.
			if g.X-w.end < 0.1*max(g.Size, w.size) {
				if last := lastGlyph(w); last == g.Text && g.X-w.lastX() < 0.25*g.W {
					continue
				}
				w.text.WriteString(g.Text)
				w.end = max(w.end, g.X+g.W)
				w.size = max(w.size, g.Size)
				continue
			}
		}
		w := &word{x: g.X, end: g.X + g.W, size: g.Size}
		w.text.WriteString(g.Text)
		words = append(words, w)
	}
	var b []rune
	var prevEnd float64
	for i, w := range words {
		text := []rune(w.text.String())
		if i > 0 && w.x-prevEnd < 0.8*w.size {
			b = append(b, ' ')
			b = append(b, text...)
			prevEnd = w.end
			continue
		}
		col := int(math.Round((w.x - left) / unit))
		if i > 0 {
			col = max(col, len(b)+2)
		}
		col = min(max(col, 0), 2000)
		for len(b) < col {
			b = append(b, ' ')
		}
		b = append(b, text...)
		prevEnd = w.end
	}
	return strings.TrimRight(string(b), " ")
}

func lastGlyph(w *word) string {
	s := w.text.String()
	if s == "" {
		return ""
	}
	r := []rune(s)
	return string(r[len(r)-1])
}

// lastX is roughly where the word's last glyph starts.
func (w *word) lastX() float64 {
	n := len([]rune(w.text.String()))
	if n == 0 {
		return w.x
	}
	return w.end - (w.end-w.x)/float64(n)
}
