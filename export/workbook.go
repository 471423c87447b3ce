package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/internal/xlsx"
)

// Data is what a workbook holds. A nil slice leaves its sheet out, except
// Figures, whose sheet is always there.
type Data struct {
	Figures []foiwire.Figure
	Review  []foiwire.Figure // figures a person must look at
	Facts   []foiwire.Fact
	Stories []foiwire.StoryRecord
	// AwaitStories, when set, gives the stories (in place of Stories)
	// once the sheets before theirs are written, so that a build can
	// write its figures and facts while its stories are still being
	// made. ok false stops the workbook with ErrNoStories.
	AwaitStories func() (stories []foiwire.StoryRecord, ok bool)
	Corrections  []foiwire.Correction
	// Names gives an authority's name for an id; nil writes ids only.
	Names func(id string) string
}

// ErrNoStories is WriteWorkbook's error when Data.AwaitStories gave no
// stories.
var ErrNoStories = errors.New("the stories were not made")

// Sheet names, in the order they appear.
const (
	SheetFigures     = "Figures"
	SheetReview      = "To review"
	SheetFacts       = "Facts"
	SheetStories     = "Stories"
	SheetCorrections = "Corrections"
)

// FigureColumns are the columns of the Figures and To review sheets.
var FigureColumns = []string{"authority", "force", "question", "measure", "period_start", "period_end", "label", "category", "value",
	"status", "is_total", "confidence", "reason", "file", "table", "row", "col", "text", "key"}

// CutMark ends a text too long for an Excel cell (32,767 characters),
// such as a long story or a reply's source text; %d is how many
// characters were cut. The whole text is in the CSVs and story files.
const CutMark = "… [cut: %d characters; full text in the CSV]"

// Workbook writes d as an XLSX workbook, one sheet for each part, with a
// frozen, bold header row and numbers as numbers; see WriteWorkbook.
func Workbook(d Data) ([]byte, error) {
	var b bytes.Buffer
	// About 40 bytes of compressed workbook for each row saves most of the
	// buffer's regrowing.
	b.Grow(4096 + 150*(len(d.Figures)+len(d.Review)+len(d.Facts)+len(d.Corrections)) + 2048*len(d.Stories))
	if err := WriteWorkbook(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteWorkbook streams d to w as an XLSX workbook, one sheet for each
// part, with a frozen, bold header row, numbers as numbers and an unknown
// value as an empty cell. The same d always gives the same bytes. A text
// longer than an Excel cell holds is cut with CutMark. It returns an error
// naming the sheet and row that could not be written.
func WriteWorkbook(w io.Writer, d Data) error {
	return writeWorkbook(w, d, xlsx.Options{CutMark: CutMark})
}

// SegmentCache keeps the compressed bytes of a workbook's segments (runs
// of a sheet's rows, which break where the authority changes) between
// workbooks; see WriteWorkbookReusing. It is the workbook writer's own
// interface, whose methods say what a cache must do.
type SegmentCache = xlsx.SegmentCache

// WriteWorkbookReusing is WriteWorkbook compressing only the segments of
// its sheets that kept lacks, and keeping them there: a workbook most of
// whose authorities' rows are as they were in the last one costs little
// more than its XML. The bytes are those WriteWorkbook writes.
func WriteWorkbookReusing(w io.Writer, d Data, kept SegmentCache) error {
	return writeWorkbook(w, d, xlsx.Options{CutMark: CutMark, Segments: kept})
}

// writeWorkbook is WriteWorkbook with the writer's options, so that the
// benchmarks can weigh compression levels.
func writeWorkbook(w io.Writer, d Data, opts xlsx.Options) error {
	names := d.Names
	if names == nil {
		names = func(id string) string { return id }
	}
	// Rows come grouped by authority, so the last name asked for is
	// nearly always the next one too.
	lastID, lastName, named := "", "", false
	name := func(id string) string {
		if !named || id != lastID {
			lastID, lastName, named = id, names(id), true
		}
		return lastName
	}
	// Each date column has its own memo, whose last date is nearly
	// always its next row's too.
	var start, end, baseStart, baseEnd dates
	figRow := func(f *foiwire.Figure, r []xlsx.Cell) {
		v := xlsx.Empty()
		if n, ok := f.Int(); ok {
			v = xlsx.Int(n)
		}
		r[0], r[1], r[2], r[3] = xlsx.String(f.Authority), xlsx.String(name(f.Authority)), xlsx.String(f.Question), xlsx.String(string(f.Measure))
		r[4], r[5], r[6], r[7], r[8] = start.cell(f.Start), end.cell(f.End), xlsx.String(f.Label), xlsx.String(f.Category), v
		r[9], r[10], r[11], r[12] = xlsx.String(string(f.Status)), xlsx.Bool(f.IsTotal), xlsx.String(string(f.Confidence)), xlsx.String(f.Reason)
		r[13], r[14], r[15], r[16] = xlsx.String(f.Source.File), xlsx.Int(int64(f.Source.Table)), xlsx.Int(int64(f.Source.Row)), xlsx.Int(int64(f.Source.Col))
		r[17], r[18] = xlsx.String(f.Source.Text), xlsx.String(f.Key())
	}
	// Each sheet's rows are made as they are written into one reused row,
	// so a sheet of many figures never lies in memory twice.
	type sheet struct {
		name string
		head []string
		n    int
		row  func(i int, r []xlsx.Cell)
		// authority is row i's authority. The rows are compressed in
		// segments that break where the authority changes, so that a
		// rebuild after one authority's rows changed deflates little
		// more than them (see WriteWorkbookReusing).
		authority func(i int) string
		// ready, when set, is called before the sheet is written and
		// says how many rows it has.
		ready func() (int, error)
	}
	sheets := []sheet{{name: SheetFigures, head: FigureColumns, n: len(d.Figures), row: func(i int, r []xlsx.Cell) { figRow(&d.Figures[i], r) },
		authority: func(i int) string { return d.Figures[i].Authority }}}
	if d.Review != nil {
		sheets = append(sheets, sheet{name: SheetReview, head: FigureColumns, n: len(d.Review), row: func(i int, r []xlsx.Cell) { figRow(&d.Review[i], r) },
			authority: func(i int) string { return d.Review[i].Authority }})
	}
	if d.Facts != nil {
		sheets = append(sheets, sheet{name: SheetFacts, head: analysis.FactColumns, n: len(d.Facts), authority: func(i int) string { return d.Facts[i].Authority }, row: func(i int, r []xlsx.Cell) {
			f := &d.Facts[i]
			of := xlsx.Empty()
			if f.Of > 0 {
				of = xlsx.Int(int64(f.Of))
			}
			r[0], r[1], r[2], r[3] = xlsx.String(f.ID), xlsx.String(f.Authority), xlsx.String(string(f.Kind)), xlsx.String(string(f.Measure))
			r[4], r[5], r[6], r[7] = start.cell(f.Start), end.cell(f.End), baseStart.cell(f.Base.Start), baseEnd.cell(f.Base.End)
			r[8], r[9], r[10], r[11], r[12] = xlsx.String(f.Category), xlsx.String(f.Label), xlsx.Float(f.Value), xlsx.String(f.Words), of
			r[13], r[14], r[15] = xlsx.String(f.Formula), xlsx.String(strings.Join(f.Inputs, " ")), xlsx.String(strings.Join(f.Caveats, "; "))
		}})
	}
	if d.Stories != nil || d.AwaitStories != nil {
		var ready func() (int, error)
		if d.AwaitStories != nil {
			ready = func() (int, error) {
				var ok bool
				if d.Stories, ok = d.AwaitStories(); !ok {
					return 0, ErrNoStories
				}
				return len(d.Stories), nil
			}
		}
		sheets = append(sheets, sheet{name: SheetStories, head: []string{"authority", "force", "state", "headline", "refusal", "text", "folder"}, n: len(d.Stories), ready: ready, row: func(i int, r []xlsx.Cell) {
			s := d.Stories[i]
			state := "written"
			if !s.Written {
				state = "refused"
			}
			// The folder beside the workbook, not the machine's path: the
			// workbook is the same wherever the campaign was built.
			folder := ""
			if s.Dir != "" {
				folder = filepath.Base(s.Dir) + "/"
			}
			r[0], r[1], r[2], r[3] = xlsx.String(s.Authority), xlsx.String(name(s.Authority)), xlsx.String(state), xlsx.String(s.Headline)
			r[4], r[5], r[6] = xlsx.String(s.Refusal), xlsx.String(s.Text), xlsx.String(folder)
		}, authority: func(i int) string { return d.Stories[i].Authority }})
	}
	if d.Corrections != nil {
		sheets = append(sheets, sheet{name: SheetCorrections, head: []string{"at", "by", "authority", "action", "was", "value", "status", "note", "key", "version"}, n: len(d.Corrections), row: func(i int, r []xlsx.Cell) {
			c := d.Corrections[i]
			action := "correct"
			if c.Confirm {
				action = "confirm"
			}
			v := xlsx.Empty()
			if c.Value != nil {
				v = xlsx.Int(*c.Value)
			}
			r[0], r[1], r[2], r[3], r[4] = xlsx.String(c.At.UTC().Format(time.RFC3339)), xlsx.String(c.By), xlsx.String(c.Authority), xlsx.String(action), xlsx.String(c.Was)
			r[5], r[6], r[7], r[8], r[9] = v, xlsx.String(string(c.Status)), xlsx.String(c.Note), xlsx.String(c.Key), xlsx.Int(int64(c.Version))
		}, authority: func(i int) string { return d.Corrections[i].Authority }})
	}

	x := xlsx.NewWriter(w, opts)
	for _, sh := range sheets {
		if sh.ready != nil {
			n, err := sh.ready()
			if err != nil {
				return fmt.Errorf("workbook sheet %s: %w", sh.name, err)
			}
			sh.n = n
		}
		if err := x.Sheet(xlsx.Sheet{Name: sh.name, Header: sh.head, Width: 14}); err != nil {
			return fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		row := make([]xlsx.Cell, len(sh.head))
		for j := range sh.n {
			if j > 0 && sh.authority(j) != sh.authority(j-1) {
				if err := x.Break(); err != nil {
					return fmt.Errorf("workbook sheet %s, row %d: %w", sh.name, j+2, err)
				}
			}
			sh.row(j, row)
			if err := x.Row(row); err != nil {
				return fmt.Errorf("workbook sheet %s, row %d: %w", sh.name, j+2, err)
			}
		}
	}
	if err := x.Close(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}

// dates holds the ISO form of each date a workbook has written, so that
// each is formatted once: a campaign's tens of thousands of figures and
// facts share a few dozen days. The last date asked for is kept apart as
// well, which saves hashing it: a column's rows share their dates in long
// runs. A dates lives for one workbook, and the date itself is the key,
// so an entry can never be another day's. The zero dates is ready to use,
// its last date the zero Date, whose form is "".
type dates struct {
	iso     map[foiwire.Date]string
	last    foiwire.Date
	lastISO string
}

// cell returns a text cell of d's ISO form, empty for the zero Date.
func (m *dates) cell(d foiwire.Date) xlsx.Cell {
	if d != m.last {
		s, ok := m.iso[d]
		if !ok {
			if m.iso == nil {
				m.iso = map[foiwire.Date]string{}
			}
			s = d.String()
			m.iso[d] = s
		}
		m.last, m.lastISO = d, s
	}
	return xlsx.String(m.lastISO)
}
