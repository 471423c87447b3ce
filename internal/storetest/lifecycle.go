package storetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

func yearFigure(authority, doc string, row int, v int64) foiwire.Figure {
	return foiwire.Figure{Authority: authority, Question: "q1", Measure: foiwire.MeasurePeriod, Label: "2021/22", Value: foiwire.Int64(v),
		Status: foiwire.StatusOK, Confidence: foiwire.ConfidenceHigh,
		Period: foiwire.Period{Start: foiwire.MustDate("2021-04-01"), End: foiwire.MustDate("2022-03-31")},
		Source: foiwire.Source{Document: doc, Table: 0, Row: row, Col: 1, Text: fmt.Sprint(v), File: "joint.csv"}}
}

func reply(authority, name, sha string, figs ...foiwire.Figure) foiwire.Reply {
	return foiwire.Reply{Document: foiwire.Document{SHA256: sha, Authority: authority, Name: name, MediaType: "text/csv"},
		Data: []byte("bytes of " + sha), Figures: figs}
}

// testIdenticalDocumentTwoAuthorities: one document filed by two
// authorities keeps both authorities' figures, and withdrawing one
// authority's file leaves the other's.
func testIdenticalDocumentTwoAuthorities(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	for _, a := range []string{"kent", "essex"} {
		if err := db.SaveReply(ctx, reply(a, "joint.csv", "same", yearFigure(a, "same", 1, 10), yearFigure(a, "same", 2, 12))); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []string{"kent", "essex"} {
		if got, err := db.Figures(ctx, a); err != nil || len(got) != 2 {
			t.Fatalf("%s: %d figures (%v), want 2", a, len(got), err)
		}
	}
	w, err := db.WithdrawReply(ctx, "kent", "joint.csv", "deleted")
	if err != nil || w.Figures != 2 || w.SHA256 != "same" {
		t.Fatalf("WithdrawReply = %+v, %v", w, err)
	}
	if got, _ := db.Figures(ctx, "kent"); len(got) != 0 {
		t.Fatalf("kent keeps %d figures after withdrawal", len(got))
	}
	if got, _ := db.Figures(ctx, "essex"); len(got) != 2 {
		t.Fatalf("essex lost figures with kent's withdrawal: %d left", len(got))
	}
	if data, _, err := db.Document(ctx, "same"); err != nil || string(data) != "bytes of same" {
		t.Fatalf("the document's bytes went with the withdrawal: %q, %v", data, err)
	}
	if _, _, err := db.Document(ctx, "no-such-document"); !errors.Is(err, foiwire.ErrNotFound) {
		t.Fatalf("a missing document: %v, want ErrNotFound", err)
	}
	if _, err := db.WithdrawReply(ctx, "kent", "joint.csv", "again"); !errors.Is(err, foiwire.ErrNotFound) {
		t.Fatalf("withdrawing twice: %v, want ErrNotFound", err)
	}
	ws, err := db.Withdrawals(ctx)
	if err != nil || len(ws) != 1 || ws[0].Authority != "kent" || ws[0].Why != "deleted" {
		t.Fatalf("Withdrawals = %+v, %v", ws, err)
	}
	arr, _ := db.Arrivals(ctx)
	if len(arr) != 1 || arr[0].Authority != "essex" {
		t.Fatalf("arrivals after withdrawal: %+v", arr)
	}
}

// testTwoFilesSameBytesOneAuthority: a force that sends the same file
// twice under two names has its figures once, and keeps them until both
// files are gone.
func testTwoFilesSameBytesOneAuthority(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	for _, n := range []string{"a.csv", "b.csv"} {
		if err := db.SaveReply(ctx, reply("kent", n, "dup", yearFigure("kent", "dup", 1, 10))); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := db.Figures(ctx, "kent"); len(got) != 1 {
		t.Fatalf("%d figures, want 1", len(got))
	}
	if w, err := db.WithdrawReply(ctx, "kent", "a.csv", ""); err != nil || w.Figures != 0 {
		t.Fatalf("withdrawing one copy: %+v, %v", w, err)
	}
	if got, _ := db.Figures(ctx, "kent"); len(got) != 1 {
		t.Fatalf("the figures went while a copy remains: %d", len(got))
	}
	if names, err := db.ArrivalNames(ctx); err != nil || len(names) != 1 || names[0].Name != "b.csv" {
		t.Fatalf("arrival names after a withdrawal: %+v, %v", names, err)
	}
	if w, err := db.WithdrawReply(ctx, "kent", "b.csv", ""); err != nil || w.Figures != 1 {
		t.Fatalf("withdrawing the last copy: %+v, %v", w, err)
	}
}

// testLargeReply saves a reply of 40,000 figures, then a smaller version
// of it: no statement may name every figure.
func testLargeReply(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	figs := make([]foiwire.Figure, 40000)
	for i := range figs {
		figs[i] = yearFigure("kent", "big", i, int64(i%97))
	}
	if err := db.SaveReply(ctx, reply("kent", "big.csv", "big", figs...)); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Figures(ctx, "kent"); err != nil || len(got) != 40000 {
		t.Fatalf("%d figures stored (%v), want 40000", len(got), err)
	}
	if err := db.SaveReply(ctx, reply("kent", "big.csv", "big", figs[:39000]...)); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Figures(ctx, "kent"); len(got) != 39000 {
		t.Fatalf("after a re-read with fewer rows: %d figures, want 39000", len(got))
	}
}

// testConcurrentCorrections has two editors correct the same figure from
// the same version at the same moment, many times over: exactly one of
// each pair is stored, the other gets ErrConflict, and nothing is lost.
func testConcurrentCorrections(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	key := yearFigure("kent", "doc", 1, 10).Key()
	for round := 1; round <= 10; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, who := range []string{"amira", "bert"} {
			wg.Go(func() {
				_, errs[i] = db.AddCorrection(ctx, foiwire.Correction{Key: key, Authority: "kent", Status: foiwire.StatusOK,
					Value: foiwire.Int64(int64(100*round + i)), By: who, Version: round})
			})
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, foiwire.ErrConflict):
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d of two simultaneous corrections stored (%v), want 1", round, won, errs)
		}
	}
	cs, err := db.Corrections(ctx, "kent")
	if err != nil || len(cs) != 10 {
		t.Fatalf("%d corrections stored (%v), want 10", len(cs), err)
	}
	for i, c := range cs {
		if c.Version != i+1 {
			t.Fatalf("correction %d has version %d", i, c.Version)
		}
	}
	// A correction from a version someone has moved past is refused and
	// says which is latest; version 0 adds after it.
	c, err := db.AddCorrection(ctx, foiwire.Correction{Key: key, Authority: "kent", Status: foiwire.StatusNotHeld, By: "cara", Version: 3})
	if !errors.Is(err, foiwire.ErrConflict) || c.Version != 10 {
		t.Fatalf("a stale correction gave %+v, %v", c, err)
	}
	if c, err := db.AddCorrection(ctx, foiwire.Correction{Key: key, Authority: "kent", Status: foiwire.StatusNotHeld, By: "cara"}); err != nil || c.Version != 11 {
		t.Fatalf("an unversioned correction gave %+v, %v", c, err)
	}
	// Another force's figure of the same key has a history of its own.
	if c, err := db.AddCorrection(ctx, foiwire.Correction{Key: key, Authority: "essex", Status: foiwire.StatusNotHeld, By: "cara", Version: 1}); err != nil || c.Version != 1 {
		t.Fatalf("another force's correction gave %+v, %v", c, err)
	}
}

// testStoryReviews approves and embargoes a story from versions, and
// refuses a change made from a version someone else replaced.
func testStoryReviews(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	at := time.Date(2024, 8, 1, 9, 0, 0, 0, time.UTC)
	r, err := db.SaveStoryReview(ctx, foiwire.StoryReview{Authority: "kent", ApprovedHash: "h1", ApprovedBy: "amira", ApprovedAt: at})
	if err != nil || r.Version != 1 {
		t.Fatalf("first approval: %+v, %v", r, err)
	}
	// Bert, who also saw no review, sets an embargo: refused, not merged blindly.
	now, err := db.SaveStoryReview(ctx, foiwire.StoryReview{Authority: "kent", Embargo: at.Add(48 * time.Hour), EmbargoBy: "bert"})
	if !errors.Is(err, foiwire.ErrConflict) || now.ApprovedBy != "amira" || now.Version != 1 {
		t.Fatalf("a stale embargo gave %+v, %v", now, err)
	}
	// From what is there now, it goes through and keeps the approval.
	now.Embargo, now.EmbargoBy, now.EmbargoAt = at.Add(48*time.Hour), "bert", at
	r, err = db.SaveStoryReview(ctx, now)
	if err != nil || r.Version != 2 {
		t.Fatalf("embargo from the latest: %+v, %v", r, err)
	}
	all, err := db.StoryReviews(ctx)
	if err != nil || len(all) != 1 {
		t.Fatalf("StoryReviews = %+v, %v", all, err)
	}
	got := all[0]
	if got.ApprovedHash != "h1" || got.ApprovedBy != "amira" || !got.ApprovedAt.Equal(at) || got.EmbargoBy != "bert" ||
		!got.Embargo.Equal(at.Add(48*time.Hour)) || got.Version != 2 {
		t.Fatalf("stored review %+v", got)
	}
}

// testOutputsAndViews stores a build's outputs and reads the views a
// journalist opens the database with.
func testOutputsAndViews(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	f := yearFigure("kent", "doc", 3, 14)
	f.Source.Table = 1
	if err := db.SaveReply(ctx, reply("kent", "reply.csv", "doc", f)); err != nil {
		t.Fatal(err)
	}
	facts := []foiwire.Fact{{ID: "kent/count/2021-04-01..2022-03-31", Authority: "kent", Kind: foiwire.FactCount,
		Measure: foiwire.MeasurePeriod, Period: f.Period, Value: 14, Formula: "figure", Inputs: []string{"doc#1/3/1"}},
		{ID: "national/total", Authority: foiwire.National, Kind: foiwire.FactNationalTotal, Value: 99, Of: 2}}
	stories := []foiwire.StoryRecord{{Authority: "kent", Headline: "Kent up", Text: "# Kent up\n", Written: true, Dir: "out/kent"}}
	auths := []foiwire.Authority{{ID: "kent", Name: "Kent Police", ShortName: "Kent"}}
	for range 2 { // saving again replaces
		if err := db.SaveOutputs(ctx, auths, facts, stories); err != nil {
			t.Fatal(err)
		}
	}
	var force, question, period, label, value, conf, where string
	err := db.SQL().QueryRowContext(ctx, `SELECT force, question, period, label, value, confidence, where_read FROM figures_readable`).
		Scan(&force, &question, &period, &label, &value, &conf, &where)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Kent Police", "q1", "2021-04-01 to 2022-03-31", "2021/22", "14", "high", "joint.csv, table 2, row 4, column 2"}
	for i, got := range []string{force, question, period, label, value, conf, where} {
		if got != want[i] {
			t.Errorf("figures_readable column %d = %q, want %q", i, got, want[i])
		}
	}
	var n int
	var natForce string
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM facts`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("facts view: %d rows, %v", n, err)
	}
	if err := db.SQL().QueryRowContext(ctx, `SELECT force FROM facts WHERE authority_id = 'national'`).Scan(&natForce); err != nil || natForce != "All forces" {
		t.Fatalf("national fact's force %q, %v", natForce, err)
	}
	var headline, state string
	if err := db.SQL().QueryRowContext(ctx, `SELECT force, headline, state FROM stories`).Scan(&force, &headline, &state); err != nil ||
		force != "Kent Police" || headline != "Kent up" || state != "written" {
		t.Fatalf("stories view: %q %q %q, %v", force, headline, state, err)
	}
}

// testOutputsRewriteChanges saves a build's outputs, then a second build's
// with one fact changed, one gone, one new and a story changed: the views
// must show exactly the second build, and a row that did not change must
// not be written again.
func testOutputsRewriteChanges(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	auths := []foiwire.Authority{{ID: "kent", Name: "Kent Police"}}
	fact := func(id string, v float64) foiwire.Fact {
		return foiwire.Fact{ID: id, Authority: "kent", Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod, Value: v, Formula: "figure"}
	}
	first := []foiwire.Fact{fact("kent/a", 1), fact("kent/b", 2), fact("kent/c", 3)}
	stories := []foiwire.StoryRecord{{Authority: "kent", Headline: "Kent one", Written: true}}
	if err := db.SaveOutputs(ctx, auths, first, stories); err != nil {
		t.Fatal(err)
	}
	// A row the save leaves alone keeps what is written into it here.
	if _, err := db.SQL().ExecContext(ctx, `UPDATE build_facts SET words = 'untouched' WHERE id = 'kent/a'`); err != nil {
		t.Fatal(err)
	}
	second := []foiwire.Fact{fact("kent/a", 1), fact("kent/b", 20), fact("kent/d", 4), fact("kent/d", 5)}
	stories[0].Headline = "Kent two"
	if err := db.SaveOutputs(ctx, auths, second, stories); err != nil {
		t.Fatal(err)
	}
	got := factValues(t, db, `SELECT id, value, words FROM facts ORDER BY id`)
	want := []string{"kent/a=1untouched", "kent/b=20", "kent/d=4"}
	if !slices.Equal(got, want) {
		t.Errorf("facts after the second save: %q, want %q", got, want)
	}
	var headline string
	if err := db.SQL().QueryRowContext(ctx, `SELECT headline FROM stories`).Scan(&headline); err != nil || headline != "Kent two" {
		t.Errorf("story headline %q, %v; want the second build's", headline, err)
	}
}

// testFigureVersions: an authority's figures' version moves with every
// change to them, in the same transaction, and with nothing else: not a
// read, not another authority's reply, not a failed save, not a
// withdrawal that leaves its figures.
func testFigureVersions(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	versions := func() map[string]string {
		t.Helper()
		v, err := db.FigureVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := versions(); len(v) != 0 {
		t.Fatalf("an empty store has versions: %v", v)
	}
	save := func(r foiwire.Reply) {
		t.Helper()
		if err := db.SaveReply(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	save(reply("kent", "a.csv", "a1", yearFigure("kent", "a1", 1, 10)))
	save(reply("essex", "e.csv", "e1", yearFigure("essex", "e1", 1, 4)))
	v1 := versions()
	if v1["kent"] == "" || v1["essex"] == "" || v1["kent"] == v1["essex"] {
		t.Fatalf("versions after two replies: %v", v1)
	}
	db.Figures(ctx, "")
	db.Arrivals(ctx)
	if v := versions(); !maps.Equal(v, v1) {
		t.Fatalf("reading moved the versions: %v, was %v", v, v1)
	}

	// A new read of kent's file moves kent's version only.
	save(reply("kent", "a.csv", "a2", yearFigure("kent", "a2", 1, 11)))
	v2 := versions()
	if v2["kent"] == v1["kent"] || v2["essex"] != v1["essex"] {
		t.Fatalf("after kent's new reply: %v, was %v", v2, v1)
	}

	// A save that fails changes nothing, its version included.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.SaveReply(cancelled, reply("kent", "a.csv", "a3", yearFigure("kent", "a3", 1, 12))); err == nil {
		t.Fatal("save with a cancelled context succeeded")
	}
	if v := versions(); !maps.Equal(v, v2) {
		t.Fatalf("a failed save moved the versions: %v, was %v", v, v2)
	}

	// Withdrawing one of two copies leaves the figures and the version;
	// withdrawing the last takes the figures and moves it.
	save(reply("essex", "copy.csv", "e1", yearFigure("essex", "e1", 1, 4)))
	v3 := versions()
	if _, err := db.WithdrawReply(ctx, "essex", "copy.csv", ""); err != nil {
		t.Fatal(err)
	}
	if v := versions(); v["essex"] != v3["essex"] {
		t.Fatalf("withdrawing a copy moved essex's version: %v, was %v", v, v3)
	}
	if _, err := db.WithdrawReply(ctx, "essex", "e.csv", ""); err != nil {
		t.Fatal(err)
	}
	v4 := versions()
	if v4["essex"] == v3["essex"] || v4["kent"] != v3["kent"] {
		t.Fatalf("after essex's last file went: %v, was %v", v4, v3)
	}
	if got, _ := db.Figures(ctx, "essex"); len(got) != 0 {
		t.Fatalf("essex keeps %d figures", len(got))
	}
	// Figures whose version is lost (a store copied without them) have
	// the version "", which stands for none.
	if _, err := db.SQL().ExecContext(ctx, `DELETE FROM figure_versions WHERE authority = 'kent'`); err != nil {
		t.Fatal(err)
	}
	if v := versions(); v["kent"] != "" || len(v) != 2 {
		t.Fatalf("with kent's version lost: %v", v)
	}
	if _, ok := versions()["kent"]; !ok {
		t.Fatal("kent, whose figures lost their version, is not listed")
	}
	seen := map[string]bool{}
	for _, v := range []map[string]string{v1, v2, v3, v4} {
		for a, s := range v {
			seen[a+"="+s] = true
		}
	}
	if len(seen) < 5 {
		t.Fatalf("versions repeat: %v", seen)
	}

	// Every authority whose figures have no version is listed, however
	// many there are and wherever they sort among those that have one.
	save(reply("avon", "v.csv", "v1", yearFigure("avon", "v1", 1, 3)))
	save(reply("wiltshire", "w.csv", "w1", yearFigure("wiltshire", "w1", 1, 5)))
	save(reply("lancashire", "l.csv", "l1", yearFigure("lancashire", "l1", 1, 7)))
	if _, err := db.SQL().ExecContext(ctx, `DELETE FROM figure_versions WHERE authority IN ('avon', 'wiltshire')`); err != nil {
		t.Fatal(err)
	}
	v5 := versions()
	// essex keeps the version its last withdrawal gave it.
	want := map[string]bool{"avon": false, "essex": true, "kent": false, "lancashire": true, "wiltshire": false}
	if len(v5) != len(want) {
		t.Fatalf("versions with three of four lost: %v", v5)
	}
	for a, has := range want {
		if s, ok := v5[a]; !ok || (s != "") == !has {
			t.Errorf("%s: version %q (listed %v); want one: %v", a, s, ok, has)
		}
	}
}

// testOutputsByAuthority: a save compares facts authority by authority
// (output_sums): an authority whose facts did not change is neither read
// nor written again, one whose facts went has them deleted, and a store
// whose sums are missing compares every row.
func testOutputsByAuthority(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ids := []string{"kent", "essex", "surrey", "avon", "dorset", "devon"}
	var auths []foiwire.Authority
	for _, id := range ids {
		auths = append(auths, foiwire.Authority{ID: id, Name: id + " police"})
	}
	fact := func(a, id string, v float64) foiwire.Fact {
		return foiwire.Fact{ID: a + "/" + id, Authority: a, Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod, Value: v, Formula: "figure"}
	}
	facts := func(kent float64, essex bool) []foiwire.Fact {
		out := []foiwire.Fact{fact("kent", "a", kent), fact("kent", "b", 2), fact("surrey", "a", 6), fact("surrey", "b", 7),
			fact("avon", "a", 1), fact("dorset", "a", 1), fact("devon", "a", 1)}
		if essex {
			out = append(out, fact("essex", "a", 5))
		}
		return out
	}
	save := func(fs []foiwire.Fact) {
		t.Helper()
		if err := db.SaveOutputs(ctx, auths, fs, nil); err != nil {
			t.Fatal(err)
		}
	}
	exec := func(q string) {
		t.Helper()
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string, want ...string) {
		t.Helper()
		got := factValues(t, db, `SELECT id, value, words FROM build_facts WHERE authority IN ('kent', 'essex', 'surrey') ORDER BY id`)
		if !slices.Equal(got, want) {
			t.Errorf("%s: facts %q, want %q", when, got, want)
		}
	}
	save(facts(1, true))
	// A row the save leaves alone keeps what is written into it here;
	// surrey/a's digest is spoilt too, so only a save that reads it
	// back rewrites it.
	exec(`UPDATE build_facts SET words = 'untouched' WHERE id = 'kent/b'`)
	exec(`UPDATE build_facts SET words = 'untouched', digest = 0 WHERE id = 'surrey/a'`)

	// Kent's facts changed and essex's went: kent is compared row by row
	// (its unchanged row left alone), essex's row deleted, and surrey,
	// whose facts did not change, is not read back at all.
	save(facts(10, false))
	check("after kent changed and essex went", "kent/a=10", "kent/b=2untouched", "surrey/a=6untouched", "surrey/b=7")

	// Without sums every row is compared (surrey/a's spoilt digest is
	// found and the row written again), and the sums are made again.
	exec(`DELETE FROM output_sums`)
	save(facts(10, true))
	check("after the sums were lost", "essex/a=5", "kent/a=10", "kent/b=2untouched", "surrey/a=6", "surrey/b=7")
	var n int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM output_sums`).Scan(&n); err != nil || n != len(ids) {
		t.Errorf("%d sums held (%v), want %d", n, err, len(ids))
	}
}

// factValues runs q, a query of facts' id, value and words, and gives
// each row as "id=value" followed by its words.
func factValues(t *testing.T, db Store, q string) []string {
	t.Helper()
	rows, err := db.SQL().QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var id, words string
		var v float64
		if err := rows.Scan(&id, &v, &words); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s=%g%s", id, v, words))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}
