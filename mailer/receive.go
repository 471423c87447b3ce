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
	// Path is where an unmatched message waits for a person, relative to
	// the campaign directory ("unmatched/1f2e….eml"); "" for others.
	Path string
}

// UnmatchedDir is the folder of a campaign directory where messages that
// fit no force wait, unchanged, for a person to file them (foiwire request
// receive DIR DIR/unmatched/NAME.eml --force ID) or to add the sender's
// domain to the force's and receive the folder again.
const UnmatchedDir = "unmatched"

// queueName is the name a message has in UnmatchedDir: its hash, so the
// same message is queued once and found again when it is filed.
func queueName(data []byte) string {
	sum := sha256.Sum256(data)
	return filepath.ToSlash(filepath.Join(UnmatchedDir, hex.EncodeToString(sum[:8])+".eml"))
}

// enqueue keeps an unmatched message under UnmatchedDir and returns where,
// relative to the campaign directory.
func (f *Filer) enqueue(data []byte) (string, error) {
	rel := queueName(data)
	_, err := writeOnce(filepath.Join(f.Dir, filepath.FromSlash(rel)), data)
	return rel, err
}

// dequeue removes a message from UnmatchedDir once it is filed.
func (f *Filer) dequeue(data []byte) error {
	err := os.Remove(filepath.Join(f.Dir, filepath.FromSlash(queueName(data))))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// Unmatched returns the messages waiting under UnmatchedDir, oldest
// first, each with why it fits no force as the registry and requests now
// stand (it may fit one now, after a domain was added: receiving the
// folder again files it). It returns an error when the folder or the
// requests cannot be read.
func (f *Filer) Unmatched(ctx context.Context) ([]Unfiled, error) {
	dir := filepath.Join(f.Dir, UnmatchedDir)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list unmatched mail: %w", err)
	}
	rs, err := f.Ledger.Requests(ctx)
	if err != nil {
		return nil, err
	}
	var out []Unfiled
	for _, e := range ents {
		if !e.Type().IsRegular() || !strings.EqualFold(filepath.Ext(e.Name()), ".eml") {
			continue
		}
		rel := filepath.ToSlash(filepath.Join(UnmatchedDir, e.Name()))
		u := Unfiled{Where: rel, Path: rel}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", rel, err)
		}
		msg, err := ParseMessage(data)
		if err != nil {
			u.Why = err.Error()
			out = append(out, u)
			continue
		}
		u.From, u.Subject, u.Date = msg.From, msg.Subject, msg.Date
		if m, why := f.match(msg, rs, ReceiveOptions{}); m != nil {
			u.Why = "now fits " + m.authority + " (" + m.by + "): receive the folder again to file it"
		} else {
			u.Why = why
		}
		out = append(out, u)
	}
	slices.SortStableFunc(out, func(a, b Unfiled) int { return a.Date.Compare(b.Date) })
	return out, nil
}

// Receive reads the messages at source (an .eml file, an mbox file or a
// Maildir folder) and files each reply unchanged as
// DIR/replies/<authority>/<date>-<reference>-<hash>.eml, where the next
// build reads it, attachments included; the attachments are also written
// out under DIR/attachments/<authority>/<same name>/ for a person to open.
// A reply is filed under a force only when its sender's domain is one of
// the force's (see match): a reference in the subject, the Message-Id it
// answers or a reference in its text then picks the request. A message
// that fits no force, or more than one, is kept unchanged under
// DIR/unmatched/ and reported, for a person to file with
// ReceiveOptions.Authority. Filing a reply moves its request to answered,
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
		if un.Path, err = f.enqueue(raw.Data); err != nil {
			return fmt.Errorf("keep %s for a person: %w", raw.Where, err)
		}
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
	if err := f.dequeue(raw.Data); err != nil {
		return fmt.Errorf("file %s: %w", raw.Where, err)
	}
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

// arrived moves a request still being sent to awaiting a reply, since
// something from the authority shows it arrived; the wait counts from the
// day sending began (day, when the history does not say).
func (f *Filer) arrived(r *request.Request, at time.Time, day foiwire.Date, note string) error {
	if r.State != request.Sending {
		return nil
	}
	sentOn := day
	for _, e := range slices.Backward(r.History) {
		if e.Kind == request.EventState && e.To == request.Sending {
			sentOn = foiwire.DateOf(e.At.In(calendar.Zone()))
			break
		}
	}
	return r.Apply(request.Change{To: request.Awaiting, At: at, On: sentOn, Note: note}, f.Calendar)
}

// advance records a filed message in its request's history and moves the
// request's state as the message says.
func (f *Filer) advance(r *request.Request, msg *Message, ack bool, rel string, at time.Time, day foiwire.Date, filed *Filed) error {
	if err := f.arrived(r, at, day, "the authority's message "+rel+" shows the request arrived"); err != nil {
		return err
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

// match finds the authority a message is from and the request it answers.
// The sender's domain decides the authority: a message is filed under a
// force only when it comes from one of the force's domains (see
// authority.DomainsOf) or from the domain of the address its request went
// to, whatever its subject says, so that a stranger who writes a force's
// reference into a subject cannot have figures filed as that force's. A
// reference (in the subject, as the message it answers, in the text) only
// picks among the forces a domain belongs to, such as a unit answering
// for two. It returns nil and why when the message fits no force, or
// more than one.
func (f *Filer) match(msg *Message, rs []request.Request, o ReceiveOptions) (*match, string) {
	if o.Authority != "" {
		m := &match{authority: o.Authority, by: "given"}
		for i := range rs {
			if rs[i].Authority == o.Authority {
				m.req = &rs[i]
			}
		}
		return m, ""
	}
	// What the message points at, in the order it is trusted.
	type pointer struct {
		req *request.Request
		by  string
	}
	var pointed []pointer
	byRef := func(refs []string, by string) {
		for _, ref := range refs {
			for i := range rs {
				if rs[i].Reference == ref {
					pointed = append(pointed, pointer{&rs[i], by})
				}
			}
		}
	}
	byRef(request.FindReferences(msg.Subject), "reference in subject")
	for _, id := range append(slices.Clone(msg.InReplyTo), msg.References...) {
		for i := range rs {
			if rs[i].MessageID == id || slices.Contains(reminderIDs(f.Campaign, rs[i]), id) {
				pointed = append(pointed, pointer{&rs[i], "reply to our message"})
			}
		}
	}
	byRef(request.FindReferences(msg.Text), "reference in text")

	_, domain, ok := strings.Cut(msg.From, "@")
	domain = strings.ToLower(domain)
	if !ok || domain == "" {
		return nil, "no sender address to go by"
	}
	if msg.SpoofedFrom {
		return nil, "a mail server on the way found that it did not come from " + domain + " (dmarc=fail)"
	}
	owners := f.owners(domain, rs)
	if len(owners) == 0 {
		if len(pointed) > 0 {
			r := pointed[0].req
			return nil, fmt.Sprintf("it quotes %s, the request to %s, but comes from %s, which is none of %s's domains",
				r.Reference, r.Authority, domain, r.Authority)
		}
		return nil, "the sender's domain " + domain + " is no force's"
	}
	for _, p := range pointed {
		if slices.Contains(owners, p.req.Authority) {
			return &match{p.req.Authority, p.req, p.by + " from " + domain}, ""
		}
	}
	if len(pointed) > 0 {
		r := pointed[0].req
		return nil, fmt.Sprintf("it quotes %s, the request to %s, but comes from %s, a domain of %s",
			r.Reference, r.Authority, domain, strings.Join(owners, " and "))
	}
	if len(owners) > 1 {
		return nil, "no reference, and the sender's domain " + domain + " is a domain of " + strings.Join(owners, " and ")
	}
	m := &match{authority: owners[0], by: "sender's domain " + domain}
	for i := range rs {
		if rs[i].Authority == owners[0] {
			m.req = &rs[i]
		}
	}
	return m, ""
}

// owners returns the authorities a sender's domain belongs to: those whose
// registry domains or FOI address cover it, and those whose request went
// to an address the domain covers (a person gave that address).
func (f *Filer) owners(domain string, rs []request.Request) []string {
	out := f.Registry.Owners(domain)
	for _, r := range rs {
		if authority.Covers(authority.AddressDomain(r.To), domain) && !slices.Contains(out, r.Authority) {
			out = append(out, r.Authority)
		}
	}
	return out
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
