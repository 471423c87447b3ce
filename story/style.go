package story

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the house style for British news copy: how numbers,
// percentages, shares and lists are written. It knows nothing of facts.

// PercentWords and PercentSign are the two ways a campaign may write
// percentages (foiwire.Campaign.PercentStyle).
const (
	PercentWords = "per cent"
	PercentSign  = "%"
)

var units = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}

var tens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

// Number writes a count in house style: one to nine in words, 10 and above
// in digits with commas between thousands ("98", "1,106"). Zero is "zero"
// (copy usually says "no" or "none" in its own words).
func Number(n int64) string {
	if n >= 0 && n < 10 {
		return units[n]
	}
	return digits(n)
}

// digits writes n with commas between thousands: 140000 → "140,000".
func digits(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return sign + b.String()
}

// Words writes n wholly in words, the British way: 98 → "ninety-eight",
// 252 → "two hundred and fifty-two", 1106 → "one thousand, one hundred and
// six". It is for numbers that open a sentence.
func Words(n int64) string {
	if n < 0 {
		return "minus " + Words(-n)
	}
	if n < 1000 {
		return hundreds(n)
	}
	var parts []string
	for _, s := range []struct {
		size int64
		name string
	}{{1_000_000_000, "billion"}, {1_000_000, "million"}, {1000, "thousand"}} {
		if n >= s.size {
			// Above 999 billion the count of billions is itself in words.
			parts = append(parts, Words(n/s.size)+" "+s.name)
			n %= s.size
		}
	}
	switch {
	case n == 0:
	case n < 100:
		return strings.Join(parts, ", ") + " and " + hundreds(n)
	default:
		parts = append(parts, hundreds(n))
	}
	return strings.Join(parts, ", ")
}

// hundreds writes 0 ≤ n < 1000 in words.
func hundreds(n int64) string {
	switch {
	case n < 20:
		return units[n]
	case n < 100:
		if n%10 == 0 {
			return tens[n/10]
		}
		return tens[n/10] + "-" + units[n%10]
	case n%100 == 0:
		return units[n/100] + " hundred"
	}
	return units[n/100] + " hundred and " + hundreds(n%100)
}

// Percent writes the size of a percentage, rounded to a whole number, in
// the given style: "48 per cent" or "48%". Direction is the copy's job
// ("rose by", "fell by"), so the sign is dropped. A non-zero value that
// rounds to zero is "less than 1 per cent".
func Percent(v float64, style string) string {
	v = math.Abs(v)
	r := math.Round(v)
	unit := " " + PercentWords
	if style == PercentSign {
		unit = PercentSign
	}
	if r == 0 && v > 0 {
		return "less than 1" + unit
	}
	return digits(int64(r)) + unit
}

// landmark is a fraction copy names in words.
type landmark struct {
	v    float64
	name string
}

var landmarks = []landmark{
	{0.1, "a tenth"}, {0.2, "a fifth"}, {0.25, "a quarter"}, {1.0 / 3, "a third"}, {0.5, "half"},
	{2.0 / 3, "two-thirds"}, {0.75, "three-quarters"},
}

// Share writes a part of a whole in words when it sits close to a simple
// fraction ("a third", "nearly half", "more than a quarter") and as a
// percentage otherwise. Shares are 0..1.
func Share(f float64, style string) string {
	for _, l := range landmarks {
		// The 1e-9 keeps 0.49 "half" despite floating point.
		switch d := f - l.v; {
		case math.Abs(d) <= 0.01+1e-9:
			return l.name
		case d < 0 && d >= -0.03-1e-9:
			return "nearly " + l.name
		case d > 0 && d <= 0.03+1e-9:
			return "more than " + l.name
		}
	}
	return Percent(f*100, style)
}

// Approx writes a count as a round number it exceeds, as headlines do:
// 513 → "more than 500", 235 → "more than 230", 46 → "more than 45". The
// round number is the coarsest one within a tenth of n, and always below
// it. Counts under 20 are written exactly.
func Approx(n int64) string {
	if n < 20 {
		return Number(n)
	}
	for step := int64(math.Pow(10, math.Floor(math.Log10(float64(n))))); step >= 1; step /= 10 {
		for _, s := range []int64{step, step / 2} {
			if s < 1 {
				continue
			}
			r := n / s * s
			if r == n {
				r -= s // "more than" must be true: 500 is more than 450
			}
			if float64(n-r) <= float64(n)/10 {
				return "more than " + Number(r)
			}
		}
	}
	return Number(n)
}

// Plural writes a count with its noun, agreeing: "one offence", "98
// offences". The plural defaults to the singular plus "s", or "es" after
// s, x, z, ch and sh.
func Plural(n int64, singular string, plural ...string) string {
	if n == 1 {
		return Number(n) + " " + singular
	}
	p := singular + "s"
	switch {
	case len(plural) > 0:
		p = plural[0]
	case strings.HasSuffix(singular, "s"), strings.HasSuffix(singular, "x"), strings.HasSuffix(singular, "z"),
		strings.HasSuffix(singular, "ch"), strings.HasSuffix(singular, "sh"):
		p = singular + "es"
	}
	return Number(n) + " " + p
}

// List joins items the British way, without a serial comma: "a", "a and b",
// "a, b and c".
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Capitalise upper-cases the first letter of s.
func Capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of a category name for use inside
// a sentence ("Stalking" → "stalking"), leaving acronyms alone.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if n < len(s) {
		if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// openingNumbers rewrites a number that opens a sentence in words, as house
// style requires: "98 offences were…" → "Ninety-eight offences were…",
// "48% of…" → "Forty-eight per cent of…". Years and financial years
// ("2023/24") are left alone: copy should be rephrased, not spelt out.
func openingNumbers(text string) string {
	var b strings.Builder
	start := true
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if start && unicode.IsDigit(r) {
			j := i
			for j < len(text) && (isDigit(text[j]) || (text[j] == ',' && j+1 < len(text) && isDigit(text[j+1]))) {
				j++
			}
			tok := text[i:j]
			n, err := strconv.ParseInt(strings.ReplaceAll(tok, ",", ""), 10, 64)
			year := len(tok) == 4 && n >= 1900 && n <= 2100
			if err == nil && !year && (j == len(text) || (text[j] != '/' && text[j] != '.')) {
				b.WriteString(Capitalise(Words(n)))
				if j < len(text) && text[j] == '%' {
					b.WriteString(" " + PercentWords)
					j++
				}
				i, start = j, false
				continue
			}
		}
		b.WriteRune(r)
		switch {
		case r == '.' || r == '!' || r == '?':
			// A full stop inside a number ("2.5") ends no sentence.
			start = i+w == len(text) || text[i+w] == ' ' || text[i+w] == '\n'
			i += w
			continue
		case start && (unicode.IsSpace(r) || strings.ContainsRune("\"'“‘(", r)):
		default:
			start = false
		}
		i += w
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// pluralSlips finds a "1" or "one" followed by a plural noun the copy uses
// ("1 crimes", "one offences"), which a template can produce by writing a
// noun after a number by hand. It returns the slips found.
func pluralSlips(text string) []string {
	var out []string
	fields := strings.Fields(text)
	for i := 0; i+1 < len(fields); i++ {
		w := strings.ToLower(strings.Trim(fields[i], "“”\"'(,"))
		if w != "1" && w != "one" {
			continue
		}
		next := strings.ToLower(strings.Trim(fields[i+1], ".,;:!?”\"')"))
		if countNouns[next] {
			out = append(out, fmt.Sprintf("%s %s", strings.Trim(fields[i], "“”\"'(,"), next))
		}
	}
	return out
}

// countNouns are the plurals stories count with.
var countNouns = map[string]bool{
	"offences": true, "crimes": true, "charges": true, "cases": true, "reports": true,
	"incidents": true, "summonses": true, "forces": true, "years": true, "outcomes": true,
}
