package claims

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
)

// handFacts are a few facts written out, for checks that need figures the
// fixture campaign does not have.
func handFacts() []foiwire.Fact {
	year := campaignPeriods[2]
	span := foiwire.Period{Start: campaignPeriods[0].Start, End: year.End}
	return []foiwire.Fact{
		{ID: "national/total", Authority: foiwire.National, Kind: foiwire.FactNationalTotal, Measure: foiwire.MeasurePeriod, Period: span, Value: 140000, Of: 43},
		{ID: "national/responders", Authority: foiwire.National, Kind: foiwire.FactResponders, Value: 43, Of: 43},
		{ID: "kent/2023", Authority: "kent", Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod, Period: year, Label: "2023/24", Value: 106},
		{ID: "kent/stalking", Authority: "kent", Kind: foiwire.FactCount, Measure: foiwire.MeasureOffence, Period: year, Label: "Stalking", Value: 45},
		{ID: "kent/share/stalking", Authority: "kent", Kind: foiwire.FactShare, Measure: foiwire.MeasureOffence, Period: year, Label: "Stalking", Value: 45.0 / 106},
		{ID: "kent/rank", Authority: "kent", Kind: foiwire.FactRank, Measure: foiwire.MeasureOffence, Period: year, Label: "Stalking", Value: 2, Of: 43},
	}
}

func TestCheck(t *testing.T) {
	opt := Options{Published: foiwire.MustDate("2024-08-05"), Periods: campaignPeriods}
	tests := []struct {
		name    string
		text    string
		verdict foiwire.Verdict
		warning string
		reason  string
	}{
		{"exact count", "Kent Police recorded 106 offences in 2023/24.", foiwire.Supported, "", "the data gives 106 offences for Kent Police in 2023/24"},
		{"one off", "Kent Police recorded 107 offences in 2023/24.", foiwire.Contradicted, "", "not 107 (1 higher"},
		{"hedge holds", "Kent Police recorded more than 100 offences in 2023/24.", foiwire.Supported, "", ""},
		{"hedge fails", "Kent Police recorded more than 110 offences in 2023/24.", foiwire.Contradicted, "", ""},
		{"hundreds for 106", "Kent Police probed hundreds of offences in 2023/24.", foiwire.Contradicted, "", ""},
		{"tenfold understatement", "Across England and Wales, more than 14,000 crimes were linked to the app since 2021.", foiwire.Supported, WarnMisleading, "across all 43 forces"},
		{"national total wrong", "Across England and Wales, 14,000 crimes were linked to the app since 2021.", foiwire.Contradicted, "", ""},
		{"majority under half", "In 2023/24 the majority of Kent Police's offences involved stalking.", foiwire.Contradicted, WarnMajority, "42.5 per cent"},
		{"share in per cent", "In 2023/24, 42 per cent of Kent Police's offences were stalking.", foiwire.Supported, "", ""},
		{"rank second", "In 2023/24 Kent Police recorded the highest number of stalking offences.", foiwire.Contradicted, "", "2nd of the 43"},
		{"wrong force", "Surrey Police recorded 106 offences in 2023/24.", foiwire.Contradicted, WarnWrongForce, "the article attributes it to Surrey Police"},
		{"no such category", "Kent Police recorded 12 thefts in 2023/24.", foiwire.Unsupported, "", "no figure"},
		{"unknown force", "Essex Police recorded 12 offences in 2023/24.", foiwire.Unsupported, "", "no figures for Essex Police"},
		{"calendar year", "Kent Police recorded 106 offences in 2023.", foiwire.Supported, WarnCalendarYear, ""},
		{"so far for a closed year", "Kent Police has logged 106 offences so far this year.", foiwire.Supported, WarnSoFar, ""},
		{"a year is not checked", "The scheme began in 2019.", foiwire.Unsupported, "", "not checked"},
	}
	// Each case is checked on its own and again with concept words shared
	// by every check, as a build's stories share them.
	shared := opt
	shared.Words = &Words{}
	for _, tc := range tests {
		for _, opt := range []Options{opt, shared} {
			name := tc.name
			if opt.Words != nil {
				name += " (shared words)"
			}
			t.Run(name, func(t *testing.T) { checkCase(t, tc.text, opt, tc.verdict, tc.warning, tc.reason) })
		}
	}
}

// checkCase checks text's first claim for the verdict, the warning (none
// when "") and a reason holding reason.
func checkCase(t *testing.T, text string, opt Options, verdict foiwire.Verdict, warning, reason string) {
	t.Helper()
	ks := CheckText(text, handFacts(), opt)
	var k *foiwire.Check
	for i := range ks {
		if ks[i].Kind != foiwire.ClaimOther || len(ks) == 1 {
			k = &ks[i]
			break
		}
	}
	if k == nil {
		t.Fatalf("no claim in %q", text)
	}
	if k.Verdict != verdict {
		t.Errorf("%q: %s, want %s: %s", k.Text, k.Verdict, verdict, k.Reason)
	}
	if warning != "" && !hasWarning(*k, warning) {
		t.Errorf("%q: warnings %q, want %q", k.Text, k.Warnings, warning)
	}
	if warning == "" && len(k.Warnings) > 0 {
		t.Errorf("%q: unexpected warnings %q", k.Text, k.Warnings)
	}
	if !strings.Contains(k.Reason, reason) {
		t.Errorf("%q: reason %q lacks %q", k.Text, k.Reason, reason)
	}
}

// TestFixtureErrors checks the deliberate errors of the fixture articles
// are each caught, against facts analysis derives from the fixture figures.
func TestFixtureErrors(t *testing.T) {
	facts := fixtureFacts(t)
	tests := []struct {
		file, text string
		verdict    foiwire.Verdict
		warning    string
	}{
		{"errors.txt", "252", foiwire.Contradicted, WarnWrongForce},
		{"errors.txt", "81", foiwire.Contradicted, ""},
		{"errors.txt", "one", foiwire.Supported, ""},
		{"errors.txt", "fewer than 300", foiwire.Contradicted, ""},
		{"lancashire-errors.txt", "71", foiwire.Supported, WarnCalendarYear},
		{"lancashire-errors.txt", "98", foiwire.Supported, WarnSoFar},
		{"lancashire-errors.txt", "More than 23", foiwire.Supported, WarnMisleading},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.text, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "articles", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			a := ParseArticle(string(b))
			for _, k := range CheckText(a.Body, facts, Options{Published: a.Published, Periods: campaignPeriods}) {
				if k.Text != tc.text {
					continue
				}
				if k.Verdict != tc.verdict {
					t.Errorf("%s, want %s: %s", k.Verdict, tc.verdict, k.Reason)
				}
				if tc.warning != "" && !hasWarning(k, tc.warning) {
					t.Errorf("warnings %q, want %q", k.Warnings, tc.warning)
				}
				return
			}
			t.Errorf("no claim %q", tc.text)
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"In 2021, Kent Police recorded 71 offences, with 66 the following year and 98 in 2023.",
		"<p>More than 140,000 crimes &amp; <b>48%</b> since 2021.</p><script>1</script>",
		"The 11-year-old died on Saturday, March 2. No. 10 said: “nearly two hundred”.",
		"the majority in England and Wales, a third, one in five, doubled, a three-year high",
		"A further 7 cases were dealt with by a partner agency, according to the force.",
	} {
		f.Add(s)
	}
	opt := Options{Published: foiwire.MustDate("2024-08-05"), Periods: campaignPeriods}
	f.Fuzz(func(t *testing.T, s string) {
		text := PlainText(s)
		for _, c := range Extract(s, opt) {
			if c.Offset < 0 || c.Offset+len(c.Text) > len(text) || text[c.Offset:c.Offset+len(c.Text)] != c.Text {
				t.Fatalf("claim %q at %d does not point into the text", c.Text, c.Offset)
			}
			if !strings.Contains(c.Sentence, c.Text) {
				t.Fatalf("claim %q is not in its sentence %q", c.Text, c.Sentence)
			}
		}
	})
}

// BenchmarkCheck extracts and checks 1,000 articles per iteration: the
// corpus's printed articles over and over when ../shared is here, else the
// (shorter) fixture articles.
func BenchmarkCheck(b *testing.B) {
	facts := fixtureFacts(b)
	files, err := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if articles, ok := testenv.SharedIfPresent(b, "corpus", "articles"); ok {
		files, err = filepath.Glob(filepath.Join(articles, "*.txt"))
	}
	if err != nil || len(files) == 0 {
		b.Fatalf("no articles: %v", err)
	}
	var arts []Article
	for _, fn := range files {
		bs, err := os.ReadFile(fn)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, ParseArticle(string(bs)))
	}
	for b.Loop() {
		for i := range 1000 {
			a := arts[i%len(arts)]
			CheckText(a.Body, facts, Options{Published: a.Published, Periods: campaignPeriods})
		}
	}
}
