package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/sqlite"
)

// reviewPage is the queue of figures a person must look at.
type reviewPage struct {
	page
	Items []reviewItem
}

type reviewItem struct {
	figureRow
	Force string
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	p := reviewPage{page: s.page(r, "Review")}
	p.Section = "review"
	for _, i := range snap.review {
		f := snap.figures[i]
		p.Items = append(p.Items, reviewItem{figureRow: snap.figureRow(i), Force: snap.forceOf(f.Authority).Name})
	}
	s.render(w, r, http.StatusOK, "review", p)
}

// figurePage is one figure: where it was read, what people said about it,
// and for editors the forms to confirm or correct it.
type figurePage struct {
	page
	Figure   figureRow
	Force    *forceView
	History  []sqlite.Correction
	Statuses []foiwire.Status
	Next     string
	Error    string
	// Form holds what was typed when a correction was refused.
	FormValue, FormStatus, FormNote string
}

func (s *Server) figurePage(w http.ResponseWriter, r *http.Request) {
	s.showFigure(w, r, http.StatusOK, r.URL.Query().Get("key"), "", nil)
}

func (s *Server) showFigure(w http.ResponseWriter, r *http.Request, code int, key, msg string, form url.Values) {
	snap := s.snap.Load()
	i, ok := snap.byKey[key]
	if !ok {
		s.refuse(w, r, http.StatusNotFound, "There is no figure "+key+" in this campaign. It may have gone when its reply was read again.")
		return
	}
	f := snap.figures[i]
	hist, err := s.cfg.DB.Corrections(r.Context(), f.Authority)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := figurePage{
		page: s.page(r, f.Label+" · "+snap.forceOf(f.Authority).Name), Figure: snap.figureRow(i), Force: snap.forceOf(f.Authority),
		Statuses: []foiwire.Status{foiwire.StatusOK, foiwire.StatusSuppressed, foiwire.StatusNotHeld, foiwire.StatusRefused},
		Next:     localPath(r.URL.Query().Get("next"), "/forces/"+url.PathEscape(f.Authority)), Error: msg,
	}
	p.Section = "review"
	for _, c := range hist {
		if c.Key == key {
			p.History = append(p.History, c)
		}
	}
	p.FormStatus = string(f.Status)
	if v, ok := f.Int(); ok {
		p.FormValue = strconv.FormatInt(v, 10)
	}
	if form != nil {
		p.FormValue, p.FormStatus, p.FormNote = form.Get("value"), form.Get("status"), form.Get("note")
		p.Next = localPath(form.Get("next"), p.Next)
	}
	s.render(w, r, code, "figure", p)
}

func (s *Server) confirmFigure(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	key := r.PostFormValue("key")
	i, ok := snap.byKey[key]
	if !ok {
		s.refuse(w, r, http.StatusNotFound, "There is no figure "+key+" to confirm.")
		return
	}
	f := snap.figures[i]
	c := sqlite.Correction{
		Key: key, Authority: f.Authority, Confirm: true, Value: f.Value, Status: f.Status,
		Was: sqlite.FigureValue(f.Value, f.Status), Note: strings.TrimSpace(r.PostFormValue("note")), By: whoFrom(r.Context()).Name,
	}
	s.saveCorrection(w, r, c, "confirmed")
}

func (s *Server) correctFigure(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	key := r.PostFormValue("key")
	i, ok := snap.byKey[key]
	if !ok {
		s.refuse(w, r, http.StatusNotFound, "There is no figure "+key+" to correct.")
		return
	}
	f := snap.figures[i]
	c := sqlite.Correction{
		Key: key, Authority: f.Authority, Status: foiwire.Status(r.PostFormValue("status")),
		Was: sqlite.FigureValue(f.Value, f.Status), Note: strings.TrimSpace(r.PostFormValue("note")), By: whoFrom(r.Context()).Name,
	}
	if c.Status == "" {
		c.Status = foiwire.StatusOK
	}
	if v := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("value"), ",", "")); v != "" && c.Status == foiwire.StatusOK {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.showFigure(w, r, http.StatusUnprocessableEntity, key, "“"+v+"” is not a whole number.", r.PostForm)
			return
		}
		c.Value = foiwire.Int64(n)
	}
	s.saveCorrection(w, r, c, "corrected")
}

// saveCorrection stores a correction, rebuilds the campaign so facts and
// stories follow at once, and sends the editor back where they came from.
func (s *Server) saveCorrection(w http.ResponseWriter, r *http.Request, c sqlite.Correction, msg string) {
	if _, err := s.cfg.DB.AddCorrection(r.Context(), c); err != nil {
		if errors.Is(err, sqlite.ErrBadCorrection) {
			s.showFigure(w, r, http.StatusUnprocessableEntity, c.Key, strings.TrimPrefix(err.Error(), "correct figure "+c.Key+": "), r.PostForm)
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.cfg.Log.Info("figure "+msg, "key", c.Key, "by", c.By, "value", sqlite.FigureValue(c.Value, c.Status))
	if err := s.rebuild(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	next := localPath(r.PostFormValue("next"), "/forces/"+url.PathEscape(c.Authority))
	http.Redirect(w, r, withMsg(next, msg), http.StatusSeeOther)
}

// withMsg sets the flash code of a local path.
func withMsg(p, msg string) string {
	u, err := url.Parse(p)
	if err != nil {
		return p
	}
	q := u.Query()
	q.Set("msg", msg)
	u.RawQuery = q.Encode()
	return u.String()
}
