package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The pages and API answers with a speed goal (bench/load.sh holds them to
// a p99 under 50 ms at 100 connections), measured in process.

func BenchmarkForcePage(b *testing.B) {
	f := newFixture(b, "testdata/campaign")
	s := f.signIn(b, "vic", viewerPass)
	r := httptest.NewRequest(http.MethodGet, "/forces/kent", nil)
	for _, c := range s.cookies {
		r.AddCookie(c)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("%d", w.Code)
		}
	}
}

func BenchmarkFiguresAPI(b *testing.B) {
	f := newFixture(b, "testdata/campaign")
	r := httptest.NewRequest(http.MethodGet, "/api/v1/figures?authority=kent", nil)
	r.Header.Set("Authorization", "Bearer "+f.token)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("%d", w.Code)
		}
	}
}
