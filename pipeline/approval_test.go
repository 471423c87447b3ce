package pipeline_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"
	"github.com/foiwire/foiwire/sqlite"
	"github.com/foiwire/foiwire/story"
)

// TestApprovalReachesTheStoryFiles: a story an editor approved (its very
// words) is usable in ninjs; one approved on other words, or never, is
// withheld; versioncreated is the build's clock.
func TestApprovalReachesTheStoryFiles(t *testing.T) {
	dir := testenv.CopyDir(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"), notSource)
	ctx := context.Background()
	res, err := pipeline.Build(ctx, pipeline.Options{Dir: dir, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := story.LoadTemplate(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	dorset, _ := res.Campaign.Registry.ByID("dorset")
	st, err := tmpl.Render(res.Campaign.Campaign, dorset, res.Facts)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "foiwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	for force, hash := range map[string]string{"dorset": story.Hash(st), "lancashire": "an-older-version"} {
		at := time.Date(2024, 8, 1, 8, 0, 0, 0, time.UTC)
		if _, err := db.SaveStoryReview(ctx, foiwire.StoryReview{Authority: force, ApprovedHash: hash, ApprovedBy: "editor", ApprovedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if _, err := pipeline.Build(ctx, pipeline.Options{Dir: dir, Now: fixedClock}); err != nil {
		t.Fatal(err)
	}
	for force, want := range map[string]string{"dorset": "usable", "lancashire": "withheld", "cambridgeshire": "withheld"} {
		b, err := os.ReadFile(filepath.Join(dir, "out", force, "story.json"))
		if err != nil {
			t.Fatal(err)
		}
		var n struct {
			PubStatus      string `json:"pubstatus"`
			VersionCreated string `json:"versioncreated"`
		}
		if err := json.Unmarshal(b, &n); err != nil {
			t.Fatal(err)
		}
		if n.PubStatus != want || n.VersionCreated != "2024-08-01T09:00:00Z" {
			t.Errorf("%s: pubstatus %q, versioncreated %q; want %q at the build's clock", force, n.PubStatus, n.VersionCreated, want)
		}
	}
}
