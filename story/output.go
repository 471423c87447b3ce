package story

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/chart"
)

//go:embed templates/*.html
var pageFS embed.FS

var pages = template.Must(template.ParseFS(pageFS, "templates/*.html"))

// markdown writes a story as Markdown: headline, standfirst in bold, the
// paragraphs, the chart as an image with its alt text, quotes as block
// quotes, and the notes under a rule.
func markdown(c foiwire.Campaign, s Story) string {
	var b strings.Builder
	if e := embargoWords(c); e != "" {
		fmt.Fprintf(&b, "**EMBARGOED UNTIL %s**\n\n", strings.ToUpper(e))
	}
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(s.Headline))
	if s.Standfirst != "" {
		fmt.Fprintf(&b, "**%s**\n\n", mdEscape(s.Standfirst))
	}
	for _, bl := range s.Blocks {
		switch bl.Kind {
		case BlockChart:
			fmt.Fprintf(&b, "![%s](chart.png)\n\n", mdEscape(s.ChartAlt))
		case BlockQuote:
			fmt.Fprintf(&b, "> %s\n\n", mdEscape(bl.Text))
		case BlockBoilerplate:
			fmt.Fprintf(&b, "---\n\n*Notes to editors:* %s\n\n", mdEscape(bl.Text))
		default:
			fmt.Fprintf(&b, "%s\n\n", mdEscape(bl.Text))
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

var mdSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", `\<`)

func mdEscape(s string) string { return mdSpecial.Replace(s) }

// embargoWords writes the embargo as a UK newsroom does: "00:01 BST on
// Monday 5 August 2024", in the embargo's own offset (BST for +01:00, GMT
// for +00:00, otherwise "UTC+02:00").
func embargoWords(c foiwire.Campaign) string {
	e := c.Embargo
	if e.IsZero() {
		return ""
	}
	zone := "UTC" + e.Format("-07:00")
	switch _, off := e.Zone(); off {
	case 3600:
		zone = "BST"
	case 0:
		zone = "GMT"
	}
	return e.Format("15:04 ") + zone + e.Format(" on Monday 2 January 2006")
}

type pageData struct {
	Story    Story
	Embargo  string
	ChartSrc string
}

func storyHTML(c foiwire.Campaign, s Story, created time.Time) ([]byte, error) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, "story.html", pageData{Story: s, Embargo: embargoWords(c), ChartSrc: "chart.svg"}); err != nil {
		return nil, fmt.Errorf("story for %s: write HTML: %w", s.Force.ID, err)
	}
	return b.Bytes(), nil
}

// bodyHTML is the story's body as an HTML fragment, for ninjs.
func bodyHTML(s Story) (string, error) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, "body", pageData{Story: s, ChartSrc: "chart.png"}); err != nil {
		return "", fmt.Errorf("story for %s: write HTML body: %w", s.Force.ID, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// The ninjs 2.1 object, with only the properties foiwire fills. In ninjs 2
// the headline, body and subject of 1.x are the arrays headlines, bodies and
// subjects, each entry with a role.
type ninjs struct {
	URI            string           `json:"uri"`
	Standard       ninjsStandard    `json:"standard"`
	Type           string           `json:"type"`
	Version        string           `json:"version"`
	VersionCreated string           `json:"versioncreated"`
	Embargoed      string           `json:"embargoed,omitempty"`
	PubStatus      string           `json:"pubstatus"`
	Language       string           `json:"language"`
	Slugline       string           `json:"slugline,omitempty"`
	Headlines      []ninjsText      `json:"headlines"`
	Descriptions   []ninjsText      `json:"descriptions,omitempty"`
	Bodies         []ninjsBody      `json:"bodies,omitempty"`
	Located        string           `json:"located,omitempty"`
	Subjects       []ninjsName      `json:"subjects,omitempty"`
	Organisations  []ninjsName      `json:"organisations,omitempty"`
	Places         []ninjsName      `json:"places,omitempty"`
	Associations   []ninjsAssoc     `json:"associations,omitempty"`
	By             string           `json:"by,omitempty"`
	Renditions     []ninjsRendition `json:"renditions,omitempty"`
}

type ninjsStandard struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Schema  string `json:"schema"`
}

type ninjsText struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contenttype,omitempty"`
	Value       string `json:"value"`
}

type ninjsBody struct {
	Role        string `json:"role"`
	ContentType string `json:"contenttype"`
	CharCount   int    `json:"charcount"`
	WordCount   int    `json:"wordcount"`
	Value       string `json:"value"`
}

type ninjsName struct {
	Name    string `json:"name"`
	Literal string `json:"literal,omitempty"`
	Rel     string `json:"rel,omitempty"`
}

type ninjsAssoc struct {
	Name         string           `json:"name"`
	URI          string           `json:"uri"`
	Type         string           `json:"type"`
	Headlines    []ninjsText      `json:"headlines,omitempty"`
	Descriptions []ninjsText      `json:"descriptions,omitempty"`
	Renditions   []ninjsRendition `json:"renditions"`
}

type ninjsRendition struct {
	Name        string `json:"name"`
	Href        string `json:"href"`
	ContentType string `json:"contenttype"`
	Width       int    `json:"width,omitempty"`
	Height      int    `json:"height,omitempty"`
}

func ninjsJSON(c foiwire.Campaign, s Story, created time.Time, base string, chartHeight int, ap Approval) ([]byte, error) {
	uri := fmt.Sprintf("urn:foiwire:%s:%s", slugOr(c.Slug, "campaign"), s.Force.ID)
	if base != "" {
		uri = strings.TrimSuffix(base, "/") + "/" + slugOr(c.Slug, "campaign") + "/" + s.Force.ID
	}
	text := bodyText(s)
	chars, words := utf8.RuneCountInString(text), countWords(text)
	html, err := bodyHTML(s)
	if err != nil {
		return nil, err
	}
	n := ninjs{
		URI:            uri,
		Standard:       ninjsStandard{Name: "ninjs", Version: "2.1", Schema: "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"},
		Type:           "text",
		Version:        "1",
		VersionCreated: created.Format(time.RFC3339),
		PubStatus:      ap.PubStatus(),
		Language:       "en-GB",
		Slugline:       slugOr(c.Slug, "foi") + "-" + s.Force.ID,
		Headlines:      []ninjsText{{Role: "main", Value: s.Headline}},
		Bodies: []ninjsBody{
			{Role: "text", ContentType: "text/plain", CharCount: chars, WordCount: words, Value: text},
			{Role: "html", ContentType: "text/html", CharCount: chars, WordCount: words, Value: html},
		},
		Located:       s.Force.ShortName,
		Organisations: []ninjsName{{Name: s.Force.Name, Literal: s.Force.ID, Rel: "about"}},
		Places:        []ninjsName{{Name: s.Force.ShortName, Literal: s.Force.ONSCode}},
		By:            c.Sender.Organisation,
	}
	if s.Standfirst != "" {
		n.Descriptions = []ninjsText{{Role: "summary", ContentType: "text/plain", Value: s.Standfirst}}
	}
	if !c.Embargo.IsZero() {
		n.Embargoed = c.Embargo.Format(time.RFC3339)
	}
	if c.Topic != "" {
		n.Subjects = append(n.Subjects, ninjsName{Name: c.Topic, Rel: "about"})
	}
	n.Subjects = append(n.Subjects, ninjsName{Name: "Crime", Literal: "crime"}, ninjsName{Name: "Freedom of Information", Literal: "foi"})
	n.Associations = []ninjsAssoc{{
		Name:         "chart",
		URI:          uri + "/chart",
		Type:         "graphic",
		Headlines:    []ninjsText{{Role: "main", Value: s.ChartTitle}},
		Descriptions: []ninjsText{{Role: "alt", ContentType: "text/plain", Value: s.ChartAlt}},
		Renditions: []ninjsRendition{
			{Name: "svg", Href: "chart.svg", ContentType: "image/svg+xml", Width: chart.Width, Height: chartHeight},
			{Name: "png", Href: "chart.png", ContentType: "image/png", Width: chart.Width * chart.PNGScale, Height: chartHeight * chart.PNGScale},
		},
	}}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	// The bodies hold HTML; written as it is, it stays readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("story for %s: write ninjs: %w", s.Force.ID, err)
	}
	return b.Bytes(), nil
}

// countWords is len(strings.Fields(s)), without the slice.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in:
			in = true
			n++
		}
	}
	return n
}

func slugOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

type indexEntry struct {
	ID, Name, Headline, Alt, Approval string
}

func indexHTML(c foiwire.Campaign, ok []result, rep Report, created time.Time, nationalAlt string) ([]byte, error) {
	data := struct {
		Title       string
		NationalAlt string // the national chart's alt text; "" when there is none
		Created     string
		Embargo     string
		Written     []indexEntry
		Refused     []Refusal
		Skipped     []Skip
	}{
		Title:       slugOr(c.Title, slugOr(c.Slug, "Stories")),
		NationalAlt: nationalAlt,
		Created:     created.Format("2 January 2006 15:04 MST"),
		Embargo:     embargoWords(c),
		Refused:     rep.Refused,
		Skipped:     rep.Skipped,
	}
	for _, r := range ok {
		data.Written = append(data.Written, indexEntry{ID: r.force.ID, Name: r.force.Name, Headline: r.story.Headline, Alt: r.story.ChartAlt, Approval: r.approval.State()})
	}
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, "index.html", data); err != nil {
		return nil, fmt.Errorf("write index.html: %w", err)
	}
	return b.Bytes(), nil
}
