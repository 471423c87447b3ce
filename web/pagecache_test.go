package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestForcePageFromMemory: the force page comes from memory after the
// first request, the same bytes as when it was rendered; each session's
// page has its own name and form token; a correction replaces it.
func TestForcePageFromMemory(t *testing.T) {
	f := testFixture(t)
	ed := f.signIn(t, "amira", editorPass)
	vi := f.signIn(t, "vic", viewerPass)

	miss := ed.get("/forces/kent").Body.String()
	c := f.srv.cache.Load()
	hits := 0
	c.m.Range(func(k, _ any) bool {
		if strings.HasPrefix(k.(string), "whole|force|kent|") {
			hits++
		}
		return true
	})
	if hits != 1 {
		t.Fatalf("%d whole pages kept for one session's request", hits)
	}
	if hit := ed.get("/forces/kent").Body.String(); hit != miss {
		t.Fatal("the page from memory differs from the page rendered")
	}
	f.srv.resetCache()
	if again := ed.get("/forces/kent").Body.String(); again != miss {
		t.Fatal("the page rendered afresh differs from the page kept")
	}

	vpage := vi.get("/forces/kent").Body.String()
	for _, tc := range []struct {
		who, page, own, other string
	}{
		{"editor", miss, ed.csrf(), vi.csrf()},
		{"viewer", vpage, vi.csrf(), ed.csrf()},
	} {
		if !strings.Contains(tc.page, tc.own) || strings.Contains(tc.page, tc.other) {
			t.Errorf("the %s's page does not carry its own form token alone", tc.who)
		}
	}
	if !strings.Contains(vpage, ">vic ") || strings.Contains(vpage, ">amira ") {
		t.Error("the viewer's page names the wrong user")
	}

	snap := f.srv.snap.Load()
	var key string
	for _, i := range snap.byID["kent"].Figures {
		if snap.figures[i].Label == "2021/22" {
			key = snap.figures[i].Key()
		}
	}
	const note = "covering letter gives another figure"
	if strings.Contains(miss, note) {
		t.Fatal("fixture: the note is on the page already")
	}
	ed.post("/figure/correct", url.Values{"csrf": {ed.csrf()}, "key": {key}, "value": {"2"}, "status": {"ok"}, "note": {note}})
	if after := ed.get("/forces/kent").Body.String(); after == miss {
		t.Error("after a correction the force page is the old one")
	}
}
