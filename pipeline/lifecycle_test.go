package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"
)

// yearly is a reply that does not name its force: a joint FOI unit's
// answer filed under each force it answers for.
const yearly = `Question 1: crimes recorded by financial year,
Financial year,Crimes recorded
2021/22,10
2022/23,12
2023/24,15
`

// campaignWith copies the example's campaign and story template, with
// replies of its own: folder → file name → contents.
func campaignWith(t *testing.T, replies map[string]map[string]string) string {
	t.Helper()
	dir := testenv.CopyDir(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"), func(rel string) bool {
		return notSource(rel) || rel == "replies" || rel == "data"
	})
	for force, files := range replies {
		for name, body := range files {
			writeReply(t, dir, force, name, body)
		}
	}
	return dir
}

func writeReply(t *testing.T, dir, force, name, body string) {
	t.Helper()
	p := filepath.Join(dir, "replies", force)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// counts gives each force's yearly counts as "2021-04-01=10".
func counts(figs []foiwire.Figure) map[string][]string {
	out := map[string][]string{}
	for _, f := range figs {
		if f.Measure == foiwire.MeasurePeriod && f.Value != nil {
			out[f.Authority] = append(out[f.Authority], fmt.Sprintf("%s=%d", f.Start, *f.Value))
		}
	}
	return out
}

// TestIdenticalRepliesFromTwoForces files the same bytes under two forces:
// both keep their figures, through a second build too.
func TestIdenticalRepliesFromTwoForces(t *testing.T) {
	dir := campaignWith(t, map[string]map[string]string{
		"kent": {"joint-reply.csv": yearly}, "essex": {"joint-reply.csv": yearly},
	})
	for i := range 2 {
		res := build(t, pipeline.Options{Dir: dir})
		c := counts(res.Figures)
		if len(c["kent"]) != 3 || len(c["essex"]) != 3 {
			t.Fatalf("build %d: kent %v, essex %v; want three years each", i+1, c["kent"], c["essex"])
		}
	}
}

// TestDeletedAndMovedRepliesAreWithdrawn deletes one force's reply and moves
// another's to a third force: the next build withdraws their figures, says
// so, and reads the moved file under its new force.
func TestDeletedAndMovedRepliesAreWithdrawn(t *testing.T) {
	dir := campaignWith(t, map[string]map[string]string{
		"kent": {"reply.csv": yearly}, "essex": {"reply.csv": strings.Replace(yearly, "2023/24,15", "2023/24,16", 1)},
	})
	res := build(t, pipeline.Options{Dir: dir})
	if c := counts(res.Figures); len(c["kent"]) != 3 || len(c["essex"]) != 3 {
		t.Fatalf("first build: %v", c)
	}
	if err := os.Remove(filepath.Join(dir, "replies", "kent", "reply.csv")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "replies", "surrey"), 0o755)
	if err := os.Rename(filepath.Join(dir, "replies", "essex", "reply.csv"), filepath.Join(dir, "replies", "surrey", "reply.csv")); err != nil {
		t.Fatal(err)
	}
	res = build(t, pipeline.Options{Dir: dir})
	c := counts(res.Figures)
	if len(c["kent"]) != 0 || len(c["essex"]) != 0 || len(c["surrey"]) != 3 {
		t.Fatalf("after delete and move: %v", c)
	}
	gone := map[string]int{}
	for _, w := range res.Withdrawn {
		gone[w.Authority+"/"+w.Name] = w.Figures
	}
	if gone["kent/reply.csv"] == 0 || gone["essex/reply.csv"] == 0 || len(gone) != 2 {
		t.Fatalf("withdrawn: %v", gone)
	}
	for _, f := range res.Facts {
		if f.Authority == "kent" || f.Authority == "essex" {
			t.Fatalf("a withdrawn reply still feeds fact %s", f.ID)
		}
	}
	if res = build(t, pipeline.Options{Dir: dir}); len(res.Withdrawn) != 0 {
		t.Fatalf("a third build withdrew again: %+v", res.Withdrawn)
	}
}

// TestConflictingRepliesGoToReview files two replies from one force that
// disagree about a year: the build goes on, both readings wait for a
// person, and the other forces are untouched.
func TestConflictingRepliesGoToReview(t *testing.T) {
	dir := campaignWith(t, map[string]map[string]string{
		"kent":  {"reply.csv": yearly, "revised.csv": strings.Replace(yearly, "2022/23,12", "2022/23,21", 1)},
		"essex": {"reply.csv": yearly},
	})
	res := build(t, pipeline.Options{Dir: dir})
	var disputed []string
	for _, f := range res.Review {
		if strings.Contains(f.Reason, "replies disagree") {
			disputed = append(disputed, fmt.Sprintf("%s %s %d", f.Authority, f.Source.File, *f.Value))
		}
	}
	if len(disputed) != 2 || !strings.HasPrefix(disputed[0], "kent") || !strings.HasPrefix(disputed[1], "kent") {
		t.Fatalf("disputed figures: %v", disputed)
	}
	essexFacts := 0
	for _, f := range res.Facts {
		if f.Authority == "essex" {
			essexFacts++
		}
		if f.Authority == "kent" && f.Start.String() == "2022-04-01" && f.Kind == foiwire.FactCount {
			t.Fatalf("a disputed year made fact %s", f.ID)
		}
	}
	if essexFacts == 0 {
		t.Fatal("the other force got no facts")
	}
}

// TestLargeReplyBuilds reads a reply of 40,000 rows, more than one SQL
// statement could once name.
func TestLargeReplyBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("a 40,000-row reply")
	}
	var b strings.Builder
	b.WriteString("Question 1a: offences recorded in 2023/24,\nOffence,Crimes\n")
	for i := range 40000 {
		fmt.Fprintf(&b, "Offence type %d,%d\n", i+1, i%97+1)
	}
	dir := campaignWith(t, map[string]map[string]string{"kent": {"big.csv": b.String()}})
	res := build(t, pipeline.Options{Dir: dir})
	n := 0
	for _, f := range res.Figures {
		if f.Authority == "kent" {
			n++
		}
	}
	if n < 40000 {
		t.Fatalf("%d figures from a 40,000-row reply (problems: %+v)", n, res.Problems)
	}
}
