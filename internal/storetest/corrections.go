package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

func testApplyCorrections(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	db.SetNow(func() time.Time { return time.Date(2024, 8, 2, 14, 3, 0, 0, time.UTC) })
	fig := func(row int, v *int64, st foiwire.Status, conf foiwire.Confidence) foiwire.Figure {
		return foiwire.Figure{Authority: "dorset", Measure: foiwire.MeasurePeriod, Label: "2022/23", Value: v, Status: st,
			Confidence: conf, Reason: "the cell reads '1O'",
			Source: foiwire.Source{Document: "abc", Table: 1, Row: row, Col: 2, Text: "1O"}}
	}
	figs := []foiwire.Figure{
		fig(1, foiwire.Int64(10), foiwire.StatusOK, foiwire.ConfidenceReview),
		fig(2, foiwire.Int64(7), foiwire.StatusOK, foiwire.ConfidenceReview),
		fig(3, nil, foiwire.StatusSuppressed, foiwire.ConfidenceReview),
		fig(4, foiwire.Int64(3), foiwire.StatusOK, foiwire.ConfidenceReview),
		fig(5, foiwire.Int64(5), foiwire.StatusOK, foiwire.ConfidenceReview),
	}
	add := func(c foiwire.Correction) {
		t.Helper()
		c.Authority = "dorset"
		if _, err := db.AddCorrection(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	add(foiwire.Correction{Key: figs[0].Key(), Value: foiwire.Int64(9), Status: foiwire.StatusOK, Was: "10", By: "amira"})
	add(foiwire.Correction{Key: figs[0].Key(), Value: foiwire.Int64(10), Status: foiwire.StatusOK, Was: "10", By: "bert", Note: "letter says ten"})
	add(foiwire.Correction{Key: figs[1].Key(), Confirm: true, Value: foiwire.Int64(7), Status: foiwire.StatusOK, Was: "7", By: "amira"})
	add(foiwire.Correction{Key: figs[2].Key(), Value: foiwire.Int64(4), Status: foiwire.StatusOK, Was: "suppressed", By: "amira"})
	add(foiwire.Correction{Key: figs[3].Key(), Confirm: true, Value: foiwire.Int64(2), Status: foiwire.StatusOK, Was: "2", By: "amira"})

	cs, err := db.Corrections(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := foiwire.ApplyCorrections(figs, cs)
	tests := []struct {
		name       string
		i          int
		value      string
		confidence foiwire.Confidence
		reason     []string
	}{
		{"latest correction wins", 0, "10", foiwire.ConfidenceHigh, []string{"corrected by bert", "2 Aug 2024 14:03", "from 10 to 10", "letter says ten"}},
		{"confirmed", 1, "7", foiwire.ConfidenceHigh, []string{"confirmed by amira"}},
		{"suppressed to a number", 2, "4", foiwire.ConfidenceHigh, []string{"from suppressed to 4"}},
		{"confirmation of another reading", 3, "3", foiwire.ConfidenceReview, []string{"2 was confirmed by amira", "now reads 3"}},
		{"untouched", 4, "5", foiwire.ConfidenceReview, []string{"the cell reads '1O'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := got[tt.i]
			if v := foiwire.FigureValue(f.Value, f.Status); v != tt.value || f.Confidence != tt.confidence {
				t.Errorf("value %s confidence %s, want %s %s", v, f.Confidence, tt.value, tt.confidence)
			}
			for _, w := range tt.reason {
				if !strings.Contains(f.Reason, w) {
					t.Errorf("reason %q lacks %q", f.Reason, w)
				}
			}
		})
	}
	if *figs[0].Value != 10 || figs[2].Value != nil || figs[1].Confidence != foiwire.ConfidenceReview {
		t.Fatal("ApplyCorrections changed its input")
	}
	hist, err := db.Corrections(ctx, "dorset")
	if err != nil || len(hist) != 5 || hist[0].By != "amira" || hist[1].Note != "letter says ten" || !hist[2].Confirm {
		t.Fatalf("Corrections = %+v, %v", hist, err)
	}
	if other, _ := db.Corrections(ctx, "kent"); len(other) != 0 {
		t.Fatalf("kent has %d corrections", len(other))
	}
}

func testCorrectionSurvivesReread(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	f := foiwire.Figure{Authority: "dorset", Measure: foiwire.MeasurePeriod, Label: "2022/23", Value: foiwire.Int64(10),
		Status: foiwire.StatusOK, Confidence: foiwire.ConfidenceReview,
		Source: foiwire.Source{Document: "abc", File: "r.html", Table: 0, Row: 2, Col: 1, Text: "1O"}}
	r := foiwire.Reply{Document: foiwire.Document{SHA256: "abc", Authority: "dorset", Name: "r.html"}, Data: []byte("x"), Figures: []foiwire.Figure{f}}
	if err := db.SaveReply(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddCorrection(ctx, foiwire.Correction{Key: f.Key(), Authority: "dorset", Value: foiwire.Int64(16), Status: foiwire.StatusOK, Was: "10", By: "amira"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveReply(ctx, r); err != nil { // read again
		t.Fatal(err)
	}
	stored, _ := db.Figures(ctx, "dorset")
	if len(stored) != 1 || *stored[0].Value != 10 {
		t.Fatalf("the stored figure was overwritten: %+v", stored)
	}
	cs, err := db.Corrections(ctx, "")
	got := foiwire.ApplyCorrections(stored, cs)
	if err != nil || *got[0].Value != 16 {
		t.Fatalf("after a re-read: %+v, %v", got, err)
	}
}

func testAddCorrectionRefuses(t *testing.T, open Opener) {
	db := open(t)
	tests := []struct {
		name string
		c    foiwire.Correction
	}{
		{"no key", foiwire.Correction{By: "a", Status: foiwire.StatusOK, Value: foiwire.Int64(1)}},
		{"no author", foiwire.Correction{Key: "k", Status: foiwire.StatusOK, Value: foiwire.Int64(1)}},
		{"ok without value", foiwire.Correction{Key: "k", By: "a", Status: foiwire.StatusOK}},
		{"negative", foiwire.Correction{Key: "k", By: "a", Status: foiwire.StatusOK, Value: foiwire.Int64(-1)}},
		{"suppressed with value", foiwire.Correction{Key: "k", By: "a", Status: foiwire.StatusSuppressed, Value: foiwire.Int64(1)}},
		{"unknown status", foiwire.Correction{Key: "k", By: "a", Status: "guessed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := db.AddCorrection(context.Background(), tt.c); !errors.Is(err, foiwire.ErrBadCorrection) {
				t.Fatalf("error = %v, want foiwire.ErrBadCorrection", err)
			}
		})
	}
}
