package claims

import (
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
)

// Article is an article's text with what its optional header says about it.
type Article struct {
	Body      string // the text after the header, which claims are read from
	URL       string
	Outlet    string
	Force     string // the force the article is about, as the header names it
	Published foiwire.Date
}

var headerLine = regexp.MustCompile(`^([a-z_]+):\s*(.*)$`)
var leadingDate = regexp.MustCompile(`^(\d{4})(-(\d{2}))?(-(\d{2}))?`)

// ParseArticle reads an article saved with a header block of "key: value"
// lines (url, force, outlet, date) ended by a blank line, as archived
// articles are kept. Text with no such header is all Body. A date given only
// to the month ("2024-08") is read as the first of the month; one it cannot
// read leaves Published zero.
func ParseArticle(text string) Article {
	var a Article
	head, body, ok := strings.Cut(text, "\n\n")
	if !ok {
		return Article{Body: text}
	}
	lines := strings.Split(strings.TrimRight(head, "\r\n"), "\n")
	fields := map[string]string{}
	for _, l := range lines {
		m := headerLine.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return Article{Body: text}
		}
		fields[m[1]] = strings.TrimSpace(m[2])
	}
	a.Body = body
	a.URL, a.Outlet, a.Force = fields["url"], fields["outlet"], fields["force"]
	if m := leadingDate.FindStringSubmatch(fields["date"]); m != nil {
		s := m[1] + "-01-01"
		switch {
		case m[5] != "":
			s = m[0]
		case m[3] != "":
			s = m[1] + "-" + m[3] + "-01"
		}
		if d, err := foiwire.ParseDate(s); err == nil {
			a.Published = d
		}
	}
	return a
}
