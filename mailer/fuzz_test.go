package mailer

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/request"
)

// memLedger keeps requests in memory, with the store's rule that an
// update must name the state it read.
type memLedger struct {
	mu sync.Mutex
	rs []request.Request
}

func (l *memLedger) Requests(context.Context) ([]request.Request, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]request.Request, len(l.rs))
	for i, r := range l.rs {
		r.History = append([]request.Event(nil), r.History...)
		out[i] = r
	}
	return out, nil
}

func (l *memLedger) UpdateRequest(_ context.Context, r request.Request, from request.State) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range l.rs {
		if l.rs[i].Reference == r.Reference {
			if l.rs[i].State != from {
				return fmt.Errorf("request %s is %s, not %s", r.Reference, l.rs[i].State, from)
			}
			l.rs[i] = r
			return nil
		}
	}
	return fmt.Errorf("no request %s", r.Reference)
}

// FuzzReceive feeds arbitrary bytes to Receive as an .eml file, as an
// mbox and as a Maildir message. Whatever it is given, it must not fail
// or panic, must write only inside the campaign's replies/, mail/ and
// attachments/ folders, and must account for every message it read.
func FuzzReceive(f *testing.F) {
	f.Add([]byte("From: foi@lancashire.police.example\r\nSubject: RE: [TT24-LANC-0001]\r\n\r\nAnswer: 12\r\n"))
	f.Add(reply(0, "TT24-LANC-0001", "<tt24-lanc-0001.request.x@desk.example>", "foi@lancashire.police.example", "desk@desk.example", "Thu, 20 Jun 2024 10:00:00 +0100"))
	f.Add(reply(1, "TT24-LANC-0001", "<tt24-lanc-0001.request.x@desk.example>", "foi@lancashire.police.example", "desk@desk.example", "Thu, 20 Jun 2024 10:00:00 +0100"))
	f.Add(reply(3, "TT24-DORS-0002", "", "foi@dorset.police.example", "desk@desk.example", "bad date"))
	f.Add(reply(7, "TT24-DORS-0002", "", "disclosure@dorset.police.example", "desk@desk.example", ""))
	f.Add(acknowledgement(1, "foi@dorset.police.example", "desk@desk.example", "Mon, 03 Jun 2024 09:05:00 +0100"))
	f.Add([]byte("From: a@b\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n--a--"))
	f.Add([]byte("From: x@dorset.police.example\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\n" +
		"Content-Disposition: attachment; filename=\"../../../x\"\r\n\r\nevil\r\n--z\r\nContent-Disposition: attachment; filename*=UTF-8''%2e%2e%2fy\r\n\r\ny\r\n--z--\r\n"))
	f.Add([]byte("\r\n\r\n"))
	f.Add([]byte("From nobody\nFrom: a@b\n\n>From x\n\nFrom someone\n"))

	reg := authority.Police()
	camp := foiwire.Campaign{Slug: "tiktok-2024", Title: "TikTok", Sender: foiwire.Sender{Email: "desk@desk.example"}}
	at := time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		cal := calendar.EnglandWales()
		cal.Now = func() time.Time { return at }
		made := request.Make(camp, []foiwire.Authority{{ID: "lancashire"}, {ID: "dorset"}}, nil, request.MakeOptions{At: at,
			Addresses: map[string]string{"lancashire": "foi@lancashire.police.example", "dorset": "foi@dorset.police.example"}})
		for i := range made {
			if err := made[i].Apply(request.Change{To: request.Awaiting, At: at}, cal); err != nil {
				t.Fatal(err)
			}
		}
		ledger := &memLedger{rs: made}
		root := t.TempDir()
		dir := filepath.Join(root, "campaign")
		src := filepath.Join(root, "src")
		os.MkdirAll(filepath.Join(src, "Maildir", "new"), 0o755)
		sources := map[string][]byte{
			"in.eml":          data,
			"in.mbox":         append([]byte("From sender Mon Jun  3 09:00:00 2024\n"), data...),
			"Maildir/new/1.x": data,
		}
		for name, b := range sources {
			if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		filer := &Filer{Dir: dir, Campaign: camp, Registry: reg, Ledger: ledger, Calendar: cal}
		for _, name := range []string{"in.eml", "in.mbox", "Maildir"} {
			path := filepath.Join(src, name)
			n := 0
			for range Messages(context.Background(), path) {
				n++
			}
			rep, err := filer.Receive(context.Background(), path, ReceiveOptions{})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got := len(rep.Filed) + len(rep.Acknowledged) + rep.Again + len(rep.Unmatched) + len(rep.Skipped) + len(rep.Unreadable)
			if got != n {
				t.Errorf("%s: %d messages read but %d accounted for: %+v", name, n, got, rep)
			}
			for _, fl := range append(rep.Filed, rep.Acknowledged...) {
				for _, p := range append([]string{fl.Path}, fl.Attachments...) {
					if p != filepath.ToSlash(filepath.Clean(p)) || strings.HasPrefix(p, "../") || filepath.IsAbs(p) {
						t.Errorf("%s: reported path %q is not a clean relative path", name, p)
					}
					if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
						t.Errorf("%s: reported %q, which does not exist: %v", name, p, err)
					}
				}
			}
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if strings.HasPrefix(rel, "src/") {
				return nil
			}
			ok := false
			for _, top := range []string{"campaign/replies/", "campaign/mail/", "campaign/attachments/", "campaign/unmatched/"} {
				ok = ok || strings.HasPrefix(rel, top)
			}
			if !ok || strings.Contains(d.Name(), ".receiving-") {
				t.Errorf("file written outside the filing folders, or left half-written: %s", rel)
			}
			return nil
		})
	})
}
