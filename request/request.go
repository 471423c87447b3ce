// Package request holds one authority's copy of a campaign's request: its
// reference, where it went, when it was sent and received, when it is due,
// and its state, changed only through transitions that the law and common
// sense allow. It knows nothing of how requests are stored or sent.
package request

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/calendar"
)

// State is where a request stands. The stored states are the ones set by
// an event; Overdue and LongOverdue are worked out from the due date by
// Request.Status and are never stored.
type State string

// The states of a request.
const (
	Draft          State = "draft"   // written, not yet sent
	Sending        State = "sending" // being sent: whether it went is not yet known
	Awaiting       State = "awaiting"
	Overdue        State = "overdue"      // awaiting, past the 20th working day
	LongOverdue    State = "long-overdue" // awaiting, past the 40th working day
	Clarification  State = "clarification-requested"
	Answered       State = "answered"
	PartlyAnswered State = "partly-answered"
	Refused        State = "refused"
	Withdrawn      State = "withdrawn"
	InternalReview State = "internal-review"
)

// States lists every state in the order a request usually meets them.
var States = []State{Draft, Sending, Awaiting, Overdue, LongOverdue, Clarification,
	Answered, PartlyAnswered, Refused, InternalReview, Withdrawn}

// Label returns the state as words for tables and copy: "partly answered".
func (s State) Label() string { return strings.ReplaceAll(string(s), "-", " ") }

// Open reports whether the authority still owes a reply in this state.
func (s State) Open() bool {
	switch s {
	case Awaiting, Overdue, LongOverdue, InternalReview:
		return true
	}
	return false
}

// ParseState reads a state as a person types it: "partly answered",
// "partly-answered", "Partly_Answered", "partial", "clarification",
// "review". It returns an error listing the states when it knows none.
func ParseState(s string) (State, error) {
	k := strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, st := range States {
		if k == string(st) {
			return st, nil
		}
	}
	switch k {
	case "partial", "partially-answered", "part-answered":
		return PartlyAnswered, nil
	case "clarification", "clarify":
		return Clarification, nil
	case "review", "under-review", "under-internal-review":
		return InternalReview, nil
	case "sent":
		return Awaiting, nil
	}
	names := make([]string, len(States))
	for i, st := range States {
		names[i] = string(st)
	}
	return "", fmt.Errorf("unknown state %q: use one of %s", s, strings.Join(names, ", "))
}

// EventKind says what an event records.
type EventKind string

// The kinds of event in a request's history.
const (
	EventState    EventKind = "state"    // the state changed
	EventReply    EventKind = "reply"    // a reply was filed without changing the state
	EventAck      EventKind = "ack"      // the authority acknowledged the request
	EventReminder EventKind = "reminder" // a reminder was sent
	EventNote     EventKind = "note"
)

// Event is one entry in a request's history.
type Event struct {
	At       time.Time
	Kind     EventKind
	From, To State // for EventState
	Note     string
}

// Request is one authority's copy of a campaign's request.
type Request struct {
	Reference string // "TT24-LANC-7KQ3MX": see Reference
	Campaign  string // the campaign's slug
	Authority string // the authority's id
	To        string // the FOI address it is sent to; "" until known
	Subject   string
	Body      string // the text sent
	// MessageID is the Message-Id the request is sent with, fixed when the
	// request is made so that every attempt to send it carries the same one.
	MessageID string
	Sent      foiwire.Date
	// Received is the day the clock started: the day the authority received
	// the request, or the clarification that restarted it, or the request
	// for an internal review.
	Received   foiwire.Date
	Due        foiwire.Date
	State      State
	Exemptions []string // cited in a refusal or partial answer: "s12", "s40(2)"
	History    []Event
}

// Change is something that happened to a request, to be applied with
// Request.Apply.
type Change struct {
	To State
	// On is the day it happened, which restarts the clock for a
	// clarification or an internal review and is the sent date for a
	// request going from sending to awaiting; zero means At's day.
	On         foiwire.Date
	At         time.Time
	Exemptions []string // for Refused and PartlyAnswered
	Note       string
}

// ErrTransition is wrapped by every error Apply returns for a change the
// request's state does not allow.
var ErrTransition = errors.New("state change not allowed")

// TransitionError is a change a request's state does not allow.
type TransitionError struct {
	Reference, Authority string
	From, To             State
	Why                  string
}

// Error says which request, which change, and why it is not allowed.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("request %s (%s): cannot go from %s to %s: %s", e.Reference, e.Authority, e.From.Label(), e.To.Label(), e.Why)
}

// Unwrap lets errors.Is find ErrTransition.
func (e *TransitionError) Unwrap() error { return ErrTransition }

// replied are the states a reply leaves a request in; a person may move
// between them to correct how a reply was read.
var replied = []State{Answered, PartlyAnswered, Refused}

// allowed lists, for each stored state, where it may go next.
var allowed = map[State][]State{
	Draft:          {Sending, Awaiting, Withdrawn},
	Sending:        {Awaiting, Draft, Withdrawn},
	Awaiting:       {Clarification, Answered, PartlyAnswered, Refused, Withdrawn},
	Clarification:  {Awaiting, Answered, PartlyAnswered, Refused, Withdrawn},
	Answered:       {PartlyAnswered, Refused, InternalReview},
	PartlyAnswered: {Answered, Refused, InternalReview},
	Refused:        {Answered, PartlyAnswered, InternalReview},
	InternalReview: {Answered, PartlyAnswered, Refused, Withdrawn},
	Withdrawn:      {},
}

// Apply changes the request's state, records the change in its history and
// moves its dates: sending to awaiting sets the sent and received dates and
// the due date; a clarification's arrival and a request for internal
// review restart the clock on c.On. It returns a *TransitionError
// (wrapping ErrTransition) saying why when the change is not allowed, and
// leaves the request unchanged.
func (r *Request) Apply(c Change, cal *calendar.Calendar) error {
	if c.At.IsZero() {
		return errors.New("request change: no time given")
	}
	if c.On.IsZero() {
		c.On = foiwire.DateOf(c.At)
	}
	if err := r.check(c); err != nil {
		return err
	}
	from := r.State
	switch {
	case c.To == Awaiting && (from == Draft || from == Sending):
		r.Sent, r.Received = c.On, c.On
		r.Due = cal.DueDate(c.On)
	case c.To == Awaiting && from == Clarification, c.To == InternalReview:
		r.Received = c.On
		r.Due = cal.DueDate(c.On)
	}
	switch c.To {
	case Refused, PartlyAnswered:
		r.Exemptions = nil
		for _, x := range c.Exemptions {
			ex, _ := ParseExemption(x) // check has read each one
			if !slices.Contains(r.Exemptions, ex) {
				r.Exemptions = append(r.Exemptions, ex)
			}
		}
	case Answered:
		r.Exemptions = nil
	}
	r.State = c.To
	r.History = append(r.History, Event{At: c.At, Kind: EventState, From: from, To: c.To, Note: c.Note})
	return nil
}

func (r *Request) check(c Change) error {
	e := &TransitionError{Reference: r.Reference, Authority: r.Authority, From: r.State, To: c.To}
	switch {
	case c.To == Overdue || c.To == LongOverdue:
		e.Why = "overdue is worked out from the due date and cannot be set; a request still owed is awaiting"
	case c.To == r.State:
		e.Why = "it is already " + r.State.Label()
	case c.To == Refused && len(c.Exemptions) == 0:
		e.Why = "a refusal needs the exemption it cites (for example s12 for the cost limit)"
	case !slices.Contains(States, c.To):
		e.Why = "there is no such state"
	case !slices.Contains(allowed[r.State], c.To):
		e.Why = whyNot(r.State)
	default:
		for _, x := range c.Exemptions {
			if _, err := ParseExemption(x); err != nil {
				e.Why = err.Error()
				return e
			}
		}
		return nil
	}
	return e
}

func whyNot(s State) string {
	switch s {
	case Withdrawn:
		return "a withdrawn request is closed; make a new request instead"
	case Draft:
		return "it has not been sent yet"
	case Sending:
		return "it is being sent; mark it awaiting if it went, or draft if it did not"
	case Answered, PartlyAnswered, Refused:
		return "after a reply the next step is an internal review (or correcting the reply's state)"
	}
	next := make([]string, len(allowed[s]))
	for i, n := range allowed[s] {
		next[i] = n.Label()
	}
	return "from " + s.Label() + " a request can go to " + strings.Join(next, ", ")
}

// Note adds an event that changes nothing else: a reply filed to an
// already answered request, an acknowledgement, a reminder.
func (r *Request) Note(kind EventKind, at time.Time, note string) {
	r.History = append(r.History, Event{At: at, Kind: kind, Note: note})
}

// Status returns the request's state as of today: an awaiting request past
// its due date is Overdue, and past its 40th working day LongOverdue.
func (r Request) Status(cal *calendar.Calendar, today foiwire.Date) State {
	if r.State != Awaiting || r.Received.IsZero() {
		return r.State
	}
	switch {
	case today.After(cal.AddWorkingDays(r.Received, calendar.LongLimit)):
		return LongOverdue
	case today.After(r.Due):
		return Overdue
	}
	return r.State
}

// DaysLate returns the working days after the due date up to and including
// today for a request still owed a reply (awaiting, or under internal
// review), and 0 when it is not late or owes nothing.
func (r Request) DaysLate(cal *calendar.Calendar, today foiwire.Date) int {
	if !r.State.Open() || r.Due.IsZero() || !today.After(r.Due) {
		return 0
	}
	return cal.WorkingDaysBetween(r.Due, today)
}

// Reminders returns how many reminders the history records.
func (r Request) Reminders() int {
	n := 0
	for _, e := range r.History {
		if e.Kind == EventReminder {
			n++
		}
	}
	return n
}

// LastEvent returns the latest event of the given kind and whether there
// is one.
func (r Request) LastEvent(kind EventKind) (Event, bool) {
	for i := len(r.History) - 1; i >= 0; i-- {
		if r.History[i].Kind == kind {
			return r.History[i], true
		}
	}
	return Event{}, false
}
