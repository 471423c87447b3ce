package mailer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/request"
)

// Filer files received mail under the campaign's authorities and moves
// their requests on.
type Filer struct {
	Dir      string // the campaign directory
	Campaign foiwire.Campaign
	Registry *authority.Registry
	Ledger   Ledger
	Calendar *calendar.Calendar
	Log      *slog.Logger // nil means no logging
}

// ReceiveOptions say how Receive files mail.
type ReceiveOptions struct {
	// Authority, when set, files every message under this authority id
	// without trying to match it, for a reply a person has recognised.
	Authority string
}

// ReceiveReport says what Receive did.
type ReceiveReport struct {
	Filed        []Filed // replies filed under replies/<authority>/
	Acknowledged []Filed // acknowledgements and automatic replies, kept under mail/<authority>/
	Again        int     // messages already filed by an earlier run
	Unmatched    []Unfiled
	Skipped      []Unfiled // our own messages, found in the mailbox
	Unreadable   []Unfiled
}

// Filed is one message filed.
type Filed struct {
	Where       string // where it was read
	Authority   string
	Reference   string // "" when the authority has no request
	Path        string // the message, relative to the campaign directory
	Attachments []string
	MatchedBy   string        // "reference in subject", "reply to our message", "reference in text", "sender's domain", "given"
	State       request.State // the request's state after filing
	Note        string        // what a person should know, if anything
}

// Unfiled is a message that was not filed, and why.
type Unfiled struct {
	Where, From, Subject string
	Date                 time.Time
	Why                  string
}

// Receive reads the messages at source (an .eml file, an mbox file or a
// Maildir folder) and files each reply unchanged as
// DIR/replies/<authority>/<date>-<reference>-<hash>.eml, where the next
// build reads it, attachments included; the attachments are also written
// out under DIR/attachments/<authority>/<same name>/ for a person to open.
// A reply is matched to its request by the reference in its subject, else
// by the Message-Id it answers, else by a reference in its text, else by
// the sender's domain against the FOI addresses; one that matches nothing,
// or more than one authority, is reported for a person to file with
// ReceiveOptions.Authority. Filing a reply moves its request to answered,
// or to refused or partly answered when the text cites an exemption, or to
// clarification requested when it asks for one. Receiving the same
// mailbox twice files nothing twice. It returns an error, with the report
// so far, when source cannot be opened or the ledger or a file cannot be
// written.
func (f *Filer) Receive(ctx context.Context, source string, o ReceiveOptions) (*ReceiveReport, error) {
	if o.Authority != "" {
		if _, ok := f.Registry.ByID(o.Authority); !ok {
			return nil, fmt.Errorf("receive: %q is not an authority id", o.Authority)
		}
	}
	rep := &ReceiveReport{}
	for raw, err := range Messages(ctx, source) {
		if err != nil {
			if raw.Where == "" {
				return rep, err
			}
			rep.Unreadable = append(rep.Unreadable, Unfiled{Where: raw.Where, Why: err.Error()})
			continue
		}
		if err := f.receiveOne(ctx, raw, o, rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func (f *Filer) log() *slog.Logger {
	if f.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return f.Log
}

// match is what a message was matched to.
type match struct {
	authority string
	req       *request.Request // nil when the authority has no request
	by        string
}

func (f *Filer) receiveOne(ctx context.Context, raw Raw, o ReceiveOptions, rep *ReceiveReport) error {
	msg, err := ParseMessage(raw.Data)
	if err != nil {
		rep.Unreadable = append(rep.Unreadable, Unfiled{Where: raw.Where, Why: err.Error()})
		return nil
	}
	un := Unfiled{Where: raw.Where, From: msg.From, Subject: msg.Subject, Date: msg.Date}
	// Requests are read afresh for each message: filing one changes them.
	rs, err := f.Ledger.Requests(ctx)
	if err != nil {
		return err
	}
	if f.ours(msg, rs) {
		un.Why = "our own message"
		rep.Skipped = append(rep.Skipped, un)
		return nil
	}
	m, why := f.match(msg, rs, o)
	if m == nil {
		un.Why = why
		rep.Unmatched = append(rep.Unmatched, un)
		f.log().Info("reply not matched", "where", raw.Where, "from", msg.From, "subject", msg.Subject, "why", why)
		return nil
	}
	ack := isAcknowledgement(msg)
	day := f.Calendar.Today()
	at := f.now()
	if !msg.Date.IsZero() {
		at = msg.Date
		day = foiwire.DateOf(msg.Date.In(calendar.Zone()))
	}
	ref := "reply"
	if m.req != nil {
		ref = strings.ToLower(m.req.Reference)
	}
	sum := sha256.Sum256(raw.Data)
	stem := fmt.Sprintf("%s-%s-%s", day, ref, hex.EncodeToString(sum[:4]))
	folder := "replies"
	if ack {
		folder = "mail"
	}
	rel := filepath.ToSlash(filepath.Join(folder, m.authority, stem+".eml"))
	existed, err := writeOnce(filepath.Join(f.Dir, filepath.FromSlash(rel)), raw.Data)
	if err != nil {
		return fmt.Errorf("file %s as %s: %w", raw.Where, rel, err)
	}
	filed := Filed{Where: raw.Where, Authority: m.authority, Path: rel, MatchedBy: m.by}
	if !ack {
		if filed.Attachments, err = f.writeAttachments(m.authority, stem, msg.Attachments); err != nil {
			return fmt.Errorf("file %s: %w", raw.Where, err)
		}
	}
	if m.req == nil {
		switch {
		case existed:
			rep.Again++
		case ack:
			rep.Acknowledged = append(rep.Acknowledged, filed)
		default:
			filed.Note = "no request to " + m.authority + " is recorded"
			rep.Filed = append(rep.Filed, filed)
		}
		return nil
	}
	r := *m.req
	filed.Reference, filed.State = r.Reference, r.State
	if slices.ContainsFunc(r.History, func(e request.Event) bool { return strings.Contains(e.Note, rel) }) {
		rep.Again++
		return nil
	}
	from := r.State
	if err := f.advance(&r, msg, ack, rel, at, day, &filed); err != nil {
		return fmt.Errorf("file %s: %w", raw.Where, err)
	}
	if err := f.Ledger.UpdateRequest(ctx, r, from); err != nil {
		return fmt.Errorf("file %s: %w", raw.Where, err)
	}
	filed.State = r.State
	if ack {
		rep.Acknowledged = append(rep.Acknowledged, filed)
	} else {
		rep.Filed = append(rep.Filed, filed)
	}
	f.log().Info("reply filed", "where", raw.Where, "authority", m.authority, "path", rel, "matched by", m.by, "state", r.State)
	return nil
}

// advance records a filed message in its request's history and moves the
// request's state as the message says.
func (f *Filer) advance(r *request.Request, msg *Message, ack bool, rel string, at time.Time, day foiwire.Date, filed *Filed) error {
	if r.State == request.Sending {
		// A message about the request shows it was delivered.
		sentOn := day
		for _, e := range slices.Backward(r.History) {
			if e.Kind == request.EventState && e.To == request.Sending {
				sentOn = foiwire.DateOf(e.At.In(calendar.Zone()))
				break
			}
		}
		if err := r.Apply(request.Change{To: request.Awaiting, At: at, On: sentOn,
			Note: "the authority's message " + rel + " shows the request arrived"}, f.Calendar); err != nil {
			return err
		}
	}
	if ack {
		r.Note(request.EventAck, at, "acknowledgement filed: "+rel)
		return nil
	}
	to, exemptions := readReply(msg)
	switch r.State {
	case request.Awaiting, request.Clarification, request.InternalReview:
		if to == request.Clarification && r.State == request.Clarification {
			break
		}
		note := "reply filed: " + rel
		if len(exemptions) > 0 {
			note += " (cites " + strings.Join(exemptions, ", ") + ")"
		}
		return r.Apply(request.Change{To: to, At: at, On: day, Exemptions: exemptions, Note: note}, f.Calendar)
	case request.Draft:
		filed.Note = "a reply to a request not yet sent: check it"
	}
	r.Note(request.EventReply, at, "further reply filed: "+rel)
	return nil
}

// readReply decides what a reply says: a request for clarification, a
// refusal, a partial answer or an answer, with the exemptions it cites.
// Only the message's text and its text attachments are read; a refusal
// given in a PDF letter reads as an answer until the build or a person
// says otherwise.
func readReply(msg *Message) (request.State, []string) {
	text := msg.Text
	files := 0
	for _, a := range msg.Attachments {
		if strings.HasPrefix(a.MediaType, "text/") {
			text += "\n" + string(a.Data)
		}
		files++
	}
	if files == 0 && clarifyRE.MatchString(msg.Text) {
		return request.Clarification, nil
	}
	ex := request.FindExemptions(text)
	switch {
	case len(ex) == 0:
		return request.Answered, nil
	case request.RefusesOutright(text) && files == 0:
		return request.Refused, ex
	}
	return request.PartlyAnswered, ex
}

var (
	clarifyRE = regexp.MustCompile(`(?i)\b(?:could|can|would)\s+you\s+(?:please\s+)?clarify|\bplease\s+clarify|\b(?:require|need|seek)s?\s+(?:some\s+)?(?:further\s+)?clarification|\bseeking\s+clarification`)
	ackSubjRE = regexp.MustCompile(`(?i)^\s*(?:automatic\s+reply|auto[- ]?reply|out\s+of\s+(?:the\s+)?office|acknowledge?ment|receipt\s+of\s+your)`)
	ackTextRE = regexp.MustCompile(`(?i)\backnowledge\s+(?:receipt|your\s+(?:request|e-?mail))|\b(?:has|have)\s+(?:been\s+)?received\s+your\s+(?:request|e-?mail)|\byour\s+request\s+(?:has\s+been|was)\s+(?:received|logged)`)
)

// isAcknowledgement reports whether a message only says the request
// arrived: one with nothing attached that a machine sent on its own, or
// whose subject acknowledges, or that is a short note in those words.
// Case-management systems mark real answers as automatic too, so a
// message with attachments is never taken for one.
func isAcknowledgement(msg *Message) bool {
	if len(msg.Attachments) > 0 {
		return false
	}
	return msg.Auto || ackSubjRE.MatchString(msg.Subject) || len(msg.Text) < 1500 && ackTextRE.MatchString(msg.Text)
}

// ours reports whether a message is one we sent: mailboxes exported whole
// hold the requests and reminders too.
func (f *Filer) ours(msg *Message, rs []request.Request) bool {
	if a, err := mail.ParseAddress(f.Campaign.Sender.Email); err == nil && strings.EqualFold(a.Address, msg.From) {
		return true
	}
	for _, r := range rs {
		if msg.MessageID != "" && (msg.MessageID == r.MessageID || slices.Contains(reminderIDs(f.Campaign, r), msg.MessageID)) {
			return true
		}
	}
	return false
}

func (f *Filer) match(msg *Message, rs []request.Request, o ReceiveOptions) (*match, string) {
	byRef := func(refs []string) *request.Request {
		for _, ref := range refs {
			for i := range rs {
				if rs[i].Reference == ref {
					return &rs[i]
				}
			}
		}
		return nil
	}
	if o.Authority != "" {
		m := &match{authority: o.Authority, by: "given"}
		for i := range rs {
			if rs[i].Authority == o.Authority {
				m.req = &rs[i]
			}
		}
		return m, ""
	}
	if r := byRef(request.FindReferences(msg.Subject)); r != nil {
		return &match{r.Authority, r, "reference in subject"}, ""
	}
	for _, id := range append(slices.Clone(msg.InReplyTo), msg.References...) {
		for i := range rs {
			if rs[i].MessageID == id || slices.Contains(reminderIDs(f.Campaign, rs[i]), id) {
				return &match{rs[i].Authority, &rs[i], "reply to our message"}, ""
			}
		}
	}
	if r := byRef(request.FindReferences(msg.Text)); r != nil {
		return &match{r.Authority, r, "reference in text"}, ""
	}
	_, domain, ok := strings.Cut(msg.From, "@")
	if !ok || domain == "" {
		return nil, "no reference, and no sender address to go by"
	}
	var found []string
	var req *request.Request
	for _, a := range f.Registry.Known() {
		addrs := []string{a.FOIEmail}
		var ar *request.Request
		for i := range rs {
			if rs[i].Authority == a.ID {
				ar = &rs[i]
				addrs = append(addrs, rs[i].To)
			}
		}
		if slices.ContainsFunc(addrs, func(addr string) bool { return sameOrganisation(domain, addr) }) {
			found = append(found, a.ID)
			req = ar
		}
	}
	switch len(found) {
	case 0:
		return nil, "no reference, and the sender's domain " + domain + " is no force's FOI address"
	case 1:
		return &match{found[0], req, "sender's domain"}, ""
	}
	return nil, "no reference, and the sender's domain " + domain + " fits " + strings.Join(found, " and ")
}

// sameOrganisation reports whether a sender's domain is the domain of an
// FOI address or a subdomain of it ("foi.lancashire.police.uk" for
// "lancashire.police.uk").
func sameOrganisation(senderDomain, addr string) bool {
	a, err := mail.ParseAddress(addr)
	if err != nil {
		return false
	}
	_, d, _ := strings.Cut(strings.ToLower(a.Address), "@")
	senderDomain = strings.ToLower(senderDomain)
	return d != "" && (senderDomain == d || strings.HasSuffix(senderDomain, "."+d))
}

func (f *Filer) now() time.Time {
	if f.Calendar.Now != nil {
		return f.Calendar.Now()
	}
	return time.Now()
}

// writeOnce writes data to name unless the file already holds it (and
// then reports that it existed), through a hidden temporary file renamed
// into place so the build never reads half a reply. A different file
// already under the name is an error.
func writeOnce(name string, data []byte) (existed bool, err error) {
	if old, err := os.ReadFile(name); err == nil {
		if bytes.Equal(old, data) {
			return true, nil
		}
		return false, fmt.Errorf("%s already holds a different file", name)
	} else if !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".receiving-*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	return false, os.Rename(tmp.Name(), name)
}

// writeAttachments writes a reply's attachments under
// attachments/<authority>/<stem>/ and returns their paths relative to the
// campaign directory.
func (f *Filer) writeAttachments(authority, stem string, as []Attachment) ([]string, error) {
	var out []string
	used := map[string]bool{}
	for i, a := range as {
		name := SafeName(a.Name, a.MediaType, i+1)
		base, ext := strings.TrimSuffix(name, filepath.Ext(name)), filepath.Ext(name)
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s (%d)%s", base, n, ext)
		}
		used[strings.ToLower(name)] = true
		rel := filepath.ToSlash(filepath.Join("attachments", authority, stem, name))
		if _, err := writeOnce(filepath.Join(f.Dir, filepath.FromSlash(rel)), a.Data); err != nil {
			return out, fmt.Errorf("attachment %q: %w", a.Name, err)
		}
		out = append(out, rel)
	}
	return out, nil
}
