package dataset

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/foiwire/foiwire"
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

// suppressedMarks are what forces print instead of a small number.
var suppressedMarks = map[string]bool{
	"*": true, "-": true, "–": true, "—": true, "~": true, "x": true, "[x]": true, "[c]": true, "..": true,
	"<5": true, "< 5": true, "<3": true, "<10": true, "<6": true, "suppressed": true, "redacted": true, "withheld": true,
}

var notHeldMarks = map[string]bool{
	"not held": true, "n/h": true, "nh": true, "not recorded": true, "no data": true, "not available": true, "n/a": true,
}

// readCell reads a table cell as a count. It accepts "14", "1,144", "14.0",
// "0", "nil", "none", a trailing footnote mark ("16*", "16 (1)"), and the
// marks forces use for suppressed or missing figures. Anything else (words,
// years, percentages, decimals, reference numbers) is not a count.
func readCell(s string) cell {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "|"))
	t = strings.TrimSpace(t)
	low := strings.ToLower(t)
	if suppressedMarks[low] || strings.HasPrefix(low, "<") && isDigits(strings.TrimSpace(low[1:])) {
		return cell{status: foiwire.StatusSuppressed, note: "suppressed as " + strconvQuote(t)}
	}
	if notHeldMarks[low] {
		return cell{status: foiwire.StatusNotHeld, note: "not held (" + strconvQuote(t) + ")"}
	}
	switch low {
	case "nil", "none", "zero", "nil return":
		return cell{status: foiwire.StatusOK, n: 0}
	}
	if n, ok := numberWords[low]; ok {
		return cell{status: foiwire.StatusOK, n: n}
	}
	// "16 crimes", "1,896 vehicles": a count and what it counts.
	if m := countUnitRE.FindStringSubmatch(t); m != nil && !notCountWordRE.MatchString(m[2]) {
		c := readCell(m[1])
		c.unit = m[2]
		return c
	}
	// "77, 686": a thousands comma with a space after it.
	if m := spacedThousandsRE.FindStringSubmatch(t); m != nil {
		t = m[1] + m[2]
	}
	note := ""
	// A footnote mark after the number: "16*", "16 (1)", "16¹".
	if i := strings.IndexFunc(t, func(r rune) bool { return r == '*' || r == '†' || r == '(' || r == '[' || isSuperscript(r) }); i > 0 {
		rest := strings.TrimSpace(t[i:])
		if isFootnote(rest) {
			note = "footnote " + strconvQuote(rest)
			t = strings.TrimSpace(t[:i])
		}
	}
	t = strings.ReplaceAll(t, ",", "")
	if strings.HasSuffix(t, ".0") || strings.HasSuffix(t, ".00") {
		t = t[:strings.IndexByte(t, '.')]
	}
	if !isDigits(t) || len(t) > 12 {
		return cell{}
	}
	// A number printed with a leading zero ("0100") is a reference, not a count.
	if len(t) > 1 && t[0] == '0' {
		return cell{}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return cell{}
	}
	return cell{status: foiwire.StatusOK, n: n, note: note}
}

var (
	countUnitRE       = regexp.MustCompile(`^(\d{1,3}(?:,\d{3})+|\d+)\s+([A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,2})$`)
	spacedThousandsRE = regexp.MustCompile(`^(\d{1,3}),\s(\d{3})$`)
)

// numberWords are counts written as words, up to twenty.
var numberWords = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20,
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isSuperscript(r rune) bool {
	return strings.ContainsRune("¹²³⁴⁵⁶⁷⁸⁹⁰", r)
}

func isFootnote(s string) bool {
	s = strings.Trim(s, "()[] ")
	if s == "" {
		return true
	}
	for _, r := range s {
		if !(r == '*' || r == '†' || unicode.IsDigit(r) || isSuperscript(r) || unicode.IsLower(r) && len(s) == 1) {
			return false
		}
	}
	return true
}

func strconvQuote(s string) string { return "'" + s + "'" }
