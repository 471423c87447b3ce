package analysis

import (
	"fmt"
	"math"
	"strings"
	"testing"
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
