package dataset

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/foiwire/foiwire"
)

// cutoffRE finds a date the figures of a table stop at, stated in the words
// that introduce it: "(up to 15th October 2023)", "as at 31/03/2024",
// "until 5 April 2024".
var cutoffRE = regexp.MustCompile(`(?i)\b(?:up\s+to|as\s+at|until|up\s+until)\s+(?:and\s+including\s+)?(?:the\s+)?(?:(\d{1,2})\^?(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{4}))\b`)

// cutoffOf returns the date a table's introduction says its figures stop
// at, if it says so once.
func cutoffOf(context string) (foiwire.Date, bool) {
	ms := cutoffRE.FindAllStringSubmatch(lastSentence(context), -1)
	if len(ms) != 1 {
		return foiwire.Date{}, false
	}
	m := ms[0]
	var y, mo, d int
	if m[1] != "" {
		month, ok := months[strings.ToLower(m[2])]
		if !ok {
			return foiwire.Date{}, false
		}
		d, _ = strconv.Atoi(m[1])
		y, _ = strconv.Atoi(m[3])
		mo = int(month)
	} else {
		d, _ = strconv.Atoi(m[4])
		mo, _ = strconv.Atoi(m[5])
		y, _ = strconv.Atoi(m[6])
	}
	date := foiwire.NewDate(y, time.Month(mo), d)
	if date.Day() != d || int(date.Month()) != mo {
		return foiwire.Date{}, false // 31 February
	}
	return date, true
}

// clipToCutoff ends at the stated cut-off date every figure of a table
// whose period runs past it: with figures "up to 15th October 2023", the
// column "2023" is 1 January to 15 October 2023, and its "Oct" row the first
// fifteen days of October.
func clipToCutoff(figs []foiwire.Figure, tables []foiwire.Table) {
	cut := map[int]foiwire.Date{}
	for _, t := range tables {
		if d, ok := cutoffOf(t.Context); ok {
			cut[t.Index] = d
		}
	}
	if len(cut) == 0 {
		return
	}
	for i := range figs {
		f := &figs[i]
		d, ok := cut[f.Source.Table]
		if !ok || f.Period.IsZero() || d.Before(f.Period.Start) || !d.Before(f.Period.End) {
			continue
		}
		f.Period.End = d
	}
}
