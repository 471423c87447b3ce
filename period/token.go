package period

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tkNum   tokKind = iota + 1 // a run of digits, possibly with an ordinal suffix ("6th")
	tkWord                     // a run of letters, lower-cased in low
	tkPunct                    // one punctuation character, dashes folded to '-'
	tkNote                     // a footnote mark that is not "*": superscript digit, dagger
)

// token is one lexical unit of a period text, with its byte span in the input.
type token struct {
	kind       tokKind
	text       string // as written
	low        string // lower case, for words
	val        int    // value of a number
	ndig       int    // digits in a number, leading zeros included
	ord        bool   // a number written as an ordinal: 1st, 6th
	grouped    bool   // a number written with thousands separators: 1,144
	ch         rune   // the character of a punctuation token
	mon        time.Month
	start, end int
	space      bool // whitespace (or the start of input) before the token
}

func (t token) is(low string) bool { return t.kind == tkWord && t.low == low }
func (t token) isCh(c rune) bool   { return t.kind == tkPunct && t.ch == c }
func (t token) isDash() bool       { return t.isCh('-') }

// months maps the names and abbreviations forces use to months. "Sept" and
// "Sep" both occur; "May" has no abbreviation.
var monthNames = map[string]time.Month{
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

func isDashRune(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '−':
		return true
	}
	return false
}

func isNoteRune(r rune) bool {
	switch r {
	case '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '†', '‡':
		return true
	}
	return false
}

// tokenize splits s into tokens. It never fails: characters it has no use
// for become punctuation tokens, which the parser rejects where they matter.
func tokenize(s string) []token {
	var toks []token
	space := true
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w <= 1:
			toks = append(toks, token{kind: tkPunct, text: s[i : i+1], ch: r, start: i, end: i + 1, space: space})
			i++
			space = false
		case unicode.IsSpace(r):
			i += w
			space = true
		case r >= '0' && r <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			t := token{kind: tkNum, text: s[i:j], ndig: j - i, start: i, space: space}
			t.val = atoiCapped(s[i:j])
			// Thousands separators ("1,144", "140,000") make a count, never a year.
			for j+4 <= len(s) && s[j] == ',' && allDigits(s[j+1:j+4]) && (j+4 == len(s) || s[j+4] < '0' || s[j+4] > '9') {
				t.grouped = true
				t.val = t.val*1000 + atoiCapped(s[j+1:j+4])
				j += 4
			}
			// An ordinal suffix belongs to the number: "6th", "1st", "22nd".
			if !t.grouped && j+2 <= len(s) {
				suf := strings.ToLower(s[j : j+2])
				if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && (j+2 == len(s) || !isLetterAt(s, j+2)) {
					t.ord = true
					j += 2
				}
			}
			t.text = s[i:j]
			t.end = j
			toks = append(toks, t)
			i = j
			space = false
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += w2
			}
			low := strings.ToLower(s[i:j])
			t := token{kind: tkWord, text: s[i:j], low: low, start: i, end: j, space: space}
			t.mon = monthNames[low]
			toks = append(toks, t)
			i = j
			space = false
		default:
			t := token{kind: tkPunct, text: s[i : i+w], ch: r, start: i, end: i + w, space: space}
			if isDashRune(r) {
				t.ch = '-'
			}
			if r == '’' || r == '‘' {
				t.ch = '\''
			}
			if isNoteRune(r) {
				t.kind = tkNote
			}
			toks = append(toks, t)
			i += w
			space = false
		}
	}
	return toks
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// atoiCapped reads a run of digits, saturating instead of overflowing so that
// a long digit string is simply "too big to be a date part".
func atoiCapped(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
		if n > 1_000_000 {
			return 1_000_001
		}
	}
	return n
}
