package table

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// csv reads comma-, semicolon- or tab-separated text. Blank lines split
// it into blocks, each a table; single-cell lines above a block are its
// title and become the table's context.
func (rd *reader) csv(s, part string) error {
	r := csv.NewReader(strings.NewReader(s))
	r.Comma, _ = sniffDelimiter(s)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var rows [][]string
	prevEnd := 0 // the line the previous record ended on
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// With LazyQuotes the reader only fails on I/O, which a string
			// reader never does; keep the rows read so far all the same.
			rd.warn(part, "CSV stops being readable: %v", err)
			break
		}
		line, _ := r.FieldPos(0)
		if prevEnd > 0 && line > prevEnd+1 {
			rows = append(rows, nil) // encoding/csv skips blank lines; they separate tables
		}
		lastLine, _ := r.FieldPos(len(rec) - 1)
		prevEnd = lastLine + strings.Count(rec[len(rec)-1], "\n")
		row := make([]string, len(rec))
		for i, f := range rec {
			row[i] = cleanCell(f)
		}
		rows = append(rows, row)
	}
	cut := !strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, "\r")
	if rd.emitBlocks(rows, part, cut) == 0 {
		rd.warn(part, "no table found in the CSV")
	}
	return nil
}

// sniffDelimiter picks the delimiter that splits the first lines of s into
// the most rows of one width (two fields or more), preferring a comma on a
// tie. consistent is the share of those rows among the lines read.
func sniffDelimiter(s string) (delim rune, consistent float64) {
	sample := s[:min(len(s), 32<<10)]
	delim = ','
	best, bestRows := 0, 0
	for _, d := range []rune{',', ';', '\t'} {
		r := csv.NewReader(strings.NewReader(sample))
		r.Comma = d
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		widths := map[int]int{}
		total := 0
		for total < 50 {
			rec, err := r.Read()
			if err != nil {
				break
			}
			total++
			if nonEmpty(rec) > 0 {
				widths[len(rec)]++
			}
		}
		mode := 0
		for w, n := range widths {
			if w >= 2 && n > mode {
				mode = n
			}
		}
		if mode > best {
			best, bestRows, delim = mode, total, d
		}
	}
	if bestRows == 0 {
		return delim, 0
	}
	return delim, float64(best) / float64(bestRows)
}

// looksLikeCSV reports whether s, text of no telling name, is delimited
// data: at least two lines, nearly all of them the same number of fields,
// and fields that do not start with a space as the words after a comma in
// prose do.
func looksLikeCSV(s string) bool {
	if strings.Count(strings.TrimSpace(s), "\n") < 1 {
		return false
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasSuffix(strings.TrimRight(line, "\r "), " |") {
			return false // the flattened layout: the text reader's
		}
	}
	delim, c := sniffDelimiter(s)
	if c < 0.8 {
		return false
	}
	r := csv.NewReader(strings.NewReader(s[:min(len(s), 32<<10)]))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = delim, true, -1
	later, spaced := 0, 0
	for range 50 {
		rec, err := r.Read()
		if err != nil {
			break
		}
		for _, f := range rec[1:] {
			later++
			if strings.HasPrefix(f, " ") {
				spaced++
			}
		}
	}
	return spaced*2 < later
}
