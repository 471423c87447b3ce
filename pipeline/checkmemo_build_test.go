package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/bench/gen"
	"github.com/foiwire/foiwire/pipeline"
)

// TestCheckMemoAcrossBuilds: the passes one build keeps let the next
// build's unchanged stories through with the same bytes, and a campaign
// whose topic comes to be another force's name has every story refused,
// the kept passes notwithstanding.
func TestCheckMemoAcrossBuilds(t *testing.T) {
	dir := genCampaign(t, gen.Options{Forces: 3, Replies: 2, Rows: 5, Seed: 11})
	first := build(t, pipeline.Options{Dir: dir})
	if first.Stories == 0 || len(first.Refused) > 0 {
		t.Fatalf("%d stories, refused %q", first.Stories, first.Refused)
	}
	want := outputs(t, filepath.Join(dir, "out"))
	memo, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pipeline.CheckFile)))
	if err != nil {
		t.Skipf("no check memo kept (the program cannot be named here?): %v", err)
	}
	if keys := strings.Count(string(memo), "\n") - 3; keys < 1 {
		t.Fatalf("the memo keeps %d passes:\n%s", keys, memo)
	}

	again := build(t, pipeline.Options{Dir: dir})
	if again.Stories != first.Stories || len(again.Refused) > 0 {
		t.Fatalf("rebuild: %d stories, refused %q", again.Stories, again.Refused)
	}
	sameOutputs(t, "rebuild with kept passes", want, outputs(t, filepath.Join(dir, "out")))

	// A force with no story here, named as the campaign's topic.
	var other authority.Mention
	for _, a := range authority.Police().All() {
		if _, err := os.Stat(filepath.Join(dir, "out", a.ID)); os.IsNotExist(err) {
			other = authority.Mention{ID: a.ID, Text: a.Name}
			break
		}
	}
	name := filepath.Join(dir, "campaign.yaml")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "\ntopic: ", "\ntopic: "+other.Text+" ", 1)
	if edited == string(b) {
		t.Fatal("no topic in campaign.yaml")
	}
	if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	res := build(t, pipeline.Options{Dir: dir})
	if res.Stories != 0 || len(res.Refused) < first.Stories {
		t.Fatalf("topic naming %s: %d stories written, %d refused, want 0 and every one of %d", other.Text, res.Stories, len(res.Refused), first.Stories)
	}
	for _, r := range res.Refused {
		if !strings.Contains(r, "names another authority ("+other.Text+")") {
			t.Errorf("refused for another reason: %s", r)
		}
	}
}
