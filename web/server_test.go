package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/request"
)

func testFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixture(t, "testdata/campaign")
}

// concrete fills a route pattern's wildcards with real values.
func concrete(f *fixture, pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	snap := f.srv.snap.Load()
	sha := snap.byID["dorset"].Arrivals[0].SHA256
	path = strings.NewReplacer("{id}", "dorset", "{authority}", "dorset", "{sha}", sha, "{file}", "style.css", "{$}", "").Replace(path)
	return method, path
}

func TestEveryRouteRefusesStrangers(t *testing.T) {
	f := testFixture(t)
	routes := append(f.srv.routeTable(), route{pattern: "GET /no/such/page", access: viewer}, route{pattern: "GET /api/v1/nothing", access: viewer})
	strangers := []struct {
		name  string
		setup func(*http.Request)
	}{
		{"no credentials", func(*http.Request) {}},
		{"made-up session", func(r *http.Request) {
			r.AddCookie(&http.Cookie{Name: f.srv.sessionCookie(), Value: "not-a-session"})
		}},
		{"made-up token", func(r *http.Request) { r.Header.Set("Authorization", "Bearer fw_not-a-token") }},
		{"token on a page", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+f.token) }},
	}
	checked := 0
	for _, rt := range routes {
		if rt.access == public {
			continue
		}
		method, path := concrete(f, rt.pattern)
		for _, st := range strangers {
			api := strings.HasPrefix(path, "/api/")
			if st.name == "token on a page" && api {
				continue // a token is meant to open the API
			}
			t.Run(rt.pattern+"/"+st.name, func(t *testing.T) {
				r := httptest.NewRequest(method, path, strings.NewReader("csrf=x"))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				st.setup(r)
				w := httptest.NewRecorder()
				f.srv.ServeHTTP(w, r)
				switch {
				case api && w.Code != http.StatusUnauthorized:
					t.Errorf("%s %s: %d, want 401", method, path, w.Code)
				case !api && method == http.MethodGet && (w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=")):
					t.Errorf("%s %s: %d to %q, want 303 to the sign-in page", method, path, w.Code, w.Header().Get("Location"))
				case !api && method == http.MethodPost && w.Code != http.StatusForbidden:
					t.Errorf("%s %s: %d, want 403", method, path, w.Code)
				}
				if strings.Contains(w.Body.String(), "Dorset") {
					t.Errorf("%s %s told a stranger about Dorset:\n%s", method, path, w.Body)
				}
			})
			checked++
		}
	}
	if checked < 3*20 {
		t.Fatalf("only %d route checks ran", checked)
	}
	// And the open doors stay open.
	for _, p := range []string{"/login", "/static/style.css"} {
		if w := f.anonymous(t).get(p); w.Code != http.StatusOK {
			t.Errorf("GET %s: %d, want 200", p, w.Code)
		}
	}
}

func TestSignedInSeesEveryPage(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "vic", viewerPass)
	snap := f.srv.snap.Load()
	fig := snap.figures[snap.byID["kent"].Figures[0]]
	for _, p := range []string{
		"/", "/forces/dorset", "/forces/kent", "/forces/dorset/chart.svg", "/review", "/stories", "/stories/kent",
		"/downloads", "/figure?key=" + url.QueryEscape(fig.Key()),
		"/forces/kent/replies/" + fig.Source.Document + "?t=0&r=1&c=1",
	} {
		w := s.get(p)
		if w.Code != http.StatusOK {
			t.Errorf("GET %s: %d\n%s", p, w.Code, w.Body)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("GET %s: CSP %q", p, csp)
		}
	}
	if w := s.get("/forces/nowhere"); w.Code != http.StatusNotFound {
		t.Errorf("unknown force: %d", w.Code)
	}
}

func TestSignIn(t *testing.T) {
	f := testFixture(t)
	t.Run("wrong password", func(t *testing.T) {
		s := f.anonymous(t)
		form := s.get("/login")
		w := s.post("/login", url.Values{"name": {"amira"}, "password": {"guess-guess-guess"}, "csrf": {csrfIn(t, form.Body.String())}})
		if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "do not match") {
			t.Fatalf("%d\n%s", w.Code, w.Body)
		}
		if _, ok := s.cookies[f.srv.sessionCookie()]; ok {
			t.Fatal("a wrong password got a session")
		}
	})
	t.Run("login form without its token", func(t *testing.T) {
		s := f.anonymous(t)
		s.get("/login")
		w := s.post("/login", url.Values{"name": {"amira"}, "password": {editorPass}, "csrf": {"forged"}})
		if w.Code != http.StatusForbidden {
			t.Fatalf("%d", w.Code)
		}
	})
	t.Run("cookie flags", func(t *testing.T) {
		s := f.signIn(t, "amira", editorPass)
		c := s.cookies[f.srv.sessionCookie()]
		if c == nil || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
			t.Fatalf("session cookie %+v", c)
		}
	})
	t.Run("next is kept, foreign next is not", func(t *testing.T) {
		for next, want := range map[string]string{"/forces/kent": "/forces/kent", "//evil.example/": "/", "https://evil.example/": "/"} {
			s := f.anonymous(t)
			form := s.get("/login?next=" + url.QueryEscape(next))
			w := s.post("/login", url.Values{"name": {"amira"}, "password": {editorPass}, "csrf": {csrfIn(t, form.Body.String())}, "next": {next}})
			if got := w.Header().Get("Location"); got != want {
				t.Errorf("next %q: sent to %q, want %q", next, got, want)
			}
		}
	})
	t.Run("sign out", func(t *testing.T) {
		s := f.signIn(t, "amira", editorPass)
		old := *s.cookies[f.srv.sessionCookie()]
		w := s.post("/logout", url.Values{"csrf": {s.csrf()}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("logout: %d", w.Code)
		}
		// Even a browser that kept the cookie is signed out.
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(&old)
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, r)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("old cookie after logout: %d", rec.Code)
		}
	})
}

func TestFormsNeedTheirCSRFToken(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	key := f.srv.snap.Load().figures[0].Key()
	for name, tok := range map[string]string{"missing": "", "wrong": "x" + s.csrf(), "another session's": f.signIn(t, "amira", editorPass).csrf()} {
		w := s.post("/figure/confirm", url.Values{"key": {key}, "csrf": {tok}})
		if w.Code != http.StatusForbidden {
			t.Errorf("%s token: %d, want 403", name, w.Code)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/figure/confirm", strings.NewReader(url.Values{"key": {key}, "csrf": {s.csrf()}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	if w := s.do(r); w.Code != http.StatusForbidden {
		t.Errorf("cross-site POST with a good token: %d, want 403", w.Code)
	}
	if cs, _ := f.db.Corrections(context.Background(), ""); len(cs) != 0 {
		t.Fatalf("refused forms stored %d corrections", len(cs))
	}
}

func TestViewersCannotChangeAnything(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "vic", viewerPass)
	snap := f.srv.snap.Load()
	key := snap.figures[0].Key()
	csrf := s.csrf()
	for _, rt := range f.srv.routeTable() {
		if rt.access != editor {
			continue
		}
		_, path := concrete(f, rt.pattern)
		w := s.post(path, url.Values{"csrf": {csrf}, "key": {key}, "value": {"3"}, "status": {"ok"},
			"version": {snap.byID["dorset"].Story.Hash}, "until": {"2030-01-01T00:00"}})
		if w.Code != http.StatusForbidden {
			t.Errorf("viewer POST %s: %d, want 403", path, w.Code)
		}
	}
	if cs, _ := f.db.Corrections(context.Background(), ""); len(cs) != 0 {
		t.Fatalf("a viewer stored %d corrections", len(cs))
	}
	if rv, _ := loadReviews(context.Background(), f.db); len(rv) != 0 {
		t.Fatalf("a viewer changed story reviews: %+v", rv)
	}
	if strings.Contains(s.get("/figure?key="+url.QueryEscape(key)).Body.String(), `action="/figure/correct"`) {
		t.Error("a viewer is shown the correction form")
	}
}

func TestCorrectionRebuildsFactsAndStory(t *testing.T) {
	f := testFixture(t)
	ctx := context.Background()
	s := f.signIn(t, "amira", editorPass)
	before := apiStoryText(t, f, "kent")
	snap := f.srv.snap.Load()
	var fig foiwire.Figure
	for _, i := range snap.byID["kent"].Figures {
		if snap.figures[i].Label == "2023/24*" {
			fig = snap.figures[i]
		}
	}
	if fig.Value == nil || *fig.Value != 41 || fig.Confidence != foiwire.ConfidenceReview {
		t.Fatalf("fixture: Kent's 2023/24 figure is %+v", fig)
	}
	reviewBefore := len(snap.review)

	w := s.post("/figure/correct", url.Values{"csrf": {s.csrf()}, "key": {fig.Key()}, "value": {"14"}, "status": {"ok"},
		"note": {"the force's covering letter gives 14"}, "next": {"/forces/kent"}})
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/forces/kent?msg=corrected") {
		t.Fatalf("correct: %d %s\n%s", w.Code, w.Header().Get("Location"), w.Body)
	}
	snap = f.srv.snap.Load()
	got := snap.figures[snap.byKey[fig.Key()]]
	if *got.Value != 14 || got.Confidence != foiwire.ConfidenceHigh || !strings.Contains(got.Reason, "corrected by amira") || !strings.Contains(got.Reason, "from 41 to 14") {
		t.Fatalf("after correction: %+v", got)
	}
	if len(snap.review) != reviewBefore-1 {
		t.Errorf("review queue %d, want %d", len(snap.review), reviewBefore-1)
	}
	after := apiStoryText(t, f, "kent")
	if after == before {
		t.Fatalf("the story did not change:\n%s", after)
	}
	if !strings.Contains(after, "14") || strings.Contains(after, "41") {
		t.Errorf("the story does not follow the correction:\n%s", after)
	}
	stored, err := f.db.Figures(ctx, "kent")
	if err != nil {
		t.Fatal(err)
	}
	for _, sf := range stored {
		if sf.Key() == fig.Key() && *sf.Value != 41 {
			t.Fatalf("the stored original was overwritten: %+v", sf)
		}
	}
	page := s.get("/forces/kent?msg=corrected").Body.String()
	for _, want := range []string{"Correction saved", "corrected by amira"} {
		if !strings.Contains(page, want) {
			t.Errorf("force page lacks %q", want)
		}
	}

	t.Run("not a number", func(t *testing.T) {
		w := s.post("/figure/correct", url.Values{"csrf": {s.csrf()}, "key": {fig.Key()}, "value": {"fourteen"}, "status": {"ok"}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "not a whole number") {
			t.Fatalf("%d\n%s", w.Code, w.Body)
		}
	})
	t.Run("negative", func(t *testing.T) {
		w := s.post("/figure/correct", url.Values{"csrf": {s.csrf()}, "key": {fig.Key()}, "value": {"-3"}, "status": {"ok"}})
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("%d", w.Code)
		}
	})
	t.Run("confirm", func(t *testing.T) {
		total := snap.review[0]
		key := snap.figures[total].Key()
		w := s.post("/figure/confirm", url.Values{"csrf": {s.csrf()}, "key": {key}, "next": {"/review"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("%d", w.Code)
		}
		now := f.srv.snap.Load()
		if c := now.figures[now.byKey[key]]; c.Confidence != foiwire.ConfidenceHigh || !strings.HasPrefix(c.Reason, "confirmed by amira") {
			t.Fatalf("after confirming: %+v", c)
		}
	})
}

// apiStoryText is a story's words through the API: the JSON's texts joined.
func apiStoryText(t *testing.T, f *fixture, id string) string {
	t.Helper()
	w := apiGet(f, "/api/v1/stories/"+id, f.token)
	if w.Code != http.StatusOK {
		t.Fatalf("story %s: %d %s", id, w.Code, w.Body)
	}
	var st apiStory
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	parts := []string{st.Headline.Text, st.Standfirst.Text}
	for _, b := range st.Blocks {
		parts = append(parts, b.Text)
	}
	return strings.Join(parts, "\n")
}

func TestApprovalLapsesWhenTheStoryChanges(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	hash := f.srv.snap.Load().byID["kent"].Story.Hash
	if strings.Contains(s.get("/forces/kent").Body.String(), "state-approved") { // and fill the page cache
		t.Fatal("approved before anyone approved it")
	}
	if w := s.post("/stories/kent/approve", url.Values{"csrf": {s.csrf()}, "version": {"stale"}}); w.Code != http.StatusConflict {
		t.Fatalf("approving an unseen version: %d", w.Code)
	}
	if w := s.post("/stories/kent/approve", url.Values{"csrf": {s.csrf()}, "version": {hash}}); w.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", w.Code, w.Body)
	}
	snap := f.srv.snap.Load()
	if st := f.srv.storyState(snap, snap.byID["kent"]); st.Key != "approved" || st.ApprovedBy != "amira" {
		t.Fatalf("after approval: %+v", st)
	}
	for _, p := range []string{"/", "/forces/kent"} {
		if !strings.Contains(s.get(p).Body.String(), "state-approved") {
			t.Errorf("%s does not show the approval", p)
		}
	}
	var key string
	for _, i := range snap.byID["kent"].Figures {
		if snap.figures[i].Label == "2021/22" {
			key = snap.figures[i].Key()
		}
	}
	s.post("/figure/correct", url.Values{"csrf": {s.csrf()}, "key": {key}, "value": {"2"}, "status": {"ok"}})
	snap = f.srv.snap.Load()
	if st := f.srv.storyState(snap, snap.byID["kent"]); st.Key != "changed" {
		t.Fatalf("after a correction changed the story: %+v", st)
	}
}

func TestEmbargo(t *testing.T) {
	f := testFixture(t)
	ed := f.signIn(t, "amira", editorPass)
	vw := f.signIn(t, "vic", viewerPass)
	w := ed.post("/stories/dorset/embargo", url.Values{"csrf": {ed.csrf()}, "until": {"2024-08-05T00:01"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("set embargo: %d\n%s", w.Code, w.Body)
	}
	snap := f.srv.snap.Load()
	headline := plain(snap.byID["dorset"].Story.Headline)
	want := time.Date(2024, 8, 4, 23, 1, 0, 0, time.UTC) // 00:01 BST
	if st := f.srv.storyState(snap, snap.byID["dorset"]); !st.Embargo.Equal(want) || !st.Embargoed {
		t.Fatalf("embargo %v (%v), want %v", st.Embargo, st.Embargoed, want)
	}
	tests := []struct {
		name   string
		get    func(string) *httptest.ResponseRecorder
		path   string
		code   int
		leaks  bool // whether the headline may appear
		before bool
	}{
		{"editor reads it", ed.get, "/stories/dorset", 200, true, true},
		{"viewer is told to wait", vw.get, "/stories/dorset", 403, false, true},
		{"viewer's force page", vw.get, "/forces/dorset", 200, false, true},
		{"viewer's story list", vw.get, "/stories", 200, false, true},
		{"viewer's download", vw.get, "/stories/dorset/download", 403, false, true},
		{"token", func(p string) *httptest.ResponseRecorder { return apiGet(f, p, f.token) }, "/api/v1/stories/dorset", 403, false, true},
		{"viewer after the embargo", vw.get, "/stories/dorset", 200, true, false},
		{"token after the embargo", func(p string) *httptest.ResponseRecorder { return apiGet(f, p, f.token) }, "/api/v1/stories/dorset", 200, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before {
				f.clock.Set(want.Add(-time.Minute))
			} else {
				f.clock.Set(want)
			}
			w := tt.get(tt.path)
			if w.Code != tt.code {
				t.Fatalf("%s: %d, want %d", tt.path, w.Code, tt.code)
			}
			if got := strings.Contains(visibleText(w.Body.String()), headline); got != tt.leaks {
				t.Fatalf("%s: headline shown = %v, want %v", tt.path, got, tt.leaks)
			}
		})
	}
	f.clock.Set(want.Add(-time.Hour))
	ed.post("/stories/dorset/embargo", url.Values{"csrf": {ed.csrf()}, "clear": {"1"}, "until": {"2024-08-05T00:01"}})
	if w := vw.get("/stories/dorset"); w.Code != http.StatusOK {
		t.Fatalf("after clearing the embargo: %d", w.Code)
	}
}

func TestStoryNumbersLinkToFacts(t *testing.T) {
	f := testFixture(t)
	snap := f.srv.snap.Load()
	sv := snap.byID["dorset"].Story
	links := 0
	for _, segs := range append([][]segment{sv.Headline, sv.Standfirst}, blockTexts(sv)...) {
		for _, sg := range segs {
			if sg.Loose {
				t.Errorf("number %q is tied to no fact", sg.Text)
			}
			if sg.Fact == "" {
				continue
			}
			links++
			i, ok := snap.factIx[sg.Fact]
			if !ok {
				t.Fatalf("link to unknown fact %q", sg.Fact)
			}
			if fa := snap.facts[i]; fa.Authority != "dorset" && fa.Authority != foiwire.National {
				t.Errorf("%q links to %s's fact %s", sg.Text, fa.Authority, fa.ID)
			}
		}
	}
	if links < 3 {
		t.Fatalf("only %d numbers linked", links)
	}
	page := f.signIn(t, "vic", viewerPass).get("/forces/dorset").Body.String()
	if !strings.Contains(page, `class="num" href="#fact-`) {
		t.Error("the force page's story has no fact links")
	}
}

func blockTexts(sv *storyView) [][]segment {
	var out [][]segment
	for _, b := range sv.Blocks {
		out = append(out, b.Text)
	}
	return out
}

func TestRefusedStoryCannotBeApprovedOrDownloaded(t *testing.T) {
	f := testFixture(t)
	snap := f.srv.snap.Load()
	fv := snap.byID["kent"]
	// Make the self-check's objection by hand: the pipeline's own fixtures
	// write stories that pass it.
	fv.Story.Refusals = append(fv.Story.Refusals, `"99" has no fact to support it (in "There were 99.")`)
	fv.Story.Written = false
	s := f.signIn(t, "amira", editorPass)
	if w := s.post("/stories/kent/approve", url.Values{"csrf": {s.csrf()}, "version": {fv.Story.Hash}}); w.Code != http.StatusConflict {
		t.Errorf("approve a refused story: %d", w.Code)
	}
	if w := s.get("/stories/kent/download"); w.Code != http.StatusConflict {
		t.Errorf("download a refused story: %d", w.Code)
	}
	if body := s.get("/stories/kent").Body.String(); !strings.Contains(body, "Why the self-check refused") {
		t.Error("the story page does not say why it was refused")
	}
}

func TestAccountsAreNotInTheDatabaseDownload(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	w := s.get("/downloads/foiwire.db")
	if w.Code != http.StatusOK {
		t.Fatalf("%d", w.Code)
	}
	body := w.Body.String()
	if !strings.HasPrefix(body, "SQLite format 3\x00") {
		t.Fatal("not an SQLite file")
	}
	for _, secret := range []string{"$2a$", "amira", "fw_"} {
		if strings.Contains(body, secret) {
			t.Errorf("the download holds %q", secret)
		}
	}
	var hashes []string
	rows, _ := f.db.SQL().Query(`SELECT token_hash FROM sessions UNION ALL SELECT token_hash FROM api_tokens`)
	for rows.Next() {
		var h string
		rows.Scan(&h)
		hashes = append(hashes, h)
	}
	rows.Close()
	if len(hashes) < 2 {
		t.Fatalf("fixture: %d session and token hashes", len(hashes))
	}
	for _, h := range hashes {
		if strings.Contains(body, h) {
			t.Error("the download holds a session or token hash")
		}
	}
}

func TestLocalPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/forces/kent", "/forces/kent"},
		{"/review?x=1#y", "/review?x=1#y"},
		{"", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/./\\evil.example", "/"},
		{"/forces/../\\evil.example", "/"},
		{"/%2F%2Fevil.example", "/"},
		{"/\t/evil.example", "/"},
		{"/forces/", "/forces/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"/ok\r\nSet-Cookie: x=1", "/"},
		{"forces", "/"},
	}
	for _, tt := range tests {
		if got := localPath(tt.in, "/"); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var tag = regexp.MustCompile(`<[^>]*>`)

// visibleText is a page's text without its markup.
func visibleText(page string) string { return html.UnescapeString(tag.ReplaceAllString(page, "")) }

func TestOverviewShowsRequestStates(t *testing.T) {
	ctx := context.Background()
	f := testFixture(t)
	reqs := []request.Request{
		{Reference: "DR24-DORS-0001", Campaign: "test-drones", Authority: "dorset", Sent: foiwire.MustDate("2024-06-03"),
			Received: foiwire.MustDate("2024-06-03"), Due: foiwire.MustDate("2024-07-01"), State: request.Awaiting, MessageID: "<dr24-dors-0001@example.org>"},
		{Reference: "DR24-KENT-0002", Campaign: "test-drones", Authority: "kent", Sent: foiwire.MustDate("2024-06-03"),
			Received: foiwire.MustDate("2024-06-03"), Due: foiwire.MustDate("2024-07-01"), State: request.Answered, MessageID: "<dr24-kent-0002@example.org>"},
		{Reference: "DR24-LANC-0003", Campaign: "test-drones", Authority: "lancashire", Sent: foiwire.MustDate("2024-06-03"),
			Received: foiwire.MustDate("2024-06-03"), Due: foiwire.MustDate("2024-07-01"), State: request.Awaiting, MessageID: "<dr24-lanc-0003@example.org>"},
	}
	if err := f.db.AddRequests(ctx, reqs); err != nil {
		t.Fatal(err)
	}
	if err := f.srv.rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	page := visibleText(f.signIn(t, "vic", viewerPass).get("/").Body.String())
	// The clock stands at 1 August 2024: Lancashire's reply was due on 1
	// July, and its 40th working day has passed. Dorset's reply is on disk,
	// so its request, made awaiting, is answered.
	for _, want := range []string{"long overdue 23 working days late", "answered"} {
		if !strings.Contains(strings.Join(strings.Fields(page), " "), want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	w := apiGet(f, "/api/v1/authorities", f.token)
	got := decode[struct {
		Authorities []apiAuthority `json:"authorities"`
	}](t, w)
	states := map[string]string{}
	for _, a := range got.Authorities {
		if r := a.Request; r != nil {
			states[a.ID] = r.State
			if a.ID == "lancashire" && (r.State != "long-overdue" || r.DaysLate != 23 || r.Due.String() != "2024-07-01") {
				t.Errorf("lancashire's request: %+v", r)
			}
		}
	}
	if states["dorset"] != "answered" || states["kent"] != "answered" || states["lancashire"] != "long-overdue" {
		t.Errorf("request states %v", states)
	}
}
