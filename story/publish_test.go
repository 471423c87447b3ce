package story

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/campaign"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func fy(y int) foiwire.Period {
	return foiwire.Period{Start: foiwire.NewDate(y, time.April, 1), End: foiwire.NewDate(y+1, time.March, 31)}
}

// testCampaign is the TikTok campaign as a test fixture, with quotes and
// notes written for the tests. Its notes hold a number ("44") and its quote
// the word "one": campaign text is exempt from the number check.
func testCampaign() foiwire.Campaign {
	return foiwire.Campaign{
		Slug:         "tiktok-2024",
		Title:        "Offences linked to TikTok, 2021/22 to 2023/24",
		Topic:        "TikTok",
		PercentStyle: PercentWords,
		Questions: []foiwire.Question{
			{ID: "q1", Measure: foiwire.MeasurePeriod, Periods: []foiwire.Period{fy(2021), fy(2022), fy(2023)}},
			{ID: "q2", Measure: foiwire.MeasureOffence, Periods: []foiwire.Period{fy(2023)}},
			{ID: "q3", Measure: foiwire.MeasureOutcome, Periods: []foiwire.Period{fy(2023)}},
		},
		Quotes: []foiwire.Quote{
			{Name: "Alex Morgan", Role: "a solicitor who advises victims of online abuse", Text: "Every one of these numbers is somebody who was harmed, and far too few of them see anyone answer for it."},
			{Name: "Alex Morgan", Text: "Anyone targeted through an app should know that the law protects them and that help is there."},
		},
		Boilerplate: "The figures come from Freedom of Information requests sent to the 44 police forces of England and Wales in 2024. A force flags an offence as linked to TikTok when the app played a part in it.",
		Sender:      foiwire.Sender{Name: "Data desk", Organisation: "Example News"},
	}
}

// exampleTemplate is the bundled campaign's story.yaml.
func exampleTemplate(t testing.TB) *Template {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "tiktok-2024", FileName))
	if err != nil {
		t.Fatal(err)
	}
	tm, err := ParseTemplate(b, "examples/tiktok-2024/story.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// articleFigures reads the fixture copy of the figures the printed articles
// state.
func articleFigures(t testing.TB) []foiwire.Figure {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "article_figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	figs, err := campaign.ReadFigures(f, "article_figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	return figs
}

func deriveFacts(t testing.TB, c foiwire.Campaign, figs []foiwire.Figure) []foiwire.Fact {
	t.Helper()
	facts, err := analysis.Derive(c, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

func policeByID(id string) (foiwire.Authority, bool) { return authority.Police().ByID(id) }

var buildTime = time.Date(2024, time.August, 4, 9, 0, 0, 0, time.UTC)

func publishArticles(t *testing.T, dir string, c foiwire.Campaign, tm *Template) Report {
	t.Helper()
	figs := articleFigures(t)
	facts, err := analysis.Derive(c, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Publish(context.Background(), dir, c, authority.Police(), figs, facts, Options{
		Template: tm,
		Now:      func() time.Time { return buildTime },
	})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestPublishArticleCampaign(t *testing.T) {
	dir := t.TempDir()
	c := testCampaign()
	c.Embargo = time.Date(2024, time.August, 5, 0, 1, 0, 0, time.FixedZone("BST", 3600))
	rep := publishArticles(t, dir, c, exampleTemplate(t))
	for _, r := range rep.Refused {
		t.Errorf("refused: %v", r)
	}
	var written []string
	for _, w := range rep.Written {
		written = append(written, w.Force)
	}
	if got, want := strings.Join(written, " "), "cambridgeshire dyfed-powys lancashire northamptonshire"; got != want {
		t.Fatalf("written %q, want %q", got, want)
	}
	if len(rep.Skipped) != 40 {
		t.Errorf("skipped %d forces, want the 40 without figures", len(rep.Skipped))
	}
	for _, f := range []string{"index.html", "stories.csv", "facts.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	for _, name := range storyFiles {
		golden(t, filepath.Join(dir, "lancashire", name), filepath.Join("testdata", "golden", "lancashire", name))
	}

	var n ninjs
	b, err := os.ReadFile(filepath.Join(dir, "dyfed-powys", "story.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &n); err != nil {
		t.Fatal(err)
	}
	if n.Type != "text" || n.Language != "en-GB" || n.Version != "1" || n.Located != "Dyfed-Powys" {
		t.Errorf("ninjs type/language/version/located = %q %q %q %q", n.Type, n.Language, n.Version, n.Located)
	}
	if n.VersionCreated != "2024-08-04T09:00:00Z" || n.Embargoed != "2024-08-05T00:01:00+01:00" {
		t.Errorf("versioncreated %q, embargoed %q", n.VersionCreated, n.Embargoed)
	}
	if len(n.Headlines) != 1 || !strings.Contains(n.Headlines[0].Value, "Dyfed-Powys") {
		t.Errorf("headlines = %+v", n.Headlines)
	}
	if len(n.Associations) != 1 || n.Associations[0].Descriptions[0].Value == "" || n.Associations[0].Renditions[1].Href != "chart.png" {
		t.Errorf("associations = %+v", n.Associations)
	}
	if !strings.Contains(n.Bodies[1].Value, `<img src="chart.png"`) {
		t.Errorf("html body has no chart")
	}
}

// golden compares a written file with its golden copy (.png files only for
// existence: their bytes follow the font rasteriser).
func golden(t *testing.T, got, want string) {
	t.Helper()
	b, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(got, ".png") {
		if !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("%s is not a PNG", got)
		}
		return
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(want), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(want, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b, w) {
		t.Errorf("%s differs from %s; run go test -update and look at the diff", got, want)
	}
}

func TestPublishTwiceIsByteIdentical(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	publishArticles(t, a, testCampaign(), exampleTemplate(t))
	publishArticles(t, b, testCampaign(), exampleTemplate(t))
	n := 0
	err := filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 4*len(storyFiles)+5 { // and index, stories.csv, facts.csv and the national chart
		t.Errorf("compared %d files, want %d", n, 4*len(storyFiles)+5)
	}
}

// plant returns the example template with one extra paragraph.
func plant(t *testing.T, para string) *Template {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "tiktok-2024", FileName))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(b), "  - chart: true\n", "  - name: planted\n    say:\n      - >-\n        "+para+"\n  - chart: true\n", 1)
	tm, err := ParseTemplate([]byte(src), "planted.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestSelfCheckRefuses(t *testing.T) {
	tests := []struct {
		name       string
		para       string
		force      string
		wantNumber string
		wantReason string
	}{
		{
			name:       "another force named",
			para:       "A total of {{num .Total}} offences were recorded by North Yorkshire Police.",
			force:      "northamptonshire",
			wantNumber: "North Yorkshire Police",
			wantReason: "names another authority (North Yorkshire Police)",
		},
		{
			name:       "a hard-coded percentage",
			para:       "Crime linked to the app soared by 63 per cent.",
			force:      "lancashire",
			wantNumber: "63 per cent",
			wantReason: "contradicted",
		},
		{
			name:       "a hard-coded count",
			para:       "In 2023/24 the force logged 82 offences of sending letters with intent to cause distress or anxiety.",
			force:      "lancashire",
			wantNumber: "82",
			wantReason: "",
		},
		{
			name:       "a number the reader cannot place",
			para:       "The force has a 24-hour helpline.",
			force:      "cambridgeshire",
			wantNumber: "24",
			wantReason: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			rep := publishArticles(t, dir, testCampaign(), plant(t, tt.para))
			var hit *Refusal
			for i, r := range rep.Refused {
				if r.Force == tt.force && strings.Contains(r.Number, tt.wantNumber) {
					hit = &rep.Refused[i]
				}
			}
			if hit == nil {
				t.Fatalf("no refusal of %q for %s; refused: %v", tt.wantNumber, tt.force, rep.Refused)
			}
			if !strings.Contains(hit.Reason, tt.wantReason) {
				t.Errorf("reason %q, want it to contain %q", hit.Reason, tt.wantReason)
			}
			if !strings.Contains(hit.Sentence, tt.wantNumber) {
				t.Errorf("sentence %q does not hold %q", hit.Sentence, tt.wantNumber)
			}
			if _, err := os.Stat(filepath.Join(dir, tt.force, "story.md")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("refused story was written (stat: %v)", err)
			}
			t.Logf("refused as it should be: %v", hit)
		})
	}
}

func TestStrictRefusalIsAnError(t *testing.T) {
	figs := articleFigures(t)
	c := testCampaign()
	facts, err := analysis.Derive(c, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err = Publish(context.Background(), dir, c, authority.Police(), figs, facts, Options{
		Template: plant(t, "Kent Police said so too."),
		Now:      func() time.Time { return buildTime },
		Strict:   true,
	})
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("error = %v, want ErrRefused", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("strict refusal still wrote %d entries", len(ents))
	}
}

func TestCampaignTextIsExemptFromNumbersOnly(t *testing.T) {
	c := testCampaign()
	c.Boilerplate = "Figures were requested from all 44 forces; Lancashire Constabulary was one of them."
	dir := t.TempDir()
	rep := publishArticles(t, dir, c, exampleTemplate(t))
	// The notes' "44" passes everywhere; naming Lancashire refuses every
	// other force's story.
	if len(rep.Written) != 1 || rep.Written[0].Force != "lancashire" {
		t.Errorf("written = %+v, want only lancashire", rep.Written)
	}
	for _, r := range rep.Refused {
		if r.Number == "44" {
			t.Errorf("campaign notes' number refused: %v", r)
		}
	}
}

func ExampleRefusal_Error() {
	r := Refusal{Force: "northamptonshire", Sentence: "A total of 252 offences were recorded by North Yorkshire Police.", Number: "North Yorkshire Police", Reason: "names another authority (North Yorkshire Police)"}
	fmt.Println(r.Error())
	// Output: story for northamptonshire refused: "North Yorkshire Police" names another authority (North Yorkshire Police) (in "A total of 252 offences were recorded by North Yorkshire Police.")
}

// TestApprovalAndBuildTimeReachEveryExport: versioncreated and the index's
// built date are the build time, never the data's end; an approved story is
// usable in ninjs and says so in stories.csv, any other is withheld.
func TestApprovalAndBuildTimeReachEveryExport(t *testing.T) {
	dir := t.TempDir()
	c := testCampaign()
	figs := articleFigures(t)
	facts := deriveFacts(t, c, figs)
	built := time.Date(2026, time.March, 2, 10, 30, 0, 0, time.UTC)
	var asked []string
	rep, err := Publish(context.Background(), dir, c, authority.Police(), figs, facts, Options{
		Template: exampleTemplate(t),
		Now:      func() time.Time { return built },
		Approval: func(force, hash string) Approval {
			asked = append(asked, force)
			if len(hash) != 64 {
				t.Errorf("%s: hash %q", force, hash)
			}
			return Approval{Approved: force == "lancashire", By: "editor", At: built}
		},
	})
	if err != nil || len(rep.Refused) > 0 {
		t.Fatal(err, rep.Refused)
	}
	if len(asked) != len(rep.Written) {
		t.Errorf("approval asked for %d stories, %d written", len(asked), len(rep.Written))
	}
	for force, want := range map[string]string{"lancashire": "usable", "dyfed-powys": "withheld"} {
		var n ninjs
		b, err := os.ReadFile(filepath.Join(dir, force, "story.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &n); err != nil {
			t.Fatal(err)
		}
		if n.PubStatus != want {
			t.Errorf("%s: pubstatus %q, want %q", force, n.PubStatus, want)
		}
		if n.VersionCreated != "2026-03-02T10:30:00Z" {
			t.Errorf("%s: versioncreated %q, want the build time", force, n.VersionCreated)
		}
	}
	rows, err := os.ReadFile(filepath.Join(dir, "stories.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(rows), "2026-03-02T10:30:00Z,approved,editor,2026-03-02T10:30:00Z") || !strings.Contains(string(rows), ",not approved,,") {
		t.Errorf("stories.csv lacks the approval columns:\n%s", rows)
	}
	idx, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(idx), "Built 2 March 2026") {
		t.Errorf("index.html does not give the build date")
	}
}

// TestRunawayTemplateRefusesOneStory: a block that writes without end
// costs its own story only; the rest are written, whole.
func TestRunawayTemplateRefusesOneStory(t *testing.T) {
	yaml := `headline:
  - say: ["{{.Force.Name}}: the figures"]
paragraphs:
  - name: flood
    when: latest == 98
    say: ["{{range .Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}{{range $.Years}}words words {{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}"]
  - name: years
    when: years >= 1
    say: ["{{.Force.Name}} recorded {{plural .Latest \"offence\"}} in {{.Latest.Year}}."]
`
	tm, err := ParseTemplate([]byte(yaml), "runaway.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c := testCampaign()
	figs := articleFigures(t)
	facts := deriveFacts(t, c, figs)
	rep, err := Publish(context.Background(), dir, c, authority.Police(), figs, facts, Options{
		Template: tm, Now: func() time.Time { return buildTime }, Limits: Limits{Bytes: 64 << 10},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Refused) != 1 || rep.Refused[0].Force != "lancashire" || !strings.Contains(rep.Refused[0].Reason, "ran away") {
		t.Fatalf("refused %v, want Lancashire's runaway story alone", rep.Refused)
	}
	if len(rep.Written) != 3 {
		t.Errorf("%d stories written, want the other 3", len(rep.Written))
	}
	if _, err := os.Stat(filepath.Join(dir, "lancashire", "story.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the runaway story was written: %v", err)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(path, ".tmp") {
			t.Errorf("temporary file left: %s", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// A story that takes too long is refused the same way.
	lancs, _ := policeByID("lancashire")
	_, err = tm.render(c, lancs, analysis.FactsFor(facts, lancs.ID), Limits{Time: time.Nanosecond}, nil)
	if !errors.Is(err, ErrRunaway) {
		t.Errorf("render over time: %v, want ErrRunaway", err)
	}
}

func TestPublishWritesTheNationalChart(t *testing.T) {
	dir := t.TempDir()
	publishArticles(t, dir, testCampaign(), exampleTemplate(t))
	svg, err := os.ReadFile(filepath.Join(dir, "national.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Cambridgeshire Constabulary", "Dyfed-Powys Police", "not rates"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("national.svg lacks %q", want)
		}
	}
	idx, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(idx), `src="national.svg"`) {
		t.Error("index.html does not show the national chart")
	}
}
