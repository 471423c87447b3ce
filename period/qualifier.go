package period

import (
	"time"

	"github.com/foiwire/foiwire"
)

// qualifier reads one mark or phrase after a period that changes it: a
// footnote mark, "so far", "to date", "YTD", or a bracket such as
// "(to 30 June)", "(Jan–Jun)", "(part year)", "(1)".
func (p *parser) qualifier(k int, r *result) (int, bool) {
	t := p.tok(k)
	switch {
	case t.isCh('*'):
		r.Footnote = true
		for p.tok(k).isCh('*') {
			k++
		}
		return k, true
	case t.kind == tkNote:
		r.Footnote = true
		return k + 1, true
	case t.isCh('(') || t.isCh('['):
		closer := ')'
		if t.isCh('[') {
			closer = ']'
		}
		n := p.tok(k + 1)
		if n.kind == tkNum && !n.ord && n.ndig <= 2 && p.tok(k+2).isCh(closer) {
			r.Footnote = true
			return k + 3, true
		}
		// "(provisional)" qualifies the figures, as a footnote would.
		if (n.is("provisional") || n.is("prov") || n.is("revised") || n.is("estimated") || n.is("draft")) && p.tok(k+2).isCh(closer) {
			r.Footnote = true
			return k + 3, true
		}
		trial := *r
		if k2, ok := p.partial(k+1, &trial); ok && p.tok(k2).isCh(closer) {
			*r = trial
			return k2 + 1, true
		}
		return k, false
	case t.isDash() || t.isCh(','):
		// "2023 - to date", "2023, so far"
		if k2, ok := p.soFarWords(k + 1); ok {
			p.soFar(r)
			return k2, true
		}
		return k, false
	}
	if k2, ok := p.soFarWords(k); ok {
		p.soFar(r)
		return k2, true
	}
	return k, false
}

// soFarWords reads "so far", "to date", "YTD", "year to date".
func (p *parser) soFarWords(k int) (int, bool) {
	t := p.tok(k)
	switch {
	case t.is("so") && p.tok(k+1).is("far"):
		return k + 2, true
	case t.is("to") && p.tok(k+1).is("date"):
		return k + 2, true
	case t.is("ytd"):
		return k + 1, true
	case t.is("year") && p.tok(k+1).is("to") && p.tok(k+2).is("date"):
		return k + 3, true
	}
	return k, false
}

// partial reads what a bracket after a period may say about its extent.
func (p *parser) partial(k int, r *result) (int, bool) {
	if k2, ok := p.soFarWords(k); ok {
		p.soFar(r)
		return k2, true
	}
	t := p.tok(k)
	switch {
	case t.is("part") || t.is("partial") || t.is("incomplete"):
		j := k + 1
		if p.tok(j).isDash() && p.tok(j+1).is("year") {
			j++
		}
		if p.tok(j).is("year") || p.tok(j).is("period") || p.tok(j).is("data") {
			j++
		}
		if t.is("part") && j == k+1 {
			return k, false // a bare "part" says nothing
		}
		p.soFar(r)
		return j, true
	}
	// "(to 30 June)", "(up to end of June)", "(until 30/06/2024)"
	j := k
	switch {
	case t.is("up") && p.tok(j+1).is("to"):
		j += 2
	case t.is("to") || t.is("until") || t.is("till") || t.is("ending") || t.is("ended"):
		j++
	default:
		j = -1
	}
	if j >= 0 {
		if p.tok(j).is("end") && p.tok(j+1).is("of") {
			j += 2
		}
		b, ok := p.pointAt(j)
		if !ok {
			return k, false
		}
		end, ok := placeIn(b, r.Period, true)
		if !ok {
			return k, false
		}
		r.PartYear = r.PartYear || end.Before(r.End)
		r.End = end
		return b.next, true
	}
	// "(Jan–Jun)", "(1 January to 30 June)"
	a, ok := p.pointAt(k)
	if !ok {
		return k, false
	}
	j, ok = p.yearSep(a.next, false)
	if !ok {
		return k, false
	}
	b, ok := p.pointAt(j)
	if !ok {
		return k, false
	}
	s, ok1 := placeIn(a, r.Period, false)
	e, ok2 := placeIn(b, r.Period, true)
	if !ok1 || !ok2 || e.Before(s) {
		return k, false
	}
	r.PartYear = r.PartYear || s.After(r.Start) || e.Before(r.End)
	r.Start, r.End = s, e
	return b.next, true
}

// placeIn turns a point, whose year may be missing, into a day inside base:
// the first day of a month for a start, the last for an end.
func placeIn(pt point, base foiwire.Period, isEnd bool) (foiwire.Date, bool) {
	if pt.m == 0 {
		return foiwire.Date{}, false
	}
	years := []int{pt.y}
	if pt.y == 0 {
		years = []int{base.Start.Year(), base.End.Year()}
	}
	m := time.Month(pt.m)
	for _, y := range years {
		d := pt.d
		switch {
		case d == 0 && isEnd:
			d = lastDay(y, m)
		case d == 0:
			d = 1
		case d > lastDay(y, m):
			continue
		}
		day := foiwire.NewDate(y, m, d)
		if !day.Before(base.Start) && !day.After(base.End) {
			return day, true
		}
	}
	return foiwire.Date{}, false
}

// soFar marks r as incomplete and, when today falls inside it, ends it
// today. "April 2024 to date" runs from April to today, not to the end of
// April; when today is unknown it is read as April so far.
func (p *parser) soFar(r *result) {
	r.PartYear = true
	now := p.opt.Now
	if now.IsZero() || now.Before(r.Start) {
		return
	}
	switch {
	case now.Before(r.End):
		r.End = now
	case r.Kind == KindMonth:
		r.End = now
		r.Kind = KindRange
	}
}
