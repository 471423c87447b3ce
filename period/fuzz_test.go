package period

import (
	"testing"

	"github.com/foiwire/foiwire"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"6th Apr 2021 to 5th Apr 2022", "06/04/2021 - 05/04/2022", "1 April 2023 – 31 March 2024",
		"April 2023 - March 2024", "Apr-23 to Mar-24", "2021/22", "2021/2022", "2021-22", "FY 22-23",
		"FY2022/23", "2022-2023 financial year", "2021", "Calendar year 2022", "2023*", "2023 so far",
		"2024 (to 30 June)", "Jan–Jun 2024", "Q1 2024", "March 2024", "01/01/2023 to 31/12/2023",
		"Total", "14", "0100.2019-20", "01202 222222", "[Between April 6 - April 5 2021/22, 2022/23]",
		"in the last three years since 2021, 66 the following year", "2024 (Jan-Jun)", "12 months to 29 Feb 2024",
	} {
		f.Add(s)
	}
	opt := Options{Latest: per("2023-04-01", "2024-03-31"), Now: foiwire.MustDate("2024-08-04")}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s, opt)
		again, err2 := Parse(s, opt)
		if (err == nil) != (err2 == nil) || got != again {
			t.Fatalf("Parse(%q) is not deterministic: %v/%v, %v/%v", s, got, again, err, err2)
		}
		if err == nil {
			if got.Kind == "" || got.Start.IsZero() || got.End.IsZero() || got.End.Before(got.Start) {
				t.Fatalf("Parse(%q) = %v %q: not a closed period", s, got.Period, got.Kind)
			}
			if Label(got.Period) == "" {
				t.Fatalf("Label(%v) is empty", got.Period)
			}
		}
		for _, g := range Find(s, opt) {
			if g.Offset < 0 || g.Offset+len(g.Text) > len(s) || s[g.Offset:g.Offset+len(g.Text)] != g.Text || g.Text == "" {
				t.Fatalf("Find(%q): bad offset %d for %q", s, g.Offset, g.Text)
			}
			if !g.Start.IsZero() && !g.End.IsZero() && g.End.Before(g.Start) {
				t.Fatalf("Find(%q): %q ends before it starts: %v", s, g.Text, g.Period)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	inputs := []string{"6th Apr 2021 to 5th Apr 2022", "2021/22", "Jan–Jun 2024", "2024 (to 30 June)", "Blackmail"}
	for b.Loop() {
		for _, s := range inputs {
			_, _ = Parse(s, Options{})
		}
	}
}

func BenchmarkFind(b *testing.B) {
	text := "In the last year alone (between 2023/24) the force logged 80 offences; 71 in 2021 and 66 the following year, " +
		"and 513 since 2021. [Between April 6 - April 5 2021/22, 2022/23, 2023/24] Ref 0100.2019-20, call 01202 222222."
	opt := Options{Latest: per("2023-04-01", "2024-03-31")}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(text, opt)
	}
}
