package claims

import (
	"strings"
)

// conceptRewrites turn the many ways of writing one offence or outcome into
// one word, so "failed to identify the suspect" and "suspect not identified"
// compare equal. Longer phrases come first.
var conceptRewrites = strings.NewReplacer(
	"failed to identify the suspect", " nosuspect ",
	"failed to identify a suspect", " nosuspect ",
	"no suspect identified", " nosuspect ",
	"suspect not identified", " nosuspect ",
	"not identified", " nosuspect ",
	"unidentified", " nosuspect ",
	"victim withdrew support", " victimnosupport ",
	"victim withdrew their support", " victimnosupport ",
	"victim has withdrawn", " victimnosupport ",
	"victim does not support", " victimnosupport ",
	"victim did not support", " victimnosupport ",
	"victim not supporting", " victimnosupport ",
	"victim declines", " victimnosupport ",
	"victim supports", " victimsupport ",
	"victim supported", " victimsupport ",
	"victim did support", " victimsupport ",
	"victim support", " victimsupport ",
	"evidential difficulties", " evidential ",
	"evidential difficulty", " evidential ",
	"lack of evidence", " evidential ",
	"charged or summonsed", " charge ",
	"charge or summons", " charge ",
	"charges or summons", " charge ",
	"charge/summons", " charge ",
	"charges/summons", " charge ",
	"partner agency", " agency ",
	"another agency", " agency ",
	"other agency", " agency ",
	"another body", " agency ",
	"external agency", " agency ",
	"still under investigation", " pending ",
	"under investigation", " pending ",
	"being investigated", " pending ",
	"investigation ongoing", " pending ",
	"investigation complete", " complete ",
	"investigation was deemed complete", " complete ",
	"deemed complete", " complete ",
	"violence against the person", " violence ",
	"indecent images", " indecent photograph ",
	"pseudo-photographs", " photograph ",
)

var conceptWords = map[string]string{
	"violent": "violence", "minor": "child", "minors": "child", "children": "child",
	"youngster": "child", "youngsters": "child", "summons": "charge", "summonses": "charge",
	"charges": "charge", "charged": "charge", "images": "photograph", "image": "photograph",
	"pictures": "photograph", "harassing": "harassment", "stalked": "stalking",
}

// fillerWords carry no category: articles' generic nouns, verbs of
// recording and function words.
var fillerWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "or": true,
	"with": true, "in": true, "for": true, "by": true, "on": true, "at": true, "that": true,
	"which": true, "where": true, "was": true, "were": true, "is": true, "are": true,
	"be": true, "been": true, "being": true, "has": true, "have": true, "had": true,
	"did": true, "does": true, "do": true, "but": true, "further": true, "police": true,
	"force": true, "action": true, "alleged": true, "offence": true, "offences": true,
	"crime": true, "crimes": true, "case": true, "cases": true, "incident": true,
	"incidents": true, "instance": true, "instances": true, "count": true, "counts": true,
	"recorded": true, "logged": true, "reported": true, "tiktok": true, "related": true,
	"tiktok-related": true, "linked": true, "app": true, "site": true, "its": true,
	"their": true, "this": true, "again": true, "any": true, "prevented": true,
	"prevent": true, "preventing": true, "despite": true, "due": true, "resulted": true,
	"result": true, "dealt": true, "investigation": true, "such": true, "criminal": true,
	"these": true, "those": true, "there": true, "it": true, "some": true, "also": true,
	"total": true, "number": true, "figures": true, "involved": true, "involving": true,
	"relate": true, "relating": true, "confirmed": true, "issued": true, "made": true,
	"type": true, "types": true, "category": true, "categories": true, "deemed": true,
}

// punctuationToSpace blanks the punctuation that separates words in a phrase.
var punctuationToSpace = strings.NewReplacer("'", " ", "\"", " ", ",", " ", ".", " ", ";", " ", ":", " ", "(", " ", ")", " ")

// concepts returns the words that say which offence or outcome a phrase is
// about, normalised so different wordings of one category share them.
func concepts(s string) []string {
	s = " " + straighten(strings.ToLower(s)) + " "
	s = punctuationToSpace.Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	s = conceptRewrites.Replace(s)
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(s, "/", " ")) {
		if c, ok := conceptWords[w]; ok {
			w = c
		}
		if fillerWords[w] {
			continue
		}
		if !contains(outcomeWords, w) {
			w = stem(w)
		}
		if w != "" && !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// stem strips the English endings that vary between a reply's label and an
// article's wording ("engaging" and "engage", "offences" and "offence").
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s", "e"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// similarity is the Jaccard index of two concept sets.
func similarity(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for _, w := range a {
		if contains(b, w) {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// outcomeWords mark a phrase as a police outcome rather than an offence.
var outcomeWords = []string{"nosuspect", "victimnosupport", "victimsupport", "evidential", "charge", "agency", "pending", "complete", "caution", "resolution", "suspect"}

func isOutcome(cs []string) bool {
	for _, c := range cs {
		if contains(outcomeWords, c) {
			return true
		}
	}
	return false
}
