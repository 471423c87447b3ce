// Package layouts renders real figures in every layout and file format a
// reply may take, each with the figures a careful reader would take from
// it, so that the reader can be scored layout by layout: a test matrix.
//
// The figures come from the collated corpus files (expected_figures.csv,
// article_figures.csv and foi-files/expected_figures.csv); the words
// around them are the package's own.
package layouts

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Period is one period a dataset counts, as printed and as dates.
type Period struct {
	Label      string // as a reply prints it: "2021/22", "2020", "Jan 2018"
	Start, End string // ISO dates, inclusive
	// Year is set when the period is a whole calendar year.
	Year bool
}

// Dataset is a grid of real figures: one or more series (categories)
// counted over the same periods.
type Dataset struct {
	Name      string // where the figures came from, for messages
	Authority string
	Subject   string   // what is counted, in the reply's words: "offences"
	Series    []string // category labels; one "" series when there are none
	Periods   []Period
	Values    [][]int64 // Values[series][period]
}

// Expected is one figure a reply rendered from a dataset holds.
type Expected struct {
	Series     string
	Start, End string
	Value      int64
}

// Expected returns the figures of the dataset.
func (d Dataset) Expected() []Expected {
	var out []Expected
	for s, name := range d.Series {
		for p, per := range d.Periods {
			out = append(out, Expected{Series: name, Start: per.Start, End: per.End, Value: d.Values[s][p]})
		}
	}
	return out
}

// Limits that keep the matrix quick to read: real replies hold more, but
// the layouts are what is being tested.
const (
	maxSeries  = 4
	maxPeriods = 6
)

// Load builds datasets from the corpus's collated figure files under
// corpusDir (the shared corpus folder). Figures of one file or authority
// and measure, with an ok value, a period and no total, are grouped; the
// label's words other than its period name the series. It returns an
// error naming the file that cannot be read.
func Load(corpusDir string) ([]Dataset, error) {
	var all []row
	for _, name := range []string{"expected_figures.csv", "article_figures.csv", filepath.Join("foi-files", "expected_figures.csv")} {
		rows, err := readRows(filepath.Join(corpusDir, name))
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
	}
	type key struct{ source, measure string }
	groups := map[key][]row{}
	var order []key
	for _, r := range all {
		if r["status"] != "ok" || r["is_total"] == "true" || r["period_start"] == "" || r["value"] == "" {
			continue
		}
		if m := r["measure"]; m != "period" && m != "offence" && m != "outcome" {
			continue
		}
		src := r["file"]
		if src == "" {
			src = r["authority"] + " (article)"
		}
		k := key{src, r["measure"]}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	var out []Dataset
	for _, k := range order {
		if d, ok := build(k.source, k.measure, groups[k]); ok {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("layouts: no figures with periods in %s", corpusDir)
	}
	return out, nil
}

type row map[string]string

func readRows(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("layouts: reading %s: %w", path, err)
	}
	if len(recs) < 2 {
		return nil, nil
	}
	head := recs[0]
	out := make([]row, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := row{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// build makes one dataset of a group's figures: series by the words of
// their labels, periods in date order, only the series that have a value
// for every period.
func build(source, measure string, rows []row) (Dataset, bool) {
	d := Dataset{Name: source + " " + measure, Authority: rows[0]["authority"], Subject: subjectOf(measure)}
	periods := map[string]Period{}
	values := map[string]map[string]int64{}
	var seriesOrder []string
	for _, r := range rows {
		p := periodOf(r["period_start"], r["period_end"])
		if p.Label == "" {
			continue
		}
		v, err := strconv.ParseInt(r["value"], 10, 64)
		if err != nil || v < 0 {
			continue
		}
		s := seriesOf(r["label"], measure)
		if values[s] == nil {
			values[s] = map[string]int64{}
			seriesOrder = append(seriesOrder, s)
		}
		if _, dup := values[s][p.Start+p.End]; dup {
			continue
		}
		values[s][p.Start+p.End] = v
		periods[p.Start+p.End] = p
	}
	var ps []Period
	for _, p := range periods {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b Period) int { return strings.Compare(a.Start+a.End, b.Start+b.End) })
	if len(ps) > maxPeriods {
		ps = ps[:maxPeriods]
	}
	for _, s := range seriesOrder {
		full := true
		for _, p := range ps {
			_, ok := values[s][p.Start+p.End]
			full = full && ok
		}
		if !full || len(d.Series) >= maxSeries {
			continue
		}
		vals := make([]int64, len(ps))
		for i, p := range ps {
			vals[i] = values[s][p.Start+p.End]
		}
		d.Series = append(d.Series, s)
		d.Values = append(d.Values, vals)
	}
	d.Periods = ps
	// One series needs no name; several need distinct ones.
	if len(d.Series) == 1 {
		d.Series[0] = ""
	}
	if len(d.Series) == 0 || len(ps) < 2 || (len(d.Series) > 1 && slices.Contains(d.Series, "")) {
		return d, false
	}
	return d, true
}

func subjectOf(measure string) string {
	switch measure {
	case "outcome":
		return "outcomes"
	case "offence":
		return "offences"
	}
	return "incidents"
}

// seriesOf takes the period words out of a figure's label, leaving what it
// counts: "Arbourthorne 2020" is series "Arbourthorne".
func seriesOf(label, measure string) string {
	var keep []string
	for _, w := range strings.Fields(label) {
		lw := strings.ToLower(strings.Trim(w, "(),"))
		if lw == "" || lw[0] >= '0' && lw[0] <= '9' || months[lw] || lw == "to" || lw == "total" {
			continue
		}
		keep = append(keep, w)
	}
	s := strings.Join(keep, " ")
	if len(s) > 40 {
		s = strings.TrimSpace(s[:40])
	}
	return s
}

var months = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "oct": true, "nov": true, "dec": true, "january": true, "february": true, "march": true,
	"april": true, "june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "6th": true, "5th": true,
}

// periodOf prints a period the way replies do, or "" for one with no
// usual printing.
func periodOf(start, end string) Period {
	s, err1 := time.Parse(time.DateOnly, start)
	e, err2 := time.Parse(time.DateOnly, end)
	if err1 != nil || err2 != nil || e.Before(s) {
		return Period{}
	}
	p := Period{Start: start, End: end}
	switch {
	case s.Month() == time.January && s.Day() == 1 && e.Month() == time.December && e.Day() == 31 && e.Year() == s.Year():
		p.Label, p.Year = strconv.Itoa(s.Year()), true
	case s.Month() == time.April && s.Day() == 1 && e.Month() == time.March && e.Day() == 31 && e.Year() == s.Year()+1:
		p.Label = fmt.Sprintf("%d/%02d", s.Year(), (s.Year()+1)%100)
	case s.Month() == time.April && s.Day() == 6 && e.Month() == time.April && e.Day() == 5 && e.Year() == s.Year()+1:
		p.Label = fmt.Sprintf("6 April %d to 5 April %d", s.Year(), e.Year())
	case s.Day() == 1 && e.AddDate(0, 0, 1).Day() == 1 && s.Month() == e.Month() && s.Year() == e.Year():
		p.Label = s.Format("Jan 2006")
	default:
		return Period{}
	}
	return p
}
