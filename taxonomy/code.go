package taxonomy

import (
	"strings"
	"unicode"
)

// separators may stand between a code and the words after it.
const separators = " \t-–—:.)|,;"

// offenceCode splits a Home Office code off a label: "8R - Malicious
// communications", "008L Harassment", "71/17 Sexual communication with a
// child", "Harassment (8L)", "HO code 8R". A bare number on its own is a
// count, not a code, unless a prefix ("HO", "class") says otherwise; a
// bracketed number after the words ("Blackmail (35)") is a count too.
// prefixed reports whether such a prefix was written.
func offenceCode(label string) (code, rest string, prefixed bool) {
	s := strings.TrimSpace(label)
	t, prefixed := cutPrefix(s, "home office code", "ho code", "ho class", "class", "code", "ho")
	if c, n := scanOffenceCode(t); n > 0 {
		after := t[n:]
		switch {
		case after == "" && (prefixed || !isNumber(c)):
			return c, "", prefixed
		case after != "" && strings.ContainsRune(separators, rune(after[0])):
			return c, strings.TrimLeft(after, separators), prefixed
		}
	}
	if inner, before, ok := trailingBracket(s); ok {
		in, pre := cutPrefix(inner, "home office code", "ho code", "ho")
		if c, n := scanOffenceCode(in); n == len(in) && (pre || !isNumber(c)) {
			return c, before, pre
		}
	}
	return "", s, false
}

// scanOffenceCode reads a code at the start of s: one to three digits
// (leading zeros dropped), an optional letter, and an optional "/n" or ".n"
// offence number. It returns the code as the counting rules write it
// ("8R", "4/1", "71/17") and the bytes read, or 0 when there is none.
func scanOffenceCode(s string) (string, int) {
	i := 0
	for i < len(s) && s[i] == '0' && i+1 < len(s) && isDigit(s[i+1]) {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) && i-start < 3 {
		i++
	}
	if i == start || (i < len(s) && isDigit(s[i])) {
		return "", 0
	}
	code := s[start:i]
	if i < len(s) && isASCIILetter(s[i]) && (i+1 == len(s) || !isASCIILetter(s[i+1])) {
		code += strings.ToUpper(s[i : i+1])
		i++
	}
	if i+1 < len(s) && (s[i] == '/' || s[i] == '.') && isDigit(s[i+1]) {
		j := i + 1
		for j < len(s) && isDigit(s[j]) && j-i <= 3 {
			j++
		}
		if j == len(s) || !isDigit(s[j]) {
			code += "/" + strings.TrimLeft(s[i+1:j], "0")
			if strings.HasSuffix(code, "/") {
				code += "0"
			}
			i = j
		}
	}
	if i < len(s) && (isASCIILetter(s[i]) || isDigit(s[i])) {
		return "", 0
	}
	return code, i
}

// outcomeCode splits an outcome number off a label: "OC15 – Sus/Insuff.
// Evidence", "Outcome 15: evidential difficulties", "HO18", "15 - Evidential
// difficulties", "Charge/summons (OC1)". A bare number on its own is a
// count, not an outcome.
func outcomeCode(label string) (code, rest string, prefixed bool) {
	s := strings.TrimSpace(label)
	t, prefixed := cutPrefix(s, "outcome type", "outcome code", "outcome number", "outcome no", "outcome", "oc", "ho")
	t = strings.TrimLeft(t, " .:#-–")
	if c, n := scanOutcomeCode(t); n > 0 {
		after := t[n:]
		switch {
		case after == "" && prefixed:
			return c, "", true
		case after != "" && strings.ContainsRune(separators, rune(after[0])) && strings.TrimLeft(after, separators) != "":
			return c, strings.TrimLeft(after, separators), prefixed
		}
	}
	if inner, before, ok := trailingBracket(s); ok {
		in, pre := cutPrefix(inner, "outcome", "oc", "ho")
		if c, n := scanOutcomeCode(strings.TrimLeft(in, " .:#")); pre && n > 0 && n == len(strings.TrimLeft(in, " .:#")) {
			return c, before, true
		}
	}
	return "", s, false
}

// scanOutcomeCode reads an outcome number: one or two digits and an
// optional letter ("1A"), leading zeros dropped.
func scanOutcomeCode(s string) (string, int) {
	i := 0
	for i+1 < len(s) && s[i] == '0' && isDigit(s[i+1]) {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) && i-start < 2 {
		i++
	}
	if i == start || (i < len(s) && isDigit(s[i])) {
		return "", 0
	}
	code := s[start:i]
	if i < len(s) && isASCIILetter(s[i]) && (i+1 == len(s) || !isASCIILetter(s[i+1])) {
		code += strings.ToUpper(s[i : i+1])
		i++
	}
	if i < len(s) && (isASCIILetter(s[i]) || isDigit(s[i])) {
		return "", 0
	}
	return code, i
}

// cutPrefix removes the first of prefixes that s starts with (ignoring
// case) when a space, colon or digit follows it.
func cutPrefix(s string, prefixes ...string) (string, bool) {
	low := strings.ToLower(s)
	for _, p := range prefixes {
		if !strings.HasPrefix(low, p) || len(s) == len(p) {
			continue
		}
		if c := s[len(p)]; c == ' ' || c == ':' || c == '.' || c == '#' || isDigit(c) {
			return strings.TrimLeft(s[len(p):], " :.#"), true
		}
	}
	return s, false
}

// trailingBracket splits "Harassment (8L)" into "8L" and "Harassment".
func trailingBracket(s string) (inner, before string, ok bool) {
	if !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "]") {
		return "", s, false
	}
	i := strings.LastIndexAny(s, "([")
	if i <= 0 {
		return "", s, false
	}
	return strings.TrimSpace(s[i+1 : len(s)-1]), strings.TrimSpace(s[:i]), true
}

// stripCount drops a count printed after a label: "Harassment (6)",
// "Stalking - 1", "Blackmail: 1", "Obscene publications 3". A number that
// belongs to the wording ("child under 13", "section 127") stays.
func stripCount(s string) string {
	s = strings.TrimSpace(s)
	if inner, before, ok := trailingBracket(s); ok && isNumber(strings.ReplaceAll(inner, ",", "")) && before != "" {
		return before
	}
	i := len(s)
	for i > 0 && (isDigit(s[i-1]) || s[i-1] == ',') {
		i--
	}
	if i == len(s) || i == 0 {
		return s
	}
	if c := s[i-1]; isASCIILetter(c) || c == '/' || c == '.' { // part of a word or code: "s127", "71/17"
		return s
	}
	head := strings.TrimRight(s[:i], " \t")
	if trimmed := strings.TrimRight(head, "-–—:=| \t"); len(trimmed) < len(head) && strings.ContainsAny(head[len(trimmed):], "-–—:=|") {
		return trimmed
	}
	fs := strings.Fields(head)
	if len(fs) == 0 {
		return s
	}
	switch strings.ToLower(strings.Trim(fs[len(fs)-1], ".")) {
	case "under", "over", "aged", "age", "than", "section", "sec", "s", "act", "class", "code", "outcome", "type", "no", "number", "schedule", "part":
		return s
	}
	return head
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c < unicode.MaxASCII && unicode.IsLetter(rune(c)) }

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
