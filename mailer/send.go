package mailer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/request"
)

// Transport hands a composed message to a mail server.
type Transport interface {
	// Send delivers msg. Its error wraps ErrNotSent when the message
	// certainly did not go; any other error means it may have gone.
	Send(ctx context.Context, from string, to []string, msg []byte) error
}

// Ledger is where requests are kept (the campaign database).
type Ledger interface {
	Requests(ctx context.Context) ([]request.Request, error)
	// UpdateRequest stores r provided the stored request is still in
	// state from, and fails otherwise.
	UpdateRequest(ctx context.Context, r request.Request, from request.State) error
}

// Mailer sends a campaign's requests and reminders.
type Mailer struct {
	Campaign  foiwire.Campaign
	Registry  *authority.Registry
	Ledger    Ledger
	Transport Transport // not needed when writing to an outbox
	Calendar  *calendar.Calendar
	Log       *slog.Logger // nil means no logging
}

// SendOptions say what Send does.
type SendOptions struct {
	// Outbox, when set, is a folder to write one .eml per request into
	// instead of sending; nothing is sent and no request changes.
	Outbox string
	// ResendUnconfirmed sends again the requests an earlier run left in
	// the sending state, with the same Message-Id.
	ResendUnconfirmed bool
}

// SendReport says what Send did.
type SendReport struct {
	Sent    []request.Request // sent (or written to the outbox) by this run
	Written []string          // the outbox files written
	// Unconfirmed were left in the sending state by an earlier run that
	// stopped after handing the message over and before recording that
	// it went. They are not sent again unless asked.
	Unconfirmed []request.Request
	NoAddress   []request.Request // drafts with no FOI address to send to
	Failed      []Failure         // certainly not sent; still drafts
	Earlier     int               // sent by earlier runs
}

// Failure is a request that could not be sent and why.
type Failure struct {
	Request request.Request
	Err     error
}

func (m *Mailer) log() *slog.Logger {
	if m.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return m.Log
}

func (m *Mailer) now() time.Time {
	if m.Calendar.Now != nil {
		return m.Calendar.Now()
	}
	return time.Now()
}

func (m *Mailer) from() (mail.Address, error) {
	a, err := mail.ParseAddress(m.Campaign.Sender.Email)
	if err != nil {
		return mail.Address{}, fmt.Errorf("campaign sender email %q: %w", m.Campaign.Sender.Email, err)
	}
	if a.Name == "" {
		a.Name = m.Campaign.Sender.Name
	}
	return *a, nil
}

// compose builds a request's message as it is sent.
func (m *Mailer) compose(r request.Request, at time.Time) ([]byte, error) {
	from, err := m.from()
	if err != nil {
		return nil, err
	}
	to, err := mail.ParseAddress(r.To)
	if err != nil {
		return nil, fmt.Errorf("request %s: address %q: %w", r.Reference, r.To, err)
	}
	if a, ok := m.Registry.ByID(r.Authority); ok && to.Name == "" {
		to.Name = a.Name + " FOI"
	}
	return Compose(Mail{From: from, To: []mail.Address{*to}, Subject: r.Subject, Date: at, MessageID: r.MessageID, Text: r.Body})
}

// Send sends every draft request once, or writes them to o.Outbox. Each
// request is recorded as sending before its message is handed to the
// server and as awaiting (sent today) once the server has taken it, so a
// run that stops part-way can be run again: requests already sent are
// not sent again, and one left in the sending state is reported as
// unconfirmed rather than resent (see the package comment). A request the
// server refuses goes back to draft and is reported in Failed while the
// others are still sent. Send returns an error, with the report so far,
// when the ledger cannot be read or written, or when a message may or may
// not have gone, since the next one would likely fare the same.
func (m *Mailer) Send(ctx context.Context, o SendOptions) (*SendReport, error) {
	if _, err := m.from(); err != nil {
		return nil, err
	}
	rs, err := m.Ledger.Requests(ctx)
	if err != nil {
		return nil, err
	}
	rep := &SendReport{}
	var todo []request.Request
	for _, r := range rs {
		switch {
		case r.State == request.Sending && o.ResendUnconfirmed && o.Outbox == "":
			todo = append(todo, r)
		case r.State == request.Sending:
			rep.Unconfirmed = append(rep.Unconfirmed, r)
		case r.State != request.Draft:
			rep.Earlier++
		case r.To == "":
			rep.NoAddress = append(rep.NoAddress, r)
		default:
			todo = append(todo, r)
		}
	}
	if o.Outbox != "" {
		return rep, m.writeOutbox(o.Outbox, todo, rep)
	}
	if m.Transport == nil {
		return rep, errors.New("send: no SMTP server configured")
	}
	for _, r := range todo {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		sent, err := m.sendOne(ctx, r)
		var fail *Failure
		switch {
		case errors.As(err, &fail):
			rep.Failed = append(rep.Failed, *fail)
		case err != nil:
			return rep, err
		default:
			rep.Sent = append(rep.Sent, sent)
		}
	}
	return rep, nil
}

func (m *Mailer) sendOne(ctx context.Context, r request.Request) (request.Request, error) {
	at := m.now()
	msg, err := m.compose(r, at)
	if err != nil {
		return r, &Failure{Request: r, Err: err}
	}
	from := r.State
	if from == request.Sending {
		r.Note(request.EventNote, at, "sending again, with the same Message-Id, after an attempt whose outcome was not recorded")
	} else if err := r.Apply(request.Change{To: request.Sending, At: at}, m.Calendar); err != nil {
		return r, err
	}
	if err := m.Ledger.UpdateRequest(ctx, r, from); err != nil {
		return r, fmt.Errorf("send %s: mark as sending: %w", r.Reference, err)
	}
	sender, _ := m.from()
	to, _ := mail.ParseAddress(r.To)
	err = m.Transport.Send(ctx, sender.Address, []string{to.Address}, msg)
	switch {
	case errors.Is(err, ErrNotSent):
		m.log().Warn("request not sent", "reference", r.Reference, "authority", r.Authority, "error", err)
		if aerr := r.Apply(request.Change{To: request.Draft, At: m.now(), Note: "not sent: " + err.Error()}, m.Calendar); aerr != nil {
			return r, aerr
		}
		if uerr := m.Ledger.UpdateRequest(ctx, r, request.Sending); uerr != nil {
			return r, fmt.Errorf("send %s: put back to draft after %v: %w", r.Reference, err, uerr)
		}
		return r, &Failure{Request: r, Err: err}
	case err != nil:
		return r, fmt.Errorf("send %s to %s (%s): %w; it stays in the sending state: check the sent mail, then mark it awaiting or draft",
			r.Reference, r.Authority, r.To, err)
	}
	if err := r.Apply(request.Change{To: request.Awaiting, At: m.now(), On: m.Calendar.Today(), Note: "sent by SMTP"}, m.Calendar); err != nil {
		return r, err
	}
	if err := m.Ledger.UpdateRequest(ctx, r, request.Sending); err != nil {
		return r, fmt.Errorf("send %s: sent, but recording it failed (it stays in the sending state and will not be sent again): %w", r.Reference, err)
	}
	m.log().Info("request sent", "reference", r.Reference, "authority", r.Authority, "to", r.To)
	return r, nil
}

// Error names the request and says why it was not sent.
func (e *Failure) Error() string {
	return fmt.Sprintf("request %s (%s): %v", e.Request.Reference, e.Request.Authority, e.Err)
}

func (m *Mailer) writeOutbox(dir string, todo []request.Request, rep *SendReport) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	at := m.now()
	for _, r := range todo {
		msg, err := m.compose(r, at)
		if err != nil {
			rep.Failed = append(rep.Failed, Failure{Request: r, Err: err})
			continue
		}
		name := filepath.Join(dir, r.Authority+".eml")
		if err := os.WriteFile(name, msg, 0o644); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		rep.Written = append(rep.Written, name)
		rep.Sent = append(rep.Sent, r)
	}
	return nil
}

// RemindOptions say what Remind does.
type RemindOptions struct {
	// Outbox, when set, is a folder to write the reminders into instead of
	// sending them; no request changes.
	Outbox string
	// Every is the fewest working days between two reminders to the same
	// authority; 0 means 5.
	Every int
}

// RemindReport says what Remind did.
type RemindReport struct {
	Reminded []request.Request // reminded (or written to the outbox)
	Written  []string
	// Recent were reminded less than Every working days ago.
	Recent []request.Request
	Failed []Failure
}

// Remind sends a polite reminder, as a reply to the original request, for
// every request whose reply is late, and records it in the request's
// history; with o.Outbox it writes the reminders there instead and
// records nothing. It returns an error, with the report so far, when the
// ledger cannot be read or written or a reminder may or may not have gone.
func (m *Mailer) Remind(ctx context.Context, o RemindOptions) (*RemindReport, error) {
	from, err := m.from()
	if err != nil {
		return nil, err
	}
	every := o.Every
	if every <= 0 {
		every = 5
	}
	rs, err := m.Ledger.Requests(ctx)
	if err != nil {
		return nil, err
	}
	if o.Outbox != "" {
		if err := os.MkdirAll(o.Outbox, 0o755); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
	} else if m.Transport == nil {
		return nil, errors.New("remind: no SMTP server configured")
	}
	today := m.Calendar.Today()
	rep := &RemindReport{}
	for _, r := range rs {
		late := r.DaysLate(m.Calendar, today)
		if late == 0 {
			continue
		}
		if last, ok := r.LastEvent(request.EventReminder); ok && m.Calendar.WorkingDaysBetween(foiwire.DateOf(last.At), today) < every {
			rep.Recent = append(rep.Recent, r)
			continue
		}
		name := r.Authority
		if a, ok := m.Registry.ByID(r.Authority); ok {
			name = a.Name
		}
		to, err := mail.ParseAddress(r.To)
		if err != nil {
			rep.Failed = append(rep.Failed, Failure{Request: r, Err: fmt.Errorf("address %q: %w", r.To, err)})
			continue
		}
		n := r.Reminders() + 1
		subject, body := request.Reminder(r, name, m.Campaign.Sender, late)
		at := m.now()
		msg, err := Compose(Mail{From: from, To: []mail.Address{*to}, Subject: subject, Date: at,
			MessageID: request.MessageID(m.Campaign, r.Reference, fmt.Sprintf("reminder-%d", n)), InReplyTo: r.MessageID, Text: body})
		if err != nil {
			rep.Failed = append(rep.Failed, Failure{Request: r, Err: err})
			continue
		}
		if o.Outbox != "" {
			file := filepath.Join(o.Outbox, fmt.Sprintf("%s-reminder-%d.eml", r.Authority, n))
			if err := os.WriteFile(file, msg, 0o644); err != nil {
				return rep, fmt.Errorf("outbox: %w", err)
			}
			rep.Written = append(rep.Written, file)
			rep.Reminded = append(rep.Reminded, r)
			continue
		}
		err = m.Transport.Send(ctx, from.Address, []string{to.Address}, msg)
		if errors.Is(err, ErrNotSent) {
			rep.Failed = append(rep.Failed, Failure{Request: r, Err: err})
			continue
		}
		if err != nil {
			return rep, fmt.Errorf("remind %s: %w", r.Reference, err)
		}
		state := r.State
		r.Note(request.EventReminder, at, fmt.Sprintf("reminder %d sent, %d working days late", n, late))
		if err := m.Ledger.UpdateRequest(ctx, r, state); err != nil {
			return rep, fmt.Errorf("remind %s: sent, but recording it failed: %w", r.Reference, err)
		}
		rep.Reminded = append(rep.Reminded, r)
	}
	return rep, nil
}

// reminderIDs returns the Message-Ids of the reminders sent about r, so a
// reply to a reminder finds its request.
func reminderIDs(c foiwire.Campaign, r request.Request) []string {
	var ids []string
	for n := 1; n <= r.Reminders(); n++ {
		ids = append(ids, request.MessageID(c, r.Reference, fmt.Sprintf("reminder-%d", n)))
	}
	return slices.Clip(ids)
}
