package request

import (
	"crypto/rand"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/foiwire/foiwire"
)

// Prefix returns the start of a campaign's references: two capitals of
// its topic or title and the year's last two digits ("TT24"). The year is
// the one in the slug ("tiktok-2024"), else year.
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

// maxCode is the longest force code; FindReferences reads no longer.
const maxCode = 8

// ForceCode returns a short code for an authority id, for people reading
// a reference: the first four letters of a one-word id ("LANC"), or the
// first two of its first two words ("WEMI" for west-midlands), leaving
// out "and", "of" and "the". Two ids can share a code ("NORT" for both
// northamptonshire and northumbria); ForceCodes gives codes that differ.
func ForceCode(id string) string { return forceCode(id, 4) }

// forceCode is ForceCode with n letters in all (n ≥ 4).
func forceCode(id string, n int) string {
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
		return words[0][:min(n, len(words[0]))]
	}
	first := words[0][:min(n/2, len(words[0]))]
	return first + words[1][:min(n-len(first), len(words[1]))]
}

// ForceCodes returns a code for each id that no other of the ids shares:
// ForceCode's, lengthened letter by letter (up to eight) for ids whose
// codes collide ("NORTHA" and "NORTHU"), and numbered when even that
// does not part them.
func ForceCodes(ids []string) map[string]string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := map[string]string{}
	for _, id := range ids {
		out[id] = ForceCode(id)
	}
	for n := 5; n <= maxCode+1; n++ {
		groups := map[string][]string{}
		for _, id := range ids {
			groups[out[id]] = append(groups[out[id]], id)
		}
		clash := false
		for code, g := range groups {
			if len(g) < 2 {
				continue
			}
			clash = true
			for i, id := range g {
				if n <= maxCode {
					out[id] = forceCode(id, n)
				} else {
					// Ids that differ only past the eighth letter.
					out[id] = code[:min(len(code), maxCode-1)] + string(rune('A'+i%26))
				}
			}
		}
		if !clash {
			break
		}
	}
	return out
}

// suffixAlphabet spells the random part of a reference: digits and
// capitals without I, L, O and U, which people misread or which spell words.
const suffixAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// suffixLen is how many characters of suffixAlphabet end a reference:
// 6 × 5 = 30 bits, so a forger who knows the force and the campaign has
// one chance in a billion of guessing a reference.
const suffixLen = 6

// Reference returns a new reference for a request: the campaign's prefix,
// the force's code and a random suffix read from rnd (crypto/rand when
// nil): "TT24-LANC-7KQ3MX". A forger who knows the campaign and the force
// still has one chance in a billion of guessing it. It panics when a
// non-nil rnd fails; crypto/rand never does.
func Reference(prefix, code string, rnd io.Reader) string {
	b := make([]byte, suffixLen)
	if rnd == nil {
		rand.Read(b)
	} else if _, err := io.ReadFull(rnd, b); err != nil {
		panic(fmt.Sprintf("request: reading a reference's random suffix: %v", err))
	}
	for i := range b {
		b[i] = suffixAlphabet[b[i]%32]
	}
	return fmt.Sprintf("%s-%s-%s", prefix, code, b)
}

// referenceRE reads references as Reference writes them and as earlier
// versions did (a four-digit number in place of the random suffix).
var referenceRE = regexp.MustCompile(`(?i)\b([A-Z]{1,6}\d{2})-([A-Z]{1,8})-([0-9A-Z]{4,12})\b`)

// FindReferences returns the request references in text, upper-cased, in
// order.
func FindReferences(text string) []string {
	var out []string
	for _, m := range referenceRE.FindAllString(text, -1) {
		out = append(out, strings.ToUpper(m))
	}
	return out
}

// Code returns the force code of a reference ("LANC" of
// "TT24-LANC-7KQ3MX"), or "" when ref is not one.
func Code(ref string) string {
	m := referenceRE.FindStringSubmatch(ref)
	if m == nil || m[0] != ref {
		return ""
	}
	return strings.ToUpper(m[2])
}
