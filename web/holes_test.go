package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/table"
)

// unzip returns the files of a story download by name.
func unzip(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v\n%s", err, b)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(data)
	}
	return out
}

// An approval binds the bytes downloaded: after a correction changes the
// story and the build rewrites its files, the download refuses, or gives
// the approved version's own bytes; and a build run behind the app's back
// cannot put unapproved words into an approved story's download.
func TestApprovedDownloadHoldsTheApprovedBytes(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	snap := f.srv.snap.Load()
	kent := snap.byID["kent"]
	if w := s.post("/stories/kent/approve", url.Values{"csrf": {s.csrf()}, "version": {kent.Story.Hash}}); w.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", w.Code, w.Body)
	}
	approvedMD, err := os.ReadFile(filepath.Join(f.dir, "out", "kent", "story.md"))
	if err != nil {
		t.Fatal(err)
	}

	// A build run from the command line rewrites the files under out/.
	forged := "# Kent Police: nobody approved this sentence\n"
	os.WriteFile(filepath.Join(f.dir, "out", "kent", "story.md"), []byte(forged), 0o644)
	w := s.get("/stories/kent/download")
	if w.Code != http.StatusOK {
		t.Fatalf("download of the approved story: %d\n%s", w.Code, w.Body)
	}
	files := unzip(t, w.Body.Bytes())
	if files["kent/story.md"] != string(approvedMD) || strings.Contains(files["kent/story.md"], "nobody approved") {
		t.Errorf("the approved download holds:\n%s\nwant the approved bytes:\n%s", files["kent/story.md"], approvedMD)
	}
	if !strings.Contains(files["kent/STATUS.txt"], "Approved by amira") {
		t.Errorf("STATUS.txt: %s", files["kent/STATUS.txt"])
	}

	// A correction changes a figure, and the app rebuilds.
	var key string
	for _, i := range kent.Figures {
		if snap.figures[i].Label == "2021/22" {
			key = snap.figures[i].Key()
		}
	}
	if w := s.post("/figure/correct", url.Values{"csrf": {s.csrf()}, "key": {key}, "value": {"2"}, "status": {"ok"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("correct: %d\n%s", w.Code, w.Body)
	}
	rebuilt, _ := os.ReadFile(filepath.Join(f.dir, "out", "kent", "story.md"))
	if string(rebuilt) == string(approvedMD) {
		t.Fatal("the correction did not change the story; the test proves nothing")
	}
	w = s.get("/stories/kent/download")
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "changed after amira approved it") {
		t.Fatalf("download after the story changed: %d\n%s", w.Code, w.Body)
	}
	if !strings.Contains(s.get("/stories/kent").Body.String(), `href="/stories/kent/download?version=approved"`) {
		t.Error("the story page does not offer the approved version")
	}
	w = s.get("/stories/kent/download?version=approved")
	if w.Code != http.StatusOK {
		t.Fatalf("approved version: %d\n%s", w.Code, w.Body)
	}
	files = unzip(t, w.Body.Bytes())
	if files["kent/story.md"] != string(approvedMD) || !strings.Contains(files["kent/STATUS.txt"], "has changed since") {
		t.Errorf("approved version holds:\n%s\n%s", files["kent/story.md"], files["kent/STATUS.txt"])
	}

	// A draft's download is the snapshot's, marked as not approved.
	w = s.get("/stories/dorset/download")
	files = unzip(t, w.Body.Bytes())
	if !strings.Contains(files["dorset/STATUS.txt"], "NOT APPROVED") {
		t.Errorf("draft STATUS.txt: %s", files["dorset/STATUS.txt"])
	}
}

// Corrections and approvals are written even when the browser gives up
// before the answer comes.
func TestWritesOutliveTheBrowser(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	snap := f.srv.snap.Load()
	key := snap.figures[snap.review[0]].Key()
	csrf := s.csrf()
	post := func(path string, form url.Values) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the browser has gone
		r := httptest.NewRequestWithContext(ctx, http.MethodPost, path, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		s.do(r)
	}
	post("/figure/correct", url.Values{"csrf": {csrf}, "key": {key}, "value": {"77"}, "status": {"ok"}})
	cs, err := f.db.Corrections(context.Background(), "")
	if err != nil || len(cs) != 1 || cs[0].Value == nil || *cs[0].Value != 77 {
		t.Fatalf("corrections after a disconnect: %+v, %v", cs, err)
	}
	after := f.srv.snap.Load()
	if after == snap {
		t.Fatal("the app did not rebuild after the correction")
	}
	i := after.byKey[key]
	if v, ok := after.figures[i].Int(); !ok || v != 77 {
		t.Errorf("the snapshot shows %v for the corrected figure", after.figures[i].Value)
	}
	post("/stories/dorset/approve", url.Values{"csrf": {csrf}, "version": {after.byID["dorset"].Story.Hash}})
	if st := f.srv.storyState(after, after.byID["dorset"]); st.Key != "approved" {
		t.Errorf("approval after a disconnect: %+v", st)
	}
}

// browserHost returns the host a browser lands on when sent to loc from
// this app: browsers read "\" as "/" in http URLs.
func browserHost(loc string) string {
	u, err := url.Parse(strings.ReplaceAll(loc, "\\", "/"))
	if err != nil {
		return "unparseable"
	}
	base, _ := url.Parse("http://127.0.0.1:8080/login")
	return base.ResolveReference(u).Host
}

var nextField = regexp.MustCompile(`name="next" value="([^"]*)"`)

func TestSignInNeverRedirectsAway(t *testing.T) {
	f := testFixture(t)
	for _, next := range []string{
		"/./\\evil.example", "/.\\/evil.example", "/forces/../\\evil.example", "/x/..//evil.example", "/\\/evil.example",
		"//evil.example", "/\\evil.example", "\\\\evil.example", "/%5Cevil.example", "/%2F%2Fevil.example",
		"/./%5C%5Cevil.example", "https:evil.example", "/\u3000/evil.example", "/\x00//evil.example",
	} {
		t.Run(fmt.Sprintf("%q", next), func(t *testing.T) {
			s := f.anonymous(t)
			form := s.get("/login?next=" + url.QueryEscape(next))
			res := s.post("/login", url.Values{"name": {"amira"}, "password": {editorPass}, "csrf": {csrfIn(t, form.Body.String())}, "next": {next}})
			loc := res.Header().Get("Location")
			if res.Code != http.StatusSeeOther || browserHost(loc) != "127.0.0.1:8080" {
				t.Errorf("next=%q: %d to %q, which a browser opens on %q", next, res.Code, loc, browserHost(loc))
			}
			if m := nextField.FindStringSubmatch(form.Body.String()); m == nil || browserHost(html.UnescapeString(m[1])) != "127.0.0.1:8080" {
				t.Errorf("the sign-in form carries next=%q on as %q", next, m)
			}
		})
	}
}

// Error pages say something went wrong and give a code to find in the
// log, never the server's file paths or the error itself.
func TestErrorPagesHideInternals(t *testing.T) {
	f := testFixture(t)
	secret := filepath.Join(f.dir, "out", "kent", "story.md")
	for _, path := range []string{"/forces/kent", "/api/v1/facts"} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, path, nil)
		f.srv.serverError(w, r, fmt.Errorf("story files for kent: open %s: permission denied", secret))
		if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), f.dir) ||
			strings.Contains(w.Body.String(), "permission denied") || !strings.Contains(w.Body.String(), "error ") {
			t.Errorf("%s: %d\n%s", path, w.Code, w.Body)
		}
	}
	if got := withoutPaths("open " + secret + ": no such file; and /tmp/x/y.pdf too"); strings.Contains(got, f.dir) || strings.Contains(got, "/tmp/") ||
		!strings.Contains(got, "story.md") || !strings.Contains(got, "y.pdf") {
		t.Errorf("withoutPaths = %q", got)
	}
}

// Cells a spreadsheet would run as a formula are written as text.
func TestCSVDownloadsDefuseFormulas(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	// A reply whose row labels are formulas.
	old := f.srv.snap.Load()
	snap := *old
	snap.figures = append([]foiwire.Figure(nil), old.figures...)
	for i, l := range []string{"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\tTAB", "\rCR"} {
		snap.figures[i].Label = l
	}
	f.srv.snap.Store(&snap)
	w := s.get("/downloads/figures.csv")
	recs, err := csv.NewReader(w.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "label" {
			col = i
		}
	}
	for _, rec := range recs[1:7] {
		if c := rec[col]; c == "" || strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			t.Errorf("label cell %q would run as a formula", c)
		}
	}
	if recs[1][col] != "'=HYPERLINK(\"http://evil.example\",\"x\")" {
		t.Errorf("escaped as %q", recs[1][col])
	}
	// Numbers stay numbers, negative ones included.
	for _, c := range []string{"-12", "+3", "-0.5", "12", "2021-04-01"} {
		if got := defuseCell(c); got != c {
			t.Errorf("defuseCell(%q) = %q", c, got)
		}
	}
}

// signInFrom tries a sign-in from a given address and returns the status.
func signInFrom(t *testing.T, f *fixture, addr, name, pass string) int {
	t.Helper()
	s := f.anonymous(t)
	form := s.get("/login")
	r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"name": {name}, "password": {pass},
		"csrf": {csrfIn(t, form.Body.String())}, "next": {"/"}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.RemoteAddr = addr
	return s.do(r).Code
}

func TestSignInRateLimits(t *testing.T) {
	f := testFixture(t)
	start := f.clock.Now()
	// Per account: five wrong passwords, then even the right one waits,
	// from any address.
	for i := range maxAccountFailures {
		if code := signInFrom(t, f, "198.51.100.7:4000", "amira", fmt.Sprintf("guess-%d", i)); code != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i, code)
		}
	}
	for _, addr := range []string{"198.51.100.7:4001", "203.0.113.9:5000"} {
		if code := signInFrom(t, f, addr, "AMIRA ", editorPass); code != http.StatusTooManyRequests {
			t.Errorf("right password after %d failures, from %s: %d", maxAccountFailures, addr, code)
		}
	}
	if code := signInFrom(t, f, "198.51.100.7:4002", "vic", viewerPass); code != http.StatusSeeOther {
		t.Errorf("another account from the same address: %d", code)
	}
	f.clock.Set(start.Add(loginWindow + time.Second))
	if code := signInFrom(t, f, "198.51.100.7:4003", "amira", editorPass); code != http.StatusSeeOther {
		t.Errorf("after the window: %d", code)
	}

	// Per address: twenty failures over many names, then that address
	// waits, others do not; a /64 counts as one address.
	for i := range maxAddressFailures {
		if code := signInFrom(t, f, "[2001:db8:1:2::"+fmt.Sprint(i+1)+"]:443", fmt.Sprintf("nobody-%d", i), "x"); code != http.StatusUnauthorized {
			t.Fatalf("spray %d: %d", i, code)
		}
	}
	if code := signInFrom(t, f, "[2001:db8:1:2::ff]:443", "vic", viewerPass); code != http.StatusTooManyRequests {
		t.Errorf("from the sprayed /64: %d", code)
	}
	if code := signInFrom(t, f, "[2001:db8:1:3::1]:443", "vic", viewerPass); code != http.StatusSeeOther {
		t.Errorf("from another /64: %d", code)
	}
}

// A reply page reads its document once, however often and however many
// at once look at it.
func TestReplyReadOnce(t *testing.T) {
	f := testFixture(t)
	var reads atomic.Int32
	f.srv.docs.read = func(ctx context.Context, name string, data []byte) (*table.Result, error) {
		reads.Add(1)
		return table.Read(ctx, name, data)
	}
	s := f.signIn(t, "amira", editorPass)
	_, path := concrete(f, "GET /forces/{id}/replies/{sha}")
	first := s.get(path)
	if first.Code != http.StatusOK {
		t.Fatalf("%s: %d", path, first.Code)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if w := s.get(path + "?t=0&r=1&c=1"); w.Code != http.StatusOK {
				t.Errorf("%d", w.Code)
			}
		})
	}
	wg.Wait()
	if n := reads.Load(); n != 1 {
		t.Errorf("the reply was read %d times for 9 views, want once", n)
	}
	if !strings.Contains(s.get(path).Body.String(), "<table") {
		t.Error("the cached reading shows no table")
	}
}

func TestDocCacheKeepsTheRecent(t *testing.T) {
	var c docCache
	reads := 0
	c.read = func(ctx context.Context, name string, data []byte) (*table.Result, error) {
		reads++
		return &table.Result{Text: string(data)}, nil
	}
	ctx := context.Background()
	for i := range maxCachedDocs + 1 {
		c.get(ctx, fmt.Sprint(i), "a.txt", []byte(fmt.Sprint(i)))
	}
	c.get(ctx, fmt.Sprint(maxCachedDocs), "a.txt", nil) // the newest: kept
	if reads != maxCachedDocs+1 {
		t.Errorf("%d reads, want %d", reads, maxCachedDocs+1)
	}
	res, _ := c.get(ctx, "0", "a.txt", []byte("0")) // the oldest: gone
	if reads != maxCachedDocs+2 || res.Text != "0" {
		t.Errorf("%d reads after asking for an evicted one", reads)
	}
	if len(c.items) != maxCachedDocs || c.order.Len() != maxCachedDocs {
		t.Errorf("holds %d/%d entries", len(c.items), c.order.Len())
	}
}
