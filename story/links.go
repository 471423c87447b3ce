package story

import (
	"strings"
	"unicode/utf8"
)

// Link ties a span of a story's text to the fact it states. Template
// functions make links as they write numbers and names from facts, so a
// story's links are known from the moment it is rendered; the self-check
// verifies them and re-reads only the numbers without one.
type Link struct {
	Start, End int    // byte offsets in the text the link belongs to
	Fact       string // the fact's id
	// Format is how the value was written: "num", "words", "approx",
	// "pct", "share", or "label" for an offence or outcome named from the
	// fact (its words may hold digits, as in "a child under 13").
	Format string
}

// The markers template functions put around a linked value while a story
// is rendered; they come from Unicode's private use area, so no campaign
// text holds them, and they are taken out before anything is written.
const (
	markOpen = '\uE000' // then "<fact id>|<format>"
	markText = '\uE001' // then the text written
	markEnd  = '\uE002'
)

// mark wraps text written from a fact in markers. A fact id of "" gives
// the text alone.
func mark(fact, format, text string) string {
	if fact == "" || text == "" {
		return text
	}
	return string(markOpen) + fact + "|" + format + string(markText) + text + string(markEnd)
}

// segment is a run of rendered text, linked or not.
type segment struct {
	text, fact, format string
}

// segments cuts marked text into runs. Unbalanced markers (which a template
// can only make by slicing a function's output) are dropped, keeping the
// words.
func segments(s string) []segment {
	var out []segment
	for s != "" {
		i := strings.IndexRune(s, markOpen)
		if i < 0 {
			out = append(out, segment{text: stripMarks(s)})
			break
		}
		if i > 0 {
			out = append(out, segment{text: stripMarks(s[:i])})
		}
		rest := s[i+utf8.RuneLen(markOpen):]
		j := strings.IndexRune(rest, markText)
		k := strings.IndexRune(rest, markEnd)
		if j < 0 || k < j {
			s = rest
			continue
		}
		head, text := rest[:j], rest[j+utf8.RuneLen(markText):k]
		fact, format, _ := strings.Cut(head, "|")
		// A linked name may hold a linked number (never, today); keep the
		// outer link and the words.
		out = append(out, segment{text: stripMarks(text), fact: fact, format: format})
		s = rest[k+utf8.RuneLen(markEnd):]
	}
	return out
}

// stripMarks removes every marker and the fact ids they carry.
func stripMarks(s string) string {
	if !strings.ContainsRune(s, markOpen) && !strings.ContainsRune(s, markEnd) && !strings.ContainsRune(s, markText) {
		return s
	}
	var b strings.Builder
	skip := false
	for _, r := range s {
		switch r {
		case markOpen:
			skip = true
		case markText:
			skip = false
		case markEnd:
		default:
			if !skip {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// unmark turns rendered text into plain text and its links, writing a
// number that opens a sentence in words (house style) as it goes.
func unmark(s string) (string, []Link) {
	var b strings.Builder
	var links []Link
	start := true
	for _, sg := range segments(s) {
		text := sg.text
		if start && text != "" && isDigit(text[0]) {
			text = openingNumbers(text)
		} else if sg.fact == "" {
			text = openingNumbersAfterFirst(text, start)
		}
		at := b.Len()
		b.WriteString(text)
		if sg.fact != "" {
			links = append(links, Link{Start: at, End: b.Len(), Fact: sg.fact, Format: sg.format})
		}
		start = endsSentence(b.String())
	}
	return b.String(), links
}

// openingNumbersAfterFirst applies openingNumbers to plain text that does
// not itself open a sentence: only numbers after a full stop inside it are
// rewritten.
func openingNumbersAfterFirst(text string, start bool) string {
	if start {
		return openingNumbers(text)
	}
	// Prefix a letter so the text's first character opens no sentence.
	return openingNumbers("x" + text)[1:]
}

// endsSentence reports whether the text so far ends where a sentence may
// start: empty, or after ". " and the like.
func endsSentence(s string) bool {
	t := strings.TrimRight(s, " \"'“‘(")
	if t == "" {
		return true
	}
	if len(t) == len(s) {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?', '\n':
		return true
	}
	return false
}

// capMarked upper-cases the first letter of s, inside a link when s opens
// with one.
func capMarked(s string) string {
	if strings.HasPrefix(s, string(markOpen)) {
		if j := strings.IndexRune(s, markText); j >= 0 {
			j += utf8.RuneLen(markText)
			return s[:j] + Capitalise(s[j:])
		}
	}
	return Capitalise(s)
}

// lowerMarked lower-cases the first letter of s, inside a link when s
// opens with one.
func lowerMarked(s string) string {
	if strings.HasPrefix(s, string(markOpen)) {
		if j := strings.IndexRune(s, markText); j >= 0 {
			j += utf8.RuneLen(markText)
			return s[:j] + lowerFirst(s[j:])
		}
	}
	return lowerFirst(s)
}
