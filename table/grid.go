package table

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
)

// cleanCell collapses a cell's runs of white space (newlines, tabs,
// non-breaking spaces) to single spaces and trims it.
func cleanCell(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// newTable makes a table from rows of cell text, after dropping rows that
// are empty and columns that are empty in every row.
func newTable(rows [][]string, context, part string, truncated bool) foiwire.Table {
	rows = dropEmptyColumns(dropEmptyRows(rows))
	t := foiwire.Table{Context: context, Part: part, Truncated: truncated}
	t.Rows = make([][]foiwire.Cell, len(rows))
	for r, row := range rows {
		t.Rows[r] = make([]foiwire.Cell, len(row))
		for c, text := range row {
			t.Rows[r][c] = foiwire.Cell{Row: r, Col: c, Text: text}
		}
	}
	return t
}

func dropEmptyRows(rows [][]string) [][]string {
	out := rows[:0:0]
	for _, row := range rows {
		if nonEmpty(row) > 0 {
			out = append(out, row)
		}
	}
	return out
}

// dropEmptyColumns removes the columns no row has text in, keeping each
// row's length up to its last remaining cell so ragged rows stay ragged.
func dropEmptyColumns(rows [][]string) [][]string {
	width := 0
	for _, row := range rows {
		width = max(width, len(row))
	}
	used := make([]bool, width)
	for _, row := range rows {
		for c, s := range row {
			if s != "" {
				used[c] = true
			}
		}
	}
	all := true
	for _, u := range used {
		all = all && u
	}
	if all {
		return rows
	}
	out := make([][]string, len(rows))
	for r, row := range rows {
		for c, s := range row {
			if used[c] {
				out[r] = append(out[r], s)
			}
		}
	}
	return out
}

// nonEmpty counts the cells of row holding text.
func nonEmpty(row []string) int {
	n := 0
	for _, s := range row {
		if s != "" {
			n++
		}
	}
	return n
}

// numberRe matches a cell that prints a number: "14", "1,024", "-3.5",
// "12%", "£1,200", "<5", and a footnoted "2023*".
var numberRe = regexp.MustCompile(`^[<>~≈]?\s*[£$€]?[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*%?\s*[*†‡^]*$`)

// isNumberLike reports whether a cell holds a number or one of the marks
// replies print in place of one (suppressed, nil, not available). It is a
// question of shape, used to tell data columns from label columns.
func isNumberLike(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "*", "-", "–", "—", "x", "..", "n/a", "nil", "none", "<5", "< 5":
		return true
	}
	return numberRe.MatchString(strings.TrimSpace(s))
}

// cutWarning says where a truncated table stops, numbering tables and rows
// from 1 and naming the last complete row by its first cell.
func cutWarning(t foiwire.Table) string {
	n := len(t.Rows)
	if n == 0 {
		return fmt.Sprintf("table %d is cut off before its first row", t.Index+1)
	}
	last := t.Rows[n-1]
	if w := t.Width(); len(last) < w {
		if n == 1 {
			return fmt.Sprintf("table %d is cut off in its first row", t.Index+1)
		}
		return fmt.Sprintf("table %d is cut off after row %d (%q): row %d has %d of %d cells",
			t.Index+1, n-1, t.Rows[n-2][0].Text, n, len(last), w)
	}
	return fmt.Sprintf("table %d is cut off after row %d (%q)", t.Index+1, n, last[0].Text)
}

// A block is a run of spreadsheet or CSV rows with no blank row in it.
type block struct {
	context string
	rows    [][]string
	last    bool // the block ends the file
}

// splitBlocks cuts a sheet's rows (cells already cleaned) at blank rows.
// Leading rows with one filled cell (or one merged cell) are titles: they become the
// context of the table below rather than part of it. A block with fewer
// than two rows, or none with two filled cells, is prose: it goes to
// text, and its last line is the context for the next table that has no
// title of its own. Each returned block is a table to be made.
func splitBlocks(rows [][]string) (tables []block, text []string) {
	var groups [][][]string
	var cur [][]string
	for _, row := range rows {
		if nonEmpty(row) == 0 {
			if cur != nil {
				groups = append(groups, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, row)
	}
	if cur != nil {
		groups = append(groups, cur)
	}
	lastText := ""
	for gi, g := range groups {
		var titles []string
		for len(g) > 0 && isTitle(g[0]) {
			titles = append(titles, rowText(g[0]))
			g = g[1:]
		}
		text = append(text, titles...)
		wide := false
		for _, row := range g {
			wide = wide || nonEmpty(row) >= 2
		}
		if len(g) < 2 || !wide {
			for _, row := range g {
				line := rowText(row)
				text = append(text, line)
				titles = append(titles, line)
			}
			if len(titles) > 0 {
				lastText = titles[len(titles)-1]
			}
			continue
		}
		context := lastText
		if len(titles) > 0 {
			context = strings.Join(titles, " ")
		}
		tables = append(tables, block{context: context, rows: g, last: gi == len(groups)-1})
		text = append(text, "") // marks where the table's rows go
	}
	return tables, text
}

// isTitle reports whether a row's filled cells all hold one text: a title
// in one cell, or merged across several.
func isTitle(row []string) bool {
	first := ""
	for _, s := range row {
		switch {
		case s == "":
		case first == "":
			first = s
		case s != first:
			return false
		}
	}
	return first != ""
}

// rowText joins a row's filled cells for the text, once for each run of a
// merged cell's repeated text.
func rowText(row []string) string {
	var parts []string
	for _, s := range row {
		if s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// emitBlocks records the tables and text splitBlocks found, in order.
// cutLast is set when the source ends part-way through its last row, so a
// short final row in the final block means the table is cut off.
func (rd *reader) emitBlocks(rows [][]string, part string, cutLast bool) int {
	tables, text := splitBlocks(rows)
	i := 0
	var prose []string // one-cell rows since the last table: read for figures in prose
	context := ""
	for _, line := range text {
		if line != "" {
			rd.writeLine(line)
			prose = append(prose, line)
			continue
		}
		rd.proseBlocks(prose, part, context)
		prose = nil
		b := tables[i]
		i++
		cut := false
		if cutLast && b.last {
			width := 0
			for _, row := range b.rows {
				width = max(width, len(row))
			}
			cut = len(b.rows[len(b.rows)-1]) < width
		}
		rd.addTable(newTable(b.rows, b.context, part, cut))
		context = b.context
	}
	rd.proseBlocks(prose, part, context)
	return len(tables)
}
