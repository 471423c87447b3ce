package dataset

import (
	"regexp"
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
)

// isPeriodCell reports whether a cell's whole text is one period.
func (r *reader) isPeriodCell(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	_, err := period.Parse(s, r.popt)
	return err == nil
}

// labelLeft offers the reading of a table whose period labels stand right
// of their counts ("14 | 2021/22"): every row below the first has a count
// first and a period last, and no other period. The last column is moved
// to the front; cells keep their own row and column, so figures still
// point at the cells that printed them.
func (r *reader) labelLeft(t foiwire.Table) (foiwire.Table, bool) {
	w := t.Width()
	if w < 2 {
		return t, false
	}
	rows := nonEmptyRows(t)
	if len(rows) < 2 {
		return t, false
	}
	for _, ri := range rows[1:] {
		cells := t.Rows[ri]
		if len(cells) != w || !r.isPeriodCell(cells[w-1].Text) || !readCell(cells[0].Text).isCount() {
			return t, false
		}
		for _, c := range cells[:w-1] {
			if r.isPeriodCell(c.Text) {
				return t, false
			}
		}
	}
	out := t
	out.Rows = make([][]foiwire.Cell, len(t.Rows))
	for i, cells := range t.Rows {
		if len(cells) != w {
			out.Rows[i] = cells
			continue
		}
		row := make([]foiwire.Cell, 0, w)
		row = append(row, cells[w-1])
		row = append(row, cells[:w-1]...)
		out.Rows[i] = row
	}
	return out, true
}

// seriesOverPeriods reports whether a two-row heading is one series name
// repeated over every value column with the periods under it ("Number of
// incidents" over "2021/22", "2022/23"): then the periods alone head the
// columns, and the series is the rows' own words.
func (r *reader) seriesOverPeriods(t foiwire.Table, upper, lower, width int) bool {
	name, n := "", 0
	for c := 1; c < width; c++ {
		u, l := strings.TrimSpace(t.At(upper, c)), strings.TrimSpace(t.At(lower, c))
		if u == "" && l == "" {
			continue
		}
		if u == "" || !r.isPeriodCell(l) || r.isPeriodCell(u) {
			return false
		}
		if name != "" && !strings.EqualFold(u, name) {
			return false
		}
		name = u
		n++
	}
	return n >= 2
}

// countRE finds whole numbers in a sentence: "14", "1,144".
var countRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+|\d+`)

// splitSentences offers a reading of a block of sentences that each name
// one period and one count ("In 2021/22 there were 14 incidents."): a row
// of the period's words and the count. Sentences with another number (a
// cost, a second count, a reference) are left out; fewer than two that
// read so, and the block is not offered.
func (r *reader) splitSentences(t foiwire.Table) (foiwire.Table, bool) {
	if t.Kind != foiwire.KindSentences || t.Width() != 1 {
		return t, false
	}
	out := foiwire.Table{Index: t.Index, Context: t.Context, Truncated: t.Truncated, Part: t.Part, Kind: t.Kind}
	for _, cells := range t.Rows {
		if len(cells) == 0 {
			continue
		}
		for _, text := range sentencesOf(cells[0].Text) {
			if row, ok := r.sentenceRow(cells[0], text); ok {
				out.Rows = append(out.Rows, row)
			}
		}
	}
	if len(out.Rows) < 2 {
		return t, false
	}
	return out, true
}

// sentencesOf splits text at the end of each sentence: a full stop, a
// space and a capital letter.
func sentencesOf(text string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		if text[i] == '.' && text[i+1] == ' ' && 'A' <= text[i+2] && text[i+2] <= 'Z' {
			out = append(out, text[start:i+1])
			start = i + 2
		}
	}
	return append(out, text[start:])
}

// sentenceRow reads one sentence as a row of its period's words and its
// count, if it names exactly one period and one other number.
func (r *reader) sentenceRow(cell foiwire.Cell, text string) ([]foiwire.Cell, bool) {
	found := period.Find(text, r.popt)
	var p *period.Found
	for i := range found {
		if found[i].Relative {
			continue
		}
		if p != nil {
			p = nil
			break
		}
		p = &found[i]
	}
	if p == nil {
		return nil, false
	}
	rest := text[:p.Offset] + strings.Repeat(" ", len(p.Text)) + text[p.Offset+len(p.Text):]
	locs := countRE.FindAllStringIndex(rest, -1)
	if len(locs) != 1 {
		return nil, false
	}
	a, b := locs[0][0], locs[0][1]
	if a > 0 && strings.ContainsAny(rest[a-1:a], "£$€.") || b < len(rest) && strings.ContainsAny(rest[b:b+1], "%") {
		return nil, false
	}
	return []foiwire.Cell{
		{Row: cell.Row, Col: 0, Text: p.Text},
		{Row: cell.Row, Col: 1, Text: rest[a:b]},
	}, true
}

// seriesGroups offers a reading of a wide table of series grouped over
// periods: a heading row of series names, each over a run of columns, a
// heading row of periods under them, and one row of counts ("Arson" over
// "2021/22", "2022/23", then "Theft" over the same years). It is read as
// the cross-tab it flattens: a row per series, a column per period. Cells
// keep their own row and column.
func (r *reader) seriesGroups(t foiwire.Table) (foiwire.Table, bool) {
	rows := nonEmptyRows(t)
	w := t.Width()
	if len(rows) != 3 || w < 5 {
		return t, false
	}
	up, lo, data := rows[0], rows[1], rows[2]
	var series, periods []string
	at := map[[2]string]foiwire.Cell{}
	head := map[string]foiwire.Cell{}
	for c := 1; c < w; c++ {
		u, l := strings.TrimSpace(t.At(up, c)), strings.TrimSpace(t.At(lo, c))
		if u == "" || r.isPeriodCell(u) || !r.isPeriodCell(l) || c >= len(t.Rows[data]) || !readCell(t.Rows[data][c].Text).isCount() {
			return t, false
		}
		k := [2]string{u, l}
		if _, dup := at[k]; dup {
			return t, false
		}
		at[k] = t.Rows[data][c]
		if !slices.Contains(series, u) {
			series = append(series, u)
		}
		if _, ok := head[l]; !ok {
			head[l] = t.Rows[lo][c]
			periods = append(periods, l)
		}
	}
	if len(series) < 2 || len(periods) < 2 {
		return t, false
	}
	out := foiwire.Table{Index: t.Index, Context: t.Context, Truncated: t.Truncated, Part: t.Part, Kind: t.Kind}
	hrow := []foiwire.Cell{{Row: lo, Col: 0}}
	for _, p := range periods {
		hrow = append(hrow, head[p])
	}
	out.Rows = append(out.Rows, hrow)
	for _, s := range series {
		row := []foiwire.Cell{{Row: up, Col: 0, Text: s}}
		for _, p := range periods {
			c, ok := at[[2]string{s, p}]
			if !ok {
				c = foiwire.Cell{Row: data, Col: -1}
			}
			row = append(row, c)
		}
		out.Rows = append(out.Rows, row)
	}
	return out, true
}
