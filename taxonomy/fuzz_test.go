package taxonomy

import (
	"slices"
	"testing"
)

// checkMatch holds what any match must satisfy, whatever the label.
func checkMatch(t *testing.T, label string, match func(string) (Match, bool), exists func(string) bool) {
	m, ok := match(label)
	again, ok2 := match(label)
	if ok != ok2 || m.Key != again.Key || m.Score != again.Score || m.How != again.How || !slices.Equal(m.Alternatives, again.Alternatives) {
		t.Fatalf("match(%q) is not deterministic: %+v %v, then %+v %v", label, m, ok, again, ok2)
	}
	if m.Score < 0 || m.Score > 1 {
		t.Fatalf("match(%q): score %v outside [0,1]", label, m.Score)
	}
	if ok && (m.Score < scoreMin || m.Key == "" || len(m.Alternatives) > 0) {
		t.Fatalf("match(%q) = %+v: a match needs a key, a score of %v or more, no alternatives", label, m, scoreMin)
	}
	if m.Key != "" && !exists(m.Key) {
		t.Fatalf("match(%q): key %q does not exist", label, m.Key)
	}
	for _, k := range m.Alternatives {
		if !exists(k) || k == m.Key {
			t.Fatalf("match(%q): bad alternative %q", label, k)
		}
	}
}

var seeds = []string{
	"Malicious Communications", "8R - Malicious Communications", "Harassment (8L)", "71/17", "195/12 x",
	"Charge/summons", "OC15 – Sus/Insuff.Evidence", "Outcome 15", "Victim does not support police action",
	"stalking, theft, blackmail and sexual offences", "Total 2021/22 to 2023/24", "Harassment (6)", "", "0", "(", "s.127",
	"Suspect identified, evidential difficulties", "Rape of a female child under 13", "OC1A", "HO 35", "doesn't",
}

func FuzzMatchOffence(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	exists := func(k string) bool { _, ok := Offence(k); return ok }
	f.Fuzz(func(t *testing.T, label string) { checkMatch(t, label, MatchOffence, exists) })
}

func FuzzMatchOutcome(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	exists := func(k string) bool { _, ok := Outcome(k); return ok }
	f.Fuzz(func(t *testing.T, label string) { checkMatch(t, label, MatchOutcome, exists) })
}

// benchLabels mix exact aliases, codes and labels that need fuzzy matching.
var benchLabels = []string{
	"Malicious Communications", "8R - Malicious Communications", "Malicous communications",
	"Taking, making or distributing indecent photographs or pseudo-photographs of children",
	"stalking, theft, blackmail and sexual offences", "inappropriate communication with a minor", "Facebook",
}

func BenchmarkMatchOffence(b *testing.B) {
	load()
	for b.Loop() {
		for _, l := range benchLabels {
			MatchOffence(l)
		}
	}
}

func BenchmarkMatchOutcome(b *testing.B) {
	labels := []string{"Charge/summons", "OC15 – Sus/Insuff.Evidence", "Suspect identified, victim supports action, evidential difficulties",
		"failed to identify the suspect; investigation deemed complete", "Arrested"}
	load()
	for b.Loop() {
		for _, l := range labels {
			MatchOutcome(l)
		}
	}
}
