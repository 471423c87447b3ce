package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// okStatus fails t when a form's answer is a server error or a redirect
// off the site.
func okStatus(t *testing.T, what string, w *httptest.ResponseRecorder, allowed ...int) {
	t.Helper()
	ok := false
	for _, c := range allowed {
		ok = ok || w.Code == c
	}
	if !ok {
		t.Fatalf("%s: status %d\n%s", what, w.Code, w.Body)
	}
	if loc := w.Header().Get("Location"); loc != "" && browserHost(loc) != "127.0.0.1:8080" {
		t.Fatalf("%s: redirected to %q, off the site", what, loc)
	}
}

func FuzzLoginForm(f *testing.F) {
	fx := newFixture(f, "testdata/campaign")
	f.Add("amira", editorPass, "/forces/kent", true)
	f.Add("amira", "wrong", "/./\\evil.example", true)
	f.Add("", "", "", false)
	f.Add("vic\x00", viewerPass, "//evil.example", true)
	f.Add(strings.Repeat("é", 300), "p", "/%2F%2Fx", true)
	f.Fuzz(func(t *testing.T, name, pass, next string, withToken bool) {
		s := fx.anonymous(t)
		form := url.Values{"name": {name}, "password": {pass}, "next": {next}}
		if withToken {
			form.Set("csrf", csrfIn(t, s.get("/login").Body.String()))
		}
		w := s.post("/login", form)
		okStatus(t, "sign in", w, http.StatusSeeOther, http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests)
		signedIn := w.Code == http.StatusSeeOther
		real := strings.TrimSpace(name) == "amira" && pass == editorPass || strings.TrimSpace(name) == "vic" && pass == viewerPass
		if signedIn && (!real || !withToken) {
			t.Fatalf("signed in as %q with password %q (token %v)", name, pass, withToken)
		}
		if _, has := s.cookies[fx.srv.sessionCookie()]; has != signedIn {
			t.Fatalf("session cookie %v after status %d", has, w.Code)
		}
	})
}

func FuzzCorrectionForm(f *testing.F) {
	fx := newFixture(f, "testdata/campaign")
	s := fx.signIn(f, "amira", editorPass)
	csrf := s.csrf()
	key := fx.srv.snap.Load().figures[0].Key()
	f.Add(key, "12", "ok", "a note", "/forces/kent", false)
	f.Add(key, "", "suppressed", "", "", true)
	f.Add(key, "1,2,3", "ok", "", "/./\\evil.example", false)
	f.Add(key, "-5", "refused", "\x00", "//x", false)
	f.Add("no-such-key", "9999999999999999999999", "weird", "", "", false)
	f.Fuzz(func(t *testing.T, key, value, status, note, next string, confirm bool) {
		form := url.Values{"csrf": {csrf}, "key": {key}, "value": {value}, "status": {status}, "note": {note}, "next": {next}}
		path := "/figure/correct"
		if confirm {
			path = "/figure/confirm"
		}
		w := s.post(path, form)
		okStatus(t, path, w, http.StatusSeeOther, http.StatusNotFound, http.StatusUnprocessableEntity)
	})
}

func FuzzApprovalForm(f *testing.F) {
	fx := newFixture(f, "testdata/campaign")
	s := fx.signIn(f, "amira", editorPass)
	csrf := s.csrf()
	hash := fx.srv.snap.Load().byID["dorset"].Story.Hash
	f.Add("dorset", hash, "2024-08-05T00:01", "")
	f.Add("dorset", "stale", "", "1")
	f.Add("kent", "", "not a date", "")
	f.Add("../etc", "\x00", "2024-13-45T99:99", "")
	f.Fuzz(func(t *testing.T, id, version, until, clear string) {
		p := "/stories/" + url.PathEscape(id)
		w := s.post(p+"/approve", url.Values{"csrf": {csrf}, "version": {version}})
		// The mux sends "/stories/./approve" to its clean path.
		okStatus(t, "approve", w, http.StatusSeeOther, http.StatusConflict, http.StatusNotFound, http.StatusTemporaryRedirect)
		if w.Code == http.StatusSeeOther && version != fx.srv.snap.Load().byID[id].Story.Hash {
			t.Fatalf("approved %s version %q, which is not the story's", id, version)
		}
		w = s.post(p+"/embargo", url.Values{"csrf": {csrf}, "until": {until}, "clear": {clear}})
		okStatus(t, "embargo", w, http.StatusSeeOther, http.StatusUnprocessableEntity, http.StatusNotFound, http.StatusTemporaryRedirect)
	})
}

func FuzzAPICheck(f *testing.F) {
	fx := newFixture(f, "testdata/campaign")
	f.Add([]byte(`{"text": "Kent Police recorded 31 offences in 2023/24, up from 14.", "authority": "kent", "published": "2024-08-05"}`))
	f.Add([]byte(`{"text": "<p>Police recorded <b>twice</b> as many</p>"}`))
	f.Add([]byte(`{"text": ""}`))
	f.Add([]byte(`{"text": "x", "authority": "atlantis"}`))
	f.Add([]byte(`{"text": "x", "published": "5 August"}`))
	f.Add([]byte(`{"text": "x", "extra": 1}`))
	f.Add([]byte(`[1,2`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/check", bytes.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+fx.token)
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		fx.srv.ServeHTTP(w, r)
		okStatus(t, "check", w, http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge)
		var got map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("answer is not JSON: %v\n%s", err, w.Body)
		}
		if w.Code == http.StatusOK {
			if _, ok := got["checks"].([]any); !ok {
				t.Fatalf("no checks list: %s", w.Body)
			}
		} else if _, ok := got["error"]; !ok {
			t.Fatalf("an error without a message: %s", w.Body)
		}
	})
}
