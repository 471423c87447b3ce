package dataset

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
	"github.com/foiwire/foiwire/taxonomy"
)

// reader holds what is known of one document while its tables are read.
type reader struct {
	authority string
	sure      bool // the authority was named, not guessed
	from      string
	campaign  *foiwire.Campaign
	popt      period.Options
	// fyEvidence is where the reply speaks of financial years ("2019/20",
	// "financial year"), which makes a column headed by a bare year
	// ("2019") ambiguous: January or April.
	fyEvidence string
	// latestFY is the end of the latest financial year the reply names
	// (zero when none): a bare-year column running past it is a part year.
	latestFY  foiwire.Date
	doc, file string
	// offences and outcomes remember taxonomy matches by label.
	offences, outcomes map[string]matched
	text               string
}

// rowKind is what the label of a table row is.
type rowKind int

const (
	rowOther rowKind = iota
	rowPeriod
	rowTotal
)

type row struct {
	idx    int // index into Table.Rows
	label  string
	lcol   int
	kind   rowKind
	period period.Parsed
}

// figures reads one table into figures, with no help from the tables
// around it. A table with no counts gives none.
func (r *reader) figures(t foiwire.Table) []foiwire.Figure {
	figs, _ := r.figuresIn(t, nil)
	checkTotals(figs, nil)
	return figs
}

// figuresIn reads one table into figures. prev is the layout of the table
// before it in the same document, whose headings a table continued over a
// page break takes. It returns the table's own layout.
func (r *reader) figuresIn(t foiwire.Table, prev *layout) ([]foiwire.Figure, *layout) {
	if grid, origin, ok := r.unflatten(t); ok {
		// Cells flattened one per line: read as the grid they were, each
		// figure pointing at the line that printed it.
		figs, lay := r.figuresIn(grid, prev)
		for i := range figs {
			if row, ok := origin[[2]int{figs[i].Source.Row, figs[i].Source.Col}]; ok {
				figs[i].Source.Row = row
			}
		}
		return figs, lay
	}
	if grid, ok := r.labelLeft(t); ok {
		// Periods in the last column, counts before them: read with the
		// periods as the row labels they are.
		return r.figuresIn(grid, prev)
	}
	if grid, ok := r.seriesGroups(t); ok {
		return r.figuresIn(grid, prev)
	}
	if grid, ok := r.splitSentences(t); ok {
		return r.figuresIn(grid, nil)
	}
	if split, series, ok := splitLines(t); ok {
		// A run of prose lines: read as words and counts, one per line.
		figs, lay := r.figuresIn(split, nil)
		seriesOf := map[int]string{}
		distinct := map[string]bool{}
		for i, rw := range split.Rows {
			seriesOf[rw[0].Row] = series[i]
			distinct[series[i]] = true
		}
		for i := range figs {
			if len(distinct) > 1 {
				figs[i].Series = seriesOf[figs[i].Source.Row]
			}
		}
		return figs, lay
	}
	rows := nonEmptyRows(t)
	if len(rows) < 2 && !(len(rows) == 1 && (t.Truncated || prev != nil)) {
		return nil, nil
	}
	cands := r.candidates(t, rows, prev)
	var best, second *reading
	for _, c := range cands {
		rd := r.readAs(t, c.rows, c.lay)
		rd.score = scoreReading(rd.figs, countCells(t, c.rows))
		switch {
		case best == nil || rd.score > best.score:
			best, second = rd, best
		case second == nil || rd.score > second.score:
			second = rd
		}
	}
	if best == nil || len(best.figs) == 0 {
		return nil, nil
	}
	best.lay.ctxLine = lastLine(t.Context)
	if second != nil && len(second.figs) > 0 && best.score-second.score < closeMargin && !sameFigures(best.figs, second.figs) {
		why := fmt.Sprintf("two readings of table %d score alike (%.2f with %s; %.2f with %s); the other reads %s",
			t.Index, best.score, best.lay.describe(), second.score, second.lay.describe(), sampleFigure(second.figs))
		for i := range best.figs {
			review(&best.figs[i], why)
		}
	}
	return best.figs, best.lay
}

// reading is one candidate reading of a table and its score.
type reading struct {
	lay   *layout
	figs  []foiwire.Figure
	score float64
}

// candidate is a way to lay a table out: which of its rows are data, and
// where its headings come from.
type candidate struct {
	rows []int
	lay  *layout
}

// closeMargin is how near in score the runner-up reading of a table must
// come for the best one to go to review.
const closeMargin = 0.05

// candidates lists the layouts a table may have: one or two rows of its
// own headings (a two-level header), a line of headings just above it, the
// headings of the table it continues over a page break, or none.
func (r *reader) candidates(t foiwire.Table, rows []int, prev *layout) []candidate {
	width := t.Width()
	var out []candidate
	for k := 1; k <= 2 && k < len(rows)+1; k++ {
		if !isHeaderRow(t.Rows[rows[k-1]], r.popt) || k == len(rows) {
			break
		}
		lay := &layout{table: t.Index, group: t.Index, width: width, own: true, headRows: k}
		lay.head = mergeHeadings(t, rows[:k], width)
		if k == 2 && r.seriesOverPeriods(t, rows[0], rows[1], width) {
			// One series named over every period: the periods head the columns.
			lay.head = mergeHeadings(t, rows[1:2], width)
		}
		if k == 1 {
			groupHeadings(lay.head, t.Context)
		}
		out = append(out, candidate{rows[k:], lay})
	}
	if h := r.contextHeader(t.Context, width); h != nil {
		out = append(out, candidate{rows, &layout{table: t.Index, group: t.Index, width: width, head: h, fromContext: true}})
	}
	if head := prev.headFor(width); head != nil {
		group := prev.group
		if prev.width != width {
			// Columns numbered differently: totals are checked table by table.
			group = t.Index
		}
		lay := &layout{table: t.Index, group: group, width: width, head: head, cont: prev.table, measure: prev.measure, series: prev.series,
			from: fmt.Sprintf("the headings of table %d, which this table continues", prev.table)}
		// The words above belong to this table's first row only when they
		// are not the words above the table before (no text between them).
		if lastLine(t.Context) != prev.ctxLine {
			lay.prefix = wrappedStart(t.Context)
		}
		out = append(out, candidate{rows, lay})
	}
	if len(out) == 0 || !isHeaderRow(t.Rows[rows[0]], r.popt) {
		out = append(out, candidate{rows, &layout{table: t.Index, group: t.Index, width: width}})
	}
	return out
}

// mergeHeadings joins a table's heading rows into one heading per column.
// A heading of the upper row stands over the empty cells to its right, as a
// merged cell does ("Odour" over "Domestic" and "Commercial").
func mergeHeadings(t foiwire.Table, rows []int, width int) []string {
	head := make([]string, width)
	for i, ri := range rows {
		carry := ""
		for c := range width {
			h := cleanLabel(t.At(ri, c))
			if i < len(rows)-1 && c > 0 {
				switch {
				case h != "":
					carry = h
				case !taxonomy.IsTotalLabel(t.At(rows[len(rows)-1], c)):
					h = carry
				}
			}
			switch {
			case h == "":
			case head[c] == "":
				head[c] = h
			default:
				head[c] += " " + h
			}
		}
	}
	return head
}

// groupHeadings puts a group heading that a flattened reply printed once
// per column on the line above the table ("Odour - Odour - Odour -" over
// "Domestic", "Commercial" and "Agricultural") in front of each heading it
// stands over: the columns after the first that are not totals, when there
// are as many of them as repeats. It changes nothing otherwise.
func groupHeadings(head []string, context string) {
	var cols []int
	for c := 1; c < len(head); c++ {
		if head[c] != "" && !taxonomy.IsTotalLabel(head[c]) {
			cols = append(cols, c)
		}
	}
	n := len(cols)
	if n < 2 {
		return
	}
	words := strings.Fields(context)
	for size := 1; size <= 4 && n*size <= len(words); size++ {
		tail := words[len(words)-n*size:]
		chunk := strings.Join(tail[:size], " ")
		same := true
		for i := 1; i < n && same; i++ {
			same = strings.Join(tail[i*size:(i+1)*size], " ") == chunk
		}
		// A group heading is words, not figures or periods repeated.
		more := len(words) >= (n+1)*size && strings.Join(words[len(words)-(n+1)*size:len(words)-n*size], " ") == chunk
		if !same || more || !strings.ContainsFunc(chunk, unicode.IsLetter) {
			continue
		}
		for _, c := range cols {
			head[c] = chunk + " " + head[c]
		}
		return
	}
}

// describe says in words where a layout's headings came from.
func (l *layout) describe() string {
	switch {
	case l.headRows == 1:
		return "the first row as headings"
	case l.headRows > 1:
		return fmt.Sprintf("the first %d rows as headings", l.headRows)
	case l.fromContext:
		return "the line above the table as headings"
	case l.from != "":
		return l.from
	}
	return "no headings"
}

// countCells counts the cells of the given rows that read as counts: what
// a reading of the table should explain.
func countCells(t foiwire.Table, rows []int) int {
	n := 0
	for _, ri := range rows {
		for _, c := range t.Rows[ri] {
			if readCell(c.Text).isCount() {
				n++
			}
		}
	}
	return n
}

// scoreReading scores a candidate reading: the share of the table's counts
// it explains with a period, less the share of its figures that clash with
// another of its figures (same period and label, a different value), plus
// a little for stated totals that add up and for wording that matches the
// offence or outcome lists, and less for totals that do not add up.
func scoreReading(figs []foiwire.Figure, cells int) float64 {
	if len(figs) == 0 || cells == 0 {
		return 0
	}
	dated := 0
	type key struct {
		p     foiwire.Period
		label string
	}
	seen := map[key]int64{}
	clash := 0
	var cat float64
	cats := 0
	for _, f := range figs {
		if !f.Period.IsZero() {
			dated++
		}
		v, _ := f.Int()
		k := key{f.Period, strings.ToLower(f.Label)}
		if w, ok := seen[k]; ok && w != v {
			clash++
		}
		seen[k] = v
		if f.Measure == foiwire.MeasureOffence || f.Measure == foiwire.MeasureOutcome {
			cats++
			if f.Category != "" {
				cat++
			}
		}
	}
	score := float64(dated)/float64(cells) - float64(clash)/float64(len(figs))
	if cats > 0 {
		score += 0.1 * cat / float64(cats)
	}
	good, bad := 0, 0
	for i, parts := range totalParts(figs, nil) {
		if len(parts) == 0 {
			continue
		}
		tv, _ := figs[i].Int()
		var sum int64
		for _, j := range parts {
			v, _ := figs[j].Int()
			sum += v
		}
		if sum == tv {
			good++
		} else {
			bad++
		}
	}
	if good+bad > 0 {
		score += 0.1 * float64(good-bad) / float64(good+bad)
	}
	return score
}

// sameFigures reports whether two readings say the same things.
func sameFigures(a, b []foiwire.Figure) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		va, _ := a[i].Int()
		vb, _ := b[i].Int()
		if va != vb || a[i].Period != b[i].Period || a[i].Label != b[i].Label || a[i].Measure != b[i].Measure {
			return false
		}
	}
	return true
}

// sampleFigure says what the first figure of a reading is, for a reason.
func sampleFigure(figs []foiwire.Figure) string {
	f := figs[0]
	v := string(f.Status)
	if n, ok := f.Int(); ok {
		v = fmt.Sprint(n)
	}
	return fmt.Sprintf("%q for %s as %s", f.Label, f.Period, v)
}

// readAs reads a table's data rows under one layout.
func (r *reader) readAs(t foiwire.Table, rows []int, lay *layout) *reading {
	out := &reading{lay: lay}
	width := lay.width
	if len(rows) == 0 {
		return out
	}
	headText := func(c int) string {
		if c < 0 || c >= len(lay.head) {
			return ""
		}
		return lay.head[c]
	}
	// Value columns hold counts in most data rows; the label column is the
	// first column holding words.
	var valueCols []int
	labelCol := -1
	for c := 0; c < width; c++ {
		counts, words, periods := 0, 0, 0
		for _, ri := range rows {
			switch ty := r.typeOf(t.At(ri, c)); ty.kind {
			case kindEmpty, kindFootnote:
			case kindCount:
				counts++
			case kindPeriod:
				periods++
				// A bare number that reads as a year is a count in a column
				// of counts, and a row heading in a column of years.
				if readCell(t.At(ri, c)).isCount() {
					counts++
				} else {
					words++
				}
			default:
				words++
			}
		}
		// A column of years ("2023", "2023*") labels rows; it holds no counts.
		if periods > 0 && periods == counts+words {
			counts, words = 0, periods
		}
		switch {
		case counts > 0 && counts >= words && isRowNumbers(t, rows, c, headText(c)):
			// 1, 2, 3 … numbering the rows: not counts, and not words.
		case counts > 0 && counts >= words:
			valueCols = append(valueCols, c)
		case words > 0 && labelCol < 0:
			labelCol = c
		}
	}
	if len(valueCols) == 0 || labelCol < 0 {
		return out
	}
	// A label column right of the values is odd: the reader cannot say which
	// number belongs to which words.
	if labelCol > valueCols[0] {
		return out
	}
	var data []row
	for i, ri := range rows {
		lab := cleanLabel(t.At(ri, labelCol))
		if i == 0 && lay.prefix != "" && lab != "" {
			lab = lay.prefix + " " + lab
			lay.joined = ri
		} else if i == 0 {
			lay.prefix = ""
		}
		rw := row{idx: ri, label: lab, lcol: labelCol}
		if taxonomy.IsTotalLabel(lab) {
			rw.kind = rowTotal
			// "Total 2021/22 to 2023/24" says what it totals.
			if p, ok := totalPeriod(lab, r.popt); ok {
				rw.period = p
			}
		} else if p, err := period.Parse(lab, r.popt); err == nil {
			rw.kind, rw.period = rowPeriod, p
		}
		if lab == "" && !rowHasCount(t.Rows[ri]) {
			continue
		}
		data = append(data, rw)
	}
	// Columns headed by periods make a grid of categories by period.
	colPeriods := map[int]period.Parsed{}
	for _, c := range valueCols {
		if p, err := period.Parse(headText(c), r.popt); err == nil {
			colPeriods[c] = p
		}
	}
	lay.periods = len(colPeriods)
	periodRows, datedTotals := 0, 0
	for _, rw := range data {
		switch {
		case rw.kind == rowPeriod:
			periodRows++
		case rw.kind == rowTotal && !rw.period.IsZero():
			datedTotals++
		}
	}
	rowsArePeriods := periodRows > 0 && periodRows*2 >= len(data)-countKind(data, rowTotal) ||
		periodRows == 0 && datedTotals > 0 && datedTotals == len(data)
	q := r.question(t, lay.head)
	var figs []foiwire.Figure
	switch {
	case rowsArePeriods && len(valueCols) > 1 || rowsArePeriods && len(valueCols) == 1 && r.isCategoryHeader(headText(valueCols[0])):
		// Years down the side, categories across the top.
		// Headings that name no offence or outcome (reports, complaints,
		// places) are series of counts by period.
		measure, series := r.rowsMeasure(t, q, headText(labelCol), headersOf(valueCols, headText))
		for _, rw := range data {
			for _, c := range valueCols {
				total := rw.kind == rowTotal || taxonomy.IsTotalLabel(headText(c))
				f := len(figs)
				figs = r.add(figs, t, rw, c, measure, cellLabel(headText(c), rw.label, len(data) > 1), headText(c), rw.period, q, total)
				if len(figs) > f && series && !taxonomy.IsTotalLabel(headText(c)) {
					figs[f].Series = headText(c)
				}
			}
		}
	case len(colPeriods) > 0 && monthRows(data) && allYears(colPeriods):
		// Months down the side, years across the top: each cell is one
		// month of one year ("Jan" under "2018" is January 2018).
		for _, rw := range data {
			for _, c := range valueCols {
				y, ok := colPeriods[c]
				total := rw.kind == rowTotal || taxonomy.IsTotalLabel(headText(c))
				var p period.Parsed
				switch {
				case rw.kind == rowTotal && ok:
					p = y
				case ok:
					m, _ := monthOf(rw.label)
					start := foiwire.NewDate(y.Start.Year(), m, 1)
					end := foiwire.NewDate(y.Start.Year(), m+1, 1).AddDays(-1)
					p = period.Parsed{Period: foiwire.Period{Start: start, End: end}, Kind: period.KindMonth, Text: rw.label + " " + headText(c)}
				default:
					continue
				}
				figs = r.add(figs, t, rw, c, foiwire.MeasurePeriod, cellLabel(rw.label, headText(c), true), rw.label, p, q, total)
			}
		}
	case len(colPeriods) > 0:
		// Categories down the side, years across the top.
		var labels []string
		for _, rw := range data {
			labels = append(labels, rw.label)
		}
		measure, series := foiwire.MeasurePeriod, false
		switch {
		case lay.measure != "":
			// A continued table counts what the table it continues counts.
			measure, series = lay.measure, lay.series
		case !rowsArePeriods:
			measure, series = r.rowsMeasure(t, q, headText(labelCol), labels)
		}
		lay.measure, lay.series = measure, series
		bothWords := len(colPeriods) > 1 || len(r.headPeriods(lay.head)) > 1
		for _, rw := range data {
			for _, c := range valueCols {
				p, ok := colPeriods[c]
				if !ok {
					if !taxonomy.IsTotalLabel(headText(c)) {
						continue
					}
					p = r.headSpan(lay.head, colPeriods)
				}
				rowTotal := rw.kind == rowTotal
				f := len(figs)
				figs = r.add(figs, t, rw, c, measure, cellLabel(rw.label, headText(c), bothWords), rw.label, p, q, rowTotal || taxonomy.IsTotalLabel(headText(c)))
				if len(figs) > f && series && !rowTotal {
					figs[f].Series = rw.label
				}
			}
		}
	case rowsArePeriods:
		vc := valueCols[0]
		var span []period.Parsed
		for _, rw := range data {
			if rw.kind == rowPeriod {
				span = append(span, rw.period)
			}
		}
		for _, rw := range data {
			p := rw.period
			if rw.kind == rowTotal && p.IsZero() {
				p = spanOfList(span)
			}
			figs = r.add(figs, t, rw, vc, foiwire.MeasurePeriod, rw.label, rw.label, p, q, rw.kind == rowTotal)
		}
	default:
		var labels []string
		for _, rw := range data {
			labels = append(labels, rw.label)
		}
		measure := r.measureOf(t, q, headText(labelCol), labels)
		if q == nil && r.namesNeither(headText(labelCol), labels) {
			// Names, places or things that are neither offences nor
			// outcomes: a count of each, by period.
			measure = foiwire.MeasurePeriod
		}
		p, how := r.tablePeriod(t, q)
		onDay := false
		if p.IsZero() && how == "" && measure == foiwire.MeasurePeriod {
			if d, ok := partDate(t.Part); ok {
				onDay = true
				p = period.Parsed{Period: foiwire.Period{Start: d, End: d}, Kind: period.KindRange, Text: t.Part}
				how = "no period in the reply: read as a count on the day the message holding it was sent (" + d.String() + ")"
			}
		}
		prose := t.Kind == foiwire.KindLines || t.Kind == foiwire.KindSentences
		for _, rw := range data {
			rp, rhow, rday := p, how, onDay
			if prose {
				// A line of prose names its own period ("reports between
				// 08/11/23 and 07/11/24: 574").
				if own, ok := r.onePeriodIn(rw.label); ok {
					rp, rhow, rday = own, "", false
				}
			}
			for _, c := range valueCols {
				f := len(figs)
				figs = r.add(figs, t, rw, c, measure, rw.label, rw.label, rp, q, rw.kind == rowTotal)
				if len(figs) > f && rhow != "" && (rp.IsZero() || rday) {
					review(&figs[f], rhow)
				}
			}
		}
		if len(valueCols) > 1 {
			// Several number columns, none headed by a period: which is which is a guess.
			for i := range figs {
				review(&figs[i], "the table has more than one column of numbers and none is headed by a period")
			}
		}
	}
	for i := range figs {
		if lay.from != "" {
			review(&figs[i], "column headings taken from "+lay.from)
		}
		if lay.prefix != "" && figs[i].Source.Row == lay.joined {
			review(&figs[i], fmt.Sprintf("the row's words begin on the line above the table (%q)", lay.prefix))
		}
	}
	out.figs = figs
	return out
}

// onePeriodIn is the one period a label names, if it names exactly one
// that is not relative to the reply's date.
func (r *reader) onePeriodIn(label string) (period.Parsed, bool) {
	var got []period.Parsed
	for _, fp := range period.Find(label, r.popt) {
		if fp.Relative || fp.Period.IsZero() {
			continue
		}
		got = append(got, fp.Parsed)
	}
	if len(got) != 1 {
		return period.Parsed{}, false
	}
	return got[0], true
}

// partDateRE finds the date a part of a message thread was sent, as the
// table layer names it ("message 3 (2025-03-31)").
var partDateRE = regexp.MustCompile(`\((\d{4}-\d{2}-\d{2})\)$`)

// partDate is the date in a table's part name, if it has one.
func partDate(part string) (foiwire.Date, bool) {
	m := partDateRE.FindStringSubmatch(part)
	if m == nil {
		return foiwire.Date{}, false
	}
	d, err := foiwire.ParseDate(m[1])
	return d, err == nil
}

// namesNeither reports whether a table's row labels name no offence and no
// outcome, and its label column's heading names neither: surnames, wards,
// platforms.
func (r *reader) namesNeither(header string, labels []string) bool {
	if containsAny(strings.ToLower(header), "outcome", "offence", "crime", "result", "disposal", "action") {
		return false
	}
	n := 0
	for _, l := range sample(labels) {
		if taxonomy.IsTotalLabel(l) {
			continue
		}
		n++
		if m, ok := r.matchOffence(l); ok && m.Score > 0 {
			return false
		}
		if m, ok := r.matchOutcome(l); ok && m.Score > 0 {
			return false
		}
	}
	return n > 0
}

// layout is how one table was read: its column headings and where they
// came from, so the next table can continue it.
type layout struct {
	table, group int      // the table's index; the first table of those it continues
	width        int      // columns
	head         []string // a heading per column, "" where none
	own          bool     // the headings are the table's own first row
	from         string   // where headings not the table's own came from; "" for its own or a line just above
	headRows     int      // rows of the table's own headings: 0, 1 or 2
	ctxLine      string   // the last line of the text above the table
	// measure and series say what a table of categories by period counts,
	// and a table continuing it counts the same.
	measure     foiwire.Measure
	series      bool
	fromContext bool   // the headings are the line of text above the table
	cont        int    // the table whose headings a continued table took
	prefix      string // words of the first row's label printed on the line above the table
	joined      int    // the row the prefix was joined to
	periods     int    // value columns headed by a period
}

func (l *layout) periodCols() int { return l.periods }

// headFor returns l's headings for a table of the given width continuing
// it: the same headings when the widths agree, or, when the table before
// had a column with no heading at all (a gap the page layout put there),
// its headings without that column. It returns nil when they cannot fit.
func (l *layout) headFor(width int) []string {
	if l == nil || l.periodCols() == 0 {
		return nil
	}
	if l.width == width {
		return l.head
	}
	var compact []string
	for c, h := range l.head {
		if c == 0 || h != "" {
			compact = append(compact, h)
		}
	}
	if len(compact) == width && len(compact) < len(l.head) {
		return compact
	}
	return nil
}

// contextHeader reads the last line of the text above a table as its
// column headings when the table has none of its own: a line such as
// "Offence group 2019/20 2020/21 2021/22 Total" whose periods (and a
// closing total) number exactly the table's columns after the first.
// It returns nil when the line is not such a line.
func (r *reader) contextHeader(ctx string, width int) []string {
	line := lastLine(ctx)
	if line == "" || width < 3 {
		return nil
	}
	found := period.Find(line, r.popt)
	var heads []string
	first, end := -1, 0
	for _, f := range found {
		if f.Relative {
			continue
		}
		start := f.Offset
		if first < 0 {
			first = start
		} else if strings.TrimSpace(line[end:start]) != "" {
			return nil // words between the periods: not a row of headings
		}
		// "Financial Year 2019/20 2020/21": the heading is the period itself.
		h := f.Text
		if fs := strings.Fields(h); len(fs) > 1 {
			if p, err := period.Parse(fs[len(fs)-1], r.popt); err == nil && p.Period == f.Period {
				h = fs[len(fs)-1]
			}
		}
		heads = append(heads, h)
		end = start + len(f.Text)
	}
	if len(heads) < 2 {
		return nil
	}
	if rest := strings.TrimSpace(line[end:]); rest != "" {
		if !taxonomy.IsTotalLabel(rest) {
			return nil
		}
		heads = append(heads, rest)
	}
	if len(heads) != width-1 {
		return nil
	}
	lead := strings.TrimSpace(line[:first])
	if len(found) > 0 && found[0].Text != heads[0] {
		lead = strings.TrimSpace(line[:first+len(found[0].Text)-len(heads[0])])
	}
	return append([]string{cleanLabel(lead)}, heads...)
}

// wrappedStart returns the last line of the text above a continued table
// when it can be the start of the first row's words, carried over a line
// break: words only, with no number that could be a count or a period.
func wrappedStart(ctx string) string {
	line := cleanLabel(lastLine(ctx))
	if line == "" || len(line) > 80 {
		return ""
	}
	for _, w := range strings.Fields(line) {
		if readCell(w).isCount() {
			return ""
		}
	}
	return line
}

func lastLine(s string) string {
	s = strings.TrimRight(s, " \t\r\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// cellLabel is a cell's words: its row's words and its column's, when the
// other heading varies across the table ("Arson 2020/21"), else the
// category's words alone.
func cellLabel(category, periodHead string, both bool) string {
	if !both || periodHead == "" {
		return category
	}
	if category == "" {
		return periodHead
	}
	return category + " " + periodHead
}

// rowsMeasure decides what the rows of a table of rows by period are:
// offences or outcomes, or, when the rows name neither (hospitals, places,
// platforms), series of counts by period.
func (r *reader) rowsMeasure(t foiwire.Table, q *foiwire.Question, header string, labels []string) (foiwire.Measure, bool) {
	m := r.measureOf(t, q, header, labels)
	if q != nil && q.Measure != foiwire.MeasurePeriod {
		return m, false
	}
	low := strings.ToLower(header)
	if containsAny(low, "outcome", "offence", "crime", "result", "disposal") {
		return m, false
	}
	var n int
	var score float64
	for _, l := range sample(labels) {
		if taxonomy.IsTotalLabel(l) {
			continue
		}
		n++
		a, _ := r.matchOffence(l)
		b, _ := r.matchOutcome(l)
		score += max(a.Score, b.Score)
	}
	if n > 0 && score/float64(n) < 0.5 && header != "" {
		return foiwire.MeasurePeriod, true
	}
	return m, false
}

// add appends the figure in cell (rw, c) if that cell holds a count. label
// is the cell's words; category the words naming its offence or outcome.
func (r *reader) add(figs []foiwire.Figure, t foiwire.Table, rw row, c int, m foiwire.Measure, label, category string, p period.Parsed, q *foiwire.Question, total bool) []foiwire.Figure {
	if rw.idx >= len(t.Rows) || c >= len(t.Rows[rw.idx]) {
		return figs // cut off before this cell
	}
	raw := t.Rows[rw.idx][c]
	v := readCell(raw.Text)
	if !v.isCount() {
		return figs
	}
	f := foiwire.Figure{
		Authority:     r.authority,
		Measure:       m,
		Period:        p.Period,
		Label:         label,
		Status:        v.status,
		IsTotal:       total,
		Confidence:    foiwire.ConfidenceHigh,
		AuthorityFrom: r.from,
		Source:        foiwire.Source{Document: r.doc, File: r.file, Table: t.Index, Row: raw.Row, Col: raw.Col, Text: strings.TrimSpace(raw.Text)},
	}
	if q != nil {
		f.Question = q.ID
	}
	if v.status == foiwire.StatusOK {
		f.Value = foiwire.Int64(v.n)
	}
	if !total {
		switch m {
		case foiwire.MeasureOffence:
			if mt, ok := r.matchOffence(category); ok {
				f.Category = mt.Key
				if len(mt.Alternatives) > 0 {
					review(&f, fmt.Sprintf("offence wording %q could be %s or %s", category, mt.Key, strings.Join(mt.Alternatives, ", ")))
				}
			} else {
				review(&f, fmt.Sprintf("offence wording %q is not in the Home Office list", category))
			}
		case foiwire.MeasureOutcome:
			if mt, ok := r.matchOutcome(category); ok {
				f.Category = mt.Key
				if len(mt.Alternatives) > 0 {
					review(&f, fmt.Sprintf("outcome wording %q could be %s or %s", category, mt.Key, strings.Join(mt.Alternatives, ", ")))
				}
			} else {
				review(&f, fmt.Sprintf("outcome wording %q is not a Home Office outcome", category))
			}
		}
	}
	if v.note != "" && !isDash(raw.Text) {
		review(&f, "the cell has a "+v.note)
	}
	if p.Footnote {
		review(&f, fmt.Sprintf("the period %q carries a footnote mark; read the note before using it", p.Text))
	}
	if p.Kind == period.KindCalendarYear && r.fyEvidence != "" && bareYearRE.MatchString(p.Text) {
		review(&f, fmt.Sprintf("the heading %q is a bare year, but the reply speaks of financial years (%q): whether the year starts in January or April is not stated", p.Text, r.fyEvidence))
		if !r.latestFY.IsZero() && p.Start.Before(r.latestFY) && r.latestFY.Before(p.End) {
			// The column runs past every period the reply speaks of: a
			// part year, whose end the reply does not state.
			f.Period.End = foiwire.Date{}
			review(&f, fmt.Sprintf("the year %q runs past the last period the reply names (to %s): a part year whose end is not stated", p.Text, r.latestFY))
		}
	}
	if f.Period.IsZero() {
		review(&f, "no period found for this table")
	}
	if !r.sure {
		review(&f, "the authority was guessed ("+r.from+")")
	}
	if t.Truncated && rw.idx == lastRow(t) {
		review(&f, fmt.Sprintf("table %d is cut off in this row", t.Index))
	}
	return append(figs, f)
}

// review marks a figure for a person, keeping every reason.
func review(f *foiwire.Figure, why string) {
	f.Confidence = foiwire.ConfidenceReview
	if strings.Contains(f.Reason, why) {
		return
	}
	if f.Reason != "" {
		f.Reason += "; "
	}
	f.Reason += why
}

// checkTotals compares each stated total with the sum of its rows. group
// maps a table to the first of the tables it continues over page breaks
// (nil when every table stands alone), so a total at the foot of a table
// counts the rows printed on the page before.
func checkTotals(figs []foiwire.Figure, group map[int]int) {
	for i, parts := range totalParts(figs, group) {
		tv, _ := figs[i].Int()
		var sum int64
		unknown := false
		for _, j := range parts {
			v, ok := figs[j].Int()
			if !ok {
				unknown = true
				continue
			}
			sum += v
		}
		switch {
		case len(parts) == 0:
		case unknown:
			review(&figs[i], fmt.Sprintf("stated total %d cannot be checked: some rows are suppressed", tv))
		case sum != tv:
			review(&figs[i], fmt.Sprintf("stated total %d but the rows add to %d", tv, sum))
		}
	}
}

// totalParts maps each stated total (with a value) to the figures it
// totals: those of the same measure in the same column of the same table
// (or the tables it continues), inside the total's period. It takes time
// linear in the figures plus the parts of each total.
func totalParts(figs []foiwire.Figure, group map[int]int) map[int][]int {
	grp := func(t int) int {
		if g, ok := group[t]; ok {
			return g
		}
		return t
	}
	type column struct {
		doc     string
		table   int
		col     int
		measure foiwire.Measure
	}
	byCol := map[column][]int{}
	for j, f := range figs {
		if !f.IsTotal {
			k := column{f.Source.Document, grp(f.Source.Table), f.Source.Col, f.Measure}
			byCol[k] = append(byCol[k], j)
		}
	}
	out := map[int][]int{}
	for i, t := range figs {
		if _, ok := t.Int(); !t.IsTotal || !ok {
			continue
		}
		var parts []int
		for _, j := range byCol[column{t.Source.Document, grp(t.Source.Table), t.Source.Col, t.Measure}] {
			f := figs[j]
			if t.Measure == foiwire.MeasurePeriod && !t.Period.Contains(f.Period) || t.Measure != foiwire.MeasurePeriod && f.Period != t.Period {
				continue
			}
			parts = append(parts, j)
		}
		out[i] = parts
	}
	return out
}

var (
	bareYearRE = regexp.MustCompile(`^\s*(?:19|20)\d\d\s*\W*\s*$`)
	// fyRE finds a reply speaking of financial years.
	fyRE = regexp.MustCompile(`(?i)\bfinancial\s+years?\b|\bfiscal\s+years?\b|\b(?:19|20)\d\d\s?[/–-]\s?(?:\d\d|(?:19|20)\d\d)\b`)
)

// suppressionRE finds a reply saying that it hides small numbers, which
// makes a dash in its tables a suppressed figure rather than a nil.
var suppressionRE = regexp.MustCompile(`(?i)suppress|redact|fewer\s+than\s+\d|less\s+than\s+\d|small\s+numbers|disclosure\s+control|<\s?\d|too\s+few`)

// suppression is suppressionRE with the words one of which its every
// match holds.
var suppression = wordedPattern{suppressionRE, []string{"suppress", "redact", "fewer", "less", "small", "disclosure", "<", "too"}}

// readDashes decides what a dash in a table means, from evidence over the
// whole reply: when the reply nowhere says it hides small numbers, a dash is
// a nil, read as 0. Where a stated total adds up with the dashes as 0, the
// reading is confirmed; elsewhere it goes to review.
func readDashes(figs []foiwire.Figure, group map[int]int, text string) {
	if m := suppression.find(text); m != "" {
		for i, f := range figs {
			if f.Status == foiwire.StatusSuppressed && isDash(f.Source.Text) {
				review(&figs[i], fmt.Sprintf("%q read as suppressed: the reply speaks of %q", f.Source.Text, m))
			}
		}
		return
	}
	var dashes []int
	for i, f := range figs {
		if f.Status == foiwire.StatusSuppressed && isDash(f.Source.Text) {
			figs[i].Status, figs[i].Value = foiwire.StatusOK, foiwire.Int64(0)
			dashes = append(dashes, i)
		}
	}
	if len(dashes) == 0 {
		return
	}
	confirmed := map[int]bool{}
	for i, parts := range totalParts(figs, group) {
		tv, _ := figs[i].Int()
		var sum int64
		ok := true
		for _, j := range parts {
			v, has := figs[j].Int()
			ok = ok && has
			sum += v
		}
		if ok && sum == tv {
			for _, j := range parts {
				confirmed[j] = true
			}
		}
	}
	for _, i := range dashes {
		if !confirmed[i] {
			review(&figs[i], fmt.Sprintf("%q read as nil: the reply does not say it hides small numbers, and no stated total confirms it", figs[i].Source.Text))
		}
	}
}

func isDash(s string) bool {
	switch strings.TrimSpace(s) {
	case "-", "–", "—":
		return true
	}
	return false
}

// measureOf decides whether a table's categories are offences or outcomes:
// the question it answers, then its header, then the wording of its rows.
func (r *reader) measureOf(t foiwire.Table, q *foiwire.Question, header string, labels []string) foiwire.Measure {
	if q != nil && q.Measure != foiwire.MeasurePeriod {
		return q.Measure
	}
	h := strings.ToLower(header + " " + t.Context)
	hOut := containsAny(strings.ToLower(header), "outcome", "action", "result", "disposal")
	hOff := containsAny(strings.ToLower(header), "offence", "crime", "description", "nature", "type", "classification")
	switch {
	case hOut && !hOff:
		return foiwire.MeasureOutcome
	case hOff && !hOut:
		return foiwire.MeasureOffence
	}
	var off, out float64
	for _, l := range sample(labels) {
		if taxonomy.IsTotalLabel(l) {
			continue
		}
		if m, ok := r.matchOffence(l); ok {
			off += m.Score
		}
		if m, ok := r.matchOutcome(l); ok {
			out += m.Score
		}
	}
	switch {
	case out > off:
		return foiwire.MeasureOutcome
	case off > out:
		return foiwire.MeasureOffence
	case containsAny(h, "outcome", "police action", "action was taken", "result"):
		return foiwire.MeasureOutcome
	}
	return foiwire.MeasureOffence
}

func (r *reader) isCategoryHeader(h string) bool {
	if h == "" || containsAny(strings.ToLower(h), "count", "number", "total", "figure", "crimes", "offences", "no.", "volume") {
		return false
	}
	if _, ok := r.matchOffence(h); ok {
		return true
	}
	_, ok := r.matchOutcome(h)
	return ok
}

// tablePeriod finds the period a table of categories covers: written in
// the text just above it ("for 2023/24 only"), or the one period its
// question asked for.
func (r *reader) tablePeriod(t foiwire.Table, q *foiwire.Question) (period.Parsed, string) {
	var found []period.Parsed
	for _, fp := range period.Find(t.Context, r.popt) {
		if fp.Relative || slices.ContainsFunc(found, func(x period.Parsed) bool { return x.Period == fp.Period }) {
			continue
		}
		found = append(found, fp.Parsed)
	}
	if len(found) == 1 {
		return found[0], ""
	}
	if q != nil && len(q.Periods) == 1 {
		p := q.Periods[0]
		// The campaign's years follow the reply's own year boundaries.
		if r.popt.FiscalStartDay == 6 && p.Start.Month() == time.April && p.Start.Day() == 1 {
			p = foiwire.Period{Start: p.Start.AddDays(5), End: p.End.AddDays(5)}
		}
		pp := period.Parsed{Period: p, Text: q.ID}
		if len(found) > 1 {
			return pp, fmt.Sprintf("the text above the table names %d periods; took the one question %s asked for", len(found), q.ID)
		}
		return pp, ""
	}
	if len(found) > 1 {
		return period.Parsed{}, fmt.Sprintf("the text above the table names %d periods", len(found))
	}
	return period.Parsed{}, ""
}

// question matches a table to the campaign question whose words its
// context shares most.
func (r *reader) question(t foiwire.Table, head []string) *foiwire.Question {
	if r.campaign == nil || len(r.campaign.Questions) == 0 {
		return nil
	}
	ctx := tokens(t.Context)
	for _, h := range head {
		for w := range tokens(h) {
			ctx[w] = true
		}
	}
	var best *foiwire.Question
	bestScore := 0.0
	for i := range r.campaign.Questions {
		q := &r.campaign.Questions[i]
		words := tokens(q.Text + " " + strings.Join(q.Keywords, " "))
		hit := 0.0
		for w := range words {
			if ctx[w] {
				hit++
			}
		}
		for _, k := range q.Keywords {
			if strings.Contains(strings.ToLower(t.Context), strings.ToLower(k)) {
				hit += 3
			}
		}
		if hit > bestScore {
			best, bestScore = q, hit
		}
	}
	return best
}

var stop = map[string]bool{"the": true, "of": true, "in": true, "for": true, "and": true, "a": true, "to": true, "was": true, "were": true, "what": true, "how": true, "many": true, "has": true, "is": true, "as": true, "by": true, "only": true, "with": true, "where": true, "being": true, "an": true, "on": true, "each": true}

func tokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if len(w) > 2 && !stop[w] {
			out[strings.TrimSuffix(w, "s")] = true
		}
	}
	return out
}

func nonEmptyRows(t foiwire.Table) []int {
	var out []int
	for i, r := range t.Rows {
		for _, c := range r {
			if strings.TrimSpace(c.Text) != "" {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

func lastRow(t foiwire.Table) int {
	rows := nonEmptyRows(t)
	if len(rows) == 0 {
		return -1
	}
	return rows[len(rows)-1]
}

// isHeaderRow reports whether a table's first row is headings: it holds no
// count, or its only numbers are two or more years heading columns
// ("Offence | 2019 | 2020 | 2021").
func isHeaderRow(cells []foiwire.Cell, opt period.Options) bool {
	if !rowHasCount(cells) {
		return true
	}
	years := 0
	for _, c := range cells {
		v := readCell(c.Text)
		if !v.isCount() {
			continue
		}
		if v.n < 1900 || v.n > 2100 {
			return false
		}
		if _, err := period.Parse(c.Text, opt); err != nil {
			return false
		}
		years++
	}
	return years >= 2
}

func rowHasCount(cells []foiwire.Cell) bool {
	for _, c := range cells {
		if v := readCell(c.Text); v.isCount() && v.status == foiwire.StatusOK {
			return true
		}
	}
	return false
}

func countKind(rows []row, k rowKind) int {
	n := 0
	for _, r := range rows {
		if r.kind == k {
			n++
		}
	}
	return n
}

func headersOf(cols []int, h func(int) string) []string {
	var out []string
	for _, c := range cols {
		out = append(out, h(c))
	}
	return out
}

func spanOf(m map[int]period.Parsed) period.Parsed {
	var l []period.Parsed
	for _, p := range m {
		l = append(l, p)
	}
	return spanOfList(l)
}

// spanOfList is the period from the earliest start to the latest end.
func spanOfList(ps []period.Parsed) period.Parsed {
	var out period.Parsed
	for _, p := range ps {
		if out.Start.IsZero() || p.Start.Before(out.Start) {
			out.Start = p.Start
		}
		if out.End.IsZero() || p.End.After(out.End) {
			out.End = p.End
		}
	}
	return out
}

// totalPeriod reads the period a total row names after its "Total".
func totalPeriod(label string, opt period.Options) (period.Parsed, bool) {
	low := strings.ToLower(label)
	for _, w := range []string{"grand total", "overall total", "total"} {
		if i := strings.Index(low, w); i >= 0 {
			rest := strings.TrimSpace(strings.Trim(label[i+len(w):], " :-–("))
			rest = strings.TrimSuffix(strings.TrimPrefix(rest, "for "), ")")
			if p, err := period.Parse(rest, opt); err == nil {
				return p, true
			}
			return period.Parsed{}, false
		}
	}
	return period.Parsed{}, false
}

// cleanLabel tidies a row label: spaces, trailing colons and pipes.
func cleanLabel(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSpace(strings.TrimRight(s, ":| "))
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// matched is a taxonomy match remembered for a reply.
type matched struct {
	m  taxonomy.Match
	ok bool
}

// matchOffence is taxonomy.MatchOffence, remembered for the reply: a label
// is matched once however many cells its row holds.
func (r *reader) matchOffence(label string) (taxonomy.Match, bool) {
	if r.offences == nil {
		r.offences = map[string]matched{}
	}
	if c, ok := r.offences[label]; ok {
		return c.m, c.ok
	}
	m, ok := taxonomy.MatchOffence(label)
	r.offences[label] = matched{m, ok}
	return m, ok
}

// matchOutcome is taxonomy.MatchOutcome, remembered for the reply.
func (r *reader) matchOutcome(label string) (taxonomy.Match, bool) {
	if r.outcomes == nil {
		r.outcomes = map[string]matched{}
	}
	if c, ok := r.outcomes[label]; ok {
		return c.m, c.ok
	}
	m, ok := taxonomy.MatchOutcome(label)
	r.outcomes[label] = matched{m, ok}
	return m, ok
}

// sample is the labels a table's kind is judged by: the first 64, which
// say as much as all of them and keep a long table's reading linear.
func sample(labels []string) []string {
	return labels[:min(len(labels), 64)]
}

var months = map[string]time.Month{
	"jan": time.January, "january": time.January, "feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March, "apr": time.April, "april": time.April, "may": time.May,
	"jun": time.June, "june": time.June, "jul": time.July, "july": time.July, "aug": time.August,
	"august": time.August, "sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October, "nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

// monthOf reads a row label that is a month's name alone.
func monthOf(label string) (time.Month, bool) {
	m, ok := months[strings.ToLower(strings.TrimRight(strings.TrimSpace(label), ".:"))]
	return m, ok
}

// monthRows reports whether a table's rows, totals aside, are months named
// without a year, most of a year of them.
func monthRows(data []row) bool {
	n := 0
	for _, rw := range data {
		switch _, ok := monthOf(rw.label); {
		case ok:
			n++
		case rw.kind != rowTotal:
			return false
		}
	}
	return n >= 3
}

// allYears reports whether every period heading is a whole calendar year.
func allYears(cols map[int]period.Parsed) bool {
	for _, p := range cols {
		if p.Kind != period.KindCalendarYear {
			return false
		}
	}
	return len(cols) > 0
}

// latestFinancialYearEnd returns the end of the latest financial year (or
// run of them) that text names, or the zero date.
func latestFinancialYearEnd(text string, opt period.Options) foiwire.Date {
	var end foiwire.Date
	counts := -1 // whether the reply writes "year – count" lines; -1 until asked
	for _, f := range period.Find(text, opt) {
		if f.Relative || f.Kind != period.KindFinancialYear && f.Kind != period.KindTaxYear && f.Kind != period.KindMultiYear {
			continue
		}
		if spacedDashRE.MatchString(f.Text) {
			if counts < 0 {
				counts = 0
				if yearDashCounts(text) {
					counts = 1
				}
			}
			if counts == 1 {
				continue // "2020 – 21 outcomes" where the reply pairs years with counts
			}
		}
		if f.Kind == period.KindMultiYear && f.End.Month() == time.December {
			continue // calendar years
		}
		if end.IsZero() || f.End.After(end) {
			end = f.End
		}
	}
	return end
}

// headSpan is the period a Total column covers: from the earliest to the
// latest period heading of the table, whether or not the column under each
// heading holds a number in this part of the table.
func (r *reader) headSpan(head []string, cols map[int]period.Parsed) period.Parsed {
	all := r.headPeriods(head)
	if len(all) == 0 {
		return spanOf(cols)
	}
	return spanOfList(all)
}

// headPeriods returns the periods among a table's headings.
func (r *reader) headPeriods(head []string) []period.Parsed {
	var all []period.Parsed
	for _, h := range head {
		if p, err := period.Parse(h, r.popt); err == nil {
			all = append(all, p)
		}
	}
	return all
}

// rowNumberHeadRE is a heading over a column that numbers rows.
var rowNumberHeadRE = regexp.MustCompile(`(?i)^(?:no\.?|#|n|number|item|ref\.?|id|row|line|s/?n)?$`)

// isRowNumbers reports whether column c numbers the rows rather than
// counting anything: five or more numbers running 1, 2, 3 … (or on from any
// start, one more each row) under a heading such as "No." or none.
func isRowNumbers(t foiwire.Table, rows []int, c int, head string) bool {
	// With no heading, only a first column can be numbering.
	if !rowNumberHeadRE.MatchString(strings.TrimSpace(head)) || strings.TrimSpace(head) == "" && c != 0 {
		return false
	}
	n, prev := 0, int64(-1)
	for _, ri := range rows {
		v := readCell(t.At(ri, c))
		if v.status != foiwire.StatusOK || v.unit != "" {
			return false
		}
		if prev >= 0 && v.n != prev+1 {
			return false
		}
		prev = v.n
		n++
	}
	return n >= 5
}
