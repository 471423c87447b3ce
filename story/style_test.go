package story

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNumber(t *testing.T) {
	for n, want := range map[int64]string{0: "zero", 1: "one", 3: "three", 9: "nine", 10: "10", 98: "98", 1106: "1,106", 140000: "140,000", 1234567: "1,234,567"} {
		if got := Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "zero"}, {7, "seven"}, {13, "thirteen"}, {40, "forty"}, {42, "forty-two"}, {98, "ninety-eight"},
		{100, "one hundred"}, {106, "one hundred and six"}, {252, "two hundred and fifty-two"},
		{1000, "one thousand"}, {1006, "one thousand and six"}, {1106, "one thousand, one hundred and six"},
		{140000, "one hundred and forty thousand"}, {2000005, "two million and five"},
		{2_000_000_000_000, "two thousand billion"},
	}
	for _, tt := range tests {
		if got := Words(tt.n); got != tt.want {
			t.Errorf("Words(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		v     float64
		style string
		want  string
	}{
		{48.4848, PercentWords, "48 per cent"},
		{48.5, PercentWords, "49 per cent"},
		{-20.2, PercentWords, "20 per cent"},
		{90.909, PercentSign, "91%"},
		{0.2, PercentWords, "less than 1 per cent"},
		{0, PercentSign, "0%"},
		{1250, PercentWords, "1,250 per cent"},
		{38.03, "", "38 per cent"},
	}
	for _, tt := range tests {
		if got := Percent(tt.v, tt.style); got != tt.want {
			t.Errorf("Percent(%v, %q) = %q, want %q", tt.v, tt.style, got, tt.want)
		}
	}
}

func TestShare(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0.5, "half"},
		{0.49, "half"},
		{0.48, "nearly half"},
		{19.0 / 42, "45 per cent"}, // too far below half to be "nearly"
		{0.34, "a third"},
		{0.35, "more than a third"},
		{37.0 / 98, "38 per cent"},
		{0.26, "a quarter"},
		{0.74, "three-quarters"},
		{0.9, "90 per cent"},
	}
	for _, tt := range tests {
		if got := Share(tt.f, PercentWords); got != tt.want {
			t.Errorf("Share(%.4f) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestApprox(t *testing.T) {
	for n, want := range map[int64]string{
		513: "more than 500", 235: "more than 230", 252: "more than 250", 98: "more than 90",
		1106: "more than 1,000", 12345: "more than 12,000", 500: "more than 450", 900: "more than 850", 7: "seven", 19: "19", 140231: "more than 140,000", 46: "more than 45", 21: "more than 20",
	} {
		if got := Approx(n); got != want {
			t.Errorf("Approx(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n        int64
		singular string
		plural   []string
		want     string
	}{
		{1, "offence", nil, "one offence"},
		{98, "offence", nil, "98 offences"},
		{0, "offence", nil, "zero offences"},
		{3, "charge or summons", []string{"charges or summonses"}, "three charges or summonses"},
		{1, "charge or summons", []string{"charges or summonses"}, "one charge or summons"},
		{2, "witness", nil, "two witnesses"},
		{5, "match", nil, "five matches"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, tt.singular, tt.plural...); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tt.n, tt.singular, got, tt.want)
		}
	}
}

func TestList(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"theft"}, "theft"},
		{[]string{"theft", "stalking"}, "theft and stalking"},
		{[]string{"theft", "stalking", "harassment"}, "theft, stalking and harassment"},
	} {
		if got := List(tt.in); got != tt.want {
			t.Errorf("List(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOpeningNumbers(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"digits open the text", "98 offences were logged.", "Ninety-eight offences were logged."},
		{"after a full stop", "It rose. 48% of them were online.", "It rose. Forty-eight per cent of them were online."},
		{"with commas", "1,106 offences in all.", "One thousand, one hundred and six offences in all."},
		{"after an opening quote", "“12 charges followed,” she said.", "“Twelve charges followed,” she said."},
		{"mid-sentence left alone", "Police logged 98 offences.", "Police logged 98 offences."},
		{"a year left alone", "2023 was the worst year.", "2023 was the worst year."},
		{"a financial year left alone", "2023/24 saw 98 offences.", "2023/24 saw 98 offences."},
		{"a decimal left alone", "2.5 times as many.", "2.5 times as many."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := openingNumbers(tt.in); got != tt.want {
				t.Errorf("openingNumbers(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPluralSlips(t *testing.T) {
	if got := pluralSlips("Police logged 1 crimes and one offences, but one of the charges stood."); strings.Join(got, "|") != "1 crimes|one offences" {
		t.Errorf("pluralSlips = %q", got)
	}
	if got := pluralSlips("One offence and 98 offences."); len(got) != 0 {
		t.Errorf("pluralSlips found %q in correct copy", got)
	}
}

func FuzzOpeningNumbers(f *testing.F) {
	f.Add("98 offences. 12 charges.")
	f.Add("“1,106” were logged; 48% rose.")
	f.Add("2023/24 saw 9,999,999,999 cases.")
	f.Fuzz(func(t *testing.T, s string) {
		out := openingNumbers(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("valid input %q gave invalid UTF-8 %q", s, out)
		}
		// Only numbers change: the letters of the input all survive.
		if strings.Count(out, ".") != strings.Count(s, ".") {
			t.Fatalf("full stops changed: %q → %q", s, out)
		}
	})
}
