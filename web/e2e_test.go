package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
)

// chromium finds a Chromium or Chrome binary: $FOIWIRE_CHROME, or the
// usual names on PATH.
func chromium() string {
	if p := os.Getenv("FOIWIRE_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserEndToEnd drives the app in headless Chromium as an editor
// would: sign in, open a force, correct a figure, see the story change,
// approve it. Screenshots go to $FOIWIRE_SCREENSHOTS, or a temporary
// folder named in the log.
func TestBrowserEndToEnd(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium found (install Debian's chromium, or set FOIWIRE_CHROME); CI runs this test")
	}
	if testing.Short() {
		t.Skip("the browser test is not short")
	}
	src, force := "testdata/campaign", "kent"
	if ex := filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"); fileExists(filepath.Join(ex, "campaign.yaml")) {
		src, force = ex, "dorset"
	}
	f := newFixture(t, src)
	// The browser runs in real time; the fixture's clock is set in 2024.
	f.clock.Set(time.Now())
	shots := os.Getenv("FOIWIRE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)

	ts := newLoopbackServer(t, f.srv)
	snap := f.srv.snap.Load()
	target := latestYear(snap, force)
	if target < 0 {
		t.Fatalf("%s has no yearly figure to correct", force)
	}
	old, _ := snap.figures[target].Int()
	corrected := old + 57

	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
	)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithErrorf(t.Logf))
	defer cancel()
	// The first call starts the browser, which lives as long as ctx: the
	// steps below get their own deadlines.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}

	type step = chromedp.Action[chromedp.Void]
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	shot := func(name string) step {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		})
	}
	text := func(sel string, dst *string) step {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			s, err := chromedp.Text(css(sel))(ctx, tg)
			*dst = s
			return err
		})
	}
	// fits says the page needs no sideways scrolling: wide tables scroll in
	// their own boxes, the page itself does not.
	fits := func(width int) step {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			w, err := chromedp.Evaluate[int](`document.documentElement.scrollWidth`)(ctx, tg)
			if err == nil && w > width {
				return fmt.Errorf("the page is %d px wide on a %d px screen", w, width)
			}
			return err
		})
	}
	fig := "#fig-" + strconv.Itoa(target)
	approve := `form[action="/stories/` + force + `/approve"] button`
	var storyBefore, storyAfter, flash, state, picked string
	steps := []struct {
		name string
		do   []step
	}{
		{"sign in", []step{
			chromedp.Navigate(ts + "/forces/" + force),
			chromedp.WaitVisible(css(`input[name="password"]`)),
			shot("01-sign-in"),
			chromedp.SendKeys(css(`input[name="name"]`), "amira"),
			chromedp.SendKeys(css(`input[name="password"]`), editorPass),
			chromedp.Click(css(`form[action="/login"] button`)),
			// The sign-in form sends the editor on to the page asked for.
			chromedp.WaitVisible(css(`#figures`)),
		}},
		{"overview", []step{
			chromedp.Navigate(ts + "/"),
			chromedp.WaitVisible(css(`table.forces`)),
			shot("02-overview"),
		}},
		{"open a force", []step{
			chromedp.Click(css(`table.forces a[href="/forces/` + force + `"]`)),
			chromedp.WaitVisible(css(`#figures`)),
			text(`article.story`, &storyBefore),
			shot("03-force"),
		}},
		{"see where a figure was read", []step{
			chromedp.Click(css(fig + ` td.src a`)),
			chromedp.WaitVisible(css(`#cell`)),
			text(`#cell`, &picked),
			shot("04-reply"),
		}},
		{"correct the figure", []step{
			chromedp.Navigate(ts + "/forces/" + force),
			chromedp.Click(css(fig + ` a.button`)),
			chromedp.WaitVisible(css(`#value`)),
			chromedp.Clear(css(`#value`)),
			chromedp.SendKeys(css(`#value`), strconv.FormatInt(corrected, 10)),
			chromedp.SendKeys(css(`form[action="/figure/correct"] input[name="note"]`), "checked against the force's covering letter"),
			shot("05-figure"),
			chromedp.Click(css(`form[action="/figure/correct"] button`)),
			chromedp.WaitVisible(css(`p.flash`)),
			text(`p.flash`, &flash),
			text(`article.story`, &storyAfter),
			shot("06-corrected"),
		}},
		{"approve the story", []step{
			chromedp.Navigate(ts + "/stories/" + force),
			chromedp.WaitVisible(css(approve)),
			chromedp.Click(css(approve)),
			chromedp.WaitVisible(css(`aside .state-approved`)),
			text(`aside .state-approved`, &state),
			shot("07-approved"),
			chromedp.Navigate(ts + "/review"),
			chromedp.WaitVisible(css(`main h1`)),
			shot("07b-review"),
			chromedp.Navigate(ts + "/downloads"),
			chromedp.WaitVisible(css(`ul.downloads`)),
			shot("07c-downloads"),
		}},
		{"phone width", []step{
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(ts + "/"),
			chromedp.WaitVisible(css(`table.forces`)),
			fits(390),
			shot("08-phone-overview"),
			chromedp.Navigate(ts + "/stories/" + force),
			chromedp.WaitVisible(css(`article.story`)),
			fits(390),
			shot("09-phone-story"),
			chromedp.Navigate(ts + "/review"),
			chromedp.WaitVisible(css(`main h1`)),
			fits(390),
			shot("10-phone-review"),
		}},
	}
	for _, st := range steps {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(sctx, st.do...)
		cancel()
		if err != nil {
			// A picture of where it stopped says more than the error.
			sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			chromedp.Do(sctx, shot("failed-"+strings.ReplaceAll(st.name, " ", "-")))
			cancel()
			t.Fatalf("%s: %v", st.name, err)
		}
	}
	if picked != snap.figures[target].Source.Text {
		t.Errorf("the reply picked out %q, want the figure's cell %q", picked, snap.figures[target].Source.Text)
	}
	if !strings.Contains(flash, "Correction saved") {
		t.Errorf("after correcting: flash %q", flash)
	}
	if storyAfter == storyBefore {
		t.Fatalf("the story did not change after correcting %d to %d:\n%s", old, corrected, storyAfter)
	}
	if want := commas(corrected); !strings.Contains(storyAfter, want) {
		t.Errorf("the story does not give the corrected %s:\n%s", want, storyAfter)
	}
	if state != "Approved" {
		t.Errorf("story state %q after approving", state)
	}
	now := f.srv.snap.Load()
	if st := f.srv.storyState(now, now.byID[force]); st.Key != "approved" || st.ApprovedBy != "amira" {
		t.Errorf("stored state %+v", st)
	}
	entries, _ := os.ReadDir(shots)
	if len(entries) < 12 {
		t.Errorf("%d screenshots saved", len(entries))
	}
}

// latestYear returns the index of a force's yearly count for its latest
// year, the figure a story leads on; -1 when it has none.
func latestYear(snap *snapshot, force string) int {
	best := -1
	for _, i := range snap.byID[force].Figures {
		fg := snap.figures[i]
		if fg.Measure != foiwire.MeasurePeriod || fg.IsTotal || fg.Value == nil || fg.Source.Document == "" {
			continue
		}
		if best < 0 || fg.End.After(snap.figures[best].End) {
			best = i
		}
	}
	return best
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// newLoopbackServer serves h on 127.0.0.1 and returns its base URL.
func newLoopbackServer(t *testing.T, h *Server) string {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts.URL
}
