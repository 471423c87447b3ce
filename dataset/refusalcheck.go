package dataset

import "strings"

// mayRefuse is a cheap pre-check for findRefusal: it reports false only
// when findRefusal would find nothing in text or in any part of it that
// starts a line. It looks, in one pass over the bytes and without
// allocating, for what each refusal pattern cannot match without: a
// section number at the start of a word ("section 12", "sections 40",
// "s.40", "S12"), the cost limit ("limit", "hours", "compliance"),
// "neither" (neither confirm nor deny), and "not hold", "not held",
// "information held", "is held" or "holds no" (not held). A reply that
// gives figures and has none of them cannot refuse anything, and the
// regular expressions are not run. The long s (U+017F), which the
// patterns' case folding reads as s, is taken for one wherever it is.
func mayRefuse(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i] | 0x20 // ASCII lower case; other bytes are not letters we look for
		switch c {
		case 'l':
			if hasFold(text[i:], "limit") {
				return true
			}
		case 'h':
			if hasFold(text[i:], "hour") {
				return true
			}
			if (hasFold(text[i:], "hold") || hasFold(text[i:], "held")) && notHeldNear(text, i) {
				return true
			}
		case 'c':
			if hasFold(text[i:], "complian") {
				return true
			}
		case 'n':
			if hasFold(text[i:], "neither") {
				return true
			}
		case 's':
			if text[i] != 's' && text[i] != 'S' {
				continue
			}
			if wordBefore(text, i) {
				continue
			}
			if sectionAfterS(text[i+1:]) {
				return true
			}
		default:
			// The long s is checked with no word boundary, a wider net.
			if isLongS(text, i) && sectionAfterS(text[i+2:]) {
				return true
			}
		}
	}
	return false
}

// isLongS reports whether the long s (U+017F, bytes C5 BF) starts at i.
func isLongS(text string, i int) bool {
	return i+1 < len(text) && text[i] == 0xC5 && text[i+1] == 0xBF
}

// sectionAfterS reports whether what follows an "s" makes a section number
// as the patterns read one: "ection" and an optional "s", or nothing, then
// an optional dot, one optional space and a digit.
func sectionAfterS(rest string) bool {
	if hasFold(rest, "ection") {
		rest = rest[len("ection"):]
		switch {
		case rest != "" && rest[0]|0x20 == 's':
			rest = rest[1:]
		case isLongS(rest, 0):
			rest = rest[2:]
		}
		return spaceDigit(rest)
	}
	return sectionDigit(rest)
}

// notHeldNear reports whether the "hold" or "held" at i could be part of
// a "not held" answer: after "not" (does not hold, is not held), after
// "no (relevant) information (is)", or "hold(s) no".
func notHeldNear(text string, i int) bool {
	if before, ok := wordBeforeSpace(text[:i]); ok {
		if hasSuffixFold(before, "not") {
			return true
		}
		if w, ok := cutSuffixS(before, "is"); ok {
			if before, ok = wordBeforeSpace(w); !ok {
				before = ""
			}
		}
		if w, ok := cutSuffixFold(before, "information"); ok {
			if w, ok := wordBeforeSpace(w); ok {
				if r, ok := cutSuffixFold(w, "relevant"); ok {
					if r, ok := wordBeforeSpace(r); ok && hasSuffixFold(r, "no") {
						return true
					}
				}
				if hasSuffixFold(w, "no") {
					return true
				}
			}
		}
	}
	rest := text[i+4:]
	switch {
	case rest != "" && rest[0]|0x20 == 's':
		rest = rest[1:]
	case isLongS(rest, 0):
		rest = rest[2:]
	}
	after := strings.TrimLeft(rest, spaces)
	return len(after) < len(rest) && hasFold(after, "no")
}

// spaces are the characters \s matches in the patterns.
const spaces = " \t\n\r\f"

// wordBeforeSpace returns s without the spaces it ends with, and whether
// it ended with one or more.
func wordBeforeSpace(s string) (string, bool) {
	t := strings.TrimRight(s, spaces)
	return t, len(t) < len(s)
}

// cutSuffixFold returns s without word (ASCII lower case) at its end,
// ignoring ASCII case, and whether it was there.
func cutSuffixFold(s, word string) (string, bool) {
	if !hasSuffixFold(s, word) {
		return s, false
	}
	return s[:len(s)-len(word)], true
}

// cutSuffixS is cutSuffixFold for a word ending in s, which may also be
// the long s.
func cutSuffixS(s, word string) (string, bool) {
	if r, ok := cutSuffixFold(s, word); ok {
		return r, true
	}
	stem := word[:len(word)-1]
	if t, ok := strings.CutSuffix(s, "\u017f"); ok {
		return cutSuffixFold(t, stem)
	}
	return s, false
}

// hasSuffixFold reports whether s ends with word (ASCII lower case),
// ignoring ASCII case.
func hasSuffixFold(s, word string) bool {
	return len(s) >= len(word) && hasFold(s[len(s)-len(word):], word)
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
	return spaceDigit(s)
}

// spaceDigit reports whether s is one optional space and a digit.
func spaceDigit(s string) bool {
	if s != "" && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f') {
		s = s[1:]
	}
	return s != "" && '0' <= s[0] && s[0] <= '9'
}
