package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/request"
)

func testRequestsRoundTrip(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	cal := calendar.EnglandWales()
	at := time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC)
	c := foiwire.Campaign{Slug: "tiktok-2024", Topic: "TikTok", Title: "TikTok", Request: "Please send the figures.",
		Sender: foiwire.Sender{Email: "desk@news.example"}}
	made := request.Make(c, []foiwire.Authority{{ID: "lancashire", FOIEmail: "foi@lancs.example"}, {ID: "dorset"}}, nil,
		request.MakeOptions{At: at})
	if err := db.AddRequests(ctx, made); err != nil {
		t.Fatal(err)
	}
	if err := db.AddRequests(ctx, made[:1]); err == nil {
		t.Error("adding a request twice did not fail")
	}

	r, err := db.Request(ctx, "lancashire")
	if err != nil {
		t.Fatal(err)
	}
	if r.Reference != made[0].Reference || r.State != request.Draft || r.To != "foi@lancs.example" || len(r.History) != 1 {
		t.Fatalf("read back %+v", r)
	}
	if err := r.Apply(request.Change{To: request.Sending, At: at}, cal); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateRequest(ctx, r, request.Draft); err != nil {
		t.Fatal(err)
	}
	// A second run that read the request as a draft loses the race.
	stale, _ := db.Request(ctx, made[0].Reference)
	stale.State = request.Draft
	stale.History = stale.History[:1]
	if err := stale.Apply(request.Change{To: request.Sending, At: at}, cal); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateRequest(ctx, stale, request.Draft); !errors.Is(err, request.ErrStateChanged) {
		t.Errorf("stale update: %v, want request.ErrStateChanged", err)
	}
	if err := r.Apply(request.Change{To: request.Awaiting, At: at.Add(time.Minute)}, cal); err != nil {
		t.Fatal(err)
	}
	if err := r.Apply(request.Change{To: request.Refused, At: at.Add(48 * time.Hour), Exemptions: []string{"s12", "s40(2)"}}, cal); err != nil {
		t.Fatal(err)
	}
	r.Note(request.EventNote, at.Add(49*time.Hour), "rang the FOI office")
	if err := db.UpdateRequest(ctx, r, request.Sending); err != nil {
		t.Fatal(err)
	}
	got, err := db.Request(ctx, made[0].Reference)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != request.Refused || got.Sent.String() != "2024-06-03" || got.Due.String() != "2024-07-01" ||
		!slices.Equal(got.Exemptions, []string{"s12", "s40(2)"}) {
		t.Errorf("read back %+v", got)
	}
	if len(got.History) != 5 || got.History[4].Note != "rang the FOI office" || got.History[3].To != request.Refused ||
		!got.History[2].At.Equal(at.Add(time.Minute)) {
		t.Errorf("history %+v", got.History)
	}
	all, err := db.Requests(ctx)
	if err != nil || len(all) != 2 || all[0].Authority != "dorset" || len(all[0].History) != 1 {
		t.Errorf("Requests = %+v, %v", all, err)
	}
	if _, err := db.Request(ctx, "kent"); !errors.Is(err, foiwire.ErrNotFound) {
		t.Errorf("missing request: %v, want foiwire.ErrNotFound", err)
	}
}
