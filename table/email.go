package table

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"path"
	"regexp"
	"strings"
)

// Limits on an email's structure: forwarded messages inside messages, and
// MIME parts inside parts.
const (
	maxEmailDepth = 4
	maxMIMEDepth  = 16
	maxMIMEParts  = 500
)

// email reads a message: its headers, its body (HTML preferred over plain
// text when both are sent) and each attachment with the reader for its
// type, forwarded messages included.
func (rd *reader) email(data []byte, part string) error {
	if rd.emailDepth >= maxEmailDepth {
		return rd.fail(ErrUnsupported, nil, "emails forwarded inside each other more than %d deep", maxEmailDepth)
	}
	rd.emailDepth++
	defer func() { rd.emailDepth-- }()

	data = bytes.TrimPrefix(data, bomUTF8)
	if bytes.HasPrefix(data, []byte("From ")) { // an mbox separator, not a header
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return rd.fail(ErrCorrupt, err, "cannot read the email's headers: %v", err)
	}
	w := &mimeWalker{rd: rd, part: part, words: &mime.WordDecoder{CharsetReader: charsetReader}}
	header := map[string]string{}
	for _, k := range []string{"From", "To", "Subject", "Date", "Message-Id"} {
		if v := msg.Header.Get(k); v != "" {
			header[k] = w.decodeWords(v)
		}
	}
	if part == "" && rd.res.Header == nil {
		rd.res.Header = header
	}
	for _, k := range []string{"From", "Date", "Subject"} {
		if v := header[k]; v != "" {
			rd.writeLine(k + ": " + v)
		}
	}
	rd.writeLine("")
	body, err := io.ReadAll(msg.Body)
	if err != nil {
		return rd.fail(ErrCorrupt, err, "cannot read the email's body: %v", err)
	}
	return w.entity(textproto.MIMEHeader(msg.Header), body, 0)
}

// mimeWalker reads the MIME parts of one message.
type mimeWalker struct {
	rd    *reader
	part  string // the message's own part label, "" at the top
	words *mime.WordDecoder
	count int // MIME parts seen
}

// entity reads one MIME entity: a multipart container, a body text or an
// attachment. Only ctx's error is returned; anything unreadable in one
// part is a warning, so the rest of the message is still read.
func (w *mimeWalker) entity(h textproto.MIMEHeader, raw []byte, depth int) error {
	w.count++
	if w.count > maxMIMEParts {
		if w.count == maxMIMEParts+1 {
			w.rd.warn(w.part, "email has more than %d MIME parts; the rest are not read", maxMIMEParts)
		}
		return nil
	}
	mt, params := contentType(h.Get("Content-Type"))
	data, err := transferDecode(h.Get("Content-Transfer-Encoding"), raw)
	if err != nil {
		w.rd.warn(w.part, "MIME part %d is not cleanly encoded (%v); read as far as it goes", w.count, err)
	}
	name := w.filename(h, params)
	disposition, _, _ := mime.ParseMediaType(h.Get("Content-Disposition"))

	switch {
	case strings.HasPrefix(mt, "multipart/"):
		if depth >= maxMIMEDepth {
			w.rd.warn(w.part, "email's MIME parts nest more than %d deep; the rest are not read", maxMIMEDepth)
			return nil
		}
		children := w.children(data, params["boundary"])
		if mt == "multipart/alternative" && len(children) > 1 {
			children = []mimeEntity{bestAlternative(children)}
		}
		for _, c := range children {
			if err := w.entity(c.header, c.body, depth+1); err != nil {
				return err
			}
		}
		return nil
	case mt == "message/rfc822":
		if name == "" {
			name = fmt.Sprintf("message %d.eml", w.count)
		}
		return w.attachment(name, mt, data)
	case name == "" && disposition != "attachment" && (mt == "text/plain" || mt == "text/html"):
		if mt == "text/html" {
			ct := ""
			if cs := params["charset"]; cs != "" {
				data, ct = []byte(decodeCharset(data, cs)), "text/html; charset=utf-8"
			}
			if err := w.rd.html(data, ct, w.part); err != nil {
				w.rd.warn(w.part, "email body: %v", err)
			}
			return nil
		}
		w.rd.plain(decodeCharset(data, params["charset"]), w.part, false)
		return nil
	case strings.HasPrefix(mt, "image/") && h.Get("Content-Id") != "" && disposition != "attachment":
		return nil // a picture shown in the body: a logo or signature
	}
	if name == "" {
		name = fmt.Sprintf("part %d", w.count)
	}
	return w.attachment(name, mt, data)
}

// A mimeEntity is one part of a multipart body.
type mimeEntity struct {
	header textproto.MIMEHeader
	body   []byte
}

// children splits a multipart body into its parts, keeping those read
// before any damage and warning about the damage.
func (w *mimeWalker) children(data []byte, boundary string) []mimeEntity {
	if boundary == "" {
		w.rd.warn(w.part, "multipart email part %d has no boundary; not read", w.count)
		return nil
	}
	mr := multipart.NewReader(bytes.NewReader(data), boundary)
	var out []mimeEntity
	for len(out) < maxMIMEParts {
		p, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			w.rd.warn(w.part, "email is damaged or cut off after %d MIME parts: %v", len(out), err)
			break
		}
		body, err := io.ReadAll(p)
		out = append(out, mimeEntity{header: p.Header, body: body})
		if err != nil {
			w.rd.warn(w.part, "email is cut off in a MIME part: %v", err)
			break
		}
	}
	return out
}

// bestAlternative picks the version of a body to read: HTML keeps tables
// as tables, so it wins over plain text.
func bestAlternative(alts []mimeEntity) mimeEntity {
	best, rank := alts[len(alts)-1], -1
	for _, a := range alts {
		mt, _ := contentType(a.header.Get("Content-Type"))
		r := 0
		switch {
		case mt == "text/html", mt == "multipart/related", mt == "multipart/mixed":
			r = 2
		case mt == "text/plain":
			r = 1
		}
		if r >= rank {
			best, rank = a, r
		}
	}
	return best
}

// attachment records an attachment of the top message as a Part and reads
// it (a nested message's attachments are read but stay inside its Part).
func (w *mimeWalker) attachment(name, declared string, data []byte) error {
	rd := w.rd
	idx := -1
	if rd.emailDepth == 1 {
		idx = len(rd.res.Parts)
		rd.res.Parts = append(rd.res.Parts, Part{Name: name, MediaType: declared, Data: data})
	}
	rd.writeLine("")
	rd.writeLine("Attachment: " + name)
	mt, err := rd.readAny(name, data, joinPart(w.part, name))
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case err != nil:
		rd.res.Warnings = append(rd.res.Warnings, err.Error())
	case idx >= 0:
		rd.res.Parts[idx].MediaType = mt
	}
	return nil
}

// contentType parses a Content-Type header, defaulting to text/plain as
// RFC 2045 does and keeping the type when only its parameters are broken.
func contentType(v string) (string, map[string]string) {
	if strings.TrimSpace(v) == "" {
		return "text/plain", map[string]string{}
	}
	mt, params, err := mime.ParseMediaType(v)
	if mt == "" {
		mt, _, _ = strings.Cut(v, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	if err != nil || params == nil {
		params = map[string]string{}
		for _, k := range []string{"boundary", "charset", "name"} {
			if p := rawParam(v, k); p != "" {
				params[k] = p
			}
		}
	}
	return mt, params
}

// filename returns an attachment's name, decoded (RFC 2231 parameters and
// RFC 2047 encoded words) and stripped of any directories.
func (w *mimeWalker) filename(h textproto.MIMEHeader, params map[string]string) string {
	cd := h.Get("Content-Disposition")
	_, dp, err := mime.ParseMediaType(cd)
	name := dp["filename"]
	if name == "" && err != nil {
		name = rawParam(cd, "filename")
	}
	if name == "" {
		name = params["name"]
	}
	name = w.decodeWords(name)
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if name == "." || name == "/" {
		return ""
	}
	return strings.TrimSpace(name)
}

// decodeWords decodes RFC 2047 encoded words in any charset; text that is
// not valid UTF-8 (raw 8-bit headers) is taken for Windows-1252.
func (w *mimeWalker) decodeWords(v string) string {
	if s, err := w.words.DecodeHeader(v); err == nil {
		v = s
	}
	s, _ := decodeText([]byte(v))
	return strings.TrimSpace(s)
}

// rawParam finds a parameter in a header that mime.ParseMediaType
// rejects, as mailers write unquoted encoded words: name==?UTF-8?B?...?=
func rawParam(header, key string) string {
	re := regexp.MustCompile(`(?i)(?:^|;)\s*` + regexp.QuoteMeta(key) + `\s*=\s*("([^"]*)"|[^;]*)`)
	m := re.FindStringSubmatch(header)
	if m == nil {
		return ""
	}
	if strings.HasPrefix(m[1], `"`) {
		return m[2]
	}
	return strings.TrimSpace(m[1])
}

// transferDecode removes a Content-Transfer-Encoding. Broken base64 is
// decoded as far as it goes; the error says it was broken.
func transferDecode(encoding string, b []byte) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		clean := make([]byte, 0, len(b))
		for _, c := range b {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
				clean = append(clean, c)
			}
		}
		if len(clean)%4 == 1 { // a cut-off last character carries no whole byte
			clean = clean[:len(clean)-1]
		}
		out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
		n, err := base64.RawStdEncoding.Decode(out, clean)
		return out[:n], err
	case "quoted-printable":
		out, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(b)))
		return out, err
	}
	return b, nil
}
