// Package calendar counts working days in England and Wales: the days on
// which the 20-working-day limit of the Freedom of Information Act 2000
// runs. Saturdays, Sundays and bank holidays do not count. The bank
// holidays for 2019 to 2027 are embedded; later years are added with
// Calendar.Add (the CLI's --holidays FILE).
package calendar

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // "today" is a day in London wherever foiwire runs

	"github.com/foiwire/foiwire"
)

// Limit is the number of working days the Act gives an authority to reply.
const Limit = 20

// LongLimit is the most an authority may take when it extends the limit to
// consider the public interest; past it a request is long overdue.
const LongLimit = 40

//go:embed data/uk_bank_holidays_england_wales.csv
var holidaysCSV []byte

// Holiday is one bank holiday.
type Holiday struct {
	Date foiwire.Date
	Name string
}

// Day is one day counted (or passed over) on the way to a due date.
type Day struct {
	Date foiwire.Date
	// Count is the working day's number, from 1; 0 for a day that does not
	// count.
	Count int
	// Skipped says why a day does not count: "weekend" or the bank
	// holiday's name. Empty for a working day.
	Skipped string
}

// Calendar knows which days are working days. Build one with EnglandWales
// or New; it is not safe to Add to while other goroutines read it.
type Calendar struct {
	holidays map[foiwire.Date]string
	years    map[int]bool
	// Now is the clock behind Today; nil means time.Now.
	Now func() time.Time
}

var embedded = sync.OnceValues(func() ([]Holiday, error) {
	return ReadHolidays(bytes.NewReader(holidaysCSV))
})

// EnglandWales returns a new calendar holding the embedded England and
// Wales bank holidays (2019 to 2027). It panics only if the embedded file
// is corrupt, which the tests rule out.
func EnglandWales() *Calendar {
	hs, err := embedded()
	if err != nil {
		panic(fmt.Sprintf("calendar: embedded bank holidays: %v", err))
	}
	return New(hs...)
}

// New returns a calendar with the given bank holidays and no others.
func New(hs ...Holiday) *Calendar {
	c := &Calendar{holidays: map[foiwire.Date]string{}, years: map[int]bool{}}
	c.Add(hs...)
	return c
}

// Add adds bank holidays, for years the embedded list does not reach or
// for a one-off holiday announced later. A day already known keeps its
// first name.
func (c *Calendar) Add(hs ...Holiday) {
	for _, h := range hs {
		d := foiwire.NewDate(h.Date.Year(), h.Date.Month(), h.Date.Day())
		if _, ok := c.holidays[d]; !ok {
			c.holidays[d] = h.Name
		}
		c.years[d.Year()] = true
	}
}

// ReadHolidays reads bank holidays from CSV with a header row naming at
// least a "date" column (ISO dates) and optionally a "name" column, as the
// gov.uk-derived file embedded here is laid out. It returns an error naming
// the line of the first date it cannot read.
func ReadHolidays(r io.Reader) ([]Holiday, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read bank holidays header: %w", err)
	}
	dateCol, nameCol := -1, -1
	for i, h := range head {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case "date":
			dateCol = i
		case "name", "title":
			nameCol = i
		}
	}
	if dateCol < 0 {
		return nil, errors.New("bank holidays: no \"date\" column in the header")
	}
	var out []Holiday
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A csv.ParseError names its own line.
			return nil, fmt.Errorf("bank holidays: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if dateCol >= len(rec) || strings.TrimSpace(rec[dateCol]) == "" {
			return nil, fmt.Errorf("bank holidays, line %d: no date", line)
		}
		d, err := foiwire.ParseDate(strings.TrimSpace(rec[dateCol]))
		if err != nil {
			return nil, fmt.Errorf("bank holidays, line %d: %w", line, err)
		}
		h := Holiday{Date: d, Name: "bank holiday"}
		if nameCol >= 0 && nameCol < len(rec) && strings.TrimSpace(rec[nameCol]) != "" {
			h.Name = strings.TrimSpace(rec[nameCol])
		}
		out = append(out, h)
	}
	return out, nil
}

// Holidays returns the known bank holidays in date order.
func (c *Calendar) Holidays() []Holiday {
	out := make([]Holiday, 0, len(c.holidays))
	for d, n := range c.holidays {
		out = append(out, Holiday{Date: d, Name: n})
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Time().Compare(b.Date.Time()) })
	return out
}

// Covers reports whether the calendar knows the bank holidays of d's year.
// For a year it does not know, weekends are still skipped but no holiday
// is, so a due date may come out a day or two early.
func (c *Calendar) Covers(d foiwire.Date) bool { return c.years[d.Year()] }

// Holiday returns the name of the bank holiday on d, and whether there is one.
func (c *Calendar) Holiday(d foiwire.Date) (string, bool) {
	n, ok := c.holidays[d]
	return n, ok
}

// IsWorkingDay reports whether d is neither a weekend day nor a bank holiday.
func (c *Calendar) IsWorkingDay(d foiwire.Date) bool {
	return c.skipped(d) == ""
}

// skipped says why d is not a working day, or "" if it is one.
func (c *Calendar) skipped(d foiwire.Date) string {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return "weekend"
	}
	if n, ok := c.holidays[d]; ok {
		return n
	}
	return ""
}

// AddWorkingDays returns the n-th working day after d (n ≥ 1), d itself
// not counting; for n ≤ 0 it returns d.
func (c *Calendar) AddWorkingDays(d foiwire.Date, n int) foiwire.Date {
	for n > 0 {
		d = d.AddDays(1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// DueDate returns the last day an authority has to reply to a request it
// received on received: the 20th working day, the day after receipt being
// day one when it is a working day. The zero Date gives the zero Date.
func (c *Calendar) DueDate(received foiwire.Date) foiwire.Date {
	if received.IsZero() {
		return foiwire.Date{}
	}
	return c.AddWorkingDays(received, Limit)
}

// WorkingDaysBetween returns the number of working days after from up to
// and including to; negative (the same count) when to is before from.
func (c *Calendar) WorkingDaysBetween(from, to foiwire.Date) int {
	if to.Before(from) {
		return -c.WorkingDaysBetween(to, from)
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// Explain returns every day from the day after received up to the due
// date, each with its working-day number or the reason it does not count.
// The zero Date gives nil.
func (c *Calendar) Explain(received foiwire.Date) []Day {
	if received.IsZero() {
		return nil
	}
	var out []Day
	for d, n := received.AddDays(1), 0; n < Limit; d = d.AddDays(1) {
		day := Day{Date: d, Skipped: c.skipped(d)}
		if day.Skipped == "" {
			n++
			day.Count = n
		}
		out = append(out, day)
	}
	return out
}

// Zone returns the time zone "today" and the days of received mail are
// read in: Europe/London, so a late-evening run in another zone still
// counts the journalist's day. It falls back to UTC only if the embedded
// zone data were missing.
func Zone() *time.Location { return london() }

var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

// Today returns the current day in London by the calendar's clock.
func (c *Calendar) Today() foiwire.Date {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return foiwire.DateOf(now().In(london()))
}
