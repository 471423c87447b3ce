package pdftext

import (
	"fmt"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// maxFormDepth bounds form XObjects drawn inside form XObjects, which a
// malicious file can make cyclic.
const maxFormDepth = 8

// maxStream is the most a page's content streams may unpack to. The
// parser reads a string or name whole, so a compressed stream of one
// endless string would otherwise fill memory.
const maxStream = 64 << 20

// matrix is a PDF transformation matrix [a b 0; c d 0; e f 1].
type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x matrix) mul(y matrix) matrix {
	var z matrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) matrix { return matrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}} }

// gstate is the part of the graphics and text state that places glyphs.
type gstate struct {
	ctm                   matrix
	tm, tlm               matrix
	tc, tw, th, tl, trise float64
	font                  *font
	size                  float64
}

// placed is a glyph before the page's reading direction is known: dir is
// the quarter turn its baseline runs in (0 rightwards, 1 upwards, 2
// leftwards, 3 downwards), or -1 for a skewed one.
type placed struct {
	Glyph
	dir int
}

// interp runs one page's content streams.
type interp struct {
	budget *budget
	page   *Page
	glyphs []placed
}

// readPage reads page n, whose dictionary is pg. A panic from the parser
// on a damaged stream ends that page's reading with a Problem; a budget
// stop ends it with budget.err set.
func readPage(pg pdf.Value, n int, b *budget) (page Page) {
	page.Number = n
	in := &interp{budget: b, page: &page}
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(stop); !ok {
				page.Problem = fmt.Sprint("content cannot be read: ", x)
			}
		}
		page.Glyphs = orient(in.glyphs)
	}()
	contents := pg.Key("Contents")
	if contents.IsNull() {
		return page
	}
	in.run(contents, inherited(pg, "Resources"), gstate{ctm: identity, th: 1}, 0)
	return page
}

// inherited finds a page attribute on the page or the nearest of its
// parents, climbing at most maxTreeDepth levels (a parent chain can loop).
func inherited(pg pdf.Value, key string) pdf.Value {
	v := pg
	for range maxTreeDepth {
		if v.IsNull() {
			break
		}
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// run interprets one content stream (or array of streams) with the given
// resources, starting from state g.
func (in *interp) run(strm, res pdf.Value, g gstate, depth int) {
	data, err := readStream(strm)
	if err != nil {
		if in.page.Problem == "" {
			in.page.Problem = err.Error()
		}
		return
	}
	var stack []gstate
	fonts := map[string]*font{}
	scan(data, func(op string, args []operand) {
		in.budget.op()
		num := func(i int) float64 {
			if i < len(args) && args[i].kind == kNum {
				return args[i].num
			}
			return 0
		}
		str := func(i int) string {
			if i < len(args) && (args[i].kind == kStr || args[i].kind == kName) {
				return args[i].s
			}
			return ""
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrixOf(args).mul(g.ctm)
			}
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.trise = num(0)
		case "Tf":
			if len(args) == 2 {
				name := str(0)
				if fonts[name] == nil {
					fonts[name] = loadFont(res.Key("Font").Key(name))
				}
				g.font = fonts[name]
				g.size = num(1)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				g.tlm = translate(num(0), num(1)).mul(g.tlm)
				g.tm = g.tlm
			}
		case "Tm":
			if len(args) == 6 {
				g.tm = matrixOf(args)
				g.tlm = g.tm
			}
		case "T*":
			g.tlm = translate(0, -g.tl).mul(g.tlm)
			g.tm = g.tlm
		case "Tj":
			if len(args) == 1 {
				in.show(&g, str(0))
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				args = args[2:]
			}
			g.tlm = translate(0, -g.tl).mul(g.tlm)
			g.tm = g.tlm
			if len(args) == 1 {
				in.show(&g, str(0))
			}
		case "TJ":
			if len(args) != 1 || args[0].kind != kArray {
				return
			}
			for _, x := range args[0].arr {
				switch x.kind {
				case kStr:
					in.show(&g, x.s)
				case kNum:
					g.tm = translate(-x.num/1000*g.size*g.th, 0).mul(g.tm)
				}
			}
		case "BI":
			in.page.Images++
		case "Do":
			if len(args) == 1 {
				in.draw(res, res.Key("XObject").Key(str(0)), g, depth)
			}
		}
	})
}

// readStream reads a stream, or an array of streams joined by line ends,
// as the filters unpack it, refusing over maxStream bytes.
func readStream(v pdf.Value) (data []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			data, err = nil, fmt.Errorf("content cannot be read: %v", x)
		}
	}()
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len(); i++ {
			part, err := readStream(v.Index(i))
			if err != nil {
				return nil, err
			}
			data = append(data, part...)
			data = append(data, '\n')
			if len(data) > maxStream {
				return nil, errTooBig
			}
		}
		return data, nil
	}
	rc := v.Reader()
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, maxStream+1))
	if len(data) > maxStream {
		return nil, errTooBig
	}
	if err != nil && len(data) == 0 {
		return nil, fmt.Errorf("content cannot be read: %v", err)
	}
	return data, nil
}

var errTooBig = fmt.Errorf("its content unpacks to over %d MB; not read", maxStream>>20)

// draw handles Do: an image is counted, a form is run with its own
// resources and matrix.
func (in *interp) draw(res, x pdf.Value, g gstate, depth int) {
	switch x.Key("Subtype").Name() {
	case "Image":
		in.page.Images++
	case "Form":
		if depth >= maxFormDepth {
			return
		}
		if m := x.Key("Matrix"); m.Len() == 6 {
			var vals []operand
			for i := range 6 {
				vals = append(vals, operand{kind: kNum, num: m.Index(i).Float64()})
			}
			g.ctm = matrixOf(vals).mul(g.ctm)
		}
		if r := x.Key("Resources"); !r.IsNull() {
			res = r
		}
		in.run(x, res, g, depth+1)
	}
}

func matrixOf(args []operand) matrix {
	var m matrix
	for i := range 6 {
		m[i/2][i%2] = args[i].num
	}
	m[2][2] = 1
	return m
}

// show places the glyphs of one string and moves the text matrix past
// them.
func (in *interp) show(g *gstate, raw string) {
	f := g.font
	if f == nil {
		f = fallbackFont
	}
	for _, code := range f.codes(raw) {
		in.budget.glyph()
		w0 := f.width(code)
		trm := matrix{{g.size * g.th, 0, 0}, {0, g.size, 0}, {0, g.trise, 1}}.mul(g.tm).mul(g.ctm)
		a, b := trm[0][0], trm[0][1]
		size := math.Hypot(a, b)
		if size > 0 && !math.IsInf(size, 0) && !math.IsNaN(size) {
			in.glyphs = append(in.glyphs, placed{
				Glyph: Glyph{X: trm[2][0], Y: trm[2][1], W: w0 * size, Size: math.Hypot(trm[1][0], trm[1][1]), Text: f.decode(code)},
				dir:   direction(a, b),
			})
		}
		tx := w0*g.size + g.tc
		if len(code) == 1 && code[0] == ' ' {
			tx += g.tw
		}
		g.tm = translate(tx*g.th, 0).mul(g.tm)
	}
}

// direction gives the quarter turn of a baseline vector, or -1 when it is
// skewed by more than a few degrees.
func direction(a, b float64) int {
	const tol = 0.1
	n := math.Hypot(a, b)
	a, b = a/n, b/n
	switch {
	case a > 1-tol && math.Abs(b) < tol:
		return 0
	case b > 1-tol && math.Abs(a) < tol:
		return 1
	case a < -1+tol && math.Abs(b) < tol:
		return 2
	case b < -1+tol && math.Abs(a) < tol:
		return 3
	}
	return -1
}

// orient turns the page's glyphs so that its main reading direction runs
// rightwards, and drops glyphs set at other angles (a rotated stamp or a
// column label turned on its side), as a reader of the page would skip
// them.
func orient(gs []placed) []Glyph {
	var count [4]int
	for _, g := range gs {
		if g.dir >= 0 {
			count[g.dir]++
		}
	}
	main := 0
	for d := 1; d < 4; d++ {
		if count[d] > count[main] {
			main = d
		}
	}
	out := make([]Glyph, 0, count[main])
	for _, g := range gs {
		if g.dir != main {
			continue
		}
		x, y := g.X, g.Y
		switch main {
		case 1:
			x, y = g.Y, -g.X
		case 2:
			x, y = -g.X, -g.Y
		case 3:
			x, y = -g.Y, g.X
		}
		g.Glyph.X, g.Glyph.Y = x, y
		out = append(out, g.Glyph)
	}
	return out
}
