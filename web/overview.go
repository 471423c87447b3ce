package web

import (
	"net/http"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/request"
)

// overviewPage is the campaign at a glance.
type overviewPage struct {
	page
	Forces    []forceRow
	Answered  int
	Asked     int
	Figures   int
	ToReview  int
	Approved  int
	Stories   int
	National  []foiwire.Fact // yearly totals and changes
	Breakdown []foiwire.Fact // national totals by offence and outcome
	Chart     barChart
	Problems  int // reply files that could not be read
}

// forceRow is one line of the forces table.
type forceRow struct {
	ID, Name  string
	Received  time.Time
	Files     int
	Problems  int
	Figures   int
	ToReview  int
	Story     storyState
	HasFigure bool
	Request   requestState
}

// requestState is where the force's request stands today.
type requestState struct {
	Reference string
	State     request.State
	Label     string // "" when no request has been made
	Class     string // the state badge to wear
	Due       foiwire.Date
	DaysLate  int
}

func (s *Server) requestState(fv *forceView) requestState {
	rq := fv.Request
	if rq == nil {
		return requestState{}
	}
	today := foiwire.DateOf(inLondon(s.cfg.Now()))
	st := rq.Status(s.cal, today)
	rs := requestState{Reference: rq.Reference, State: st, Label: st.Label(), Due: rq.Due, DaysLate: rq.DaysLate(s.cal, today)}
	switch st {
	case request.Answered, request.PartlyAnswered:
		rs.Class = "approved"
	case request.Overdue, request.LongOverdue, request.Refused:
		rs.Class = "refused"
	case request.Awaiting, request.InternalReview, request.Clarification:
		rs.Class = "draft"
	default:
		rs.Class = "none"
	}
	return rs
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	p := overviewPage{page: s.page(r, "Overview"), Figures: len(snap.figures), ToReview: len(snap.review)}
	p.Section = "overview"
	for _, fv := range snap.forces {
		row := forceRow{
			ID: fv.ID, Name: fv.Name, Received: fv.Received(), Files: len(fv.Arrivals), Problems: len(fv.Problems),
			Figures: len(fv.Figures), ToReview: fv.ToReview, Story: s.storyState(snap, fv), HasFigure: len(fv.Figures) > 0,
			Request: s.requestState(fv),
		}
		p.Forces = append(p.Forces, row)
		p.Asked++
		if row.Files > 0 || row.HasFigure {
			p.Answered++
		}
		p.Problems += row.Problems
		if fv.Story != nil {
			p.Stories++
		}
		if row.Story.Key == "approved" {
			p.Approved++
		}
	}
	for _, f := range snap.national {
		switch {
		case f.Kind != foiwire.FactNationalTotal && f.Kind != foiwire.FactChangePct && f.Kind != foiwire.FactResponders:
		case f.Measure == foiwire.MeasurePeriod || f.Measure == "":
			p.National = append(p.National, f)
		default:
			p.Breakdown = append(p.Breakdown, f)
		}
	}
	p.Chart = newBarChart(snap.natTitle, snap.natBars)
	s.render(w, r, http.StatusOK, "overview", p)
}
