package foiwire

import (
	"testing"
	"time"
)

// TestDateStringAsFormat checks the hand-written ISO form against
// time.Format's, over ordinary days and the years time.Format pads or
// signs differently.
func TestDateStringAsFormat(t *testing.T) {
	var days []time.Time
	for d := time.Date(2019, 12, 25, 0, 0, 0, 0, time.UTC); d.Year() < 2026; d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	for _, y := range []int{-10001, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 123456} {
		days = append(days, time.Date(y, 3, 9, 0, 0, 0, 0, time.UTC))
	}
	for _, tm := range days {
		d := DateOf(tm)
		want := tm.Format(time.DateOnly)
		if got := d.String(); got != want {
			t.Errorf("%v: String %q; want %q", tm, got, want)
		}
		if got := string(d.AppendISO([]byte("x"))); got != "x"+want {
			t.Errorf("%v: AppendISO %q; want %q", tm, got, "x"+want)
		}
		p := Period{Start: d, End: d.AddDays(364)}
		if got, want := p.String(), want+".."+d.AddDays(364).Time().Format(time.DateOnly); got != want {
			t.Errorf("%v: Period.String %q; want %q", tm, got, want)
		}
	}
	if s := (Date{}).String(); s != "" {
		t.Errorf("zero Date: %q", s)
	}
	if s := (Period{}).String(); s != "" {
		t.Errorf("zero Period: %q", s)
	}
	if s := (Period{End: NewDate(2024, 3, 31)}).String(); s != "..2024-03-31" {
		t.Errorf("open start: %q", s)
	}
}
