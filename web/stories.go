package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	if !fv.Story.Written {
		s.refuse(w, r, http.StatusConflict, "This story's files were not written, so there is nothing to approve for download.")
		return
	}
	u := whoFrom(r.Context())
	// The approval and the files it binds are written whatever happens to
	// the browser's connection meanwhile.
	ctx, cancel := detached(r.Context())
	defer cancel()
	if err := s.cfg.DB.SaveApprovedFiles(ctx, fv.ID, fv.Story.Hash, fv.Story.Files); err != nil {
		s.serverError(w, r, err)
		return
	}
	rv := (*s.reviews.Load())[fv.ID]
	if err := saveApproval(ctx, s.cfg.DB, rv, fv.ID, fv.Story.Hash, u.Name, s.cfg.Now(), reviewVersion(r, rv.Version)); err != nil {
		s.reviewConflict(w, r, err)
		return
	}
	if err := s.reloadReviews(ctx); err != nil {
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
	ctx, cancel := detached(r.Context())
	defer cancel()
	rv := (*s.reviews.Load())[fv.ID]
	if err := saveEmbargo(ctx, s.cfg.DB, rv, fv.ID, until, u.Name, s.cfg.Now(), reviewVersion(r, rv.Version)); err != nil {
		s.reviewConflict(w, r, err)
		return
	}
	if err := s.reloadReviews(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.cfg.Log.Info("embargo set", "force", fv.ID, "until", until, "by", u.Name)
	http.Redirect(w, r, withMsg("/stories/"+url.PathEscape(fv.ID), msg), http.StatusSeeOther)
}

// storyFiles are the files story.Publish writes for a force, in the zip.
var storyFiles = []string{"story.md", "story.html", "story.json", "chart.svg", "chart.png"}

// storyZip sends a story's files with a note of its approval and embargo.
// The files are never read from OUT at the time of the download, which a
// later build may have rewritten: an approved story's are the bytes kept
// when it was approved; a draft's are those its snapshot was built with,
// marked not approved. A story changed since its approval is refused, with
// the way to the approved version (?version=approved) or to approving the
// new one.
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
	rv := (*s.reviews.Load())[fv.ID]
	wantApproved := r.URL.Query().Get("version") == "approved"
	var files []foiwire.StoryFile
	status := []string{fv.Name + ": " + st.Label}
	switch {
	case st.Key == "approved" || (st.Key == "changed" || st.Key == "refused") && wantApproved && rv.ApprovedHash != "":
		kept, err := s.cfg.DB.ApprovedFiles(r.Context(), fv.ID, rv.ApprovedHash)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(kept) == 0 {
			s.refuse(w, r, http.StatusConflict, "The approved version's files were not kept (it was approved by an older foiwire). Read the story and approve it again.")
			return
		}
		files = kept
		status[0] = fv.Name + ": Approved"
		status = append(status, fmt.Sprintf("Approved by %s on %s", rv.ApprovedBy, inLondon(rv.ApprovedAt).Format("2 January 2006 at 15:04 MST")))
		if st.Key != "approved" {
			status = append(status, "This is the approved version. The story has changed since; the new version is not approved.")
		}
	case st.Key == "changed" || st.Key == "refused" && rv.ApprovedHash != "":
		s.refuse(w, r, http.StatusConflict, fmt.Sprintf("The story changed after %s approved it, so no download holds both. "+
			"Read the new version and approve it, or download the version approved on %s from /stories/%s/download?version=approved.",
			rv.ApprovedBy, inLondon(rv.ApprovedAt).Format("2 January 2006"), url.PathEscape(fv.ID)))
		return
	case !fv.Story.Written:
		s.refuse(w, r, http.StatusConflict, "The self-check refused this story, so it has no files to download.")
		return
	default:
		files = fv.Story.Files
		status = append(status, "NOT APPROVED: no editor has approved this version.")
	}
	if !st.Embargo.IsZero() {
		status = append(status, "EMBARGOED UNTIL "+strings.ToUpper(inLondon(st.Embargo).Format("15:04 MST on 2 January 2006")))
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		zf, err := zw.CreateHeader(&zip.FileHeader{Name: fv.ID + "/" + f.Name, Method: zip.Deflate, Modified: snap.built})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		zf.Write(f.Data)
	}
	zf, err := zw.Create(fv.ID + "/STATUS.txt")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	zf.Write([]byte(strings.Join(status, "\n") + "\n"))
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
