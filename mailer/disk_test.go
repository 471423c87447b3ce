package mailer

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/request"
)

func TestMarkAnswered(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)
	cal := calendar.EnglandWales()
	now := time.Date(2024, 7, 10, 9, 0, 0, 0, time.UTC)
	cal.Now = func() time.Time { return now }
	camp := foiwire.Campaign{Slug: "tiktok-2024", Topic: "TikTok"}
	ids := []string{"lancashire", "dorset", "kent", "cumbria", "durham", "essex"}
	var as []foiwire.Authority
	for _, id := range ids {
		as = append(as, foiwire.Authority{ID: id})
	}
	made := request.Make(camp, as, nil, request.MakeOptions{At: at})
	// lancashire awaiting, dorset clarification, kent refused already,
	// cumbria a draft, durham sending, essex awaiting with no reply.
	for i, r := range made {
		switch r.Authority {
		case "cumbria":
			continue
		case "durham":
			made[i].Apply(request.Change{To: request.Sending, At: at}, cal)
			continue
		}
		made[i].Apply(request.Change{To: request.Awaiting, At: at}, cal)
	}
	made[1].Apply(request.Change{To: request.Clarification, At: at.Add(48 * time.Hour)}, cal)
	made[2].Apply(request.Change{To: request.Refused, At: at.Add(72 * time.Hour), Exemptions: []string{"s12"}}, cal)
	ledger := &memLedger{rs: made}
	f := &Filer{Dir: t.TempDir(), Campaign: camp, Registry: authority.Police(), Ledger: ledger, Calendar: cal}
	day := func(s string) time.Time { return foiwire.MustDate(s).Time().Add(10 * time.Hour) }
	files := []DiskReply{
		{Authority: "lancashire", Path: "replies/lancashire/reply.pdf", ModTime: day("2024-06-28")},
		{Authority: "lancashire", Path: "replies/lancashire/annex.xlsx", ModTime: day("2024-06-27")},
		{Authority: "dorset", Path: "replies/dorset/letter.html", ModTime: day("2024-05-01")}, // before it was sent
		{Authority: "kent", Path: "replies/kent/refusal.txt", ModTime: day("2024-06-10")},
		{Authority: "cumbria", Path: "replies/cumbria/x.csv", ModTime: day("2024-06-10")},
		{Authority: "durham", Path: "replies/durham/x.csv", ModTime: day("2024-09-01")}, // after today
	}
	got, err := f.MarkAnswered(ctx, files)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"lancashire": "2024-06-28", "dorset": "2024-06-03", "durham": "2024-07-10"}
	if len(got) != len(want) {
		t.Fatalf("changed %d requests, want %d: %+v", len(got), len(want), got)
	}
	for _, a := range got {
		if a.Request.State != request.Answered {
			t.Errorf("%s: %s", a.Request.Authority, a.Request.State)
		}
		last := a.Request.History[len(a.Request.History)-1]
		if on := foiwire.DateOf(last.At); !strings.Contains(last.Note, a.Files[0]) || want[a.Request.Authority] == "" || on.IsZero() {
			t.Errorf("%s: history %+v", a.Request.Authority, last)
		}
	}
	rs, _ := ledger.Requests(ctx)
	states := map[string]request.State{}
	for _, r := range rs {
		states[r.Authority] = r.State
	}
	for id, st := range map[string]request.State{"lancashire": request.Answered, "dorset": request.Answered, "kent": request.Refused,
		"cumbria": request.Draft, "durham": request.Answered, "essex": request.Awaiting} {
		if states[id] != st {
			t.Errorf("%s is %s, want %s", id, states[id], st)
		}
	}
	if rs[4].Sent.String() != "2024-06-03" {
		t.Errorf("durham, found sending, recorded as sent on %s", rs[4].Sent)
	}
	// Running again changes nothing; a reminder run skips the answered.
	if again, err := f.MarkAnswered(ctx, files); err != nil || len(again) != 0 {
		t.Errorf("second run: %+v, %v", again, err)
	}
	m := &Mailer{Campaign: camp, Registry: authority.Police(), Ledger: ledger, Calendar: cal}
	camp.Sender = foiwire.Sender{Email: "desk@desk.example"}
	m.Campaign = camp
	rep, err := m.Remind(ctx, RemindOptions{Outbox: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Reminded)+len(rep.Failed) != 1 || (len(rep.Reminded) == 1 && rep.Reminded[0].Authority != "essex") ||
		(len(rep.Failed) == 1 && rep.Failed[0].Request.Authority != "essex") {
		t.Errorf("reminders: %+v", rep)
	}
}
