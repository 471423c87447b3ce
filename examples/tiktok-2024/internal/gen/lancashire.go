package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"net/url"
	"strings"
)

// attachmentName is the PDF's name as the force's mail system sent it: the
// en dash is why it needs RFC 2231 (and RFC 2047 for older readers).
const attachmentName = "FOI 2024-1234 – response letter.pdf"

// lancashireLetter lays out the force's reply letter. Its outcome and
// offence tables list only some categories, so they carry no total; the
// yearly table's total is the sum of its three years.
func lancashireLetter() *page {
	p := newPage("FOI 2024/1234 - TikTok related crime")
	p.line(left, 15, true, "Lancashire Constabulary")
	p.gap(16)
	p.line(left, 9, false, "Information Access Team  |  Police Headquarters  |  Hutton  |  Preston")
	p.gap(30)
	p.line(left, 10, false, "Our reference: FOI 2024/1234")
	p.line(380, 10, false, "Date: 26 July 2024")
	p.gap(26)
	p.para("Dear Ms Marsh,")
	p.heading("Freedom of Information Act 2000 - request for information")
	p.para(
		"Thank you for your request of 28 June 2024 about crimes in which TikTok was noted as an",
		"element of the offence. Lancashire Constabulary holds information relevant to your request",
		"and our answers to each question are set out below.",
	)
	p.para(
		"The figures were found by searching the summary of each crime record for the word",
		"\"TikTok\". Years are financial years, running from 1 April to 31 March.",
	)
	p.heading("Question 1 - Crimes recorded with TikTok as an element")
	p.table([2]string{"Financial year", "Crimes"}, []row{
		{"2021/2022", 71},
		{"2022/2023", 66},
		{"2023/2024", 98},
		{"Total", 235},
	}, 300)
	p.heading("Question 1a - Offences recorded in 2023/2024")
	p.table([2]string{"Offence", "Crimes"}, []row{
		{"Taking, making or distributing indecent photographs of children", 37},
	}, right)
	p.para(
		"Only indecent image offences are shown; the other offences recorded in 2023/2024 are not",
		"broken down in this response.",
	)
	p.heading("Question 1b - Outcomes of crimes recorded in 2023/2024")
	p.table([2]string{"Outcome", "Crimes"}, []row{
		{"Charge/Summons", 3},
		{"Investigation complete - no suspect identified", 53},
		{"Evidential difficulties: suspect identified, victim supports action", 34},
	}, right)
	p.para(
		"Other outcomes are not listed. Outcomes are shown as they stood on 22 July 2024 and may",
		"change as investigations continue.",
	)
	p.para(
		"If you are unhappy with the way your request has been handled you may ask for an internal",
		"review within 40 working days. You may also complain to the Information Commissioner's Office.",
	)
	p.para("Yours sincerely,", "", "Information Access Team")
	return p
}

// lancashireBody is the covering email. Its long lines and typographic
// characters are what make quoted-printable worth testing.
const lancashireBody = `Dear Ms Marsh,

Please find attached Lancashire Constabulary’s response to your Freedom of Information request, reference FOI 2024/1234, about crimes in which TikTok was noted as an element.

We aim to publish our responses in the force’s disclosure log – your name and contact details are never published.

Kind regards,

Information Access Team
Lancashire Constabulary

This email and any attachments are confidential and intended only for the person to whom they are addressed. If you have received it in error, please tell the sender and delete it. Lancashire Constabulary monitors its email for security purposes.

> From: Eleanor Marsh <foi@civicdatadesk.example>
> Sent: 28 June 2024 10:04
> Subject: Freedom of Information request – offences involving TikTok
>
> Dear Freedom of Information Officer, please see my request in the attached letter.
`

// lancashireEmail returns the reply as RFC 5322 message bytes: a
// quoted-printable text part and the PDF letter base64-encoded. The
// boundary and message id are fixed so the file is the same on every run.
func lancashireEmail(pdf []byte) ([]byte, error) {
	var b bytes.Buffer
	subject := mime.QEncoding.Encode("utf-8", "FOI 2024/1234 – your request")
	const boundary = "=_lancs_foi_2024_1234_0b7c"
	for _, h := range [][2]string{
		{"From", `"Lancashire Constabulary" <foi@lancashire.police.uk>`},
		{"To", `"Eleanor Marsh" <foi@civicdatadesk.example>`},
		{"Subject", subject},
		{"Date", "Fri, 26 Jul 2024 14:32:07 +0100"},
		{"Message-ID", "<20240726143207.7f3e1c@mail.lancashire.police.uk>"},
		{"In-Reply-To", "<8c41d2e0.2024-06-28@civicdatadesk.example>"},
		{"MIME-Version", "1.0"},
		{"Content-Type", fmt.Sprintf("multipart/mixed; boundary=%q", boundary)},
	} {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	b.WriteString("\r\nThis is a multi-part message in MIME format.\r\n")
	mw := multipart.NewWriter(&b)
	if err := mw.SetBoundary(boundary); err != nil {
		return nil, err
	}
	text, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/plain; charset=utf-8"},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return nil, err
	}
	qp := quotedprintable.NewWriter(text)
	if _, err := qp.Write([]byte(strings.ReplaceAll(lancashireBody, "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	att, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {fmt.Sprintf("application/pdf; name=\"%s\"", mime.QEncoding.Encode("utf-8", attachmentName))},
		"Content-Disposition":       {"attachment; filename*=UTF-8''" + rfc2231(attachmentName)},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return nil, err
	}
	enc := base64.StdEncoding.EncodeToString(pdf)
	for len(enc) > 76 {
		fmt.Fprintf(att, "%s\r\n", enc[:76])
		enc = enc[76:]
	}
	fmt.Fprintf(att, "%s\r\n", enc)
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// rfc2231 percent-encodes a parameter value; url.PathEscape leaves a few
// characters RFC 2231 does not allow bare, so those are encoded too.
func rfc2231(s string) string {
	e := url.PathEscape(s)
	r := strings.NewReplacer("'", "%27", "(", "%28", ")", "%29", "*", "%2A", ",", "%2C", ";", "%3B", ":", "%3A", "@", "%40", "=", "%3D", "&", "%26", "+", "%2B", "$", "%24")
	return r.Replace(e)
}
