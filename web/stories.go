package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// storiesPage lists every force's story with where it stands.
type storiesPage struct {
	page
	Rows []storyRow
}

type storyRow struct {
	ID, Name string
	Headline string // "" when the reader may not see it yet
	State    storyState
	HasStory bool
	NoStory  string
}

func (s *Server) storiesPage(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	u := whoFrom(r.Context())
	p := storiesPage{page: s.page(r, "Stories")}
	p.Section = "stories"
	for _, fv := range snap.forces {
		row := storyRow{ID: fv.ID, Name: fv.Name, State: s.storyState(snap, fv), HasStory: fv.Story != nil, NoStory: fv.NoStory}
		if fv.Story != nil && row.State.visible(u) {
			row.Headline = plain(fv.Story.Headline)
		}
		if row.HasStory || len(fv.Figures) > 0 {
			p.Rows = append(p.Rows, row)
		}
	}
	s.render(w, r, http.StatusOK, "stories", p)
}

func plain(segs []segment) string {
	var b strings.Builder
	for _, sg := range segs {
		b.WriteString(sg.Text)
	}
	return b.String()
}

// storyPage is one story with its facts, approval and embargo.
type storyPage struct {
	page
	Force     *forceView
	State     storyState
	Text      *storyText
	Facts     []factRow
	National  []factRow
	HasChart  bool
	Withheld  bool   // under embargo for this reader
	EmbargoIn string // the embargo for the form, as datetime-local wants it
}

func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	fv, ok := snap.byID[r.PathValue("id")]
	if !ok || fv.Story == nil {
		s.notFound(w, r)
		return
	}
	p := storyPage{page: s.page(r, "Story · "+fv.Name), Force: fv, State: s.storyState(snap, fv), HasChart: fv.ChartSVG != nil}
	p.Section = "stories"
	if !p.State.visible(whoFrom(r.Context())) {
		p.Withheld = true
		s.render(w, r, http.StatusForbidden, "story", p)
		return
	}
	p.Text = snap.storyText(fv.Story, "")
	for _, i := range fv.Facts {
		p.Facts = append(p.Facts, snap.factRow(i, fv.ID))
	}
	p.National = snap.usedNational(fv.Story, fv.ID)
	if !p.State.Embargo.IsZero() {
		p.EmbargoIn = inLondon(p.State.Embargo).Format("2006-01-02T15:04")
	}
	s.render(w, r, http.StatusOK, "story", p)
}

func (s *Server) approveStory(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	fv, ok := snap.byID[r.PathValue("id")]
	if !ok || fv.Story == nil {
		s.notFound(w, r)
		return
	}
	// The form names the version the editor read; if a correction has
	// changed the story since, approving would approve words unseen.
	if r.PostFormValue("version") != fv.Story.Hash {
		s.refuse(w, r, http.StatusConflict, "The story changed after you opened it. Read it again before approving.")
		return
	}
	if len(fv.Story.Refusals) > 0 {
		s.refuse(w, r, http.StatusConflict, "The self-check refused this story; correct the figures behind it first.")
		return
	}
	u := whoFrom(r.Context())
	rv := (*s.reviews.Load())[fv.ID]
	if err := saveApproval(r.Context(), s.cfg.DB, rv, fv.ID, fv.Story.Hash, u.Name, s.cfg.Now(), reviewVersion(r, rv.Version)); err != nil {
		s.reviewConflict(w, r, err)
		return
	}
	if err := s.reloadReviews(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.cfg.Log.Info("story approved", "force", fv.ID, "by", u.Name)
	http.Redirect(w, r, withMsg("/stories/"+url.PathEscape(fv.ID), "approved"), http.StatusSeeOther)
}

func (s *Server) setEmbargo(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	fv, ok := snap.byID[r.PathValue("id")]
	if !ok || fv.Story == nil {
		s.notFound(w, r)
		return
	}
	var until time.Time
	msg := "embargo-cleared"
	if v := strings.TrimSpace(r.PostFormValue("until")); v != "" && r.PostFormValue("clear") == "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", v, london)
		if err != nil {
			s.refuse(w, r, http.StatusUnprocessableEntity, fmt.Sprintf("%q is not a date and time (want 2024-08-05T00:01).", v))
			return
		}
		until, msg = t, "embargo-set"
	}
	u := whoFrom(r.Context())
	rv := (*s.reviews.Load())[fv.ID]
	if err := saveEmbargo(r.Context(), s.cfg.DB, rv, fv.ID, until, u.Name, s.cfg.Now(), reviewVersion(r, rv.Version)); err != nil {
		s.reviewConflict(w, r, err)
		return
	}
	if err := s.reloadReviews(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.cfg.Log.Info("embargo set", "force", fv.ID, "until", until, "by", u.Name)
	http.Redirect(w, r, withMsg("/stories/"+url.PathEscape(fv.ID), msg), http.StatusSeeOther)
}

// storyFiles are the files story.Publish writes for a force, in the zip.
var storyFiles = []string{"story.md", "story.html", "story.json", "chart.svg", "chart.png"}

// storyZip sends the story's files as written under OUT, with a note of
// its approval and embargo.
func (s *Server) storyZip(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	fv, ok := snap.byID[r.PathValue("id")]
	if !ok || fv.Story == nil {
		s.notFound(w, r)
		return
	}
	st := s.storyState(snap, fv)
	if !st.visible(whoFrom(r.Context())) {
		s.refuse(w, r, http.StatusForbidden, "This story is under embargo until "+inLondon(st.Embargo).Format("15:04 MST on 2 January 2006")+".")
		return
	}
	if !fv.Story.Written {
		s.refuse(w, r, http.StatusConflict, "The self-check refused this story, so it has no files to download.")
		return
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range storyFiles {
		data, err := os.ReadFile(filepath.Join(snap.out, fv.ID, name))
		if err != nil {
			s.serverError(w, r, fmt.Errorf("story files for %s: %w", fv.ID, err))
			return
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: fv.ID + "/" + name, Method: zip.Deflate, Modified: snap.built})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		f.Write(data)
	}
	f, err := zw.Create(fv.ID + "/STATUS.txt")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	fmt.Fprintf(f, "%s: %s\n", fv.Name, st.Label)
	if st.Key == "approved" {
		fmt.Fprintf(f, "Approved by %s on %s\n", st.ApprovedBy, inLondon(st.ApprovedAt).Format("2 January 2006 at 15:04 MST"))
	}
	if !st.Embargo.IsZero() {
		fmt.Fprintf(f, "EMBARGOED UNTIL %s\n", strings.ToUpper(inLondon(st.Embargo).Format("15:04 MST on 2 January 2006")))
	}
	if err := zw.Close(); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-story.zip"`, fv.ID))
	w.Write(b.Bytes())
}

// reviewConflict answers a failed approval or embargo: when another editor
// changed the review first, it says so and shows nothing overwritten.
func (s *Server) reviewConflict(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, foiwire.ErrConflict) {
		s.serverError(w, r, err)
		return
	}
	if err := s.reloadReviews(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.refuse(w, r, http.StatusConflict, "Another editor changed this story's approval or embargo while you had it open; nothing was overwritten. Open the story again to see what they did.")
}
