package taxonomy

import (
	"strings"
	"unicode"
)

// words turns a label into the words matching compares: lower case, British
// spelling, abbreviations spelt out, singular, word endings cut, stop words
// dropped, and every negation written "not". "Suspect not identified",
// "No suspect identified" and "failed to identify the suspect" give the
// same words in different orders.
func words(s string) []string {
	raw := rawWords(s)
	var out []string
	for i := 0; i < len(raw); i++ {
		w := raw[i]
		// "s.127", "sec 127", "section 15A" → "s127", "s15a"
		if (w == "s" || w == "sec" || w == "section") && i+1 < len(raw) && startsWithDigit(raw[i+1]) {
			out = append(out, "s"+raw[i+1])
			i++
			continue
		}
		for _, x := range expand(w) {
			if !stopword(x) {
				out = append(out, stem(x))
			}
		}
	}
	return out
}

// rawWords splits s into lower-case runs of letters and digits. Apostrophes
// inside a word are dropped ("doesn't" → "doesnt"); "&" becomes "and".
func rawWords(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// joins "doesn" and "t"
		case r == '&':
			flush()
			out = append(out, "and")
		default:
			flush()
		}
	}
	flush()
	return out
}

func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// hasDigit reports whether w holds an ASCII digit.
func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return false
}

// expand spells out the abbreviations and variants forces write, and
// folds negations into "not".
func expand(w string) []string {
	switch w {
	case "not", "no", "non", "without", "never", "fail", "failed", "fails", "failing", "unable",
		"cannot", "cant", "doesnt", "didnt", "isnt", "wasnt", "dont", "wont", "neither", "nor",
		// A victim who declines or withdraws support does not support.
		"decline", "declines", "declined", "declining", "withdrew", "withdrawn", "withdraws", "withdrawing", "withdraw":
		return []string{"not"}
	case "unidentified", "unknown":
		return []string{"not", "identified"}
	case "sus", "susp":
		return []string{"suspect"}
	case "insuff":
		return []string{"insufficient"}
	case "evid":
		return []string{"evidence"}
	case "enq", "enqs":
		return []string{"enquiry"}
	case "oth":
		return []string{"other"}
	case "investig", "invest":
		return []string{"investigation"}
	case "int":
		return []string{"interest"}
	case "pol":
		return []string{"police"}
	case "comms", "comm":
		return []string{"communication"}
	case "mal":
		return []string{"malicious"}
	case "iioc":
		return []string{"indecent", "images", "children"}
	case "abh":
		return []string{"actual", "bodily", "harm"}
	case "gbh":
		return []string{"grievous", "bodily", "harm"}
	case "pnd":
		return []string{"penalty", "notice", "disorder"}
	case "tic":
		return []string{"taken", "into", "consideration"}
	case "minor", "minors", "juvenile", "juveniles":
		return []string{"child"}
	case "offense", "offenses":
		return []string{"offence"}
	case "behavior":
		return []string{"behaviour"}
	case "defense":
		return []string{"defence"}
	case "harrassment", "harasment":
		return []string{"harassment"}
	case "summonsed", "summoned", "summonses":
		return []string{"summons"}
	}
	return []string{w}
}

// stopword reports words that carry nothing for matching. "with" is one:
// "violence without injury" differs from "violence with injury" by its
// negation, not by "with".
func stopword(w string) bool {
	switch w {
	case "a", "an", "the", "of", "and", "or", "to", "by", "for", "in", "on", "at", "with", "etc",
		"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "does", "did", "do",
		"it", "its", "their", "as", "any", "that", "which", "who", "this", "these", "those", "into",
		"from", "but", "also", "e", "g", "eg", "ie", "inc", "incl", "s", "where", "then":
		return true
	}
	return false
}

// stem cuts plural and verb endings so that "offences" meets "offence" and
// "identified" meets "identify". It is deliberately crude: both sides of a
// comparison go through it, so it only has to be consistent.
func stem(w string) string {
	if len(w) <= 3 || hasDigit(w) {
		return w
	}
	switch w {
	case "children":
		return "child"
	case "violent":
		return "violenc"
	case "summons", "news", "series":
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied"):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		w = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "e") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	return w
}
