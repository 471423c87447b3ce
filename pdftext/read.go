package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"
)

// The kinds of failure Read reports; test with errors.Is.
var (
	// ErrNotPDF is data that does not start like a PDF.
	ErrNotPDF = errors.New("not a PDF")
	// ErrDamaged is a PDF whose structure cannot be read (no cross-reference
	// table, a cut-off file, an object that is not what it claims).
	ErrDamaged = errors.New("damaged PDF")
	// ErrEncrypted is a PDF that needs a password to open.
	ErrEncrypted = errors.New("encrypted PDF")
	// ErrTooMuch is a PDF over one of the Limits.
	ErrTooMuch = errors.New("PDF over a limit")
)

// Limits bound the work Read does on one document; a zero field takes the
// default.
type Limits struct {
	Pages  int // pages read; default 2,000
	Glyphs int // glyphs kept across all pages; default 4,000,000
	Ops    int // content-stream operators run across all pages; default 20,000,000
}

func (l Limits) withDefaults() Limits {
	if l.Pages <= 0 {
		l.Pages = 2000
	}
	if l.Glyphs <= 0 {
		l.Glyphs = 4_000_000
	}
	if l.Ops <= 0 {
		l.Ops = 20_000_000
	}
	return l
}

// Glyph is one character drawn on a page, in the page's reading frame:
// X grows rightwards and Y upwards, in points, from the bottom left.
type Glyph struct {
	X, Y float64 // where the glyph starts, on its baseline
	W    float64 // its advance
	Size float64 // the font size as drawn
	Text string  // its Unicode text (may be more than one rune, as "ﬁ" is "fi")
}

// Page is one page's text.
type Page struct {
	Number int // from 1
	Glyphs []Glyph
	// Images counts the images drawn on the page; a page with images and
	// no glyphs is a scan.
	Images int
	// Problem says why the page, or part of it, could not be read; "" when
	// it was read in full.
	Problem string
}

// Scanned reports whether the page is an image with no text layer.
func (p *Page) Scanned() bool { return p.Images > 0 && !p.hasText() }

func (p *Page) hasText() bool {
	for _, g := range p.Glyphs {
		if strings.TrimSpace(g.Text) != "" {
			return true
		}
	}
	return false
}

// Document is a PDF's text, page by page.
type Document struct {
	Pages []Page
}

// HasText reports whether any page has text that is not blank.
func (d *Document) HasText() bool {
	for i := range d.Pages {
		if d.Pages[i].hasText() {
			return true
		}
	}
	return false
}

// Scanned reports whether the document has no text at all but has
// images: a scan that needs OCR.
func (d *Document) Scanned() bool {
	if d.HasText() {
		return false
	}
	for i := range d.Pages {
		if d.Pages[i].Images > 0 {
			return true
		}
	}
	return false
}

// Problems lists the pages that could not be read in full, one line each.
func (d *Document) Problems() []string {
	var out []string
	for _, p := range d.Pages {
		if p.Problem != "" {
			out = append(out, fmt.Sprintf("page %d: %s", p.Number, p.Problem))
		}
	}
	return out
}

// Read reads every page of the PDF in data. It returns an error wrapping
// ErrNotPDF, ErrDamaged, ErrEncrypted or ErrTooMuch when the document as a
// whole cannot be read, or ctx's error when ctx is done; a page that cannot
// be read is kept with its Problem set and the other pages are still read.
func Read(ctx context.Context, data []byte, lim Limits) (doc *Document, err error) {
	lim = lim.withDefaults()
	r, body, err := open(data)
	var pages []pdf.Value
	if err == nil {
		pages, err = pageList(r, lim.Pages)
	}
	if errors.Is(err, ErrDamaged) && body != nil {
		// A damaged cross-reference table is the commonest damage, and the
		// objects are usually all there: rebuild the table and try again.
		if fixed := repair(body); fixed != nil {
			if r2, err2 := newReader(fixed); err2 == nil {
				if p2, err2 := pageList(r2, lim.Pages); err2 == nil {
					pages, err = p2, nil
				}
			}
		}
	}
	if err != nil {
		return nil, err
	}
	budget := &budget{ctx: ctx, glyphs: lim.Glyphs, ops: lim.Ops}
	doc = &Document{}
	for i, pg := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := readPage(pg, i+1, budget)
		if budget.err != nil {
			return nil, budget.err
		}
		doc.Pages = append(doc.Pages, p)
	}
	return doc, nil
}

// open parses the document's structure, recovering the parser's panics
// on malformed input. A header the parser is strict about (PDF 2.0, junk
// before it) is mended in a copy without moving any byte offset.
func open(data []byte) (r *pdf.Reader, body []byte, err error) {
	start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if start < 0 {
		return nil, nil, fmt.Errorf("%w: no %%PDF- header", ErrNotPDF)
	}
	if len(data)-start < 16 {
		return nil, nil, fmt.Errorf("%w: cut short after its header", ErrDamaged)
	}
	body = data[start:]
	if !validHeader(body) {
		body = bytes.Clone(body)
		copy(body, "%PDF-1.7\n")
	}
	// The parser looks for %%EOF in the last 100 bytes; trailing junk
	// after it (mail gateways add some) is cut off.
	if i := bytes.LastIndex(body, []byte("%%EOF")); i >= 0 && len(body)-i > 100 {
		body = body[:i+5]
	}
	r, err = newReader(body)
	switch {
	case err == nil:
		return r, body, nil
	case errors.Is(err, pdf.ErrInvalidPassword):
		return nil, nil, fmt.Errorf("%w: it needs a password", ErrEncrypted)
	case strings.Contains(err.Error(), "encrypt"):
		return nil, nil, fmt.Errorf("%w: %v", ErrEncrypted, err)
	case errors.Is(err, ErrDamaged):
		return nil, body, err
	}
	return nil, body, fmt.Errorf("%w: %v", ErrDamaged, err)
}

// newReader parses the document's structure, recovering the parser's
// panics on malformed input.
func newReader(body []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("%w: %v", ErrDamaged, x)
		}
	}()
	return pdf.NewReader(bytes.NewReader(body), int64(len(body)))
}

// validHeader reports whether b starts "%PDF-1.x" and a line end, which
// is all the parser accepts.
func validHeader(b []byte) bool {
	return len(b) > 9 && bytes.HasPrefix(b, []byte("%PDF-1.")) && b[7] >= '0' && b[7] <= '7' && (b[8] == '\r' || b[8] == '\n')
}

// maxTreeDepth bounds the page tree's depth; a real one is a few levels
// deep, and a damaged or hostile one can loop.
const maxTreeDepth = 32

// pageList walks the page tree in order and returns its pages. It stops
// at maxTreeDepth, so a tree whose nodes are their own kids ends, and
// refuses more than limit pages.
func pageList(r *pdf.Reader, limit int) (pages []pdf.Value, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, fmt.Errorf("%w: page tree: %v", ErrDamaged, x)
		}
	}()
	visits := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		visits++
		if depth > maxTreeDepth || visits > 4*limit+64 {
			return fmt.Errorf("%w: the page tree loops or is too deep", ErrDamaged)
		}
		if v.Kind() != pdf.Dict {
			return nil // a missing or broken node: no page
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array {
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if len(pages) >= limit {
			return fmt.Errorf("%w: more than %d pages", ErrTooMuch, limit)
		}
		pages = append(pages, v)
		return nil
	}
	if err := walk(r.Trailer().Key("Root").Key("Pages"), 0); err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrDamaged)
	}
	return pages, nil
}

// budget is the work left for one Read call, shared by its pages.
type budget struct {
	ctx    context.Context
	glyphs int
	ops    int
	err    error // set when the budget ran out or ctx was done
}

// stop is panicked from inside the content interpreter to leave it early.
type stop struct{ err error }

// op spends one operator, and stops the interpreter when the budget has
// run out or ctx is done (checked every 4,096 operators).
func (b *budget) op() {
	b.ops--
	if b.ops < 0 {
		b.err = fmt.Errorf("%w: more than the limit of content operators", ErrTooMuch)
		panic(stop{b.err})
	}
	if b.ops&4095 == 0 {
		if err := b.ctx.Err(); err != nil {
			b.err = err
			panic(stop{err})
		}
	}
}

// glyph spends one glyph.
func (b *budget) glyph() {
	b.glyphs--
	if b.glyphs < 0 {
		b.err = fmt.Errorf("%w: more glyphs than the limit", ErrTooMuch)
		panic(stop{b.err})
	}
}
