package claims

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
)

// expectedClaim is one row of the corpus's expected_claims.csv.
type expectedClaim struct {
	article, quote, kind, authority, verdict string
	value                                    *float64
}

func readExpected(t *testing.T, path string) []expectedClaim {
	t.Helper()
	var out []expectedClaim
	for _, r := range testenv.ReadCSV(t, path) {
		e := expectedClaim{article: r["article"], quote: r["quote"], kind: r["kind"], authority: r["authority"], verdict: r["verdict"]}
		if v, err := strconv.ParseFloat(r["value"], 64); err == nil {
			e.value = &v
		}
		out = append(out, e)
	}
	return out
}

// loadedArticle is a corpus article with its checks.
type loadedArticle struct {
	name   string
	body   string
	checks []foiwire.Check
}

func checkCorpus(t *testing.T, shared string, facts []foiwire.Fact) []loadedArticle {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(shared, "corpus", "articles", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles: %v", err)
	}
	var out []loadedArticle
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		a := ParseArticle(string(b))
		opt := Options{Published: a.Published, Periods: campaignPeriods}
		out = append(out, loadedArticle{name: filepath.Base(fn), body: a.Body, checks: CheckText(a.Body, facts, opt)})
	}
	return out
}

// kindMatches maps the corpus's kinds onto the reader's.
func kindMatches(want string, got foiwire.ClaimKind) bool {
	switch want {
	case "outcome_count":
		return got == foiwire.ClaimCount || got == foiwire.ClaimCharges
	case "ratio_change":
		return got == foiwire.ClaimRatioWord
	case "rank":
		return got == foiwire.ClaimRank || got == foiwire.ClaimHigh
	}
	return string(got) == want
}

// find returns the check a corpus row describes: one whose words lie in the
// row's quote, with the row's value when it has one.
func (e expectedClaim) find(arts []loadedArticle) (foiwire.Check, bool) {
	for _, a := range arts {
		at := strings.Index(a.body, e.quote)
		if at < 0 {
			continue
		}
		end := at + len(e.quote)
		var fallback *foiwire.Check
		for i, k := range a.checks {
			if k.Offset+len(k.Text) <= at || k.Offset >= end {
				continue
			}
			if e.value == nil && k.Value == nil {
				return k, true
			}
			if e.value != nil && k.Value != nil && math.Abs(*e.value-*k.Value) < 0.01 {
				return k, true
			}
			if fallback == nil {
				fallback = &a.checks[i]
			}
		}
		if fallback != nil && e.value == nil {
			return *fallback, true
		}
	}
	return foiwire.Check{}, false
}

// verdictRight maps the corpus verdicts onto checks: correct claims must be
// supported, errors contradicted or warned about, and unverifiable claims
// either unsupported or supported by the campaign's data. Years, ages and
// dates are found as other_number and never judged.
func verdictRight(e expectedClaim, k foiwire.Check) bool {
	if e.kind == "other_number" {
		return k.Kind == foiwire.ClaimOther
	}
	switch e.verdict {
	case "correct":
		return k.Verdict == foiwire.Supported
	case "error":
		return k.Verdict == foiwire.Contradicted || len(k.Warnings) > 0
	}
	return k.Verdict != foiwire.Contradicted
}

func TestCorpusRecall(t *testing.T) {
	testenv.Shared(t, "corpus", "articles") // skips the test without the corpus's articles
	shared := testenv.Shared(t)
	facts := fixtureFacts(t)
	arts := checkCorpus(t, shared, facts)
	want := readExpected(t, filepath.Join(shared, "corpus", "expected_claims.csv"))
	found, right, kinds, auths := 0, 0, 0, 0
	for _, e := range want {
		k, ok := e.find(arts)
		if !ok {
			t.Logf("missed: %s %q", e.article, e.quote)
			continue
		}
		found++
		if verdictRight(e, k) {
			right++
		} else {
			t.Logf("verdict: %q (%s) got %s %v: %s", e.quote, e.verdict, k.Verdict, k.Warnings, k.Reason)
		}
		if kindMatches(e.kind, k.Kind) {
			kinds++
		}
		if e.authority == "" || e.authority == k.Authority {
			auths++
		} else {
			t.Logf("authority: %q: %s, want %s", e.quote, k.Authority, e.authority)
		}
		if !kindMatches(e.kind, k.Kind) {
			t.Logf("kind: %q: %s, want %s", e.quote, k.Kind, e.kind)
		}
	}
	n := float64(len(want))
	recall := float64(found) / n
	withVerdict := float64(right) / n
	fmt.Printf("claims corpus: %d expected, %d found (recall %.1f%%), %d with the right verdict (%.1f%%), kind %d/%d, authority %d/%d\n",
		len(want), found, 100*recall, right, 100*withVerdict, kinds, found, auths, found)
	if recall < 0.95 {
		t.Errorf("recall %.1f%% < 95%%", 100*recall)
	}
	if withVerdict < 0.95 {
		t.Errorf("found with the right verdict %.1f%% < 95%%", 100*withVerdict)
	}
}

// TestCorpusKnownErrors checks the errors the corpus documents are each
// reported by name.
func TestCorpusKnownErrors(t *testing.T) {
	testenv.Shared(t, "corpus", "articles") // skips the test without the corpus's articles
	shared := testenv.Shared(t)
	arts := checkCorpus(t, shared, fixtureFacts(t))
	tests := []struct {
		name    string
		article string
		text    string
		verdict foiwire.Verdict
		warning string
	}{
		{"wrong force", "northamptonshire__northampton-chronicle.txt", "252", foiwire.Contradicted, WarnWrongForce},
		{"calendar year", "lancashire__blog-preston.txt", "71", foiwire.Supported, WarnCalendarYear},
		{"so far for a closed year", "lancashire__blackpool-gazette.txt", "98", foiwire.Supported, WarnSoFar},
		{"so far, Dyfed-Powys", "dyfed-powys__tenby-today.txt", "42", foiwire.Supported, WarnSoFar},
		{"majority under half", "dyfed-powys__tenby-today.txt", "the majority", foiwire.Contradicted, WarnMajority},
		{"parts over the whole", "lancashire__blackpool-gazette.txt", "82", foiwire.Unsupported, WarnPartsOverWhole},
		{"three charges for two periods", "lancashire__blackpool-gazette.txt", "three", foiwire.Supported, WarnSameFigure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, a := range arts {
				if a.name != tc.article {
					continue
				}
				for _, k := range a.checks {
					if k.Text != tc.text || !hasWarning(k, tc.warning) {
						continue
					}
					if k.Verdict != tc.verdict {
						t.Errorf("%q: verdict %s, want %s (%s)", k.Text, k.Verdict, tc.verdict, k.Reason)
					}
					return
				}
			}
			t.Errorf("%s: no %q claim warned %q", tc.article, tc.text, tc.warning)
		})
	}
}

func hasWarning(k foiwire.Check, name string) bool {
	for _, w := range k.Warnings {
		if strings.HasPrefix(w, name) {
			return true
		}
	}
	return false
}
