package campaign

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/foiwire/foiwire"
)

// FigureColumns are the columns of a figures CSV, in the order WriteFigures
// writes them. ReadFigures needs only authority, measure, period_start,
// period_end, label and value; the rest are optional, so files written
// before a column was added (series) still read.
var FigureColumns = []string{
	"authority", "question", "measure", "period_start", "period_end", "label", "category",
	"series", "value", "status", "is_total", "confidence", "reason",
	"document", "file", "table", "row", "col", "text",
}

// ReadFigures reads already-collated figures (a campaign's data/figures.csv,
// or the figures.csv that build writes). name is used in error messages. Each
// figure's Source.File is name and Source.Row its line, unless the file has
// provenance columns of its own. It returns an error naming the line of the
// first row it cannot read, and no figures.
func ReadFigures(r io.Reader, name string) ([]foiwire.Figure, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: read header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"authority", "measure", "period_start", "period_end", "label", "value"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: no %q column (need authority, measure, period_start, period_end, label, value)", name, need)
		}
	}
	var out []foiwire.Figure
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		f, err := figureFrom(rec, col, name, line)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, line, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func figureFrom(rec []string, col map[string]int, name string, line int) (foiwire.Figure, error) {
	get := func(k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	f := foiwire.Figure{
		Authority:  get("authority"),
		Question:   get("question"),
		Measure:    foiwire.Measure(get("measure")),
		Label:      get("label"),
		Category:   get("category"),
		Series:     get("series"),
		Status:     foiwire.Status(get("status")),
		Confidence: foiwire.Confidence(get("confidence")),
		Reason:     get("reason"),
		Source:     foiwire.Source{Document: get("document"), File: get("file"), Text: get("text")},
	}
	if f.Authority == "" {
		return f, errors.New("authority is empty")
	}
	switch f.Measure {
	case foiwire.MeasurePeriod, foiwire.MeasureOffence, foiwire.MeasureOutcome, foiwire.MeasureRefusal, foiwire.MeasureUnread:
	default:
		return f, fmt.Errorf("measure %q is not one of period, offence, outcome, refusal, unread", f.Measure)
	}
	var err error
	if f.Start, err = foiwire.ParseDate(get("period_start")); err != nil {
		return f, err
	}
	if f.End, err = foiwire.ParseDate(get("period_end")); err != nil {
		return f, err
	}
	// A period may be open at its end (a part year whose end the reply
	// does not state), but never end before it starts.
	if !f.End.IsZero() && f.End.Before(f.Start) {
		return f, fmt.Errorf("period ends (%s) before it starts (%s)", f.End, f.Start)
	}
	if v := strings.ReplaceAll(get("value"), ",", ""); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return f, fmt.Errorf("value %q is not a whole number", get("value"))
		}
		f.Value = &n
	}
	if f.Status == "" {
		f.Status = foiwire.StatusOK
		if f.Measure == foiwire.MeasureRefusal {
			f.Status = foiwire.StatusRefused
		}
	}
	if f.Status == foiwire.StatusOK && f.Value == nil {
		return f, errors.New("status is ok but there is no value")
	}
	if f.Confidence == "" {
		// Collated by a person: taken as read.
		f.Confidence = foiwire.ConfidenceHigh
	}
	switch t := strings.ToLower(get("is_total")); t {
	case "", "false", "no", "0":
	case "true", "yes", "1":
		f.IsTotal = true
	default:
		return f, fmt.Errorf("is_total %q is not true or false", t)
	}
	for _, k := range []string{"table", "row", "col"} {
		if s := get(k); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return f, fmt.Errorf("%s %q is not a whole number", k, s)
			}
			switch k {
			case "table":
				f.Source.Table = n
			case "row":
				f.Source.Row = n
			case "col":
				f.Source.Col = n
			}
		}
	}
	if f.Source.File == "" {
		f.Source.File = name
		f.Source.Row = line
	}
	return f, nil
}

// WriteFigures writes figures as CSV with FigureColumns, the inverse of
// ReadFigures. It returns the first write error.
func WriteFigures(w io.Writer, figs []foiwire.Figure) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(FigureColumns); err != nil {
		return fmt.Errorf("write figures: %w", err)
	}
	for _, f := range figs {
		v := ""
		if n, ok := f.Int(); ok {
			v = strconv.FormatInt(n, 10)
		}
		if err := cw.Write([]string{
			f.Authority, f.Question, string(f.Measure), f.Start.String(), f.End.String(), f.Label, f.Category,
			f.Series, v, string(f.Status), strconv.FormatBool(f.IsTotal), string(f.Confidence), f.Reason,
			f.Source.Document, f.Source.File, strconv.Itoa(f.Source.Table), strconv.Itoa(f.Source.Row), strconv.Itoa(f.Source.Col), f.Source.Text,
		}); err != nil {
			return fmt.Errorf("write figures: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write figures: %w", err)
	}
	return nil
}
