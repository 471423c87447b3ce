package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/foiwire/foiwire"
)

// slugByLower is slug as it was first written, over strings.ToLower: the
// reference the faster slug must agree with.
func slugByLower(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func TestSlugAsLowered(t *testing.T) {
	for _, s := range []string{
		"", "-", "Stalking and harassment", "  Charge/summons (HO1) ", "Évidence — café",
		"\u212Aelvin", "\u0130stanbul", "bad\xffbyte", "ÀÉÎ 123", "a--b__c", "trailing!!",
	} {
		if got, want := slug(s), slugByLower(s); got != want {
			t.Errorf("slug(%q) = %q; want %q", s, got, want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	f.Add("Stalking and harassment")
	f.Add("\u212A\xff İ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := slug(s), slugByLower(s); got != want {
			t.Errorf("slug(%q) = %q; want %q", s, got, want)
		}
	})
}

func TestFormatVAsFmt(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 44, 1234, 999999, 1e6, 1e21, 0.5, 1.0 / 3, 1e-5, -0.0001,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64} {
		if got, want := formatV(v), fmt.Sprintf("%v", v); got != want {
			t.Errorf("formatV(%v) = %q; want %q", v, got, want)
		}
	}
}

func TestAsReadAsFmt(t *testing.T) {
	for _, s := range []string{"", "2021/22", `say "no"`, "tab\there", "naïve\u2028", "bad\xff"} {
		if got, want := asRead(s), fmt.Sprintf("as read: %q", s); got != want {
			t.Errorf("asRead(%q) = %q; want %q", s, got, want)
		}
	}
}

// placingsPairwise places entries as ranks always did, pair by pair.
func placingsPairwise(of []entry) []placing {
	out := make([]placing, len(of))
	for i, e := range of {
		for _, o := range of {
			switch {
			case o.fact.Value > e.fact.Value:
				out[i].above++
			case o.fact.Value == e.fact.Value && o.auth != e.auth:
				out[i].same++
			}
		}
	}
	return out
}

func TestPlacingsArePairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := 1 + rng.IntN(12)
		of := make([]entry, n)
		for i := range of {
			v := float64(rng.IntN(5))
			switch rng.IntN(40) {
			case 0:
				v = math.NaN()
			case 1:
				v = math.Copysign(0, -1)
			case 2:
				v = math.Inf(1)
			}
			auth := fmt.Sprintf("f%02d", i)
			if rng.IntN(10) == 0 && i > 0 {
				auth = of[rng.IntN(i)].auth // an authority twice, or out of order
			}
			of[i] = entry{auth: auth, fact: &foiwire.Fact{Value: v}}
		}
		if got, want := placings(of), placingsPairwise(of); !slices.Equal(got, want) {
			t.Fatalf("placings %v; pairwise %v", got, want)
		}
	}
}

func TestASCIISpaceIsUnicodeSpace(t *testing.T) {
	for c := range rune(len(asciiSpace)) {
		if asciiSpace[c] != unicode.IsSpace(c) {
			t.Errorf("%q: asciiSpace %v, unicode.IsSpace %v", c, asciiSpace[c], unicode.IsSpace(c))
		}
	}
}
