package dataset

import (
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
	"github.com/foiwire/foiwire/taxonomy"
)

// kind is what a cell or a span of prose says, read once.
type kind int

// The kinds of cell.
const (
	kindEmpty     kind = iota
	kindCount          // a count, nil or a suppressed or not-held mark
	kindPeriod         // a period ("2021/22", "April 2023 to March 2024", "2023")
	kindTotal          // "Total", "Grand Total"
	kindNotFigure      // a number that is not a count: money, a percentage, a date, a reference, a duration
	kindFootnote       // a footnote mark or note on its own ("*", "(1)", "Note 2")
	// kindWords is any other words: a label, a series, a heading. Whether
	// words name an offence or an outcome is decided once per label column,
	// by the taxonomy, when the table's kind is known.
	kindWords
)

// typed is one cell read once: its kind, and what it holds of that kind.
type typed struct {
	kind   kind
	cell   cell          // for kindCount
	period period.Parsed // for kindPeriod
}

// notFigureRE finds numbers that are not counts: money, percentages,
// dates, times, telephone numbers, references, section numbers and
// durations.
var notFigureRE = regexp.MustCompile(`(?i)^[£$€]\s?\d|\d\s?%$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|^\d{1,2}:\d\d|^0\d{3,4}\s?\d{5,6}$|^(?:ref|reference|our ref|section|s\.?|reg(?:ulation)?)\s*[:.]?\s*\d|^\d+(?:\.\d+)?\s*(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?)$|^\d+\.\d+$`)

var footnoteRE = regexp.MustCompile(`^(?:\*+|†|\(\d{1,2}\)|\[\d{1,2}\]|note\s+\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹])$`)

// typeOf reads a cell's text into its kind. Every cell of a table is typed
// here and nowhere else, so the number reader can be changed in one place.
// A whole year ("2023") is a period, not a count.
func (r *reader) typeOf(text string) typed {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "|"))
	switch {
	case t == "":
		return typed{}
	case footnoteRE.MatchString(strings.ToLower(t)) && t != "*":
		return typed{kind: kindFootnote}
	}
	c := readCell(t)
	// Only a number that could be a year needs the period reader.
	if c.isCount() && (c.status != foiwire.StatusOK || c.n < 1000 || c.n > 2999 || c.unit != "") {
		return typed{kind: kindCount, cell: c}
	}
	if p, err := period.Parse(t, r.popt); err == nil {
		return typed{kind: kindPeriod, period: p}
	}
	if c.isCount() {
		return typed{kind: kindCount, cell: c}
	}
	switch {
	case notFigureRE.MatchString(t):
		return typed{kind: kindNotFigure}
	case taxonomy.IsTotalLabel(t):
		return typed{kind: kindTotal}
	}
	return typed{kind: kindWords}
}
