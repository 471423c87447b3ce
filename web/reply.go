package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/table"
)

// Limits on what a reply page shows, so a huge reply cannot make a huge page.
const (
	maxShownRows   = 2000
	maxSourceBytes = 256 << 10
)

// replyPage is a stored reply, shown safely: its tables rebuilt from their
// cells' text with the asked-for cell picked out, its text as read, its
// markup as text, and for HTML a sanitised rendering.
type replyPage struct {
	page
	Force    *forceView
	Arrival  foiwire.Arrival
	Tables   []replyTable
	Text     string
	Source   string
	Cut      bool // Source was cut short
	Original template.HTML
	Warnings []string
	Figures  []figureRow
	Picked   string // the picked cell's text, "" when none was asked for
	Problem  string
}

type replyTable struct {
	Number  int // from 1
	Context string
	Part    string
	Rows    []replyRow
	Cut     bool
	Picked  bool
}

type replyRow struct {
	Num   int // the row's number in the table as read, from 1
	Cells []replyCell
}

type replyCell struct {
	Text   string
	Picked bool
}

// replyPolicy is what of a reply's own HTML may reach a browser: text and
// plain formatting. No scripts, no event handlers, no styles, no forms, no
// images or frames that would call out, and links only to absolute http(s)
// and mailto addresses, marked nofollow.
func replyPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardURLs()
	p.AllowURLSchemes("http", "https", "mailto")
	// A reply's own relative links ("/report/") would point into this app.
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AllowAttrs("href").OnElements("a")
	p.AllowElements("p", "br", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
		"strong", "b", "em", "i", "u", "blockquote", "pre", "code", "hr", "address", "small", "sub", "sup",
		"table", "thead", "tbody", "tfoot", "tr", "caption")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	p.AllowElements("td", "th")
	return p
}

func (s *Server) replyPage(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	fv, ok := snap.byID[r.PathValue("id")]
	if !ok {
		s.notFound(w, r)
		return
	}
	sha := r.PathValue("sha")
	var arr foiwire.Arrival
	for _, a := range fv.Arrivals {
		if a.SHA256 == sha {
			arr = a
		}
	}
	if arr.SHA256 == "" {
		s.notFound(w, r)
		return
	}
	data, mt, err := s.cfg.DB.Document(r.Context(), sha)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	q := r.URL.Query()
	pt, pr, pc := atoiOr(q.Get("t"), -1), atoiOr(q.Get("r"), -1), atoiOr(q.Get("c"), -1)
	p := replyPage{page: s.page(r, arr.Name+" · "+fv.Name), Force: fv, Arrival: arr, Problem: arr.Problem}
	p.Section = "overview"
	for _, i := range fv.Figures {
		if snap.figures[i].Source.Document == sha {
			p.Figures = append(p.Figures, snap.figureRow(i))
		}
	}
	res, err := s.docs.get(r.Context(), sha, arr.Name, data)
	switch {
	case err == nil:
		p.Text, p.Warnings = res.Text, res.Warnings
		for _, t := range res.Tables {
			rt := replyTable{Number: t.Index + 1, Context: t.Context, Part: t.Part, Picked: t.Index == pt}
			for ri, row := range t.Rows {
				if ri >= maxShownRows {
					rt.Cut = true
					break
				}
				rr := replyRow{Num: ri + 1, Cells: make([]replyCell, len(row))}
				if len(row) > 0 {
					rr.Num = row[0].Row + 1
				}
				for ci, c := range row {
					rr.Cells[ci] = replyCell{Text: c.Text, Picked: rt.Picked && c.Row == pr && c.Col == pc}
					if rr.Cells[ci].Picked {
						p.Picked = c.Text
					}
				}
				rt.Rows = append(rt.Rows, rr)
			}
			p.Tables = append(p.Tables, rt)
		}
	case errors.Is(err, r.Context().Err()):
		return
	default:
		p.Warnings = append(p.Warnings, "The reply's tables could not be read: "+withoutPaths(err.Error()))
	}
	if isText(mt) {
		src := data
		if len(src) > maxSourceBytes {
			src, p.Cut = src[:maxSourceBytes], true
		}
		p.Source = strings.ToValidUTF8(string(src), "\uFFFD")
		if strings.HasPrefix(mt, table.MediaHTML) {
			// Sanitised HTML is safe to place in the page as markup.
			p.Original = template.HTML(replyPolicy().Sanitize(p.Source))
		}
	}
	s.render(w, r, http.StatusOK, "reply", p)
}

// isText reports whether a reply of this media type is text worth showing
// as its source.
func isText(mediaType string) bool {
	return strings.HasPrefix(mediaType, "text/") || mediaType == table.MediaEmail
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
