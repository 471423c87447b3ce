package dataset

import (
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
)

// lineRE reads one line of a run of prose lines as words and a count: "2009
// – 16 crimes", "2008 : 0", "Reports received: 1,234", "2. 2021/22 - 45".
// The optional leading list number says which series the line is in.
var lineRE = regexp.MustCompile(`^\s*(?:(\d{1,2})[.)]\s+)?(.*?\S)\s*(?:[:=–—]|\s-)\s*((?:\d{1,3}(?:,\s?\d{3})+|\d+)(?:\s+[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,2})?|nil|none|<\s?\d+|\*)\s*\.?$`)

// splitLines offers a candidate reading of a block whose rows are single
// lines of prose: each line split into its words and its count, with the
// list number, when lines are numbered "1." and "2." and the numbers
// restart the same run of words, as the series. It returns false when
// fewer than two lines read so.
func splitLines(t foiwire.Table) (foiwire.Table, []string, bool) {
	if t.Width() != 1 {
		return t, nil, false
	}
	out := foiwire.Table{Index: t.Index, Context: t.Context, Truncated: t.Truncated, Part: t.Part}
	var series []string
	n := 0
	for _, r := range t.Rows {
		if len(r) == 0 || strings.TrimSpace(r[0].Text) == "" {
			continue
		}
		m := lineRE.FindStringSubmatch(r[0].Text)
		if m == nil || !readCell(m[3]).isCount() {
			continue
		}
		n++
		out.Rows = append(out.Rows, []foiwire.Cell{
			{Row: r[0].Row, Col: 0, Text: m[2]},
			{Row: r[0].Row, Col: r[0].Col, Text: m[3]},
		})
		series = append(series, m[1])
	}
	if n < 2 {
		return t, nil, false
	}
	return out, series, true
}

// unflatten offers a candidate reading of a block whose cells were
// flattened one per line: headings first, then the rows, each as many
// cells as there are headings ("Offence", "2021/22", "2022/23", then
// "Arson", "2", "3", …), or, with no row words, periods then their values
// ("2021/22", "2022/23", "14", "16"). It returns false unless every row
// fits: words first when the headings have a word heading, counts after.
//
// The grid's cells keep their own row and column, so columns and totals
// line up; origin maps each back to the row of the block it was read from,
// so a figure points at the line that printed it.
func (r *reader) unflatten(t foiwire.Table) (grid foiwire.Table, origin map[[2]int]int, ok bool) {
	if t.Width() != 1 {
		return t, nil, false
	}
	var cells []foiwire.Cell
	for _, row := range t.Rows {
		if len(row) > 0 && strings.TrimSpace(row[0].Text) != "" {
			cells = append(cells, row[0])
		}
	}
	// The headings: an optional word heading over the row words, then
	// periods (and a total).
	w := 0
	if len(cells) > 0 && r.typeOf(cells[0].Text).kind == kindWords {
		w = 1
	}
	for w < len(cells) {
		if k := r.typeOf(cells[w].Text).kind; k != kindPeriod && k != kindTotal {
			break
		}
		w++
	}
	if w == 1 && len(cells)%2 == 0 && len(cells) >= 4 {
		// Words and counts in turn: "2021/22", "14", "2022/23", "16".
		out := foiwire.Table{Index: t.Index, Context: t.Context, Truncated: t.Truncated, Part: t.Part}
		for i := 0; i < len(cells); i += 2 {
			if r.typeOf(cells[i].Text).kind == kindCount || r.typeOf(cells[i+1].Text).kind != kindCount {
				return t, nil, false
			}
			out.Rows = append(out.Rows, []foiwire.Cell{{Row: i / 2, Col: 0, Text: cells[i].Text}, {Row: i / 2, Col: 1, Text: cells[i+1].Text}})
		}
		return out, originOf(out, cells), true
	}
	if w < 2 || w == len(cells) || (len(cells)-w)%w != 0 {
		return t, nil, false
	}
	heads := cells[:w]
	wordHead := r.typeOf(heads[0].Text).kind != kindPeriod
	periods := 0
	for _, h := range heads {
		if r.typeOf(h.Text).kind == kindPeriod {
			periods++
		}
	}
	if periods < 1 || !wordHead && periods != w {
		return t, nil, false
	}
	out := foiwire.Table{Index: t.Index, Context: t.Context, Truncated: t.Truncated, Part: t.Part}
	from := map[[2]int]int{}
	line := func(cs []foiwire.Cell, row int) []foiwire.Cell {
		res := make([]foiwire.Cell, len(cs))
		for c, x := range cs {
			res[c] = foiwire.Cell{Row: row, Col: c, Text: x.Text}
			from[[2]int{row, c}] = x.Row
		}
		return res
	}
	out.Rows = append(out.Rows, line(heads, 0))
	for i, start := 1, w; start < len(cells); i, start = i+1, start+w {
		row := cells[start : start+w]
		for c, x := range row {
			k := r.typeOf(x.Text).kind
			if c == 0 && wordHead {
				if k == kindCount {
					return t, nil, false
				}
			} else if k != kindCount {
				return t, nil, false
			}
		}
		out.Rows = append(out.Rows, line(row, i))
	}
	if !wordHead {
		// Periods then values: one row, read with the periods down the side.
		if len(out.Rows) != 2 {
			return t, nil, false
		}
		tr := foiwire.Table{Index: t.Index, Context: t.Context, Truncated: t.Truncated, Part: t.Part}
		back := map[[2]int]int{}
		for c := range w {
			tr.Rows = append(tr.Rows, []foiwire.Cell{
				{Row: c, Col: 0, Text: heads[c].Text},
				{Row: c, Col: 1, Text: out.Rows[1][c].Text},
			})
			back[[2]int{c, 0}] = from[[2]int{0, c}]
			back[[2]int{c, 1}] = from[[2]int{1, c}]
		}
		return tr, back, true
	}
	return out, from, true
}

// originOf maps the cells of a grid built from cells, in order, back to
// their rows in the block.
func originOf(g foiwire.Table, cells []foiwire.Cell) map[[2]int]int {
	out := map[[2]int]int{}
	i := 0
	for _, row := range g.Rows {
		for _, c := range row {
			out[[2]int{c.Row, c.Col}] = cells[i].Row
			i++
		}
	}
	return out
}
