package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire"
)

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q, want 3.x", doc.OpenAPI)
	}
	served := map[string]bool{}
	for _, rt := range (&Server{}).routeTable() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		if !strings.HasPrefix(path, "/api/") {
			continue
		}
		key := strings.ToLower(method) + " " + path
		served[key] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("%s is served but not in openapi.json", rt.pattern)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !served[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which is not served", strings.ToUpper(method), path)
			}
		}
	}
	if len(served) < 7 {
		t.Fatalf("only %d API routes", len(served))
	}
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q", ct)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("%v in %s", err, w.Body)
	}
	return v
}

func TestAPI(t *testing.T) {
	f := testFixture(t)
	t.Run("authorities", func(t *testing.T) {
		w := apiGet(f, "/api/v1/authorities", f.token)
		got := decode[struct {
			Authorities []apiAuthority `json:"authorities"`
		}](t, w)
		if len(got.Authorities) != 2 || got.Authorities[0].ID != "dorset" || got.Authorities[1].Figures != 4 || got.Authorities[1].ToReview != 2 {
			t.Fatalf("%+v", got.Authorities)
		}
		if got.Authorities[0].Story.State != "draft" || got.Authorities[0].ReplyReceived == nil {
			t.Errorf("dorset: %+v", got.Authorities[0])
		}
	})
	t.Run("figures of one authority", func(t *testing.T) {
		got := decode[struct {
			Figures []apiFigure `json:"figures"`
		}](t, apiGet(f, "/api/v1/figures?authority=dorset", f.token))
		if len(got.Figures) != 3 {
			t.Fatalf("%d figures", len(got.Figures))
		}
		for _, fg := range got.Figures {
			if fg.Authority != "dorset" || fg.Key != fg.Figure.Key() || fg.Source.Document == "" {
				t.Errorf("%+v", fg)
			}
		}
	})
	t.Run("unknown authority", func(t *testing.T) {
		w := apiGet(f, "/api/v1/figures?authority=atlantis", f.token)
		if w.Code != http.StatusNotFound || !strings.Contains(decode[apiError](t, w).Error, "atlantis") {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
	})
	t.Run("facts", func(t *testing.T) {
		got := decode[struct {
			Facts []foiwire.Fact `json:"facts"`
		}](t, apiGet(f, "/api/v1/facts?authority=national", f.token))
		if len(got.Facts) == 0 {
			t.Fatal("no national facts")
		}
		for _, fa := range got.Facts {
			if fa.Authority != foiwire.National || fa.Formula == "" {
				t.Errorf("%+v", fa)
			}
		}
	})
	t.Run("review", func(t *testing.T) {
		got := decode[struct {
			Figures []apiFigure `json:"figures"`
		}](t, apiGet(f, "/api/v1/review", f.token))
		if len(got.Figures) != 2 || got.Figures[0].Confidence != foiwire.ConfidenceReview || got.Figures[0].Reason == "" {
			t.Fatalf("%+v", got.Figures)
		}
	})
	t.Run("story", func(t *testing.T) {
		got := decode[apiStory](t, apiGet(f, "/api/v1/stories/dorset", f.token))
		if got.Headline.Text == "" || got.Version == "" || len(got.Blocks) == 0 {
			t.Fatalf("%+v", got)
		}
		links := 0
		for _, tx := range append([]apiText{got.Headline, got.Standfirst}, textsOf(got.Blocks)...) {
			for _, l := range tx.Links {
				links++
				if tx.Text[l.Offset:l.Offset+len(l.Number)] != l.Number || l.Fact == "" {
					t.Errorf("link %+v does not point at its number in %q", l, tx.Text)
				}
			}
		}
		if links == 0 {
			t.Error("no number is linked to a fact")
		}
	})
	t.Run("check", func(t *testing.T) {
		body := `{"text": "Dorset Police recorded 31 offences in 2023/24, up from 14 in 2021/22. The force recorded 90 offences in 2022/23.", "authority": "dorset", "published": "2024-08-05"}`
		r := httptest.NewRequest(http.MethodPost, "/api/v1/check", strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+f.token)
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, r)
		got := decode[struct {
			Checks   []foiwire.Check         `json:"checks"`
			Verdicts map[foiwire.Verdict]int `json:"verdicts"`
		}](t, w)
		if got.Verdicts[foiwire.Supported] == 0 || got.Verdicts[foiwire.Contradicted] == 0 {
			for _, c := range got.Checks {
				t.Logf("%q %s %s", c.Text, c.Verdict, c.Reason)
			}
			t.Fatalf("verdicts %v", got.Verdicts)
		}
	})
	t.Run("check refuses junk", func(t *testing.T) {
		for name, body := range map[string]string{
			"not json":      "text=hello",
			"no text":       `{"text": "  "}`,
			"unknown field": `{"text": "x", "sql": "drop"}`,
			"bad date":      `{"text": "x", "published": "5 Aug"}`,
			"unknown force": `{"text": "x", "authority": "atlantis"}`,
			"too long":      `{"text": "` + strings.Repeat("a", maxCheckBytes) + `"}`,
		} {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/check", strings.NewReader(body))
			r.Header.Set("Authorization", "Bearer "+f.token)
			w := httptest.NewRecorder()
			f.srv.ServeHTTP(w, r)
			if w.Code < 400 || w.Code >= 500 || decode[apiError](t, w).Error == "" {
				t.Errorf("%s: %d %s", name, w.Code, w.Body)
			}
		}
	})
	t.Run("session POST needs the CSRF header", func(t *testing.T) {
		s := f.signIn(t, "vic", viewerPass)
		for tok, want := range map[string]int{"": http.StatusForbidden, s.csrf(): http.StatusOK} {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/check", strings.NewReader(`{"text": "Kent recorded 22."}`))
			if tok != "" {
				r.Header.Set(csrfHeader, tok)
			}
			if w := s.do(r); w.Code != want {
				t.Errorf("CSRF header %q: %d, want %d", tok, w.Code, want)
			}
		}
	})
}

func textsOf(bs []apiBlock) []apiText {
	var out []apiText
	for _, b := range bs {
		out = append(out, b.apiText)
	}
	return out
}

func TestDownloads(t *testing.T) {
	f := testFixture(t)
	s := f.signIn(t, "amira", editorPass)
	snap := f.srv.snap.Load()
	s.post("/figure/confirm", url.Values{"csrf": {s.csrf()}, "key": {snap.figures[snap.review[0]].Key()}})

	t.Run("figures.csv", func(t *testing.T) {
		w := s.get("/downloads/figures.csv")
		recs, err := csv.NewReader(w.Body).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1+len(snap.figures) || recs[0][0] != "authority" || !strings.Contains(w.Header().Get("Content-Disposition"), "figures.csv") {
			t.Fatalf("%d rows, header %v", len(recs), recs[0])
		}
	})
	t.Run("workbook", func(t *testing.T) {
		w := s.get("/downloads/foiwire.xlsx")
		x, err := excelize.OpenReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if got := x.GetSheetList(); !slices.Equal(got, []string{"Figures", "To review", "Facts", "Corrections"}) {
			t.Fatalf("sheets %v", got)
		}
		rows, _ := x.GetRows("Figures")
		if len(rows) != 1+len(snap.figures) || rows[0][0] != "authority" {
			t.Fatalf("Figures sheet: %d rows", len(rows))
		}
		corr, _ := x.GetRows("Corrections")
		if len(corr) != 2 || corr[1][1] != "amira" || corr[1][3] != "confirm" {
			t.Fatalf("Corrections sheet: %v", corr)
		}
	})
	t.Run("story zip", func(t *testing.T) {
		w := s.get("/stories/dorset/download")
		if w.Code != http.StatusOK {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, zf := range zr.File {
			names = append(names, zf.Name)
			if zf.UncompressedSize64 == 0 {
				t.Errorf("%s is empty", zf.Name)
			}
		}
		want := []string{"dorset/story.md", "dorset/story.html", "dorset/story.json", "dorset/chart.svg", "dorset/chart.png", "dorset/STATUS.txt"}
		if !slices.Equal(names, want) {
			t.Fatalf("zip holds %v, want %v", names, want)
		}
	})
}
