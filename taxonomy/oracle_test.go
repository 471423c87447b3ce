package taxonomy

// The matcher as it was before label and word caching: the oracle the
// faster matcher must agree with, label for label (TestMatcherAgreesWithOracle).

import (
	"fmt"
	"slices"
	"strings"
)

func oldHasDigit(w string) bool { return strings.ContainsAny(w, "0123456789") }

func (m *matcher) oldMatch(label string) (Match, bool) {
	if len(label) > maxLabel {
		return Match{How: "too long for a label"}, false
	}
	if IsTotalLabel(label) {
		return Match{How: "a total row"}, false
	}
	code, rest, prefixed := m.code(label)
	if code != "" {
		if key, ok := m.codes[code]; ok {
			return Match{Key: key, Score: scoreExact, How: "ho code " + code}, true
		}
		// "24/18" is an offence within class 24.
		if i := strings.IndexByte(code, '/'); i > 0 {
			if key, ok := m.codes[code[:i]]; ok {
				return Match{Key: key, Score: scoreExact, How: fmt.Sprintf("ho code %s (class of %s)", code[:i], code)}, true
			}
		}
		if prefixed && strings.TrimSpace(rest) == "" {
			return Match{How: "unknown code " + code}, false
		}
	}
	ws := words(stripCount(rest))
	if len(ws) == 0 {
		return Match{}, false
	}
	if i, ok := m.exact[strings.Join(ws, " ")]; ok {
		return m.oldFound(i, scoreExact, "exact alias")
	}
	if keys := m.oldSeveral(rest); len(keys) > 1 {
		return Match{Key: keys[0], Score: scoreAmbiguous, How: "names several categories: " + strings.Join(keys, ", "), Alternatives: keys[1:]}, false
	}
	return m.oldFuzzy(ws)
}

// found reports candidate i with score s; an ambiguous wording is no match.
func (m *matcher) oldFound(i int, s float64, how string) (Match, bool) {
	c := m.cands[i]
	if len(c.keys) > 1 {
		return Match{
			Key: c.keys[0], Score: min(s, scoreAmbiguous), Alternatives: append([]string(nil), c.keys[1:]...),
			How: "ambiguous: " + strings.Join(c.keys, " or "),
		}, false
	}
	return Match{Key: c.keys[0], Score: s, How: how}, s >= scoreMin
}

// several returns the keys of a label that lists categories ("stalking,
// theft, blackmail and sexual offences"): every part must be exactly an
// alias of one key. It returns nil for anything else.
func (m *matcher) oldSeveral(label string) []string {
	parts := strings.FieldsFunc(strings.NewReplacer(" and ", ",", "&", ",", ";", ",").Replace(strings.ToLower(label)), func(r rune) bool { return r == ',' })
	if len(parts) < 2 {
		return nil
	}
	var keys []string
	for _, p := range parts {
		i, ok := m.exact[strings.Join(words(p), " ")]
		if !ok || len(m.cands[i].keys) != 1 {
			return nil
		}
		if k := m.cands[i].keys[0]; !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// fuzzy scores every candidate against the label's words and keeps the
// best, unless another key comes as close.
func (m *matcher) oldFuzzy(ws []string) (Match, bool) {
	lab := oldDistinct(ws)
	neg := oldNegatedWords(ws)
	t := m.oldTable(lab)
	best, second := -1, -1
	var bs, ss float64
	byKey := map[string]float64{}
	for i := range m.cands {
		s := m.oldScore(t, lab, neg, &m.cands[i])
		if k := m.cands[i].keys; len(k) == 1 && s > byKey[k[0]] {
			byKey[k[0]] = s
		}
		switch {
		case s > bs:
			if best >= 0 && !slices.Equal(m.cands[best].keys, m.cands[i].keys) {
				second, ss = best, bs
			}
			best, bs = i, s
		case s > ss && best >= 0 && !slices.Equal(m.cands[best].keys, m.cands[i].keys):
			second, ss = i, s
		}
	}
	if best < 0 || bs == 0 {
		return Match{}, false
	}
	c := m.cands[best]
	if bs < scoreMin {
		return Match{Key: c.keys[0], Score: bs, How: fmt.Sprintf("no match; nearest %.2f against %q", bs, c.text), Alternatives: append([]string(nil), c.keys[1:]...)}, false
	}
	if second >= 0 && ss >= scoreMin && bs-ss < tieMargin {
		keys := append([]string(nil), c.keys...)
		for _, k := range m.cands[second].keys {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		return Match{Key: keys[0], Score: scoreAmbiguous, How: fmt.Sprintf("ambiguous: %q and %q score alike", c.text, m.cands[second].text), Alternatives: keys[1:]}, false
	}
	if len(c.keys) == 1 {
		if alt, a := m.oldUndecided(lab, c.keys[0], bs, byKey); len(alt) > 0 {
			return Match{Key: c.keys[0], Score: scoreAmbiguous, How: fmt.Sprintf("ambiguous: the words of %q and nothing to tell %s apart", a, strings.Join(append([]string{c.keys[0]}, alt...), " from ")), Alternatives: alt}, false
		}
	}
	return m.oldFound(best, bs, fmt.Sprintf("fuzzy: %.2f against %q", bs, c.text))
}

// undecided looks for an ambiguous wording whose words the label holds in
// full ("suspect identified ... evidential difficulties") and that names
// key: if another of its keys scores nearly as well as key, the rest of the
// label does not tell them apart. It returns those other keys and the
// wording.
func (m *matcher) oldUndecided(lab []string, key string, bs float64, byKey map[string]float64) ([]string, string) {
	for _, a := range m.cands {
		if len(a.keys) < 2 || !slices.Contains(a.keys, key) || !oldContainsAll(lab, a.toks) {
			continue
		}
		var alt []string
		for _, k := range a.keys {
			if k != key && byKey[k] >= bs-ambiguityMargin {
				alt = append(alt, k)
			}
		}
		if len(alt) > 0 {
			return alt, a.text
		}
	}
	return nil, ""
}

func oldContainsAll(set, sub []string) bool {
	for _, w := range sub {
		if !slices.Contains(set, w) {
			return false
		}
	}
	return true
}

// negatedWords returns the words that directly follow a "not".
func oldNegatedWords(ws []string) []string {
	var out []string
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "not" && ws[i+1] != "not" {
			out = append(out, ws[i+1])
		}
	}
	return out
}

// contradicts reports whether one side negates a word the other side says
// plainly: "suspect identified" against "suspect not identified".
func oldContradicts(aToks, aNeg, bToks, bNeg []string) bool {
	for _, w := range aNeg {
		if slices.Contains(bToks, w) && !slices.Contains(bNeg, w) {
			return true
		}
	}
	for _, w := range bNeg {
		if slices.Contains(aToks, w) && !slices.Contains(aNeg, w) {
			return true
		}
	}
	return false
}

// oldSimTable holds, for each word of a label, its similarity to every word
// of the vocabulary, so that each candidate is scored by lookups.
type oldSimTable struct {
	sim    [][]float64 // [label word][vocab word]
	weight []float64   // of each label word
}

func (m *matcher) oldTable(lab []string) oldSimTable {
	t := oldSimTable{sim: make([][]float64, len(lab)), weight: make([]float64, len(lab))}
	for i, w := range lab {
		t.sim[i] = make([]float64, len(m.vocab))
		for j, v := range m.vocab {
			t.sim[i][j] = oldWordSim(w, v)
		}
		t.weight[i] = m.unknown
		if j, ok := m.id[w]; ok {
			t.weight[i] = m.weight[j]
		}
	}
	return t
}

// score is a weighted Dice coefficient between two sets of words, where
// near-identical words count in part and rare words count more than
// common ones ("harassment" more than "offence"). A word negated on one
// side and said plainly on the other halves it. The same words in any
// order score scoreTokenSet.
func (m *matcher) oldScore(t oldSimTable, lab, neg []string, c *candidate) float64 {
	var num, den float64
	for i := range lab {
		best := 0.0
		for _, j := range c.ids {
			best = max(best, t.sim[i][j])
		}
		den += t.weight[i]
		num += t.weight[i] * best
	}
	for _, j := range c.ids {
		best := 0.0
		for i := range lab {
			best = max(best, t.sim[i][j])
		}
		den += m.weight[j]
		num += m.weight[j] * best
	}
	if den == 0 {
		return 0
	}
	s := scoreTokenSet * num / den
	if oldContradicts(lab, neg, c.toks, c.negated) {
		s /= 2
	}
	return s
}

// wordSim returns how alike two words are: 1 when equal, less for an
// abbreviation ("harass" for "harassment") or a misspelling one or two
// letters out. Numbers and negations must be equal.
func oldWordSim(a, b string) float64 {
	if a == b {
		return 1
	}
	if a == "not" || b == "not" || oldHasDigit(a) || oldHasDigit(b) {
		return 0
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= 4 && strings.HasPrefix(long, short) {
		return 0.8
	}
	if len(short) < 5 || len(long)-len(short) > 2 {
		return 0
	}
	switch d := oldEditDistance(a, b, 2); {
	case d == 1:
		return 0.85
	case d == 2 && len(short) >= 8:
		return 0.7
	}
	return 0
}

// editDistance is the Levenshtein distance between a and b, or limit+1
// when it is more than limit.
func oldEditDistance(a, b string, limit int) int {
	var buf [2][32]int
	prev, cur := buf[0][:], buf[1][:]
	if len(b)+1 > len(prev) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func oldDistinct(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
