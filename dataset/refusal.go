package dataset

import (
	"regexp"
	"slices"
	"strings"
)

// refusal is what a reply says when it gives no figures.
type refusal struct {
	section string // "s12", "s40", "not held"
	notHeld bool
	full    bool   // the reply refuses the whole request
	why     string // the words it was recognised by
}

var (
	// "Section 12(1)", "section 40 (2)", "s.12", "S12", "sections 12 and 17".
	sectionRE = regexp.MustCompile(`(?i)\b(?:sections?|s\.?)\s?(\d{1,2})\b(?:\s?\(\s?\d\s?\))?(?:\s?\(\s?[a-z]\s?\))?`)
	// An Act other than the FOI Act after a section number: "Section 127 of
	// the Communications Act" is an offence, not an exemption.
	otherActRE = regexp.MustCompile(`(?i)^\s*(?:\(\S*\)\s*)*of\s+the\s+([a-z ]+?)\s+act`)
	costRE     = regexp.MustCompile(`(?i)(exceed(?:s|ed)?\s+the\s+(?:appropriate|permitted)\s+(?:costs?\s+)?limit|appropriate\s+costs?\s+limit|exceed\s+the\s+(?:permitted\s+)?18\s+hours?|within\s+the\s+time\s+and\s+cost\s+limits|cost\s+of\s+compliance\s+exceeds|would\s+exceed\s+the\s+cost\s+limit)`)
	ncndRE     = regexp.MustCompile(`(?i)neither\s+confirm\s+nor\s+deny`)
	refuseRE   = regexp.MustCompile(`(?i)(full\s+refusal|refusal\s+notice|cannot\s+be\s+disclosed|exempt\s+from\s+disclosure|not\s+obliged\s+to\s+(?:comply|provide)|unable\s+to\s+(?:comply|provide)|would\s+apply\b|decline\s+to\s+provide|withheld\s+in\s+full)`)
	discloseRE = regexp.MustCompile(`(?i)(able\s+to\s+disclose|decided\s+to\s+disclose|details\s+of\s+which\s+are\s+as\s+follows|please\s+find\s+(?:below|attached)|information\s+is\s+provided|disclose\s+the\s+located\s+information)`)
	notHeldRE  = regexp.MustCompile(`(?i)(does\s+not\s+hold|do\s+not\s+hold|is\s+not\s+held(?:\s+by)?(?:[^.]{0,40})?$|information\s+is\s+not\s+held\b(?:\s*\.|\s+by)|no\s+(?:relevant\s+)?information\s+(?:is\s+)?held|holds?\s+no\s+(?:recorded\s+)?information)`)
	// "not held in a format that allows" is the cost limit, not "not held".
	notHeldFormatRE = regexp.MustCompile(`(?i)not\s+held\s+in\s+a\s+(?:format|way|manner)`)
)

// wordedPattern is a pattern with the words one of which each of its
// matches holds (FuzzPatternWords holds it to that).
type wordedPattern struct {
	re    *regexp.Regexp
	words []string
}

// find is the pattern's first match in text, searched for only when text
// holds one of its words.
func (p wordedPattern) find(text string) string {
	if !p.mayMatch(text) {
		return ""
	}
	return p.re.FindString(text)
}

// mayMatch reports whether text holds one of the pattern's words: if not,
// the pattern cannot match it.
func (p wordedPattern) mayMatch(text string) bool {
	return mayMatch(text, strings.Contains(text, "\u017f"), p.words...)
}

var (
	costPattern     = wordedPattern{costRE, []string{"limit", "hour", "complian"}}
	ncndPattern     = wordedPattern{ncndRE, []string{"neither"}}
	refusePattern   = wordedPattern{refuseRE, []string{"refusal", "disclose", "exempt", "obliged", "unable", "apply", "decline", "withheld"}}
	disclosePattern = wordedPattern{discloseRE, []string{"disclose", "follows", "please", "provided"}}
	notHeldPattern  = wordedPattern{notHeldRE, []string{"hold", "held"}}
)

// exemptions are the sections of the FOI Act that withhold information;
// section 17 (the refusal notice) and section 1 (the duty) are not.
var exemptions = map[string]bool{
	"12": true, "14": true, "21": true, "22": true, "23": true, "24": true, "26": true, "27": true,
	"30": true, "31": true, "32": true, "35": true, "36": true, "38": true, "40": true, "41": true,
	"42": true, "43": true, "44": true,
}

// findRefusal reads the response part of a reply for a refusal or a "not
// held" answer. It returns nil when the reply refuses nothing.
func findRefusal(response string) *refusal {
	var secs []string
	for _, m := range sectionRE.FindAllStringSubmatchIndex(response, -1) {
		num := response[m[2]:m[3]]
		if !exemptions[num] {
			continue
		}
		if am := otherActRE.FindStringSubmatch(response[m[1]:min(len(response), m[1]+80)]); am != nil &&
			!strings.Contains(strings.ToLower(am[1]), "freedom of information") {
			continue
		}
		s := "s" + num
		if !slices.Contains(secs, s) {
			secs = append(secs, s)
		}
	}
	// Each pattern below needs one of its words to match at all; a reply
	// of many table rows is searched for those first, which costs a
	// fraction of running the pattern over it.
	cost := costPattern.find(response)
	if cost != "" && !slices.Contains(secs, "s12") {
		secs = append([]string{"s12"}, secs...)
	}
	ncnd := ncndPattern.find(response)
	refuse := refusePattern.find(response)
	disclose := disclosePattern.find(response)
	if len(secs) > 0 {
		r := &refusal{section: secs[0]}
		// The cost limit outranks the others: it is why nothing was searched.
		if slices.Contains(secs, "s12") {
			r.section = "s12"
		}
		switch {
		case ncnd != "":
			r.full, r.why = true, strings.ToLower(ncnd)
		case refuse != "" && disclose == "":
			r.full, r.why = true, strings.ToLower(refuse)
		case cost != "" && disclose == "":
			r.full, r.why = true, strings.ToLower(cost)
		default:
			r.why = "cites " + strings.Join(secs, ", ")
			if disclose != "" {
				r.why += " but also says: " + strings.ToLower(disclose)
			}
		}
		return r
	}
	if ncnd != "" {
		return &refusal{section: "ncnd", why: strings.ToLower(ncnd)}
	}
	if !notHeldPattern.mayMatch(response) {
		return nil
	}
	if loc := notHeldRE.FindStringIndex(response); loc != nil && !notHeldFormatRE.MatchString(response[loc[0]:min(len(response), loc[1]+30)]) {
		return &refusal{section: "not held", notHeld: true, full: disclose == "", why: strings.TrimSpace(strings.ToLower(response[loc[0]:loc[1]]))}
	}
	return nil
}

var (
	requestMarkRE  = regexp.MustCompile(`(?im)^[ \t]*(?:you\s+asked|request(?:\s+\d+)?|your\s+request|the\s+request)\s*:?[ \t]*$|^[ \t]*(?:you\s+asked|request)\s*:`)
	responseMarkRE = regexp.MustCompile(`(?im)^[ \t]*(?:in\s+response|response(?:\s+\d+)?|our\s+response|decision|answer|reply)\b[ \t]*:?`)
)

// responsePart returns the part of a reply after the requester's own words,
// so that numbers and sections quoted from the request are not read as the
// authority's answer. With no markers it returns the whole text.
func responsePart(text string) string {
	start := 0
	if m := requestMarkRE.FindStringIndex(text); m != nil {
		start = m[1]
	}
	if m := responseMarkRE.FindStringIndex(text[start:]); m != nil {
		return text[start+m[0]:]
	}
	return text
}

// mayMatch reports whether text holds any of words (ASCII lower case),
// ignoring ASCII case: a pattern every match of which holds one of them
// cannot match a text that holds none. The patterns' case folding also
// reads the long s as s, so when text has one (longS) a word with an s
// is taken to be there.
func mayMatch(text string, longS bool, words ...string) bool {
	for _, w := range words {
		if longS && strings.Contains(w, "s") || indexFold(text, w) >= 0 {
			return true
		}
	}
	return false
}

// indexFold returns the index of the first word (ASCII lower case) in s,
// ignoring ASCII case, or -1.
func indexFold(s, word string) int {
	firsts := word[:1]
	if 'a' <= word[0] && word[0] <= 'z' {
		firsts = string([]byte{word[0], word[0] - 0x20})
	}
	for i := 0; i+len(word) <= len(s); i++ {
		j := strings.IndexAny(s[i:], firsts)
		if j < 0 {
			return -1
		}
		i += j
		if hasFold(s[i:], word) {
			return i
		}
	}
	return -1
}
