package number

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SpanKind says what a number found in prose is.
type SpanKind string

// The kinds of number Find reports. Only SpanCount is a figure; the rest
// say why a number is not one.
const (
	SpanCount     SpanKind = "count"
	SpanYear      SpanKind = "year"      // 2019, 2021/22, a period not a count
	SpanMoney     SpanKind = "money"     // £240, 30 million pounds
	SpanPercent   SpanKind = "percent"   // 12%, 12 per cent
	SpanDate      SpanKind = "date"      // 15/09/2025, 15th October, 7^th May
	SpanReference SpanKind = "reference" // section 12, Regulation 12(4)(b), SI 2004 No. 3244, PO Box 1283, FOI 1306/25
	SpanPhone     SpanKind = "phone"     // 0114 273 4567
	SpanDuration  SpanKind = "duration"  // 55 hours, 2-5 mins
	SpanRate      SpanKind = "rate"      // 6293 records x 2 minutes: cost arithmetic
	SpanOrdinal   SpanKind = "ordinal"   // 1. at the start of a numbered list
)

// Span is a number found in prose: where it is (byte offsets into the
// text), its text, what kind of number it is and, for a count, its value.
type Span struct {
	Start, End int
	Text       string
	Kind       SpanKind
	Count      Count // for SpanCount only
	// Why says what showed a number not to be a count ("after 'section'").
	Why string
}

// numberRe finds digit runs with thousands separators ("1,144", "77, 686"),
// an optional "+", and the counts written in words.
var numberRe = regexp.MustCompile(`(?i)\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?\+?|\d+(?:\.\d+)?\+?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|nil|none)\b`)

// referenceWords are the words after which a number names a thing rather
// than counting it.
var referenceWords = map[string]bool{
	"section": true, "sections": true, "s": true, "regulation": true, "regulations": true, "reg": true,
	"article": true, "act": true, "no": true, "si": true, "box": true, "ref": true, "reference": true,
	"foi": true, "eir": true, "page": true, "paragraph": true, "para": true, "question": true, "q": true,
	"part": true, "tel": true, "telephone": true, "ext": true, "extension": true, "room": true,
	"chapter": true, "schedule": true, "rule": true, "clause": true, "version": true, "v": true,
	"type": true, "table": true, "appendix": true, "annex": true, "item": true, "number": true,
	"request": true, "case": true, "code": true, "floor": true, "level": true, "stage": true,
	"licence": true, "v3": true, "priority": true, "tier": true, "category": true, "order": true,
}

// durationWords follow a number that measures time.
var durationWords = map[string]bool{
	"hour": true, "hours": true, "hrs": true, "hr": true, "minute": true, "minutes": true, "mins": true,
	"min": true, "second": true, "seconds": true, "secs": true, "day": true, "days": true, "week": true,
	"weeks": true, "month": true, "months": true, "year": true, "years": true, "working": true, "calendar": true,
	"am": true, "pm": true, "yrs": true, "yr": true,
}

// moneyWords follow a number that is a sum of money.
var moneyWords = map[string]bool{
	"pounds": true, "pence": true, "million": true, "billion": true, "bn": true, "m": true, "k": true, "gbp": true,
}

var months = map[string]bool{
	"jan": true, "january": true, "feb": true, "february": true, "mar": true, "march": true, "apr": true,
	"april": true, "may": true, "jun": true, "june": true, "jul": true, "july": true, "aug": true,
	"august": true, "sep": true, "sept": true, "september": true, "oct": true, "october": true, "nov": true,
	"november": true, "dec": true, "december": true,
}

// Find returns every number in text, in order, each with its kind: counts
// with their values, and for the rest the reason they are not counts.
// Counts are only those a reader would take for one; when in doubt a
// number is given another kind, so that nothing is read as a figure
// that is not one.
func Find(text string) []Span {
	var out []Span
	for _, m := range numberRe.FindAllStringIndex(text, -1) {
		s := Span{Start: m[0], End: m[1], Text: text[m[0]:m[1]]}
		// A digit run glued to letters or other digits is part of a code:
		// "S1", "1UJ", "FOI-24576", "NFIB52B".
		before, _ := utf8.DecodeLastRuneInString(text[:m[0]])
		after, _ := utf8.DecodeRuneInString(text[m[1]:])
		if unicode.IsDigit(rune(s.Text[0])) && (unicode.IsLetter(before) || unicode.IsLetter(after) && !ordinalAfter(text[m[1]:]) || before == '-' && m[0] >= 2 && unicode.IsLetter(rune(text[m[0]-2])) || before == '#') {
			s.Kind, s.Why = SpanReference, "part of a code"
			out = append(out, s)
			continue
		}
		s.Kind, s.Why = classify(text, m[0], m[1])
		if s.Kind == SpanCount {
			c, err := Parse(s.Text)
			if err != nil || c.Status != "ok" {
				s.Kind, s.Why = SpanReference, "not a count"
				if err != nil {
					s.Why = err.Error()
				}
			} else {
				s.Count = c
			}
		}
		out = append(out, s)
	}
	return out
}

// ordinalAfter reports whether rest starts with an ordinal suffix: "th",
// "st", "^th".
func ordinalAfter(rest string) bool {
	rest = strings.TrimPrefix(rest, "^")
	low := strings.ToLower(rest[:min(len(rest), 3)])
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasPrefix(low, suf) && (len(low) == 2 || !unicode.IsLetter(rune(low[2]))) {
			return true
		}
	}
	return false
}

// classify decides what the number at text[i:j] is from its neighbours.
func classify(text string, i, j int) (SpanKind, string) {
	num := text[i:j]
	prevCh, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text[:i], " \n"))
	rawPrev, _ := utf8.DecodeLastRuneInString(text[:i])
	rest := text[j:]
	nextCh, _ := utf8.DecodeRuneInString(rest)
	restTrim := strings.TrimLeft(rest, " \n")
	nextTrimCh, _ := utf8.DecodeRuneInString(restTrim)
	prevWord := lastWord(text[:i])
	nextWord := firstWord(rest)
	digits := unicode.IsDigit(rune(num[0]))

	switch {
	case strings.ContainsRune("£$€¥", prevCh):
		return SpanMoney, "after a currency sign"
	case nextTrimCh == '%' || strings.HasPrefix(strings.ToLower(restTrim[:min(len(restTrim), 8)]), "per cent") || strings.HasPrefix(strings.ToLower(restTrim[:min(len(restTrim), 7)]), "percent"):
		return SpanPercent, "a percentage"
	case moneyWords[nextWord] && (nextWord != "m" && nextWord != "k" || nextCh == 'm' || nextCh == 'k'):
		return SpanMoney, "followed by '" + nextWord + "'"
	case digits && (rawPrev == '/' || rawPrev == ':' || rawPrev == '.' && i >= 2 && unicode.IsDigit(rune(text[i-2]))):
		return SpanDate, "part of a date, time or reference"
	case digits && (nextCh == '/' || nextCh == ':') && len(rest) > 1 && unicode.IsDigit(rune(rest[1])):
		return yearOrDate(num, rest)
	case digits && nextCh == '.' && len(rest) > 1 && unicode.IsDigit(rune(rest[1])):
		return SpanDate, "part of a dotted date or version"
	case digits && ordinalAfter(rest):
		return SpanDate, "an ordinal (a date)"
	case months[prevWord] || months[nextWord]:
		if len(strings.TrimSuffix(num, "+")) == 4 && digits {
			return SpanYear, "a year"
		}
		return SpanDate, "beside a month"
	case digits && rawPrev == '[' && nextCh == ']':
		return SpanReference, "a link or note number"
	case digits && rawPrev == '(' && i >= 2 && (unicode.IsDigit(rune(text[i-2])) || text[i-2] == ')'):
		return SpanReference, "a numbered provision"
	case digits && len(num) >= 6 && !strings.ContainsAny(num, ", "):
		return SpanReference, "a long run of digits with no separators"
	case prevWord == "x" || nextWord == "x" || secondWord(rest) == "x" || prevCh == '×' || nextTrimCh == '×' || prevCh == '*' || nextTrimCh == '*' && digits && len(restTrim) > 1 && restTrim[1] == ' ':
		return SpanRate, "cost arithmetic"
	case referenceWords[prevWord] && !(prevWord == "no" && !strings.HasSuffix(strings.TrimRight(text[:i], " "), ".")):
		return SpanReference, "after '" + prevWord + "'"
	case digits && nextCh == '(':
		return SpanReference, "a numbered provision"
	case durationWords[nextWord]:
		return SpanDuration, "followed by '" + nextWord + "'"
	case digits && (rawPrev == '-' || rawPrev == '–') && i >= 2 && unicode.IsDigit(rune(text[i-2])):
		return SpanRange, "the end of a range"
	case digits && (nextCh == '-' || nextCh == '–') && len(rest) > 1 && unicode.IsDigit(rune(rest[1])):
		return SpanRange, "the start of a range"
	case digits && len(num) > 1 && num[0] == '0':
		return SpanPhone, "a leading zero"
	case digits && phoneRun(text, i, j):
		return SpanPhone, "a run of digit groups"
	case digits && isYear(num):
		return SpanYear, "a year"
	case digits && startsNumberedItem(text, i, j):
		return SpanOrdinal, "numbers a list item"
	}
	return SpanCount, ""
}

// SpanRange is the start or end of a range such as "2-5".
const SpanRange SpanKind = "range"

// yearOrDate tells "2021/22" (a year) from "15/09/2025" (a date).
func yearOrDate(num, rest string) (SpanKind, string) {
	if isYear(num) {
		return SpanYear, "a financial year"
	}
	return SpanDate, "part of a date, time or reference"
}

func isYear(s string) bool {
	s = strings.TrimSuffix(s, "+")
	if len(s) != 4 || !isDigits(s) {
		return false
	}
	return s >= "1950" && s <= "2099"
}

// phoneRun reports whether the digits at text[i:j] sit among other digit
// groups separated by single spaces, ten digits or more in all.
func phoneRun(text string, i, j int) bool {
	a, b := i, j
	for a > 0 && (text[a-1] == ' ' || text[a-1] >= '0' && text[a-1] <= '9') {
		a--
	}
	for b < len(text) && (text[b] == ' ' || text[b] >= '0' && text[b] <= '9') {
		b++
	}
	run := strings.TrimSpace(text[a:b])
	if strings.Contains(run, "  ") {
		return false
	}
	n := 0
	for k := 0; k < len(run); k++ {
		if run[k] >= '0' && run[k] <= '9' {
			n++
		}
	}
	return n >= 10 && strings.Count(run, " ") <= 3
}

// startsNumberedItem reports whether the number opens its line as a list
// number: "1. ", "2) ".
func startsNumberedItem(text string, i, j int) bool {
	// Only blank space may come between the line's start and the number.
	k := i
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	if k > 0 && text[k-1] != '\n' && text[k-1] != '\r' {
		return false
	}
	rest := text[j:]
	return strings.HasPrefix(rest, ".") && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\t' || rest[1] == '\n' || rest[1] == '\r') || strings.HasPrefix(rest, ")")
}

// lastWord returns the last word before the end of s, lower-cased and
// without its trailing full stop.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t\r\n([")
	k := len(s)
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:k])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' {
			break
		}
		k -= n
	}
	return strings.ToLower(strings.Trim(s[k:], "."))
}

// firstWord returns the first word of s, lower-cased.
func firstWord(s string) string {
	s = strings.TrimLeft(s, " \t\r\n")
	k := 0
	for k < len(s) {
		r, n := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsLetter(r) {
			break
		}
		k += n
	}
	return strings.ToLower(s[:k])
}

// secondWord returns the word after the first word of s, lower-cased.
func secondWord(s string) string {
	s = strings.TrimLeft(s, " \t\r\n")
	i := strings.IndexAny(s, " \t\r\n")
	if i < 0 {
		return ""
	}
	return firstWord(s[i:])
}

// Counts returns only the counts Find finds in text.
func Counts(text string) []Span {
	var out []Span
	for _, s := range Find(text) {
		if s.Kind == SpanCount {
			out = append(out, s)
		}
	}
	return out
}
