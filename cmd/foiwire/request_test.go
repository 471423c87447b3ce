package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func TestRequestLifecycle(t *testing.T) {
	dir := newRequestCampaign(t)
	today := "--today=2024-06-03"
	out, errs, code := runCLI(t, "request", "new", dir, "--to", "lancashire,Dorset Police,kent", today,
		"--address", "lancashire=foi@lancashire.police.example", "--address", "dorset=foi@dorset.police.example")
	if code != 0 || !strings.Contains(out, "Made 3 requests, TT24-LANC-0001 to TT24-KENT-0003") {
		t.Fatalf("new: exit %d\n%s%s", code, out, errs)
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
	if err != nil || !strings.Contains(string(eml), "[TT24-KENT-0003]") || !strings.Contains(string(eml), "To: \"Kent Police FOI\" <foi@kent.police.example>") {
		t.Fatalf("outbox/kent.eml: %v\n%s", err, eml)
	}

	// Sent by hand on 3 June; due 1 July.
	for _, f := range []string{"lancashire", "TT24-DORS-0002", "kent"} {
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
	files, _ := filepath.Glob(filepath.Join(dir, "replies", "dorset", "2024-07-09-tt24-dors-0002-*.eml"))
	if len(files) != 1 {
		t.Errorf("reply files %v", files)
	}

	out, _, code = runCLI(t, "request", "status", dir, "--today=2024-07-10")
	if code != 0 {
		t.Fatalf("status: exit %d", code)
	}
	for _, want := range []string{
		"Dorset      TT24-DORS-0002  answered  2024-06-03  2024-07-01",
		"Kent        TT24-KENT-0003  refused   2024-06-03  2024-07-01                     s12",
		"Lancashire  TT24-LANC-0001  overdue   2024-06-03  2024-07-01  7",
		"3 requests on 10 July 2024: 1 overdue, 1 answered, 1 refused.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCLI(t, "request", "status", dir, "--today=2024-08-01", "--format", "csv")
	if !strings.Contains(out, "Lancashire,TT24-LANC-0001,long overdue,2024-06-03,2024-07-01,23,") {
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

	// A stranger's mail is left for a person, with an exit status of 1.
	os.WriteFile(src, []byte("From: a@b.example\r\nSubject: hello\r\n\r\nhi\r\n"), 0o644)
	out, _, code = runCLI(t, "request", "receive", dir, src)
	if code != 1 || !strings.Contains(out, "not filed") || !strings.Contains(out, "--force ID") {
		t.Errorf("unmatched receive: exit %d\n%s", code, out)
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
