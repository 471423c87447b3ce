package story

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/claims"
	"github.com/foiwire/foiwire/internal/testenv"
)

// expectedClaim is a row of the corpus's expected_claims.csv.
type expectedClaim struct {
	article, quote, kind, authority, period, category, verdict, note string
	value                                                            float64
	hasValue                                                         bool
}

func readExpectedClaims(t *testing.T, path string) []expectedClaim {
	t.Helper()
	var out []expectedClaim
	for _, r := range testenv.ReadCSV(t, path) {
		if r["campaign_fact"] != "yes" {
			continue
		}
		e := expectedClaim{
			article: r["article"], quote: r["quote"], kind: r["kind"], authority: r["authority"],
			period: r["period"], category: r["category"], verdict: r["verdict"], note: r["note"],
		}
		if v, err := strconv.ParseFloat(r["value"], 64); err == nil {
			e.value, e.hasValue = v, true
		}
		out = append(out, e)
	}
	return out
}

// periodOf reads "2021/22" or "2021/22-2023/24".
func periodOf(s string) foiwire.Period {
	from, to, _ := strings.Cut(s, "-")
	if to == "" {
		to = from
	}
	y1, _ := strconv.Atoi(from[:4])
	y2, _ := strconv.Atoi(to[:4])
	return foiwire.Period{Start: fy(y1).Start, End: fy(y2).End}
}

var claimKind = map[string]foiwire.ClaimKind{
	"count": foiwire.ClaimCount, "total": foiwire.ClaimTotal, "percent_change": foiwire.ClaimChangePct,
	"ratio_change": foiwire.ClaimRatioWord, "charges": foiwire.ClaimCharges, "national_total": foiwire.ClaimNationalTotal,
	"share": foiwire.ClaimShare,
}

// TestArticleComparison builds the stories of the figures the printed
// articles state and compares, claim by claim, what each article said about
// its force's yearly counts, total, change and charges with what foiwire's
// story says: the same where the article was right, and not the article's
// error where it was wrong. Run with -v to see the comparison.
func TestArticleComparison(t *testing.T) {
	shared := testenv.Shared(t)
	expected := readExpectedClaims(t, filepath.Join(shared, "corpus", "expected_claims.csv"))

	c := testCampaign()
	tm := exampleTemplate(t)
	figs := articleFigures(t)
	facts := deriveFacts(t, c, figs)
	stories := map[string]Story{}
	for _, id := range []string{"lancashire", "northamptonshire", "cambridgeshire", "dyfed-powys"} {
		a, _ := policeByID(id)
		s, err := tm.Render(c, a, facts)
		if err != nil {
			t.Fatal(err)
		}
		stories[id] = s
	}

	// The force each article is about: the first force its claims name.
	articleForce := map[string]string{}
	for _, e := range expected {
		if _, ok := articleForce[e.article]; !ok && e.authority != "" && e.authority != foiwire.National {
			articleForce[e.article] = e.authority
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "\n%-17s %-8s %-15s %-55s | %s\n", "force", "verdict", "kind", "the article", "foiwire's story")
	for _, e := range expected {
		kind, ok := claimKind[e.kind]
		if !ok || e.kind == "count" && e.category != "" {
			continue // offence and outcome detail: not among the figures compared
		}
		force := articleForce[e.article]
		s := stories[force]
		text := s.Headline + "\n\n" + bodyText(s)
		ours := claims.Extract(text, claims.Options{Subject: force, Periods: c.Questions[0].Periods, Published: foiwire.DateOf(buildTime)})
		p := periodOf(e.period)
		var match *foiwire.Claim
		for i, k := range ours {
			if k.Kind != kind || k.Category != "" && kind != foiwire.ClaimShare && kind != foiwire.ClaimCharges {
				continue
			}
			if k.Period == p || kind == foiwire.ClaimRatioWord || kind == foiwire.ClaimChangePct && k.Start == p.Start {
				// The story's exact figure, where it gives one, over a
				// headline's "more than".
				if match == nil || match.Approx != "" && k.Approx == "" {
					match = &ours[i]
				}
			}
		}
		said := "not stated"
		if match != nil {
			said = fmt.Sprintf("%q in %q", match.Text, match.Sentence)
		}
		fmt.Fprintf(&b, "%-17s %-8s %-15s %-55s | %s\n", force, e.verdict, e.kind, trim(e.quote, 55), said)

		switch {
		case e.verdict == "correct" && e.hasValue:
			if match == nil {
				t.Errorf("%s: the article rightly says %q; the story does not say it", force, e.quote)
				continue
			}
			if !agreesWith(e, *match) {
				t.Errorf("%s: the article rightly says %q; the story says %q", force, e.quote, match.Text)
			}
		case e.verdict == "error" && e.authority != force && e.hasValue:
			// The figure printed under another force's name: the story must
			// give it to its own force.
			if match == nil || match.Authority != force || *match.Value != e.value {
				t.Errorf("%s: the article gave %q to %s; the story should give %v to %s", force, e.quote, e.authority, e.value, force)
			}
			if strings.Contains(text, "North Yorkshire") {
				t.Errorf("%s: the story repeats the wrong force's name", force)
			}
		case e.verdict == "error" && strings.Contains(e.note, "so far"):
			if match != nil && strings.Contains(strings.ToLower(match.Sentence), "so far") {
				t.Errorf("%s: the story repeats 'so far' for a finished year: %q", force, match.Sentence)
			}
		case e.verdict == "error" && strings.Contains(e.quote, "majority"):
			if strings.Contains(strings.ToLower(text), "majority") {
				t.Errorf("%s: the story repeats 'the majority' for under half", force)
			}
		}
	}
	t.Log(b.String())
}

// agreesWith reports whether the story's claim says what the article
// rightly said: the same number, or, for the article's "more than 500", a
// number above it; for "doubled", a ratio near two.
func agreesWith(e expectedClaim, k foiwire.Claim) bool {
	if k.Value == nil {
		return false
	}
	v := *k.Value
	q := strings.ToLower(e.quote)
	switch {
	case strings.HasPrefix(q, "more than") && k.Approx == "":
		// The story states the exact figure the article rounded down.
		return v > e.value
	case e.kind == "ratio_change":
		return v == e.value
	}
	return v == e.value
}

func trim(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
