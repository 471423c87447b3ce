package dataset

import "strings"

// mayRefuse is a cheap pre-check for findRefusal: it reports false only
// when findRefusal would find nothing in text or in any part of it that
// starts a line. It looks, in one pass over the bytes and without
// allocating, for the words every refusal pattern needs: a section number
// ("section 12", "s.40", "S12"), the cost limit ("limit", "hours",
// "compliance"), "confirm" (neither confirm nor deny), and "hold" or
// "held" (not held). A reply that gives figures and has none of them
// cannot refuse anything, and the regular expressions are not run.
func mayRefuse(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i] | 0x20 // ASCII lower case; other bytes are not letters we look for
		switch c {
		case 'e':
			if hasFold(text[i:], "ection") {
				return true
			}
		case 'l':
			if hasFold(text[i:], "limit") {
				return true
			}
		case 'h':
			if hasFold(text[i:], "hour") || hasFold(text[i:], "hold") || hasFold(text[i:], "held") {
				return true
			}
		case 'c':
			if hasFold(text[i:], "complian") || hasFold(text[i:], "confirm") {
				return true
			}
		case 's':
			if text[i] != 's' && text[i] != 'S' {
				continue
			}
			if wordBefore(text, i) {
				continue
			}
			if sectionDigit(text[i+1:]) {
				return true
			}
		default:
			// The long s (U+017F) folds to s in the case-insensitive
			// patterns; it is checked with no word boundary, a wider net.
			if text[i] == 0xC5 && i+1 < len(text) && text[i+1] == 0xBF && sectionDigit(text[i+2:]) {
				return true
			}
		}
	}
	return false
}

// hasFold reports whether s starts with word (ASCII lower case), ignoring
// ASCII case. The Kelvin sign and long s, which fold to k and s, appear in
// none of the words asked for except through 's', handled by the caller.
func hasFold(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for j := 0; j < len(word); j++ {
		if s[j]|0x20 != word[j] {
			return false
		}
	}
	return true
}

// wordBefore reports whether the byte before i is an ASCII word character,
// so that an "s" there does not start a word.
func wordBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	c := text[i-1]
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// sectionDigit reports whether s (what follows an "s") is an optional
// dot, an optional space and a digit: "s.12", "s 40", "S12".
func sectionDigit(s string) bool {
	if strings.HasPrefix(s, ".") {
		s = s[1:]
	}
	if s != "" && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f') {
		s = s[1:]
	}
	return s != "" && '0' <= s[0] && s[0] <= '9'
}
