// Package taxonomy holds the two vocabularies replies are counted in, the
// Home Office crime outcome framework and the Home Office offence
// classification, and matches a force's own wording to them.
//
// # Keys
//
// Outcome keys are "HO" and the outcome's number as the Home Office writes
// it: "HO1", "HO1A", "HO15", "HO22". The key "pending" stands for a crime
// with no outcome yet ("Under investigation"); it is not a Home Office
// outcome.
//
// Offence keys say the level a reply answered at, from the narrowest:
//
//   - "offence:<slug>" is one offence within a class, for offences replies
//     name on their own: "offence:indecent-images-of-children" (class 86),
//     "offence:sexual-communication-with-a-child" (class 71, Home Office
//     offence code 71/17).
//   - A Home Office classification is its code as the counting rules write
//     it: "8R" (malicious communications), "35" (blackmail), "4/1"
//     (manslaughter).
//   - "group:<slug>" is a grouping of classes as the Office for National
//     Statistics publishes them, at two levels: subgroups such as
//     "group:stalking-harassment" and "group:rape", and groups such as
//     "group:violence-against-the-person" and "group:sexual-offences".
//     OffenceEntry.Level says which.
//
// Every offence key but a group's has a parent, so figures can be rolled up
// with Ancestors: "8L" → "group:stalking-harassment" →
// "group:violence-against-the-person".
//
// # Matching
//
// A label is normalised before it is compared: case, punctuation, "&" and
// "and", dashes, British and American spellings, plurals and word endings,
// and negations ("no", "not", "failed to", "without") all compare equal.
// A leading or trailing code ("OC15 –", "Outcome 15:", "8R -", "(8R)") is
// read as a code, and a trailing count ("Harassment (6)") is dropped. A
// label that is exactly an alias scores 1; one whose words are an alias's
// in another order scores 0.9; partial and misspelt matches score less,
// and below 0.6 there is no match. A label that fits two keys equally (an
// alias such as "Victim does not support police action", which is outcome
// 14 or 16) is reported with its alternatives and a score of 0.5, for a
// person to decide.
//
// # Data
//
// The vocabularies are embedded from data/: ho_outcome_types.csv (the
// shared reference table, unchanged), outcomes.csv (newsroom names and
// more wordings for each outcome), offences.csv (the offence hierarchy,
// one key a row, aliases separated by ";") and ambiguous.csv (wordings
// that fit several keys, the likeliest first). Two wordings of different
// keys that normalise alike are refused when the data loads, so a clash
// must be listed in ambiguous.csv rather than settled by file order.
//
// Callers keep the reply's own words: the label goes in Figure.Label and
// the key in Figure.Category.
package taxonomy

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/*.csv
var dataFS embed.FS

// Level says how broad an offence key is.
type Level string

// The levels of the offence vocabulary, from the broadest.
const (
	LevelGroup    Level = "group"    // "group:violence-against-the-person"
	LevelSubgroup Level = "subgroup" // "group:stalking-harassment"
	LevelClass    Level = "class"    // "8L"
	LevelOffence  Level = "offence"  // "offence:indecent-images-of-children"
)

// OffenceEntry is one key of the offence vocabulary.
type OffenceEntry struct {
	Key     string
	Level   Level
	HOCodes []string // Home Office classification or offence codes: "8R", "71/17"; none for groups
	Name    string   // the canonical name: "Malicious communications"
	Short   string   // the name for copy: "malicious communications"
	Parent  string   // the next broader key, "" for a group
	Aliases []string // other wordings replies use
}

// OutcomeEntry is one key of the outcome vocabulary.
type OutcomeEntry struct {
	Key         string // "HO15", "pending"
	Number      int    // 15; 0 for "pending"
	Code        string // "15", "1A"; "" for "pending"
	Title       string // the framework's short title
	Description string
	Group       string   // the Home Office outcome group; "" for outcome 19, which has none
	Short       string   // the name for copy: "charge or summons"
	Aliases     []string // wordings forces use
}

// vocabularies is the embedded data, read once.
type vocabularies struct {
	offences  []OffenceEntry
	offenceAt map[string]int
	outcomes  []OutcomeEntry
	outcomeAt map[string]int
	offence   *matcher
	outcome   *matcher
}

// load reads the embedded vocabularies. It panics only if the embedded data
// is corrupt, which the tests rule out.
var load = sync.OnceValue(func() *vocabularies {
	v, err := parseVocabularies(dataFS)
	if err != nil {
		panic(fmt.Sprintf("taxonomy: embedded data: %v", err))
	}
	return v
})

// Offence returns the offence entry for key, and false when there is none.
func Offence(key string) (OffenceEntry, bool) {
	v := load()
	i, ok := v.offenceAt[key]
	if !ok {
		return OffenceEntry{}, false
	}
	return cloneOffence(v.offences[i]), true
}

// Outcome returns the outcome entry for key, and false when there is none.
func Outcome(key string) (OutcomeEntry, bool) {
	v := load()
	i, ok := v.outcomeAt[key]
	if !ok {
		return OutcomeEntry{}, false
	}
	return cloneOutcome(v.outcomes[i]), true
}

// Offences returns every offence entry, each group followed by its
// subgroups, classes and offences. The slice is the caller's to keep.
func Offences() []OffenceEntry {
	v := load()
	out := make([]OffenceEntry, len(v.offences))
	for i, e := range v.offences {
		out[i] = cloneOffence(e)
	}
	return out
}

// Outcomes returns every outcome entry in the framework's order, then
// "pending". The slice is the caller's to keep.
func Outcomes() []OutcomeEntry {
	v := load()
	out := make([]OutcomeEntry, len(v.outcomes))
	for i, e := range v.outcomes {
		out[i] = cloneOutcome(e)
	}
	return out
}

// Ancestors returns the broader offence keys key rolls up to, nearest
// first: Ancestors("8L") is ["group:stalking-harassment",
// "group:violence-against-the-person"]. It returns nil for a group and for
// a key that is not an offence key.
func Ancestors(key string) []string {
	v := load()
	var out []string
	for {
		i, ok := v.offenceAt[key]
		if !ok || v.offences[i].Parent == "" {
			return out
		}
		key = v.offences[i].Parent
		out = append(out, key)
	}
}

func cloneOffence(e OffenceEntry) OffenceEntry {
	e.HOCodes = slices.Clone(e.HOCodes)
	e.Aliases = slices.Clone(e.Aliases)
	return e
}

func cloneOutcome(e OutcomeEntry) OutcomeEntry {
	e.Aliases = slices.Clone(e.Aliases)
	return e
}

// parseVocabularies reads and checks the data files in fsys.
func parseVocabularies(fsys fs.FS) (*vocabularies, error) {
	read := func(name string) ([]map[string]string, error) {
		b, err := fs.ReadFile(fsys, "data/"+name)
		if err != nil {
			return nil, err
		}
		rows, err := readRows(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return rows, nil
	}
	v := &vocabularies{offenceAt: map[string]int{}, outcomeAt: map[string]int{}}

	offRows, err := read("offences.csv")
	if err != nil {
		return nil, err
	}
	for n, r := range offRows {
		e := OffenceEntry{
			Key: r["key"], Level: Level(r["level"]), Parent: r["parent"],
			HOCodes: splitList(r["ho_codes"]), Name: r["name"], Short: r["short"], Aliases: splitList(r["aliases"]),
		}
		if err := v.addOffence(e); err != nil {
			return nil, fmt.Errorf("offences.csv, line %d: %w", n+2, err)
		}
	}
	for _, e := range v.offences {
		if err := v.checkParent(e); err != nil {
			return nil, fmt.Errorf("offences.csv, key %s: %w", e.Key, err)
		}
	}

	hoRows, err := read("ho_outcome_types.csv")
	if err != nil {
		return nil, err
	}
	for n, r := range hoRows {
		num, err := strconv.Atoi(r["number"])
		if err != nil || r["code"] == "" {
			return nil, fmt.Errorf("ho_outcome_types.csv, line %d: cannot read outcome %q/%q", n+2, r["number"], r["code"])
		}
		e := OutcomeEntry{
			Key: "HO" + strings.ToUpper(r["code"]), Number: num, Code: r["code"], Title: r["short_title"],
			Description: r["description"], Group: r["ho_outcome_group"], Aliases: splitList(r["force_wording_seen"]),
		}
		if _, dup := v.outcomeAt[e.Key]; dup {
			return nil, fmt.Errorf("ho_outcome_types.csv, line %d: outcome %s twice", n+2, e.Key)
		}
		v.outcomeAt[e.Key] = len(v.outcomes)
		v.outcomes = append(v.outcomes, e)
	}
	extra, err := read("outcomes.csv")
	if err != nil {
		return nil, err
	}
	for n, r := range extra {
		key := r["key"]
		i, ok := v.outcomeAt[key]
		if !ok {
			if key != "pending" {
				return nil, fmt.Errorf("outcomes.csv, line %d: %s is not a Home Office outcome", n+2, key)
			}
			v.outcomeAt[key] = len(v.outcomes)
			v.outcomes = append(v.outcomes, OutcomeEntry{Key: key, Title: "Outcome not yet assigned", Group: "Not yet assigned"})
			i = len(v.outcomes) - 1
		}
		v.outcomes[i].Short = r["short"]
		v.outcomes[i].Aliases = append(v.outcomes[i].Aliases, splitList(r["aliases"])...)
	}
	for _, e := range v.outcomes {
		if e.Short == "" {
			return nil, fmt.Errorf("outcomes.csv: no short name for %s", e.Key)
		}
	}

	ambRows, err := read("ambiguous.csv")
	if err != nil {
		return nil, err
	}
	ambiguous := map[string][]alias{}
	for n, r := range ambRows {
		keys := strings.Fields(r["keys"])
		voc := r["vocabulary"]
		for _, k := range keys {
			_, off := v.offenceAt[k]
			_, out := v.outcomeAt[k]
			if (voc == "offence" && !off) || (voc == "outcome" && !out) || (voc != "offence" && voc != "outcome") {
				return nil, fmt.Errorf("ambiguous.csv, line %d: %q is not a key of the %q vocabulary", n+2, k, voc)
			}
		}
		if len(keys) < 2 {
			return nil, fmt.Errorf("ambiguous.csv, line %d: an ambiguous label needs two keys or more", n+2)
		}
		ambiguous[voc] = append(ambiguous[voc], alias{keys: keys, text: r["label"]})
	}

	var offAliases, outAliases []alias
	for _, e := range v.offences {
		for _, t := range append([]string{e.Name}, e.Aliases...) {
			offAliases = append(offAliases, alias{keys: []string{e.Key}, text: t})
		}
	}
	for _, e := range v.outcomes {
		for _, t := range append([]string{e.Title, e.Short}, e.Aliases...) {
			outAliases = append(outAliases, alias{keys: []string{e.Key}, text: t})
		}
	}
	codes := map[string]string{}
	for _, e := range v.offences {
		for _, c := range e.HOCodes {
			codes[strings.ToUpper(c)] = e.Key
		}
	}
	if v.offence, err = newMatcher(offAliases, ambiguous["offence"], codes, offenceCode); err != nil {
		return nil, fmt.Errorf("offence vocabulary: %w", err)
	}
	codes = map[string]string{}
	for _, e := range v.outcomes {
		if e.Code != "" {
			codes[strings.ToUpper(e.Code)] = e.Key
		}
	}
	if v.outcome, err = newMatcher(outAliases, ambiguous["outcome"], codes, outcomeCode); err != nil {
		return nil, fmt.Errorf("outcome vocabulary: %w", err)
	}
	return v, nil
}

func (v *vocabularies) addOffence(e OffenceEntry) error {
	if e.Key == "" || e.Name == "" || e.Short == "" {
		return fmt.Errorf("key, name and short name are all needed")
	}
	if _, dup := v.offenceAt[e.Key]; dup {
		return fmt.Errorf("key %s twice", e.Key)
	}
	switch e.Level {
	case LevelGroup, LevelSubgroup:
		if !strings.HasPrefix(e.Key, "group:") || len(e.HOCodes) > 0 {
			return fmt.Errorf("%s key %s must start \"group:\" and have no code", e.Level, e.Key)
		}
	case LevelClass:
		if len(e.HOCodes) != 1 || e.HOCodes[0] != e.Key {
			return fmt.Errorf("class key %s must be its own Home Office code", e.Key)
		}
	case LevelOffence:
		if !strings.HasPrefix(e.Key, "offence:") {
			return fmt.Errorf("offence key %s must start \"offence:\"", e.Key)
		}
	default:
		return fmt.Errorf("key %s: unknown level %q", e.Key, e.Level)
	}
	v.offenceAt[e.Key] = len(v.offences)
	v.offences = append(v.offences, e)
	return nil
}

// checkParent makes sure each level hangs from the level above it.
func (v *vocabularies) checkParent(e OffenceEntry) error {
	want := map[Level][]Level{
		LevelGroup:    nil,
		LevelSubgroup: {LevelGroup},
		LevelClass:    {LevelSubgroup, LevelGroup},
		LevelOffence:  {LevelClass},
	}[e.Level]
	if want == nil {
		if e.Parent != "" {
			return fmt.Errorf("a group has no parent, not %q", e.Parent)
		}
		return nil
	}
	i, ok := v.offenceAt[e.Parent]
	if !ok {
		return fmt.Errorf("parent %q is not a key", e.Parent)
	}
	if !slices.Contains(want, v.offences[i].Level) {
		return fmt.Errorf("a %s cannot hang from %s %s", e.Level, v.offences[i].Level, e.Parent)
	}
	return nil
}

// readRows reads a CSV with a header row into maps from column to value.
func readRows(r io.Reader) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("no header row")
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(rec))
		for i, h := range recs[0] {
			row[strings.TrimSpace(h)] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// splitList splits a ";"-separated cell, dropping empty items. A ";"
// followed by a space belongs to the wording itself ("Evidential
// difficulties (suspect identified; victim supports action)").
func splitList(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && (s[i] != ';' || (i+1 < len(s) && s[i+1] == ' ')) {
			continue
		}
		if p := strings.TrimSpace(s[start:i]); p != "" {
			out = append(out, p)
		}
		start = i + 1
	}
	return out
}
