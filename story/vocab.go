package story

import (
	"strings"
	"unicode"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/taxonomy"
)

// itemName is what copy calls an offence, outcome or outcome group. An
// offence takes the vocabulary's name for copy when that is the force's own
// wording trimmed ("Engage in sexual communication with a child" →
// "sexual communication with a child"), and otherwise keeps the force's
// words, which are what it counted ("sending letters with intent to cause
// distress or anxiety", not "malicious communications"). An outcome with a
// Home Office key takes the framework's name for copy.
func itemName(f foiwire.Fact) string {
	switch {
	case strings.HasPrefix(f.Category, analysis.OutcomeGroupPrefix):
		return lowerFirst(f.Label)
	case f.Measure == foiwire.MeasureOffence && f.Category != "":
		if e, ok := taxonomy.Offence(f.Category); ok && e.Short != "" && sharesWords(e.Short, f.Label) {
			return e.Short
		}
	case f.Measure == foiwire.MeasureOutcome && f.Category != "":
		if e, ok := taxonomy.Outcome(f.Category); ok && e.Short != "" {
			// A name with no commas or colons reads as one phrase, for
			// readers and for the claim reader alike.
			return strings.NewReplacer(": ", " with ", ", ", " and ").Replace(e.Short)
		}
	}
	return lowerFirst(f.Label)
}

// isEvidential reports whether an outcome group is one of the Home Office's
// evidential-difficulties groups.
func isEvidential(g Item) bool { return strings.Contains(strings.ToLower(g.Label), "evidential") }

// sharesWords reports whether every word of name of four letters or more
// (give or take a plural s) is in label.
func sharesWords(name, label string) bool {
	in := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(label), notLetter) {
		in[strings.TrimSuffix(w, "s")] = true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(name), notLetter) {
		if len(w) >= 4 && !in[strings.TrimSuffix(w, "s")] {
			return false
		}
	}
	return true
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }
