package web

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Europe/London on machines without a zone database

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one parsed template set per page, each the shared layout
// with the page's own content.
type pages struct {
	sets map[string]*template.Template
	buf  sync.Pool
}

func parsePages() (*pages, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{sets: map[string]*template.Template{}, buf: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		p.sets[name] = t
	}
	return p, nil
}

// page is what the layout needs on every page.
type page struct {
	Title    string
	Campaign string
	User     foiwire.User
	SignedIn bool
	CanEdit  bool
	CSRF     string
	Section  string // the navigation tab to mark
	Flash    string
	Built    time.Time
	Trouble  []string
	// Body is the page's content rendered already (see renderCached);
	// empty means the layout renders it.
	Body template.HTML
}

// flashes are the messages a redirect after a form may ask for; only these
// codes are shown, so a link cannot put words in the app's mouth.
var flashes = map[string]string{
	"confirmed":       "Figure confirmed. Facts and stories have been rebuilt.",
	"corrected":       "Correction saved beside the original. Facts and stories have been rebuilt.",
	"approved":        "Story approved.",
	"embargo-set":     "Embargo set.",
	"embargo-cleared": "Embargo cleared.",
	"signed-out":      "You have signed out.",
}

func (s *Server) page(r *http.Request, title string) page {
	snap := s.snap.Load()
	u := whoFrom(r.Context())
	p := page{
		Title: title, Campaign: snap.campaign.Title, User: u.User, SignedIn: u.Name != "", CanEdit: u.CanEdit() && !u.API(),
		Flash: flashes[r.URL.Query().Get("msg")], Built: snap.built, Trouble: snap.trouble,
	}
	if u.Session != nil {
		p.CSRF = u.Session.CSRF
	}
	return p
}

type messagePage struct {
	page
	Message string
}

// render executes a page into a buffer first, so a template failure gives
// a clean error instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	t, ok := s.pages.sets[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no page template %q", name))
		return
	}
	b := s.pages.buf.Get().(*bytes.Buffer)
	b.Reset()
	defer s.pages.buf.Put(b)
	if err := t.ExecuteTemplate(b, "layout.html", data); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

// favicon answers the browser's own request for an icon, which would
// otherwise be sent to sign in and replace the sign-in form's token.
func (s *Server) favicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	b, _ := staticFS.ReadFile("static/favicon.svg")
	w.Write(b)
}

// renderCached serves a page whose content is the same for every reader
// with the same key: the content is rendered once per snapshot and only
// the layout (who is signed in, their CSRF token) per request. data makes
// the page's data on a miss.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, c *renderCache, name, key string, p page, data func() any) {
	if _, ok := s.cachedContent(w, r, c, name, key, &p, data); ok {
		s.render(w, r, http.StatusOK, name, p)
	}
}

// cachedContent renders a page's content once per snapshot and key, puts
// it in p.Body and returns the page's template. On failure it answers the
// request itself and returns false.
func (s *Server) cachedContent(w http.ResponseWriter, r *http.Request, c *renderCache, name, key string, p *page, data func() any) (*template.Template, bool) {
	t, ok := s.pages.sets[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no page template %q", name))
		return nil, false
	}
	body, err := c.cached("page|"+name+"|"+key, func() ([]byte, error) {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, "content", data()); err != nil {
			return nil, fmt.Errorf("render %s: %w", name, err)
		}
		return b.Bytes(), nil
	})
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	// The content was escaped when it was rendered.
	p.Body = template.HTML(body)
	return t, true
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(w, r, staticFS, "static/"+r.PathValue("file"))
}

// funcs are the template helpers.
var funcs = template.FuncMap{
	"num": func(n any) string {
		switch v := n.(type) {
		case int:
			return commas(int64(v))
		case int64:
			return commas(v)
		}
		return fmt.Sprint(n)
	},
	"value":     figureValue,
	"period":    periodLabel,
	"date":      func(t time.Time) string { return inLondon(t).Format("2 Jan 2006") },
	"datetime":  func(t time.Time) string { return inLondon(t).Format("2 Jan 2006, 15:04 MST") },
	"factValue": factValue,
	"factName":  factName,
	"pct":       func(n, of int) int { return int(math.Round(100 * float64(n) / math.Max(float64(of), 1))) },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"svg": func(b []byte) template.HTML {
		// Charts are drawn by package chart from facts, escaping every
		// label; nothing from a reply reaches them unescaped.
		return template.HTML(b)
	},
}

// commas writes a count with thousands separated: 1,106.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// figureValue writes a figure as a reader of the page wants it.
func figureValue(f foiwire.Figure) string {
	if v, ok := f.Int(); ok && f.Status == foiwire.StatusOK {
		return commas(v)
	}
	switch f.Status {
	case foiwire.StatusSuppressed:
		return "suppressed"
	case foiwire.StatusNotHeld:
		return "not held"
	case foiwire.StatusRefused:
		return "refused"
	}
	return "—"
}

func periodLabel(p foiwire.Period) string {
	if p.IsZero() {
		return ""
	}
	return period.Label(p)
}

// factValue writes a fact's value in the unit of its kind.
func factValue(f foiwire.Fact) string {
	switch f.Kind {
	case foiwire.FactChangePct:
		return fmt.Sprintf("%+.1f%%", f.Value)
	case foiwire.FactShare, foiwire.FactChargeRate:
		return fmt.Sprintf("%.1f%%", 100*f.Value)
	case foiwire.FactRatio:
		return fmt.Sprintf("×%.2f", f.Value)
	case foiwire.FactRank:
		if f.Of > 0 {
			return fmt.Sprintf("%s of %d", ordinal(int(f.Value)), f.Of)
		}
		return ordinal(int(f.Value))
	case foiwire.FactHigh:
		if f.Value != 0 {
			return "yes"
		}
		return "no"
	case foiwire.FactResponders:
		if f.Of > 0 {
			return fmt.Sprintf("%d of %d", int64(f.Value), f.Of)
		}
	}
	if f.Value == math.Trunc(f.Value) {
		return commas(int64(f.Value))
	}
	return strconv.FormatFloat(f.Value, 'f', 2, 64)
}

// factName says what a fact is, in words.
func factName(f foiwire.Fact) string {
	what := map[foiwire.FactKind]string{
		foiwire.FactCount: "Count", foiwire.FactTotal: "Total", foiwire.FactChangePct: "Change",
		foiwire.FactRatio: "Ratio", foiwire.FactHigh: "Highest of the years", foiwire.FactShare: "Share",
		foiwire.FactCharges: "Charges", foiwire.FactChargeRate: "Charge rate", foiwire.FactRank: "Rank",
		foiwire.FactNationalTotal: "National total", foiwire.FactResponders: "Forces that answered",
	}[f.Kind]
	if what == "" {
		what = string(f.Kind)
	}
	var parts []string
	if f.Label != "" {
		parts = append(parts, f.Label)
	} else if f.Category != "" {
		parts = append(parts, f.Category)
	}
	switch {
	case !f.Base.IsZero():
		parts = append(parts, periodLabel(f.Base)+" to "+periodLabel(f.Period))
	case !f.Period.IsZero():
		parts = append(parts, periodLabel(f.Period))
	}
	if len(parts) == 0 {
		return what
	}
	return what + ": " + strings.Join(parts, ", ")
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// london is where the newsroom works: embargoes are set and shown in UK
// time. The zone database is embedded, so this cannot fail.
var london = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("web: no Europe/London zone: " + err.Error())
	}
	return l
}()

func inLondon(t time.Time) time.Time { return t.In(london) }

// randomString returns 256 random bits, URL-safe.
func randomString() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
