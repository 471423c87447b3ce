// Package number reads counts as replies print them: "1,144", "77, 686",
// "nil", "none", "twelve", "<5", "16*", and refuses what only looks like
// a count: money, percentages, decimals, dates, times, phone numbers,
// reference numbers and the numbers of statutes and regulations.
//
// Parse reads one table cell; Find picks the counts out of a line of
// prose, skipping numbers whose surroundings say they are something else
// ("£240", "section 12", "PO Box 1283", "15/09/2025", "55 hours").
package number

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
)

// Count is what a piece of text says as a count.
type Count struct {
	// Status is ok (Value holds the count), suppressed ("<5", "*": the
	// authority withheld a small number) or not_held.
	Status foiwire.Status
	Value  int64
	// AtLeast is set when the number is a floor: "33,000+", "over 40".
	AtLeast bool
	// Note says what was tidied away to read the number ("footnote '*'",
	// "space inside the number"), for a person checking it; "" when
	// nothing was.
	Note string
}

// Why a text is not a count. Parse's errors wrap one of these; test with
// errors.Is.
var (
	ErrNotNumber = errors.New("not a number")
	ErrMoney     = errors.New("a sum of money")
	ErrPercent   = errors.New("a percentage")
	ErrDecimal   = errors.New("a number with a fraction")
	ErrDate      = errors.New("a date or time")
	ErrReference = errors.New("a reference or code")
	ErrPhone     = errors.New("a phone number")
	ErrTooBig    = errors.New("too large to be a count")
	ErrNegative  = errors.New("a negative number")
	ErrRange     = errors.New("a range")
)

// MaxCount is the largest count Parse accepts; a longer run of digits is
// an account, reference or phone number.
const MaxCount = 999_999_999_999

// suppressed are the marks authorities print in place of a small number.
var suppressed = map[string]bool{
	"*": true, "-": true, "–": true, "—": true, "~": true, "x": true, "[x]": true, "[c]": true,
	"..": true, "suppressed": true, "redacted": true, "withheld": true, "**": true,
}

// notHeld are the words printed where there is no data.
var notHeld = map[string]bool{
	"not held": true, "n/h": true, "nh": true, "not recorded": true, "no data": true,
	"not available": true, "n/a": true, "no data available": true, "information not held": true,
}

// zero are the words that mean a count of none.
var zero = map[string]bool{"nil": true, "none": true, "zero": true, "nil return": true}

// words are the counts written out, up to twenty.
var words = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}

// Parse reads s, one cell or span of text, as a count. It returns an error
// wrapping one of the Err values when s is not one, saying why.
func Parse(s string) (Count, error) {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "|"))
	t = strings.Join(strings.Fields(t), " ")
	if t == "" {
		return Count{}, fmt.Errorf("%w: empty", ErrNotNumber)
	}
	low := strings.ToLower(t)
	if suppressed[low] {
		return Count{Status: foiwire.StatusSuppressed, Note: "suppressed as " + quote(t)}, nil
	}
	if rest, ok := strings.CutPrefix(low, "<"); ok {
		if isDigits(strings.TrimSpace(rest)) && len(strings.TrimSpace(rest)) <= 3 {
			return Count{Status: foiwire.StatusSuppressed, Note: "suppressed as " + quote(t)}, nil
		}
	}
	if notHeld[low] {
		return Count{Status: foiwire.StatusNotHeld, Note: "not held (" + quote(t) + ")"}, nil
	}
	if zero[low] {
		return Count{Status: foiwire.StatusOK, Note: "written " + quote(t)}, nil
	}
	if n, ok := words[low]; ok {
		return Count{Status: foiwire.StatusOK, Value: n, Note: "written " + quote(t)}, nil
	}
	c, err := parseDigits(t)
	if err != nil {
		return Count{}, err
	}
	return c, nil
}

// parseDigits reads a count written in figures, with its marks.
func parseDigits(t string) (Count, error) {
	var c Count
	var notes []string
	switch {
	case strings.ContainsAny(t, "£$€¥"), strings.HasSuffix(strings.ToLower(t), "p") && isDigits(t[:len(t)-1]) && len(t) > 1:
		return c, fmt.Errorf("%w: %s", ErrMoney, quote(t))
	case strings.ContainsAny(t, "%"), strings.HasSuffix(strings.ToLower(t), "per cent"):
		return c, fmt.Errorf("%w: %s", ErrPercent, quote(t))
	case strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−"):
		if len(t) > 1 && unicode.IsDigit(rune(t[len(t)-1])) {
			return c, fmt.Errorf("%w: %s", ErrNegative, quote(t))
		}
	case strings.HasPrefix(t, "+") && len(t) > 1 && t[1] >= '0' && t[1] <= '9' && strings.Count(t, " ") >= 1:
		return c, fmt.Errorf("%w: %s", ErrPhone, quote(t))
	}
	// A floor: "33,000+", "33, 000 +".
	if rest, ok := strings.CutSuffix(t, "+"); ok {
		t, c.AtLeast = strings.TrimSpace(rest), true
		notes = append(notes, "at least ('+')")
	}
	// A footnote mark after the number: "16*", "16 (1)", "16¹", "16 [a]".
	if i := strings.IndexFunc(t, func(r rune) bool {
		return r == '*' || r == '†' || r == '‡' || r == '(' || r == '[' || r == '^' || isSuperscript(r)
	}); i > 0 {
		if rest := strings.TrimSpace(t[i:]); isFootnote(rest) {
			notes = append(notes, "footnote "+quote(rest))
			t = strings.TrimSpace(t[:i])
		}
	}
	if strings.IndexFunc(t, unicode.IsLetter) >= 0 {
		if unicode.IsDigit(rune(t[0])) {
			return c, fmt.Errorf("%w: %s", ErrReference, quote(t))
		}
		return c, fmt.Errorf("%w: %s", ErrNotNumber, quote(t))
	}
	if strings.ContainsAny(t, "/:") {
		return c, fmt.Errorf("%w: %s", ErrDate, quote(t))
	}
	if strings.ContainsAny(t, "–—") || strings.Count(t, "-") > 0 {
		return c, fmt.Errorf("%w: %s", ErrRange, quote(t))
	}
	// A decimal that is a whole number, as spreadsheets print them: "14.0".
	// "1." numbers a list item.
	if i := strings.IndexByte(t, '.'); i >= 0 {
		if i == len(t)-1 {
			return c, fmt.Errorf("%w: %s (a list number)", ErrNotNumber, quote(t))
		}
		if strings.Trim(t[i+1:], "0") != "" || i == 0 {
			return c, fmt.Errorf("%w: %s", ErrDecimal, quote(t))
		}
		t = t[:i]
	}
	digits, spaced, ok := groupedDigits(t)
	if !ok {
		if len(t) > 0 && unicode.IsDigit(rune(t[0])) && strings.IndexFunc(t, unicode.IsLetter) > 0 {
			return c, fmt.Errorf("%w: %s", ErrReference, quote(t))
		}
		return c, fmt.Errorf("%w: %s", ErrNotNumber, quote(t))
	}
	if spaced {
		notes = append(notes, "space inside the number")
	}
	if len(digits) > 1 && digits[0] == '0' {
		if len(digits) >= 10 {
			return c, fmt.Errorf("%w: %s", ErrPhone, quote(t))
		}
		return c, fmt.Errorf("%w: %s (a leading zero)", ErrReference, quote(t))
	}
	if len(digits) > 12 {
		return c, fmt.Errorf("%w: %s", ErrTooBig, quote(t))
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > MaxCount {
		return c, fmt.Errorf("%w: %s", ErrTooBig, quote(t))
	}
	c.Status, c.Value, c.Note = foiwire.StatusOK, n, strings.Join(notes, "; ")
	return c, nil
}

// groupedDigits reads "1144", "1,144", "1 144" or "77, 686": digits in
// thousands groups separated by a comma, a comma and a space, or a space.
// A group after a separator must be three digits, so "2, 5" (a list) is
// refused. spaced reports a space inside the number.
func groupedDigits(t string) (digits string, spaced, ok bool) {
	if t == "" || !unicode.IsDigit(rune(t[0])) {
		return "", false, false
	}
	var b strings.Builder
	i := 0
	first := true
	for i < len(t) {
		j := i
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		group := t[i:j]
		if group == "" || (!first && len(group) != 3) || (first && j < len(t) && len(group) > 3) {
			return "", false, false
		}
		b.WriteString(group)
		first = false
		if j == len(t) {
			return b.String(), spaced, true
		}
		// A separator: ",", ", " or " ".
		k := j
		if t[k] == ',' {
			k++
		}
		if k < len(t) && t[k] == ' ' {
			spaced = true
			k++
		}
		if k == j || k == len(t) {
			return "", false, false
		}
		i = k
	}
	return b.String(), spaced, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isSuperscript(r rune) bool { return strings.ContainsRune("¹²³⁴⁵⁶⁷⁸⁹⁰", r) }

// isFootnote reports whether s, what follows a number, is a footnote
// mark: stars, daggers, a carets, a bracketed digit or letter, superscripts.
func isFootnote(s string) bool {
	s = strings.Trim(s, "()[]^ ")
	if s == "" {
		return true
	}
	if utf8.RuneCountInString(s) > 3 {
		return false
	}
	for _, r := range s {
		if !(r == '*' || r == '†' || r == '‡' || unicode.IsDigit(r) || isSuperscript(r) || unicode.IsLower(r) && len(s) == 1) {
			return false
		}
	}
	return true
}

func quote(s string) string { return "'" + s + "'" }

// IsCountLike reports whether s reads as a count or a mark printed in
// place of one. It is a question of shape, for telling the value columns
// of a table from its labels.
func IsCountLike(s string) bool {
	_, err := Parse(s)
	return err == nil
}
