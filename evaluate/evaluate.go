// Package evaluate scores the reading of replies against what a careful
// person read from them: an expected-figures CSV with one row per figure
// (file, authority, measure, period_start, period_end, label, value, status,
// is_total). It is how foiwire measures itself on a real corpus.
package evaluate

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/dataset"
)

// MeasureTrap marks an expected row that is not a figure: a number in the
// reply (a reference, a telephone number, a cost estimate) that must never
// be read as a figure at high confidence.
const MeasureTrap foiwire.Measure = "trap"

// Expected is one figure a person read, or a trap (Measure MeasureTrap).
type Expected struct {
	File, Authority string
	Measure         foiwire.Measure
	Period          foiwire.Period
	Label           string
	Value           *int64
	Status          foiwire.Status
	IsTotal         bool
}

// Outcome is the score of one run.
type Outcome struct {
	Name      string // the corpus, for the report
	Files     int
	Expected  int // expected figures, traps not counted
	Traps     int // numbers that must not be read as figures at high confidence
	TrapsHit  []Expected
	Silent    []string         // replies that gave no figure, no refusal and no review row
	Found     int              // expected figures read exactly
	Missed    []Expected       // expected figures not read
	WrongHigh []foiwire.Figure // figures marked high that match nothing expected
	Review    int              // figures read and marked for review
	Read      int              // figures read in all
	Errors    []string         // files that could not be read
}

// Recall is the share of expected figures read exactly.
func (o Outcome) Recall() float64 {
	if o.Expected == 0 {
		return 1
	}
	return float64(o.Found) / float64(o.Expected)
}

// ReadExpected reads an expected-figures CSV.
func ReadExpected(r io.Reader) ([]Expected, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read expected header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, k := range []string{"file", "authority", "measure", "period_start", "period_end", "label", "value"} {
		if _, ok := col[k]; !ok {
			return nil, fmt.Errorf("expected figures: no %q column", k)
		}
	}
	var out []Expected
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read expected figures: %w", err)
		}
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		e := Expected{File: get("file"), Authority: get("authority"), Measure: foiwire.Measure(get("measure")),
			Label: get("label"), Status: foiwire.Status(get("status")), IsTotal: get("is_total") == "true"}
		if e.Status == "" {
			e.Status = foiwire.StatusOK
		}
		if e.Measure == MeasureTrap {
			if v := get("value"); v != "" {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return nil, fmt.Errorf("expected figures: trap value %q: %w", v, err)
				}
				e.Value = &n
			}
			out = append(out, e)
			continue
		}
		if e.Period.Start, err = foiwire.ParseDate(get("period_start")); err != nil {
			return nil, err
		}
		if e.Period.End, err = foiwire.ParseDate(get("period_end")); err != nil {
			return nil, err
		}
		if v := get("value"); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("expected figures: value %q: %w", v, err)
			}
			e.Value = &n
		}
		out = append(out, e)
	}
}

// Matches reports whether a figure read is the expected one: same file,
// authority, measure, status and value (or both without one), the same
// period and the same label (spacing and case aside).
func (e Expected) Matches(f foiwire.Figure) bool {
	if filepath.Base(f.Source.File) != e.File || f.Authority != e.Authority || f.Measure != e.Measure || f.Status != e.Status {
		return false
	}
	v, ok := f.Int()
	if (e.Value == nil) != !ok || (ok && v != *e.Value) {
		return false
	}
	if e.Measure == foiwire.MeasureRefusal {
		return strings.EqualFold(f.Label, e.Label)
	}
	return f.Period == e.Period && sameLabel(f.Label, e.Label)
}

// sameLabel compares labels as a person would: case and spacing aside, and
// "Grand Total", "Overall Total" and "Total" alike.
func sameLabel(a, b string) bool {
	return normLabel(a) == normLabel(b)
}

func normLabel(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, w := range []string{"grand total", "overall total"} {
		s = strings.ReplaceAll(s, w, "total")
	}
	return s
}

// Run reads every file in dir (without telling the reader which authority
// sent it) and scores the figures against expected. A reply that yields no
// figure, no refusal and no review row is listed in Outcome.Silent.
func Run(ctx context.Context, dir string, expected []Expected) (Outcome, error) {
	return run(ctx, dir, expected, "")
}

// run is Run leaving out the file named skip (the expected figures
// themselves, when they sit among the replies).
func run(ctx context.Context, dir string, expected []Expected, skip string) (Outcome, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return Outcome{}, fmt.Errorf("corpus: %w", err)
	}
	var o Outcome
	var figs []foiwire.Figure
	for _, e := range ents {
		if e.IsDir() || filepath.Join(dir, e.Name()) == skip {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return o, err
		}
		o.Files++
		out, err := dataset.Read(ctx, dataset.Input{Name: e.Name(), Data: data, Registry: authority.Police()})
		if err != nil {
			o.Errors = append(o.Errors, err.Error())
			continue
		}
		if len(out.Figures) == 0 {
			o.Silent = append(o.Silent, e.Name())
		}
		figs = append(figs, out.Figures...)
	}
	s := Score(figs, expected)
	s.Files, s.Errors, s.Silent = o.Files, o.Errors, o.Silent
	return s, nil
}

// Score compares figures read with the expected ones.
func Score(figs []foiwire.Figure, expected []Expected) Outcome {
	var o Outcome
	o.Read = len(figs)
	var traps []Expected
	expected = slices.DeleteFunc(slices.Clone(expected), func(e Expected) bool {
		if e.Measure == MeasureTrap {
			traps = append(traps, e)
			return true
		}
		return false
	})
	o.Expected = len(expected)
	o.Traps = len(traps)
	for _, tr := range traps {
		if tr.Value == nil {
			continue
		}
		if slices.ContainsFunc(figs, func(f foiwire.Figure) bool {
			v, ok := f.Int()
			return ok && v == *tr.Value && f.Confidence == foiwire.ConfidenceHigh &&
				filepath.Base(f.Source.File) == tr.File && !tr.sameAsExpected(expected, f)
		}) {
			o.TrapsHit = append(o.TrapsHit, tr)
		}
	}
	used := make([]bool, len(figs))
	// Figures by file and value, so matching takes time linear in both lists.
	type slot struct {
		file  string
		value int64
		has   bool
	}
	byValue := map[slot][]int{}
	for j, f := range figs {
		v, ok := f.Int()
		k := slot{filepath.Base(f.Source.File), v, ok}
		byValue[k] = append(byValue[k], j)
	}
	for _, e := range expected {
		k := slot{file: e.File}
		if e.Value != nil {
			k.value, k.has = *e.Value, true
		}
		cands := byValue[k]
		// A figure answers one expected row: prefer the one with the same
		// label, so two rows of equal value are not both given to the first.
		i := -1
		for _, j := range cands {
			if !used[j] && e.Matches(figs[j]) && strings.EqualFold(figs[j].Label, e.Label) {
				i = j
				break
			}
		}
		if i < 0 {
			for _, j := range cands {
				if !used[j] && e.Matches(figs[j]) {
					i = j
					break
				}
			}
		}
		if i < 0 {
			o.Missed = append(o.Missed, e)
			continue
		}
		used[i] = true
		o.Found++
	}
	for i, f := range figs {
		if f.Confidence == foiwire.ConfidenceReview {
			o.Review++
		} else if !used[i] {
			o.WrongHigh = append(o.WrongHigh, f)
		}
	}
	return o
}

// sameAsExpected reports whether a figure holding a trap's number is in
// fact an expected figure of the same file (the same number can be both a
// cost estimate and a count, as "660 records" is).
func (tr Expected) sameAsExpected(expected []Expected, f foiwire.Figure) bool {
	return slices.ContainsFunc(expected, func(e Expected) bool { return e.Matches(f) })
}

// Report writes a human-readable score.
func (o Outcome) Report(w io.Writer) {
	name := o.Name
	if name != "" {
		name = " (" + name + ")"
	}
	fmt.Fprintf(w, "extraction score%s: %d of %d expected figures read exactly (%.1f%%) from %d files\n",
		name, o.Found, o.Expected, 100*o.Recall(), o.Files)
	fmt.Fprintf(w, "figures read: %d, of which %d marked for review; %d marked high that match nothing expected\n",
		o.Read, o.Review, len(o.WrongHigh))
	if o.Traps > 0 {
		fmt.Fprintf(w, "traps (numbers that are not figures): %d, of which %d read as a figure at high confidence\n", o.Traps, len(o.TrapsHit))
	}
	fmt.Fprintf(w, "replies with nothing said about them: %d\n", len(o.Silent))
	for _, t := range o.TrapsHit {
		fmt.Fprintf(w, "  trap read (high): %s %q = %d\n", t.File, t.Label, *t.Value)
	}
	for _, s := range o.Silent {
		fmt.Fprintf(w, "  silent: %s\n", s)
	}
	for _, m := range o.Missed {
		v := "null"
		if m.Value != nil {
			v = strconv.FormatInt(*m.Value, 10)
		}
		fmt.Fprintf(w, "  missed: %s %s %s %q = %s\n", m.File, m.Measure, m.Period, m.Label, v)
	}
	for _, f := range o.WrongHigh {
		v := "null"
		if n, ok := f.Int(); ok {
			v = strconv.FormatInt(n, 10)
		}
		fmt.Fprintf(w, "  wrong (high): %s %s %s %s %q = %s\n", f.Source.File, f.Authority, f.Measure, f.Period, f.Label, v)
	}
	for _, e := range o.Errors {
		fmt.Fprintf(w, "  unreadable: %s\n", e)
	}
}

// Corpus is a folder of replies and a person's reading of them.
type Corpus struct {
	Name     string // how the report names it: "foi", "foi-files"
	Replies  string // the folder of reply files
	Expected string // the expected-figures CSV
}

// Corpora returns the corpora laid out under dir as the shared corpus lays
// them out: dir/foi scored against dir/expected_figures.csv, and every other
// folder of dir holding its own expected_figures.csv (dir/foi-files). It
// returns an error when there is none.
func Corpora(dir string) ([]Corpus, error) {
	var out []Corpus
	if st, err := os.Stat(filepath.Join(dir, "foi")); err == nil && st.IsDir() {
		if _, err := os.Stat(filepath.Join(dir, "expected_figures.csv")); err == nil {
			out = append(out, Corpus{Name: "foi", Replies: filepath.Join(dir, "foi"), Expected: filepath.Join(dir, "expected_figures.csv")})
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	for _, e := range ents {
		if !e.IsDir() || e.Name() == "foi" {
			continue
		}
		exp := filepath.Join(dir, e.Name(), "expected_figures.csv")
		if _, err := os.Stat(exp); err == nil {
			out = append(out, Corpus{Name: e.Name(), Replies: filepath.Join(dir, e.Name()), Expected: exp})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus %s: no foi/ folder with expected_figures.csv beside it, and no folder holding its own expected_figures.csv", dir)
	}
	return out, nil
}

// RunCorpus reads c's expected figures and scores the reading of its replies.
func RunCorpus(ctx context.Context, c Corpus) (Outcome, error) {
	f, err := os.Open(c.Expected)
	if err != nil {
		return Outcome{}, fmt.Errorf("corpus %s: %w", c.Name, err)
	}
	defer f.Close()
	exp, err := ReadExpected(f)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s: %w", c.Expected, err)
	}
	o, err := run(ctx, c.Replies, exp, c.Expected)
	o.Name = c.Name
	return o, err
}
