package claims

import (
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"full stops", "Police recorded 98 offences. The force charged three.", []string{"Police recorded 98 offences.", "The force charged three."}},
		{"abbreviations", "Dr. Patel of No. 10 Acre Lane spoke to Mr. Jones. He agreed.", []string{"Dr. Patel of No. 10 Acre Lane spoke to Mr. Jones.", "He agreed."}},
		{"decimals and initials", "The rate was 4.5 per cent, said J. Smith. It fell.", []string{"The rate was 4.5 per cent, said J. Smith.", "It fell."}},
		{"closing quote", "She said: “It is worrying.” The force declined to comment.", []string{"She said: “It is worrying.”", "The force declined to comment."}},
		{"headline line", "Crime rises in Kent\nKent Police recorded 40 offences.", []string{"Crime rises in Kent", "Kent Police recorded 40 offences."}},
		{"wrapped line", "Kent Police recorded 40\noffences last year.", []string{"Kent Police recorded 40\noffences last year."}},
		{"question", "Why so few charges? Nobody knows.", []string{"Why so few charges?", "Nobody knows."}},
		{"lower case after stop", "See legalexpert.co.uk for details. thanks", []string{"See legalexpert.co.uk for details. thanks"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range sentences(tc.text) {
				got = append(got, tc.text[s.start:s.end])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	page := `<html><head><title>Kent crime</title><script>var n = 999;</script></head><body>
<nav><a href="/">Home</a> 12 sections</nav>
<div class="cookie-banner">We use 3 cookies. <button>Accept</button></div>
<article><h1>App crime up</h1><p>Kent Police recorded <b>40</b> offences in 2023/24.</p>
<form><input name="q"> Submit</form><div class="newsletter">Join 50,000 readers</div>
<p>That is 5 more than in 2022/23 &amp; the most yet.</p></article></body></html>`
	got := PlainText(page)
	for _, no := range []string{"999", "12 sections", "cookies", "Submit", "50,000", "Accept"} {
		if strings.Contains(got, no) {
			t.Errorf("kept %q:\n%s", no, got)
		}
	}
	for _, yes := range []string{"App crime up\n", "Kent Police recorded 40 offences in 2023/24.", "& the most yet."} {
		if !strings.Contains(got, yes) {
			t.Errorf("lost %q:\n%s", yes, got)
		}
	}
	if plain := "Kent Police recorded 40 offences."; PlainText(plain) != plain {
		t.Errorf("plain text changed: %q", PlainText(plain))
	}
}

func TestParseArticle(t *testing.T) {
	a := ParseArticle("url: https://example.org/x\nforce: Kent Police\ndate: 2024-08\n\nBody text.")
	if a.Body != "Body text." || a.Force != "Kent Police" || a.Published.String() != "2024-08-01" {
		t.Errorf("got %+v", a)
	}
	if b := ParseArticle("Headline\n\nBody: text"); b.Body != "Headline\n\nBody: text" {
		t.Errorf("text without a header changed: %+v", b)
	}
}

// claimWant is what a test expects of one claim; empty fields are not
// compared.
type claimWant struct {
	text, kind, approx, authority, period, category string
	value                                           float64
	noValue                                         bool
}

func TestExtract(t *testing.T) {
	opt := Options{Published: foiwire.MustDate("2024-08-05"), Periods: campaignPeriods}
	fy := func(y string) string {
		for _, p := range campaignPeriods {
			if strings.HasPrefix(p.Start.String(), y) {
				return p.String()
			}
		}
		return ""
	}
	tests := []struct {
		name string
		text string
		want []claimWant
	}{
		{"calendar years and relative years", "In 2021, Kent Police recorded 40 offences, with 52 the following year and 61 in 2023.",
			[]claimWant{{text: "40", kind: "count", authority: "kent", period: fy("2021")}, {text: "52", period: fy("2022")}, {text: "61", period: fy("2023")}}},
		{"hedges in digits and words", "More than 500 offences were logged by Kent Police across three years, and nearly two hundred were stalking.",
			[]claimWant{{text: "More than 500", approx: "more_than", value: 500, kind: "total", period: "2021-04-01..2024-03-31"}, {text: "nearly two hundred", approx: "nearly", value: 200}}},
		{"percentages", "This year, offences recorded by Kent Police climbed by 48 per cent, and 12% of them were thefts.",
			[]claimWant{{text: "48 per cent", kind: "percent_change", value: 48, period: "2022-04-01..2024-03-31"}, {text: "12%", kind: "share", value: 12}}},
		{"falls are negative", "Offences recorded by Kent Police fell by 20%.", []claimWant{{text: "20%", kind: "percent_change", value: -20}}},
		{"charges", "Kent Police brought just one charge, and no charges in 2021.",
			[]claimWant{{text: "one", kind: "charges", value: 1}, {text: "no", kind: "charges", value: 0, period: fy("2021")}}},
		{"ratio words and highs", "Offences recorded by Kent Police doubled in the last three years to a three-year high.",
			[]claimWant{{text: "doubled", kind: "ratio_word", value: 2}, {text: "a three-year high", kind: "high", noValue: true}}},
		{"shares in words", "Around one third of Kent Police's offences involved stalking, and the majority involved harassment.",
			[]claimWant{{text: "Around one third", kind: "share", approx: "about", category: "stalking"}, {text: "the majority", kind: "share", approx: "more_than", value: 0.5, category: "harassment"}}},
		{"rank", "Kent Police recorded 30 stalking offences, more than any other force in England and Wales.",
			[]claimWant{{text: "30", kind: "count", category: "stalking"}, {text: "more than any other force", kind: "rank", authority: "kent", noValue: true}}},
		{"national", "Across England and Wales, more than 14,000 crimes were linked to the app since 2021.",
			[]claimWant{{text: "more than 14,000", kind: "national_total", authority: foiwire.National, period: "2021-04-01..2024-03-31"}}},
		{"not claims", "The 11-year-old died on Saturday, March 2, at 4:30 pm; call 01632 960000 or the 24-hour line twice-a-week.",
			[]claimWant{{text: "11-year-old", kind: "other_number"}, {text: "Saturday, March 2", kind: "other_number"}, {text: "4:30", kind: "other_number"}, {text: "01632", kind: "other_number"}, {text: "960000", kind: "other_number"}, {text: "24-hour", kind: "other_number"}, {text: "twice-a-week", kind: "other_number"}}},
		{"a month is a date, not a count", "Among the offences Kent Police recorded in December 2023 were 19 thefts; in Dec 2023 it also logged 4 robberies.",
			[]claimWant{{text: "December 2023", kind: "other_number"}, {text: "19", kind: "count"}, {text: "Dec 2023", kind: "other_number"}, {text: "4", kind: "count"}}},
		{"outcome wording", "Kent Police closed 53 cases where the force failed to identify the suspect.",
			[]claimWant{{text: "53", kind: "count", category: "failed to identify the suspect"}}},
		{"so far", "This year so far, a further 42 crimes have been logged by Kent Police.",
			[]claimWant{{text: "42", kind: "count", period: fy("2023")}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Extract(tc.text, opt)
			if len(got) != len(tc.want) {
				t.Fatalf("%d claims, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				c := got[i]
				if c.Text != w.text {
					t.Errorf("claim %d text %q, want %q", i, c.Text, w.text)
				}
				if tc.text[c.Offset:c.Offset+len(c.Text)] != c.Text {
					t.Errorf("claim %d offset %d does not point at %q", i, c.Offset, c.Text)
				}
				if w.kind != "" && string(c.Kind) != w.kind {
					t.Errorf("%q kind %s, want %s", c.Text, c.Kind, w.kind)
				}
				if w.approx != "" && c.Approx != w.approx {
					t.Errorf("%q approx %q, want %q", c.Text, c.Approx, w.approx)
				}
				if w.authority != "" && c.Authority != w.authority {
					t.Errorf("%q authority %q, want %q", c.Text, c.Authority, w.authority)
				}
				if w.period != "" && c.Period.String() != w.period {
					t.Errorf("%q period %s, want %s", c.Text, c.Period, w.period)
				}
				if w.category != "" && c.Category != w.category {
					t.Errorf("%q category %q, want %q", c.Text, c.Category, w.category)
				}
				switch {
				case w.noValue && c.Value != nil:
					t.Errorf("%q value %v, want none", c.Text, *c.Value)
				case w.value != 0 && (c.Value == nil || *c.Value != w.value):
					t.Errorf("%q value %v, want %v", c.Text, c.Value, w.value)
				}
			}
		})
	}
}
