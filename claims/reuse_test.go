package claims

import (
	"reflect"
	"slices"
	"testing"

	"github.com/foiwire/foiwire"
)

// TestOneCheckerIsCheckersAfresh checks sentences about several forces and
// the nation with one Checker, in two orders, against a Checker of their
// own for each: what a Checker works out once for an authority (the facts
// a figure is weighed against, their concept words) must be that
// authority's, whatever was checked before.
func TestOneCheckerIsCheckersAfresh(t *testing.T) {
	opt := Options{Published: foiwire.MustDate("2024-08-05"), Periods: campaignPeriods}
	texts := []string{
		"Kent Police recorded 106 offences in 2023/24.",
		"Surrey Police recorded 106 offences in 2023/24.",
		"In 2023/24, 42 per cent of Kent Police's offences were stalking.",
		"Across England and Wales, more than 14,000 crimes were linked to the app since 2021.",
		"Kent Police recorded 12 thefts in 2023/24.",
		"In 2023/24 Kent Police recorded the highest number of stalking offences.",
		"Kent Police charged 9 people in 2023/24.",
	}
	facts := handFacts()
	want := map[string][]foiwire.Check{}
	for _, text := range texts {
		want[text] = NewChecker(facts, opt).Check(Extract(text, opt))
	}
	backward := slices.Clone(texts)
	slices.Reverse(backward)
	for _, order := range [][]string{texts, backward} {
		cc := NewChecker(facts, opt)
		for _, text := range order {
			if got := cc.Check(Extract(text, opt)); !reflect.DeepEqual(got, want[text]) {
				t.Errorf("%q checked after others by one Checker:\n%+v\nwant, as checked afresh:\n%+v", text, got, want[text])
			}
		}
	}
}
