package taxonomy

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
)

// Match is the key a label was matched to and how sure the match is.
type Match struct {
	Key   string
	Score float64 // 0..1: 1 for an exact alias or a code, 0.6 and over for a usable match
	// How says why: "exact alias", "ho code 8R", "fuzzy: 0.86 against
	// 'Named Suspect Identified: ...'", "ambiguous: HO16 or HO14".
	How string
	// Alternatives are the other keys an ambiguous label may mean; Key is
	// the likeliest.
	Alternatives []string
}

// Thresholds of the scores a match can have.
const (
	scoreExact     = 1.0
	scoreTokenSet  = 0.9 // the same words in another order
	scoreMin       = 0.6 // below this there is no match
	scoreAmbiguous = 0.5
	tieMargin      = 0.03 // two keys closer than this are a tie
	// ambiguityMargin is how close two keys of a declared ambiguous wording
	// must score for a label holding that wording to stay undecided.
	ambiguityMargin = 0.1
	// maxLabel is the longest label matched, in bytes. The longest wording
	// in either vocabulary is about 110; a longer text is a sentence or a
	// page, not a label, and would only cost time.
	maxLabel = 300
)

// MatchOffence matches a reply's offence wording ("Malicious
// Communications", "8R - Malicious communications", "Sending letters with
// intent to cause distress or anxiety", "Violence against the person") to
// an offence key at whatever level the wording is. It returns false when
// nothing matches well enough, when the label fits several keys ("Assault":
// with or without injury) and when it names several categories ("stalking,
// theft and blackmail"); m then still carries the best guess, its score
// and any alternatives, for a person to review, or is zero when there is
// no guess at all. A total row ("Total", "All offences") and a text longer
// than 300 bytes never match.
func MatchOffence(label string) (m Match, ok bool) {
	return load().offence.match(label)
}

// MatchOutcome matches a reply's outcome wording ("Charge/summons", "OC15 –
// Sus/Insuff.Evidence", "Outcome 15", "Suspect not identified", "Under
// investigation") to an outcome key ("HO1" ... "HO22", or "pending"). It
// returns false as MatchOffence does: "Victim does not support police
// action" is outcome 16 or 14 depending on whether a suspect was
// identified, so it comes back with Key "HO16", Alternatives ["HO14"],
// Score 0.5 and false.
func MatchOutcome(label string) (m Match, ok bool) {
	return load().outcome.match(label)
}

// alias is one wording of one key, or of several keys when the wording is
// ambiguous.
type alias struct {
	keys []string
	text string
}

// candidate is an alias ready for comparison.
type candidate struct {
	alias
	norm string   // its words joined, for exact comparison
	toks []string // its distinct words
	// negated are the words a "not" stands before: "suspect not identified"
	// negates "identify".
	negated []string
	ids     []int // toks as indexes into matcher.vocab
}

// matcher matches labels against one vocabulary.
type matcher struct {
	cands   []candidate
	exact   map[string]int    // normalised wording → candidate
	codes   map[string]string // Home Office code → key
	vocab   []string          // every word of every alias
	id      map[string]int    // word → index in vocab
	weight  []float64         // by vocab index
	unknown float64           // the weight of a word no key uses
	code    func(string) (code, rest string, prefixed bool)
	// holding[j] are the candidates that hold vocab word j, in order: a
	// label word alike to no vocab word of a candidate cannot score it.
	holding [][]int32
	// labels and sims remember what was worked out before: a reply's
	// labels repeat down its tables and across replies, and words repeat
	// across labels.
	labels  boundedCache[labelResult]
	sims    boundedCache[[]simEntry]
	scratch sync.Pool // of *scratch
}

func newMatcher(aliases, ambiguous []alias, codes map[string]string, code func(string) (string, string, bool)) (*matcher, error) {
	m := &matcher{exact: map[string]int{}, codes: codes, id: map[string]int{}, code: code}
	df := map[string]map[string]bool{}
	keys := map[string]bool{}
	add := func(a alias) error {
		ws := words(a.text)
		if len(ws) == 0 {
			return fmt.Errorf("%s: alias %q has no words to match", a.keys[0], a.text)
		}
		c := candidate{alias: a, norm: strings.Join(ws, " "), toks: distinct(ws), negated: negatedWords(ws)}
		if i, seen := m.exact[c.norm]; seen {
			if slices.Equal(m.cands[i].keys, a.keys) {
				return nil
			}
			return fmt.Errorf("%q (%s) reads the same as %q (%s): list it in ambiguous.csv",
				a.text, strings.Join(a.keys, " "), m.cands[i].text, strings.Join(m.cands[i].keys, " "))
		}
		m.exact[c.norm] = len(m.cands)
		m.cands = append(m.cands, c)
		return nil
	}
	// Ambiguous wordings go first so that an entry's own alias cannot
	// silently take one of them. Every clash is reported at once, for
	// whoever edits the data.
	var errs []error
	for _, a := range ambiguous {
		if err := add(a); err != nil {
			errs = append(errs, err)
		}
	}
	for _, a := range aliases {
		if err := add(a); err != nil {
			errs = append(errs, err)
			continue
		}
		keys[a.keys[0]] = true
		for _, w := range words(a.text) {
			if df[w] == nil {
				df[w] = map[string]bool{}
			}
			df[w][a.keys[0]] = true
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := float64(len(keys))
	// A word no key uses tells the keys apart no better than a middling one.
	m.unknown = 1 + math.Log(n)/2
	for i := range m.cands {
		c := &m.cands[i]
		for _, w := range c.toks {
			j, ok := m.id[w]
			if !ok {
				j = len(m.vocab)
				m.id[w] = j
				m.vocab = append(m.vocab, w)
				wt := m.unknown
				if ks := df[w]; len(ks) > 0 {
					wt = 1 + math.Log(n/float64(len(ks)))
				}
				m.weight = append(m.weight, wt)
			}
			c.ids = append(c.ids, j)
		}
	}
	m.holding = make([][]int32, len(m.vocab))
	for i, c := range m.cands {
		for _, j := range c.ids {
			m.holding[j] = append(m.holding[j], int32(i))
		}
	}
	m.labels.limit = labelCacheSize
	m.sims.limit = wordCacheSize
	return m, nil
}

// match returns the match of label, from the cache when the label was
// matched before. The result's Alternatives are the caller's own.
func (m *matcher) match(label string) (Match, bool) {
	r, ok := m.labels.get(label)
	if !ok {
		r.m, r.ok = m.matchUncached(label)
		m.labels.put(label, r)
	}
	r.m.Alternatives = slices.Clone(r.m.Alternatives)
	return r.m, r.ok
}

// labelResult is a cached match.
type labelResult struct {
	m  Match
	ok bool
}

func (m *matcher) matchUncached(label string) (Match, bool) {
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
		return m.found(i, scoreExact, "exact alias")
	}
	if keys := m.several(rest); len(keys) > 1 {
		return Match{Key: keys[0], Score: scoreAmbiguous, How: "names several categories: " + strings.Join(keys, ", "), Alternatives: keys[1:]}, false
	}
	return m.fuzzy(ws)
}

// found reports candidate i with score s; an ambiguous wording is no match.
func (m *matcher) found(i int, s float64, how string) (Match, bool) {
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
func (m *matcher) several(label string) []string {
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
func (m *matcher) fuzzy(ws []string) (Match, bool) {
	lab := distinct(ws)
	neg := negatedWords(ws)
	t := m.table(lab)
	defer t.release()
	best, second := -1, -1
	var bs, ss float64
	byKey := map[string]float64{}
	// Only candidates holding a word alike to one of the label's can
	// score above 0, and a score of 0 changes nothing below; they are
	// visited in the order of m.cands, so ties fall as they always did.
	for _, i := range t.cands {
		s := m.score(t, lab, neg, &m.cands[i])
		if k := m.cands[i].keys; len(k) == 1 && s > byKey[k[0]] {
			byKey[k[0]] = s
		}
		switch {
		case s > bs:
			if best >= 0 && !slices.Equal(m.cands[best].keys, m.cands[i].keys) {
				second, ss = best, bs
			}
			best, bs = int(i), s
		case s > ss && best >= 0 && !slices.Equal(m.cands[best].keys, m.cands[i].keys):
			second, ss = int(i), s
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
		if alt, a := m.undecided(lab, c.keys[0], bs, byKey); len(alt) > 0 {
			return Match{Key: c.keys[0], Score: scoreAmbiguous, How: fmt.Sprintf("ambiguous: the words of %q and nothing to tell %s apart", a, strings.Join(append([]string{c.keys[0]}, alt...), " from ")), Alternatives: alt}, false
		}
	}
	return m.found(best, bs, fmt.Sprintf("fuzzy: %.2f against %q", bs, c.text))
}

// undecided looks for an ambiguous wording whose words the label holds in
// full ("suspect identified ... evidential difficulties") and that names
// key: if another of its keys scores nearly as well as key, the rest of the
// label does not tell them apart. It returns those other keys and the
// wording.
func (m *matcher) undecided(lab []string, key string, bs float64, byKey map[string]float64) ([]string, string) {
	for _, a := range m.cands {
		if len(a.keys) < 2 || !slices.Contains(a.keys, key) || !containsAll(lab, a.toks) {
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

func containsAll(set, sub []string) bool {
	for _, w := range sub {
		if !slices.Contains(set, w) {
			return false
		}
	}
	return true
}

// negatedWords returns the words that directly follow a "not".
func negatedWords(ws []string) []string {
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
func contradicts(aToks, aNeg, bToks, bNeg []string) bool {
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

// simTable holds, for each word of a label, its similarity to every word
// of the vocabulary, so that each candidate is scored by lookups; and the
// candidates that hold a word alike to one of the label's, in order.
type simTable struct {
	sim    [][]float64 // [label word][vocab word]
	weight []float64   // of each label word
	cands  []int32
	rows   [][]simEntry // what sim was filled from, to clear it again
	sc     *scratch
	pool   *sync.Pool
}

// simEntry is a vocab word alike to a label word, and how alike.
type simEntry struct {
	j   int32
	sim float64
}

// scratch is a simTable's storage, reused from label to label.
type scratch struct {
	sim    [][]float64
	seen   []bool
	cands  []int32
	weight []float64
	rows   [][]simEntry
}

func (m *matcher) table(lab []string) simTable {
	sc, _ := m.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{seen: make([]bool, len(m.cands))}
	}
	for len(sc.sim) < len(lab) {
		sc.sim = append(sc.sim, make([]float64, len(m.vocab)))
	}
	t := simTable{sim: sc.sim[:len(lab)], weight: sc.weight[:0], cands: sc.cands[:0], rows: sc.rows[:0], sc: sc, pool: &m.scratch}
	for i, w := range lab {
		row := m.simRow(w)
		t.rows = append(t.rows, row)
		for _, e := range row {
			t.sim[i][e.j] = e.sim
			for _, c := range m.holding[e.j] {
				if !sc.seen[c] {
					sc.seen[c] = true
					t.cands = append(t.cands, c)
				}
			}
		}
		wt := m.unknown
		if j, ok := m.id[w]; ok {
			wt = m.weight[j]
		}
		t.weight = append(t.weight, wt)
	}
	for _, c := range t.cands {
		sc.seen[c] = false
	}
	slices.Sort(t.cands)
	return t
}

// release clears the table and hands its storage back for the next label.
func (t simTable) release() {
	for i, row := range t.rows {
		for _, e := range row {
			t.sim[i][e.j] = 0
		}
	}
	t.sc.weight, t.sc.cands, t.sc.rows = t.weight, t.cands, t.rows
	t.pool.Put(t.sc)
}

// simRow returns the vocab words alike to w and how alike, in vocab
// order: worked out once per word, then remembered.
func (m *matcher) simRow(w string) []simEntry {
	if row, ok := m.sims.get(w); ok {
		return row
	}
	var row []simEntry
	for j, v := range m.vocab {
		if s := wordSim(w, v); s > 0 {
			row = append(row, simEntry{int32(j), s})
		}
	}
	m.sims.put(w, row)
	return row
}

// score is a weighted Dice coefficient between two sets of words, where
// near-identical words count in part and rare words count more than
// common ones ("harassment" more than "offence"). A word negated on one
// side and said plainly on the other halves it. The same words in any
// order score scoreTokenSet.
func (m *matcher) score(t simTable, lab, neg []string, c *candidate) float64 {
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
	if contradicts(lab, neg, c.toks, c.negated) {
		s /= 2
	}
	return s
}

// wordSim returns how alike two words are: 1 when equal, less for an
// abbreviation ("harass" for "harassment") or a misspelling one or two
// letters out. Numbers and negations must be equal.
func wordSim(a, b string) float64 {
	if a == b {
		return 1
	}
	if a == "not" || b == "not" || hasDigit(a) || hasDigit(b) {
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
	switch d := editDistance(a, b, 2); {
	case d == 1:
		return 0.85
	case d == 2 && len(short) >= 8:
		return 0.7
	}
	return 0
}

// editDistance is the Levenshtein distance between a and b, or limit+1
// when it is more than limit.
func editDistance(a, b string, limit int) int {
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

func distinct(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
