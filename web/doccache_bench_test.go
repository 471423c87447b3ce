package web

import (
	"net/http"
	"testing"
)

// BenchmarkReplyPage views a reply page with the document cache and with
// the document read afresh each time, as before the cache.
func BenchmarkReplyPage(b *testing.B) {
	f := newFixture(b, "testdata/campaign")
	s := f.signIn(b, "amira", editorPass)
	snap := f.srv.snap.Load()
	path := "/forces/dorset/replies/" + snap.byID["dorset"].Arrivals[0].SHA256
	for _, bc := range []struct {
		name  string
		fresh bool
	}{{"cached", false}, {"read-each-view", true}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if bc.fresh {
					f.srv.docs.mu.Lock()
					f.srv.docs.items = nil
					f.srv.docs.order.Init()
					f.srv.docs.mu.Unlock()
				}
				if w := s.get(path); w.Code != http.StatusOK {
					b.Fatal(w.Code)
				}
			}
		})
	}
}
