package analysis

import "testing"

func TestPlainLabel(t *testing.T) {
	tests := map[string]string{
		"8L - Harassment":                            "Harassment",
		"195 - Malicious communications":             "Malicious communications",
		"22B: Sexual activity with a child under 13": "Sexual activity with a child under 13",
		"Outcome 16 - Victim withdrew support":       "Victim withdrew support",
		"OC18 - No suspect identified":               "No suspect identified",
		"Harassment":                                 "Harassment",
		"2021/22":                                    "2021/22",
		"8L - ":                                      "8L - ",
		"Section 5 public order offences":            "Section 5 public order offences",
	}
	for in, want := range tests {
		if got := PlainLabel(in); got != want {
			t.Errorf("PlainLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzPlainLabel(f *testing.F) {
	f.Add("8L - Harassment")
	f.Add("Outcome 16 - x")
	f.Fuzz(func(t *testing.T, s string) {
		got := PlainLabel(s)
		if len(got) > len(s) || got == "" && s != "" {
			t.Errorf("PlainLabel(%q) = %q", s, got)
		}
	})
}

// FuzzPlainLabelAsRegexp checks PlainLabel's digit pre-check against the
// regular expression alone.
func FuzzPlainLabelAsRegexp(f *testing.F) {
	for _, s := range []string{"8L - Harassment", "Harassment", "Outcome 16 - x", "  HO 1 - y", "٣ - z", "12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		want := label
		if loc := codePrefix.FindStringIndex(label); loc != nil && loc[1] < len(label) {
			want = label[loc[1]:]
		}
		if got := PlainLabel(label); got != want {
			t.Errorf("PlainLabel(%q) = %q; want %q", label, got, want)
		}
	})
}
