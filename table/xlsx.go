package table

import (
	"archive/zip"
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Limits on what a workbook may unpack to. Real replies unpack to a few
// megabytes at ratios near 10:1; a zip bomb declares gigabytes at
// thousands to one.
const (
	maxUnzipped  = 100 << 20
	maxZipRatio  = 100
	ratioFloor   = 1 << 20 // members smaller than this may compress as well as they like
	maxMergeArea = 1 << 20 // cells one merged range may fill
)

// checkZipSizes refuses an archive whose members declare more than
// maxUnzipped bytes in all, or one that compresses more than maxZipRatio
// to one. archive/zip stops a member that inflates past its declared size,
// so the declared sizes bound what excelize can be made to unpack.
func checkZipSizes(zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnzipped {
			return &fileError{kind: ErrTooLarge,
				msg: fmt.Sprintf("workbook unpacks to over %s; the limit is %s (a zip bomb?)", megabytes(int64(min(total, 1<<62))), megabytes(maxUnzipped))}
		}
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/max(f.CompressedSize64, 1) > maxZipRatio {
			return &fileError{kind: ErrTooLarge,
				msg: fmt.Sprintf("workbook member %s compresses %d to 1; over %d to 1 is refused as a zip bomb", f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1), maxZipRatio)}
		}
	}
	return nil
}

// xlsx reads each sheet of a workbook (sniff has checked its sizes). Each
// block of rows between blank rows is a table named for its sheet; numbers
// are read as Excel displays them, dates the British way.
func (rd *reader) xlsx(data []byte, part string) (err error) {
	defer func() {
		// excelize is not hardened against hostile XML; a panic in it is a
		// damaged file, not a crash of the caller.
		if p := recover(); p != nil {
			err = rd.fail(ErrCorrupt, nil, "workbook is damaged: %v", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzipped, // keep sheets in memory, not in temporary files
		ShortDatePattern:  "dd/mm/yyyy",
	})
	if err != nil {
		return rd.fail(ErrCorrupt, err, "cannot open the workbook: %v", err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		sheetPart := joinPart(part, sheet)
		if visible, _ := f.GetSheetVisible(sheet); !visible {
			rd.warn(part, "sheet %q is hidden; read all the same", sheet)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			rd.warn(part, "sheet %q cannot be read: %v", sheet, err)
			continue
		}
		for r, row := range rows {
			for c := range row {
				row[c] = cleanCell(row[c])
			}
			rows[r] = row
		}
		fillMerged(f, sheet, rows)
		rd.writeLine("Sheet: " + sheet)
		if rd.emitBlocks(rows, sheetPart, false) == 0 {
			rd.warn(part, "sheet %q has no table", sheet)
		}
		rd.text.WriteByte('\n')
	}
	return nil
}

// fillMerged copies each merged range's value into every cell it covers,
// within the rows the sheet has, so positions match what a reader sees.
func fillMerged(f *excelize.File, sheet string, rows [][]string) {
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return // a sheet whose merges cannot be read is still worth its cells
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(rows) || c1 > len(rows[r1-1]) {
			continue
		}
		r2 = min(r2, len(rows))
		if (r2-r1+1)*(c2-c1+1) > maxMergeArea {
			continue
		}
		value := rows[r1-1][c1-1]
		for r := r1 - 1; r < r2; r++ {
			for len(rows[r]) < c2 {
				rows[r] = append(rows[r], "")
			}
			for c := c1 - 1; c < c2; c++ {
				rows[r][c] = value
			}
		}
	}
}

// joinPart names a part within a part: "reply.xlsx / Offences".
func joinPart(parent, child string) string {
	if parent == "" {
		return child
	}
	return parent + " / " + child
}
