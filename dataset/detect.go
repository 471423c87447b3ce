package dataset

import (
	"fmt"
	"net/mail"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/foiwire/foiwire/authority"
)

// whose is the authority a reply came from and how that was found.
type whose struct {
	id   string
	how  string
	sure bool
}

// detectAuthority finds who sent a reply when nobody said: the header block
// of a saved disclosure page ("force: Dorset Police"), the sender of an
// email, the names the text uses most, and last the file name.
func detectAuthority(reg *authority.Registry, header map[string]string, text, name string) whose {
	for _, k := range []string{"force", "authority", "organisation"} {
		if v := header[k]; v != "" {
			if id, err := reg.Match(v); err == nil {
				return whose{id, fmt.Sprintf("header %s: %q", k, v), true}
			}
		}
	}
	if from := header["from"]; from != "" {
		if id, how := fromSender(reg, from); id != "" {
			return whose{id, how, true}
		}
	}
	counts := map[string]int{}
	first := map[string]string{}
	var order []string
	for _, m := range reg.Find(text) {
		if !m.Strong {
			continue
		}
		if counts[m.ID] == 0 {
			order = append(order, m.ID)
			first[m.ID] = m.Text
		}
		counts[m.ID]++
	}
	best, second := "", 0
	for _, id := range order {
		switch {
		case best == "" || counts[id] > counts[best]:
			second = counts[best]
			best = id
		case counts[id] > second:
			second = counts[id]
		}
	}
	if best != "" {
		how := fmt.Sprintf("text: %q named %d times", first[best], counts[best])
		if second > 0 {
			how += fmt.Sprintf(", another force %d times", second)
		}
		return whose{best, how, counts[best] >= 2*second && counts[best] > second}
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if i := strings.Index(base, "__"); i > 0 {
		base = base[:i]
	}
	if id, err := reg.Match(base); err == nil {
		return whose{id, fmt.Sprintf("file name %q", filepath.Base(name)), false}
	}
	// A reply filed as "<authority>__<name>" from an authority the registry
	// does not hold (a council, a health trust) is still that authority's.
	if slug := base; slug != filepath.Base(name) && slugRE.MatchString(slug) && strings.Contains(filepath.Base(name), "__") {
		return whose{slug, fmt.Sprintf("file name %q (not in the registry)", filepath.Base(name)), false}
	}
	return whose{}
}

// slugRE is an authority id as a file name can give one: "sheffield",
// "north-east-lincolnshire".
var slugRE = regexp.MustCompile(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$`)

// fromSender matches an email sender to an authority by its FOI address's
// domain, then by the display name.
func fromSender(reg *authority.Registry, from string) (string, string) {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return "", ""
	}
	if at := strings.LastIndexByte(addr.Address, '@'); at >= 0 {
		dom := strings.ToLower(addr.Address[at+1:])
		for _, a := range reg.Known() {
			if i := strings.LastIndexByte(a.FOIEmail, '@'); i >= 0 && strings.EqualFold(a.FOIEmail[i+1:], dom) {
				return a.ID, fmt.Sprintf("email sender's domain %s", dom)
			}
		}
	}
	if addr.Name != "" {
		if id, err := reg.Match(addr.Name); err == nil {
			return id, fmt.Sprintf("email sender %q", addr.Name)
		}
	}
	return "", ""
}

// AuthorityID makes an authority id from a name the registry does not
// hold: "Sheffield City Council" gives "sheffield-city-council". It returns
// "" when the name has no letters or digits.
func AuthorityID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
