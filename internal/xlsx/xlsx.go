// Package xlsx streams a workbook of plain tables straight into a zip
// archive on an io.Writer: one sheet after another, each with a bold,
// frozen header row and rows of text, integers, floats, booleans or empty
// cells. It holds no more than one segment of a sheet in memory, and the
// same rows always give the same bytes: the parts are written in a fixed
// order with a fixed time.
//
// A sheet's rows are deflated in segments, each a deflate stream of its
// own that starts afresh and ends with a sync flush, so that a segment's
// compressed bytes depend on its rows alone and a workbook can reuse them
// (see SegmentCache). For the same reason rows and cells carry no
// references (r="B7"), which OOXML leaves optional: a reader places each
// row after the one before and each cell after the one before, and a gap
// in a row is written as an empty <c/>. A row's bytes then never depend on
// how many rows came before it.
//
// What Excel cannot hold is handled, not refused: characters XML 1.0
// cannot carry are written the way Excel writes them (_xHHHH_), a text
// longer than Excel's 32,767 characters is cut with a visible mark saying
// how much was cut, and a sheet name Excel would refuse, or a sheet of
// more rows than Excel can open, is an error naming the sheet.
package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
)

// Excel's limits.
const (
	// MaxRows is how many rows, the header included, a sheet may hold.
	MaxRows = 1 << 20
	// MaxCols is how many columns a row may hold.
	MaxCols = 1 << 14
	// MaxCellChars is how many characters (UTF-16 code units) a cell
	// may hold; a longer text is cut (see Options.CutMark).
	MaxCellChars = 32767
	// MaxSheetName is how many characters a sheet's name may have.
	MaxSheetName = 31
)

// Errors a Writer returns, wrapped with the sheet they concern.
var (
	ErrSheetName   = errors.New("sheet name Excel cannot use")
	ErrTooManyRows = fmt.Errorf("more than %d rows", MaxRows)
	ErrTooManyCols = fmt.Errorf("more than %d columns", MaxCols)
	ErrNoSheets    = errors.New("a workbook needs at least one sheet")
	ErrClosed      = errors.New("workbook already closed")
)

// DefaultCutMark is the mark that ends a text cut to MaxCellChars; %d is
// how many characters were cut.
const DefaultCutMark = "… [cut: %d characters]"

// modified is every part's time, so the bytes never depend on the clock.
var modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Options change how a Writer writes. The zero value is ready to use.
type Options struct {
	// Level is the deflate level, 1 (fastest) to 9 (smallest), or -1
	// for the default level; 0 means 1. On a campaign of 220,000 figures
	// level 1 took 30% less CPU than the default for a file 22% larger
	// (export's BenchmarkWorkbook).
	Level int
	// CutMark ends a text cut to fit a cell, a fmt format with one %d for
	// the number of characters cut; "" means DefaultCutMark.
	CutMark string
	// Segments, when set, keeps each segment's compressed bytes, so that
	// a workbook whose rows are mostly an earlier one's deflates only the
	// segments that changed. The bytes written are the same with or
	// without it.
	Segments SegmentCache
}

// SegmentCache keeps the compressed bytes of segments between workbooks.
// A segment is given by its own (uncompressed) bytes and spec, which names
// how it was compressed; a cache that outlives the program must also keep
// apart segments compressed by different builds of it, whose deflate may
// differ. Get and Put are called from one goroutine at a time.
type SegmentCache interface {
	// Get appends to dst the compressed bytes Put was given for plain and
	// spec, and reports whether there were any.
	Get(dst []byte, spec string, plain []byte) ([]byte, bool)
	// Put keeps deflated as plain's compressed bytes under spec. A segment
	// it cannot keep is only compressed again next time.
	Put(spec string, plain, deflated []byte)
}

// Kind is what a Cell holds.
type Kind uint8

// The kinds of cell.
const (
	KindEmpty Kind = iota
	KindString
	KindInt
	KindFloat
	KindBool
)

// Cell is one value in a row. The zero Cell is empty.
type Cell struct {
	kind Kind
	s    string
	n    int64
	f    float64
}

// String returns a text cell; "" is an empty cell.
func String(s string) Cell {
	if s == "" {
		return Cell{}
	}
	return Cell{kind: KindString, s: s}
}

// Int returns an integer cell.
func Int(n int64) Cell { return Cell{kind: KindInt, n: n} }

// Float returns a number cell. NaN and infinities, which Excel cannot
// hold as numbers, are written as the text "NaN", "+Inf" or "-Inf".
func Float(f float64) Cell {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Cell{kind: KindString, s: fmt.Sprint(f)}
	}
	return Cell{kind: KindFloat, f: f}
}

// Bool returns a TRUE or FALSE cell.
func Bool(b bool) Cell {
	if b {
		return Cell{kind: KindBool, n: 1}
	}
	return Cell{kind: KindBool}
}

// Empty returns an empty cell.
func Empty() Cell { return Cell{} }

// Kind says what the cell holds.
func (c Cell) Kind() Kind { return c.kind }

// Sheet describes a sheet to start.
type Sheet struct {
	Name   string
	Header []string // written as row 1, bold white on dark blue, frozen
	// Width is every header column's width in characters; 0 leaves
	// Excel's default.
	Width float64
}

// Writer writes a workbook to an io.Writer. Call Sheet to start each
// sheet, Row for each of its rows (and Break between groups of them), and
// Close once at the end; a Writer that has failed returns its first error
// from every later call.
type Writer struct {
	zw      *zip.Writer
	opts    Options
	level   int
	seg     segmenter // the compressor of every part
	names   []string
	folded  map[string]bool
	out     io.Writer // the open sheet's zip entry, nil between sheets
	buf     []byte    // the open segment's bytes
	row     int       // rows written in the open sheet, header included
	err     error
	closed  bool
	cutMark string
}

// A segment ends where Break allows once it holds minSegment bytes, and
// after any row once it holds maxSegment. Each segment starts deflate
// afresh, which costs a little size: 1.4% against one stream on export's
// 9,500-figure benchmark campaign, of segments about 200 KB. The largest
// bounds the memory a sheet takes.
const (
	minSegment = 32 << 10
	maxSegment = 1 << 20
)

// NewWriter returns a Writer writing a workbook to w.
func NewWriter(w io.Writer, opts Options) *Writer {
	level := opts.Level
	if level == 0 {
		level = flate.BestSpeed
	}
	mark := opts.CutMark
	if mark == "" {
		mark = DefaultCutMark
	}
	sc := scratches.Get().(*scratch)
	x := &Writer{zw: zip.NewWriter(w), opts: opts, level: level, folded: map[string]bool{}, buf: sc.buf[:0], cutMark: mark}
	x.seg = segmenter{level: level, spec: fmt.Sprintf("xlsx segment 1, klauspost/compress deflate level %d, sync flush", level), scratch: sc}
	x.zw.RegisterCompressor(zip.Deflate, x.compressor)
	return x
}

// compressor gives the zip the compressor of its next part: the one
// segmenter, ready for the part. The zip closes a part's writer before it
// asks for the next, so it is never in use twice.
func (w *Writer) compressor(out io.Writer) (io.WriteCloser, error) {
	w.seg.out = out
	return &w.seg, nil
}

// CheckSheetName returns an error wrapping ErrSheetName saying why Excel
// would refuse name: empty, longer than 31 characters, holding one of
// []:*?/\, starting or ending with an apostrophe, or the reserved
// "History".
func CheckSheetName(name string) error {
	why := ""
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		why = "empty"
	case n > MaxSheetName:
		why = fmt.Sprintf("%d characters, more than %d", n, MaxSheetName)
	case strings.ContainsAny(name, `[]:*?/\`):
		why = `holds one of []:*?/\`
	case name[0] == '\'' || name[len(name)-1] == '\'':
		why = "starts or ends with an apostrophe"
	case strings.EqualFold(name, "History"):
		why = "reserved by Excel"
	case !utf8.ValidString(name):
		why = "not UTF-8"
	default:
		for _, r := range name {
			if r < 0x20 || !xmlChar(r) {
				why = fmt.Sprintf("holds the character %U", r)
				break
			}
		}
	}
	if why != "" {
		return fmt.Errorf("%w: %q: %s", ErrSheetName, name, why)
	}
	return nil
}

// Sheet ends the open sheet, if any, and starts a new one with its header
// row. It returns an error naming the sheet if its name is one Excel
// refuses or one already used (names are compared as Excel does, without
// case), or if writing fails.
func (w *Writer) Sheet(s Sheet) error {
	if err := w.usable(); err != nil {
		return err
	}
	if err := CheckSheetName(s.Name); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if w.folded[strings.ToLower(s.Name)] {
		return fmt.Errorf("xlsx: %w: %q: used twice", ErrSheetName, s.Name)
	}
	if len(s.Header) > MaxCols {
		return fmt.Errorf("xlsx: sheet %q: header: %w", s.Name, ErrTooManyCols)
	}
	if err := w.endSheet(); err != nil {
		return err
	}
	w.folded[strings.ToLower(s.Name)] = true
	w.names = append(w.names, s.Name)
	w.seg.cache = w.opts.Segments
	out, err := w.create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(w.names)))
	if err != nil {
		return w.fail(fmt.Errorf("xlsx: sheet %q: %w", s.Name, err))
	}
	w.out, w.row = out, 0
	b := append(w.buf[:0], xmlHeader...)
	b = append(b, `<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheetViews><sheetView`...)
	if len(w.names) == 1 {
		b = append(b, ` tabSelected="1"`...)
	}
	b = append(b, ` workbookViewId="0">`...)
	if len(s.Header) > 0 {
		b = append(b, `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`...)
	}
	b = append(b, `</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	if s.Width > 0 && len(s.Header) > 0 {
		b = append(b, `<cols><col min="1" max="`...)
		b = strconv.AppendInt(b, int64(len(s.Header)), 10)
		b = append(b, `" width="`...)
		b = strconv.AppendFloat(b, s.Width, 'f', -1, 64)
		b = append(b, `" customWidth="1"/></cols>`...)
	}
	b = append(b, `<sheetData>`...)
	if len(s.Header) > 0 {
		w.row = 1
		b = append(b, `<row s="1" customFormat="1">`...)
		gap := 0
		for _, h := range s.Header {
			b, gap = w.appendCell(b, gap, String(h), ` s="1"`)
		}
		b = append(b, `</row>`...)
	}
	// The sheet's start stays in its first segment: alone it would be a
	// segment too small to be worth keeping.
	w.buf = b
	return nil
}

// Row writes the next row of the open sheet. Cells beyond the last
// non-empty one may be left out. It returns an error naming the sheet if
// the sheet would pass MaxRows, the row MaxCols, or no sheet is open.
func (w *Writer) Row(cells []Cell) error {
	if err := w.usable(); err != nil {
		return err
	}
	if w.out == nil {
		return errors.New("xlsx: a row before any sheet")
	}
	name := w.names[len(w.names)-1]
	if w.row >= MaxRows {
		return w.fail(fmt.Errorf("xlsx: sheet %q: %w", name, ErrTooManyRows))
	}
	if len(cells) > MaxCols {
		return fmt.Errorf("xlsx: sheet %q, row %d: %w", name, w.row+1, ErrTooManyCols)
	}
	w.row++
	b := append(w.buf, `<row>`...)
	gap := 0
	for _, c := range cells {
		b, gap = w.appendCell(b, gap, c, "")
	}
	w.buf = append(b, `</row>`...)
	if len(w.buf) >= maxSegment {
		return w.flush(false)
	}
	return nil
}

// Break allows the open sheet's segment to end between the rows written
// so far and those to come; it ends there if it holds enough bytes to be
// worth keeping. A writer of rows grouped by what changes together (an
// authority's rows, say) calls it between groups, so that a group's rows
// change only the segments that hold them, and those the next group's
// start shares.
func (w *Writer) Break() error {
	if err := w.usable(); err != nil {
		return err
	}
	if w.out == nil || len(w.buf) < minSegment {
		return nil
	}
	return w.flush(false)
}

// Close ends the open sheet and writes the parts that tie the sheets into
// a workbook and the zip's directory. It does not close the underlying
// io.Writer. It returns ErrNoSheets if no sheet was started.
func (w *Writer) Close() error {
	if err := w.usable(); err != nil {
		return err
	}
	if len(w.names) == 0 {
		return w.fail(fmt.Errorf("xlsx: %w", ErrNoSheets))
	}
	if err := w.endSheet(); err != nil {
		return err
	}
	// Only sheets' segments are kept: the other parts are small.
	w.seg.cache = nil
	for _, p := range w.parts() {
		out, err := w.create(p.name)
		if err == nil {
			_, err = io.WriteString(out, p.body)
		}
		if err != nil {
			return w.fail(fmt.Errorf("xlsx: %s: %w", p.name, err))
		}
	}
	if err := w.zw.Close(); err != nil {
		return w.fail(fmt.Errorf("xlsx: %w", err))
	}
	w.closed = true
	// The buffer may have grown past its room, and is kept as it grew,
	// but not if a giant row grew it.
	if cap(w.buf) <= 2*maxSegment {
		w.seg.scratch.buf = w.buf[:0]
		w.seg.scratch.release()
	}
	w.seg.scratch, w.buf = nil, nil
	return nil
}

func (w *Writer) usable() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return fmt.Errorf("xlsx: %w", ErrClosed)
	}
	return nil
}

func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return err
}

func (w *Writer) create(name string) (io.Writer, error) {
	return w.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
}

func (w *Writer) endSheet() error {
	if w.out == nil {
		return nil
	}
	w.buf = append(w.buf, `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`...)
	return w.flush(true)
}

// flush writes the open segment to the sheet's entry: one Write, which the
// segmenter deflates as a segment.
func (w *Writer) flush(last bool) error {
	if len(w.buf) > 0 {
		if _, err := w.out.Write(w.buf); err != nil {
			return w.fail(fmt.Errorf("xlsx: sheet %q: %w", w.names[len(w.names)-1], err))
		}
		w.buf = w.buf[:0]
	}
	if last {
		w.out = nil
	}
	return nil
}

func colName(i int) string {
	var b [3]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// appendCell appends c, after gap empty cells, and returns how many empty
// cells now wait to be written. Cells carry no reference, so a reader
// places each after the one before: the empty cells before a value are
// written as <c/>, and those at a row's end not at all.
func (w *Writer) appendCell(b []byte, gap int, c Cell, style string) ([]byte, int) {
	if c.kind == KindEmpty {
		return b, gap + 1
	}
	for range gap {
		b = append(b, `<c/>`...)
	}
	b = append(b, `<c`...)
	b = append(b, style...)
	switch c.kind {
	case KindString:
		s := c.s
		if len(s) > MaxCellChars { // bytes ≥ UTF-16 units, so only then can it be too long
			s = cut(s, w.cutMark)
		}
		b = append(b, ` t="inlineStr"><is><t`...)
		if needsSpace(s) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = AppendText(b, s)
		return append(b, `</t></is></c>`...), 0
	case KindInt:
		b = append(b, `><v>`...)
		b = strconv.AppendInt(b, c.n, 10)
	case KindFloat:
		b = append(b, `><v>`...)
		b = appendFloat(b, c.f)
	case KindBool:
		b = append(b, ` t="b"><v>`...)
		b = strconv.AppendInt(b, c.n, 10)
	}
	return append(b, `</v></c>`...), 0
}

// appendFloat writes f in the shortest form that reads back as the same
// float64, in plain digits where that stays short.
func appendFloat(b []byte, f float64) []byte {
	if a := math.Abs(f); a == 0 || (a >= 1e-6 && a < 1e15) {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'E', -1, 64)
}

func needsSpace(s string) bool {
	if s == "" {
		return false
	}
	first, last := s[0], s[len(s)-1]
	return first == ' ' || first == '\t' || first == '\n' || first == '\r' ||
		last == ' ' || last == '\t' || last == '\n' || last == '\r'
}

// utf16Len is how many UTF-16 code units s takes, which is how Excel
// counts a cell's characters. An invalid byte counts as the one U+FFFD it
// is written as.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// cut returns s unchanged if it fits in a cell, or else its start and a
// mark (a fmt format with one %d) saying how many characters were cut,
// together no longer than MaxCellChars.
func cut(s, mark string) string {
	if utf16Len(s) <= MaxCellChars {
		return s
	}
	total := utf8.RuneCountInString(s)
	// The mark with the most characters that could be cut is at least as
	// long as the one finally written.
	room := MaxCellChars - utf16Len(fmt.Sprintf(mark, total))
	kept, units, end := 0, 0, 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > room {
			end = i
			break
		}
		units += u
		kept++
	}
	return s[:end] + fmt.Sprintf(mark, total-kept)
}

// Cut returns the text a cell holding s shows: s itself, or, if longer
// than MaxCellChars, its start and mark (Options.CutMark; "" for the
// default) saying how many characters were cut.
func Cut(s, mark string) string {
	if mark == "" {
		mark = DefaultCutMark
	}
	return cut(s, mark)
}

// xmlChar reports whether XML 1.0 can hold r.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

const hexDigits = "0123456789ABCDEF"

// AppendText appends s escaped as the text of a cell: XML's special
// characters as entities, tab and carriage return as character
// references (so no reader folds them), characters XML 1.0 cannot hold as
// Excel's _xHHHH_ escapes, an invalid UTF-8 byte as U+FFFD, and a literal
// "_xHHHH_" in s with its underscore escaped (_x005F_) so that it reads
// back as written.
func AppendText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c] {
			i++
			continue
		}
		var esc string
		var r rune = -1
		size := 1
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				esc = "&amp;"
			case c == '<':
				esc = "&lt;"
			case c == '>':
				esc = "&gt;"
			case c == '\t':
				esc = "&#9;"
			case c == '\r':
				esc = "&#13;"
			case c == '\n':
			case c < 0x20:
				r = rune(c)
			case c == '_' && isBstr(s[i:]):
				esc = "_x005F"
			}
		} else {
			var d rune
			d, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case d == utf8.RuneError && size == 1:
				esc = "\uFFFD"
			case d == 0xFFFE || d == 0xFFFF:
				r = d
			}
		}
		if esc == "" && r < 0 {
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		if r >= 0 {
			b = append(b, '_', 'x', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF], '_')
		} else {
			b = append(b, esc...)
		}
		i += size
		start = i
		if esc == "_x005F" {
			// The underscore itself stays, now the end of the escape.
			start = i - 1
		}
	}
	return append(b, s[start:]...)
}

// plain marks the bytes AppendText copies as they are: printable ASCII
// but for XML's specials and the underscore that may start an escape.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = true
	}
	t['\n'] = true
	t[0x7F] = true
	for _, c := range "&<>_" {
		t[c] = false
	}
	return t
}()

// isBstr reports whether s starts with what a reader would take for an
// Excel escape, _xHHHH_, once written: the closing underscore may be its
// own or the start of the escape AppendText writes for the character
// after it.
func isBstr(s string) bool {
	if len(s) < 7 || s[1] != 'x' {
		return false
	}
	if c := s[6]; c != '_' && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') &&
		!strings.HasPrefix(s[6:], "\uFFFE") && !strings.HasPrefix(s[6:], "\uFFFF") {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
