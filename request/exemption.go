package request

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// exemptions names, in a few words of our own, the sections of the Freedom
// of Information Act 2000 an authority may rely on to withhold information
// or to refuse a request outright (sections 12 and 14).
var exemptions = map[string]string{
	"12": "cost limit",
	"14": "vexatious or repeated request",
	"21": "reasonably accessible by other means",
	"22": "intended for future publication",
	"23": "security bodies",
	"24": "national security",
	"26": "defence",
	"27": "international relations",
	"28": "relations within the UK",
	"29": "the economy",
	"30": "investigations and proceedings",
	"31": "law enforcement",
	"32": "court records",
	"33": "audit functions",
	"34": "parliamentary privilege",
	"35": "formulation of government policy",
	"36": "conduct of public affairs",
	"37": "communications with the Royal Family",
	"38": "health and safety",
	"39": "environmental information",
	"40": "personal information",
	"41": "information provided in confidence",
	"42": "legal professional privilege",
	"43": "commercial interests",
	"44": "prohibitions on disclosure",
}

var exemptionRE = regexp.MustCompile(`^(?i)(?:s|sec|section)?\.?\s*(\d{1,2})\s*((?:\(\s*[0-9a-z]{1,4}\s*\))*)$`)

// ParseExemption reads an exemption as written in a refusal or typed by a
// person ("s12", "S.40(2)", "section 31(1)(a)", "12") into its short form
// ("s12", "s40(2)", "s31(1)(a)"). It returns an error for anything that is
// not a section of the Act that withholds information.
func ParseExemption(s string) (string, error) {
	m := exemptionRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", fmt.Errorf("exemption %q: write it as s12, s40(2) or section 31", s)
	}
	num := strings.TrimLeft(m[1], "0")
	if _, ok := exemptions[num]; !ok {
		return "", fmt.Errorf("exemption %q: section %s of the Act is not an exemption", s, m[1])
	}
	sub := strings.ToLower(strings.ReplaceAll(m[2], " ", ""))
	return "s" + num + sub, nil
}

// Describe returns a few words on what an exemption covers ("s12" → "cost
// limit"), or "" when ParseExemption would not read it.
func Describe(exemption string) string {
	ex, err := ParseExemption(exemption)
	if err != nil {
		return ""
	}
	num, _, _ := strings.Cut(strings.TrimPrefix(ex, "s"), "(")
	return exemptions[num]
}

var (
	// "section 12(1)", "s.40(2)", "S31", "sections 30 and 31"; an Act other
	// than this one after the number is checked for separately.
	sectionRE  = regexp.MustCompile(`(?i)\b(?:sections?|s\.?)\s?(\d{1,2})\b((?:\s?\(\s?[0-9a-z]{1,3}\s?\))*)(?:\s*(?:,|and|&)\s*(\d{1,2})\b)?`)
	otherActRE = regexp.MustCompile(`(?i)^\s*of\s+the\s+([a-z ]{3,60}?)\s+act\b`)
	costRE     = regexp.MustCompile(`(?i)(?:appropriate|cost)s?\s+limit|exceed\w*\s+(?:the\s+)?(?:18|eighteen)\s+hours`)
	ncndRE     = regexp.MustCompile(`(?i)neither\s+confirm\s+n?or\s+deny`)
)

// FindExemptions returns the exemptions a reply's text cites, in the order
// it first cites them, each in ParseExemption's short form. Mentions of
// the cost limit count as section 12 even where the section is not named;
// a section of another Act ("section 127 of the Communications Act") is
// not an exemption.
func FindExemptions(text string) []string {
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, m := range sectionRE.FindAllStringSubmatchIndex(text, -1) {
		rest := text[m[1]:min(len(text), m[1]+80)]
		if am := otherActRE.FindStringSubmatch(rest); am != nil && !strings.Contains(strings.ToLower(am[1]), "freedom of information") {
			continue
		}
		sub := ""
		if m[4] >= 0 {
			sub = text[m[4]:m[5]]
		}
		if ex, err := ParseExemption(text[m[2]:m[3]] + sub); err == nil {
			add(ex)
		}
		if m[6] >= 0 {
			if ex, err := ParseExemption(text[m[6]:m[7]]); err == nil {
				add(ex)
			}
		}
	}
	if costRE.MatchString(text) && !slices.ContainsFunc(out, func(s string) bool { return s == "s12" || strings.HasPrefix(s, "s12(") }) {
		out = append([]string{"s12"}, out...)
	}
	return out
}

// RefusesOutright reports whether a reply's text reads as a refusal of the
// whole request rather than an answer that withholds a part: it relies on
// the cost limit or on section 14, or neither confirms nor denies, or calls
// itself a refusal notice.
func RefusesOutright(text string) bool {
	lower := strings.ToLower(text)
	for _, ex := range FindExemptions(text) {
		if ex == "s12" || strings.HasPrefix(ex, "s12(") || ex == "s14" || strings.HasPrefix(ex, "s14(") {
			return true
		}
	}
	return ncndRE.MatchString(text) || strings.Contains(lower, "refusal notice")
}
