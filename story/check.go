package story

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/claims"
	"github.com/foiwire/foiwire/period"
)

// checker is the self-check a story passes before anything is written. It
// reads the story with the same claim reader that checks printed articles
// (package claims), so generation and checking cannot disagree.
type checker struct {
	reg     *authority.Registry
	facts   map[string][]foiwire.Fact // a force's facts with the national ones
	periods []foiwire.Period          // the campaign's years
	years   map[string][]foiwire.Period
	pub     foiwire.Date
}

func newChecker(c foiwire.Campaign, reg *authority.Registry, facts []foiwire.Fact, published foiwire.Date) *checker {
	k := &checker{reg: reg, facts: map[string][]foiwire.Fact{}, years: map[string][]foiwire.Period{}, pub: published}
	var national []foiwire.Fact
	for _, f := range facts {
		if f.Authority == foiwire.National {
			national = append(national, f)
			continue
		}
		k.facts[f.Authority] = append(k.facts[f.Authority], f)
		if f.Kind == foiwire.FactCount && f.Measure == foiwire.MeasurePeriod {
			k.years[f.Authority] = append(k.years[f.Authority], f.Period)
		}
	}
	for _, ps := range k.years {
		slices.SortFunc(ps, func(a, b foiwire.Period) int { return a.Start.Time().Compare(b.Start.Time()) })
	}
	for id, fs := range k.facts {
		k.facts[id] = append(fs, inOwnPeriods(national, fs)...)
	}
	for _, q := range c.Questions {
		if q.Measure == foiwire.MeasurePeriod && len(q.Periods) > len(k.periods) {
			k.periods = q.Periods
		}
	}
	return k
}

// inOwnPeriods returns the national facts with their periods given as the
// force's own periods of the same name. National sums add up periods by
// name, so a force whose 2021/22 runs 6 April to 5 April is part of the
// national 2021/22; its story's "2021/22" must find the national fact too.
func inOwnPeriods(national, own []foiwire.Fact) []foiwire.Fact {
	named := map[string]foiwire.Period{}
	for _, f := range own {
		if f.Measure == foiwire.MeasurePeriod {
			named[period.Label(f.Period)] = f.Period
		}
	}
	out := make([]foiwire.Fact, len(national))
	for i, f := range national {
		if p, ok := named[period.Label(f.Period)]; ok {
			f.Period = p
		}
		if p, ok := named[period.Label(f.Base)]; ok && !f.Base.IsZero() {
			f.Base = p
		}
		out[i] = f
	}
	return out
}

// check returns why the story may not be published, or nothing.
//
// Every sentence, the campaign's quotes and notes included, must name no
// authority but the story's own. Every number in the words foiwire wrote
// (headline, standfirst, paragraphs, the chart's alt text) must be read by
// the claim reader and supported by a fact of the force or a national fact:
// a contradicted claim, a claim no fact speaks to, a claim the reader warns
// about, and a number the reader cannot tie to anything all refuse the
// story. The campaign's own words are exempt from the number check.
func (k *checker) check(s Story) []Refusal {
	var out []Refusal
	generated := []string{s.Headline, s.Standfirst}
	all := []string{s.Headline, s.Standfirst, s.ChartAlt}
	for _, b := range s.Blocks {
		if b.Kind == BlockChart {
			continue
		}
		all = append(all, b.Text)
		if !b.Supplied() {
			generated = append(generated, b.Text)
		}
	}
	generated = append(generated, s.ChartAlt)
	for _, text := range all {
		for _, m := range k.reg.Find(text) {
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
	for _, slip := range pluralSlips(strings.Join(generated, "\n\n")) {
		out = append(out, Refusal{Force: s.Force.ID, Sentence: slip, Number: slip, Reason: "a count that does not agree with its noun"})
	}

	text := strings.Join(nonEmpty(generated), "\n\n")
	// "2021/22" in a story means the force's own 2021/22, which for some
	// forces runs 6 April to 5 April.
	periods := k.periods
	if ys := k.years[s.Force.ID]; len(ys) > 0 {
		periods = ys
	}
	opt := claims.Options{Registry: k.reg, Subject: s.Force.ID, Published: k.pub, Periods: periods}
	cs := claims.Extract(text, opt)
	plain := claims.PlainText(text)
	covered := make([]bool, len(plain))
	for _, ck := range claims.Check(cs, k.facts[s.Force.ID], opt) {
		for i := ck.Offset; i < ck.Offset+len(ck.Text) && i < len(plain); i++ {
			covered[i] = true
		}
		if why := refuse(ck, s.Force.ID); why != "" {
			out = append(out, Refusal{Force: s.Force.ID, Sentence: ck.Sentence, Number: ck.Text, Reason: why})
		}
	}
	for _, n := range loneNumbers(plain, covered) {
		out = append(out, Refusal{
			Force:    s.Force.ID,
			Sentence: sentenceAt(plain, n.start),
			Number:   n.text,
			Reason:   "is a number the claim reader could not tie to any fact",
		})
	}
	return out
}

// refuse says why a checked claim stops the story, or "" when it may stand.
func refuse(ck foiwire.Check, force string) string {
	if ck.Kind == foiwire.ClaimOther {
		if ck.Value != nil && *ck.Value >= 1990 && *ck.Value <= 2100 && strings.Trim(ck.Text, "0123456789/") == "" {
			return "" // a year, as in "since 2021/22"
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

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
