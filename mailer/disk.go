package mailer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/request"
)

// DiskReply is a reply file found under replies/<authority>/: put there
// by a person (a reply that came by post, through a portal, from a
// disclosure log) or by Receive.
type DiskReply struct {
	Authority string
	Path      string    // relative to the campaign directory: "replies/dorset/reply.pdf"
	ModTime   time.Time // when the file was last written
}

// Answered is a request that replies on disk marked answered.
type Answered struct {
	Request request.Request // after the change
	From    request.State
	Files   []string // the reply files that answer it
}

// MarkAnswered marks answered each open request (awaiting, overdue,
// clarification requested, being sent, or under internal review) whose
// authority has a reply file under replies/ that the request's history
// does not yet record, so that a force that replied shows as answered and
// is sent no reminder, however its reply came. The request is dated the
// day the newest such file was written (not before the request was sent,
// not after today); the history names the files. A refusal among them
// still reads as answered until the build or a person says otherwise
// (foiwire request mark). Requests still drafts are left alone: a reply to
// a request never sent needs a person. It returns the requests it changed,
// and an error, with those changed so far, when the ledger cannot be read
// or written.
func (f *Filer) MarkAnswered(ctx context.Context, files []DiskReply) ([]Answered, error) {
	rs, err := f.Ledger.Requests(ctx)
	if err != nil {
		return nil, err
	}
	byAuthority := map[string][]DiskReply{}
	for _, d := range files {
		byAuthority[d.Authority] = append(byAuthority[d.Authority], d)
	}
	today := f.Calendar.Today()
	at := f.now()
	var out []Answered
	for _, r := range rs {
		switch r.State {
		case request.Awaiting, request.Clarification, request.Sending, request.InternalReview:
		default:
			continue
		}
		var fresh []DiskReply
		for _, d := range byAuthority[r.Authority] {
			if slices.ContainsFunc(r.History, func(e request.Event) bool { return strings.Contains(e.Note, d.Path) }) {
				continue
			}
			if r.State == request.InternalReview && foiwire.DateOf(d.ModTime.In(calendar.Zone())).Before(r.Received) {
				// Older than the review: the reply being reviewed.
				continue
			}
			fresh = append(fresh, d)
		}
		if len(fresh) == 0 {
			continue
		}
		slices.SortFunc(fresh, func(a, b DiskReply) int { return b.ModTime.Compare(a.ModTime) })
		day := foiwire.DateOf(fresh[0].ModTime.In(calendar.Zone()))
		if day.After(today) {
			day = today
		}
		from := r.State
		if err := f.arrived(&r, at, day, "a reply on disk shows the request arrived"); err != nil {
			return out, err
		}
		if !r.Sent.IsZero() && day.Before(r.Sent) {
			day = r.Sent
		}
		paths := make([]string, len(fresh))
		for i, d := range fresh {
			paths[i] = d.Path
		}
		note := "reply on disk: " + strings.Join(paths, ", ")
		if err := r.Apply(request.Change{To: request.Answered, At: at, On: day, Note: note}, f.Calendar); err != nil {
			return out, fmt.Errorf("request %s: %w", r.Reference, err)
		}
		if err := f.Ledger.UpdateRequest(ctx, r, from); err != nil {
			return out, err
		}
		out = append(out, Answered{Request: r, From: from, Files: paths})
		f.log().Info("request answered by a reply on disk", "authority", r.Authority, "reference", r.Reference, "files", paths)
	}
	return out, nil
}
