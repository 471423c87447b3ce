package period

import (
	"time"

	"github.com/foiwire/foiwire"
)

// reference returns the period "this year" stands for: Options.Latest, or
// the calendar year containing Options.Now, or the zero Period.
func (p *parser) reference() foiwire.Period {
	if !p.opt.Latest.IsZero() {
		return p.opt.Latest
	}
	if !p.opt.Now.IsZero() {
		return yearFrom(p.opt.Now.Year(), janFirst)
	}
	return foiwire.Period{}
}

// relativeAt reads a period named relative to the text's own time: "this
// year", "so far", "last year", "the last three years", "the last 12
// months", "since 2021", "the following year".
func (p *parser) relativeAt(i int) (result, bool) {
	r, ok := p.relativeFrom(i)
	r.first = i
	return r, ok
}

func (p *parser) relativeFrom(i int) (result, bool) {
	t := p.tok(i)
	if t.kind != tkWord {
		return result{}, false
	}
	if k, ok := p.soFarWords(i); ok {
		// "so far this year"
		if p.tok(k).is("this") && p.tok(k+1).is("year") {
			k += 2
		}
		return p.rel(k, p.reference(), true), true
	}
	switch {
	case t.is("this") || t.is("current") || (t.is("the") && p.tok(i+1).is("current")):
		k := i + 1
		if t.is("the") {
			k++
		}
		k = p.skipKindWord(k)
		if !p.tok(k).is("year") {
			return result{}, false
		}
		k++
		partial := false
		if k2, ok := p.soFarWords(k); ok {
			k, partial = k2, true
		}
		return p.rel(k, p.reference(), partial), true
	case t.is("since"):
		return p.since(i)
	case t.is("a") && p.tok(i+1).is("year") && (p.tok(i+2).is("later") || p.tok(i+2).is("earlier")):
		return p.fromPrevious(i+3, p.tok(i+2).is("later")), true
	}
	hasThe := t.is("the")
	k := i
	if hasThe {
		k++
	}
	w := p.tok(k)
	switch {
	case hasThe && (w.is("following") || w.is("next") || w.is("subsequent")) && p.tok(k+1).is("year"):
		return p.fromPrevious(k+2, true), true
	case hasThe && (w.is("prior") || w.is("preceding")) && p.tok(k+1).is("year"):
		return p.fromPrevious(k+2, false), true
	case hasThe && w.is("year") && (p.tok(k+1).is("after") || p.tok(k+1).is("before")):
		return p.fromPrevious(k+2, p.tok(k+1).is("after")), true
	case w.is("last") || w.is("past") || w.is("previous") || w.is("latest") || (w.is("most") && p.tok(k+1).is("recent")):
		return p.lastAt(k, hasThe)
	}
	return result{}, false
}

// lastAt reads "last year", "the last year", "the past three years", "the
// last 12 months", "the previous year"; w is the index of "last".
func (p *parser) lastAt(w int, hasThe bool) (result, bool) {
	word := p.tok(w)
	k := w + 1
	if word.is("most") {
		k++
	}
	ref := p.reference()
	if n, ok := p.numberWord(k); ok {
		k++
		k = p.skipKindWord(k)
		switch u := p.tok(k); {
		case u.is("years") || (n == 1 && u.is("year")):
			if ref.IsZero() {
				return p.rel(k+1, ref, false), true
			}
			return p.rel(k+1, foiwire.Period{Start: shiftYears(ref, -(n - 1)).Start, End: ref.End}, false), true
		case u.is("months") || (n == 1 && u.is("month")):
			return p.rel(k+1, p.lastMonths(n), false), true
		}
		return result{}, false
	}
	k = p.skipKindWord(k)
	if !p.tok(k).is("year") {
		return result{}, false
	}
	k++
	switch {
	case word.is("previous"):
		return p.fromPrevious(k, false), true
	case word.is("last") && !hasThe:
		// "last year" is the year before this one; "the last year" is this one.
		return p.rel(k, shiftYears(ref, -1), false), true
	}
	return p.rel(k, ref, false), true
}

// skipKindWord skips "financial", "fiscal" or "calendar" before "year".
func (p *parser) skipKindWord(k int) int {
	if t := p.tok(k); t.is("financial") || t.is("fiscal") || t.is("calendar") {
		return k + 1
	}
	return k
}

// lastMonths returns the n months ending with the reference period, or
// ending today when only Now is known.
func (p *parser) lastMonths(n int) foiwire.Period {
	var end foiwire.Date
	switch {
	case !p.opt.Latest.IsZero():
		end = p.opt.Latest.End
	case !p.opt.Now.IsZero():
		end = p.opt.Now
	default:
		return foiwire.Period{}
	}
	after := end.AddDays(1)
	return foiwire.Period{Start: foiwire.NewDate(after.Year(), after.Month()-time.Month(n), after.Day()), End: end}
}

// since reads "since 2021", "since 2021/22", "since April 2021": from then to
// the end of the reference period (or today when only Now is known).
func (p *parser) since(i int) (result, bool) {
	k := i + 1
	ref := p.reference()
	var start foiwire.Date
	next := 0
	if c, ok := p.fyAt(k, hintNone); ok {
		start, next = yearFrom(c.y1, p.fs).Start, c.next
	} else if c, ok := p.yearAt(k); ok {
		b := janFirst
		// In a story about financial years "since 2021" means since 2021/22.
		if kd := classify(ref, p.fs); kd == KindFinancialYear || kd == KindTaxYear {
			b = monthDay{ref.Start.Month(), ref.Start.Day()}
		}
		start, next = yearFrom(c.y1, b).Start, c.next
	} else if pt, ok := p.pointAt(k); ok && pt.y != 0 && pt.m != 0 {
		start, next = foiwire.NewDate(pt.y, time.Month(pt.m), max(pt.d, 1)), pt.next
	} else {
		return result{}, false
	}
	end := ref.End
	if p.opt.Latest.IsZero() && !p.opt.Now.IsZero() {
		end = p.opt.Now
	}
	r := result{next: next, relative: true}
	r.Start = start
	if end.IsZero() || end.Before(start) {
		r.Kind = KindRelative
		return r, true
	}
	r.End = end
	r.Kind = classify(r.Period, p.fs)
	return r, true
}

// fromPrevious returns the year after (or before) the last single year the
// text named: "71 in 2021 and 66 the following year".
func (p *parser) fromPrevious(next int, after bool) result {
	if p.prev.IsZero() {
		return p.rel(next, foiwire.Period{}, false)
	}
	n := -1
	if after {
		n = 1
	}
	return p.rel(next, shiftYears(p.prev, n), false)
}

// rel builds the result of a relative period; a zero per leaves it
// unresolved.
func (p *parser) rel(next int, per foiwire.Period, partial bool) result {
	r := result{next: next, relative: true}
	if per.IsZero() {
		r.Kind = KindRelative
		return r
	}
	r.Period = per
	r.Kind = classify(per, p.fs)
	if partial {
		p.soFar(&r)
	}
	return r
}
