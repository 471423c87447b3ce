package dataset

import (
	"fmt"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/taxonomy"
)

// shortPiece is a part of a continued table printed with fewer columns
// than its headings: the layout dropped its empty cells, so which column
// each of its numbers sits in is lost.
type shortPiece struct {
	t    foiwire.Table
	prev *layout
}

// isShort reports whether t continues prev's table with its empty cells
// gone: narrower than the headings, and no narrower heading fits it.
func (r *reader) isShort(t foiwire.Table, prev *layout) bool {
	rows := nonEmptyRows(t)
	return prev != nil && prev.periodCols() > 0 && t.Width() < prev.width && t.Width() > 1 && prev.headFor(t.Width()) == nil &&
		len(rows) > 0 && !isHeaderRow(t.Rows[rows[0]], r.popt)
}

// maxPlacements bounds the search for where a short piece's numbers go;
// maxSolutions the fitting placements it collects.
const (
	maxPlacements = 200000
	maxSolutions  = 20
)

// placeByTotals puts the numbers of a short piece back in their columns
// using the stated totals of the table it belongs to: the total row's
// figure for each column, less the figures already read in that column,
// is what the piece's rows must add to there. When a closing Total column
// exists, each row's last number is its row total. It fails when no
// placement fits (or too many do); where several fit, the first is given
// as a best guess naming the other columns. Every figure it gives is for
// review, saying how it was placed.
func (r *reader) placeByTotals(p shortPiece, figs []foiwire.Figure, group map[int]int) ([]foiwire.Figure, bool) {
	head := p.prev.head
	g := p.prev.group
	last := len(head) - 1
	hasTotal := last > 0 && taxonomy.IsTotalLabel(head[last])
	var valueCols []int
	for c := 1; c < len(head); c++ {
		if !(hasTotal && c == last) && head[c] != "" {
			valueCols = append(valueCols, c)
		}
	}
	// What each column still lacks, from its stated total.
	need := map[int]int64{}
	haveTotal := map[int]bool{}
	for _, f := range figs {
		gi, ok := group[f.Source.Table]
		if !ok || gi != g {
			continue
		}
		v, _ := f.Int()
		if f.IsTotal && taxonomy.IsTotalLabel(firstWords(f.Label)) {
			need[f.Source.Col] += v
			haveTotal[f.Source.Col] = true
		} else if !f.IsTotal || hasTotal && f.Source.Col == last {
			need[f.Source.Col] -= v
		}
	}
	for _, c := range valueCols {
		if !haveTotal[c] {
			return nil, false
		}
	}
	// The piece's rows: words, and the numbers in order.
	type shortRow struct {
		idx   int
		cells []foiwire.Cell
	}
	var rows []shortRow
	prefix := ""
	if lastLine(p.t.Context) != p.prev.ctxLine {
		prefix = wrappedStart(p.t.Context)
	}
	for _, ri := range nonEmptyRows(p.t) {
		var nums []foiwire.Cell
		for _, c := range p.t.Rows[ri][1:] {
			if readCell(c.Text).isCount() {
				nums = append(nums, c)
			}
		}
		if len(nums) == 0 {
			return nil, false
		}
		if hasTotal {
			var sum int64
			for _, c := range nums[:len(nums)-1] {
				v := readCell(c.Text)
				sum += v.n
			}
			if len(nums) > 1 && sum != readCell(nums[len(nums)-1].Text).n {
				return nil, false
			}
			need[last] -= readCell(nums[len(nums)-1].Text).n
			nums = nums[:len(nums)-1]
		}
		rows = append(rows, shortRow{ri, nums})
	}
	if hasTotal && haveTotal[last] && need[last] != 0 {
		return nil, false
	}
	// Search every way to place each row's numbers, in order, in the value
	// columns, for those that use up exactly what each column lacks.
	var found [][]int
	choice := make([][]int, len(rows))
	tries := 0
	var place func(i int)
	place = func(i int) {
		if len(found) >= maxSolutions || tries > maxPlacements {
			return
		}
		tries++
		if i == len(rows) {
			for _, c := range valueCols {
				if need[c] != 0 {
					return
				}
			}
			var flat []int
			for _, ch := range choice {
				flat = append(flat, ch...)
			}
			found = append(found, flat)
			return
		}
		k := len(rows[i].cells)
		var pick func(from, j int, cols []int)
		pick = func(from, j int, cols []int) {
			if j == k {
				choice[i] = append([]int(nil), cols...)
				place(i + 1)
				return
			}
			for x := from; x <= len(valueCols)-(k-j); x++ {
				c := valueCols[x]
				v := readCell(rows[i].cells[j].Text).n
				if need[c] < v {
					continue
				}
				need[c] -= v
				pick(x+1, j+1, append(cols, c))
				need[c] += v
			}
		}
		pick(0, 0, nil)
	}
	place(0)
	if len(found) == 0 || len(found) == maxSolutions {
		return nil, false
	}
	// Where the placements disagree about a number, the first is a best
	// guess and the others are named.
	others := make([]map[int]bool, len(found[0]))
	for i := range others {
		others[i] = map[int]bool{}
		for _, sol := range found[1:] {
			if sol[i] != found[0][i] {
				others[i][sol[i]] = true
			}
		}
	}
	doubt := map[[2]int]string{} // row, column -> the other columns

	// Rebuild the piece at full width and read it under the headings.
	t := foiwire.Table{Index: p.t.Index, Context: p.t.Context, Part: p.t.Part, Truncated: p.t.Truncated}
	at := 0
	var idx []int
	for n, sr := range rows {
		cells := make([]foiwire.Cell, len(head))
		for c := range cells {
			cells[c] = foiwire.Cell{Row: p.t.Rows[sr.idx][0].Row, Col: c}
		}
		cells[0].Text = p.t.Rows[sr.idx][0].Text
		for j := range sr.cells {
			c := found[0][at]
			if len(others[at]) > 0 {
				var alt []string
				for _, oc := range valueCols {
					if others[at][oc] {
						alt = append(alt, head[oc])
					}
				}
				doubt[[2]int{cells[0].Row, c}] = strings.Join(alt, " or ")
			}
			at++
			cells[c].Text = sr.cells[j].Text
		}
		if hasTotal {
			nums := 0
			for _, c := range p.t.Rows[sr.idx][1:] {
				if readCell(c.Text).isCount() {
					nums++
					if nums == len(sr.cells)+1 {
						cells[last].Text = c.Text
					}
				}
			}
		}
		t.Rows = append(t.Rows, cells)
		idx = append(idx, n)
	}
	lay := &layout{table: t.Index, group: g, width: len(head), head: head, prefix: prefix, measure: p.prev.measure, series: p.prev.series,
		from: fmt.Sprintf("the headings of table %d, which this table continues", p.prev.table)}
	rd := r.readAs(t, idx, lay)
	for i := range rd.figs {
		f := &rd.figs[i]
		if alt, ok := doubt[[2]int{f.Source.Row, f.Source.Col}]; ok {
			review(f, fmt.Sprintf("the row's empty cells were lost in the reply's layout; the stated totals allow this number here or under %s: a best guess", alt))
			continue
		}
		review(f, "the row's empty cells were lost in the reply's layout; its numbers were placed in the only columns where the stated totals add up")
	}
	return rd.figs, len(rd.figs) > 0
}

// firstWords is a label without the period heading after it.
func firstWords(label string) string {
	for _, w := range []string{"grand total", "overall total", "total"} {
		if strings.HasPrefix(strings.ToLower(label), w) {
			return label[:len(w)]
		}
	}
	return label
}

// continuedReason starts the reason given to figures of a table read under
// the headings of the table it continues.
const continuedReason = "column headings taken from the headings of table "

// confirmContinued clears for use the figures of a continued table whose
// only doubt was the headings it took, when a stated total of their column
// adds up exactly over all the pieces: the sums could not agree if the
// pieces' columns did not line up.
func confirmContinued(figs []foiwire.Figure, group map[int]int) {
	for i, parts := range totalParts(figs, group) {
		tv, _ := figs[i].Int()
		var sum int64
		ok := len(parts) > 1
		for _, j := range parts {
			v, has := figs[j].Int()
			ok = ok && has
			sum += v
		}
		if !ok || sum != tv {
			continue
		}
		for _, j := range append(parts, i) {
			f := &figs[j]
			if f.Confidence == foiwire.ConfidenceReview && strings.HasPrefix(f.Reason, continuedReason) && !strings.Contains(f.Reason, ";") {
				f.Confidence, f.Reason = foiwire.ConfidenceHigh, ""
			}
		}
	}
}
