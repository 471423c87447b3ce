package request

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/foiwire/foiwire"
)

// Prefix returns the first part of a campaign's references: two letters
// from its topic (the capitals of "TikTok", else the first two letters)
// and the last two digits of the campaign's year, the first 20xx in its
// slug or else year: "TT24". It falls back to "FOI" when the campaign has
// no letters to take.
func Prefix(c foiwire.Campaign, year int) string {
	name := c.Topic
	if name == "" {
		name = c.Title
	}
	if name == "" {
		name = c.Slug
	}
	var caps, letters []rune
	for _, r := range name {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			continue
		}
		letters = append(letters, unicode.ToUpper(r))
		if unicode.IsUpper(r) {
			caps = append(caps, r)
		}
	}
	p := "FOI"
	switch {
	case len(caps) >= 2:
		p = string(caps[:2])
	case len(letters) >= 2:
		p = string(letters[:2])
	}
	if m := yearRE.FindString(c.Slug); m != "" {
		return p + m[2:]
	}
	return fmt.Sprintf("%s%02d", p, year%100)
}

var yearRE = regexp.MustCompile(`20\d\d`)

// ForceCode returns four capital letters standing for an authority id, for
// a reference a person can read: "lancashire" → "LANC", "west-midlands" →
// "WEMI", "avon-and-somerset" → "AVSO"; ids of three letters or fewer are
// kept whole ("btp" → "BTP").
func ForceCode(id string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToUpper(id), func(r rune) bool { return r < 'A' || r > 'Z' }) {
		if w != "AND" && w != "OF" && w != "THE" {
			words = append(words, w)
		}
	}
	switch {
	case len(words) == 0:
		return "X"
	case len(words) == 1:
		return words[0][:min(4, len(words[0]))]
	}
	return words[0][:min(2, len(words[0]))] + words[1][:min(2, len(words[1]))]
}

// Reference returns the reference of the seq-th request of a campaign:
// "TT24-LANC-0001".
func Reference(prefix, authority string, seq int) string {
	return fmt.Sprintf("%s-%s-%04d", prefix, ForceCode(authority), seq)
}

var referenceRE = regexp.MustCompile(`(?i)\b([A-Z]{1,6}\d{2})-([A-Z]{1,4})-(\d{4,})\b`)

// FindReferences returns the strings in text shaped like a reference, in
// upper case and in order, for matching a reply to its request.
func FindReferences(text string) []string {
	var out []string
	for _, m := range referenceRE.FindAllString(text, -1) {
		out = append(out, strings.ToUpper(m))
	}
	return out
}

// Sequence returns the number at the end of a reference, or 0 when the
// reference is not one Reference makes.
func Sequence(ref string) int {
	m := referenceRE.FindStringSubmatch(ref)
	if m == nil || m[0] != ref {
		return 0
	}
	n := 0
	for _, r := range m[3] {
		n = n*10 + int(r-'0')
		if n > 1e8 {
			return 0
		}
	}
	return n
}
