package web

import (
	"fmt"
	"strings"
)

// barChart is the overview's national chart laid out for an inline SVG:
// one horizontal bar per force, largest first, each linking to its force.
type barChart struct {
	Title  string
	Alt    string
	Width  int
	Height int
	Bars   []barShape
	Ticks  []barTick
	// LabelW is the width of the names' column; bars start there.
	LabelW int
}

type barShape struct {
	ID, Name, Value string
	Y, W            float64
	Partial         bool
}

type barTick struct {
	X     float64
	Label string
}

const (
	chartWidth = 640
	labelWidth = 150
	valueRoom  = 56 // space right of the longest bar for its number
	rowHeight  = 22
	barHeight  = 15
	axisRoom   = 22
)

func newBarChart(title string, bars []natBar) barChart {
	c := barChart{Title: title, Width: chartWidth, LabelW: labelWidth}
	if len(bars) == 0 {
		return c
	}
	var top int64
	for _, b := range bars {
		top = max(top, b.Value)
	}
	step := niceStep(top)
	top = ((top + step - 1) / step) * step
	if top == 0 {
		top = 1
	}
	span := float64(chartWidth - labelWidth - valueRoom)
	for v := int64(0); v <= top; v += step {
		c.Ticks = append(c.Ticks, barTick{X: labelWidth + span*float64(v)/float64(top), Label: commas(v)})
	}
	var alt []string
	for i, b := range bars {
		c.Bars = append(c.Bars, barShape{
			ID: b.ID, Name: b.Name, Value: commas(b.Value), Partial: b.Partial,
			Y: float64(axisRoom + i*rowHeight), W: max(span*float64(b.Value)/float64(top), 1),
		})
		if i < 3 {
			alt = append(alt, fmt.Sprintf("%s %s", b.Name, commas(b.Value)))
		}
	}
	c.Height = axisRoom + len(bars)*rowHeight + 4
	c.Alt = fmt.Sprintf("%s: %d forces; highest %s.", title, len(bars), strings.Join(alt, ", "))
	return c
}

// niceStep picks a gridline step of 1, 2 or 5 times a power of ten giving
// four to eight gridlines.
func niceStep(top int64) int64 {
	step := int64(1)
	for {
		for _, m := range []int64{1, 2, 5} {
			if top/(step*m) <= 6 {
				return step * m
			}
		}
		step *= 10
	}
}
