package analysis

import (
	"regexp"
	"strings"
)

// codePrefix is a Home Office or force code before an offence or outcome
// label: "8L - ", "195 - ", "22B: ", "Outcome 16 - ", "OC18 - ", "HO 1 -".
var codePrefix = regexp.MustCompile(`^\s*(?i:(?:outcome|oc|ho)\s*)?[0-9]{1,3}[A-Za-z]{0,2}\s*[-–—:.)]\s+`)

// PlainLabel returns a force's label in plain words for copy and charts:
// any code the label opens with is removed ("8L - Harassment" →
// "Harassment"). A label that is nothing but a code is returned as it is.
func PlainLabel(label string) string {
	// A code has a digit: a label without one needs no regular expression.
	if strings.IndexAny(label, "0123456789") < 0 {
		return label
	}
	if loc := codePrefix.FindStringIndex(label); loc != nil && loc[1] < len(label) {
		return label[loc[1]:]
	}
	return label
}
