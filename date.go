package foiwire

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time of day and no zone. The zero Date is
// "no date" and prints as the empty string.
type Date struct{ t time.Time }

// NewDate returns the day y-m-d. Out-of-range days roll over as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// ParseDate reads an ISO date (2006-01-02). The empty string gives the zero
// Date. Anything else that is not an ISO date is an error.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return Date{t}, nil
}

// MustDate is ParseDate for literals in tests and tables; it panics on error.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return d.t }

// Year, Month and Day return the parts of d.
func (d Date) Year() int             { return d.t.Year() }
func (d Date) Month() time.Month     { return d.t.Month() }
func (d Date) Day() int              { return d.t.Day() }
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// AddDays returns d moved by n days (n may be negative).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// Before, After and Equal compare two days.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }
func (d Date) After(e Date) bool  { return d.t.After(e.t) }
func (d Date) Equal(e Date) bool  { return d.t.Equal(e.t) }

// DaysUntil returns the number of days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

// String returns the ISO form, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [len(time.DateOnly)]byte
	return string(d.appendISO(b[:0]))
}

// appendISO appends the ISO form of a non-zero d. A build writes tens of
// thousands of dates (fact ids, facts.csv): digits put in place cost a
// fraction of time.Format's layout parsing, and give the same bytes.
func (d Date) appendISO(b []byte) []byte {
	y, m, day := d.t.Date()
	if y < 0 || y > 9999 {
		return d.t.AppendFormat(b, time.DateOnly)
	}
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-',
		byte('0'+day/10), byte('0'+day%10))
}

// AppendISO appends d as String writes it, without a string of its own.
func (d Date) AppendISO(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	return d.appendISO(b)
}

// MarshalText writes the ISO form ("" for the zero Date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form; "" gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Period is a closed range of days, Start to End inclusive.
type Period struct {
	Start Date `json:"period_start"`
	End   Date `json:"period_end"`
}

// IsZero reports whether the period is unknown.
func (p Period) IsZero() bool { return p.Start.IsZero() && p.End.IsZero() }

// Days returns the number of days the period covers, 0 if it is unknown.
func (p Period) Days() int {
	if p.Start.IsZero() || p.End.IsZero() {
		return 0
	}
	return p.Start.DaysUntil(p.End) + 1
}

// Contains reports whether q lies wholly inside p.
func (p Period) Contains(q Period) bool {
	return !q.Start.Before(p.Start) && !q.End.After(p.End)
}

// Overlaps reports whether p and q share at least one day.
func (p Period) Overlaps(q Period) bool {
	return !p.End.Before(q.Start) && !q.End.Before(p.Start)
}

// String gives "2021-04-01..2022-03-31", or "" for an unknown period.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	var b [2*len(time.DateOnly) + 2]byte
	return string(p.AppendISO(b[:0]))
}

// AppendISO appends p as String writes it.
func (p Period) AppendISO(b []byte) []byte {
	if p.IsZero() {
		return b
	}
	b = p.Start.AppendISO(b)
	b = append(b, '.', '.')
	return p.End.AppendISO(b)
}
