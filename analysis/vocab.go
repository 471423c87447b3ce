package analysis

import (
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/taxonomy"
)

// offenceKey is a figure's offence key: the one it carries, or the one its
// wording matches with confidence, or "" (its wording then stands alone).
func offenceKey(f *foiwire.Figure) string {
	if f.Category != "" {
		return f.Category
	}
	if m, ok := taxonomy.MatchOffence(f.Label); ok {
		return m.Key
	}
	return ""
}

// outcomeClass is a figure's outcome key and Home Office outcome group. A
// wording that could be two outcomes of one group ("Victim does not support
// police action": 14 or 16) gets no key but still its group.
func outcomeClass(f *foiwire.Figure) (key, groupKey, groupName string) {
	key = strings.ToUpper(f.Category)
	if key == "PENDING" {
		key = "pending"
	}
	candidates := []string{key}
	if key == "" {
		m, ok := taxonomy.MatchOutcome(f.Label)
		switch {
		case ok:
			key, candidates = m.Key, []string{m.Key}
		case m.Key != "":
			candidates = append([]string{m.Key}, m.Alternatives...)
		default:
			return "", "", ""
		}
	}
	for i, k := range candidates {
		e, ok := taxonomy.Outcome(k)
		if !ok || e.Group == "" || (i > 0 && e.Group != groupName) {
			return key, "", ""
		}
		groupName = e.Group
	}
	return key, slug(groupName), groupName
}

// isCharge reports whether an outcome key is a charge or summons (Home
// Office outcomes 1 and 1A).
func isCharge(key string) bool { return key == "HO1" || key == "HO1A" }

// categoryName is the newsroom name of a fact's category, for national facts.
func categoryName(f foiwire.Fact) string {
	switch {
	case f.Category == "":
		return ""
	case f.Measure == foiwire.MeasureOffence:
		if e, ok := taxonomy.Offence(f.Category); ok {
			return e.Short
		}
	case f.Measure == foiwire.MeasureOutcome:
		if e, ok := taxonomy.Outcome(f.Category); ok {
			return e.Short
		}
	}
	return f.Label
}
