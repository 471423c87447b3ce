package mailer

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/request"
	"github.com/foiwire/foiwire/sqlite"
)

// fixture is a campaign directory with the bundled example's
// campaign.yaml, a database and a request to each of 45 forces (the 44 of
// England and Wales and the PSNI), each at a test address.
type fixture struct {
	dir  string
	camp *campaign.Dir
	db   *sqlite.DB
	cal  *calendar.Calendar
	reqs []request.Request
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	yaml, err := os.ReadFile(filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024", "campaign.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "campaign.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	camp, err := campaign.Load(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "foiwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cal := calendar.EnglandWales()
	cal.Now = func() time.Time { return time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC) }
	forces := camp.Registry.All()
	psni, _ := camp.Registry.ByID("northern-ireland")
	forces = append(forces, psni)
	addrs := map[string]string{}
	for _, a := range forces {
		addrs[a.ID] = "foi@" + a.ID + ".police.example"
	}
	reqs := request.Make(camp.Campaign, forces, nil, request.MakeOptions{At: cal.Now(), Addresses: addrs})
	if err := db.AddRequests(ctx, reqs); err != nil {
		t.Fatal(err)
	}
	return &fixture{dir: dir, camp: camp, db: db, cal: cal, reqs: reqs}
}

func (f *fixture) mailer(tr Transport, l Ledger) *Mailer {
	return &Mailer{Campaign: f.camp.Campaign, Registry: f.camp.Registry, Ledger: l, Transport: tr, Calendar: f.cal}
}

// crashingLedger fails to record the sends after the first n, as a
// process killed between handing a message over and writing it down.
type crashingLedger struct {
	Ledger
	n     int
	count int
}

func (l *crashingLedger) UpdateRequest(ctx context.Context, r request.Request, from request.State) error {
	if from == request.Sending && r.State == request.Awaiting {
		if l.count == l.n {
			return errors.New("killed")
		}
		l.count++
	}
	return l.Ledger.UpdateRequest(ctx, r, from)
}

// refusingTransport has the k-th message (from 1) refused before it is
// handed over, as a dropped connection does, and passes the rest on.
type refusingTransport struct {
	Transport
	k    int
	seen atomic.Int32
}

func (t *refusingTransport) Send(ctx context.Context, from string, to []string, msg []byte) error {
	if int(t.seen.Add(1)) == t.k {
		return fmt.Errorf("%w: connection reset by peer", ErrNotSent)
	}
	return t.Transport.Send(ctx, from, to, msg)
}

// TestSendAndReceive45 sends the 45 requests through a real SMTP server on
// loopback (STARTTLS, AUTH PLAIN), with one send refused and a crash
// after 20 recorded sends, then runs again twice; each force must have
// exactly one request at the server. The forces then reply through the
// same server into a Maildir, in four MIME shapes, and every reply must
// end up filed under its force with its request answered or refused.
func TestSendAndReceive45(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	desk := "foi@civicdatadesk.example"
	srv := startServer(t, desk)
	smtpT := &SMTP{Config: srv.config()}

	// Run 1: the 5th message is refused; the process dies after recording
	// 20 sends, with the 21st already at the server.
	crash := &crashingLedger{Ledger: f.db, n: 20}
	rep, err := f.mailer(&refusingTransport{Transport: smtpT, k: 5}, crash).Send(ctx, SendOptions{})
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("run 1: error %v, want the injected crash", err)
	}
	if len(rep.Sent) != 20 || len(rep.Failed) != 1 {
		t.Fatalf("run 1: sent %d, failed %d; want 20 and 1", len(rep.Sent), len(rep.Failed))
	}
	refused := rep.Failed[0].Request.Authority

	// Run 2 sends the rest; the request left in "sending" is reported,
	// not sent again.
	rep, err = f.mailer(smtpT, f.db).Send(ctx, SendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Unconfirmed) != 1 || len(rep.Sent) != 45-21 || rep.Earlier != 20 {
		t.Fatalf("run 2: sent %d, unconfirmed %d, earlier %d; want 24, 1, 20", len(rep.Sent), len(rep.Unconfirmed), rep.Earlier)
	}
	if !slices.ContainsFunc(rep.Sent, func(r request.Request) bool { return r.Authority == refused }) {
		t.Errorf("run 2 did not send the request refused in run 1 (%s)", refused)
	}
	unconfirmed := rep.Unconfirmed[0]

	// Run 3 has nothing to do.
	rep, err = f.mailer(smtpT, f.db).Send(ctx, SendOptions{})
	if err != nil || len(rep.Sent) != 0 || rep.Earlier != 44 || len(rep.Unconfirmed) != 1 {
		t.Fatalf("run 3: %+v, %v", rep, err)
	}

	perForce := srv.to()
	total := 0
	for _, r := range f.reqs {
		msgs := perForce[r.To]
		total += len(msgs)
		if len(msgs) != 1 {
			t.Errorf("%s received %d requests, want exactly 1", r.Authority, len(msgs))
			continue
		}
		got, err := ParseMessage(msgs[0])
		if err != nil {
			t.Fatalf("%s: the request sent does not parse: %v", r.Authority, err)
		}
		if got.MessageID != r.MessageID || !strings.Contains(got.Subject, r.Reference) || !strings.Contains(got.Text, "TikTok") {
			t.Errorf("%s: request arrived as %q / %q", r.Authority, got.MessageID, got.Subject)
		}
	}
	t.Logf("server received %d requests for %d forces", total, len(f.reqs))
	if total != 45 {
		t.Errorf("server received %d requests, want 45", total)
	}

	// The forces reply: three acknowledge first, all 45 answer, and one
	// stranger writes.
	for i, r := range f.reqs {
		from := "foi@" + r.Authority + ".police.example"
		if replyKind(i) == "csv-continuation-domain" {
			from = "disclosure@" + r.Authority + ".police.example"
		}
		if i < 3 {
			sendRaw(t, smtpT, from, desk, acknowledgement(i, from, desk, "Mon, 03 Jun 2024 09:05:00 +0100"))
		}
		date := fmt.Sprintf("%s +0100", time.Date(2024, 6, 20+i%10, 10, i, 0, 0, time.UTC).Format("Mon, 02 Jan 2006 15:04:05"))
		sendRaw(t, smtpT, from, desk, reply(i, r.Reference, r.MessageID, from, desk, date))
	}
	sendRaw(t, smtpT, "news@elsewhere.example", desk, []byte("From: news@elsewhere.example\r\nTo: "+desk+
		"\r\nSubject: Our weekly newsletter\r\nDate: Tue, 25 Jun 2024 08:00:00 +0000\r\n\r\nHello.\r\n"))

	filer := &Filer{Dir: f.dir, Campaign: f.camp.Campaign, Registry: f.camp.Registry, Ledger: f.db, Calendar: f.cal}
	rrep, err := filer.Receive(ctx, srv.maildir, ReceiveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rrep.Filed) != 45 || len(rrep.Acknowledged) != 3 || len(rrep.Unmatched) != 1 || len(rrep.Unreadable) != 0 {
		t.Fatalf("receive: filed %d, acknowledged %d, unmatched %+v, unreadable %+v",
			len(rrep.Filed), len(rrep.Acknowledged), rrep.Unmatched, rrep.Unreadable)
	}
	by := map[string]Filed{}
	matchedBy := map[string]int{}
	for _, fl := range rrep.Filed {
		by[fl.Authority] = fl
		matchedBy[fl.MatchedBy]++
	}
	t.Logf("replies matched by: %v", matchedBy)
	stored, err := f.db.Requests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]request.Request{}
	for _, r := range stored {
		state[r.Authority] = r
	}
	for i, r := range f.reqs {
		fl, ok := by[r.Authority]
		if !ok {
			t.Errorf("%s: no reply filed", r.Authority)
			continue
		}
		if !strings.HasPrefix(fl.Path, "replies/"+r.Authority+"/") || fl.Reference != r.Reference {
			t.Errorf("%s: filed as %s for %s", r.Authority, fl.Path, fl.Reference)
		}
		if _, err := os.Stat(filepath.Join(f.dir, fl.Path)); err != nil {
			t.Errorf("%s: %v", r.Authority, err)
		}
		want := request.Answered
		if replyKind(i) == "refusal" {
			want = request.Refused
		}
		got := state[r.Authority]
		if got.State != want {
			t.Errorf("%s (%s): state %s, want %s (history %+v)", r.Authority, replyKind(i), got.State, want, got.History)
		}
		if want == request.Refused && !slices.Contains(got.Exemptions, "s12(1)") {
			t.Errorf("%s: refusal recorded with exemptions %v, want s12(1)", r.Authority, got.Exemptions)
		}
		if name := attachmentName(i); name != "" {
			if len(fl.Attachments) != 1 || filepath.Base(fl.Attachments[0]) != name {
				t.Errorf("%s: attachments %q, want one named %q", r.Authority, fl.Attachments, name)
				continue
			}
			data, err := os.ReadFile(filepath.Join(f.dir, fl.Attachments[0]))
			if err != nil || string(data) != csvAnswer(i) {
				t.Errorf("%s: attachment holds %q, %v", r.Authority, data, err)
			}
		}
	}
	if got := state[unconfirmed.Authority]; got.Sent.String() != "2024-06-03" || got.State != request.Answered {
		t.Errorf("the unconfirmed request (%s) after its reply: state %s, sent %s", unconfirmed.Authority, got.State, got.Sent)
	}
	for _, a := range rrep.Acknowledged {
		if !strings.HasPrefix(a.Path, "mail/") {
			t.Errorf("acknowledgement filed as %s", a.Path)
		}
	}

	// Receiving the same Maildir again files nothing new.
	again, err := filer.Receive(ctx, srv.maildir, ReceiveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Again != 48 || len(again.Filed) != 0 || len(again.Acknowledged) != 0 {
		t.Errorf("second receive: again %d, filed %d, acknowledged %d; want 48, 0, 0", again.Again, len(again.Filed), len(again.Acknowledged))
	}
	after, _ := f.db.Requests(ctx)
	for i := range after {
		if len(after[i].History) != len(stored[i].History) {
			t.Errorf("%s: second receive added to the history", after[i].Authority)
		}
	}

	buildAndCheck(t, f)
}

func sendRaw(t *testing.T, tr *SMTP, from, to string, msg []byte) {
	t.Helper()
	if err := tr.Send(context.Background(), from, []string{to}, msg); err != nil {
		t.Fatal(err)
	}
}

// TestSendUncertain leaves a request whose fate is unknown in the sending
// state and stops, then sends it again only when asked.
func TestSendUncertain(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	tr := &scriptedTransport{fail: map[int]error{3: fmt.Errorf("%w: connection lost after DATA", ErrUncertain)}}
	rep, err := f.mailer(tr, f.db).Send(ctx, SendOptions{})
	if !errors.Is(err, ErrUncertain) || len(rep.Sent) != 2 {
		t.Fatalf("error %v after %d sent; want ErrUncertain after 2", err, len(rep.Sent))
	}
	third, err := ParseMessage(tr.sent[2])
	if err != nil {
		t.Fatal(err)
	}
	var r request.Request
	all, _ := f.db.Requests(ctx)
	for _, x := range all {
		if x.MessageID == third.MessageID {
			r = x
		}
	}
	if r.State != request.Sending {
		t.Fatalf("uncertain request is %s, want sending", r.State)
	}
	rep, err = f.mailer(tr, f.db).Send(ctx, SendOptions{})
	if err != nil || len(rep.Unconfirmed) != 1 || rep.Unconfirmed[0].Reference != r.Reference {
		t.Fatalf("second run: %+v, %v", rep.Unconfirmed, err)
	}
	rep, err = f.mailer(tr, f.db).Send(ctx, SendOptions{ResendUnconfirmed: true})
	if err != nil || len(rep.Sent) != 1 || rep.Sent[0].Reference != r.Reference {
		t.Fatalf("resend: %+v, %v", rep.Sent, err)
	}
	ids := tr.ids()
	if n := strings.Count(strings.Join(ids, " "), r.MessageID); n != 2 {
		t.Errorf("Message-Id %s sent %d times, want 2 (the uncertain attempt and the resend, with the same id)", r.MessageID, n)
	}
	if len(ids) != 46 {
		t.Errorf("%d messages handed over, want 46", len(ids))
	}
}

// scriptedTransport records what it is given and fails the n-th call
// (from 1) as told.
type scriptedTransport struct {
	fail map[int]error
	sent [][]byte
}

func (s *scriptedTransport) Send(_ context.Context, _ string, _ []string, msg []byte) error {
	s.sent = append(s.sent, msg)
	return s.fail[len(s.sent)]
}

func (s *scriptedTransport) ids() []string {
	var out []string
	for _, m := range s.sent {
		p, err := ParseMessage(m)
		if err == nil {
			out = append(out, p.MessageID)
		}
	}
	return out
}

func TestSendOutboxAndNoAddress(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	r := f.reqs[0]
	r.To = ""
	if err := f.db.UpdateRequest(ctx, r, request.Draft); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(f.dir, "outbox")
	rep, err := f.mailer(nil, f.db).Send(ctx, SendOptions{Outbox: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Written) != 44 || len(rep.NoAddress) != 1 || rep.NoAddress[0].Authority != r.Authority {
		t.Fatalf("wrote %d, no address %+v", len(rep.Written), rep.NoAddress)
	}
	data, err := os.ReadFile(filepath.Join(out, f.reqs[1].Authority+".eml"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMessage(data)
	if err != nil || m.MessageID != f.reqs[1].MessageID {
		t.Fatalf("outbox file: %+v, %v", m, err)
	}
	stored, _ := f.db.Requests(ctx)
	for _, s := range stored {
		if s.State != request.Draft {
			t.Errorf("%s is %s after a dry run", s.Authority, s.State)
		}
	}
}

func TestRemind(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	tr := &scriptedTransport{}
	if _, err := f.mailer(tr, f.db).Send(ctx, SendOptions{}); err != nil {
		t.Fatal(err)
	}
	// One force answers; the clock moves on past the due date (1 July 2024).
	r, _ := f.db.Request(ctx, "lancashire")
	if err := r.Apply(request.Change{To: request.Answered, At: time.Date(2024, 6, 28, 9, 0, 0, 0, time.UTC)}, f.cal); err != nil {
		t.Fatal(err)
	}
	if err := f.db.UpdateRequest(ctx, r, request.Awaiting); err != nil {
		t.Fatal(err)
	}
	f.cal.Now = func() time.Time { return time.Date(2024, 7, 4, 9, 0, 0, 0, time.UTC) }
	tr.sent = nil
	out := filepath.Join(f.dir, "outbox")
	dry, err := f.mailer(nil, f.db).Remind(ctx, RemindOptions{Outbox: out})
	if err != nil || len(dry.Written) != 44 {
		t.Fatalf("dry run wrote %d reminders, %v; want 44", len(dry.Written), err)
	}
	rep, err := f.mailer(tr, f.db).Remind(ctx, RemindOptions{})
	if err != nil || len(rep.Reminded) != 44 || len(tr.sent) != 44 {
		t.Fatalf("reminded %d (sent %d), %v; want 44", len(rep.Reminded), len(tr.sent), err)
	}
	m, err := ParseMessage(tr.sent[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Subject, "Reminder: ") || len(m.InReplyTo) != 1 || !strings.Contains(m.Text, "3 working days ago") {
		t.Errorf("reminder: subject %q, in reply to %v, text %q", m.Subject, m.InReplyTo, m.Text)
	}
	// A second run the same week sends nothing; a week later it reminds again.
	rep, err = f.mailer(tr, f.db).Remind(ctx, RemindOptions{})
	if err != nil || len(rep.Reminded) != 0 || len(rep.Recent) != 44 {
		t.Fatalf("second run: reminded %d, recent %d, %v", len(rep.Reminded), len(rep.Recent), err)
	}
	f.cal.Now = func() time.Time { return time.Date(2024, 7, 11, 9, 0, 0, 0, time.UTC) }
	rep, err = f.mailer(tr, f.db).Remind(ctx, RemindOptions{})
	if err != nil || len(rep.Reminded) != 44 {
		t.Fatalf("a week later: reminded %d, %v", len(rep.Reminded), err)
	}
	second, _ := ParseMessage(tr.sent[len(tr.sent)-1])
	if second.MessageID == m.MessageID {
		t.Error("the second reminder reuses the first's Message-Id")
	}
	// A reply to a reminder finds its request.
	stored, _ := f.db.Request(ctx, f.reqs[5].Reference)
	rem := reminderIDs(f.camp.Campaign, stored)
	raw := func(domain string) string {
		return fmt.Sprintf("From: someone@%s\r\nTo: x@y\r\nSubject: Re: chasing\r\nIn-Reply-To: %s\r\nDate: Fri, 12 Jul 2024 10:00:00 +0100\r\n\r\nPlease see our reply attached - oh, we forgot it; the answer is 12.\r\n",
			domain, rem[1])
	}
	filer := &Filer{Dir: f.dir, Campaign: f.camp.Campaign, Registry: f.camp.Registry, Ledger: f.db, Calendar: f.cal}
	// From a stranger, it is not filed, though it answers our reminder.
	file := filepath.Join(f.dir, "r.eml")
	os.WriteFile(file, []byte(raw("unrelated.example")), 0o644)
	rr, err := filer.Receive(ctx, file, ReceiveOptions{})
	if err != nil || len(rr.Filed) != 0 || len(rr.Unmatched) != 1 {
		t.Fatalf("a stranger's reply to a reminder: %+v, %v", rr, err)
	}
	_, domain, _ := strings.Cut(stored.To, "@")
	os.WriteFile(file, []byte(raw("mail."+domain)), 0o644)
	rr, err = filer.Receive(ctx, file, ReceiveOptions{})
	if err != nil || len(rr.Filed) != 1 || rr.Filed[0].Authority != stored.Authority || !strings.HasPrefix(rr.Filed[0].MatchedBy, "reply to our message") {
		t.Fatalf("reply to a reminder: %+v, %v", rr, err)
	}
}

func TestComposeRoundTrip(t *testing.T) {
	from := mail.Address{Name: "Eleanor Marsh – Civic Data Desk", Address: "foi@civicdatadesk.example"}
	text := "Dear Officer,\n\nPlease send the figures for 2021/22 – 2023/24. " + strings.Repeat("A long line of text. ", 10) + "\n\n> quoted =line=\n"
	m := Mail{From: from, To: []mail.Address{{Name: "Lancashire Constabulary FOI", Address: "foi@lancs.example"}},
		Subject: "Freedom of Information request: Offences recorded with TikTok as an element – a very long subject [TT24-LANC-0001]",
		Date:    time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC), MessageID: "<tt24-lanc-0001.request.abc@civicdatadesk.example>", Text: text}
	b, err := Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Compose(m)
	if string(again) != string(b) {
		t.Error("composing twice gives different bytes")
	}
	for i, line := range strings.Split(string(b), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line %d is %d characters: %q", i+1, len(line), line)
		}
	}
	if strings.Contains(strings.ReplaceAll(string(b), "\r\n", ""), "\n") {
		t.Error("a bare LF in the message")
	}
	got, err := ParseMessage(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Subject != m.Subject || got.FromName != from.Name || got.From != from.Address || got.MessageID != m.MessageID {
		t.Errorf("headers came back as %q, %q <%s>, %s", got.Subject, got.FromName, got.From, got.MessageID)
	}
	if got.Text != text {
		t.Errorf("text came back as %q, want %q", got.Text, text)
	}
	if !got.Date.Equal(m.Date) {
		t.Errorf("date %v", got.Date)
	}
	if _, err := Compose(Mail{From: from}); err == nil {
		t.Error("composed a message with no recipient")
	}
}

func TestConfig(t *testing.T) {
	env := map[string]string{"FOIWIRE_SMTP_HOST": "smtp.example", "FOIWIRE_SMTP_PORT": "2525",
		"FOIWIRE_SMTP_USER": "u", "FOIWIRE_SMTP_PASSWORD": "p", "FOIWIRE_SMTP_SECURITY": "TLS"}
	c, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil || c.Host != "smtp.example" || c.Port != 2525 || c.Security != ImplicitTLS || c.Check() != nil {
		t.Fatalf("%+v, %v", c, err)
	}
	env["FOIWIRE_SMTP_PORT"] = "smtp"
	if _, err := ConfigFromEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "FOIWIRE_SMTP_PORT") {
		t.Errorf("bad port: %v", err)
	}
	tests := []struct {
		name string
		c    Config
		want string
	}{
		{"no host", Config{}, "no host"},
		{"user without password", Config{Host: "h", User: "u"}, "both a user and a password"},
		{"unknown security", Config{Host: "h", Security: "ssl"}, "starttls, tls or none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.c.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check() = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestSMTPNotSent checks that a server that will not take the message
// gives ErrNotSent, so the request goes back to draft.
func TestSMTPNotSent(t *testing.T) {
	srv := startServer(t, "desk@example.org")
	c := srv.config()
	c.Password = "wrong"
	err := (&SMTP{Config: c}).Send(context.Background(), "a@example.org", []string{"b@example.org"}, []byte("Subject: x\r\n\r\nx\r\n"))
	if !errors.Is(err, ErrNotSent) || !strings.Contains(err.Error(), "AUTH") {
		t.Errorf("wrong password: %v, want ErrNotSent at AUTH", err)
	}
	c = srv.config()
	c.Security = ImplicitTLS
	c.Timeout = 2 * time.Second
	err = (&SMTP{Config: c}).Send(context.Background(), "a@example.org", []string{"b@example.org"}, []byte("Subject: x\r\n\r\nx\r\n"))
	if !errors.Is(err, ErrNotSent) {
		t.Errorf("TLS to a STARTTLS port: %v, want ErrNotSent", err)
	}
	if len(srv.to()) != 0 {
		t.Errorf("the server took %d messages", len(srv.to()))
	}
}
