package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/claims"
)

//go:embed openapi.json
var openAPIDoc []byte

// maxCheckBytes bounds the article text POST /api/v1/check reads.
const maxCheckBytes = 1 << 20

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		writeJSONError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSONBytes(w, code, b)
}

func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("cannot encode the answer: %w", err)
	}
	return b.Bytes(), nil
}

func writeJSONBytes(w http.ResponseWriter, code int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(b)
}

// writeCachedJSON answers with v, encoded once per snapshot under key.
func writeCachedJSON(w http.ResponseWriter, c *renderCache, key string, v func() any) {
	b, err := c.cached("api|"+key, func() ([]byte, error) { return encodeJSON(v()) })
	if err != nil {
		writeJSONError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSONBytes(w, http.StatusOK, b)
}

// apiError is the body of every API error.
type apiError struct {
	Error string `json:"error"`
}

func writeJSONError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(apiError{Error: msg})
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
}

type apiAuthority struct {
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	ShortName     string      `json:"short_name"`
	ReplyReceived *time.Time  `json:"reply_received"`
	Files         int         `json:"reply_files"`
	Problems      int         `json:"problems"`
	Figures       int         `json:"figures"`
	ToReview      int         `json:"to_review"`
	Story         apiState    `json:"story"`
	Request       *apiRequest `json:"request"`
}

// apiRequest is where the force's request stands today.
type apiRequest struct {
	Reference string       `json:"reference"`
	State     string       `json:"state"`
	Due       foiwire.Date `json:"due"`
	DaysLate  int          `json:"days_late"`
}

type apiState struct {
	State      string     `json:"state"`
	Label      string     `json:"label"`
	ApprovedBy string     `json:"approved_by,omitempty"`
	ApprovedAt *time.Time `json:"approved_at,omitempty"`
	Embargo    *time.Time `json:"embargo,omitempty"`
	Embargoed  bool       `json:"embargoed"`
}

func stateJSON(st storyState) apiState {
	a := apiState{State: st.Key, Label: st.Label, ApprovedBy: st.ApprovedBy, Embargoed: st.Embargoed}
	if !st.ApprovedAt.IsZero() {
		a.ApprovedAt = &st.ApprovedAt
	}
	if !st.Embargo.IsZero() {
		a.Embargo = &st.Embargo
	}
	return a
}

func (s *Server) apiAuthorities(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	out := make([]apiAuthority, 0, len(snap.forces))
	for _, fv := range snap.forces {
		a := apiAuthority{ID: fv.ID, Name: fv.Name, ShortName: fv.ShortName, Files: len(fv.Arrivals), Problems: len(fv.Problems),
			Figures: len(fv.Figures), ToReview: fv.ToReview, Story: stateJSON(s.storyState(snap, fv))}
		if t := fv.Received(); !t.IsZero() {
			a.ReplyReceived = &t
		}
		if rs := s.requestState(fv); rs.Label != "" {
			a.Request = &apiRequest{Reference: rs.Reference, State: string(rs.State), Due: rs.Due, DaysLate: rs.DaysLate}
		}
		out = append(out, a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"campaign": snap.campaign.Slug, "authorities": out})
}

// apiFigure is a figure with the key corrections are filed under.
type apiFigure struct {
	Key string `json:"key"`
	foiwire.Figure
}

// authorityParam reads ?authority=, answering 404 for one the campaign does
// not know. allowNational lets "national" through for facts.
func (s *Server) authorityParam(w http.ResponseWriter, r *http.Request, snap *snapshot, allowNational bool) (string, bool) {
	id := r.URL.Query().Get("authority")
	if id == "" || (allowNational && id == foiwire.National) {
		return id, true
	}
	if _, ok := snap.byID[id]; !ok {
		writeJSONError(w, http.StatusNotFound, "no authority "+id+" in this campaign (see /api/v1/authorities)")
		return "", false
	}
	return id, true
}

func (s *Server) apiFigures(w http.ResponseWriter, r *http.Request) {
	c := s.cache.Load() // before the snapshot: see renderCache.cached
	snap := s.snap.Load()
	id, ok := s.authorityParam(w, r, snap, false)
	if !ok {
		return
	}
	writeCachedJSON(w, c, "figures|"+id, func() any {
		out := []apiFigure{}
		for _, f := range snap.figures {
			if id == "" || f.Authority == id {
				out = append(out, apiFigure{Key: f.Key(), Figure: f})
			}
		}
		return map[string]any{"figures": out}
	})
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	out := []apiFigure{}
	for _, i := range snap.review {
		out = append(out, apiFigure{Key: snap.figures[i].Key(), Figure: snap.figures[i]})
	}
	writeJSON(w, http.StatusOK, map[string]any{"figures": out})
}

func (s *Server) apiFacts(w http.ResponseWriter, r *http.Request) {
	c := s.cache.Load() // before the snapshot: see renderCache.cached
	snap := s.snap.Load()
	id, ok := s.authorityParam(w, r, snap, true)
	if !ok {
		return
	}
	writeCachedJSON(w, c, "facts|"+id, func() any {
		out := []foiwire.Fact{}
		for _, f := range snap.facts {
			if id == "" || f.Authority == id {
				out = append(out, f)
			}
		}
		return map[string]any{"facts": out}
	})
}

// apiStory is a story as the API gives it: each piece of text with the
// facts its numbers come from.
type apiStory struct {
	Authority  string     `json:"authority"`
	State      apiState   `json:"state"`
	Version    string     `json:"version"`
	Headline   apiText    `json:"headline"`
	Standfirst apiText    `json:"standfirst"`
	Blocks     []apiBlock `json:"blocks"`
	ChartAlt   string     `json:"chart_alt,omitempty"`
	Refusals   []string   `json:"refusals,omitempty"`
}

type apiText struct {
	Text  string    `json:"text"`
	Links []apiLink `json:"links"`
}

// apiLink ties the bytes Text[Offset:Offset+len(Number)] to a fact.
type apiLink struct {
	Offset int    `json:"offset"`
	Number string `json:"number"`
	Fact   string `json:"fact"`
}

type apiBlock struct {
	Kind string `json:"kind"`
	apiText
	Quote *foiwire.Quote `json:"quote,omitempty"`
}

func textJSON(segs []segment) apiText {
	t := apiText{Links: []apiLink{}}
	var b strings.Builder
	for _, sg := range segs {
		if sg.Fact != "" {
			t.Links = append(t.Links, apiLink{Offset: b.Len(), Number: sg.Text, Fact: sg.Fact})
		}
		b.WriteString(sg.Text)
	}
	t.Text = b.String()
	return t
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	fv, ok := snap.byID[r.PathValue("authority")]
	if !ok || fv.Story == nil {
		writeJSONError(w, http.StatusNotFound, "no story for "+r.PathValue("authority"))
		return
	}
	st := s.storyState(snap, fv)
	if !st.visible(whoFrom(r.Context())) {
		writeJSONError(w, http.StatusForbidden, "the story is under embargo until "+st.Embargo.Format(time.RFC3339))
		return
	}
	sv := fv.Story
	out := apiStory{Authority: fv.ID, State: stateJSON(st), Version: sv.Hash, Headline: textJSON(sv.Headline),
		Standfirst: textJSON(sv.Standfirst), ChartAlt: sv.ChartAlt, Blocks: []apiBlock{}}
	for _, b := range sv.Blocks {
		ab := apiBlock{Kind: string(b.Kind), apiText: textJSON(b.Text)}
		if b.Quote.Text != "" {
			q := b.Quote
			ab.Quote = &q
		}
		out.Blocks = append(out.Blocks, ab)
	}
	out.Refusals = sv.Refusals
	writeJSON(w, http.StatusOK, out)
}

// checkRequest is the body of POST /api/v1/check.
type checkRequest struct {
	Text      string `json:"text"`
	Authority string `json:"authority"`
	Published string `json:"published"`
}

func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	var req checkRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCheckBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeJSONError(w, http.StatusRequestEntityTooLarge, "the article is over 1 MB")
			return
		}
		writeJSONError(w, http.StatusBadRequest, "body: want {\"text\": \"…\", \"authority\": \"…\", \"published\": \"2024-08-05\"}: "+err.Error())
		return
	}
	if strings.TrimSpace(req.Text) == "" {
		writeJSONError(w, http.StatusBadRequest, "text: give the article's text or HTML")
		return
	}
	if req.Authority != "" {
		if _, ok := snap.byID[req.Authority]; !ok {
			writeJSONError(w, http.StatusBadRequest, "authority: no "+req.Authority+" in this campaign")
			return
		}
	}
	pub, err := foiwire.ParseDate(req.Published)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, "published: "+err.Error())
		return
	}
	if pub.IsZero() {
		pub = foiwire.DateOf(s.cfg.Now())
	}
	opt := claims.Options{Registry: snap.reg, Subject: req.Authority, Published: pub, Periods: snap.periods()}
	checks := claims.CheckText(req.Text, snap.facts, opt)
	if checks == nil {
		checks = []foiwire.Check{}
	}
	counts := map[foiwire.Verdict]int{}
	for _, c := range checks {
		counts[c.Verdict]++
	}
	writeJSON(w, http.StatusOK, map[string]any{"checks": checks, "verdicts": counts})
}
