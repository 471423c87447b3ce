package chart

import (
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// fonts parses the two Go fonts once. The parsed fonts are read-only and
// safe to share; faces, which are not, are made per drawing.
var fonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return [2]*opentype.Font{}, fmt.Errorf("parse Go Regular: %w", err)
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return [2]*opentype.Font{}, fmt.Errorf("parse Go Bold: %w", err)
	}
	return [2]*opentype.Font{reg, bold}, nil
})

// faces hands out font faces by size and weight at one scale, making each
// once. It belongs to one drawing and is not safe for concurrent use.
type faces struct {
	scale float64
	hint  font.Hinting
	fonts [2]*opentype.Font
	cache map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

func newFaces(scale float64, hint font.Hinting) (*faces, error) {
	fs, err := fonts()
	if err != nil {
		return nil, err
	}
	return &faces{scale: scale, hint: hint, fonts: fs, cache: map[faceKey]font.Face{}}, nil
}

// face returns the face for text of size px (CSS pixels) at the faces' scale.
func (f *faces) face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	if fc, ok := f.cache[k]; ok {
		return fc
	}
	i := 0
	if bold {
		i = 1
	}
	// At 72 DPI a point is a pixel, so Size is the pixel size.
	fc, err := opentype.NewFace(f.fonts[i], &opentype.FaceOptions{Size: size * f.scale, DPI: 72, Hinting: f.hint})
	if err != nil {
		// NewFace fails only for a non-positive size, which the layout never asks for.
		panic(fmt.Sprintf("chart: font face of size %v: %v", size, err))
	}
	f.cache[k] = fc
	return fc
}

// width returns the advance of s in CSS pixels.
func (f *faces) width(s string, size float64, bold bool) float64 {
	return fixedToFloat(font.MeasureString(f.face(size, bold), s)) / f.scale
}

// measure goes on measuring as font.MeasureString does, over s, from a
// text whose measure so far is adv and whose last rune is prev (-1 for
// none), and returns the new measure and last rune. The measure of a + b
// is thus the measure of b from a's: the sums are of whole 26.6 units, so
// the result is the same to the bit.
func (f *faces) measure(adv fixed.Int26_6, prev rune, s string, size float64, bold bool) (fixed.Int26_6, rune) {
	fc := f.face(size, bold)
	for _, c := range s {
		if prev >= 0 {
			adv += fc.Kern(prev, c)
		}
		a, _ := fc.GlyphAdvance(c)
		adv += a
		prev = c
	}
	return adv, prev
}

func fixedToFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }
