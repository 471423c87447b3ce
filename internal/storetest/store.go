package storetest

import (
	"context"
	"testing"

	"github.com/foiwire/foiwire"
)

func testSaveReplyIdempotent(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	fig := func(row int, v int64) foiwire.Figure {
		return foiwire.Figure{Authority: "dorset", Measure: foiwire.MeasurePeriod, Label: "2021/22", Value: foiwire.Int64(v),
			Status: foiwire.StatusOK, Confidence: foiwire.ConfidenceHigh,
			Period: foiwire.Period{Start: foiwire.MustDate("2021-04-01"), End: foiwire.MustDate("2022-03-31")},
			Source: foiwire.Source{Document: "abc", Table: 0, Row: row, Col: 1, Text: "14", File: "r.html"}}
	}
	r := foiwire.Reply{Document: foiwire.Document{SHA256: "abc", Authority: "dorset", Name: "r.html", MediaType: "text/html"},
		Data: []byte("<p>x</p>"), Figures: []foiwire.Figure{fig(1, 14), fig(2, 16)}}
	r.Figures[1].Series = "Facebook"
	for i := 0; i < 2; i++ {
		if err := db.SaveReply(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Figures(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || *got[0].Value != 14 || got[1].Start.String() != "2021-04-01" || got[0].Series != "" || got[1].Series != "Facebook" {
		t.Fatalf("after two saves: %+v", got)
	}
	// A new version of the same file replaces the old figures.
	r2 := r
	r2.Document.SHA256 = "def"
	f := fig(1, 15)
	f.Source.Document = "def"
	r2.Figures = []foiwire.Figure{f}
	if err := db.SaveReply(ctx, r2); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Figures(ctx, "dorset")
	if len(got) != 1 || *got[0].Value != 15 {
		t.Fatalf("after replacement: %+v", got)
	}
	arr, _ := db.Arrivals(ctx)
	if len(arr) != 1 || arr[0].SHA256 != "def" {
		t.Fatalf("arrivals: %+v", arr)
	}
	names, err := db.ArrivalNames(ctx)
	if err != nil || len(names) != 1 || names[0] != (foiwire.ArrivalName{Authority: "dorset", Name: "r.html"}) {
		t.Fatalf("arrival names: %+v, %v", names, err)
	}
}

func testSaveReplyAllOrNothing(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	err := db.SaveReply(ctx2, foiwire.Reply{Document: foiwire.Document{SHA256: "x", Authority: "a", Name: "n"}, Data: []byte("d")})
	if err == nil {
		t.Fatal("save with a cancelled context succeeded")
	}
	arr, err := db.Arrivals(ctx)
	if err != nil || len(arr) != 0 {
		t.Fatalf("a failed save left %d arrivals (%v)", len(arr), err)
	}
}

func testApprovedFiles(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	files := []foiwire.StoryFile{{Name: "story.md", Data: []byte("# Kent\n")}, {Name: "chart.png", Data: []byte{0x89, 'P', 'N', 'G'}}}
	if err := db.SaveApprovedFiles(ctx, "kent", "h1", files); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveApprovedFiles(ctx, "kent", "h1", files[:1]); err != nil {
		t.Fatal(err)
	}
	got, err := db.ApprovedFiles(ctx, "kent", "h1")
	if err != nil || len(got) != 1 || got[0].Name != "story.md" || string(got[0].Data) != "# Kent\n" {
		t.Errorf("ApprovedFiles = %+v, %v", got, err)
	}
	if got, err := db.ApprovedFiles(ctx, "kent", "h2"); err != nil || len(got) != 0 {
		t.Errorf("unapproved version: %+v, %v", got, err)
	}
}
