package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/foiwire/foiwire"
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
	History  []foiwire.Correction
	Statuses []foiwire.Status
	Next     string
	Error    string
	// Seen is the version of the figure's latest correction when the page
	// was made (0: none), which the forms send back.
	Seen int
	// Form holds what was typed when a correction was refused.
	FormValue, FormStatus, FormNote string
}

func (s *Server) figurePage(w http.ResponseWriter, r *http.Request) {
	s.showFigure(w, r, http.StatusOK, r.URL.Query().Get("key"), "", nil)
}

func (s *Server) showFigure(w http.ResponseWriter, r *http.Request, code int, key, msg string, form url.Values) {
	snap := s.snap.Load()
	i, ok := snap.figureAt(key, r.FormValue("force"))
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
			p.Seen = c.Version
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
	i, ok := snap.figureAt(key, r.PostFormValue("force"))
	if !ok {
		s.refuse(w, r, http.StatusNotFound, "There is no figure "+key+" to confirm.")
		return
	}
	f := snap.figures[i]
	c := foiwire.Correction{
		Key: key, Authority: f.Authority, Confirm: true, Value: f.Value, Status: f.Status,
		Was: foiwire.FigureValue(f.Value, f.Status), Note: strings.TrimSpace(r.PostFormValue("note")), By: whoFrom(r.Context()).Name,
		Version: seenVersion(r),
	}
	s.saveCorrection(w, r, c, "confirmed")
}

func (s *Server) correctFigure(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	key := r.PostFormValue("key")
	i, ok := snap.figureAt(key, r.PostFormValue("force"))
	if !ok {
		s.refuse(w, r, http.StatusNotFound, "There is no figure "+key+" to correct.")
		return
	}
	f := snap.figures[i]
	c := foiwire.Correction{
		Key: key, Authority: f.Authority, Status: foiwire.Status(r.PostFormValue("status")),
		Was: foiwire.FigureValue(f.Value, f.Status), Note: strings.TrimSpace(r.PostFormValue("note")), By: whoFrom(r.Context()).Name,
		Version: seenVersion(r),
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
func (s *Server) saveCorrection(w http.ResponseWriter, r *http.Request, c foiwire.Correction, msg string) {
	// A browser that gives up waiting (the rebuild takes a while) must not
	// cancel the correction half-way: the write and the rebuild after it
	// run to the end whatever happens to the connection.
	ctx, cancel := detached(r.Context())
	defer cancel()
	if _, err := s.cfg.DB.AddCorrection(ctx, c); err != nil {
		if errors.Is(err, foiwire.ErrBadCorrection) {
			s.showFigure(w, r, http.StatusUnprocessableEntity, c.Key, strings.TrimPrefix(err.Error(), "correct figure "+c.Key+": "), r.PostForm)
			return
		}
		if errors.Is(err, foiwire.ErrConflict) {
			// Someone else corrected the figure since this editor opened
			// it: show what is stored now, keep what they typed, store nothing.
			if rerr := s.rebuild(r.Context()); rerr != nil {
				s.serverError(w, r, rerr)
				return
			}
			s.showFigure(w, r, http.StatusConflict, c.Key, "Someone else corrected this figure while you had it open, so your change was not saved. "+
				"Their correction is in the history below; look at it, then send yours again if it still stands.", r.PostForm)
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.cfg.Log.Info("figure "+msg, "key", c.Key, "by", c.By, "value", foiwire.FigureValue(c.Value, c.Status))
	if err := s.rebuild(ctx); err != nil {
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

// seenVersion is the version after the correction the editor saw: a
// correction made from the page is stored only if it is still the next.
// A form without one is 0, which adds after whatever is latest.
func seenVersion(r *http.Request) int {
	n, err := strconv.Atoi(r.PostFormValue("seen"))
	if err != nil || n < 0 {
		return 0
	}
	return n + 1
}

// figureAt finds a figure by its key and, when given, its force: two
// forces that filed identical replies have figures with the same key.
func (s *snapshot) figureAt(key, force string) (int, bool) {
	if force != "" {
		i, ok := s.byKey[force+"|"+key]
		return i, ok
	}
	i, ok := s.byKey[key]
	return i, ok
}
