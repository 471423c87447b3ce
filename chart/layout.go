package chart

import (
	"image/color"
	"math"
	"strings"
)

// shape is one thing drawn: a filled rectangle, or a run of text whose
// baseline starts, centres or ends at (x, y).
type shape struct {
	text       string // empty for a rectangle
	x, y, w, h float64
	fill       color.RGBA
	size       float64
	bold       bool
	anchor     anchor
	// box is the width the text may take; its Go-font width is measured
	// against it with a margin for wider fonts (see fitMargin).
	box float64
}

type anchor int

const (
	anchorStart anchor = iota
	anchorMiddle
	anchorEnd
)

// The measures of the layout, in CSS pixels.
const (
	pad          = 24.0
	titleSize    = 22.0
	subtitleSize = 15.0
	panelSize    = 15.0
	labelSize    = 13.0
	valueSize    = 14.0
	smallSize    = 12.0
	noteSize     = 11.5
	plotHeight   = 210.0
	maxBarWidth  = 84.0
	rowHeight    = 30.0
	hBarHeight   = 18.0
)

// layout places every shape of c and returns them with the chart's height.
func layout(c Chart, fs *faces) ([]shape, float64) {
	return (&layouter{fs: fs}).layout(c)
}

// height is layout's height alone, placing no shapes: a shape's place
// never moves another.
func height(c Chart, fs *faces) float64 {
	_, h := (&layouter{fs: fs, heightOnly: true}).layout(c)
	return h
}

func (l *layouter) layout(c Chart) ([]shape, float64) {
	y := pad
	for _, line := range l.wrap(c.Title, titleSize, true, Width-2*pad, 4) {
		y += 27
		l.boxed(line, pad, y, titleSize, true, colInk, anchorStart, Width-2*pad)
	}
	if c.Subtitle != "" {
		y += 4
		for _, line := range l.wrap(c.Subtitle, subtitleSize, false, Width-2*pad, 4) {
			y += 20
			l.boxed(line, pad, y, subtitleSize, false, colGrey, anchorStart, Width-2*pad)
		}
	}
	for _, p := range c.Panels {
		if len(p.Bars) == 0 {
			continue
		}
		y += 26
		if p.Title != "" {
			for _, line := range l.wrap(p.Title, panelSize, true, Width-2*pad, 2) {
				y += 18
				l.boxed(line, pad, y, panelSize, true, colInk, anchorStart, Width-2*pad)
			}
			y += 6
		}
		if p.Horizontal {
			y = l.horizontal(p, y)
		} else {
			y = l.vertical(p, y)
		}
	}
	y += 20
	l.rect(pad, y, Width-2*pad, 1, colGrid)
	y += 4
	for _, n := range c.Notes {
		for _, line := range l.wrap(n, noteSize, false, Width-2*pad, 4) {
			y += 16
			l.boxed(line, pad, y, noteSize, false, colGrey, anchorStart, Width-2*pad)
		}
	}
	for _, line := range l.wrap(c.Source, noteSize, false, Width-2*pad, 4) {
		y += 16
		l.boxed(line, pad, y, noteSize, false, colGrey, anchorStart, Width-2*pad)
	}
	return l.shapes, math.Ceil(y + pad)
}

type layouter struct {
	fs         *faces
	shapes     []shape
	heightOnly bool // keep no shapes
}

func (l *layouter) rect(x, y, w, h float64, c color.RGBA) {
	if l.heightOnly {
		return
	}
	l.shapes = append(l.shapes, shape{x: x, y: y, w: w, h: h, fill: c})
}

func (l *layouter) text(s string, x, y, size float64, bold bool, c color.RGBA, a anchor) {
	l.boxed(s, x, y, size, bold, c, a, 0)
}

// boxed places text that must fit in a box w wide.
func (l *layouter) boxed(s string, x, y, size float64, bold bool, c color.RGBA, a anchor, w float64) {
	if l.heightOnly {
		return
	}
	l.shapes = append(l.shapes, shape{text: s, x: x, y: y, size: size, bold: bold, fill: c, anchor: a, box: w})
}

// fitMargin is how much wider than the Go fonts another font may set the
// same text: DejaVu Sans, a common fallback on Linux, sets bold digits up to
// 26 per cent wider; Arial and Helvetica set text narrower. Lines are
// broken to fit at this margin, and any text that could still overflow its
// box in such a font is given its Go width in the SVG (textLength).
const fitMargin = 1.3

// vertical lays out a column chart whose plot starts below y, and returns
// the y below it.
func (l *layouter) vertical(p Panel, y float64) float64 {
	top, step := scale(maxValue(p.Bars))
	tickW := 0.0
	for v := int64(0); v <= top; v += step {
		tickW = max(tickW, l.fs.width(formatInt(v), smallSize, false))
	}
	left, right := pad+tickW+8, float64(Width)-pad
	if p.ValueAxis != "" {
		y += 14
		l.boxed(p.ValueAxis, pad, y, smallSize, false, colGrey, anchorStart, Width-2*pad)
	}
	plotTop := y + 16
	bottom := plotTop + plotHeight
	for v := int64(0); v <= top; v += step {
		yy := bottom - float64(v)/float64(top)*plotHeight
		if v > 0 {
			l.rect(left, math.Round(yy), right-left, 1, colGrid)
		}
		l.text(formatInt(v), left-8, yy+4, smallSize, false, colGrey, anchorEnd)
	}
	slot := (right - left) / float64(len(p.Bars))
	bw := math.Min(maxBarWidth, slot*0.62)
	for i, b := range p.Bars {
		cx := left + slot*(float64(i)+0.5)
		h := float64(b.Value) / float64(top) * plotHeight
		l.rect(cx-bw/2, bottom-h, bw, h, barColour(b))
		l.boxed(formatInt(b.Value), cx, bottom-h-7, valueSize, true, colInk, anchorMiddle, slot-4)
		for k, line := range l.wrap(b.Label, labelSize, b.Accent, slot-6, 2) {
			l.boxed(line, cx, bottom+20+float64(k)*16, labelSize, b.Accent, colInk, anchorMiddle, slot-6)
		}
	}
	l.rect(left, bottom, right-left, 1.5, colAxis)
	y = bottom + 20 + 16*float64(maxLines(l, p.Bars, slot-6)-1)
	if p.CategoryAxis != "" {
		y += 22
		l.boxed(p.CategoryAxis, (left+right)/2, y, smallSize, false, colGrey, anchorMiddle, right-left)
	}
	return y
}

// horizontal lays out a bar chart with category names on the left, and
// returns the y below it.
func (l *layouter) horizontal(p Panel, y float64) float64 {
	labelW := math.Round((Width - 2*pad) * 0.46)
	barLeft := pad + labelW + 12
	valueW := l.fs.width(formatInt(maxValue(p.Bars)), valueSize, true)*fitMargin + 10
	barMax := float64(Width) - pad - barLeft - valueW
	top := maxValue(p.Bars)
	if p.CategoryAxis != "" || p.ValueAxis != "" {
		y += 14
		l.boxed(p.CategoryAxis, pad, y, smallSize, false, colGrey, anchorStart, labelW)
		l.boxed(p.ValueAxis, barLeft, y, smallSize, false, colGrey, anchorStart, float64(Width)-pad-barLeft)
		y += 6
		l.rect(pad, y, Width-2*pad, 1, colGrid)
	}
	rowsTop := y
	for _, b := range p.Bars {
		lines := l.wrap(b.Label, labelSize, false, labelW, 3)
		rowH := math.Max(rowHeight, 16*float64(len(lines))+12)
		mid := y + rowH/2
		first := mid - 8*float64(len(lines)-1) + 4.5
		for k, line := range lines {
			l.boxed(line, pad, first+16*float64(k), labelSize, false, colInk, anchorStart, labelW)
		}
		w := 0.0
		if top > 0 {
			w = float64(b.Value) / float64(top) * barMax
		}
		l.rect(barLeft, mid-hBarHeight/2, w, hBarHeight, barColour(b))
		l.text(formatInt(b.Value), barLeft+w+6, mid+5, valueSize, true, colInk, anchorStart)
		y += rowH
	}
	l.rect(barLeft-1.5, rowsTop+4, 1.5, y-rowsTop-8, colAxis)
	return y
}

func maxLines(l *layouter, bars []Bar, w float64) int {
	n := 1
	for _, b := range bars {
		n = max(n, len(l.wrap(b.Label, labelSize, b.Accent, w, 2)))
	}
	return n
}

func barColour(b Bar) color.RGBA {
	switch {
	case b.Partial:
		return colPartial
	case b.Accent:
		return colAccent
	}
	return colBar
}

func maxValue(bars []Bar) int64 {
	var m int64
	for _, b := range bars {
		m = max(m, b.Value)
	}
	return m
}

// scale returns the top of a value axis holding m and the step between its
// grid lines: 1, 2, 2.5 or 5 times a power of ten, giving three to six lines.
func scale(m int64) (top, step int64) {
	if m <= 0 {
		return 1, 1
	}
	raw := float64(m) / 4
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step = int64(pow)
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*pow >= raw && f*pow == math.Trunc(f*pow) {
			step = int64(f * pow)
			break
		}
	}
	step = max(step, 1)
	top = (m + step - 1) / step * step
	if float64(m)/float64(top) > 0.9 {
		// Leave headroom for the value label over the tallest bar.
		top += step
	}
	return top, step
}

// wrap breaks s into lines no wider than w, at most n of them; the last line
// ends in an ellipsis when words had to be dropped.
func (l *layouter) wrap(s string, size float64, bold bool, w float64, n int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil
	}
	var lines []string
	// The line so far is measured once and each word measured on from it,
	// not the whole line again for every word it might take.
	cur := words[0]
	adv, prev := l.fs.measure(0, -1, cur, size, bold)
	for _, wd := range words[1:] {
		a, r := l.fs.measure(adv, prev, " ", size, bold)
		if a, r = l.fs.measure(a, r, wd, size, bold); fixedToFloat(a)/l.fs.scale*fitMargin <= w {
			cur += " " + wd
			adv, prev = a, r
			continue
		}
		lines = append(lines, cur)
		cur = wd
		adv, prev = l.fs.measure(0, -1, cur, size, bold)
	}
	lines = append(lines, cur)
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	last := lines[n-1] + " " + strings.Join(words[len(strings.Fields(strings.Join(lines, " "))):], " ")
	for l.fs.width(last+"…", size, bold)*fitMargin > w && strings.Contains(last, " ") {
		last = last[:strings.LastIndex(last, " ")]
	}
	lines[n-1] = strings.TrimRight(last, ",;:") + "…"
	return lines
}
