package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
)

// oldWorkbook is the excelize-based writer Workbook replaced, kept as
// the oracle Workbook's cells are checked against. It writes d as an XLSX workbook, one sheet for each part, with a
// frozen, bold header row and numbers as numbers. It returns an error
// naming the sheet and row that could not be written.
func oldWorkbook(d Data) ([]byte, error) {
	name := d.Names
	if name == nil {
		name = func(id string) string { return id }
	}
	figRow := func(f foiwire.Figure) []any {
		var v any
		if n, ok := f.Int(); ok {
			v = n
		}
		return []any{f.Authority, name(f.Authority), f.Question, string(f.Measure), f.Start.String(), f.End.String(), f.Label, f.Category, v,
			string(f.Status), f.IsTotal, string(f.Confidence), f.Reason, f.Source.File, f.Source.Table, f.Source.Row, f.Source.Col,
			f.Source.Text, f.Key()}
	}
	// Each sheet's rows are made as they are written, so a sheet of
	// many figures never lies in memory twice.
	type sheet struct {
		name string
		head []string
		n    int
		row  func(i int) []any
	}
	sheets := []sheet{{name: SheetFigures, head: FigureColumns, n: len(d.Figures), row: func(i int) []any { return figRow(d.Figures[i]) }}}
	if d.Review != nil {
		sheets = append(sheets, sheet{name: SheetReview, head: FigureColumns, n: len(d.Review), row: func(i int) []any { return figRow(d.Review[i]) }})
	}
	if d.Facts != nil {
		sheets = append(sheets, sheet{name: SheetFacts, head: analysis.FactColumns, n: len(d.Facts), row: func(i int) []any {
			f := d.Facts[i]
			var of any
			if f.Of > 0 {
				of = f.Of
			}
			return []any{f.ID, f.Authority, string(f.Kind), string(f.Measure), f.Start.String(), f.End.String(),
				f.Base.Start.String(), f.Base.End.String(), f.Category, f.Label, f.Value, f.Words, of, f.Formula,
				strings.Join(f.Inputs, " "), strings.Join(f.Caveats, "; ")}
		}})
	}
	if d.Stories != nil {
		sheets = append(sheets, sheet{name: SheetStories, head: []string{"authority", "force", "state", "headline", "refusal", "text", "folder"}, n: len(d.Stories), row: func(i int) []any {
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
			return []any{s.Authority, name(s.Authority), state, s.Headline, s.Refusal, s.Text, folder}
		}})
	}
	if d.Corrections != nil {
		sheets = append(sheets, sheet{name: SheetCorrections, head: []string{"at", "by", "authority", "action", "was", "value", "status", "note", "key", "version"}, n: len(d.Corrections), row: func(i int) []any {
			c := d.Corrections[i]
			action := "correct"
			if c.Confirm {
				action = "confirm"
			}
			var v any
			if c.Value != nil {
				v = *c.Value
			}
			return []any{c.At.UTC().Format(time.RFC3339), c.By, c.Authority, action, c.Was, v, string(c.Status),
				c.Note, c.Key, c.Version}
		}})
	}

	x := excelize.NewFile()
	defer x.Close()
	head, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3A5F"}}})
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", sh.name); err != nil {
				return nil, fmt.Errorf("workbook: %w", err)
			}
		} else if _, err := x.NewSheet(sh.name); err != nil {
			return nil, fmt.Errorf("workbook: %w", err)
		}
		sw, err := x.NewStreamWriter(sh.name)
		if err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		if err := sw.SetColWidth(1, len(sh.head), 14); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		hd := make([]any, len(sh.head))
		for j, h := range sh.head {
			hd[j] = h
		}
		if err := sw.SetRow("A1", hd, excelize.RowOpts{StyleID: head}); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
		for j := range sh.n {
			cell, _ := excelize.CoordinatesToCellName(1, j+2)
			if err := sw.SetRow(cell, sh.row(j)); err != nil {
				return nil, fmt.Errorf("workbook sheet %s, row %d: %w", sh.name, j+2, err)
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", sh.name, err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	out, err := sortedZip(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	return out, nil
}

// sortedZip rewrites a zip archive with its entries in name order, their
// compressed bytes copied as they are. excelize writes a workbook's parts
// in map order, so the same workbook would otherwise come out as different
// bytes from one build to the next.
func sortedZip(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, raw); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
