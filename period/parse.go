package period

import (
	"time"

	"github.com/foiwire/foiwire"
)

// parser reads periods from the tokens of one text. In find mode it reads
// running prose and is stricter about what may be a year.
type parser struct {
	src  string
	toks []token
	opt  Options
	fs   monthDay // the fiscal start in force; a "6 April to 5 April" heading changes it
	find bool
	// prev is the last single year found, for "the following year".
	prev foiwire.Period
}

func newParser(src string, toks []token, opt Options, find bool) *parser {
	return &parser{src: src, toks: toks, opt: opt, fs: opt.fiscalStart(), find: find}
}

// tok returns token j, or the zero token past either end.
func (p *parser) tok(j int) token {
	if j < 0 || j >= len(p.toks) {
		return token{}
	}
	return p.toks[j]
}

// glued reports whether token j follows token j-1 with no space between.
func (p *parser) glued(j int) bool {
	return j > 0 && j < len(p.toks) && !p.toks[j].space
}

// hint is what the words around a period say about its kind.
type hint uint8

const (
	hintNone hint = iota
	hintCalendar
	hintFinancial
	hintTax
)

// result is one period read at a position, with the index of the token
// after it.
type result struct {
	Parsed
	next     int
	first    int // the first token that says something: Find leaves out "year", "period"
	relative bool
	// bare marks a lone four-digit year with no word or mark around it,
	// which running text uses for counts too ("about 2000 crimes").
	bare bool
	// fs is set when the text declares its own year boundary ("April 6 -
	// April 5"); onlyBoundary when that is all it says.
	fs           *monthDay
	onlyBoundary bool
}

type coreKind uint8

const (
	cFixed    coreKind = iota + 1 // days known: a range, a month, a year ending
	cYears                        // plain years: "2021", "2013-2017", "2022 to 2023"
	cFY                           // financial years by their first year: "2021/22", "2021/22 to 2023/24"
	cQuarter                      // quarter q of year y1 (of the financial year when fiscalQ)
	cBoundary                     // a yearless "6 April to 5 April"
)

// core is the period itself, before the words after it are read.
type core struct {
	kind    coreKind
	p       foiwire.Period
	ranged  bool // cFixed written as two points
	y1, y2  int
	tight   bool // years joined by "/" or "-", not by a word
	q       int
	fiscalQ bool
	fs      *monthDay // the boundary the text itself gave
	next    int
}

// parseAt reads one period starting at token i.
func (p *parser) parseAt(i int) (result, bool) {
	if r, ok := p.relativeAt(i); ok {
		return r, true
	}
	j, h, between, first := p.prefix(i)
	c, ok := p.coreAt(j, between, h)
	if !ok {
		return result{}, false
	}
	if c.kind == cBoundary {
		return result{next: c.next, first: first, fs: c.fs, onlyBoundary: true}, true
	}
	k := c.next
	if h2, k2 := p.suffixHint(k); k2 > k {
		h, k = h2, k2
	}
	fs := p.fs
	if c.fs != nil {
		fs = *c.fs
	}
	per, kind, ok := resolve(c, h, fs)
	if !ok {
		return result{}, false
	}
	if p.tok(first).is("from") && !c.ranged && c.y1 == c.y2 {
		first++ // "from 2015" alone says no more than "2015"
	}
	r := result{Parsed: Parsed{Period: per, Kind: kind}, first: first, fs: c.fs}
	if c.ranged {
		r.PartYear = partOfYear(per, fs)
	}
	coreEnd := k
	for {
		k2, ok := p.qualifier(k, &r)
		if !ok {
			break
		}
		k = k2
	}
	r.next = k
	r.bare = c.kind == cYears && c.y1 == c.y2 && j == i && coreEnd == c.next && k == coreEnd
	return r, true
}

// partOfYear reports whether a written range starts on a year boundary but
// stops before the year is out, like "Jan–Jun 2024".
func partOfYear(per foiwire.Period, fs monthDay) bool {
	if !startsYear(per.Start, fs) {
		return false
	}
	k := classify(per, fs)
	if k != KindRange {
		return false
	}
	full := foiwire.NewDate(per.Start.Year()+1, per.Start.Month(), per.Start.Day()).AddDays(-1)
	return per.End.Before(full)
}

// prefix skips the words that may open a period ("between", "from",
// "calendar year", "FY", "financial years", "period") and returns what they
// say, and the first of them that changes the reading.
func (p *parser) prefix(i int) (j int, h hint, between bool, first int) {
	j, first = i, i
	for {
		t := p.tok(j)
		switch {
		case t.is("between"):
			between = true
			j++
		case t.is("from"):
			j++
		case t.is("calendar") || t.is("cy"):
			h = hintCalendar
			j = p.skipYearWord(j + 1)
		case t.is("financial") || t.is("fiscal"):
			h = hintFinancial
			j = p.skipYearWord(j + 1)
		case t.is("fy") || t.is("fye"):
			h = hintFinancial
			j++
		case t.is("tax") && p.isYearWord(j+1):
			h = hintTax
			j = p.skipYearWord(j + 1)
		case t.is("period") || (p.isYearWord(j) && !p.opensYearEnding(j)):
			j++
			if p.tok(j).isCh(':') {
				j++
			}
			if first == j-1 || (first == j-2 && p.tok(j-1).isCh(':')) {
				first = j
			}
		default:
			k := p.skipInclusive(j)
			if k == j {
				return j, h, between, first
			}
			j = k
		}
	}
}

func (p *parser) isYearWord(j int) bool {
	t := p.tok(j)
	return t.is("year") || t.is("years")
}

// opensYearEnding reports whether the "year" at j starts "year ending ...",
// "year to ...", which is a period in itself, not a prefix.
func (p *parser) opensYearEnding(j int) bool {
	n := p.tok(j + 1)
	return n.is("ending") || n.is("ended") || n.is("to") || n.is("end")
}

func (p *parser) skipYearWord(j int) int {
	if p.isYearWord(j) && !p.opensYearEnding(j) {
		return j + 1
	}
	return j
}

// skipInclusive skips "(and including)", "(inclusive)" and "(incl.)", which
// requests put around the ends of a range.
func (p *parser) skipInclusive(j int) int {
	if !p.tok(j).isCh('(') {
		return j
	}
	k := j + 1
	if p.tok(k).is("and") {
		k++
	}
	switch w := p.tok(k); {
	case w.is("including") || w.is("inclusive") || w.is("incl"):
		k++
	default:
		return j
	}
	if p.tok(k).isCh('.') {
		k++
	}
	if p.tok(k).isCh(')') {
		return k + 1
	}
	return j
}

// suffixHint reads "financial year", "calendar year", "tax year" or "FY"
// after a period.
func (p *parser) suffixHint(j int) (hint, int) {
	t := p.tok(j)
	switch {
	case t.is("financial") || t.is("fiscal"):
		return hintFinancial, p.skipYearWord(j + 1)
	case t.is("calendar"):
		return hintCalendar, p.skipYearWord(j + 1)
	case t.is("tax") && p.isYearWord(j+1):
		return hintTax, j + 2
	case t.is("fy"):
		return hintFinancial, j + 1
	}
	return hintNone, j
}

// coreAt tries every shape of period at j and keeps the longest reading;
// among equally long ones the first listed wins.
func (p *parser) coreAt(j int, between bool, h hint) (core, bool) {
	var best core
	found := false
	try := func(c core, ok bool) {
		if ok && (!found || c.next > best.next) {
			best, found = c, true
		}
	}
	try(p.yearEndingAt(j))
	try(p.fyRangeAt(j, between, h))
	try(p.yearRangeAt(j, between))
	try(p.fyAt(j, h))
	try(p.yearAt(j))
	try(p.quarterAt(j, h))
	try(p.rangeAt(j, between))
	if found && best.kind == cBoundary {
		// "Between April 6 - April 5 2021/22, 2022/23": the years that follow
		// are counted from the boundary just given.
		k := best.next
		if p.tok(k).isCh(',') || p.tok(k).isCh(':') {
			k++
		}
		if fy, ok := p.yearsAfterBoundary(k); ok {
			fy.fs = best.fs
			return fy, true
		}
	}
	return best, found
}

// yearsAfterBoundary reads the financial years a boundary heading counts:
// "2021/22", "2021/22 to 2023/24", "2021/2022".
func (p *parser) yearsAfterBoundary(k int) (core, bool) {
	if c, ok := p.fyRangeAt(k, false, hintFinancial); ok {
		return c, true
	}
	if c, ok := p.fyAt(k, hintFinancial); ok {
		return c, true
	}
	if c, ok := p.yearRangeAt(k, false); ok && c.tight && c.y2 == c.y1+1 {
		return core{kind: cFY, y1: c.y1, y2: c.y1, next: c.next}, true
	}
	return core{}, false
}

// resolve turns a core into days, with the hint read around it.
func resolve(c core, h hint, fs monthDay) (foiwire.Period, Kind, bool) {
	if h == hintTax {
		fs = aprSixth
	}
	var per foiwire.Period
	switch c.kind {
	case cFixed:
		per = c.p
	case cYears:
		if c.y1 == c.y2 {
			// "FY 2024" and "tax year 2024" are read both ways in practice:
			// better unread than wrong.
			if h == hintFinancial || h == hintTax {
				return per, "", false
			}
			per = yearFrom(c.y1, janFirst)
			break
		}
		asFY := h == hintFinancial || h == hintTax || (c.tight && c.y2 == c.y1+1 && h != hintCalendar)
		if asFY {
			per = foiwire.Period{Start: yearFrom(c.y1, fs).Start, End: yearFrom(c.y2-1, fs).End}
		} else {
			per = foiwire.Period{Start: yearFrom(c.y1, janFirst).Start, End: yearFrom(c.y2, janFirst).End}
		}
	case cFY:
		if h == hintCalendar {
			return per, "", false
		}
		per = foiwire.Period{Start: yearFrom(c.y1, fs).Start, End: yearFrom(c.y2, fs).End}
	case cQuarter:
		var s foiwire.Date
		if c.fiscalQ {
			b := yearFrom(c.y1, fs).Start
			s = foiwire.NewDate(b.Year(), b.Month()+time.Month(3*(c.q-1)), b.Day())
		} else {
			s = foiwire.NewDate(c.y1, time.Month(3*(c.q-1)+1), 1)
		}
		e := foiwire.NewDate(s.Year(), s.Month()+3, s.Day()).AddDays(-1)
		return foiwire.Period{Start: s, End: e}, KindQuarter, true
	default:
		return per, "", false
	}
	return per, classify(per, fs), true
}

// isYear reports whether t is a four-digit year the package reads.
func isYear(t token) bool {
	return t.kind == tkNum && t.ndig == 4 && !t.grouped && !t.ord && t.val >= 1900 && t.val <= 2099
}

// compoundAfter reports whether token j is followed, with no space, by "/",
// "-" or "." and a number: the year at j is then part of "2021/22", a
// reference like "0100.2019-20" or an ISO date, not a year on its own.
func (p *parser) compoundAfter(j int) bool {
	s := p.tok(j + 1)
	return p.glued(j+1) && (s.isCh('/') || s.isDash() || s.isCh('.')) && p.tok(j+2).kind == tkNum && p.glued(j+2)
}

func (p *parser) yearAt(j int) (core, bool) {
	t := p.tok(j)
	if !isYear(t) || p.compoundAfter(j) {
		return core{}, false
	}
	return core{kind: cYears, y1: t.val, y2: t.val, next: j + 1}, true
}

// yearSep reads what joins the two ends of a range: a dash, "to", "until",
// "through", "up to", or "and" after "between".
func (p *parser) yearSep(j int, between bool) (int, bool) {
	t := p.tok(j)
	switch {
	case t.isDash():
		return j + 1, true
	case t.is("to") || t.is("until") || t.is("till") || t.is("through") || t.is("thru"):
		return j + 1, true
	case t.is("up") && p.tok(j+1).is("to"):
		return j + 2, true
	case t.is("and") && between:
		return j + 1, true
	}
	return j, false
}

// yearRangeAt reads two four-digit years: "2013-2017", "2022 to 2023",
// "2021/2022", "2011- 2012".
func (p *parser) yearRangeAt(j int, between bool) (core, bool) {
	a := p.tok(j)
	if !isYear(a) {
		return core{}, false
	}
	k := j + 1
	tight := false
	if p.tok(k).isCh('/') {
		k++
		tight = true
	} else if k2, ok := p.yearSep(k, between); ok {
		tight = p.tok(k).isDash()
		k = k2
	} else {
		return core{}, false
	}
	b := p.tok(k)
	if !isYear(b) || b.val <= a.val || b.val > a.val+50 || p.compoundAfter(k) {
		return core{}, false
	}
	if p.tok(j+1).isCh('/') && b.val != a.val+1 {
		return core{}, false
	}
	return core{kind: cYears, y1: a.val, y2: b.val, tight: tight, next: k + 1}, true
}

// fyAt reads one financial year written with its second year short:
// "2021/22", "2021-22", "2021 - 22", and after "FY" also "22/23" and "22-23".
// Outside running text a bare "20/21" is read too, as table headers use it.
func (p *parser) fyAt(j int, h hint) (core, bool) {
	a := p.tok(j)
	if a.kind != tkNum || a.ord || a.grouped {
		return core{}, false
	}
	s := p.tok(j + 1)
	if !s.isCh('/') && !s.isDash() {
		return core{}, false
	}
	b := p.tok(j + 2)
	if b.kind != tkNum || b.ord || b.grouped || b.ndig != 2 {
		return core{}, false
	}
	var y int
	switch {
	case isYear(a):
		y = a.val
	case a.ndig == 2 && (h == hintFinancial || (!p.find && s.isCh('/') && p.glued(j+1) && p.glued(j+2))):
		y = 2000 + a.val
	default:
		return core{}, false
	}
	if b.val != (y+1)%100 {
		return core{}, false
	}
	// "2021/22/23" is no financial year; "2021/22-2023/24" starts one.
	if n := p.tok(j + 3); p.glued(j+3) && (n.isCh('/') || n.isCh('.')) && p.tok(j+4).kind == tkNum {
		return core{}, false
	}
	return core{kind: cFY, y1: y, y2: y, next: j + 3}, true
}

// fyRangeAt reads a run of financial years: "2021/22 to 2023/24",
// "2021/22-2023/24", "between 2021/22 and 2023/24".
func (p *parser) fyRangeAt(j int, between bool, h hint) (core, bool) {
	a, ok := p.fyAt(j, h)
	if !ok {
		return core{}, false
	}
	k, ok := p.yearSep(a.next, between)
	if !ok {
		return core{}, false
	}
	if p.tok(k).is("fy") {
		k++
	}
	b, ok := p.fyAt(k, h)
	if !ok {
		// "2021/22 to 2023/2024"
		if r, ok2 := p.yearRangeAt(k, false); ok2 && r.tight && r.y2 == r.y1+1 && p.tok(k+1).isCh('/') {
			b, ok = core{kind: cFY, y1: r.y1, y2: r.y1, next: r.next}, true
		}
	}
	if !ok || b.y1 < a.y1 {
		return core{}, false
	}
	return core{kind: cFY, y1: a.y1, y2: b.y1, next: b.next}, true
}

// quarterAt reads "Q1 2024", "Q1-2024", "Quarter 1 2024", "1st quarter
// 2024", "2024 Q1" and their financial-year forms ("Q1 2024/25").
func (p *parser) quarterAt(j int, h hint) (core, bool) {
	q, k, ok := p.quarterWord(j)
	if ok {
		if p.tok(k).isDash() || p.tok(k).is("of") || p.tok(k).isCh(',') {
			k++
		}
		if p.tok(k).is("fy") {
			h = hintFinancial
			k++
		}
		if c, ok := p.fyAt(k, h); ok {
			return core{kind: cQuarter, q: q, y1: c.y1, fiscalQ: true, next: c.next}, true
		}
		if c, ok := p.yearAt(k); ok {
			return core{kind: cQuarter, q: q, y1: c.y1, fiscalQ: h == hintFinancial, next: c.next}, true
		}
		return core{}, false
	}
	fiscal := false
	y := 0
	if c, ok := p.fyAt(j, h); ok {
		y, fiscal, k = c.y1, true, c.next
	} else if c, ok := p.yearAt(j); ok {
		y, k = c.y1, c.next
	} else {
		return core{}, false
	}
	if p.tok(k).isDash() {
		k++
	}
	q, k, ok = p.quarterWord(k)
	if !ok {
		return core{}, false
	}
	return core{kind: cQuarter, q: q, y1: y, fiscalQ: fiscal, next: k}, true
}

// quarterWord reads "Q1", "Quarter 1", "1st quarter" and returns 1..4.
func (p *parser) quarterWord(j int) (int, int, bool) {
	t, n := p.tok(j), p.tok(j+1)
	switch {
	case t.is("q") && n.kind == tkNum && p.glued(j+1) && n.val >= 1 && n.val <= 4 && n.ndig == 1:
		return n.val, j + 2, true
	case (t.is("quarter") || t.is("qtr")) && n.kind == tkNum && n.val >= 1 && n.val <= 4 && n.ndig == 1:
		return n.val, j + 2, true
	case t.kind == tkNum && t.ord && t.val >= 1 && t.val <= 4 && (n.is("quarter") || n.is("qtr")):
		return t.val, j + 2, true
	}
	return 0, j, false
}

// numberWord reads a small count written in figures or words: "3", "three".
func (p *parser) numberWord(j int) (int, bool) {
	t := p.tok(j)
	if t.kind == tkNum && !t.ord && !t.grouped && t.ndig <= 2 && t.val > 0 {
		return t.val, true
	}
	if t.kind != tkWord {
		return 0, false
	}
	for n, w := range [...]string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"} {
		if n > 0 && t.low == w {
			return n, true
		}
	}
	return 0, false
}

// yearEndingAt reads "year ending March 2024", "year to 31 March 2024",
// "12 months to March 2024", "six months ending 30 June 2024".
func (p *parser) yearEndingAt(j int) (core, bool) {
	k := j
	months := 0
	if p.isYearWord(k) && p.tok(k).is("year") {
		months = 12
		k++
	} else if n, ok := p.numberWord(k); ok && (p.tok(k+1).is("months") || p.tok(k+1).is("month")) {
		months = n
		k += 2
	} else {
		return core{}, false
	}
	switch t := p.tok(k); {
	case t.is("ending") || t.is("ended") || t.is("to"):
		k++
	case t.is("up") && p.tok(k+1).is("to"):
		k += 2
	default:
		return core{}, false
	}
	b, ok := p.pointAt(k)
	if !ok || b.y == 0 || b.m == 0 {
		return core{}, false
	}
	var end foiwire.Date
	if b.d == 0 {
		end = foiwire.NewDate(b.y, time.Month(b.m), lastDay(b.y, time.Month(b.m)))
	} else {
		end = foiwire.NewDate(b.y, time.Month(b.m), b.d)
	}
	after := end.AddDays(1)
	start := foiwire.NewDate(after.Year(), after.Month()-time.Month(months), after.Day())
	return core{kind: cFixed, p: foiwire.Period{Start: start, End: end}, next: b.next}, true
}

// rangeAt reads two points joined by a dash or a word ("6th Apr 2021 to 5th
// Apr 2022", "Jan–Jun 2024", "April 2023 - March 2024") or a single month
// ("March 2024", "Mar-24").
func (p *parser) rangeAt(j int, between bool) (core, bool) {
	a, ok := p.pointAt(j)
	if !ok {
		// "1 to 15 March 2015": the first day borrows the month.
		a, ok = p.dayOnlyAt(j)
		if !ok {
			return core{}, false
		}
	}
	k := p.skipInclusive(a.next)
	if k2, ok := p.yearSep(k, between); ok {
		k2 = p.skipInclusive(k2)
		if b, ok := p.pointAt(k2); ok {
			if a.m == 0 && b.d >= a.d {
				a.m = b.m
			}
			if c, ok := span(a, b); a.m != 0 && ok {
				c.next = b.next
				return c, true
			}
		}
	}
	if a.y != 0 && a.m != 0 && a.d == 0 {
		m := time.Month(a.m)
		per := foiwire.Period{Start: foiwire.NewDate(a.y, m, 1), End: foiwire.NewDate(a.y, m, lastDay(a.y, m))}
		return core{kind: cFixed, p: per, next: a.next}, true
	}
	return core{}, false
}

// span joins two points into a range, taking a missing year from the other
// end. Two yearless days a year apart ("April 6 - April 5") are a year
// boundary, not a range.
func span(a, b point) (core, bool) {
	if a.y == 0 && b.y == 0 {
		if a.d != 0 && b.d != 0 {
			s := foiwire.NewDate(2001, time.Month(a.m), a.d).AddDays(-1)
			if int(s.Month()) == b.m && s.Day() == b.d {
				return core{kind: cBoundary, fs: &monthDay{time.Month(a.m), a.d}}, true
			}
		}
		if a.altY == 0 || b.altY == 0 {
			return core{}, false
		}
		// "Apr 23 to Mar 24" is April 2023 to March 2024.
		a = point{y: a.altY, m: a.m}
		b = point{y: b.altY, m: b.m}
	}
	if a.altY != 0 && a.y == 0 && b.y != 0 && b.d == 0 {
		a.y, a.d = a.altY, 0
	}
	if b.altY != 0 && b.y == 0 && a.y != 0 && a.d == 0 {
		b.y, b.d = b.altY, 0
	}
	if a.y == 0 {
		a.y = b.y
		if a.m > b.m || (a.m == b.m && a.d > b.d && b.d != 0) {
			a.y--
		}
	}
	if b.y == 0 {
		b.y = a.y
		if b.m < a.m || (b.m == a.m && b.d != 0 && a.d != 0 && b.d < a.d) {
			b.y++
		}
	}
	am, bm := time.Month(a.m), time.Month(b.m)
	if a.d > lastDay(a.y, am) || b.d > lastDay(b.y, bm) {
		return core{}, false
	}
	s := foiwire.NewDate(a.y, am, max(a.d, 1))
	e := foiwire.NewDate(b.y, bm, b.d)
	if b.d == 0 {
		e = foiwire.NewDate(b.y, bm, lastDay(b.y, bm))
	}
	if e.Before(s) {
		return core{}, false
	}
	return core{kind: cFixed, p: foiwire.Period{Start: s, End: e}, ranged: true}, true
}

// point is one end of a range, with the parts the text gave (zero where it
// gave none).
type point struct {
	y, m, d int
	// altY is set for "Apr 23" with a space, which may be 23 April or April
	// 2023: d holds the day reading, altY the year reading.
	altY int
	next int
}

// pointAt reads a date, a month and year, a day and month, or a month.
func (p *parser) pointAt(j int) (point, bool) {
	if pt, ok := p.numericDateAt(j); ok {
		return pt, true
	}
	t := p.tok(j)
	switch {
	case t.kind == tkNum && (t.ord || t.ndig <= 2) && !t.grouped:
		return p.dayFirstAt(j)
	case t.kind == tkWord && t.mon != 0:
		return p.monthFirstAt(j)
	}
	return point{}, false
}

// dayOnlyAt reads a day of the month on its own, as the first end of a range.
func (p *parser) dayOnlyAt(j int) (point, bool) {
	t := p.tok(j)
	if t.kind != tkNum || t.grouped || (!t.ord && t.ndig > 2) || t.val < 1 || t.val > 31 {
		return point{}, false
	}
	return point{d: t.val, next: j + 1}, true
}

// numericDateAt reads 06/04/2021, 6.4.21, 06-04-2021, 2021-04-06 and 04/2021,
// all day first.
func (p *parser) numericDateAt(j int) (point, bool) {
	a := p.tok(j)
	if a.kind != tkNum || a.ord || a.grouped {
		return point{}, false
	}
	s1, b := p.tok(j+1), p.tok(j+2)
	if !p.glued(j+1) || !p.glued(j+2) || b.kind != tkNum || b.ord || b.grouped {
		return point{}, false
	}
	if !s1.isCh('/') && !s1.isCh('.') && !s1.isDash() {
		return point{}, false
	}
	s2, c := p.tok(j+3), p.tok(j+4)
	full := p.glued(j+3) && p.glued(j+4) && s2.kind == tkPunct && s2.ch == s1.ch && c.kind == tkNum && !c.ord && !c.grouped
	var pt point
	switch {
	case full && a.ndig == 4 && s1.isDash() && b.ndig <= 2 && c.ndig <= 2:
		pt = point{y: a.val, m: b.val, d: c.val, next: j + 5}
	case full && a.ndig <= 2 && b.ndig <= 2 && (c.ndig == 4 || c.ndig == 2):
		y := c.val
		if c.ndig == 2 {
			y += 2000
		}
		pt = point{y: y, m: b.val, d: a.val, next: j + 5}
	case !full && s1.isCh('/') && a.ndig <= 2 && b.ndig == 4:
		pt = point{y: b.val, m: a.val, next: j + 3}
	default:
		return point{}, false
	}
	if pt.y < 1900 || pt.y > 2099 || pt.m < 1 || pt.m > 12 || pt.d < 0 || (pt.d == 0 && pt.next == j+5) || pt.d > lastDay(pt.y, time.Month(pt.m)) {
		return point{}, false
	}
	if n := p.tok(pt.next); p.glued(pt.next) && (n.kind == tkNum || n.isCh('/') || n.isCh(':')) {
		return point{}, false
	}
	return pt, true
}

// yearPartAt reads the year after a month or a day and month: "2021",
// ", 2024", "'23", "-23" (glued), or with dayGiven "23" after a space.
func (p *parser) yearPartAt(j int, dayGiven bool) (int, int, bool) {
	k := j
	if p.tok(k).isCh(',') {
		k++
	}
	t := p.tok(k)
	if isYear(t) && !p.compoundAfter(k) {
		return t.val, k + 1, true
	}
	if k != j {
		return 0, j, false
	}
	two := func(n token) bool { return n.kind == tkNum && n.ndig == 2 && !n.ord && !n.grouped }
	switch {
	case t.isCh('\'') && two(p.tok(k+1)) && p.glued(k+1):
		return 2000 + p.tok(k+1).val, k + 2, true
	case (t.isDash() || t.isCh('/')) && p.glued(k) && p.glued(k+1) && two(p.tok(k+1)) && !p.compoundAfter(k+1):
		return 2000 + p.tok(k+1).val, k + 2, true
	case (t.isDash() || t.isCh('/')) && p.glued(k) && p.glued(k+1) && isYear(p.tok(k+1)) && !p.compoundAfter(k+1):
		return p.tok(k + 1).val, k + 2, true
	case dayGiven && two(t) && t.space && !p.compoundAfter(k):
		return 2000 + t.val, k + 1, true
	}
	return 0, j, false
}

// dayFirstAt reads "6th Apr 2021", "1 April 2023", "6th of April", "6-Apr-23".
func (p *parser) dayFirstAt(j int) (point, bool) {
	d := p.tok(j)
	if d.val < 1 || d.val > 31 {
		return point{}, false
	}
	k := j + 1
	if p.tok(k).is("of") {
		k++
	} else if p.tok(k).isDash() && p.glued(k) && p.glued(k+1) {
		k++
	}
	m := p.tok(k)
	if m.kind != tkWord || m.mon == 0 {
		return point{}, false
	}
	pt := point{m: int(m.mon), d: d.val, next: k + 1}
	if y, k2, ok := p.yearPartAt(k+1, true); ok {
		pt.y, pt.next = y, k2
	}
	if pt.d > daysInMonthAnyYear(pt.m, pt.y) {
		return point{}, false
	}
	return pt, true
}

// monthFirstAt reads "April 2023", "Apr-23", "April 1st 2023", "March 31st,
// 2024", "April 6" and a bare month.
func (p *parser) monthFirstAt(j int) (point, bool) {
	m := p.tok(j)
	pt := point{m: int(m.mon), next: j + 1}
	k := j + 1
	if p.tok(k).isCh('.') && p.glued(k) {
		k++ // "Sept."
		pt.next = k
	}
	if y, k2, ok := p.yearPartAt(k, false); ok {
		pt.y, pt.next = y, k2
		return pt, true
	}
	d := p.tok(k)
	if d.kind != tkNum || d.grouped || d.val < 1 || d.val > 31 || (!d.ord && d.ndig > 2) || !d.space || p.compoundAfter(k) {
		return pt, true
	}
	if n := p.tok(k + 1); p.glued(k+1) && (n.isCh(':') || n.isCh('.') && p.tok(k+2).kind == tkNum) {
		return pt, true // a time or a decimal, not a day
	}
	pt.d, pt.next = d.val, k+1
	if y, k2, ok := p.yearPartAt(k+1, true); ok {
		pt.y, pt.next = y, k2
	} else if !d.ord && d.ndig == 2 {
		pt.altY = 2000 + d.val
	}
	if pt.d > daysInMonthAnyYear(pt.m, pt.y) {
		if pt.altY == 0 {
			return point{}, false
		}
		pt.d, pt.y, pt.altY = 0, pt.altY, 0
	}
	return pt, true
}

// daysInMonthAnyYear is the length of month m in year y, or in a leap year
// when y is unknown.
func daysInMonthAnyYear(m, y int) int {
	if y == 0 {
		if m == 2 {
			return 29
		}
		return daysInMon[m]
	}
	return lastDay(y, time.Month(m))
}
