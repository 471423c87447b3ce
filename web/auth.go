package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// access says who may use a route.
type access int

const (
	public access = iota // anyone: the sign-in page and the stylesheet
	viewer               // anyone signed in, or holding an API token
	editor               // signed-in editors only
)

// route is one entry of the app's routing table. The table is what the
// tests walk to prove nothing but sign-in is open.
type route struct {
	pattern string // a net/http pattern: "GET /forces/{id}"
	access  access
	h       http.HandlerFunc
}

// who is the person behind a request.
type who struct {
	foiwire.User
	// Session is nil for a request made with an API token.
	Session *foiwire.Session
}

// API reports whether the request came with an API token rather than a
// browser session.
func (w who) API() bool { return w.Session == nil }

// SeesEmbargoed reports whether stories under embargo may be shown:
// only to editors in the app, never to API tokens, which feed machines.
func (w who) SeesEmbargoed() bool { return w.CanEdit() && !w.API() }

type whoKey struct{}

func whoFrom(ctx context.Context) who {
	w, _ := ctx.Value(whoKey{}).(who)
	return w
}

const (
	csrfField  = "csrf"
	csrfHeader = "X-CSRF-Token"
)

func (s *Server) sessionCookie() string {
	// The __Host- prefix makes a browser refuse the cookie unless it is
	// Secure, host-only and for the whole site.
	if s.cfg.InsecureCookies {
		return "foiwire_session"
	}
	return "__Host-foiwire_session"
}

func (s *Server) loginCookie() string {
	if s.cfg.InsecureCookies {
		return "foiwire_login"
	}
	return "__Host-foiwire_login"
}

// guard wraps a route's handler with what its access needs: a session or
// a token, the right role, and on every POST from a browser the session's
// CSRF token.
func (s *Server) guard(rt route) http.Handler {
	if rt.access == public {
		return rt.h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, ok := s.identify(w, r)
		if !ok {
			return
		}
		// Catching up with other servers' changes serves every request
		// after this one too: a browser that has gone must not stop it,
		// nor the write this request may carry.
		ctx, cancel := detached(r.Context())
		err := s.catchUp(ctx)
		cancel()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if r.Method == http.MethodPost && u.Session != nil {
			sent := r.Header.Get(csrfHeader)
			if sent == "" && !isAPI(r) {
				sent = r.PostFormValue(csrfField)
			}
			if !foiwire.SameToken(sent, u.Session.CSRF) {
				s.refuse(w, r, http.StatusForbidden, "This form has expired or did not come from this site. Go back, reload the page and try again.")
				return
			}
		}
		if rt.access == editor && (!u.CanEdit() || u.API()) {
			s.refuse(w, r, http.StatusForbidden, "Only editors can change this. You are signed in as a viewer.")
			return
		}
		rt.h(w, r.WithContext(context.WithValue(r.Context(), whoKey{}, u)))
	})
}

// identify finds the user behind a request, or answers it: to a browser
// with the sign-in page, to the API with 401.
func (s *Server) identify(w http.ResponseWriter, r *http.Request) (who, bool) {
	if isAPI(r) {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			u, err := s.lookupToken(r, strings.TrimSpace(tok))
			if err == nil {
				return u, true
			}
			if !errors.Is(err, foiwire.ErrNoSession) {
				s.serverError(w, r, err)
				return who{}, false
			}
		}
	}
	if c, err := r.Cookie(s.sessionCookie()); err == nil {
		u, err := s.lookupSession(r, c.Value)
		if err == nil {
			return u, true
		}
		if !errors.Is(err, foiwire.ErrNoSession) {
			s.serverError(w, r, err)
			return who{}, false
		}
	}
	if isAPI(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="foiwire"`)
		writeJSONError(w, http.StatusUnauthorized, "sign in, or send an API token as 'Authorization: Bearer fw_…' (make one with: foiwire user token NAME)")
		return who{}, false
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.refuse(w, r, http.StatusForbidden, "You are not signed in.")
		return who{}, false
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	return who{}, false
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// refuse answers a request that may not go ahead.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if isAPI(r) {
		writeJSONError(w, code, msg)
		return
	}
	s.render(w, r, code, "message", messagePage{page: s.page(r, "Not allowed"), Message: msg})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		writeJSONError(w, http.StatusNotFound, "no such thing: "+r.URL.Path)
		return
	}
	s.render(w, r, http.StatusNotFound, "message", messagePage{page: s.page(r, "Not found"), Message: "There is nothing at " + r.URL.Path + "."})
}

// loginPage is the sign-in form.
type loginPage struct {
	page
	Next  string
	Name  string
	Error string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.showLogin(w, r, http.StatusOK, r.URL.Query().Get("next"), "", "")
}

// showLogin renders the sign-in form with a pre-session CSRF token, sent
// both as a cookie and in the form: a forged form cannot know it. A browser
// that already holds one keeps it, so two sign-in tabs both work.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, code int, next, name, msg string) {
	tok := randomString()
	if c, err := r.Cookie(s.loginCookie()); err == nil && len(c.Value) == len(tok) {
		tok = c.Value
	}
	http.SetCookie(w, &http.Cookie{
		Name: s.loginCookie(), Value: tok, Path: "/", HttpOnly: true, Secure: !s.cfg.InsecureCookies,
		SameSite: http.SameSiteStrictMode, MaxAge: 3600,
	})
	p := s.page(r, "Sign in")
	p.CSRF = tok
	s.render(w, r, code, "login", loginPage{page: p, Next: localPath(next, "/"), Name: name, Error: msg})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.PostFormValue("next"), "/")
	c, err := r.Cookie(s.loginCookie())
	if err != nil || !foiwire.SameToken(c.Value, r.PostFormValue(csrfField)) {
		s.showLogin(w, r, http.StatusForbidden, next, "", "The sign-in form had expired. Please try again.")
		return
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	addr := clientAddress(r)
	// The limit is checked before the password, so guesses past it learn
	// nothing, and counted for names with no account alike, so it does not
	// tell which names exist.
	if wait := s.logins.wait(limitName(name), addr, s.cfg.Now()); wait > 0 {
		mins := int(wait.Round(time.Minute) / time.Minute)
		s.cfg.Log.Warn("sign-in limited", "name", name, "remote", addr, "wait", wait)
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		s.showLogin(w, r, http.StatusTooManyRequests, next, name,
			fmt.Sprintf("Too many failed sign-ins for this name or from this address. Try again in %d minutes.", max(mins, 1)))
		return
	}
	u, err := s.cfg.DB.Authenticate(r.Context(), name, r.PostFormValue("password"))
	if errors.Is(err, foiwire.ErrBadLogin) {
		s.logins.fail(limitName(name), addr, s.cfg.Now())
		s.cfg.Log.Warn("sign-in refused", "name", name, "remote", addr)
		s.showLogin(w, r, http.StatusUnauthorized, next, name, "That name and password do not match.")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.logins.succeed(limitName(name))
	sess, err := s.cfg.DB.NewSession(r.Context(), u.Name, s.cfg.SessionTTL)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: s.loginCookie(), Value: "", Path: "/", MaxAge: -1, Secure: !s.cfg.InsecureCookies, HttpOnly: true})
	http.SetCookie(w, &http.Cookie{
		Name: s.sessionCookie(), Value: sess.Token, Path: "/", HttpOnly: true, Secure: !s.cfg.InsecureCookies,
		SameSite: http.SameSiteLaxMode, Expires: sess.Expires,
	})
	s.cfg.Log.Info("signed in", "user", u.Name, "role", u.Role)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	u := whoFrom(r.Context())
	s.creds.drop("s:" + u.Session.Token)
	if err := s.cfg.DB.EndSession(r.Context(), u.Session.Token); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookie(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login?msg=signed-out", http.StatusSeeOther)
}
