package period

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Found is a period mentioned in running text.
type Found struct {
	Parsed
	// Offset is the byte offset of Text in the text searched, as in
	// foiwire.Claim: text[Offset:Offset+len(Text)] == Text.
	Offset int
	// Relative is set for periods named relative to the text's own time
	// ("this year", "since 2021", "the following year"). They are placed
	// with Options.Latest and Options.Now; when those are zero the Kind is
	// KindRelative and the Period zero (or, for "since", only Start set).
	Relative bool
}

// Find returns every period mentioned in text, in order: table headings
// ("[Between April 6 - April 5 2021/22, 2022/23, 2023/24]"), prose ("in
// 2023/24 alone", "between 2023/24", "since 2021", "in the last three
// years", "66 the following year"). A heading that declares its own year
// boundary ("April 6 - April 5") is not itself returned; it sets the start
// of the financial years that follow it in the text. A single date ("22
// July 2024") is not a period, and a four-digit number that reads as a count
// ("about 2000 crimes", "£2024", "2019-20" inside "0100.2019-20") is not a
// year. Find never fails; it returns nil when there is nothing.
func Find(text string, opt Options) []Found {
	toks := tokenize(text)
	p := newParser(text, toks, opt, true)
	var out []Found
	for i := 0; i < len(toks); {
		if toks[i].kind != tkNum && toks[i].kind != tkWord {
			i++
			continue
		}
		r, ok := p.parseAt(i)
		if !ok || r.next <= i || !p.standsAlone(i, r) {
			// A single date is no period, and its tail ("Apr 2015" of "23
			// Apr 2015") is not one either.
			if pt, ok := p.pointAt(i); ok && pt.y != 0 && pt.d != 0 {
				i = pt.next
				continue
			}
			i++
			continue
		}
		if r.fs != nil {
			p.fs = *r.fs
		}
		if r.onlyBoundary {
			i = r.next
			continue
		}
		start, end := toks[r.first].start, toks[r.next-1].end
		r.Text = text[start:end]
		out = append(out, Found{Parsed: r.Parsed, Offset: start, Relative: r.relative})
		switch r.Kind {
		case KindCalendarYear, KindFinancialYear, KindTaxYear:
			p.prev = r.Period
		}
		i = r.next
	}
	return out
}

// standsAlone reports whether the match at tokens i..r.next is a period in
// its own right and not part of a reference number, an amount or a count.
func (p *parser) standsAlone(i int, r result) bool {
	start, end := p.toks[r.first].start, p.toks[r.next-1].end
	if start > 0 {
		c, _ := utf8.DecodeLastRuneInString(p.src[:start])
		// A letter or digit joins the match to a word; "/", "_", "=" and the
		// like put it inside an address or a path; "£" makes it money.
		if unicode.IsLetter(c) || unicode.IsDigit(c) || strings.ContainsRune("/\\_=&?#@£$€", c) {
			return false
		}
		if c == '.' || c == '-' || c == ':' || c == ',' {
			b, _ := utf8.DecodeLastRuneInString(p.src[:start-1])
			if unicode.IsDigit(b) {
				return false
			}
		}
	}
	if end < len(p.src) {
		c, w := utf8.DecodeRuneInString(p.src[end:])
		if unicode.IsLetter(c) || unicode.IsDigit(c) || strings.ContainsRune("%_\\@", c) {
			return false
		}
		n, _ := utf8.DecodeRuneInString(p.src[end+w:])
		if (c == '.' || c == '-' || c == ',') && unicode.IsDigit(n) || c == '/' && (unicode.IsDigit(n) || unicode.IsLetter(n)) {
			return false
		}
	}
	if r.bare {
		return p.bareYearReads(i)
	}
	return true
}

// quantityWords come before counts, not years: "about 2000", "over 2024".
var quantityWords = map[string]bool{
	"about": true, "around": true, "approximately": true, "approx": true, "nearly": true,
	"almost": true, "over": true, "under": true, "than": true, "some": true, "least": true,
	"just": true, "only": true, "exactly": true, "roughly": true, "estimated": true,
	"additional": true, "further": true, "another": true, "total": true, "exceeding": true,
	"number": true, "no": true, "page": true, "ref": true, "reference": true, "tel": true,
	"telephone": true, "phone": true, "room": true, "code": true, "section": true, "s": true,
	// Legislation is named by year: "Sexual Offences Act 2003" is no period.
	"act": true, "order": true, "regulations": true, "version": true,
}

// countNouns follow counts, not years: "2000 crimes".
var countNouns = map[string]bool{
	"offences": true, "offence": true, "crimes": true, "crime": true, "people": true,
	"persons": true, "cases": true, "reports": true, "incidents": true, "calls": true,
	"victims": true, "arrests": true, "charges": true, "officers": true, "staff": true,
	"records": true, "hits": true, "items": true, "pounds": true, "users": true,
	"accounts": true, "times": true, "words": true, "characters": true, "posts": true,
	"messages": true, "images": true, "children": true, "miles": true, "deaths": true,
	"hours": true, "per": true, "of": true,
}

// bareYearReads decides whether a lone four-digit number at i is a year: not
// when a number stands just before it, and not when the words around it say
// it is a count.
func (p *parser) bareYearReads(i int) bool {
	prev, next := p.tok(i-1), p.tok(i+1)
	if prev.kind == tkNum {
		return false
	}
	if prev.kind == tkWord && quantityWords[prev.low] {
		return false
	}
	if next.kind == tkWord && countNouns[next.low] {
		return false
	}
	return true
}
