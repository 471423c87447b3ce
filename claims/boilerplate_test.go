package claims

import (
	"regexp"
	"testing"
)

// boilerplateRE is the regular expression isBoilerplate replaced; it stays
// here as the oracle the fast version must agree with.
var boilerplateRE = regexp.MustCompile(`(?i)^\s*(read more|subscribe|sign up|follow us|share this|related:|advertisement|submit\b)|\|\s*submit\b|newsletter|whatsapp channel|cookies?\b|all rights reserved|©`)

var boilerplateSeeds = []string{
	"Read more: police figures", "  Subscribe to our newsletter", "Submit", "Submitted 3 photos", "Photo | Submit",
	"Photo |  submitted", "We use cookies.", "cookiesX", "cookie_jar", "Cookie-cutter", "COOKIES", "© 2024 Media Ltd",
	"All Rights Reserved", "Join our WhatsApp channel", "Police recorded 71 offences in 2021/22.", "",
	"The force said cookies|submit", "a cookie", "cookies", "Advertisement", "related: TikTok", "Sign up now",
}

func TestIsBoilerplateMatchesRegexp(t *testing.T) {
	for _, s := range boilerplateSeeds {
		if got, want := isBoilerplate(s), boilerplateRE.MatchString(s); got != want {
			t.Errorf("isBoilerplate(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

func FuzzIsBoilerplate(f *testing.F) {
	for _, s := range boilerplateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isBoilerplate(s), boilerplateRE.MatchString(s); got != want {
			t.Fatalf("isBoilerplate(%q) = %v, regexp says %v", s, got, want)
		}
	})
}
