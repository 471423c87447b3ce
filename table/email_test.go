package table

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// message assembles an email from header lines, a blank line and a body.
func message(body string, headers ...string) string {
	return strings.Join(headers, "\r\n") + "\r\n\r\n" + body
}

// mixed wraps parts (each its headers, a blank line and body) in a
// multipart/mixed message with the given boundary.
func mixed(boundary string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("--" + boundary + "\r\n" + p + "\r\n")
	}
	b.WriteString("--" + boundary + "--\r\n")
	return message(b.String(), "From: foi@kennetvale.police.example", "To: desk@example.org", "Subject: Reply",
		"MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="`+boundary+`"`)
}

const offencesCSV = "Offence,Count\nHarassment,6\nStalking,1\n"

func TestEmail(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString([]byte(offencesCSV))
	tests := []struct {
		name    string
		eml     string
		parts   []string // attachment names
		tables  []string // each table's Part
		text    string   // must be in the text
		warning string
	}{
		{
			name:  "RFC 2231 file name",
			eml:   mixed("b1", "Content-Type: text/csv\r\nContent-Disposition: attachment; filename*=UTF-8''Troseddau%20%C5%B5.csv\r\nContent-Transfer-Encoding: base64\r\n\r\n"+b64),
			parts: []string{"Troseddau ŵ.csv"}, tables: []string{"Troseddau ŵ.csv"},
		},
		{
			name:  "unquoted encoded-word name, directories stripped",
			eml:   mixed("b1", "Content-Type: application/octet-stream; name==?UTF-8?B?"+base64.StdEncoding.EncodeToString([]byte(`C:\Replies\Ffigurau – 2024.csv`))+"?=\r\nContent-Transfer-Encoding: base64\r\n\r\n"+b64),
			parts: []string{"Ffigurau – 2024.csv"}, tables: []string{"Ffigurau – 2024.csv"},
		},
		{
			name: "latin-1 quoted-printable body",
			eml: message("Costs exceed the =A3450 limit, so section 12 applies.=\r\n Sorry.\r\n",
				"From: a@example.org", "To: b@example.org", "Subject: =?ISO-8859-1?Q?R=E9ponse?=", "MIME-Version: 1.0",
				"Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable"),
			text: "the £450 limit, so section 12 applies. Sorry.",
		},
		{
			name: "plain body with an aligned table",
			eml: message("Year     Count\r\n2022        4\r\n2023        5\r\n",
				"From: a@example.org", "To: b@example.org", "Subject: figures", "MIME-Version: 1.0"),
			tables: []string{""},
		},
		{
			name: "forwarded message with its own attachment",
			eml: mixed("b1", "Content-Type: text/plain\r\n\r\nForwarding the force's reply.",
				"Content-Type: message/rfc822\r\n\r\n"+mixed("b2", "Content-Type: text/csv; name=\"offences.csv\"\r\n\r\n"+offencesCSV)),
			parts: []string{"message 3.eml"}, tables: []string{"message 3.eml / offences.csv"},
			text: "Forwarding the force's reply.",
		},
		{
			name:    "unreadable attachment is a warning",
			eml:     mixed("b1", "Content-Type: application/pdf; name=\"scan.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"+base64.StdEncoding.EncodeToString(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...))),
			parts:   []string{"scan.png"},
			warning: "attachment scan.png: an image",
		},
		{
			name:  "base64 cut short is read as far as it goes",
			eml:   mixed("b1", "Content-Type: text/csv; name=\"a.csv\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"+b64[:len(b64)-7]+"\r\n!!*"),
			parts: []string{"a.csv"}, tables: []string{"a.csv"},
			warning: "a.csv: table 1 is cut off",
		},
		{
			name:  "message cut off before its closing boundary",
			eml:   strings.TrimSuffix(mixed("b1", "Content-Type: text/plain\r\n\r\nFirst part.", "Content-Type: text/csv; name=\"a.csv\"\r\n\r\n"+offencesCSV), "--b1--\r\n"),
			parts: []string{"a.csv"}, tables: []string{"a.csv"},
			warning: "cut off",
		},
		{
			name: "inline logo is not an attachment",
			eml:  mixed("b1", "Content-Type: text/html\r\n\r\n<p>See below</p>", "Content-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo="),
			text: "See below",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, "reply.eml", tt.eml)
			if res.MediaType != MediaEmail {
				t.Errorf("media type %s", res.MediaType)
			}
			var names []string
			for _, p := range res.Parts {
				names = append(names, p.Name)
			}
			if strings.Join(names, "|") != strings.Join(tt.parts, "|") {
				t.Errorf("parts %q, want %q", names, tt.parts)
			}
			var parts []string
			for _, tb := range res.Tables {
				parts = append(parts, tb.Part)
			}
			if strings.Join(parts, "|") != strings.Join(tt.tables, "|") || len(parts) != len(tt.tables) {
				t.Errorf("tables from %q, want %q", parts, tt.tables)
			}
			if !strings.Contains(res.Text, tt.text) {
				t.Errorf("text %q lacks %q", res.Text, tt.text)
			}
			if tt.warning != "" && !hasWarning(res, tt.warning) {
				t.Errorf("warnings %q lack %q", res.Warnings, tt.warning)
			}
		})
	}
}

func TestEmailNestingLimit(t *testing.T) {
	eml := mixed("b0", "Content-Type: text/csv; name=\"a.csv\"\r\n\r\n"+offencesCSV)
	for i := range maxEmailDepth + 1 {
		eml = mixed(fmt.Sprintf("b%d", i+1), "Content-Type: message/rfc822\r\n\r\n"+eml)
	}
	res := read(t, "reply.eml", eml)
	if len(res.Tables) != 0 || !hasWarning(res, "forwarded inside each other") {
		t.Errorf("tables %d, warnings %q", len(res.Tables), res.Warnings)
	}
}

func TestEmailHeaderWords(t *testing.T) {
	cp1252, err := charmap.Windows1252.NewEncoder().String("Cais – “TikTok”")
	if err != nil {
		t.Fatal(err)
	}
	subject := "=?windows-1252?B?" + base64.StdEncoding.EncodeToString([]byte(cp1252)) + "?="
	res := read(t, "reply.eml", message("Body.", "From: a@example.org", "To: b@example.org", "Subject: "+subject, "Date: Fri, 3 May 2024 10:00:00 +0100", "MIME-Version: 1.0"))
	if got := res.Header["Subject"]; got != "Cais – “TikTok”" {
		t.Errorf("subject = %q", got)
	}
	if _, err := Read(context.Background(), "x.eml", []byte(message("", "From: a@example.org", "Subject: =?x-unknown?Q?abc?=", "MIME-Version: 1.0"))); err != nil {
		t.Errorf("unknown charset in a header should not fail the read: %v", err)
	}
}
