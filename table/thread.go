package table

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// MediaThread is a request's message thread exported as JSON, as FOI
// request sites publish them: the request, then each message between the
// requester and the authority.
const MediaThread = "application/vnd.foiwire.thread+json"

// thread is the JSON a request site exports for one request. Fields not
// read here are ignored.
type thread struct {
	Title     string        `json:"title"`
	LawUsed   string        `json:"law_used"`
	CreatedAt string        `json:"created_at"`
	URLTitle  string        `json:"url_title"`
	Events    []threadEvent `json:"events"`
}

// threadEvent is one message of a thread. Type is "outgoing" for the
// requester's messages and "incoming" for the authority's; Content holds
// the message's text, as one string or a list of them.
type threadEvent struct {
	CreatedAt string          `json:"created_at"`
	Type      string          `json:"type"`
	Content   json.RawMessage `json:"content"`
	Body      string          `json:"body"`
}

// looksLikeThread reports whether data is a JSON object with a list of
// events: a message thread.
func looksLikeThread(head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, bomUTF8), " \t\r\n")
	return bytes.HasPrefix(t, []byte("{")) && bytes.Contains(head, []byte(`"events"`))
}

// quotedStart matches the header block an email client writes above a
// quoted earlier message: "From: ..." then "Sent: ..." or "Date: ...".
var quotedStart = regexp.MustCompile(`(?m)^(?:-+ ?Original Message ?-+|From: .*\n(?:.*\n)?(?:Sent|Date): )`)

// attachedFile matches a line naming an attached file.
var attachedFile = regexp.MustCompile(`(?im)^(.{1,200}\.(?:xlsx?|csv|pdf|docx?|ods|zip|txt))\s*$`)

// thread reads a message thread. Only the authority's messages are
// evidence: each is read as text, without the earlier messages it quotes,
// and its tables are labelled with the message's place and date. The
// requester's messages are not read for tables; their text goes to
// Result.Request, for matching the reply to what was asked.
func (rd *reader) thread(data []byte, part string) error {
	var th thread
	if err := json.Unmarshal(bytes.TrimPrefix(data, bomUTF8), &th); err != nil {
		return rd.fail(ErrCorrupt, err, "cannot read the message thread's JSON: %v", err)
	}
	if len(th.Events) == 0 {
		return rd.fail(ErrEmpty, nil, "the message thread has no messages")
	}
	if part == "" && rd.res.Header == nil {
		rd.res.Header = map[string]string{}
		for k, v := range map[string]string{"title": th.Title, "law": th.LawUsed, "date": th.CreatedAt, "url_title": th.URLTitle} {
			if v != "" {
				rd.res.Header[k] = v
			}
		}
	}
	if th.Title != "" {
		rd.writeLine("Subject: " + th.Title)
	}
	var request []string
	replies := 0
	for i, ev := range th.Events {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		text, err := ev.text()
		if err != nil {
			rd.warn(part, "message %d of the thread cannot be read: %v", i+1, err)
			continue
		}
		text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
		date, _, _ := strings.Cut(ev.CreatedAt, "T")
		switch strings.ToLower(ev.Type) {
		case "outgoing", "request", "sent":
			request = append(request, strings.TrimSpace(text))
			continue
		case "incoming", "response", "reply", "received":
		default:
			continue // status changes, comments, annotations
		}
		replies++
		own := text
		if loc := quotedStart.FindStringIndex(text); loc != nil {
			own = text[:loc[0]]
		}
		label := fmt.Sprintf("message %d", i+1)
		if date != "" {
			label += " (" + date + ")"
		}
		msgPart := joinPart(part, label)
		for _, m := range attachedFile.FindAllStringSubmatch(own, 5) {
			rd.warn(msgPart, "the message has an attachment, %q, that is not in the thread; it is not read", strings.TrimSpace(m[1]))
		}
		rd.writeLine("")
		rd.writeLine("Message: " + label)
		rd.plain(own, msgPart, false)
	}
	rd.res.Request = strings.Join(request, "\n\n")
	if replies == 0 {
		rd.warn(part, "the thread has no message from the authority")
	}
	return nil
}

// text returns a message's text, whether its content is a string, a list
// of strings or given as a body.
func (ev threadEvent) text() (string, error) {
	if len(ev.Content) == 0 || string(ev.Content) == "null" {
		return ev.Body, nil
	}
	var s string
	if err := json.Unmarshal(ev.Content, &s); err == nil {
		return s, nil
	}
	var list []string
	if err := json.Unmarshal(ev.Content, &list); err != nil {
		return "", fmt.Errorf("content is neither text nor a list of texts")
	}
	return strings.Join(list, "\n"), nil
}
