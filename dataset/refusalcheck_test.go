package dataset

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/table"
)

// refusalTexts are replies and parts of replies, refusing and not.
var refusalTexts = []string{
	"Response: Section 12(1) applies; this is a refusal notice.",
	"Response: S12 applies.", "Response: s.40 (2)", "Response: s 21", "Response: ſ12 applies",
	"Response: to locate it would exceed the appropriate limit.",
	"Response: finding it would exceed the permitted 18 HOURS.",
	"Response: the cost of compliance exceeds what the Act allows.",
	"Response: We can NEITHER CONFIRM NOR DENY that we hold this.",
	"Response: The force does not hold this information.",
	"Response: No relevant information is held.",
	"Response: Please find below the figures.\n2021 14\n2022 16\n",
	"Offence,2021/22\nArson,3\nTotal,3\n",
	"years 2021 and 2022 gave 14 and 16",
	"The crimes were 14s 2 x",
	"Response: the force holds no recorded information about this.",
	"Response: no information iſ held.", "Response: No information held.",
	"Response: it is NOT\n held by us.", "Response: ſections 12 and 40", "Response: Sectionſ 40 (2) apply",
	"Response: SECTION\t12 applies", "Response: we hold\tno information",
}

// TestMayRefuseCoversFindRefusal holds the pre-check to its promise: where
// it says no, findRefusal finds nothing, on written cases and on the text
// of every reply in the shared corpora.
func TestMayRefuseCoversFindRefusal(t *testing.T) {
	texts := append([]string(nil), refusalTexts...)
	for _, sub := range []string{"foi", "foi-files"} {
		dir, ok := testenv.SharedIfPresent(t, "corpus", sub)
		if !ok {
			continue
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.IsDir() || strings.HasSuffix(e.Name(), ".csv") || strings.HasSuffix(e.Name(), ".md") {
				continue
			}
			res, err := table.ReadFile(context.Background(), filepath.Join(dir, e.Name()))
			if err != nil {
				continue
			}
			texts = append(texts, res.Text)
		}
	}
	var skipped, refusing int
	for _, text := range texts {
		got := findRefusal(responsePart(text)) != nil
		if got {
			refusing++
		}
		if !mayRefuse(text) {
			skipped++
			if got {
				t.Errorf("mayRefuse says no, but findRefusal finds a refusal in %.80q", text)
			}
		}
	}
	if refusing == 0 || skipped == 0 {
		t.Fatalf("the cases test nothing: %d refusing, %d skipped of %d", refusing, skipped, len(texts))
	}
	t.Logf("%d texts: %d refuse, %d skipped by the pre-check", len(texts), refusing, skipped)
}

// FuzzMayRefuse checks the pre-check never hides a refusal, on the whole
// text and on the part after each line break (where a response starts).
func FuzzMayRefuse(f *testing.F) {
	for _, s := range refusalTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !mayRefuse(text) && findRefusal(responsePart(text)) != nil {
			t.Fatalf("mayRefuse(%q) = false, but findRefusal finds a refusal", text)
		}
		if !mayRefuse(text) && findRefusal(text) != nil {
			t.Fatalf("mayRefuse(%q) = false, but findRefusal on the whole text finds one", text)
		}
	})
}

// BenchmarkRefusalScan compares the full refusal scan with the pre-check
// on a large reply that refuses nothing.
func BenchmarkRefusalScan(b *testing.B) {
	text := bigReply(5000)
	b.Run("findRefusal", func(b *testing.B) {
		for b.Loop() {
			findRefusal(responsePart(text))
		}
	})
	b.Run("mayRefuse", func(b *testing.B) {
		for b.Loop() {
			mayRefuse(text)
		}
	})
}

// TestMayRefuseSkipsPlainReplies: words that every reply uses and no
// refusal needs on their own do not send a reply giving figures to the
// full scan.
func TestMayRefuseSkipsPlainReplies(t *testing.T) {
	for _, text := range []string{
		"The force holds the information you asked for; the figures are below.\nProtection from Harassment Act offences 14\nDetection rate 20\n",
		"I can confirm that the information is held by the force. Collections: 3",
		"Selection of offences held on the system:\nSexual assault 12\n",
	} {
		if mayRefuse(text) {
			t.Errorf("mayRefuse(%q) = true; want the scan skipped", text)
		}
	}
}

// FuzzPatternWords holds each refusal pattern to the words findRefusal
// looks for before running it: whatever the pattern matches holds one of
// them, ignoring case, or the text has a long s.
func FuzzPatternWords(f *testing.F) {
	for _, s := range refusalTexts {
		f.Add(s)
	}
	f.Add("would EXCEED the permitted 18 hours")
	f.Add("Details of which are as follows")
	f.Add("numbers < 5 are SUPPRESSED; too  few to show")
	f.Fuzz(func(t *testing.T, text string) {
		longS := strings.Contains(text, "\u017f")
		for _, p := range []wordedPattern{costPattern, ncndPattern, refusePattern, disclosePattern, notHeldPattern, suppression} {
			if p.re.MatchString(text) && !mayMatch(text, longS, p.words...) {
				t.Fatalf("%v matches %q, which holds none of %q", p.re, text, p.words)
			}
		}
	})
}

func TestIndexFold(t *testing.T) {
	for _, tt := range []struct {
		s, word string
		want    int
	}{
		{"Please find", "please", 0}, {"x PLEASE", "please", 2}, {"plea", "please", -1}, {"", "hold", -1},
		{"HOLd the hel", "held", -1}, {"a-HeLd", "held", 2},
	} {
		if got := indexFold(tt.s, tt.word); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.s, tt.word, got, tt.want)
		}
	}
}
