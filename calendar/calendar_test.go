package calendar

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

func TestDueDate(t *testing.T) {
	cal := EnglandWales()
	tests := []struct {
		name     string
		received string
		want     string
	}{
		{"plain four weeks", "2024-06-03", "2024-07-01"},
		{"received on a Friday", "2024-06-07", "2024-07-05"},
		{"received on a Saturday counts from Monday", "2024-06-08", "2024-07-05"},
		{"received on a Sunday counts from Monday", "2024-06-09", "2024-07-05"},
		{"Easter 2024 takes two days", "2024-03-22", "2024-04-23"},
		{"Christmas and New Year 2023", "2023-12-15", "2024-01-17"},
		{"three holidays in May 2023", "2023-04-28", "2023-05-31"},
		{"state funeral 2022", "2022-09-01", "2022-09-30"},
		{"received on a bank holiday", "2024-05-27", "2024-06-24"},
		{"substitute Boxing Day 2027", "2027-12-20", "2028-01-19"},
		{"zero date", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.DueDate(foiwire.MustDate(tt.received))
			if got.String() != tt.want {
				t.Errorf("DueDate(%s) = %s, want %s", tt.received, got, tt.want)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := EnglandWales()
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"same day", "2024-06-03", "2024-06-03", 0},
		{"next day", "2024-06-03", "2024-06-04", 1},
		{"over a weekend", "2024-06-07", "2024-06-10", 1},
		{"Friday to Sunday", "2024-06-07", "2024-06-09", 0},
		{"over Easter", "2024-03-28", "2024-04-02", 1},
		{"backwards", "2024-06-10", "2024-06-07", -1},
		{"receipt to due date", "2024-03-22", "2024-04-23", 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.WorkingDaysBetween(foiwire.MustDate(tt.from), foiwire.MustDate(tt.to))
			if got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	cal := EnglandWales()
	days := cal.Explain(foiwire.MustDate("2024-03-22"))
	if len(days) == 0 {
		t.Fatal("no days")
	}
	last := days[len(days)-1]
	if last.Count != Limit || last.Date.String() != "2024-04-23" {
		t.Errorf("last day = %+v, want day %d on 2024-04-23", last, Limit)
	}
	want := map[string]string{
		"2024-03-23": "weekend",
		"2024-03-29": "Good Friday",
		"2024-04-01": "Easter Monday",
	}
	counted := 0
	for _, d := range days {
		if w, ok := want[d.Date.String()]; ok && d.Skipped != w {
			t.Errorf("%s skipped for %q, want %q", d.Date, d.Skipped, w)
		}
		if d.Skipped == "" {
			counted++
			if d.Count != counted {
				t.Errorf("%s numbered %d, want %d", d.Date, d.Count, counted)
			}
		} else if d.Count != 0 {
			t.Errorf("%s skipped but numbered %d", d.Date, d.Count)
		}
	}
	if days[0].Date.String() != "2024-03-23" {
		t.Errorf("first day explained %s, want the day after receipt", days[0].Date)
	}
	if cal.Explain(foiwire.Date{}) != nil {
		t.Error("Explain of the zero date is not nil")
	}
}

func TestAddAndCovers(t *testing.T) {
	cal := EnglandWales()
	newYear := foiwire.MustDate("2028-01-03")
	if cal.Covers(newYear) {
		t.Fatal("2028 covered before it was added")
	}
	before := cal.DueDate(foiwire.MustDate("2027-12-31"))
	hs, err := ReadHolidays(strings.NewReader("date,name\n2028-01-03,New Year's Day (substitute)\n"))
	if err != nil {
		t.Fatal(err)
	}
	cal.Add(hs...)
	if !cal.Covers(newYear) {
		t.Error("2028 not covered after Add")
	}
	if n, ok := cal.Holiday(newYear); !ok || !strings.HasPrefix(n, "New Year") {
		t.Errorf("Holiday(2028-01-03) = %q, %v", n, ok)
	}
	after := cal.DueDate(foiwire.MustDate("2027-12-31"))
	if before.String() != "2028-01-28" || after.String() != "2028-01-31" {
		t.Errorf("due date for 2027-12-31 was %s and is %s after adding 3 January 2028; want 2028-01-28, then 2028-01-31", before, after)
	}
	// A fresh calendar is not changed by another's Add.
	if EnglandWales().Covers(newYear) {
		t.Error("Add leaked into a new calendar")
	}
}

func TestReadHolidaysErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no date column", "day,name\n2024-01-01,x\n", `no "date" column`},
		{"bad date", "date,name\n2024-01-01,a\n1 Jan 2024,b\n", "line 3"},
		{"missing date", "date,name\n,b\n", "line 2: no date"},
		{"empty", "", "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadHolidays(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestToday(t *testing.T) {
	cal := EnglandWales()
	// 23:30 UTC on 30 June 2024 is already 1 July in London (BST).
	cal.Now = func() time.Time { return time.Date(2024, 6, 30, 23, 30, 0, 0, time.UTC) }
	if got := cal.Today().String(); got != "2024-07-01" {
		t.Errorf("Today() = %s, want 2024-07-01", got)
	}
}

// TestDueDateEveryDay checks every receipt date from 2019 to 2027 against
// a count made another way: the bank-holiday file read line by line as
// text, weekdays found from a day number (1 January 2019 was a Tuesday)
// rather than from time.Weekday, and the due date found by counting the
// working days of each week forwards from the receipt.
func TestDueDateEveryDay(t *testing.T) {
	f, err := os.Open("data/uk_bank_holidays_england_wales.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	holiday := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		if date, _, ok := strings.Cut(sc.Text(), ","); ok {
			holiday[date] = true
		}
	}
	if len(holiday) != 75 {
		t.Fatalf("read %d bank holidays from the file, want 75", len(holiday))
	}

	// days[i] is the i-th day from 2019-01-01, with its ISO form and
	// whether it is a working day; it runs into 2028 so dues at the end of
	// 2027 can be found.
	type day struct {
		iso     string
		working bool
	}
	var days []day
	y, m, d := 2019, 1, 1
	for i := 0; y < 2028 || m < 3; i++ {
		iso := isoDate(y, m, d)
		dow := (i + 1) % 7 // 0 Monday … 6 Sunday; day 0 was a Tuesday
		days = append(days, day{iso, dow < 5 && !holiday[iso]})
		y, m, d = nextDay(y, m, d)
	}

	cal := EnglandWales()
	checked := 0
	for i := 0; days[i].iso != "2028-01-01"; i++ {
		n, j := 0, i
		for n < 20 {
			j++
			if days[j].working {
				n++
			}
		}
		received := foiwire.MustDate(days[i].iso)
		if got := cal.DueDate(received).String(); got != days[j].iso {
			t.Errorf("received %s: DueDate = %s, independent count = %s", days[i].iso, got, days[j].iso)
		}
		if w := cal.WorkingDaysBetween(received, foiwire.MustDate(days[j].iso)); w != 20 {
			t.Errorf("received %s: %d working days to the due date, want 20", days[i].iso, w)
		}
		checked++
	}
	if checked != 3287 {
		t.Errorf("checked %d receipt dates, want 3287 (2019-01-01 to 2027-12-31)", checked)
	}
	t.Logf("checked %d receipt dates against the independent count", checked)
}

func isoDate(y, m, d int) string {
	return strings.Join([]string{pad(y, 4), pad(m, 2), pad(d, 2)}, "-")
}

func pad(n, w int) string {
	s := []byte{}
	for ; w > 0; w-- {
		s = append([]byte{byte('0' + n%10)}, s...)
		n /= 10
	}
	return string(s)
}

// nextDay steps the Gregorian calendar by hand, leap years included.
func nextDay(y, m, d int) (int, int, int) {
	length := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		length = 29
	}
	if d < length {
		return y, m, d + 1
	}
	if m < 12 {
		return y, m + 1, 1
	}
	return y + 1, 1, 1
}

func FuzzReadHolidays(f *testing.F) {
	f.Add("date,name,notes\n2024-12-25,Christmas Day,\n2024-12-26,Boxing Day,\n")
	f.Add("\ufeffDate,Title\n2028-01-03,New Year\n")
	f.Add("date\n2024-02-30\n")
	f.Add("name,date\n\"a,b\",2024-01-01\n")
	f.Fuzz(func(t *testing.T, in string) {
		hs, err := ReadHolidays(strings.NewReader(in))
		if err != nil {
			return
		}
		cal := New(hs...)
		for _, h := range hs {
			if h.Name == "" {
				t.Errorf("holiday %s has no name", h.Date)
			}
			if !cal.Covers(h.Date) {
				t.Errorf("calendar does not cover %s after adding it", h.Date)
			}
			if h.Date.Weekday() != time.Saturday && h.Date.Weekday() != time.Sunday && cal.IsWorkingDay(h.Date) {
				t.Errorf("%s added as a holiday but is a working day", h.Date)
			}
		}
	})
}
