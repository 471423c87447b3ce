package mailer

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/request"
)

func TestReadReply(t *testing.T) {
	csv := []Attachment{{Name: "a.csv", MediaType: "text/csv", Data: []byte("Year,Crimes\n2023/24,5\n")}}
	tests := []struct {
		name   string
		msg    Message
		want   request.State
		exempt []string
		ack    bool
	}{
		{name: "plain answer", msg: Message{Text: "Please find attached.", Attachments: csv}, want: request.Answered},
		{name: "cost refusal", msg: Message{Text: "Complying would exceed the appropriate limit (section 12)."},
			want: request.Refused, exempt: []string{"s12"}},
		{name: "answer withholding small numbers", msg: Message{Text: "Counts under five are withheld under section 40(2).", Attachments: csv},
			want: request.PartlyAnswered, exempt: []string{"s40(2)"}},
		{name: "exemption named in a text attachment",
			msg:  Message{Text: "Our response is attached.", Attachments: []Attachment{{MediaType: "text/plain", Data: []byte("We rely on s31(1)(a).")}}},
			want: request.PartlyAnswered, exempt: []string{"s31(1)(a)"}},
		{name: "asks for clarification", msg: Message{Text: "Before we can search, could you please clarify which years you mean?"},
			want: request.Clarification},
		{name: "automatic acknowledgement", msg: Message{Auto: true, Text: "We will reply within 20 working days."}, want: request.Answered, ack: true},
		{name: "acknowledging in words", msg: Message{Subject: "FOI 2024/1234", Text: "We acknowledge receipt of your request, logged as 2024/1234."},
			want: request.Answered, ack: true},
		{name: "automatic but with the answer attached", msg: Message{Auto: true, Attachments: csv}, want: request.Answered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ex := readReply(&tt.msg)
			if got != tt.want || !slices.Equal(ex, tt.exempt) {
				t.Errorf("readReply = %s %v, want %s %v", got, ex, tt.want, tt.exempt)
			}
			if a := isAcknowledgement(&tt.msg); a != tt.ack {
				t.Errorf("isAcknowledgement = %v, want %v", a, tt.ack)
			}
		})
	}
}

func TestReceiveCases(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)
	cal := calendar.EnglandWales()
	cal.Now = func() time.Time { return at }
	camp := foiwire.Campaign{Slug: "tiktok-2024", Topic: "TikTok", Title: "TikTok", Sender: foiwire.Sender{Email: "desk@desk.example"}}
	made := request.Make(camp, []foiwire.Authority{{ID: "lancashire"}, {ID: "dorset"}, {ID: "kent"}}, nil, request.MakeOptions{At: at,
		Addresses: map[string]string{"lancashire": "foi@lancs.example", "dorset": "foi@dorset.example", "kent": "foi@kent.example"}})
	for i := range made[:2] {
		if err := made[i].Apply(request.Change{To: request.Awaiting, At: at}, cal); err != nil {
			t.Fatal(err)
		}
	}
	if err := made[1].Apply(request.Change{To: request.Clarification, At: at.Add(24 * time.Hour)}, cal); err != nil {
		t.Fatal(err)
	}
	ledger := &memLedger{rs: made}
	dir := t.TempDir()
	f := &Filer{Dir: dir, Campaign: camp, Registry: authority.Police(), Ledger: ledger, Calendar: cal}
	write := func(name, raw string) string {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, []byte(raw), 0o644)
		return p
	}

	own := write("own.eml", "From: Desk <desk@desk.example>\r\nTo: foi@lancs.example\r\nSubject: x\r\n\r\nour request\r\n")
	rep, err := f.Receive(ctx, own, ReceiveOptions{})
	if err != nil || len(rep.Skipped) != 1 {
		t.Fatalf("our own message: %+v, %v", rep, err)
	}

	// A reply the matcher cannot place, filed by a person under Lancashire.
	stray := write("stray.eml", "From: clerk@gmail.example\r\nSubject: figures\r\nDate: Mon, 24 Jun 2024 10:00:00 +0100\r\n\r\nThe figure is 7.\r\n")
	rep, _ = f.Receive(ctx, stray, ReceiveOptions{})
	if len(rep.Unmatched) != 1 {
		t.Fatalf("stray reply: %+v", rep)
	}
	rep, err = f.Receive(ctx, stray, ReceiveOptions{Authority: "lancashire"})
	if err != nil || len(rep.Filed) != 1 || rep.Filed[0].MatchedBy != "given" || rep.Filed[0].State != request.Answered {
		t.Fatalf("given authority: %+v, %v", rep, err)
	}
	if _, err := os.Stat(filepath.Join(dir, rep.Filed[0].Path)); err != nil || !strings.HasPrefix(rep.Filed[0].Path, "replies/lancashire/2024-06-24-"+strings.ToLower(made[0].Reference)+"-") {
		t.Errorf("filed as %s: %v", rep.Filed[0].Path, err)
	}

	// The clarification arrives, then the answer: the clock restarted on
	// the clarification's day, and the reply answers the request.
	r, _ := ledger.Requests(ctx)
	dorset := r[1]
	if err := dorset.Apply(request.Change{To: request.Awaiting, At: at, On: foiwire.MustDate("2024-06-10")}, cal); err != nil {
		t.Fatal(err)
	}
	ledger.UpdateRequest(ctx, dorset, request.Clarification)
	answer := write("a.eml", "From: foi@dorset.example\r\nSubject: Re: ["+made[1].Reference+"]\r\nDate: Wed, 03 Jul 2024 10:00:00 +0100\r\n\r\nThe answer is 4.\r\n")
	rep, err = f.Receive(ctx, answer, ReceiveOptions{})
	if err != nil || len(rep.Filed) != 1 || rep.Filed[0].State != request.Answered {
		t.Fatalf("answer after clarification: %+v, %v", rep, err)
	}
	r, _ = ledger.Requests(ctx)
	if r[1].Due.String() != "2024-07-08" {
		t.Errorf("due after clarification on 10 June: %s, want 2024-07-08", r[1].Due)
	}

	// A reply to a request never sent is filed, with a note, and changes
	// nothing.
	early := write("k.eml", "From: foi@kent.example\r\nSubject: ["+made[2].Reference+"]\r\n\r\nHello?\r\n")
	rep, err = f.Receive(ctx, early, ReceiveOptions{})
	if err != nil || len(rep.Filed) != 1 || rep.Filed[0].State != request.Draft || rep.Filed[0].Note == "" {
		t.Fatalf("reply to a draft: %+v, %v", rep, err)
	}
}

// A forged reply, one whose subject carries a force's real reference and
// which answers our request's Message-Id, is not filed when it comes from
// outside the force's domains; it waits in unmatched/ for a person.
func TestForgedSenderIsNotFiled(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)
	cal := calendar.EnglandWales()
	cal.Now = func() time.Time { return at }
	reg, err := authority.Police().Apply([]authority.Override{
		{ID: "lancashire", Domains: []string{"lancashire.police.example"}},
		{ID: "dorset", Domains: []string{"dorset.police.example"}},
		{ID: "norfolk", Domains: []string{"norfolk.police.example", "joint-foi.example"}},
		{ID: "suffolk", Domains: []string{"suffolk.police.example", "joint-foi.example"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	camp := foiwire.Campaign{Slug: "tiktok-2024", Topic: "TikTok", Title: "TikTok", Sender: foiwire.Sender{Email: "desk@desk.example"}}
	made := request.Make(camp, []foiwire.Authority{{ID: "lancashire"}, {ID: "dorset"}, {ID: "norfolk"}, {ID: "suffolk"}}, nil,
		request.MakeOptions{At: at})
	for i := range made {
		if err := made[i].Apply(request.Change{To: request.Awaiting, At: at}, cal); err != nil {
			t.Fatal(err)
		}
	}
	lancs, dorset, norfolk, suffolk := made[0], made[1], made[2], made[3]
	ledger := &memLedger{rs: made}
	dir := t.TempDir()
	f := &Filer{Dir: dir, Campaign: camp, Registry: reg, Ledger: ledger, Calendar: cal}
	msg := func(from, subject, inReplyTo string) string {
		p := filepath.Join(t.TempDir(), "m.eml")
		raw := ""
		if strings.HasPrefix(from, "spoofed:") {
			from = strings.TrimPrefix(from, "spoofed:")
			raw = "Authentication-Results: mx.desk.example; spf=softfail smtp.mailfrom=evil.example; dmarc=fail (p=none) header.from=" +
				from[strings.IndexByte(from, '@')+1:] + "\r\nAuthentication-Results: forged.example; dmarc=pass\r\n"
		}
		raw += "From: FOI Unit <" + from + ">\r\nTo: desk@desk.example\r\nSubject: " + subject + "\r\n"
		if inReplyTo != "" {
			raw += "In-Reply-To: " + inReplyTo + "\r\n"
		}
		raw += "Date: Mon, 24 Jun 2024 10:00:00 +0100\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
			"--b\r\nContent-Type: text/plain\r\n\r\nPlease find our answer attached.\r\n" +
			"--b\r\nContent-Type: text/csv; name=answer.csv\r\nContent-Disposition: attachment; filename=answer.csv\r\n\r\nYear,Crimes\r\n2023/24,999\r\n--b--\r\n"
		os.WriteFile(p, []byte(raw), 0o644)
		return p
	}
	forged := []struct {
		name, from, subject, inReplyTo, why string
	}{
		{"a stranger quoting the reference", "foi@evil.example", "Re: [" + lancs.Reference + "]", "", "none of lancashire's domains"},
		{"a stranger answering our message", "foi@evil.example", "Re: your request", lancs.MessageID, "none of lancashire's domains"},
		{"a look-alike domain", "foi@lancashire-police.example", "Re: [" + lancs.Reference + "]", lancs.MessageID, "none of lancashire's domains"},
		{"the force's domain inside another", "foi@lancashire.police.example.evil.example", "[" + lancs.Reference + "]", "", "none of lancashire's domains"},
		{"another force quoting the reference", "foi@dorset.police.example", "Re: [" + lancs.Reference + "]", "", "a domain of dorset"},
		{"a joint unit without a reference", "foi@joint-foi.example", "Your request", "", "norfolk and suffolk"},
		{"a free mail address", "lancashire.police@gmail.com", "Re: [" + lancs.Reference + "]", "", "none of lancashire's domains"},
		{"the force's own domain, forged", "spoofed:foi@lancashire.police.example", "Re: [" + lancs.Reference + "]", lancs.MessageID, "dmarc=fail"},
	}
	for _, tt := range forged {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := f.Receive(ctx, msg(tt.from, tt.subject, tt.inReplyTo), ReceiveOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Filed) != 0 || len(rep.Acknowledged) != 0 || len(rep.Unmatched) != 1 {
				t.Fatalf("filed: %+v", rep)
			}
			u := rep.Unmatched[0]
			if !strings.Contains(u.Why, tt.why) {
				t.Errorf("why %q, want it to say %q", u.Why, tt.why)
			}
			if _, err := os.Stat(filepath.Join(dir, u.Path)); err != nil || !strings.HasPrefix(u.Path, UnmatchedDir+"/") {
				t.Errorf("not kept for a person: %q, %v", u.Path, err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "replies")); !os.IsNotExist(err) {
		t.Errorf("something was filed under replies/: %v", err)
	}
	rs, _ := ledger.Requests(ctx)
	for _, r := range rs {
		if r.State != request.Awaiting || len(r.History) != 2 {
			t.Errorf("%s moved to %s by a forged reply", r.Authority, r.State)
		}
	}
	queue, err := f.Unmatched(ctx)
	if err != nil || len(queue) != len(forged) {
		t.Fatalf("unmatched queue: %d messages, %v; want %d", len(queue), err, len(forged))
	}

	// The force's own mail, from a subdomain, is filed; and a joint unit's
	// reply is placed by its reference.
	for _, tt := range []struct{ from, subject, want string }{
		{"foi@mail.lancashire.police.example", "Re: [" + lancs.Reference + "]", "lancashire"},
		{"foi@joint-foi.example", "Re: [" + suffolk.Reference + "]", "suffolk"},
		{"foi@norfolk.police.example", "Our reply", norfolk.Authority},
	} {
		rep, err := f.Receive(ctx, msg(tt.from, tt.subject, ""), ReceiveOptions{})
		if err != nil || len(rep.Filed) != 1 || rep.Filed[0].Authority != tt.want || rep.Filed[0].State != request.Answered {
			t.Errorf("from %s: %+v, %v; want it filed under %s", tt.from, rep, err, tt.want)
		}
	}

	// A person files a queued message; it leaves the queue.
	rep, err := f.Receive(ctx, filepath.Join(dir, queue[0].Path), ReceiveOptions{Authority: "dorset"})
	if err != nil || len(rep.Filed) != 1 || rep.Filed[0].Reference != dorset.Reference {
		t.Fatalf("filing from the queue: %+v, %v", rep, err)
	}
	if again, _ := f.Unmatched(ctx); len(again) != len(forged)-1 {
		t.Errorf("queue after filing one: %d, want %d", len(again), len(forged)-1)
	}
}
