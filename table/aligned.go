package table

import (
	"slices"
	"strings"

	"github.com/foiwire/foiwire"
)

// maxAlignedLine is the longest line, in bytes, taken for a table row: a
// wider line is prose, and reading it column by column costs memory.
const maxAlignedLine = 4096

// An alignedTable is a table found among lines of prose: first is its
// first line's index, n how many lines it takes.
type alignedTable struct {
	first, n int
	rows     [][]string
	kind     foiwire.TableKind // KindAligned for space-aligned text; KindGrid for tab-separated
	ends     []int             // where each column ends on the line, in runes
}

// findAligned finds the tables laid out in columns among lines: runs of
// two or more lines split by tabs, or split by runs of two or more spaces
// into pieces that line up. Pieces line up when every line's pieces fall
// into different columns, a column being where the pieces of all the
// lines overlap; so a right-aligned column of numbers lines up with a
// wider heading above it, while prose whose double spaces fall in
// different places does not. A single line is never a table.
func findAligned(lines []string) []alignedTable {
	var out []alignedTable
	var cur *alignedBlock
	end := func() {
		if cur != nil {
			cur.trimWrapped()
		}
		if cur != nil && cur.rows() >= 2 {
			out = append(out, cur.table())
		}
		cur = nil
	}
	for i, line := range lines {
		if len(line) > maxAlignedLine {
			end()
			continue
		}
		tabbed := strings.Contains(strings.TrimSpace(line), "\t")
		var segs []segment
		if tabbed {
			segs = tabSegments(line)
		} else {
			segs = spaceSegments(line)
		}
		filled := 0
		for _, s := range segs {
			if s.text != "" {
				filled++
			}
		}
		if filled == 1 && cur != nil && cur.wrapped(segs) {
			continue
		}
		if filled < 2 {
			end()
			continue
		}
		if cur != nil && cur.tabbed == tabbed && cur.add(segs) {
			continue
		}
		// A label set too close to the first number ("Victim NOT 20")
		// runs into its column; split the number off and try again.
		if cur != nil && !tabbed {
			if split := splitTrailingNumber(segs); len(split) > len(segs) && cur.add(split) {
				continue
			}
		}
		end()
		cur = &alignedBlock{first: i, tabbed: tabbed}
		cur.add(segs)
	}
	end()
	return joinAligned(lines, out)
}

// joinAligned joins tables that continue one another: the second starts
// at most two blank lines after the first ends (a page break, a gap
// between groups of rows), has as many columns once columns split by
// uneven setting are merged, and starts with a row of figures rather
// than a header.
func joinAligned(lines []string, tables []alignedTable) []alignedTable {
	for i := range tables {
		tables[i].mergeSplitColumns()
	}
	var out []alignedTable
	for _, t := range tables {
		if n := len(out); n > 0 && t.kind == foiwire.KindAligned && out[n-1].kind == t.kind {
			prev := &out[n-1]
			// Between them: blank lines, and at most three lines of a
			// label wrapped onto the new page, which join its first row.
			var wrapped []string
			ok := t.first-(prev.first+prev.n) <= 12
			for k := prev.first + prev.n; ok && k < t.first; k++ {
				if s := strings.TrimSpace(lines[k]); s != "" {
					wrapped = append(wrapped, s)
					ok = len(wrapped) <= maxWrapped && !isNumberLike(s) && len(s) <= 80 && !strings.Contains(s, "   ") && !namesPeriods(s)
				}
			}
			if ok && len(t.rows) > 0 && continues(t.rows[0]) && (len(t.ends) <= len(prev.ends) || t.mergeTo(len(prev.ends))) {
				if rows, fits := remap(t, prev.ends); fits {
					if len(wrapped) > 0 {
						rows[0][0] = strings.TrimSpace(strings.Join(wrapped, " ") + " " + rows[0][0])
					}
					prev.rows = append(prev.rows, rows...)
					prev.n = t.first + t.n - prev.first
					continue
				}
			}
		}
		out = append(out, t)
	}
	return out
}

// continues reports whether a row can carry on a table rather than head
// a new one: it holds a figure that is not a year.
func continues(row []string) bool {
	for _, c := range row {
		if c != "" && isNumberLike(c) && !isYearToken(c) {
			return true
		}
	}
	return false
}

// remap lays a continued table's rows on the columns of the table it
// continues: in order when they have as many, else each of its columns to
// one of the earlier table's, in order, as near its end as can be.
// fits is false when it has more columns.
func remap(t alignedTable, ends []int) ([][]string, bool) {
	m, k := len(t.ends), len(ends)
	if m == 0 || k == 0 || m > k {
		return nil, false
	}
	to := make([]int, m)
	if m == k {
		for j := range to {
			to[j] = j
		}
	} else {
		// cost[j][c]: the least distance placing columns j.. from c on.
		const inf = 1 << 30
		cost := make([][]int, m+1)
		for j := range cost {
			cost[j] = make([]int, k+1)
			for c := range cost[j] {
				if j < m {
					cost[j][c] = inf
				}
			}
		}
		for j := m - 1; j >= 0; j-- {
			for c := k - 1; c >= 0; c-- {
				best := cost[j][c+1] // skip column c
				if take := abs(t.ends[j]-ends[c]) + cost[j+1][c+1]; take < best && (j > 0 || c == 0) {
					best = take
				}
				cost[j][c] = best
			}
		}
		if cost[0][0] >= inf {
			return nil, false
		}
		c := 0
		for j := 0; j < m; j++ {
			for cost[j][c] == cost[j][c+1] && !(j == 0 && c == 0) {
				c++
			}
			to[j] = c
			c++
		}
	}
	rows := make([][]string, len(t.rows))
	for r, row := range t.rows {
		rows[r] = make([]string, k)
		for j, c := range row {
			if j < m {
				rows[r][to[j]] = c
			}
		}
	}
	return rows, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// hasFigure reports whether a row has a number-like cell after its first.
func hasFigure(row []string) bool {
	for _, c := range row[min(1, len(row)):] {
		if c != "" && isNumberLike(c) {
			return true
		}
	}
	return false
}

// mergeSplitColumns merges neighbouring columns that uneven setting split
// in two: the table has a header row, one of the two has no header, no
// row fills both, and every cell in them is a number or a mark.
func (t *alignedTable) mergeSplitColumns() {
	if len(t.rows) < 2 || !headerRow(t.rows[0]) {
		return
	}
	for {
		c := t.splitPair(1, func(c int) bool { return t.rows[0][c] == "" || t.rows[0][c+1] == "" })
		if c < 0 {
			return
		}
		t.mergeColumns(c)
	}
}

// mergeTo merges split columns, nearest first, until the table is width
// columns wide; it reports whether it got there.
func (t *alignedTable) mergeTo(width int) bool {
	for len(t.ends) > width {
		c := t.splitPair(0, func(int) bool { return true })
		if c < 0 {
			return false
		}
		t.mergeColumns(c)
	}
	return len(t.ends) == width
}

// splitPair returns the value column c whose neighbour c+1 complements
// it (no row, from row from on, fills both; every cell a number or a
// mark) and which ok allows, choosing the pair whose ends are nearest;
// -1 when there is none.
func (t *alignedTable) splitPair(from int, ok func(c int) bool) int {
	best, gap := -1, 1<<30
	for c := 1; c+1 < len(t.ends); c++ {
		if !ok(c) {
			continue
		}
		fits := true
		for _, r := range t.rows[from:] {
			a, b := cellAt(r, c), cellAt(r, c+1)
			if a != "" && b != "" || a != "" && !isNumberLike(a) || b != "" && !isNumberLike(b) {
				fits = false
				break
			}
		}
		if g := t.ends[c+1] - t.ends[c]; fits && g < gap {
			best, gap = c, g
		}
	}
	return best
}

// mergeColumns merges column c+1 into column c.
func (t *alignedTable) mergeColumns(c int) {
	for r, row := range t.rows {
		if len(row) <= c+1 {
			continue
		}
		if row[c] == "" {
			row[c] = row[c+1]
		}
		t.rows[r] = append(row[:c+1], row[c+2:]...)
	}
	t.ends = append(t.ends[:c], t.ends[c+1:]...) // the merged column ends where the right one did
}

func cellAt(row []string, c int) string {
	if c < len(row) {
		return row[c]
	}
	return ""
}

// A segment is a piece of a line: its text and, for space-aligned lines,
// the rune columns it spans, [start, end).
type segment struct {
	start, end int
	text       string
}

// tabSegments splits a line at each tab. A tab is a cell boundary, so
// empty pieces are kept: they hold the places of empty cells. Field i
// spans [2i, 2i+1), so that neighbouring fields never touch and merge.
func tabSegments(line string) []segment {
	fields := strings.Split(strings.TrimRight(line, " \t"), "\t")
	segs := make([]segment, len(fields))
	for i, f := range fields {
		segs[i] = segment{start: 2 * i, end: 2*i + 1, text: cleanCell(f)}
	}
	return segs
}

// spaceSegments splits a line at runs of two or more spaces.
func spaceSegments(line string) []segment {
	r := []rune(line)
	var segs []segment
	i := 0
	for i < len(r) {
		for i < len(r) && r[i] == ' ' {
			i++
		}
		if i == len(r) {
			break
		}
		start, end := i, i
		for i < len(r) {
			if r[i] != ' ' {
				i++
				end = i
				continue
			}
			j := i
			for j < len(r) && r[j] == ' ' {
				j++
			}
			if j-i >= 2 || j == len(r) {
				i = j
				break
			}
			i = j
		}
		segs = append(segs, segment{start: start, end: end, text: string(r[start:end])})
	}
	return segs
}

// An alignedBlock is a run of lines being gathered into a table, with the
// columns their pieces make so far.
type alignedBlock struct {
	first  int
	tabbed bool
	lines  [][]segment
	cols   []segment // spans only
	// labelOnly marks the lines that hold only a piece of a label cell
	// wrapped over several lines: they join a row rather than make one.
	labelOnly []bool
}

// maxWrapped is the most lines in a row a wrapped label may take.
const maxWrapped = 8

// wrapped takes segs, one piece of text, as part of a wrapped label if it
// sits in the label column, left of every value column, with fewer than
// maxWrapped such lines before it; it reports whether it did.
func (b *alignedBlock) wrapped(segs []segment) bool {
	if b.tabbed || len(b.cols) < 2 {
		return false
	}
	var seg segment
	for _, sg := range segs {
		if sg.text != "" {
			seg = sg
		}
	}
	if seg.end > b.cols[1].start-1 || len([]rune(seg.text)) > 80 || isNumberLike(seg.text) {
		return false
	}
	if namesPeriods(seg.text) {
		return false // a header of periods starts a new table
	}
	run := 0
	for i := len(b.labelOnly) - 1; i >= 0 && b.labelOnly[i]; i-- {
		run++
	}
	if run >= maxWrapped {
		return false
	}
	b.lines = append(b.lines, segs)
	b.labelOnly = append(b.labelOnly, true)
	return true
}

// rows counts the block's lines that make rows.
func (b *alignedBlock) rows() int {
	n := 0
	for i := range b.lines {
		if !b.labelOnly[i] {
			n++
		}
	}
	return n
}

// centred reports whether the block's wrapped labels sit around their
// values (a row with values but no label between two label pieces), as
// tables with cells centred vertically print.
func (b *alignedBlock) centred() bool {
	for i := 1; i+1 < len(b.lines); i++ {
		if !b.labelOnly[i] && b.labelOnly[i-1] && b.labelOnly[i+1] && b.lines[i][0].start >= b.cols[1].start-1 {
			return true
		}
	}
	return false
}

// trimWrapped drops label pieces after the last row, unless the block is
// centred, when one may belong to it; the dropped lines are prose.
func (b *alignedBlock) trimWrapped() {
	keep := 0
	if b.centred() {
		// One piece below may finish the last row's label, when that row
		// has values but no label of its own.
		for i := len(b.lines) - 1; i >= 0; i-- {
			if !b.labelOnly[i] {
				if b.lines[i][0].start >= b.cols[1].start-1 {
					keep = 1
				}
				break
			}
		}
	}
	n := len(b.lines)
	trailing := 0
	for n-trailing-1 >= 0 && b.labelOnly[n-trailing-1] {
		trailing++
	}
	if trailing > keep {
		cut := n - (trailing - keep)
		b.lines, b.labelOnly = b.lines[:cut], b.labelOnly[:cut]
	}
}

// add takes segs as the block's next line if its pieces and all the
// earlier lines' still fall into different columns once its spans are
// merged in; it reports whether it did.
func (b *alignedBlock) add(segs []segment) bool {
	cols := mergeSpans(b.cols, segs)
	if !distinctColumns(cols, segs) {
		return false
	}
	if joinsColumns(b.cols, cols) {
		for _, line := range b.lines {
			if !distinctColumns(cols, line) {
				return false
			}
		}
	}
	b.cols = cols
	b.lines = append(b.lines, segs)
	b.labelOnly = append(b.labelOnly, false)
	return true
}

// joinsColumns reports whether two of the old columns fall into one new
// one, the only change that can make an earlier line's pieces clash.
func joinsColumns(old, cols []segment) bool {
	prev := -1
	for _, c := range old {
		i := column(cols, c)
		if i == prev {
			return true
		}
		prev = i
	}
	return false
}

// mergeSpans returns the union of cols and the spans of segs as sorted
// spans, joining spans that overlap or touch.
func mergeSpans(cols, segs []segment) []segment {
	all := make([]segment, 0, len(cols)+len(segs))
	all = append(all, cols...)
	for _, s := range segs {
		all = append(all, segment{start: s.start, end: s.end})
	}
	slices.SortFunc(all, func(a, b segment) int { return a.start - b.start })
	var out []segment
	for _, s := range all {
		if n := len(out); n > 0 && s.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// column returns the index of the span in cols holding s, or -1.
func column(cols []segment, s segment) int {
	i, _ := slices.BinarySearchFunc(cols, s.start, func(c segment, start int) int {
		if c.end <= start {
			return -1
		}
		if c.start > start {
			return 1
		}
		return 0
	})
	if i < len(cols) && cols[i].start <= s.start && s.end <= cols[i].end {
		return i
	}
	return -1
}

// distinctColumns reports whether each filled piece of a line falls in a
// different column.
func distinctColumns(cols, segs []segment) bool {
	seen := map[int]bool{}
	for _, s := range segs {
		c := column(cols, s)
		if c < 0 || (s.text != "" && seen[c]) {
			return false
		}
		if s.text != "" {
			seen[c] = true
		}
	}
	return true
}

// table lays the block's lines out on its columns.
func (b *alignedBlock) table() alignedTable {
	var rows [][]string
	centred := b.centred()
	pending := []string{} // label pieces waiting for their row
	below := 0            // label pieces the last row still takes from below
	for i, line := range b.lines {
		if b.labelOnly[i] {
			text := strings.TrimSpace(line[len(line)-1].text)
			for _, s := range line {
				if s.text != "" {
					text = s.text
				}
			}
			if centred && below > 0 && len(rows) > 0 {
				rows[len(rows)-1][0] = strings.TrimSpace(rows[len(rows)-1][0] + " " + text)
				below--
				continue
			}
			pending = append(pending, text)
			continue
		}
		row := make([]string, len(b.cols))
		for _, s := range line {
			if c := column(b.cols, s); c >= 0 {
				row[c] = s.text
			}
		}
		if len(pending) > 0 {
			row[0] = strings.TrimSpace(strings.Join(pending, " ") + " " + row[0])
		}
		// A centred cell has as many pieces below its values as above.
		below = len(pending)
		if centred && below == 0 && row[0] == "" {
			below = 1
		}
		pending = pending[:0]
		rows = append(rows, row)
	}
	if len(pending) > 0 && len(rows) > 0 {
		rows[len(rows)-1][0] = strings.TrimSpace(rows[len(rows)-1][0] + " " + strings.Join(pending, " "))
	}
	kind := foiwire.KindAligned
	if b.tabbed {
		kind = foiwire.KindGrid
	}
	ends := make([]int, len(b.cols))
	for i, c := range b.cols {
		ends[i] = c.end
	}
	if !b.tabbed {
		rows, ends = replaceStrays(rows, ends)
	}
	return alignedTable{first: b.first, n: len(b.lines), rows: rows, kind: kind, ends: ends}
}

// splitTrailingNumber splits the first piece of a line when it ends in a
// number after a single space: "Victim NOT 20" is "Victim NOT" and "20".
// It returns segs unchanged when that piece does not end so.
func splitTrailingNumber(segs []segment) []segment {
	if len(segs) == 0 {
		return segs
	}
	first := segs[0]
	i := strings.LastIndexByte(first.text, ' ')
	if i <= 0 || !isNumberLike(first.text[i+1:]) || isNumberLike(first.text[:i]) {
		return segs
	}
	head := []rune(first.text[:i])
	tail := first.text[i+1:]
	out := []segment{
		{start: first.start, end: first.start + len(head), text: string(head)},
		{start: first.end - len([]rune(tail)), end: first.end, text: tail},
	}
	return append(out, segs[1:]...)
}

// headerRow reports whether a row names columns: its cells after the
// first are words or years, none a figure.
func headerRow(row []string) bool {
	named := false
	for _, c := range row[min(1, len(row)):] {
		if c == "" {
			continue
		}
		if isNumberLike(c) && !isYearToken(c) {
			return false
		}
		named = true
	}
	return named
}

// replaceStrays puts back rows that the layout set out of line: when a
// few rows alone fill some columns, each such row with as many figures
// as the table's main value columns has them placed in order there.
// Columns left empty are dropped. It returns rows and ends unchanged
// when there are no such rows.
func replaceStrays(rows [][]string, ends []int) ([][]string, []int) {
	if len(rows) < 4 || len(ends) < 3 {
		return rows, ends
	}
	filled := make([]int, len(ends))
	for _, r := range rows {
		for c, s := range r {
			if s != "" {
				filled[c]++
			}
		}
	}
	var main []int // value columns most rows use
	stray := map[int]bool{}
	for c := 1; c < len(ends); c++ {
		if filled[c]*5 >= len(rows) {
			main = append(main, c)
		} else if filled[c] > 0 {
			stray[c] = true
		}
	}
	if len(stray) == 0 || len(main) == 0 {
		return rows, ends
	}
	moved := false
	for _, r := range rows {
		var vals []string
		odd := false
		for c := 1; c < len(r); c++ {
			if r[c] != "" {
				vals = append(vals, r[c])
				odd = odd || stray[c]
			}
		}
		if !odd || len(vals) != len(main) {
			continue
		}
		for c := 1; c < len(r); c++ {
			r[c] = ""
		}
		for i, c := range main {
			r[c] = vals[i]
		}
		moved = true
	}
	if !moved {
		return rows, ends
	}
	keep := []int{0}
	for c := 1; c < len(ends); c++ {
		for _, r := range rows {
			if c < len(r) && r[c] != "" {
				keep = append(keep, c)
				break
			}
		}
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range keep {
			out[i] = append(out[i], cellAt(r, c))
		}
	}
	newEnds := make([]int, len(keep))
	for i, c := range keep {
		newEnds[i] = ends[c]
	}
	return out, newEnds
}

// namesPeriods reports whether s holds two or more years: a header.
func namesPeriods(s string) bool {
	years := 0
	for _, tok := range strings.Fields(s) {
		if isYearToken(tok) {
			years++
		}
	}
	return years >= 2
}
