package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// PNGScale is how many device pixels the PNG has per CSS pixel: 2 gives a
// 1440-pixel-wide image that stays sharp on high-density screens.
const PNGScale = 2

// PNG returns the chart as a PNG image, PNGScale times the SVG's size. The
// same chart always gives the same bytes. It returns an error when the chart
// is invalid (see Validate) or the fonts cannot be read.
func (c Chart) PNG() ([]byte, error) {
	var b bytes.Buffer
	if err := c.WritePNG(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WritePNG writes the chart as a PNG image to w. It returns an error when the
// chart is invalid, the fonts cannot be read, or encoding or w fails.
func (c Chart) WritePNG(w io.Writer) error {
	img, err := c.raster(PNGScale)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("write PNG of chart %q: %w", c.Title, err)
	}
	return nil
}

// raster draws the chart at the given scale onto a paletted image.
//
// A chart has a handful of flat colours and text in two or three inks, so
// it is drawn straight onto a palette: the flat colours, then each ink
// blended over each flat colour at a few coverage levels for the
// anti-aliased edges of the letters. A paletted PNG is a quarter the size of
// a true-colour one and many times quicker to encode, which is most of the
// cost of building a campaign's stories.
func (c Chart) raster(scale float64) (*image.Paletted, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	// Lay out with the same unhinted metrics as the SVG so both agree; draw
	// with hinted faces, which are crisper at small sizes.
	measure, err := newFaces(1, font.HintingNone)
	if err != nil {
		return nil, err
	}
	shapes, h := layout(c, measure)
	glyphs, err := newFaces(scale, font.HintingFull)
	if err != nil {
		return nil, err
	}
	px := func(v float64) int { return int(math.Round(v * scale)) }
	cv := newCanvas(image.Rect(0, 0, px(Width), px(h)), shapes)
	for _, s := range shapes {
		if s.text == "" {
			r := image.Rect(px(s.x), px(s.y), px(s.x+s.w), px(s.y+s.h))
			if r.Dy() == 0 && s.h > 0 {
				r.Max.Y++
			}
			if r.Dx() == 0 && s.w > 0 {
				r.Max.X++
			}
			cv.fill(r, s.fill)
			continue
		}
		face := glyphs.face(s.size, s.bold)
		x := s.x * scale
		switch s.anchor {
		case anchorMiddle:
			x -= fixedToFloat(font.MeasureString(face, s.text)) / 2
		case anchorEnd:
			x -= fixedToFloat(font.MeasureString(face, s.text))
		}
		cv.text(face, fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.I(px(s.y))}, s.text, s.fill)
	}
	return cv.img, nil
}

// canvas is a paletted image with the blend table for drawing text on it.
type canvas struct {
	img    *image.Paletted
	bases  []color.RGBA // flat colours: palette indices 0..len-1
	inks   []color.RGBA
	levels int
	// For a palette index: the flat colour under it, and for a blend its
	// ink (-1 for a flat colour) and coverage level.
	baseOf  []uint8
	inkOf   []int
	levelOf []int
}

func newCanvas(r image.Rectangle, shapes []shape) *canvas {
	cv := &canvas{bases: []color.RGBA{colWhite}}
	for _, s := range shapes {
		switch {
		case s.text == "" && !slices.Contains(cv.bases, s.fill):
			cv.bases = append(cv.bases, s.fill)
		case s.text != "" && !slices.Contains(cv.inks, s.fill):
			cv.inks = append(cv.inks, s.fill)
		}
	}
	nb, ni := len(cv.bases), max(len(cv.inks), 1)
	cv.levels = min(15, max(1, (256-nb)/(ni*nb)))
	var pal color.Palette
	for i, b := range cv.bases {
		pal = append(pal, b)
		cv.baseOf = append(cv.baseOf, uint8(i))
		cv.inkOf = append(cv.inkOf, -1)
		cv.levelOf = append(cv.levelOf, 0)
	}
	for i, ink := range cv.inks {
		for bi, b := range cv.bases {
			for l := 1; l <= cv.levels; l++ {
				pal = append(pal, mix(b, ink, float64(l)/float64(cv.levels)))
				cv.baseOf = append(cv.baseOf, uint8(bi))
				cv.inkOf = append(cv.inkOf, i)
				cv.levelOf = append(cv.levelOf, l)
			}
		}
	}
	cv.img = image.NewPaletted(r, pal)
	return cv
}

// mix is a blended with b by t (0 gives a, 1 gives b).
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

func (cv *canvas) fill(r image.Rectangle, c color.RGBA) {
	i := uint8(slices.Index(cv.bases, c))
	r = r.Intersect(cv.img.Rect)
	if r.Empty() {
		return
	}
	first := cv.img.Pix[cv.img.PixOffset(r.Min.X, r.Min.Y):cv.img.PixOffset(r.Max.X, r.Min.Y)]
	for k := range first {
		first[k] = i
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(cv.img.Pix[cv.img.PixOffset(r.Min.X, y):], first)
	}
}

// blendIndex is the palette index of ink i at level l over flat colour b.
func (cv *canvas) blendIndex(i, b, l int) uint8 {
	return uint8(len(cv.bases) + (i*len(cv.bases)+b)*cv.levels + l - 1)
}

// text draws s with its baseline starting at dot, as font.Drawer does,
// compositing each glyph's coverage onto the palette.
func (cv *canvas) text(face font.Face, dot fixed.Point26_6, s string, c color.RGBA) {
	ink := slices.Index(cv.inks, c)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, mp, adv, ok := face.Glyph(dot, r)
		if ok {
			cv.glyph(dr, mask, mp, ink)
		}
		dot.X += adv
		prev = r
	}
}

func (cv *canvas) glyph(dr image.Rectangle, mask image.Image, mp image.Point, ink int) {
	clip := dr.Intersect(cv.img.Rect)
	alpha, _ := mask.(*image.Alpha)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		for x := clip.Min.X; x < clip.Max.X; x++ {
			mx, my := mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y
			var a uint8
			if alpha != nil {
				a = alpha.Pix[alpha.PixOffset(mx, my)]
			} else {
				_, _, _, a32 := mask.At(mx, my).RGBA()
				a = uint8(a32 >> 8)
			}
			l := (int(a)*cv.levels + 127) / 255
			if l == 0 {
				continue
			}
			o := cv.img.PixOffset(x, y)
			cur := cv.img.Pix[o]
			if cv.inkOf[cur] == ink {
				l = max(l, cv.levelOf[cur])
			}
			cv.img.Pix[o] = cv.blendIndex(ink, int(cv.baseOf[cur]), l)
		}
	}
}
