package mailer

import (
	"bytes"
	"context"
	"flag"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestParseMessage(t *testing.T) {
	tests := []struct {
		name  string
		raw   string
		check func(t *testing.T, m *Message)
	}{
		{
			name: "latin-1 subject and body",
			raw: "From: =?iso-8859-1?q?Caf=E9_FOI?= <FOI@Example.Police.UK>\r\nSubject: =?iso-8859-1?q?R=E9ponse?=\r\n" +
				"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCo=FBt: =A35\r\n",
			check: func(t *testing.T, m *Message) {
				if m.Subject != "Réponse" || m.FromName != "Café FOI" || m.From != "foi@example.police.uk" || m.Text != "Coût: £5\n" {
					t.Errorf("%q %q %q %q", m.Subject, m.FromName, m.From, m.Text)
				}
			},
		},
		{
			name: "HTML only",
			raw: "From: a@b.example\r\nContent-Type: text/html\r\n\r\n<html><head><style>p{}</style></head><body><p>One</p>" +
				"<table><tr><td>2021/22</td><td>14</td></tr></table><script>x()</script></body></html>",
			check: func(t *testing.T, m *Message) {
				if m.Text != "One\n\n2021/22\t14" {
					t.Errorf("text %q", m.Text)
				}
			},
		},
		{
			name: "forwarded message, inline logo and unnamed PDF",
			raw: "From: a@b.example\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n" +
				"--X\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n" +
				"--X\r\nContent-Type: message/rfc822\r\n\r\nFrom: c@d.example\r\nSubject: Original reply\r\n\r\nInner text\r\n" +
				"--X\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0x\r\nLjQK\r\n--X--\r\n",
			check: func(t *testing.T, m *Message) {
				if len(m.Attachments) != 2 || m.Attachments[0].Name != "Original reply.eml" || m.Attachments[1].Name != "" ||
					string(m.Attachments[1].Data) != "%PDF-1.4\n" || m.Text != "See below." {
					t.Errorf("attachments %+v, text %q", m.Attachments, m.Text)
				}
			},
		},
		{
			name: "ids and automatic reply",
			raw: "From: x@y.example\r\nMessage-ID: <a@b>\r\nIn-Reply-To: <req@desk>\r\nReferences: <one@desk> <req@desk>\r\n" +
				"Auto-Submitted: auto-replied\r\nDate: Mon, 3 Jun 2024 09:05:00 +0100\r\n\r\nThanks.\r\n",
			check: func(t *testing.T, m *Message) {
				if m.MessageID != "<a@b>" || !slices.Equal(m.InReplyTo, []string{"<req@desk>"}) || len(m.References) != 2 || !m.Auto ||
					!m.Date.Equal(time.Date(2024, 6, 3, 8, 5, 0, 0, time.UTC)) {
					t.Errorf("%+v", m)
				}
			},
		},
		{
			name: "broken base64 keeps what it can",
			raw: "From: x@y.example\r\nContent-Type: multipart/mixed; boundary=Q\r\n\r\n--Q\r\nContent-Type: text/csv; name=a.csv\r\n" +
				"Content-Transfer-Encoding: base64\r\n\r\nYSxi LDEK\r\n!!\r\n--Q--\r\n",
			check: func(t *testing.T, m *Message) {
				if len(m.Attachments) != 1 || string(m.Attachments[0].Data) != "a,b,1\n" || m.Attachments[0].Name != "a.csv" {
					t.Errorf("%+v", m.Attachments)
				}
			},
		},
		{
			name: "unreadable From keeps the address",
			raw:  "From: FOI Team foi@force.example (FOI)\r\n\r\nx",
			check: func(t *testing.T, m *Message) {
				if m.From != "foi@force.example" {
					t.Errorf("from %q", m.From)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMessage([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, m)
		})
	}
	if _, err := ParseMessage([]byte("no header here")); err == nil {
		t.Error("a message with no header parsed")
	}
}

func TestSafeName(t *testing.T) {
	tests := []struct{ in, mediaType, want string }{
		{"Réponse – 2024.xlsx", "", "Réponse – 2024.xlsx"},
		{"../../etc/passwd", "", "passwd"},
		{`C:\Users\foi\answer.csv`, "", "answer.csv"},
		{"..", "text/csv", "attachment-3.csv"},
		{"", "application/pdf", "attachment-3.pdf"},
		{".hidden", "", "hidden"},
		{"a\x00b:c?.txt", "", "a_b_c_.txt"},
	}
	for _, tt := range tests {
		if got := SafeName(tt.in, tt.mediaType, 3); got != tt.want {
			t.Errorf("SafeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMessagesSources(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	one := "From: a@b.example\r\nSubject: one\r\n\r\nFrom the start of a line\r\n>From quoted\r\n"
	two := "From: c@d.example\r\nSubject: two\r\n\r\nbody two\r\n"

	mbox := filepath.Join(dir, "inbox.mbox")
	os.WriteFile(mbox, []byte("From a@b.example Mon Jun  3 09:00:00 2024\r\n"+
		strings.NewReplacer("\r\nFrom the", "\r\n>From the", "\r\n>From quoted", "\r\n>>From quoted").Replace(one)+
		"\r\nFrom c@d.example Mon Jun  3 10:00:00 2024\r\n"+two), 0o644)
	maildir := filepath.Join(dir, "Maildir")
	for _, sub := range []string{"new", "cur", "tmp"} {
		os.MkdirAll(filepath.Join(maildir, sub), 0o755)
	}
	os.WriteFile(filepath.Join(maildir, "cur", "2.host:2,S"), []byte(two), 0o644)
	os.WriteFile(filepath.Join(maildir, "new", "1.host"), []byte(one), 0o644)
	os.WriteFile(filepath.Join(maildir, "tmp", "3.host"), []byte("half a message"), 0o644)
	emls := filepath.Join(dir, "emls")
	os.MkdirAll(emls, 0o755)
	os.WriteFile(filepath.Join(emls, "b.eml"), []byte(two), 0o644)
	os.WriteFile(filepath.Join(emls, "a.eml"), []byte(one), 0o644)
	os.WriteFile(filepath.Join(emls, "notes.txt"), []byte("not mail"), 0o644)
	single := filepath.Join(dir, "one.eml")
	os.WriteFile(single, []byte(one), 0o644)

	tests := []struct {
		name, path string
		want       []string
		where      string
	}{
		{"mbox", mbox, []string{one, two}, "inbox.mbox, message 1"},
		{"Maildir", maildir, []string{one, two}, "Maildir/new/1.host"},
		{"folder of .eml", emls, []string{one, two}, "emls/a.eml"},
		{".eml", single, []string{one}, "one.eml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var where []string
			for raw, err := range Messages(ctx, tt.path) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, string(raw.Data))
				where = append(where, raw.Where)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("messages:\n%q\nwant\n%q", got, tt.want)
			}
			if len(where) == 0 || where[0] != tt.where {
				t.Errorf("first message found at %v, want %q", where, tt.where)
			}
		})
	}
	for raw, err := range Messages(ctx, filepath.Join(dir, "missing")) {
		if err == nil || raw.Where != "" {
			t.Errorf("a missing source gave %+v, %v", raw, err)
		}
	}
}

// TestComposeGolden keeps a request as it goes out, so a change to its
// bytes is seen in review. Run with -update to rewrite it.
func TestComposeGolden(t *testing.T) {
	m := Mail{
		From:      mail.Address{Name: "Eleanor Marsh", Address: "foi@civicdatadesk.example"},
		To:        []mail.Address{{Name: "Dyfed-Powys Police FOI", Address: "foi@dyfed-powys.police.example"}},
		Subject:   "Freedom of Information request: Troseddau – crimes [TT24-DYPO-0009]",
		Date:      time.Date(2024, 6, 3, 9, 0, 0, 0, time.FixedZone("BST", 3600)),
		MessageID: "<tt24-dypo-0009.request.0a1b2c3d4e@civicdatadesk.example>",
		Text:      "Our reference: TT24-DYPO-0009 (please quote it in your reply)\n\nDear Freedom of Information Officer,\n\nPlease could you tell me how many crimes were recorded in 2023/24 – by month if you can.\n\nDiolch,\nEleanor Marsh\n",
	}
	got, err := Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "request.eml")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("composed request differs from %s (run with -update if the change is meant):\n%s", golden, got)
	}
}
