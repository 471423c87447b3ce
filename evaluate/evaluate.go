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

// Expected is one figure a person read.
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
	Files     int
	Expected  int
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
	return f.Period == e.Period && strings.EqualFold(strings.Join(strings.Fields(f.Label), " "), strings.Join(strings.Fields(e.Label), " "))
}

// Run reads every file in dir (without telling the reader which authority
// sent it) and scores the figures against expected.
func Run(ctx context.Context, dir string, expected []Expected) (Outcome, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return Outcome{}, fmt.Errorf("corpus: %w", err)
	}
	var o Outcome
	var figs []foiwire.Figure
	for _, e := range ents {
		if e.IsDir() {
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
		figs = append(figs, out.Figures...)
	}
	s := Score(figs, expected)
	s.Files, s.Errors = o.Files, o.Errors
	return s, nil
}

// Score compares figures read with the expected ones.
func Score(figs []foiwire.Figure, expected []Expected) Outcome {
	var o Outcome
	o.Read = len(figs)
	o.Expected = len(expected)
	used := make([]bool, len(figs))
	for _, e := range expected {
		// A figure answers one expected row: prefer the one with the same
		// label, so two rows of equal value are not both given to the first.
		i := slices.IndexFunc(figs, func(f foiwire.Figure) bool {
			return !used[slices.Index(figs, f)] && e.Matches(f) && strings.EqualFold(f.Label, e.Label)
		})
		if i < 0 {
			i = -1
			for j, f := range figs {
				if !used[j] && e.Matches(f) {
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

// Report writes a human-readable score.
func (o Outcome) Report(w io.Writer) {
	fmt.Fprintf(w, "extraction score: %d of %d expected figures read exactly (%.1f%%) from %d files\n",
		o.Found, o.Expected, 100*o.Recall(), o.Files)
	fmt.Fprintf(w, "figures read: %d, of which %d marked for review; %d marked high that match nothing expected\n",
		o.Read, o.Review, len(o.WrongHigh))
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
