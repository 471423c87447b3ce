// Package storetest is one behaviour suite for every campaign store: the
// sqlite and postgres packages run it against themselves, so both keep
// the same promises.
package storetest

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/request"
)

// Store is what the suite tests: a campaign store with its requests, a
// clock the suite can set, and the raw handle, to check what is stored.
type Store interface {
	foiwire.Store
	request.Store
	SetNow(func() time.Time)
	SQL() *sql.DB
}

// Opener gives each test a new, empty store, closed when the test ends.
type Opener func(t *testing.T) Store

// Run runs every test of the suite against the stores open gives.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"SaveReplyIdempotent", testSaveReplyIdempotent},
		{"SaveReplyAllOrNothing", testSaveReplyAllOrNothing},
		{"IdenticalDocumentTwoAuthorities", testIdenticalDocumentTwoAuthorities},
		{"TwoFilesSameBytesOneAuthority", testTwoFilesSameBytesOneAuthority},
		{"LargeReply", testLargeReply},
		{"FigureVersions", testFigureVersions},
		{"ApplyCorrections", testApplyCorrections},
		{"ConcurrentCorrections", testConcurrentCorrections},
		{"StoryReviews", testStoryReviews},
		{"ApprovedFiles", testApprovedFiles},
		{"OutputsAndViews", testOutputsAndViews},
		{"OutputsRewriteChanges", testOutputsRewriteChanges},
		{"OutputsByAuthority", testOutputsByAuthority},
		{"CorrectionSurvivesReread", testCorrectionSurvivesReread},
		{"AddCorrectionRefuses", testAddCorrectionRefuses},
		{"RequestsRoundTrip", testRequestsRoundTrip},
		{"AddUserAndAuthenticate", testAddUserAndAuthenticate},
		{"AddUserRefuses", testAddUserRefuses},
		{"Sessions", testSessions},
		{"APITokens", testAPITokens},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// BenchmarkSaveReply saves a reply of n figures, then reads them back, on
// the stores open gives.
func BenchmarkSaveReply(b *testing.B, open func(testing.TB) Store, n int) {
	ctx := b.Context()
	db := open(b)
	figs := make([]foiwire.Figure, n)
	for i := range figs {
		figs[i] = yearFigure("kent", "big", i, int64(i%97))
	}
	r := reply("kent", "big.csv", "big", figs...)
	for b.Loop() {
		if err := db.SaveReply(ctx, r); err != nil {
			b.Fatal(err)
		}
		if got, err := db.Figures(ctx, "kent"); err != nil || len(got) != n {
			b.Fatalf("%d figures, %v", len(got), err)
		}
	}
}

// BenchmarkSaveOutputs saves a build's n facts into an empty store
// ("cold"), and again with one fact in a hundred changed ("rebuild"), as a
// build after one reply changed does.
func BenchmarkSaveOutputs(b *testing.B, open func(testing.TB) Store, n int) {
	ctx := b.Context()
	auths := []foiwire.Authority{{ID: "kent", Name: "Kent Police"}}
	facts := make([]foiwire.Fact, n)
	for i := range facts {
		facts[i] = foiwire.Fact{ID: fmt.Sprintf("kent/share/2023-04-01..2024-03-31/offence-%07d", i), Authority: "kent",
			Kind: foiwire.FactShare, Measure: foiwire.MeasureOffence, Label: "Offence of some kind", Value: float64(i%97) / 97,
			Formula: "12 / 97", Inputs: []string{fmt.Sprintf("%064x#0/%d/1", i%440, i)}}
	}
	stories := []foiwire.StoryRecord{{Authority: "kent", Headline: "Kent", Text: "# Kent\n", Written: true}}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			db := open(b)
			b.StartTimer()
			if err := db.SaveOutputs(ctx, auths, facts, stories); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rebuild", func(b *testing.B) {
		db := open(b)
		if err := db.SaveOutputs(ctx, auths, facts, stories); err != nil {
			b.Fatal(err)
		}
		round := 0
		for b.Loop() {
			round++
			for i := 0; i < n; i += 100 {
				facts[i].Value = float64(round)
			}
			if err := db.SaveOutputs(ctx, auths, facts, stories); err != nil {
				b.Fatal(err)
			}
		}
	})
}
