package mailer

import (
	"bytes"
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
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/htmlindex"
)

// Message is a received message, decoded.
type Message struct {
	MessageID  string   // with angle brackets; "" when it has none
	InReplyTo  []string // the ids it answers, with angle brackets
	References []string
	From       string // the sender's address, lower case; "" when unreadable
	FromName   string
	Subject    string
	Date       time.Time // zero when missing or unreadable
	// Text is the body as plain text: the text/plain part, or the HTML
	// part's text when there is no plain one.
	Text string
	// Auto is set for a message a machine sent on its own: an
	// acknowledgement or an out-of-office reply.
	Auto bool
	// SpoofedFrom is set when a mail server on the way recorded that the
	// From line failed its domain's DMARC check (Authentication-Results:
	// dmarc=fail): the message did not come from the domain it names. A
	// forger can add a header saying "pass" but cannot take away the
	// receiving server's "fail".
	SpoofedFrom bool
	Attachments []Attachment
}

// Attachment is a file that came with a message.
type Attachment struct {
	Name      string // as the sender named it, decoded; "" when unnamed
	MediaType string
	Data      []byte // transfer encoding removed
}

// maxDepth bounds how deeply multiparts may nest; real mail goes three or
// four deep.
const maxDepth = 12

var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unknown character set %q", charset)
	}
	return enc.NewDecoder().Reader(r), nil
}

// ParseMessage decodes one RFC 5322 message: its headers (RFC 2047 words
// included), its text and its attachments, whatever their transfer
// encoding (base64, quoted-printable, 7bit, 8bit) and character set, and
// their names (RFC 2231 or RFC 2047). It returns an error when the header
// cannot be read; a damaged part is skipped and the rest kept.
// dmarcFailRE finds a DMARC failure in an Authentication-Results header.
var dmarcFailRE = regexp.MustCompile(`(?i)(?:^|[;\s])dmarc\s*=\s*fail\b`)

func ParseMessage(raw []byte) (*Message, error) {
	mm, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("read message header: %w", err)
	}
	h := mm.Header
	m := &Message{
		MessageID:  firstID(h.Get("Message-Id")),
		InReplyTo:  msgIDs(h.Get("In-Reply-To")),
		References: msgIDs(h.Get("References")),
		Subject:    decodeHeader(h.Get("Subject")),
	}
	m.From, m.FromName = parseFrom(h.Get("From"))
	if d, err := h.Date(); err == nil {
		m.Date = d
	}
	for _, ar := range h["Authentication-Results"] {
		m.SpoofedFrom = m.SpoofedFrom || dmarcFailRE.MatchString(ar)
	}
	auto := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted")))
	m.Auto = (auto != "" && auto != "no") || h.Get("X-Autoreply") != "" || h.Get("X-Autorespond") != "" ||
		strings.EqualFold(strings.TrimSpace(h.Get("Precedence")), "auto_reply")

	var texts, htmls []string
	walk(textproto.MIMEHeader(h), mm.Body, 0, m, &texts, &htmls)
	switch {
	case len(texts) > 0:
		m.Text = strings.Join(texts, "\n\n")
	case len(htmls) > 0:
		parts := make([]string, len(htmls))
		for i, s := range htmls {
			parts[i] = htmlText(s)
		}
		m.Text = strings.Join(parts, "\n\n")
	}
	return m, nil
}

func walk(h textproto.MIMEHeader, body io.Reader, depth int, m *Message, texts, htmls *[]string) {
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mediaType == "" {
		mediaType, params = "text/plain", map[string]string{}
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= maxDepth || params["boundary"] == "" {
			return
		}
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			walk(p.Header, p, depth+1, m, texts, htmls)
		}
	}
	data, err := decodeBody(h.Get("Content-Transfer-Encoding"), body)
	if err != nil && len(data) == 0 {
		return
	}
	name := partName(h, params)
	disposition, _, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	isBody := name == "" && disposition != "attachment" && (mediaType == "text/plain" || mediaType == "text/html")
	switch {
	case isBody && mediaType == "text/plain":
		*texts = append(*texts, toUTF8(data, params["charset"]))
	case isBody:
		*htmls = append(*htmls, toUTF8(data, params["charset"]))
	case name == "" && (strings.HasPrefix(mediaType, "image/") || disposition == "inline"):
		// An unnamed inline image is a logo or a signature.
	default:
		if name == "" && mediaType == "message/rfc822" {
			if inner, err := mail.ReadMessage(bytes.NewReader(data)); err == nil {
				name = decodeHeader(inner.Header.Get("Subject"))
			}
			if name == "" {
				name = "message"
			}
			name += ".eml"
		}
		m.Attachments = append(m.Attachments, Attachment{Name: name, MediaType: mediaType, Data: data})
	}
}

// decodeBody removes a transfer encoding. An unknown encoding is taken as
// the bytes themselves.
func decodeBody(cte string, r io.Reader) ([]byte, error) {
	r = io.LimitReader(r, MaxMessageSize)
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		// Senders wrap base64 at odd widths and leave spaces; keep only the
		// alphabet so one stray character does not lose the file.
		raw, err := io.ReadAll(r)
		clean := bytes.Map(func(c rune) rune {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
				return c
			}
			return -1
		}, raw)
		if len(clean)%4 == 1 {
			clean = clean[:len(clean)-1] // a lone sextet holds no whole byte
		}
		out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
		n, derr := base64.RawStdEncoding.Decode(out, clean)
		return out[:n], errors.Join(err, derr)
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(r))
	}
	return io.ReadAll(r)
}

// partName returns a part's file name: the Content-Disposition filename
// (RFC 2231 continuations and character sets are undone by
// mime.ParseMediaType), else the Content-Type name, with any RFC 2047
// encoded words decoded, as Outlook writes them.
func partName(h textproto.MIMEHeader, ctParams map[string]string) string {
	name := ""
	if _, dp, err := mime.ParseMediaType(h.Get("Content-Disposition")); err == nil {
		name = dp["filename"]
	} else if m := filenameRE.FindStringSubmatch(h.Get("Content-Disposition")); m != nil {
		name = m[1]
	}
	if name == "" {
		name = ctParams["name"]
	}
	return strings.TrimSpace(decodeHeader(name))
}

var filenameRE = regexp.MustCompile(`(?i)\bfilename\s*=\s*"?([^";]+)`)

func decodeHeader(s string) string {
	d, err := wordDecoder.DecodeHeader(s)
	if err != nil {
		return s
	}
	return d
}

var addrRE = regexp.MustCompile(`[^\s<>"@,;:]+@[^\s<>"@,;:]+\.[^\s<>"@,;:]+`)

func parseFrom(s string) (addr, name string) {
	p := mail.AddressParser{WordDecoder: wordDecoder}
	if a, err := p.Parse(s); err == nil {
		return strings.ToLower(a.Address), a.Name
	}
	return strings.ToLower(addrRE.FindString(s)), ""
}

var idRE = regexp.MustCompile(`<[^<>\s]+>`)

func msgIDs(s string) []string { return idRE.FindAllString(s, -1) }

func firstID(s string) string {
	if ids := msgIDs(s); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// toUTF8 decodes text in the given character set, and Latin-1 (as
// Windows-1252) when no set is named and the bytes are not UTF-8.
func toUTF8(b []byte, charset string) string {
	if charset == "" && !utf8.Valid(b) {
		charset = "windows-1252"
	}
	if charset != "" {
		if r, err := charsetReader(charset, bytes.NewReader(b)); err == nil {
			if d, err := io.ReadAll(r); err == nil {
				b = d
			}
		}
	}
	return strings.ToValidUTF8(strings.ReplaceAll(string(b), "\r\n", "\n"), "\uFFFD")
}

// htmlText returns an HTML body's readable text, a line per block.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(squeezeLines(b.String()))
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tn, _ := z.TagName()
			switch string(tn) {
			case "script", "style", "head":
				if t := z.Token().Type; t == html.StartTagToken {
					skip++
				} else if t == html.EndTagToken && skip > 0 {
					skip--
				}
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table":
				b.WriteByte('\n')
			case "td", "th":
				if t := b.String(); z.Token().Type == html.StartTagToken && t != "" && t[len(t)-1] != '\n' {
					b.WriteByte('\t')
				}
			}
		}
	}
}

func squeezeLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" && len(out) > 0 && out[len(out)-1] == "" {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// SafeName returns a file name for an attachment that cannot leave the
// folder it is written to: path separators, control characters and
// leading dots go, and an empty or unusable name becomes
// "attachment-<n><ext>" with the extension of mediaType.
func SafeName(name, mediaType string, n int) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == 0 || unicode.IsControl(r):
			return '_'
		case strings.ContainsRune(`<>"|?*`, r):
			return '_'
		}
		return r
	}, path.Base(strings.ReplaceAll(name, "\\", "/")))
	name = strings.TrimLeft(strings.TrimSpace(name), ".")
	if len(name) > 180 {
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		name = strings.ToValidUTF8(name[:180-len(ext)], "") + ext
	}
	if name == "" || name == "_" {
		ext := ".bin"
		if exts, _ := mime.ExtensionsByType(mediaType); len(exts) > 0 {
			ext = exts[0]
		}
		name = fmt.Sprintf("attachment-%d%s", n, ext)
	}
	return name
}
