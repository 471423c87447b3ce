package web

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/sqlite"
)

// clock is a settable clock for embargo tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// fixture is a server over a copy of a campaign, with an editor, a viewer
// and a viewer's API token.
type fixture struct {
	srv   *Server
	db    testStore
	dir   string
	clock *clock
	token string
}

const (
	editorPass = "editor-password-1"
	viewerPass = "viewer-password-1"
)

// testStore is a store whose clock a test sets and whose tables it reads.
type testStore interface {
	Store
	SetNow(func() time.Time)
	SQL() *sql.DB
}

// newFixture copies the campaign at src to a temporary directory (so the
// build never writes into the source tree) and serves it from an SQLite
// database in the copy.
func newFixture(t testing.TB, src string) *fixture {
	t.Helper()
	return newFixtureOn(t, src, func(dir string) testStore {
		db, err := sqlite.Open(context.Background(), filepath.Join(dir, "foiwire.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// newFixtureOn is newFixture with the store open gives for the copy.
func newFixtureOn(t testing.TB, src string, open func(dir string) testStore) *fixture {
	t.Helper()
	ctx := context.Background()
	// The build's outputs and database are made afresh in the copy.
	dir := testenv.CopyDir(t, src, func(rel string) bool { return rel == "out" || strings.HasPrefix(rel, "foiwire.db") })
	db := open(dir)
	clk := &clock{t: time.Date(2024, 8, 1, 9, 0, 0, 0, time.UTC)}
	db.SetNow(clk.Now)
	for _, u := range []struct {
		name string
		role foiwire.Role
		pass string
	}{{"amira", foiwire.RoleEditor, editorPass}, {"vic", foiwire.RoleViewer, viewerPass}} {
		if _, err := db.AddUser(ctx, u.name, u.role, u.pass); err != nil {
			t.Fatal(err)
		}
	}
	tok, err := db.NewAPIToken(ctx, "vic", "tests")
	if err != nil {
		t.Fatal(err)
	}
	// Sessions outlive the embargo tests, which move the clock by days.
	srv, err := New(ctx, Config{Dir: dir, DB: db, Now: clk.Now, SessionTTL: 30 * 24 * time.Hour, CatchUpEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{srv: srv, db: db, dir: dir, clock: clk, token: tok}
}

// session is a signed-in browser in a handler test.
type session struct {
	t       testing.TB
	f       *fixture
	cookies map[string]*http.Cookie
}

func (f *fixture) anonymous(t testing.TB) *session {
	return &session{t: t, f: f, cookies: map[string]*http.Cookie{}}
}

// signIn goes through the sign-in form as a browser would.
func (f *fixture) signIn(t testing.TB, name, pass string) *session {
	t.Helper()
	s := f.anonymous(t)
	form := s.get("/login")
	if form.Code != http.StatusOK {
		t.Fatalf("GET /login: %d", form.Code)
	}
	res := s.post("/login", url.Values{"name": {name}, "password": {pass}, "csrf": {csrfIn(t, form.Body.String())}, "next": {"/"}})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/" {
		t.Fatalf("sign in as %s: %d %s\n%s", name, res.Code, res.Header().Get("Location"), res.Body)
	}
	return s
}

func (s *session) do(r *http.Request) *httptest.ResponseRecorder {
	for _, c := range s.cookies {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	s.f.srv.ServeHTTP(w, r)
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(s.cookies, c.Name)
		} else {
			s.cookies[c.Name] = c
		}
	}
	return w
}

func (s *session) get(path string) *httptest.ResponseRecorder {
	return s.do(httptest.NewRequest(http.MethodGet, path, nil))
}

func (s *session) post(path string, form url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(r)
}

// csrf returns the session's CSRF token as the pages give it.
func (s *session) csrf() string {
	s.t.Helper()
	return csrfIn(s.t, s.get("/").Body.String())
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfIn(t testing.TB, page string) string {
	t.Helper()
	m := csrfInput.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF field in the page:\n%s", page)
	}
	return m[1]
}

func apiGet(f *fixture, path, token string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, r)
	return w
}

func readAll(t testing.TB, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
