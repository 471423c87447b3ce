package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/pgtest"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/postgres"
)

var seenInput = regexp.MustCompile(`name="seen" value="(\d+)"`)
var reviewInput = regexp.MustCompile(`name="review" value="(\d+)"`)

// formField reads a hidden field's value from a page.
func formField(t *testing.T, re *regexp.Regexp, page string) string {
	t.Helper()
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no %s field in the page:\n%s", re, page)
	}
	return m[1]
}

// TestTwoEditorsAtOnce has two editors, each on a web server of their own
// sharing one PostgreSQL campaign (as a newsroom runs it), correct the same
// figure at the same moment from the same page, and then change the same
// story's approval and embargo from the same page: one of each pair is
// stored, the other editor is told of the conflict and sees the first's
// change, and when they send theirs again nothing is lost.
func TestTwoEditorsAtOnce(t *testing.T) {
	dsn := pgtest.URL(t)
	ctx := context.Background()
	f := newFixtureOn(t, "testdata/campaign", func(string) testStore { return openPG(t, dsn) })
	if _, err := f.db.AddUser(ctx, "bert", foiwire.RoleEditor, editorPass); err != nil {
		t.Fatal(err)
	}
	// Bert's server: another process on the same database, its own
	// snapshot and output folder.
	odb := openPG(t, dsn)
	odb.SetNow(f.clock.Now)
	other, err := New(ctx, Config{Dir: f.dir, DB: odb, Out: filepath.Join(t.TempDir(), "out"), Now: f.clock.Now, SessionTTL: 30 * 24 * time.Hour, CatchUpEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	fb := &fixture{srv: other, db: f.db, dir: f.dir, clock: f.clock}
	amira, bert := f.signIn(t, "amira", editorPass), fb.signIn(t, "bert", editorPass)

	snap := f.srv.snap.Load()
	var fig foiwire.Figure
	for _, i := range snap.byID["kent"].Figures {
		if snap.figures[i].Label == "2021/22" {
			fig = snap.figures[i]
		}
	}
	if fig.Value == nil {
		t.Fatal("fixture: no Kent 2021/22 figure")
	}
	page := "/figure?key=" + url.QueryEscape(fig.Key())
	pa, pb := amira.get(page).Body.String(), bert.get(page).Body.String()
	form := func(s *session, body, value, note string) url.Values {
		return url.Values{"csrf": {csrfIn(t, body)}, "key": {fig.Key()}, "seen": {formField(t, seenInput, body)},
			"value": {value}, "status": {"ok"}, "note": {note}, "next": {"/forces/kent"}}
	}
	fa, fbForm := form(amira, pa, "31", "amira's reading"), form(bert, pb, "32", "bert's reading")

	var wg sync.WaitGroup
	codes := map[string]int{}
	bodies := map[string]string{}
	var mu sync.Mutex
	for _, e := range []struct {
		name string
		s    *session
		form url.Values
	}{{"amira", amira, fa}, {"bert", bert, fbForm}} {
		wg.Go(func() {
			w := e.s.post("/figure/correct", e.form)
			mu.Lock()
			codes[e.name], bodies[e.name] = w.Code, w.Body.String()
			mu.Unlock()
		})
	}
	wg.Wait()
	winner, loser := "amira", "bert"
	if codes["bert"] == http.StatusSeeOther {
		winner, loser = "bert", "amira"
	}
	if codes[winner] != http.StatusSeeOther || codes[loser] != http.StatusConflict {
		t.Fatalf("simultaneous corrections: %v, want one 303 and one 409", codes)
	}
	if !strings.Contains(bodies[loser], "Someone else corrected this figure") || !strings.Contains(bodies[loser], winner) {
		t.Fatalf("the loser is not shown the conflict and the winner's correction:\n%s", bodies[loser])
	}
	cs, err := f.db.Corrections(ctx, "kent")
	if err != nil || len(cs) != 1 || cs[0].By != winner {
		t.Fatalf("after the race: %+v, %v", cs, err)
	}
	// The loser, having seen the winner's correction, sends theirs again.
	ls := map[string]*session{"amira": amira, "bert": bert}[loser]
	again := ls.get(page).Body.String()
	if formField(t, seenInput, again) != "1" {
		t.Fatalf("the loser's page does not show version 1")
	}
	if w := ls.post("/figure/correct", form(ls, again, "33", "after seeing the other")); w.Code != http.StatusSeeOther {
		t.Fatalf("resending: %d\n%s", w.Code, w.Body)
	}
	if cs, _ = f.db.Corrections(ctx, "kent"); len(cs) != 2 || cs[0].By != winner || cs[1].By != loser || *cs[1].Value != 33 {
		t.Fatalf("corrections after resending: %+v", cs)
	}

	// Approval and embargo of one story from the same page.
	story := "/stories/kent"
	sa, sb := amira.get(story).Body.String(), bert.get(story).Body.String()
	hash := f.srv.snap.Load().byID["kent"].Story.Hash
	if other.snap.Load().byID["kent"].Story.Hash != hash {
		t.Fatal("the two servers render different stories")
	}
	if w := amira.post("/stories/kent/approve", url.Values{"csrf": {csrfIn(t, sa)}, "version": {hash},
		"review": {formField(t, reviewInput, sa)}}); w.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", w.Code, w.Body)
	}
	w := bert.post("/stories/kent/embargo", url.Values{"csrf": {csrfIn(t, sb)}, "until": {"2024-08-05T00:01"},
		"review": {formField(t, reviewInput, sb)}})
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "Another editor changed") {
		t.Fatalf("an embargo from a stale page: %d\n%s", w.Code, w.Body)
	}
	rv, err := f.db.StoryReviews(ctx)
	if err != nil || len(rv) != 1 || rv[0].ApprovedBy != "amira" || !rv[0].Embargo.IsZero() {
		t.Fatalf("reviews after the conflict: %+v, %v", rv, err)
	}
	sb = bert.get(story).Body.String()
	if w := bert.post("/stories/kent/embargo", url.Values{"csrf": {csrfIn(t, sb)}, "until": {"2024-08-05T00:01"},
		"review": {formField(t, reviewInput, sb)}}); w.Code != http.StatusSeeOther {
		t.Fatalf("embargo from the fresh page: %d\n%s", w.Code, w.Body)
	}
	if rv, _ = f.db.StoryReviews(ctx); rv[0].ApprovedBy != "amira" || rv[0].EmbargoBy != "bert" || rv[0].Version != 2 {
		t.Fatalf("the approval and the embargo are not both kept: %+v", rv)
	}
}

func openPG(t *testing.T, dsn string) testStore {
	t.Helper()
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestWithdrawnReplyIsShown deletes a force's reply file: after the next
// rebuild the force's page says it was withdrawn and its figures are gone.
func TestWithdrawnReplyIsShown(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	fv := f.srv.snap.Load().byID["dorset"]
	if len(fv.Arrivals) == 0 || len(fv.Figures) == 0 {
		t.Fatal("fixture: dorset has no reply")
	}
	name := fv.Arrivals[0].Name
	if err := os.Remove(filepath.Join(f.dir, "replies", "dorset", name)); err != nil {
		t.Fatal(err)
	}
	if err := f.srv.rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	page := s.get("/forces/dorset").Body.String()
	if !strings.Contains(page, "Withdrawn</span> "+name) || !strings.Contains(page, "no longer count") {
		t.Fatalf("the force page does not say the reply was withdrawn:\n%s", page)
	}
	if n := len(f.srv.snap.Load().byID["dorset"].Figures); n != 0 {
		t.Fatalf("dorset keeps %d figures", n)
	}
}

// TestIdenticalRepliesOfTwoForces files one reply under both of the
// campaign's forces: each force's figure has its own page, and a correction
// of one leaves the other as read.
func TestIdenticalRepliesOfTwoForces(t *testing.T) {
	src := testenv.CopyDir(t, "testdata/campaign", func(rel string) bool { return rel == "out" || strings.HasPrefix(rel, "foiwire.db") })
	joint := "Joint FOI unit reply,,\nYear,Offences recorded with a drone involved\n2021/22,7\n2022/23,9\n2023/24,11\n"
	for _, force := range []string{"dorset", "kent"} {
		if err := os.WriteFile(filepath.Join(src, "replies", force, "joint.csv"), []byte(joint), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := newFixture(t, src)
	s := f.signIn(t, "amira", editorPass)
	snap := f.srv.snap.Load()
	var keys []string
	for _, force := range []string{"dorset", "kent"} {
		for _, i := range snap.byID[force].Figures {
			if fg := snap.figures[i]; fg.Source.File == "joint.csv" && fg.Label == "2022/23" {
				keys = append(keys, fg.Key())
			}
		}
	}
	if len(keys) != 2 || keys[0] != keys[1] {
		t.Fatalf("the joint reply's 2022/23 figures: %v; want one key under both forces", keys)
	}
	for _, force := range []string{"dorset", "kent"} {
		page := s.get("/figure?key=" + url.QueryEscape(keys[0]) + "&force=" + force).Body.String()
		if !strings.Contains(page, `name="force" value="`+force+`"`) {
			t.Fatalf("the figure page for %s shows another force's figure", force)
		}
	}
	if w := s.post("/figure/correct", url.Values{"csrf": {s.csrf()}, "key": {keys[0]}, "force": {"kent"}, "seen": {"0"},
		"value": {"19"}, "status": {"ok"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("correct kent's figure: %d\n%s", w.Code, w.Body)
	}
	snap = f.srv.snap.Load()
	got := map[string]int64{}
	for _, force := range []string{"dorset", "kent"} {
		i, _ := snap.figureAt(keys[0], force)
		got[force] = *snap.figures[i].Value
	}
	if got["kent"] != 19 || got["dorset"] != 9 {
		t.Fatalf("after correcting kent's figure: %v", got)
	}
}
