package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word, a number or a punctuation mark of a sentence.
type token struct {
	text       string // as printed
	low        string // lower case, curly apostrophes straightened
	start, end int    // byte offsets in the article
	punct      bool
}

// tokenize splits text[s.start:s.end] into tokens. Words keep inner hyphens
// and apostrophes ("three-year", "11-year-old", "force's"); numbers keep
// thousands separators, decimal points and year slashes ("140,000", "4.5",
// "2023/24", "2024-08-04").
func tokenize(text string, s span) []token {
	// About one token in five bytes of prose: room for them all at once
	// saves growing the slice over and over.
	out := make([]token, 0, (s.end-s.start)/5+4)
	i := s.start
	for i < s.end {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		if !isWordRune(r) {
			t := text[i : i+w]
			out = append(out, token{text: t, low: straighten(t), start: i, end: i + w, punct: true})
			i += w
			continue
		}
		j := i + w
		for j < s.end {
			c, cw := utf8.DecodeRuneInString(text[j:])
			if isWordRune(c) {
				j += cw
				continue
			}
			// Joiners count only between two word characters.
			if strings.ContainsRune("-'’,./:", c) && j+cw < s.end {
				n, _ := utf8.DecodeRuneInString(text[j+cw:])
				prev, _ := utf8.DecodeLastRuneInString(text[i:j])
				if joins(c, prev, n, text[j+cw:s.end]) {
					j += cw
					continue
				}
			}
			break
		}
		t := text[i:j]
		out = append(out, token{text: t, low: straighten(strings.ToLower(t)), start: i, end: j})
		i = j
	}
	return out
}

func joins(c, prev, next rune, rest string) bool {
	switch c {
	case '-':
		return isWordRune(prev) && isWordRune(next)
	case '\'', '’':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	case ',':
		// "140,000": a comma joins digits only before exactly three of them.
		if !unicode.IsDigit(prev) || len(rest) < 3 {
			return false
		}
		for k := 0; k < 3; k++ {
			if rest[k] < '0' || rest[k] > '9' {
				return false
			}
		}
		return len(rest) == 3 || rest[3] < '0' || rest[3] > '9'
	case '.', '/', ':':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func straighten(s string) string {
	if !strings.ContainsAny(s, "’‘“”–—") {
		return s
	}
	return curly.Replace(s)
}

// curly maps typographic quotes and dashes to their plain forms.
var curly = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", "-")
