package mailer

import (
	"encoding/base64"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"strings"
)

// The replies in these tests are written by hand, not with Compose, in
// the shapes forces' mail systems send: Outlook's RFC 2047 file names,
// RFC 2231 names with continuations, Windows-1252 quoted-printable text,
// base64 HTML, answers given in an HTML table in the body.

// replyKind picks how force i replies.
func replyKind(i int) string {
	switch {
	case i == 3 || i == 7:
		return "refusal"
	case i%4 == 0:
		return "csv-2231"
	case i%4 == 1:
		return "csv-2047-inreplyto"
	case i%4 == 2:
		return "html-table"
	}
	return "csv-continuation-domain"
}

// attachmentName is the file name force i gives its spreadsheet.
func attachmentName(i int) string {
	switch replyKind(i) {
	case "csv-2231":
		return "Réponse FOI – TikTok.csv"
	case "csv-2047-inreplyto":
		return "Ymateb – ystadegau’r heddlu ŵ.csv"
	case "csv-continuation-domain":
		return "Atodiad – ffigurau’r heddlu, Gorffennaf 2024.csv"
	}
	return ""
}

func figures(i int) [3]int { return [3]int{10 + i, 20 + i, 30 + i} }

func csvAnswer(i int) string {
	f := figures(i)
	return fmt.Sprintf("Q1 - Crimes recorded with TikTok noted as an element, by financial year\r\n"+
		"Financial year,Crimes recorded\r\n2021/22,%d\r\n2022/23,%d\r\n2023/24,%d\r\n", f[0], f[1], f[2])
}

func b64(s string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.String()
}

func qp(s string) string {
	var b strings.Builder
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// reply writes force i's reply to the request ref (Message-Id msgID), from
// address from to address to.
func reply(i int, ref, msgID, from, to, date string) []byte {
	var b strings.Builder
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("Return-Path", "<"+from+">")
	h("Received", "from mail.police.example by mx.desk.example; "+date)
	h("Date", date)
	h("From", mime.QEncoding.Encode("utf-8", "Uned Rhyddid Gwybodaeth – FOI Unit")+" <"+from+">")
	h("To", to)
	h("Message-ID", fmt.Sprintf("<reply-%d.%d@police.example>", i, len(ref)))
	h("MIME-Version", "1.0")
	switch replyKind(i) {
	case "csv-2231":
		h("Subject", mime.QEncoding.Encode("utf-8", "RE: Freedom of Information request – TikTok ["+ref+"]"))
		h("Content-Type", `multipart/mixed; boundary="=_mixed_1"`)
		b.WriteString("\r\nThis is a multi-part message in MIME format.\r\n\r\n--=_mixed_1\r\n")
		b.WriteString("Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		// Windows-1252: 0x96 is an en dash, 0xA3 a pound sign.
		b.WriteString("Dear Ms Marsh,=0D=0A=0D=0AThank you for your request =96 the answer is in the attached =\r\nfile. No fee (=A30) is charged.=0D=0A\r\n")
		b.WriteString("--=_mixed_1\r\nContent-Type: text/csv; name=\"answer.csv\"\r\nContent-Transfer-Encoding: base64\r\n")
		b.WriteString("Content-Disposition: attachment; filename*=UTF-8''" + pathEscape(attachmentName(i)) + "\r\n\r\n")
		b.WriteString(b64(csvAnswer(i)))
		b.WriteString("--=_mixed_1--\r\n")
	case "csv-2047-inreplyto":
		h("Subject", "Your request for information")
		h("In-Reply-To", msgID)
		h("References", msgID)
		h("Content-Type", `multipart/mixed; boundary="outer"`)
		b.WriteString("\r\n--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n")
		b.WriteString("--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
		b.WriteString(b64("Dear requester,\n\nPlease find our response attached. Diolch – thank you.\n"))
		b.WriteString("--inner\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		b.WriteString(qp("<html><body><p>Dear requester,</p><p>Please find our response attached. Diolch – thank you.</p></body></html>") + "\r\n")
		b.WriteString("--inner--\r\n\r\n--outer\r\n")
		b.WriteString("Content-Type: application/octet-stream; name=\"" + mime.BEncoding.Encode("utf-8", attachmentName(i)) + "\"\r\n")
		b.WriteString("Content-Disposition: attachment; filename=\"" + mime.BEncoding.Encode("utf-8", attachmentName(i)) + "\"\r\n")
		b.WriteString("Content-Transfer-Encoding: base64\r\n\r\n")
		b.WriteString(b64(csvAnswer(i)))
		b.WriteString("--outer--\r\n")
	case "html-table":
		f := figures(i)
		h("Subject", "RE: Freedom of Information request ["+ref+"]")
		h("Content-Type", "text/html; charset=utf-8")
		h("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		b.WriteString(qp(fmt.Sprintf("<html><body><p>Dear Ms Marsh,</p><p>Our answer is below.</p>"+
			"<p>Q1 - Crimes recorded with TikTok noted as an element, by financial year</p>"+
			"<table><tr><th>Financial year</th><th>Crimes recorded</th></tr>"+
			"<tr><td>2021/22</td><td>%d</td></tr><tr><td>2022/23</td><td>%d</td></tr><tr><td>2023/24</td><td>%d</td></tr></table>"+
			"<p>Yours sincerely,<br>Disclosure Officer</p></body></html>", f[0], f[1], f[2])) + "\r\n")
	case "refusal":
		h("Subject", "RE: Freedom of Information request ["+ref+"] - response")
		h("Content-Type", "text/plain; charset=us-ascii")
		b.WriteString("\r\nDear Ms Marsh,\r\n\r\nTo find this information we would have to read every crime report by hand, which\r\n" +
			"would exceed the appropriate limit. The force therefore relies on section 12(1) of the\r\n" +
			"Freedom of Information Act 2000, and this letter is a refusal notice under section 17.\r\n\r\nDisclosure Unit\r\n")
	default: // csv-continuation-domain
		h("Subject", "FOI response")
		h("Content-Type", `multipart/mixed; boundary="b1"`)
		b.WriteString("\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
		b.WriteString("Please see the attached spreadsheet.\r\n\r\n--b1\r\n")
		name := pathEscape(attachmentName(i))
		cut := strings.LastIndex(name[:len(name)/2], "%")
		b.WriteString("Content-Type: text/csv\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;\r\n")
		b.WriteString(" filename*0*=UTF-8''" + name[:cut] + ";\r\n filename*1*=" + name[cut:] + "\r\n\r\n")
		b.WriteString(b64(csvAnswer(i)))
		b.WriteString("--b1--\r\n")
	}
	return []byte(b.String())
}

// pathEscape percent-encodes every byte outside a few safe ASCII ones, as
// RFC 2231 asks.
func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// acknowledgement is an automatic reply to a request.
func acknowledgement(i int, from, to, date string) []byte {
	return []byte(fmt.Sprintf("Date: %s\r\nFrom: <%s>\r\nTo: %s\r\nMessage-ID: <ack-%d@police.example>\r\n"+
		"Subject: Automatic reply: Freedom of Information request\r\nAuto-Submitted: auto-replied\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\nThank you for your email. We aim to reply within 20 working days.\r\n", date, from, to, i))
}
