package authority

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/foiwire/foiwire"
)

// publicMail are mail services anyone can send from: a domain among them
// says nothing about who sent a message, so none may stand for an
// authority.
var publicMail = []string{
	"aol.com", "btinternet.com", "gmail.com", "googlemail.com", "gmx.com", "gmx.co.uk", "hotmail.com",
	"hotmail.co.uk", "icloud.com", "live.co.uk", "live.com", "mail.com", "me.com", "msn.com", "outlook.com",
	"proton.me", "protonmail.com", "sky.com", "talktalk.net", "virginmedia.com", "yahoo.co.uk", "yahoo.com",
	"yandex.com", "zoho.com",
}

// ErrSharedDomain is wrapped by NormaliseDomain's error for a domain that
// does not belong to one organisation: a public mail service or a
// registry suffix such as police.uk.
var ErrSharedDomain = errors.New("domain is shared by many senders")

// NormaliseDomain returns a mail domain in the form Owners compares:
// lower case, without a leading "@" or trailing dot. It returns an error
// for something that is not a domain, and one wrapping ErrSharedDomain for
// a domain anyone can send from (gmail.com) or that many organisations
// share (police.uk, gov.uk).
func NormaliseDomain(s string) (string, error) {
	d := strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "@"), ".")
	if d == "" || !strings.Contains(d, ".") || len(d) > 253 {
		return "", fmt.Errorf("%q is not a mail domain (write it as example.police.uk)", s)
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "", fmt.Errorf("%q is not a mail domain (write it as example.police.uk)", s)
		}
		for _, c := range label {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				return "", fmt.Errorf("%q is not a mail domain (write it as example.police.uk)", s)
			}
		}
	}
	if slices.Contains(publicMail, d) {
		return "", fmt.Errorf("%s: %w: it is a public mail service anyone can send from", d, ErrSharedDomain)
	}
	if suffix, _ := publicsuffix.PublicSuffix(d); suffix == d {
		return "", fmt.Errorf("%s: %w: many organisations have addresses under it", d, ErrSharedDomain)
	}
	return d, nil
}

// ParseDomains reads a list of mail domains separated by ";", "," or
// spaces, normalised and without repeats. It returns an error naming the
// first that is not a domain or is shared (see NormaliseDomain).
func ParseDomains(s string) ([]string, error) {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '\t' }) {
		d, err := NormaliseDomain(f)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out, nil
}

// AddressDomain returns the normalised domain of a mail address
// ("Foi Unit <foi@lancashire.police.uk>"), or "" when addr is not an
// address or its domain is shared (a gmail.com address proves nothing).
func AddressDomain(addr string) string {
	a, err := mail.ParseAddress(addr)
	if err != nil {
		return ""
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at < 0 {
		return ""
	}
	d, err := NormaliseDomain(a.Address[at+1:])
	if err != nil {
		return ""
	}
	return d
}

// DomainsOf returns the mail domains an authority sends from: its Domains
// and the domain of its FOI address.
func DomainsOf(a foiwire.Authority) []string {
	out := slices.Clone(a.Domains)
	if d := AddressDomain(a.FOIEmail); d != "" && !slices.Contains(out, d) {
		out = append(out, d)
	}
	return out
}

// Covers reports whether a sender's domain is domain or one of its
// subdomains ("foi.lancashire.police.uk" is covered by
// "lancashire.police.uk").
func Covers(domain, sender string) bool {
	sender = strings.TrimSuffix(strings.ToLower(sender), ".")
	return domain != "" && (sender == domain || strings.HasSuffix(sender, "."+domain))
}

// Owners returns, in registry order, the ids of the authorities whose
// domains (see DomainsOf) cover the sender's domain: usually one, none
// for a stranger, several for a unit answering for more than one force.
func (r *Registry) Owners(senderDomain string) []string {
	var out []string
	for _, a := range r.list {
		if slices.ContainsFunc(DomainsOf(a), func(d string) bool { return Covers(d, senderDomain) }) {
			out = append(out, a.ID)
		}
	}
	return out
}
