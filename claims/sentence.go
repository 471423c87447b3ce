package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range of the article text.
type span struct{ start, end int }

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true, "nos": true,
	"co": true, "ltd": true, "inc": true, "vs": true, "v": true, "e.g": true, "i.e": true,
	"prof": true, "sgt": true, "insp": true, "supt": true, "det": true, "con": true,
	"cllr": true, "rev": true, "gen": true, "col": true, "capt": true, "approx": true,
	"fig": true, "p": true, "pp": true, "para": true, "ch": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "ch.supt": true, "cc": true, "acc": true,
	"dci": true, "dsupt": true, "hon": true, "rt": true, "est": true,
}

// sentences splits text into sentences. A line break ends a sentence unless
// the text is hard-wrapped (the next line starts in lower case); a full stop,
// question or exclamation mark ends one when a capital, a digit or an opening
// quote follows, except after an abbreviation ("Mr.", "No. 10") or an
// initial ("J. Smith").
func sentences(text string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if !wrapped(text, i) {
				emit(i)
				start = i + 1
			}
		case r == '.' || r == '!' || r == '?':
			j := i + w
			for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
				j++
			}
			for j < len(text) {
				c, cw := utf8.DecodeRuneInString(text[j:])
				if c == '"' || c == '\'' || c == '’' || c == '”' || c == ')' || c == ']' {
					j += cw
					continue
				}
				break
			}
			if j >= len(text) {
				break
			}
			k := j
			for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
			if k == j || k >= len(text) {
				break
			}
			next, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'(", next)) {
				break
			}
			if r == '.' && j == i+w && abbreviationBefore(text, i, next) {
				break
			}
			emit(j)
			start = j
			i = k
			continue
		}
		i += w
	}
	emit(len(text))
	return out
}

// wrapped reports whether the line break at i only wraps a paragraph: the
// line before does not end a sentence and the next line starts in lower case.
func wrapped(text string, i int) bool {
	j := i + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j >= len(text) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[j:])
	if !unicode.IsLower(next) {
		return false
	}
	k := i
	for k > 0 && isSpaceByte(text[k-1]) && text[k-1] != '\n' {
		k--
	}
	if k == 0 || text[k-1] == '\n' {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text[:k])
	return !strings.ContainsRune(".!?:|", last)
}

func abbreviationBefore(text string, dot int, next rune) bool {
	s := dot
	for s > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:s])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		s -= w
	}
	word := strings.ToLower(text[s:dot])
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(rune(text[s])) {
		return true // an initial
	}
	if word == "no" || word == "nos" {
		return unicode.IsDigit(next)
	}
	return abbreviations[word]
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
