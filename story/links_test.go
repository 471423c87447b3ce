package story

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestUnmark(t *testing.T) {
	text := "In 2021/22 there were " + mark("k/count/2021", "num", "14") + " offences. " +
		mark("k/change", "pct", "48 per cent") + " more followed, among them " + mark("k/off", "label", "a child under 13") + "."
	plain, links := unmark(text)
	if want := "In 2021/22 there were 14 offences. Forty-eight per cent more followed, among them a child under 13."; plain != want {
		t.Fatalf("plain %q, want %q", plain, want)
	}
	want := []struct{ text, fact, format string }{{"14", "k/count/2021", "num"}, {"Forty-eight per cent", "k/change", "pct"}, {"a child under 13", "k/off", "label"}}
	if len(links) != len(want) {
		t.Fatalf("links %+v", links)
	}
	for i, w := range want {
		l := links[i]
		if plain[l.Start:l.End] != w.text || l.Fact != w.fact || l.Format != w.format {
			t.Errorf("link %d = %q %s %s, want %q %s %s", i, plain[l.Start:l.End], l.Fact, l.Format, w.text, w.fact, w.format)
		}
	}
	if got := capMarked(mark("k/t", "approx", "more than 500")); !strings.Contains(got, "More than 500") {
		t.Errorf("capMarked: %q", got)
	}
}

// FuzzUnmark: whatever a template writes, the plain text holds no marker,
// and every link lies inside it.
func FuzzUnmark(f *testing.F) {
	f.Add("a " + mark("x", "num", "14") + " b")
	f.Add(string(markOpen) + "x|num" + string(markText) + "5")
	f.Add(string(markEnd) + "12. 14 offences" + string(markOpen))
	f.Fuzz(func(t *testing.T, s string) {
		plain, links := unmark(s)
		if strings.ContainsAny(plain, string([]rune{markOpen, markText, markEnd})) {
			t.Fatalf("markers left in %q", plain)
		}
		for _, l := range links {
			if l.Start < 0 || l.End > len(plain) || l.Start > l.End {
				t.Fatalf("link %+v outside %q", l, plain)
			}
		}
		if utf8.ValidString(s) && !utf8.ValidString(plain) {
			t.Fatalf("unmark made invalid UTF-8 of %q", s)
		}
	})
}
