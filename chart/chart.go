// Package chart draws the bar charts that go with a story: a force's yearly
// counts and the latest year's offence mix, as hand-written SVG and as PNG.
//
// A Chart is laid out once into a list of shapes (rectangles and text runs,
// measured with the Go fonts) and that one layout is written both ways, so
// the SVG and the PNG always show the same thing. Nothing in the output
// depends on the clock or on map order: the same chart gives the same bytes.
package chart

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// Chart is a figure of bar panels under a title, with a source line and the
// alt text a story carries with it.
type Chart struct {
	Title    string
	Subtitle string
	Panels   []Panel
	// Notes are footnotes printed above the source ("* April to September only").
	Notes  []string
	Source string
	// Alt describes the chart for readers who cannot see it.
	Alt string
	// AltSpans tie the numbers and names in Alt to the facts they come
	// from, so a story's self-check can verify them without reading them.
	AltSpans []Span
}

// Panel is one set of bars with its axis labels.
type Panel struct {
	Title string
	// ValueAxis names what the bars measure ("Offences recorded").
	ValueAxis string
	// CategoryAxis names what the bars are ("Financial year, April to March").
	CategoryAxis string
	// Horizontal draws bars left to right, for long category names.
	Horizontal bool
	Bars       []Bar
}

// Bar is one bar of a panel.
type Bar struct {
	Label string
	Value int64
	// Accent draws the bar in the accent colour: the year a story is about.
	Accent bool
	// Partial draws the bar hatched-pale: a period not yet complete.
	Partial bool
}

// Width is the width of every chart, in CSS pixels: narrow enough that a
// phone 390 pixels wide shows its text at nearly full size.
const Width = 440

// The palette: one ink for text, a grey for secondary text, a light grey for
// grid lines, and two blues so the year a story is about stands out.
var (
	colInk     = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	colGrey    = color.RGBA{0x5f, 0x5f, 0x5f, 0xff}
	colGrid    = color.RGBA{0xe2, 0xe2, 0xe2, 0xff}
	colAxis    = color.RGBA{0x33, 0x33, 0x33, 0xff}
	colBar     = color.RGBA{0x8d, 0xb4, 0xd6, 0xff}
	colAccent  = color.RGBA{0x12, 0x4e, 0x86, 0xff}
	colPartial = color.RGBA{0xc9, 0xdb, 0xeb, 0xff}
	colWhite   = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// Validate reports whether the chart can be drawn: it needs a title and at
// least one bar, and no negative bar (counts are never negative). The error
// names the panel and bar at fault.
func (c Chart) Validate() error {
	if c.Title == "" {
		return fmt.Errorf("chart has no title")
	}
	n := 0
	for i, p := range c.Panels {
		for j, b := range p.Bars {
			if b.Value < 0 {
				return fmt.Errorf("chart %q, panel %d, bar %d (%s): negative value %d", c.Title, i+1, j+1, b.Label, b.Value)
			}
		}
		n += len(p.Bars)
	}
	if n == 0 {
		return fmt.Errorf("chart %q has no bars", c.Title)
	}
	return nil
}

// formatInt writes n with a comma between thousands: 140000 → "140,000".
// Charts keep digits at every size, as newsroom graphics do.
func formatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// Span ties a run of a chart's alt text to a fact: Alt[Start:End] is the
// fact's value written as a count (Label false) or its label (Label true).
type Span struct {
	Start, End int
	Fact       string
	Label      bool
}

// altText builds alt text, recording the spans written from facts.
type altText struct {
	b     strings.Builder
	spans []Span
}

func (a *altText) text(s string) { a.b.WriteString(s) }

func (a *altText) fact(id, s string, label bool) {
	at := a.b.Len()
	a.b.WriteString(s)
	a.spans = append(a.spans, Span{Start: at, End: a.b.Len(), Fact: id, Label: label})
}
