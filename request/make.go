package request

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// MakeOptions say how new requests are made.
type MakeOptions struct {
	// Prefix starts every reference; "" means Prefix(campaign, At's year).
	Prefix string
	At     time.Time
	// Addresses gives FOI addresses by authority id, over the registry's.
	Addresses map[string]string
	// Rand is where references' random suffixes come from; nil means
	// crypto/rand. Tests set it to get the same references each run.
	Rand io.Reader
}

// Make returns a new draft request of campaign c for each authority that
// has none among existing, each with a reference no other request has and
// nobody can guess (see Reference), its FOI address (empty when none is
// known), its subject and body and a Message-Id of its own. Authorities
// that already have a request are left out, so making requests twice makes
// them once. It panics only when o.Rand fails.
func Make(c foiwire.Campaign, authorities []foiwire.Authority, existing []Request, o MakeOptions) []Request {
	prefix := o.Prefix
	if prefix == "" {
		prefix = Prefix(c, o.At.Year())
	}
	have := map[string]bool{}
	refs := map[string]bool{}
	taken := map[string]string{} // force code → the authority using it
	var ids []string
	for _, r := range existing {
		have[r.Authority] = true
		refs[r.Reference] = true
		if code := Code(r.Reference); code != "" {
			taken[code] = r.Authority
		}
		ids = append(ids, r.Authority)
	}
	for _, a := range authorities {
		ids = append(ids, a.ID)
	}
	codes := ForceCodes(ids)
	var out []Request
	for _, a := range authorities {
		if have[a.ID] {
			continue
		}
		have[a.ID] = true
		code := codes[a.ID]
		for n := 5; taken[code] != "" && taken[code] != a.ID; n++ {
			// An earlier request, made under older rules, has this code.
			code = forceCode(a.ID, min(n, maxCode))
			if n > maxCode {
				code = code[:min(len(code), maxCode-1)] + string(rune('A'+(n-maxCode-1)%26))
			}
		}
		taken[code] = a.ID
		ref := Reference(prefix, code, o.Rand)
		for refs[ref] {
			ref = Reference(prefix, code, o.Rand)
		}
		refs[ref] = true
		to := a.FOIEmail
		if addr, ok := o.Addresses[a.ID]; ok {
			to = addr
		}
		r := Request{
			Reference: ref,
			Campaign:  c.Slug,
			Authority: a.ID,
			To:        to,
			Subject:   fmt.Sprintf("Freedom of Information request: %s [%s]", oneLine(c.Title), ref),
			Body:      fmt.Sprintf("Our reference: %s (please quote it in your reply)\n\n%s\n", ref, strings.TrimSpace(c.Request)),
			MessageID: MessageID(c, ref, "request"),
			State:     Draft,
		}
		r.History = append(r.History, Event{At: o.At, Kind: EventState, To: Draft, Note: "made from the campaign's request"})
		out = append(out, r)
	}
	return out
}

// MessageID returns the Message-Id, with its angle brackets, of one
// message about a request: the same campaign, reference and purpose always
// give the same id, so a message sent twice is recognisably the same
// message. The domain is the sender's, or "foiwire.invalid" when the
// campaign names no sender.
func MessageID(c foiwire.Campaign, ref, purpose string) string {
	domain := "foiwire.invalid"
	if a, err := mail.ParseAddress(c.Sender.Email); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok && d != "" {
			domain = strings.ToLower(d)
		}
	}
	sum := sha256.Sum256([]byte(c.Slug + "\x00" + ref + "\x00" + purpose))
	return fmt.Sprintf("<%s.%s.%s@%s>", strings.ToLower(ref), purpose, hex.EncodeToString(sum[:5]), domain)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// LongDate writes a day as British copy does: "3 June 2024".
func LongDate(d foiwire.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day(), d.Month(), d.Year())
}

// Reminder returns the subject and body of a polite reminder about an
// overdue request, addressed to the authority by name and signed by the
// sender, with the original request quoted below.
func Reminder(r Request, authorityName string, s foiwire.Sender, daysLate int) (subject, body string) {
	subject = "Reminder: " + r.Subject
	var b strings.Builder
	fmt.Fprintf(&b, "Dear Freedom of Information Officer,\n\n")
	fmt.Fprintf(&b, "On %s I asked %s for information under the Freedom of Information Act 2000 (our reference %s; the request is copied below). ",
		LongDate(r.Sent), authorityName, r.Reference)
	fmt.Fprintf(&b, "The Act asks for a reply within 20 working days of receipt, which by my count was %s", LongDate(r.Due))
	switch daysLate {
	case 0:
		b.WriteString(". ")
	case 1:
		b.WriteString(", one working day ago. ")
	default:
		fmt.Fprintf(&b, ", %d working days ago. ", daysLate)
	}
	b.WriteString("I have not yet had a reply, and I would be grateful if you could tell me when I might expect one.\n\n")
	b.WriteString("If you have already replied, my apologies: please could you send the reply again, as it has not reached me.\n\n")
	b.WriteString("With thanks,\n\n")
	for _, line := range []string{s.Name, s.Organisation} {
		if line != "" {
			b.WriteString(line + "\n")
		}
	}
	fmt.Fprintf(&b, "\n-- \nThe request of %s:\n\n", LongDate(r.Sent))
	for _, line := range strings.Split(strings.TrimRight(r.Body, "\n"), "\n") {
		b.WriteString(strings.TrimRight("> "+line, " ") + "\n")
	}
	return subject, b.String()
}
