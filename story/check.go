package story

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/analysis"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/claims"
)

// checker is the self-check a story passes before anything is written.
// Numbers and names written from facts carry their links from render time
// and are verified against the fact they name; every other number is read
// with the same claim reader that checks printed articles (package claims),
// so generation and checking cannot disagree.
type checker struct {
	reg     *authority.Registry
	all     []foiwire.Fact
	facts   *analysis.FactIndex // finds a force's facts with the national ones of its convention
	periods []foiwire.Period    // the campaign's years
	pub     foiwire.Date
	style   string
	words   *claims.Words // the concept words of fact labels, shared by every story's check
	// named holds the authorities the campaign's own words (its quotes
	// and notes, the same in every story) name, found once: the map is
	// keyed by the whole text and not changed once made.
	named map[string][]authority.Mention

	// base is the digest of the inputs every story's check shares, for
	// CheckMemo keys; baseOnce makes it when a build first needs it.
	baseOnce sync.Once
	base     [sha256.Size]byte
}

func newChecker(c foiwire.Campaign, reg *authority.Registry, facts []foiwire.Fact, published foiwire.Date) *checker {
	k := &checker{reg: reg, all: facts, facts: analysis.IndexByAuthority(facts), pub: published, style: c.PercentStyle, words: &claims.Words{}}
	for _, q := range c.Questions {
		if q.Measure == foiwire.MeasurePeriod && len(q.Periods) > len(k.periods) {
			k.periods = q.Periods
		}
	}
	k.named = map[string][]authority.Mention{c.Boilerplate: reg.Find(c.Boilerplate)}
	for _, q := range c.Quotes {
		text := quoteText(q)
		k.named[text] = reg.Find(text)
	}
	return k
}

// find is k.reg.Find(text), from named when it holds text.
func (k *checker) find(text string) []authority.Mention {
	if ms, ok := k.named[text]; ok {
		return ms
	}
	return k.reg.Find(text)
}

// factsFor returns a force's facts with the national facts of its year
// convention, copied into buf's array (grown as need be), found through
// the index made once with the checker: a story's build asks once and
// hands the facts on, so only the stories being built hold theirs.
func (k *checker) factsFor(id string, buf []foiwire.Fact) []foiwire.Fact {
	if facts, ok := k.facts.AppendFor(buf[:0], id); ok {
		return facts
	}
	return analysis.FactsFor(k.all, id)
}

// part is one text of a story the check reads: the headline, standfirst,
// a paragraph, or the chart's alt text.
type part struct {
	text  string
	links []Link
}

// check returns why the story may not be published, or nothing; facts are
// the force's, as factsFor gives them.
//
// Every sentence, the campaign's quotes and notes included, must name no
// authority but the story's own. Every link must name a fact of the force
// (or a national fact of its convention) and say what that fact says.
// Every number without a link in the words foiwire wrote (headline,
// standfirst, paragraphs) must be read by the claim reader and supported
// by a fact: a contradicted claim, a claim no fact speaks to, a claim the
// reader warns about, and a number the reader cannot tie to anything all
// refuse the story. The chart's alt text is checked on its own, so its
// numbers are not counted again with the article's. The campaign's own
// words are exempt from the number check.
func (k *checker) check(s Story, facts []foiwire.Fact) []Refusal {
	out, _ := k.checkYears(s, facts, analysis.Years(facts, s.Force.ID))
	return out
}

// checkYears is check given the force's years, analysis.Years of facts.
// It also reports whether the verdict rested on facts only through the
// links: whether every claim the reader found outside the links was of a
// kind (a year, a date) that is judged from its words alone. Only such a
// verdict may be remembered by the facts its links name (checkKey).
func (k *checker) checkYears(s Story, facts []foiwire.Fact, years []foiwire.Period) (out []Refusal, linkedOnly bool) {
	generated := []part{{s.Headline, s.HeadlineLinks}, {s.Standfirst, s.StandfirstLinks}}
	all := []string{s.Headline, s.Standfirst, s.ChartAlt}
	for _, b := range s.Blocks {
		if b.Kind == BlockChart {
			continue
		}
		all = append(all, b.Text)
		if !b.Supplied() {
			generated = append(generated, part{b.Text, b.Links})
		}
	}
	for _, text := range all {
		for _, m := range k.find(text) {
			if m.ID == s.Force.ID {
				continue
			}
			other, _ := k.reg.ByID(m.ID)
			out = append(out, Refusal{
				Force:    s.Force.ID,
				Sentence: sentenceAt(text, m.Start),
				Number:   m.Text,
				Reason:   fmt.Sprintf("names another authority (%s)", other.Name),
			})
		}
	}
	byID := linkedFacts(facts, generated, s.ChartAltLinks)
	var texts []string
	for _, p := range generated {
		texts = append(texts, p.text)
		for _, l := range p.links {
			if why := k.verify(l, p.text[l.Start:l.End], byID); why != "" {
				out = append(out, Refusal{Force: s.Force.ID, Sentence: sentenceAt(p.text, l.Start), Number: p.text[l.Start:l.End], Reason: why})
			}
		}
	}
	for _, slip := range pluralSlips(strings.Join(texts, "\n\n")) {
		out = append(out, Refusal{Force: s.Force.ID, Sentence: slip, Number: slip, Reason: "a count that does not agree with its noun"})
	}

	// "2021/22" in a story means the force's own 2021/22, which for some
	// forces runs 6 April to 5 April.
	periods := k.periods
	if len(years) > 0 {
		periods = years
	}
	opt := claims.Options{Registry: k.reg, Subject: s.Force.ID, Published: k.pub, Periods: periods, Words: k.words}
	cc := claims.NewChecker(facts, opt)
	refused, weighed := k.reread(s.Force.ID, nonEmptyParts(generated), cc, opt)
	out = append(out, refused...)
	if s.ChartAlt != "" {
		for _, l := range s.ChartAltLinks {
			if why := k.verify(l, s.ChartAlt[l.Start:l.End], byID); why != "" {
				out = append(out, Refusal{Force: s.Force.ID, Sentence: sentenceAt(s.ChartAlt, l.Start), Number: s.ChartAlt[l.Start:l.End], Reason: "in the chart's alt text " + why})
			}
		}
		refused, altWeighed := k.reread(s.Force.ID, []part{{s.ChartAlt, s.ChartAltLinks}}, cc, opt)
		out = append(out, refused...)
		weighed = weighed || altWeighed
	}
	return out, !weighed
}

// reread reads the numbers of the parts that no link covers with the claim
// reader, and returns the refusals they earn. weighed reports whether any
// claim outside the links was weighed against the facts (was not of kind
// other, which the checker leaves unchecked and refuse judges by its words).
func (k *checker) reread(force string, parts []part, cc *claims.Checker, opt claims.Options) (out []Refusal, weighed bool) {
	var b strings.Builder
	var linked []bool
	for i, p := range parts {
		if i > 0 {
			b.WriteString("\n\n")
			linked = append(linked, false, false)
		}
		in := make([]bool, len(p.text))
		for _, l := range p.links {
			for j := l.Start; j < l.End && j < len(in); j++ {
				in[j] = true
			}
		}
		b.WriteString(p.text)
		linked = append(linked, in...)
	}
	text := b.String()
	plain := claims.PlainText(text)
	if len(plain) != len(text) {
		// PlainText changed the text's length (markup in a template):
		// offsets no longer meet, so every number is read again.
		linked = make([]bool, len(plain))
	}
	covered := slices.Clone(linked)
	for _, ck := range cc.Check(claims.Extract(text, opt)) {
		overlaps := false
		for i := ck.Offset; i < ck.Offset+len(ck.Text) && i < len(plain); i++ {
			overlaps = overlaps || linked[i]
			covered[i] = true
		}
		if overlaps {
			continue // verified through its link
		}
		weighed = weighed || ck.Kind != foiwire.ClaimOther
		if why := refuse(ck, force); why != "" {
			out = append(out, Refusal{Force: force, Sentence: ck.Sentence, Number: ck.Text, Reason: why})
		}
	}
	for _, n := range loneNumbers(plain, covered) {
		out = append(out, Refusal{
			Force:    force,
			Sentence: sentenceAt(plain, n.start),
			Number:   n.text,
			Reason:   "is a number the claim reader could not tie to any fact",
		})
	}
	return out, weighed
}

// linkedFacts maps the id of each fact the links name to the fact, the
// last of facts with that id; an id no fact has is left out. A story
// links a few dozen of its hundreds of facts: only those are mapped.
func linkedFacts(facts []foiwire.Fact, parts []part, more []Link) map[string]*foiwire.Fact {
	byID := map[string]*foiwire.Fact{}
	for _, p := range parts {
		for _, l := range p.links {
			byID[l.Fact] = nil
		}
	}
	for _, l := range more {
		byID[l.Fact] = nil
	}
	for i := range facts {
		if _, ok := byID[facts[i].ID]; ok {
			byID[facts[i].ID] = &facts[i]
		}
	}
	maps.DeleteFunc(byID, func(_ string, f *foiwire.Fact) bool { return f == nil })
	return byID
}

// verify says why a link does not hold, or "": the fact must be the
// force's (or national), and the text must be how the fact's value is
// written in the link's format.
func (k *checker) verify(l Link, text string, byID map[string]*foiwire.Fact) string {
	f, ok := byID[l.Fact]
	if !ok {
		return fmt.Sprintf("is linked to %s, which is not a fact of this force", l.Fact)
	}
	if l.Format == "label" {
		return ""
	}
	var want []string
	v := f.Value
	switch l.Format {
	case "num":
		want = []string{Number(int64(v)), Words(int64(v))}
	case "words":
		want = []string{Words(int64(v))}
	case "approx":
		want = []string{Approx(int64(v))}
	case "pct":
		p := Percent(v, k.style)
		want = []string{p, openingNumbers(p)}
	case "share":
		sh := Share(v, k.style)
		want = []string{sh, openingNumbers(sh)}
	case "of":
		want = []string{Number(int64(f.Of))}
	default:
		return fmt.Sprintf("is linked to %s in an unknown format %q", l.Fact, l.Format)
	}
	if l.Format == "of" {
		v = float64(f.Of)
	}
	if math.Trunc(v) != v && (l.Format == "num" || l.Format == "words" || l.Format == "approx") {
		return fmt.Sprintf("is linked to %s, whose value %v is not a count", l.Fact, v)
	}
	for _, w := range want {
		if strings.EqualFold(w, text) {
			return ""
		}
	}
	return fmt.Sprintf("does not say what %s says (%s)", l.Fact, want[0])
}

func nonEmptyParts(ps []part) []part {
	var out []part
	for _, p := range ps {
		if p.text != "" {
			out = append(out, p)
		}
	}
	return out
}

// refuse says why a checked claim stops the story, or "" when it may stand.
func refuse(ck foiwire.Check, force string) string {
	if ck.Kind == foiwire.ClaimOther {
		if ck.Value != nil && *ck.Value >= 1990 && *ck.Value <= 2100 && strings.Trim(ck.Text, "0123456789/") == "" {
			return "" // a year, as in "since 2021/22"
		}
		if isMonth(ck.Text) {
			return "" // a month, as in "in December 2023"
		}
		return "is not a figure from the data (" + ck.Reason + ")"
	}
	if ck.Authority != force && ck.Authority != foiwire.National {
		return fmt.Sprintf("is read as a figure for %q, not this force (%s)", ck.Authority, ck.Reason)
	}
	switch ck.Verdict {
	case foiwire.Supported:
		var ws []string
		for _, w := range ck.Warnings {
			// Two numbers that happen to be equal (42 offences in each of
			// two years; a 14 per cent rise from 14 offences) are each
			// supported by their own fact: in a story written from the
			// facts that is no sign of a slip.
			if !strings.HasPrefix(w, claims.WarnSameFigure) {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			return "is supported but warned about: " + strings.Join(ws, "; ")
		}
		return ""
	case foiwire.Contradicted:
		return "is contradicted: " + ck.Reason
	}
	// A national figure or ranking over the forces that answered: the
	// reader found the fact but will not call it national. The copy may
	// state it when it says whose answers it covers.
	if ck.Fact != "" && ck.Expected != nil && qualified(ck.Sentence) {
		return ""
	}
	return "has no fact to support it: " + ck.Reason
}

// qualified reports whether a sentence says its figure covers only the
// forces that answered.
func qualified(sentence string) bool {
	s := strings.ToLower(sentence)
	for _, w := range []string{"that answered", "that replied", "that gave figures", "that responded", "which answered", "which replied"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

type numberAt struct {
	text  string
	start int
}

// loneNumbers finds runs of digits no claim covers, leaving out years and
// financial years ("2021", "2023/24"), which name periods, not figures.
func loneNumbers(text string, covered []bool) []numberAt {
	var out []numberAt
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isDigit(text[j]) || text[j] == '/' || (text[j] == ',' || text[j] == '.') && j+1 < len(text) && isDigit(text[j+1])) {
			j++
		}
		tok := text[i:j]
		isCovered := false
		for p := i; p < j; p++ {
			isCovered = isCovered || covered[p]
		}
		if !isCovered && !isYear(tok) {
			out = append(out, numberAt{tok, i})
		}
		i = j
	}
	return out
}

// isMonth reports whether text is a month and year, "December 2023" or
// "Dec 2023", as a story names a monthly period.
func isMonth(text string) bool {
	for _, layout := range []string{"January 2006", "Jan 2006"} {
		if t, err := time.Parse(layout, text); err == nil && t.Year() >= 1990 && t.Year() <= 2100 {
			return true
		}
	}
	return false
}

// isYear reports whether a digit run is a year or financial year.
func isYear(tok string) bool {
	y, rest, _ := strings.Cut(tok, "/")
	if len(y) != 4 || y < "1990" || y > "2100" {
		return false
	}
	return rest == "" || len(rest) == 2 && strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// sentenceAt returns the sentence of text around byte offset at.
func sentenceAt(text string, at int) string {
	start := 0
	for i := at - 1; i > 0; i-- {
		if (text[i-1] == '.' || text[i-1] == '!' || text[i-1] == '?' || text[i-1] == '\n') && (text[i] == ' ' || text[i] == '\n') {
			start = i
			break
		}
	}
	end := len(text)
	for i := at; i < len(text); i++ {
		if text[i] == '\n' || (text[i] == '.' || text[i] == '!' || text[i] == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') {
			end = i + 1
			break
		}
	}
	return strings.TrimSpace(text[start:end])
}
