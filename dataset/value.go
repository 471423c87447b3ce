package dataset

import (
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/number"
)

// cell is what one table cell says as a count.
type cell struct {
	status foiwire.Status // ok, suppressed, not_held; "" when the cell is not a count
	n      int64
	// note says what was tidied away to read the number ("footnote '*'"), so a
	// person can see it.
	note string
	// unit is the words after the number that say what it counts
	// ("crimes" in "16 crimes"); a normal way to print a count, no cause for
	// review.
	unit string
}

func (c cell) isCount() bool { return c.status != "" }

// readCell reads a table cell as a count with the shared number reader
// (number.Parse): "14", "1,144", "77, 686", "14.0", "nil", "none", words up
// to twenty, a trailing footnote mark ("16*", "16 (1)"), and the marks
// forces use for suppressed or missing figures. A count and what it counts
// ("16 crimes") is read too. Anything else (words, years, percentages,
// decimals, money, reference numbers) is not a count.
func readCell(s string) cell {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "|"))
	// "16 crimes", "1,896 vehicles": a count and what it counts.
	if m := countUnitRE.FindStringSubmatch(t); m != nil && !notCountWordRE.MatchString(m[2]) {
		c := readCell(m[1])
		c.unit = m[2]
		return c
	}
	n, err := number.Parse(t)
	if err != nil || n.AtLeast {
		return cell{}
	}
	c := cell{status: n.Status, n: n.Value, note: n.Note}
	// "nil", "twelve" and "77, 686" are normal ways to print a count, no
	// cause for review; a footnote mark is.
	var keep []string
	for _, part := range strings.Split(n.Note, "; ") {
		if part != "" && !strings.HasPrefix(part, "written ") && part != "space inside the number" {
			keep = append(keep, part)
		}
	}
	c.note = strings.Join(keep, "; ")
	return c
}

var (
	countUnitRE = regexp.MustCompile(`^(\d{1,3}(?:,\d{3})+|\d+)\s+([A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,2})$`)
)
