package dataset

import (
	"fmt"
	"slices"
	"strings"
	"time"

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
	doc, file string
	text      string
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

// figures reads one table into figures. A table with no counts gives none.
func (r *reader) figures(t foiwire.Table) []foiwire.Figure {
	rows := nonEmptyRows(t)
	if len(rows) < 2 && !(len(rows) == 1 && t.Truncated) {
		return nil
	}
	width := t.Width()
	// The header is the first row with no count in it.
	head := -1
	if !rowHasCount(t.Rows[rows[0]]) {
		head = rows[0]
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return nil
	}
	// Value columns hold counts in most data rows; the label column is the
	// first column holding words.
	var valueCols []int
	labelCol := -1
	for c := 0; c < width; c++ {
		counts, words, periods := 0, 0, 0
		for _, ri := range rows {
			txt := t.At(ri, c)
			if strings.TrimSpace(txt) == "" {
				continue
			}
			if readCell(txt).isCount() {
				counts++
			} else {
				words++
			}
			if _, err := period.Parse(txt, r.popt); err == nil {
				periods++
			}
		}
		// A column of years ("2023", "2023*") labels rows; it holds no counts.
		if periods > 0 && periods == counts+words {
			counts, words = 0, periods
		}
		switch {
		case counts > 0 && counts >= words:
			valueCols = append(valueCols, c)
		case words > 0 && labelCol < 0:
			labelCol = c
		}
	}
	if len(valueCols) == 0 || labelCol < 0 {
		return nil
	}
	// A label column right of the values is odd: the reader cannot say which
	// number belongs to which words.
	if labelCol > valueCols[0] {
		return nil
	}
	var data []row
	for _, ri := range rows {
		lab := cleanLabel(t.At(ri, labelCol))
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
	headText := func(c int) string {
		if head < 0 {
			return ""
		}
		return cleanLabel(t.At(head, c))
	}
	// Columns headed by periods make a grid of categories by period.
	colPeriods := map[int]period.Parsed{}
	for _, c := range valueCols {
		if p, err := period.Parse(headText(c), r.popt); err == nil {
			colPeriods[c] = p
		}
	}
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
	q := r.question(t, head)
	var figs []foiwire.Figure
	switch {
	case rowsArePeriods && len(valueCols) > 1 || rowsArePeriods && len(valueCols) == 1 && r.isCategoryHeader(headText(valueCols[0])):
		// Years down the side, categories across the top.
		measure := r.measureOf(t, q, headText(labelCol), headersOf(valueCols, headText))
		for _, rw := range data {
			for _, c := range valueCols {
				figs = r.add(figs, t, rw, c, measure, headText(c), rw.period, q, rw.kind == rowTotal)
			}
		}
	case len(colPeriods) > 0:
		// Categories down the side, years across the top.
		var labels []string
		for _, rw := range data {
			labels = append(labels, rw.label)
		}
		measure := foiwire.MeasurePeriod
		if !rowsArePeriods {
			measure = r.measureOf(t, q, headText(labelCol), labels)
		}
		for _, rw := range data {
			for _, c := range valueCols {
				p, ok := colPeriods[c]
				if !ok {
					if !taxonomy.IsTotalLabel(headText(c)) {
						continue
					}
					p = spanOf(colPeriods)
				}
				figs = r.add(figs, t, rw, c, measure, rw.label, p, q, rw.kind == rowTotal || taxonomy.IsTotalLabel(headText(c)))
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
			figs = r.add(figs, t, rw, vc, foiwire.MeasurePeriod, rw.label, p, q, rw.kind == rowTotal)
		}
	default:
		var labels []string
		for _, rw := range data {
			labels = append(labels, rw.label)
		}
		measure := r.measureOf(t, q, headText(labelCol), labels)
		p, how := r.tablePeriod(t, q)
		for _, rw := range data {
			for _, c := range valueCols {
				f := len(figs)
				figs = r.add(figs, t, rw, c, measure, rw.label, p, q, rw.kind == rowTotal)
				if len(figs) > f && how != "" && p.IsZero() {
					review(&figs[f], how)
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
	checkTotals(figs)
	return figs
}

// add appends the figure in cell (rw, c) if that cell holds a count.
func (r *reader) add(figs []foiwire.Figure, t foiwire.Table, rw row, c int, m foiwire.Measure, label string, p period.Parsed, q *foiwire.Question, total bool) []foiwire.Figure {
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
			if mt, ok := taxonomy.MatchOffence(label); ok {
				f.Category = mt.Key
				if len(mt.Alternatives) > 0 {
					review(&f, fmt.Sprintf("offence wording %q could be %s or %s", label, mt.Key, strings.Join(mt.Alternatives, ", ")))
				}
			} else {
				review(&f, fmt.Sprintf("offence wording %q is not in the Home Office list", label))
			}
		case foiwire.MeasureOutcome:
			if mt, ok := taxonomy.MatchOutcome(label); ok {
				f.Category = mt.Key
				if len(mt.Alternatives) > 0 {
					review(&f, fmt.Sprintf("outcome wording %q could be %s or %s", label, mt.Key, strings.Join(mt.Alternatives, ", ")))
				}
			} else {
				review(&f, fmt.Sprintf("outcome wording %q is not a Home Office outcome", label))
			}
		}
	}
	if v.note != "" {
		review(&f, "the cell has a "+v.note)
	}
	if p.Footnote {
		review(&f, fmt.Sprintf("the period %q carries a footnote mark; read the note before using it", p.Text))
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

// checkTotals compares each stated total with the sum of its rows.
func checkTotals(figs []foiwire.Figure) {
	type key struct {
		m     foiwire.Measure
		p     foiwire.Period
		label string
		col   int
	}
	for i, t := range figs {
		tv, ok := t.Int()
		if !t.IsTotal || !ok {
			continue
		}
		var sum int64
		n, unknown := 0, false
		for _, f := range figs {
			if f.IsTotal || f.Measure != t.Measure || f.Source.Table != t.Source.Table {
				continue
			}
			// Parts of a total share its column, or lie inside its period.
			if !(f.Source.Col == t.Source.Col && (t.Measure == foiwire.MeasurePeriod || f.Period == t.Period)) {
				continue
			}
			if t.Measure == foiwire.MeasurePeriod && !t.Period.Contains(f.Period) {
				continue
			}
			v, ok := f.Int()
			if !ok {
				unknown = true
				continue
			}
			sum += v
			n++
		}
		switch {
		case n == 0:
		case unknown:
			review(&figs[i], fmt.Sprintf("stated total %d cannot be checked: some rows are suppressed", tv))
		case sum != tv:
			review(&figs[i], fmt.Sprintf("stated total %d but the rows add to %d", tv, sum))
		}
	}
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
	for _, l := range labels {
		if taxonomy.IsTotalLabel(l) {
			continue
		}
		if m, ok := taxonomy.MatchOffence(l); ok {
			off += m.Score
		}
		if m, ok := taxonomy.MatchOutcome(l); ok {
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
	if _, ok := taxonomy.MatchOffence(h); ok {
		return true
	}
	_, ok := taxonomy.MatchOutcome(h)
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
func (r *reader) question(t foiwire.Table, head int) *foiwire.Question {
	if r.campaign == nil || len(r.campaign.Questions) == 0 {
		return nil
	}
	ctx := tokens(t.Context)
	if head >= 0 {
		for _, c := range t.Rows[head] {
			for w := range tokens(c.Text) {
				ctx[w] = true
			}
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
