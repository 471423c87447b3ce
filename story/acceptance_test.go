package story

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/claims"
	"github.com/foiwire/foiwire/internal/testenv"
)

// acceptanceFigures is the acceptance campaign: the figures the printed
// articles state, three made-up forces with layouts real replies have
// (coded labels, counts under ten, 6 April years) and, when withDorset,
// Dorset's figures as a person read them from its reply.
func acceptanceFigures(t testing.TB, withDorset bool) []foiwire.Figure {
	t.Helper()
	shared := testenv.Shared(t, "corpus")
	var figs []foiwire.Figure
	for _, name := range []string{filepath.Join(shared, "article_figures.csv"), filepath.Join("testdata", "acceptance", "synthetic_figures.csv")} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := campaign.ReadFigures(f, filepath.Base(name))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, fs...)
	}
	if !withDorset {
		return figs
	}
	for i, r := range testenv.ReadCSV(t, filepath.Join(shared, "expected_figures.csv")) {
		if r["authority"] != "dorset" || !strings.HasPrefix(r["file"], "dorset__01-fin-24-2153") {
			continue
		}
		fig := foiwire.Figure{
			Authority: "dorset", Measure: foiwire.Measure(r["measure"]), Label: r["label"],
			Status: foiwire.Status(r["status"]), IsTotal: r["is_total"] == "true", Confidence: foiwire.ConfidenceHigh,
			Source: foiwire.Source{File: "expected_figures.csv", Row: i + 2},
		}
		var err error
		if fig.Start, err = foiwire.ParseDate(r["period_start"]); err != nil {
			t.Fatal(err)
		}
		if fig.End, err = foiwire.ParseDate(r["period_end"]); err != nil {
			t.Fatal(err)
		}
		var v int64
		if _, err := fmt.Sscan(r["value"], &v); err == nil {
			fig.Value = foiwire.Int64(v)
		}
		figs = append(figs, fig)
	}
	return figs
}

// TestAcceptanceStories: every force with figures gets a story, and each
// story states its counts, its total and its change.
func TestAcceptanceStories(t *testing.T) {
	for name, tm := range map[string]*Template{"example": exampleTemplate(t), "built-in": Default()} {
		t.Run(name, func(t *testing.T) { acceptanceStories(t, tm) })
	}
}

func acceptanceStories(t *testing.T, tm *Template) {
	c := testCampaign()
	figs := acceptanceFigures(t, true)
	facts := deriveFacts(t, c, figs)
	dir := t.TempDir()
	rep, err := Publish(context.Background(), dir, c, authority.Police(), figs, facts, Options{
		Template: tm, Now: func() time.Time { return buildTime },
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Refused {
		t.Errorf("refused: %v", r)
	}
	forces := map[string]bool{}
	for _, f := range figs {
		forces[f.Authority] = true
	}
	if len(rep.Written) != len(forces) {
		t.Errorf("%d stories written for %d forces with figures", len(rep.Written), len(forces))
	}
	t.Logf("acceptance campaign: %d forces with figures, %d stories written, %d refused", len(forces), len(rep.Written), len(rep.Refused))
	for _, w := range rep.Written {
		b, err := os.ReadFile(filepath.Join(w.Dir, "story.md"))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		own := factsOf(facts, w.Force)
		for _, f := range own {
			var want []string
			switch {
			case f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod:
				want = []string{Number(int64(f.Value))}
			case f.Kind == foiwire.FactTotal && f.Measure == foiwire.MeasurePeriod:
				want = []string{Number(int64(f.Value)), Approx(int64(f.Value))}
			case f.Kind == foiwire.FactChangePct && f.Base.Start == firstYear(own).Start:
				want = []string{Percent(f.Value, c.PercentStyle), f.Words}
			default:
				continue
			}
			found := false
			for _, w := range want {
				found = found || w != "" && strings.Contains(strings.ToLower(text), strings.ToLower(w))
			}
			if !found {
				t.Errorf("%s: the story does not state %s %s (%q)", w.Force, f.Kind, f.ID, want)
			}
		}
	}
}

func factsOf(facts []foiwire.Fact, id string) []foiwire.Fact {
	var out []foiwire.Fact
	for _, f := range facts {
		if f.Authority == id {
			out = append(out, f)
		}
	}
	return out
}

func firstYear(facts []foiwire.Fact) foiwire.Period {
	var first foiwire.Period
	for _, f := range facts {
		if f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod && (first.IsZero() || f.Start.Before(first.Start)) {
			first = f.Period
		}
	}
	return first
}

// TestAcceptanceCheck checks every corpus article against the acceptance
// campaign with and without Dorset's figures: the verdicts must not change,
// the Northamptonshire wrong-force error is contradicted both times, and no
// page clutter is contradicted.
func TestAcceptanceCheck(t *testing.T) {
	shared := testenv.Shared(t, "corpus", "articles")
	files, err := filepath.Glob(filepath.Join(shared, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles: %v", err)
	}
	c := testCampaign()
	reg := authority.Police()
	verdicts := map[bool][]string{}
	for _, withDorset := range []bool{false, true} {
		facts, err := analysis.Derive(c, reg, acceptanceFigures(t, withDorset))
		if err != nil {
			t.Fatal(err)
		}
		counts := map[foiwire.Verdict]int{}
		wrongForce := false
		for _, fn := range files {
			b, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			art := claims.ParseArticle(string(b))
			opt := claims.Options{Registry: reg, Published: art.Published, Periods: analysis.CommonYears(facts)}
			if id, err := reg.Match(art.Force); err == nil {
				opt.Subject = id
			}
			for _, k := range claims.CheckText(art.Body, facts, opt) {
				counts[k.Verdict]++
				verdicts[withDorset] = append(verdicts[withDorset], fmt.Sprintf("%s %d %q %s", filepath.Base(fn), k.Offset, k.Text, k.Verdict))
				if k.Verdict == foiwire.Contradicted && slices.ContainsFunc(k.Warnings, func(w string) bool { return strings.HasPrefix(w, claims.WarnWrongForce) }) &&
					strings.HasPrefix(filepath.Base(fn), "northamptonshire") && k.Text == "252" {
					wrongForce = true
				}
				if k.Verdict == foiwire.Contradicted && clutter(k.Sentence) {
					t.Errorf("with Dorset %v: %s: page clutter contradicted: %q in %q: %s", withDorset, filepath.Base(fn), k.Text, k.Sentence, k.Reason)
				}
			}
		}
		t.Logf("with Dorset %v: %d supported, %d contradicted, %d unsupported", withDorset, counts[foiwire.Supported], counts[foiwire.Contradicted], counts[foiwire.Unsupported])
		if !wrongForce {
			t.Errorf("with Dorset %v: the Northamptonshire story's 252 under North Yorkshire Police is not contradicted", withDorset)
		}
	}
	a, b := verdicts[false], verdicts[true]
	if len(a) != len(b) {
		t.Fatalf("%d checks without Dorset, %d with", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("verdict changes with Dorset's figures: %s, then %s", a[i], b[i])
		}
	}
}

// clutter reports whether a sentence is page furniture rather than the
// story: TV listings, adverts, ages, counts of other things.
func clutter(sentence string) bool {
	s := strings.ToLower(sentence)
	for _, w := range []string{"freeview", "channel", "advert", "aged", "years old", "police centers", "police centres", "jailed", "sky ", "virgin media"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// TestStoryCopyReview reads every acceptance story as an editor would: no
// sentence said twice, and two percentages for different spans in one pair
// of sentences only when each says which span it covers.
func TestStoryCopyReview(t *testing.T) {
	c := testCampaign()
	tm := exampleTemplate(t)
	figs := acceptanceFigures(t, true)
	facts := deriveFacts(t, c, figs)
	forces := map[string]bool{}
	for _, f := range figs {
		forces[f.Authority] = true
	}
	spanWords := []string{"in a year", "since", "from", "on the year before", "over the whole period"}
	for id := range forces {
		a, _ := policeByID(id)
		s, err := tm.Render(c, a, facts)
		if err != nil {
			t.Fatal(err)
		}
		type sent struct {
			text  string
			spans map[string]bool // change facts stated as a percentage
		}
		var sents []sent
		seen := map[string]bool{}
		add := func(text string, links []Link) {
			for _, raw := range splitSentences(text) {
				st := sent{text: raw.text, spans: map[string]bool{}}
				for _, l := range links {
					if l.Format == "pct" && l.Start >= raw.start && l.End <= raw.start+len(raw.text) {
						st.spans[l.Fact] = true
					}
				}
				if seen[st.text] {
					t.Errorf("%s: sentence said twice: %q", id, st.text)
				}
				seen[st.text] = true
				sents = append(sents, st)
			}
		}
		add(s.Headline, s.HeadlineLinks)
		add(s.Standfirst, s.StandfirstLinks)
		hasOutcomes := false
		for _, b := range s.Blocks {
			if !b.Supplied() && b.Kind != BlockChart {
				add(b.Text, b.Links)
			}
			hasOutcomes = hasOutcomes || b.Name == "outcomes"
		}
		if own := factsOf(facts, id); len(own) > 0 && !hasOutcomes {
			groups := 0
			for _, f := range own {
				if strings.HasPrefix(f.Category, analysis.OutcomeGroupPrefix) && f.Value > 0 {
					groups++
				}
			}
			if groups >= 2 {
				t.Errorf("%s: %d outcome groups but no outcome paragraph", id, groups)
			}
		}
		for i := 0; i+1 < len(sents); i++ {
			a, b := sents[i], sents[i+1]
			if len(a.spans) == 0 || len(b.spans) == 0 {
				continue
			}
			same := true
			for f := range a.spans {
				same = same && b.spans[f]
			}
			if same {
				continue
			}
			for _, st := range []sent{a, b} {
				says := false
				for _, w := range spanWords {
					says = says || strings.Contains(strings.ToLower(st.text), w)
				}
				if !says {
					t.Errorf("%s: two percentages for different spans, and %q does not say which span", id, st.text)
				}
			}
		}
	}
}

type sentenceAtOffset struct {
	text  string
	start int
}

func splitSentences(text string) []sentenceAtOffset {
	var out []sentenceAtOffset
	start := 0
	for i := 0; i < len(text); i++ {
		if (text[i] == '.' || text[i] == '?' || text[i] == '!') && (i+1 == len(text) || text[i+1] == ' ') {
			out = append(out, sentenceAtOffset{strings.TrimSpace(text[start : i+1]), start})
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, sentenceAtOffset{rest, start})
	}
	return out
}
