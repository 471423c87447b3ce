package mailer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// Mail is one plain-text message to compose: a request or a reminder.
type Mail struct {
	From      mail.Address
	To        []mail.Address
	Subject   string
	Date      time.Time
	MessageID string // with its angle brackets
	InReplyTo string // with its angle brackets; "" for a new thread
	Text      string
}

// Compose writes m as an RFC 5322 message with CRLF line ends: headers
// (non-ASCII names and subject as RFC 2047 encoded words, long lines
// folded) and a multipart/alternative body holding the text as
// quoted-printable UTF-8 and the same text as simple HTML. The boundary
// comes from the Message-Id, so composing the same mail twice gives the
// same bytes. It returns an error when m has no sender, recipient or
// Message-Id.
func Compose(m Mail) ([]byte, error) {
	if m.From.Address == "" || len(m.To) == 0 || m.MessageID == "" {
		return nil, errors.New("compose: a message needs a sender, a recipient and a Message-Id")
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	sum := sha256.Sum256([]byte(m.MessageID))
	if err := mw.SetBoundary("foiwire-" + hex.EncodeToString(sum[:12])); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	text := strings.ReplaceAll(strings.ReplaceAll(m.Text, "\r\n", "\n"), "\n", "\r\n")
	for _, p := range []struct{ mediaType, content string }{
		{"text/plain", text},
		{"text/html", toHTML(m.Text)},
	} {
		h := textproto.MIMEHeader{}
		h.Set("Content-Type", p.mediaType+"; charset=utf-8")
		h.Set("Content-Transfer-Encoding", "quoted-printable")
		pw, err := mw.CreatePart(h)
		if err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := qp.Write([]byte(p.content)); err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
		if err := qp.Close(); err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
	}
	if err := mw.Close(); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}

	var out bytes.Buffer
	header := func(name, value string) {
		out.WriteString(fold(name + ": " + value))
		out.WriteString("\r\n")
	}
	header("Date", m.Date.Format(time.RFC1123Z))
	header("From", m.From.String())
	to := make([]string, len(m.To))
	for i, a := range m.To {
		to[i] = a.String()
	}
	header("To", strings.Join(to, ", "))
	header("Subject", encodeWords(m.Subject))
	header("Message-ID", m.MessageID)
	if m.InReplyTo != "" {
		header("In-Reply-To", m.InReplyTo)
		header("References", m.InReplyTo)
	}
	header("MIME-Version", "1.0")
	header("Content-Type", `multipart/alternative; boundary="`+mw.Boundary()+`"`)
	header("X-Mailer", "foiwire")
	out.WriteString("\r\n")
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

// encodeWords writes a header's text with each run of words holding
// non-ASCII as one RFC 2047 encoded word and every other word as it is, so
// a reference in a subject stays readable and searchable in the raw
// message whatever surrounds it.
func encodeWords(s string) string {
	words := strings.Fields(s)
	var out, run []string
	flush := func() {
		if len(run) > 0 {
			out = append(out, mime.QEncoding.Encode("utf-8", strings.Join(run, " ")))
			run = nil
		}
	}
	for _, w := range words {
		if isASCII(w) && !strings.HasPrefix(w, "=?") {
			flush()
			out = append(out, w)
			continue
		}
		run = append(run, w)
	}
	flush()
	return strings.Join(out, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return false
		}
	}
	return true
}

// fold breaks a header line longer than 78 characters at spaces, as RFC
// 5322 asks; a run with no space stays whole.
func fold(line string) string {
	if len(line) <= 78 {
		return line
	}
	var b strings.Builder
	n := 0
	for i, w := range strings.Split(line, " ") {
		if i > 0 {
			if n+1+len(w) > 78 {
				b.WriteString("\r\n")
				n = 0
			}
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// toHTML sets plain text as paragraphs, keeping its line breaks.
func toHTML(text string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\r\n<html><body>\r\n")
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		para = strings.Trim(para, "\n")
		if para == "" {
			continue
		}
		lines := strings.Split(para, "\n")
		for i, l := range lines {
			lines[i] = html.EscapeString(l)
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>\r\n") + "</p>\r\n")
	}
	b.WriteString("</body></html>\r\n")
	return b.String()
}
