package dataset

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/period"
	"github.com/foiwire/foiwire/taxonomy"
)

// sanctionRE names enforcement that is handed out, not reported: penalty
// notices, penalty charge notices, fines and their short forms. A count of
// them is an outcome of enforcement, not a count of events.
var sanctionRE = regexp.MustCompile(`(?i)\b(?:pcns?|fpns?|pnds?|penalty\s+(?:charge\s+)?notices?|fixed\s+penalt(?:y|ies)|penalty\s+notices?|fines?\s+(?:issued|imposed|given))\b`)

// sanctionsAsOutcomes reads a count by period of penalty notices or fines
// as an outcome: the figure's own words name them, or, when its words are
// only a period ("Jan 2018"), the sentence that introduces its table does.
// A campaign question that asks for a count by period keeps its measure.
func (r *reader) sanctionsAsOutcomes(figs []foiwire.Figure, tables []foiwire.Table) {
	// Whether the words introducing each table name sanctions, found once.
	context := map[int]bool{}
	for _, t := range tables {
		context[t.Index] = sanctionRE.MatchString(lastSentence(t.Context))
	}
	for i := range figs {
		f := &figs[i]
		if f.Measure != foiwire.MeasurePeriod || f.Question != "" || f.Source.Table < 0 {
			continue
		}
		own := f.Series + " " + f.Label
		switch {
		case sanctionRE.MatchString(own):
		case f.Series == "" && context[f.Source.Table] && r.onlyPeriod(f.Label):
		default:
			continue
		}
		f.Measure = foiwire.MeasureOutcome
	}
}

// onlyPeriod reports whether label holds nothing but periods and total
// words: "Jan 2018", "2021/22", "Total".
func (r *reader) onlyPeriod(label string) bool {
	rest := []byte(label)
	for _, p := range period.Find(label, r.popt) {
		for k := p.Offset; k < p.Offset+len(p.Text) && k < len(rest); k++ {
			rest[k] = ' '
		}
	}
	for _, w := range strings.FieldsFunc(string(rest), func(c rune) bool { return !unicode.IsLetter(c) }) {
		if _, ok := monthOf(w); ok || taxonomy.IsTotalLabel(w) {
			continue
		}
		return false
	}
	return true
}

// lastSentence is the last sentence or line of a table's context: the words
// that introduce it.
func lastSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(strings.TrimRight(s, ".:"), ".\n"); i >= 0 {
		s = s[i+1:]
	}
	return s
}
