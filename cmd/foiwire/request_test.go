package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/internal/testenv"
)

// newRequestCampaign copies the example's campaign.yaml into a fresh
// folder.
func newRequestCampaign(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile("../../examples/tiktok-2024/campaign.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "campaign.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// refs returns each force's reference, by short name, from status --format csv.
func refs(t *testing.T, dir string, flags ...string) map[string][]string {
	t.Helper()
	out, errs, code := runCLI(t, append([]string{"request", "status", dir, "--format", "csv"}, flags...)...)
	if code != 0 {
		t.Fatalf("status: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][1] != "reference" {
		t.Fatalf("status csv: %v\n%s", err, out)
	}
	m := map[string][]string{}
	for _, r := range recs[1:] {
		m[r[0]] = r
	}
	return m
}

func TestRequestLifecycle(t *testing.T) {
	dir := newRequestCampaign(t)
	today := "--today=2024-06-03"
	out, errs, code := runCLI(t, "request", "new", dir, "--to", "lancashire,Dorset Police,kent", today,
		"--address", "lancashire=foi@lancashire.police.example", "--address", "dorset=foi@dorset.police.example")
	if code != 0 || !regexp.MustCompile(`Made 3 requests, TT24-LANC-\w{6} to TT24-KENT-\w{6}`).MatchString(out) {
		t.Fatalf("new: exit %d\n%s%s", code, out, errs)
	}
	ref := map[string]string{}
	for name, row := range refs(t, dir, today) {
		ref[name] = row[1]
	}
	out, _, _ = runCLI(t, "request", "new", dir, "--to", "lancashire,kent", "--address", "kent=foi@kent.police.example", today)
	if !strings.Contains(out, "No new requests") || !strings.Contains(out, "Set the address of 1 drafts") {
		t.Errorf("second new:\n%s", out)
	}

	out, errs, code = runCLI(t, "request", "send", dir, "--dry-run", today)
	if code != 0 || !strings.Contains(out, "Wrote 3 requests") {
		t.Fatalf("send --dry-run: exit %d\n%s%s", code, out, errs)
	}
	eml, err := os.ReadFile(filepath.Join(dir, "outbox", "kent.eml"))
	if err != nil || !strings.Contains(string(eml), "["+ref["Kent"]+"]") || !strings.Contains(string(eml), "To: \"Kent Police FOI\" <foi@kent.police.example>") {
		t.Fatalf("outbox/kent.eml: %v\n%s", err, eml)
	}

	// Sent by hand on 3 June; due 1 July.
	for _, f := range []string{"lancashire", ref["Dorset"], "kent"} {
		if out, errs, code := runCLI(t, "request", "mark", dir, f, "awaiting", "--on", "2024-06-03", today); code != 0 {
			t.Fatalf("mark %s awaiting: %s%s", f, out, errs)
		}
	}
	_, errs, code = runCLI(t, "request", "mark", dir, "kent", "refused", today)
	if code != 2 || !strings.Contains(errs, "needs the exemption") {
		t.Errorf("refused without an exemption: exit %d, %s", code, errs)
	}
	out, _, code = runCLI(t, "request", "mark", dir, "kent", "refused", "--exemption", "s12", "--today=2024-06-20")
	if code != 0 || !strings.Contains(out, "awaiting → refused; s12 (cost limit)") {
		t.Errorf("mark refused: exit %d, %s", code, out)
	}

	reply := "From: Dorset FOI <disclosure@dorset.police.example>\r\nTo: foi@civicdatadesk.example\r\n" +
		"Subject: Your request\r\nDate: Tue, 09 Jul 2024 11:00:00 +0100\r\nContent-Type: text/plain\r\n\r\nThe numbers are 4, 6 and 9.\r\n"
	src := filepath.Join(t.TempDir(), "reply.eml")
	os.WriteFile(src, []byte(reply), 0o644)
	out, errs, code = runCLI(t, "request", "receive", dir, src, "--today=2024-07-10")
	if code != 0 || !strings.Contains(out, "Filed 1 replies") || !strings.Contains(out, "sender's domain") {
		t.Fatalf("receive: exit %d\n%s%s", code, out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "replies", "dorset", "2024-07-09-"+strings.ToLower(ref["Dorset"])+"-*.eml"))
	if len(files) != 1 {
		t.Errorf("reply files %v", files)
	}

	out, _, code = runCLI(t, "request", "status", dir, "--today=2024-07-10")
	if code != 0 {
		t.Fatalf("status: exit %d", code)
	}
	for _, want := range []string{
		"Dorset      " + ref["Dorset"] + "  answered  2024-06-03  2024-07-01                                1\n",
		"Kent        " + ref["Kent"] + "  refused   2024-06-03  2024-07-01                     s12",
		"Lancashire  " + ref["Lancashire"] + "  overdue   2024-06-03  2024-07-01  7",
		"3 requests on 10 July 2024: 1 overdue, 1 answered, 1 refused.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCLI(t, "request", "status", dir, "--today=2024-08-01", "--format", "csv")
	if !strings.Contains(out, "Lancashire,"+ref["Lancashire"]+",long overdue,2024-06-03,2024-07-01,23,,") {
		t.Errorf("csv status:\n%s", out)
	}

	out, _, code = runCLI(t, "request", "remind", dir, "--dry-run", "--today=2024-07-10")
	if code != 0 || !strings.Contains(out, "Wrote 1 reminders") {
		t.Errorf("remind: exit %d\n%s", code, out)
	}
	rem, err := os.ReadFile(filepath.Join(dir, "outbox", "lancashire-reminder-1.eml"))
	if err != nil || !strings.Contains(string(rem), "Subject: Reminder:") {
		t.Errorf("reminder: %v\n%s", err, rem)
	}

	// A stranger's mail is left for a person, with an exit status of 1,
	// even when it quotes a force's reference.
	os.WriteFile(src, []byte("From: a@b.example\r\nSubject: Re: "+ref["Lancashire"]+"\r\n\r\nThe figure is 1,000.\r\n"), 0o644)
	out, _, code = runCLI(t, "request", "receive", dir, src)
	if code != 1 || !strings.Contains(out, "not filed") || !strings.Contains(out, "--force ID") || !strings.Contains(out, "kept as unmatched/") {
		t.Errorf("unmatched receive: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "request", "unmatched", dir)
	if code != 1 || !strings.Contains(out, "a@b.example") || !strings.Contains(out, "none of lancashire's domains") {
		t.Errorf("unmatched: exit %d\n%s", code, out)
	}
	if out, _, _ := runCLI(t, "request", "status", dir, "--today=2024-07-10"); !strings.Contains(out, "1 messages fit no force") {
		t.Errorf("status does not mention the waiting message:\n%s", out)
	}
	// Once b.example is known to be Lancashire's, receiving the queue files it.
	addrs := filepath.Join(t.TempDir(), "addresses.csv")
	os.WriteFile(addrs, []byte("force,domains\nLancs Police,b.example\n"), 0o644)
	if out, errs, code := runCLI(t, "authorities", "import", addrs, "--campaign", dir); code != 0 || !strings.Contains(out, "1 authorities") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if out, _, _ := runCLI(t, "request", "unmatched", dir); !strings.Contains(out, "now fits lancashire") {
		t.Errorf("unmatched after import:\n%s", out)
	}
	out, _, code = runCLI(t, "request", "receive", dir, filepath.Join(dir, "unmatched"), "--today=2024-07-10")
	if code != 0 || !strings.Contains(out, "Lancashire: replies/lancashire/") {
		t.Errorf("receive the queue: exit %d\n%s", code, out)
	}
	if out, code := func() (string, int) { o, _, c := runCLI(t, "request", "unmatched", dir); return o, c }(); code != 0 || !strings.Contains(out, "No messages wait") {
		t.Errorf("queue after filing: exit %d\n%s", code, out)
	}
}

// The example's forces with replies on disk show as answered and are not
// reminded; the rest are overdue.
func TestExampleRepliesAnswerRequests(t *testing.T) {
	dir := testenv.CopyDir(t, "../../examples/tiktok-2024", func(rel string) bool { return rel == "out" || strings.HasPrefix(rel, "foiwire.db") })
	addrs := filepath.Join(t.TempDir(), "addresses.csv")
	os.WriteFile(addrs, []byte("id,foi_email\ndorset,foi@dorset.police.example\nkent,foi@kent.police.example\nlancashire,foi@lancashire.police.example\n"), 0o644)
	if out, errs, code := runCLI(t, "authorities", "import", addrs, "--campaign", dir); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if out, errs, code := runCLI(t, "request", "new", dir, "--sent", "2024-06-03", "--today=2024-06-03"); code != 0 {
		t.Fatalf("new: exit %d\n%s%s", code, out, errs)
	}
	rows := refs(t, dir, "--today=2024-07-10")
	replied := []string{"Cambridgeshire", "Dorset", "Dyfed-Powys", "Lancashire", "Northamptonshire"}
	if len(rows) != 44 {
		t.Errorf("%d requests, want 44", len(rows))
	}
	for name, row := range rows {
		want := "overdue"
		if slices.Contains(replied, name) {
			want = "answered"
		}
		if row[2] != want {
			t.Errorf("%s: %s, want %s", name, row[2], want)
		}
	}
	out, errs, _ := runCLI(t, "request", "remind", dir, "--dry-run", "--today=2024-07-10")
	if !strings.Contains(out, "Wrote 1 reminders") {
		t.Errorf("remind:\n%s%s", out, errs)
	}
	for _, f := range []string{"dorset", "lancashire"} {
		if _, err := os.Stat(filepath.Join(dir, "outbox", f+"-reminder-1.eml")); err == nil {
			t.Errorf("%s, which replied, was reminded", f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "outbox", "kent-reminder-1.eml")); err != nil {
		t.Errorf("kent, which did not reply, was not reminded: %v", err)
	}
}

func TestRequestDue(t *testing.T) {
	out, errs, code := runCLI(t, "request", "due", "2024-03-22", "2024-12-20", "--explain")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"received 2024-03-22  due 2024-04-23  (Tuesday 23 April 2024)",
		"2024-03-29 Friday     not counted: Good Friday",
		"2024-04-23 Tuesday    day 20",
		"received 2024-12-20  due 2025-01-22",
		"2024-12-26 Thursday   not counted: Boxing Day",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("due lacks %q:\n%s", want, out)
		}
	}
	_, errs, _ = runCLI(t, "request", "due", "2028-06-01")
	if !strings.Contains(errs, "no bank holidays known for 2028") {
		t.Errorf("no warning for 2028: %q", errs)
	}
	hol := filepath.Join(t.TempDir(), "h.csv")
	os.WriteFile(hol, []byte("date,name\n2028-06-05,Test holiday\n"), 0o644)
	out, errs, _ = runCLI(t, "request", "due", "2028-06-01", "--holidays", hol)
	if !strings.Contains(out, "due 2028-06-30") || errs != "" {
		t.Errorf("with --holidays: %q %q", out, errs)
	}
}
