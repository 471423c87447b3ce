package story

import (
	"fmt"
	"slices"
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
	f.Label = analysis.PlainLabel(f.Label)
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
			return onePhrase.Replace(e.Short)
		}
	}
	return lowerFirst(f.Label)
}

// itemNames keeps itemName's answers for the stories one goroutine of a
// Publish builds, by all that itemName reads of a fact: its label,
// category and measure. The nil *itemNames keeps nothing. It is not safe
// for use by several goroutines at once.
type itemNames struct {
	m map[itemKey]string
}

type itemKey struct {
	label, category string
	measure         foiwire.Measure
}

// of is itemName(*f).
func (n *itemNames) of(f *foiwire.Fact) string {
	if n == nil {
		return itemName(*f)
	}
	k := itemKey{f.Label, f.Category, f.Measure}
	if name, ok := n.m[k]; ok {
		return name
	}
	name := itemName(foiwire.Fact{Label: f.Label, Category: f.Category, Measure: f.Measure})
	if n.m == nil {
		n.m = map[itemKey]string{}
	}
	n.m[k] = name
	return name
}

// onePhrase rewrites the commas and colons of an outcome's short name.
var onePhrase = strings.NewReplacer(": ", " with ", ", ", " and ")

// isEvidential reports whether an outcome group is one of the Home Office's
// evidential-difficulties groups.
func isEvidential(g Item) bool { return strings.Contains(strings.ToLower(g.Label), "evidential") }

// sharesWords reports whether every word of name of four letters or more
// (give or take a plural s) is in label.
func sharesWords(name, label string) bool {
	in := strings.FieldsFunc(strings.ToLower(label), notLetter)
	for i, w := range in {
		in[i] = strings.TrimSuffix(w, "s")
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(name), notLetter) {
		if len(w) >= 4 && !slices.Contains(in, strings.TrimSuffix(w, "s")) {
			return false
		}
	}
	return true
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// outcomePhrases say what happened to the offences of each Home Office
// outcome group, after their count: "53 were closed with no suspect
// identified". The key is the group's slug; %s is "were" or "was".
var outcomePhrases = map[string]string{
	"charged-summonsed":                                                    "led to a charge or summons",
	"investigation-complete-no-suspect-identified":                         "%s closed with no suspect identified",
	"evidential-difficulties-suspect-identified-victim-supports-action":    "%s dropped for lack of evidence although a suspect was identified and the victim supported action",
	"evidential-difficulties-victim-does-not-support-action":               "%s dropped because the victim did not support, or withdrew support for, police action",
	"prosecution-prevented-or-not-in-the-public-interest":                  "%s stopped because a prosecution was prevented or not in the public interest",
	"out-of-court-formal":                                                  "ended in a caution or other formal out-of-court disposal",
	"out-of-court-informal":                                                "ended in a community resolution",
	"responsibility-for-further-investigation-transferred-to-another-body": "%s passed to another body to investigate",
	"taken-into-consideration":                                             "%s taken into consideration in another case",
	"not-yet-assigned":                                                     "%s still under investigation",
}

// outcomePhrase says what happened to an outcome group's offences, linked
// to the group's fact; a group with no phrase is named in its own words.
func outcomePhrase(it Item) string {
	key := strings.TrimPrefix(it.Fact, "")
	if i := strings.Index(key, analysis.OutcomeGroupPrefix); i >= 0 {
		key = key[i+len(analysis.OutcomeGroupPrefix):]
		if j := strings.IndexByte(key, '/'); j >= 0 {
			key = key[:j]
		}
	}
	p, ok := outcomePhrases[key]
	if !ok {
		return "had the outcome " + mark(it.Fact, "label", "“"+it.Name+"”")
	}
	verb := "were"
	if it.Value == 1 {
		verb = "was"
	}
	if strings.Contains(p, "%s") {
		p = fmt.Sprintf(p, verb)
	}
	return p
}
