package request

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/calendar"
)

var at = time.Date(2024, 6, 3, 10, 0, 0, 0, time.UTC)

func sent(t *testing.T, cal *calendar.Calendar, on string) Request {
	t.Helper()
	r := Request{Reference: "TT24-LANC-0001", Authority: "lancashire", State: Draft}
	if err := r.Apply(Change{To: Sending, At: at}, cal); err != nil {
		t.Fatal(err)
	}
	if err := r.Apply(Change{To: Awaiting, At: at, On: foiwire.MustDate(on)}, cal); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestApply(t *testing.T) {
	cal := calendar.EnglandWales()
	tests := []struct {
		name    string
		from    State
		change  Change
		wantErr string // "" for allowed
		check   func(t *testing.T, r Request)
	}{
		{name: "send", from: Draft, change: Change{To: Sending}},
		{name: "sent sets the dates", from: Sending, change: Change{To: Awaiting, On: foiwire.MustDate("2024-03-22")},
			check: func(t *testing.T, r Request) {
				if r.Sent.String() != "2024-03-22" || r.Received.String() != "2024-03-22" || r.Due.String() != "2024-04-23" {
					t.Errorf("sent %s received %s due %s", r.Sent, r.Received, r.Due)
				}
			}},
		{name: "sent by other means", from: Draft, change: Change{To: Awaiting, On: foiwire.MustDate("2024-06-03")}},
		{name: "not delivered goes back to draft", from: Sending, change: Change{To: Draft}},
		{name: "answered", from: Awaiting, change: Change{To: Answered}},
		{name: "refused with s12", from: Awaiting, change: Change{To: Refused, Exemptions: []string{"section 12(1)"}},
			check: func(t *testing.T, r Request) {
				if !slices.Equal(r.Exemptions, []string{"s12(1)"}) {
					t.Errorf("exemptions %v", r.Exemptions)
				}
			}},
		{name: "refused needs an exemption", from: Awaiting, change: Change{To: Refused}, wantErr: "needs the exemption"},
		{name: "refused with a section that is no exemption", from: Awaiting, change: Change{To: Refused, Exemptions: []string{"s17"}}, wantErr: "not an exemption"},
		{name: "overdue cannot be set", from: Awaiting, change: Change{To: Overdue}, wantErr: "worked out from the due date"},
		{name: "already awaiting", from: Awaiting, change: Change{To: Awaiting}, wantErr: "already awaiting"},
		{name: "withdrawn is closed", from: Withdrawn, change: Change{To: Awaiting}, wantErr: "make a new request"},
		{name: "draft cannot be answered", from: Draft, change: Change{To: Answered}, wantErr: "not been sent"},
		{name: "answered cannot await again", from: Answered, change: Change{To: Awaiting}, wantErr: "internal review"},
		{name: "review after refusal restarts the clock", from: Refused,
			change: Change{To: InternalReview, On: foiwire.MustDate("2024-07-01")},
			check: func(t *testing.T, r Request) {
				if r.Received.String() != "2024-07-01" || r.Due.String() != "2024-07-29" {
					t.Errorf("review received %s due %s", r.Received, r.Due)
				}
			}},
		{name: "clarification restarts the clock", from: Clarification,
			change: Change{To: Awaiting, On: foiwire.MustDate("2024-05-24")},
			check: func(t *testing.T, r Request) {
				if r.Received.String() != "2024-05-24" || r.Due.String() != "2024-06-24" {
					t.Errorf("after clarification received %s due %s", r.Received, r.Due)
				}
				if r.Sent.String() != "2024-03-01" {
					t.Errorf("clarification moved the sent date to %s", r.Sent)
				}
			}},
		{name: "a reply's reading corrected", from: Refused, change: Change{To: Answered},
			check: func(t *testing.T, r Request) {
				if r.Exemptions != nil {
					t.Errorf("answered keeps exemptions %v", r.Exemptions)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Request{Reference: "TT24-LANC-0001", Authority: "lancashire", State: tt.from,
				Sent: foiwire.MustDate("2024-03-01"), Received: foiwire.MustDate("2024-03-01"),
				Exemptions: []string{"s40(2)"}}
			before := r
			c := tt.change
			c.At = at
			err := r.Apply(c, cal)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrTransition) {
					t.Fatalf("error = %v, want ErrTransition saying %q", err, tt.wantErr)
				}
				if r.State != before.State || len(r.History) != 0 {
					t.Errorf("a refused change altered the request: %+v", r)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.State != tt.change.To {
				t.Errorf("state %s, want %s", r.State, tt.change.To)
			}
			if len(r.History) != 1 || r.History[0].From != tt.from || r.History[0].To != tt.change.To {
				t.Errorf("history %+v", r.History)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

func TestStatus(t *testing.T) {
	cal := calendar.EnglandWales()
	r := sent(t, cal, "2024-06-03") // due 2024-07-01; 40th working day 2024-07-29
	tests := []struct {
		name  string
		today string
		want  State
		late  int
	}{
		{"before the due date", "2024-06-20", Awaiting, 0},
		{"on the due date", "2024-07-01", Awaiting, 0},
		{"the day after", "2024-07-02", Overdue, 1},
		{"on the 40th working day", "2024-07-29", Overdue, 20},
		{"past the 40th", "2024-07-30", LongOverdue, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			today := foiwire.MustDate(tt.today)
			if got := r.Status(cal, today); got != tt.want {
				t.Errorf("Status = %s, want %s", got, tt.want)
			}
			if got := r.DaysLate(cal, today); got != tt.late {
				t.Errorf("DaysLate = %d, want %d", got, tt.late)
			}
		})
	}
	if err := r.Apply(Change{To: Answered, At: at}, cal); err != nil {
		t.Fatal(err)
	}
	if s, l := r.Status(cal, foiwire.MustDate("2024-09-01")), r.DaysLate(cal, foiwire.MustDate("2024-09-01")); s != Answered || l != 0 {
		t.Errorf("answered request shows %s, %d days late", s, l)
	}
}

func TestParseState(t *testing.T) {
	for in, want := range map[string]State{
		"partly answered": PartlyAnswered, "Partly_Answered": PartlyAnswered, "partial": PartlyAnswered,
		"clarification": Clarification, "internal review": InternalReview, "refused": Refused, "sent": Awaiting,
	} {
		if got, err := ParseState(in); err != nil || got != want {
			t.Errorf("ParseState(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseState("lost"); err == nil || !strings.Contains(err.Error(), "awaiting") {
		t.Errorf("ParseState(lost) error = %v, want the list of states", err)
	}
}

func TestExemptions(t *testing.T) {
	parse := []struct{ in, want string }{
		{"s12", "s12"}, {"S.40(2)", "s40(2)"}, {"section 31(1)(a)", "s31(1)(a)"}, {"12", "s12"}, {"s 30", "s30"},
	}
	for _, tt := range parse {
		if got, err := ParseExemption(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseExemption(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"s17", "s1", "cost", "s12x", ""} {
		if got, err := ParseExemption(bad); err == nil {
			t.Errorf("ParseExemption(%q) = %q, want an error", bad, got)
		}
	}
	if Describe("s40(2)") != "personal information" || Describe("s17") != "" {
		t.Errorf("Describe: %q, %q", Describe("s40(2)"), Describe("s17"))
	}

	find := []struct {
		name, text string
		want       []string
		outright   bool
	}{
		{"cost limit by name", "Locating the information would exceed the appropriate limit set by the regulations.", []string{"s12"}, true},
		{"section and subsection", "We rely on Section 40(2) for counts below five. Please find attached the rest.", []string{"s40(2)"}, false},
		{"two sections", "The information is exempt under sections 30 and 31 of the Act.", []string{"s30", "s31"}, false},
		{"another Act", "Offences under section 127 of the Communications Act 2003 and s1 of the Malicious Communications Act.", nil, false},
		{"ncnd", "The force will neither confirm nor deny that it holds information, by virtue of s23(5).", []string{"s23(5)"}, true},
		{"vexatious", "This request is refused under section 14(1).", []string{"s14(1)"}, true},
		{"nothing", "Please find the figures attached.", nil, false},
	}
	for _, tt := range find {
		t.Run(tt.name, func(t *testing.T) {
			if got := FindExemptions(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("FindExemptions = %v, want %v", got, tt.want)
			}
			if got := RefusesOutright(tt.text); got != tt.outright {
				t.Errorf("RefusesOutright = %v, want %v", got, tt.outright)
			}
		})
	}
}

func TestReferences(t *testing.T) {
	c := foiwire.Campaign{Slug: "tiktok-2024", Topic: "TikTok"}
	if p := Prefix(c, 2030); p != "TT24" {
		t.Errorf("Prefix = %q, want TT24", p)
	}
	if p := Prefix(foiwire.Campaign{Slug: "knives", Topic: "knife crime"}, 2025); p != "KN25" {
		t.Errorf("Prefix = %q, want KN25", p)
	}
	for id, want := range map[string]string{"lancashire": "LANC", "west-midlands": "WEMI", "avon-and-somerset": "AVSO",
		"btp": "BTP", "city-of-london": "CILO"} {
		if got := ForceCode(id); got != want {
			t.Errorf("ForceCode(%q) = %q, want %q", id, got, want)
		}
	}
	ref := Reference("TT24", "LANC", nil)
	if !regexp.MustCompile(`^TT24-LANC-[0-9A-HJKMNP-TV-Z]{6}$`).MatchString(ref) || Code(ref) != "LANC" {
		t.Errorf("Reference = %q (code %q)", ref, Code(ref))
	}
	if again := Reference("TT24", "LANC", nil); again == ref {
		t.Errorf("two references drawn alike: %s", ref)
	}
	got := FindReferences("RE: Freedom of Information request [" + strings.ToLower(ref) + "] - our ref FOI/2024/1234")
	if !slices.Equal(got, []string{ref}) {
		t.Errorf("FindReferences = %v, want [%s]", got, ref)
	}
	// References made before the random suffix still read.
	if got := FindReferences("Re: [TT24-LANC-0007]"); !slices.Equal(got, []string{"TT24-LANC-0007"}) {
		t.Errorf("old-style reference: %v", got)
	}
}

// Every force of the registry gets a code of its own: northamptonshire and
// northumbria once shared NORT.
func TestForceCodesDiffer(t *testing.T) {
	var ids []string
	for _, a := range authority.Police().Known() {
		ids = append(ids, a.ID)
	}
	codes := ForceCodes(ids)
	seen := map[string]string{}
	for _, id := range ids {
		code := codes[id]
		if other, ok := seen[code]; ok {
			t.Errorf("%s and %s share the code %s", other, id, code)
		}
		seen[code] = id
		if len(code) == 0 || len(code) > maxCode {
			t.Errorf("%s: code %q", id, code)
		}
		ref := Reference("TT24", code, nil)
		if got := FindReferences("x " + ref + " y"); !slices.Equal(got, []string{ref}) || Code(ref) != code {
			t.Errorf("%s: reference %s reads back as %v", id, ref, got)
		}
	}
	if codes["northamptonshire"] == codes["northumbria"] || codes["lancashire"] != "LANC" {
		t.Errorf("northamptonshire %s, northumbria %s, lancashire %s", codes["northamptonshire"], codes["northumbria"], codes["lancashire"])
	}
}

func TestMake(t *testing.T) {
	c := foiwire.Campaign{Slug: "tiktok-2024", Topic: "TikTok", Title: "TikTok crimes",
		Request: "Dear Officer,\n\nPlease send the figures.", Sender: foiwire.Sender{Email: "Desk <desk@news.example>"}}
	as := []foiwire.Authority{
		{ID: "lancashire", FOIEmail: "foi@lancs.example"},
		{ID: "dorset"},
		{ID: "kent", FOIEmail: "old@kent.example"},
	}
	first := Make(c, as[:2], nil, MakeOptions{At: at})
	if len(first) != 2 || Code(first[0].Reference) != "LANC" || Code(first[1].Reference) != "DORS" ||
		!strings.HasPrefix(first[0].Reference, "TT24-") {
		t.Fatalf("first requests: %+v", first)
	}
	ref := first[0].Reference
	if first[1].To != "" || first[0].To != "foi@lancs.example" {
		t.Errorf("addresses %q, %q", first[0].To, first[1].To)
	}
	if !strings.Contains(first[0].Body, ref) || !strings.Contains(first[0].Subject, "["+ref+"]") {
		t.Errorf("reference missing from the subject or body: %q / %q", first[0].Subject, first[0].Body)
	}
	if first[0].MessageID != MessageID(c, ref, "request") || !strings.HasSuffix(first[0].MessageID, "@news.example>") {
		t.Errorf("Message-Id %q", first[0].MessageID)
	}
	if first[0].MessageID == first[1].MessageID {
		t.Error("two requests share a Message-Id")
	}
	again := Make(c, as, first, MakeOptions{At: at, Addresses: map[string]string{"kent": "foi@kent.example"}})
	if len(again) != 1 || again[0].Authority != "kent" || Code(again[0].Reference) != "KENT" || again[0].To != "foi@kent.example" {
		t.Errorf("second run made %+v, want only kent with the given address", again)
	}

	// The same random source gives the same references; a different one
	// does not.
	seeded := func(seed byte) MakeOptions {
		return MakeOptions{At: at, Rand: rand.NewChaCha8([32]byte{seed})}
	}
	x, y, z := Make(c, as, nil, seeded(1)), Make(c, as, nil, seeded(1)), Make(c, as, nil, seeded(2))
	if x[2].Reference != y[2].Reference || x[2].Reference == z[2].Reference {
		t.Errorf("seeded references %s, %s, %s", x[2].Reference, y[2].Reference, z[2].Reference)
	}

	// A request made before codes were told apart keeps its code, and the
	// force that shared it gets another.
	old := []Request{{Reference: "TT24-NORT-0001", Authority: "northumbria"}}
	made := Make(c, []foiwire.Authority{{ID: "northumbria"}, {ID: "northamptonshire"}}, old, MakeOptions{At: at})
	if len(made) != 1 || made[0].Authority != "northamptonshire" || Code(made[0].Reference) == "NORT" {
		t.Errorf("made %+v next to an old NORT reference", made)
	}
}

func TestReminder(t *testing.T) {
	cal := calendar.EnglandWales()
	r := sent(t, cal, "2024-06-03")
	r.Subject, r.Body = "Freedom of Information request: x [TT24-LANC-0001]", "Our reference: TT24-LANC-0001\n\nPlease send the figures.\n"
	subject, body := Reminder(r, "Lancashire Constabulary", foiwire.Sender{Name: "Eleanor Marsh", Organisation: "Civic Data Desk"}, 3)
	if subject != "Reminder: "+r.Subject {
		t.Errorf("subject %q", subject)
	}
	for _, want := range []string{"On 3 June 2024 I asked Lancashire Constabulary", "was 1 July 2024, 3 working days ago", "Eleanor Marsh\nCivic Data Desk", "> Please send the figures."} {
		if !strings.Contains(body, want) {
			t.Errorf("reminder lacks %q:\n%s", want, body)
		}
	}
}

func FuzzFindExemptions(f *testing.F) {
	f.Add("refused under section 12(1) and s.40(2)")
	f.Add("sections 30 and 31 of the Freedom of Information Act")
	f.Add("section 127 of the Communications Act")
	f.Add("TT24-LANC-0001 s99(9)(9)(9)")
	f.Fuzz(func(t *testing.T, text string) {
		for _, ex := range FindExemptions(text) {
			again, err := ParseExemption(ex)
			if err != nil || again != ex {
				t.Errorf("FindExemptions gave %q, which ParseExemption reads as %q, %v", ex, again, err)
			}
		}
		for _, ref := range FindReferences(text) {
			if len(FindReferences(ref)) != 1 {
				t.Errorf("reference %q not found in itself", ref)
			}
		}
	})
}
