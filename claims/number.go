package claims

import (
	"strconv"
	"strings"
)

var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

var multipliers = map[string]float64{"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}

// digits reads a number printed in digits ("140,000", "4.5"), and false for
// anything else (including "2023/24" and dates).
func digits(s string) (float64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && c != ',' && c != '.' {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

// wordNumber reads a number in words starting at ts[i] ("three", "twenty-one",
// "one hundred and six", "a hundred", "2 million") and returns it with the
// number of tokens it took, or 0 tokens when there is none.
func wordNumber(ts []token, i int) (float64, int) {
	total, cur := 0.0, 0.0
	n := 0
	seen := false
	for k := i; k < len(ts); k++ {
		w := ts[k].low
		if ts[k].punct {
			break
		}
		if v, ok := smallNumbers[w]; ok {
			cur += v
			seen = true
			n = k - i + 1
			continue
		}
		if a, b, ok := strings.Cut(w, "-"); ok {
			va, oka := smallNumbers[a]
			vb, okb := smallNumbers[b]
			if oka && okb && va >= 20 && vb < 10 {
				cur += va + vb
				seen = true
				n = k - i + 1
				continue
			}
		}
		if v, ok := digits(w); ok && !seen && k+1 < len(ts) && multipliers[ts[k+1].low] >= 1e6 {
			cur = v
			seen = true
			n = k - i + 1
			continue
		}
		if m, ok := multipliers[w]; ok {
			if !seen {
				break
			}
			if cur == 0 {
				cur = 1
			}
			if m == 100 {
				cur *= m
			} else {
				total += cur * m
				cur = 0
			}
			n = k - i + 1
			continue
		}
		if w == "a" && !seen && k+1 < len(ts) && multipliers[ts[k+1].low] > 0 {
			cur = 1
			seen = true
			continue
		}
		if w == "and" && seen && k+1 < len(ts) {
			if _, ok := smallNumbers[strings.SplitN(ts[k+1].low, "-", 2)[0]]; ok && n == k-i {
				continue
			}
		}
		break
	}
	if !seen || n == 0 {
		return 0, 0
	}
	return total + cur, n
}

// fractions are the shares said in words.
var fractions = map[string]float64{
	"half": 0.5, "third": 1.0 / 3, "thirds": 1.0 / 3, "quarter": 0.25, "quarters": 0.25,
	"fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}

// ratioWords are the changes said as multiples.
var ratioWords = map[string]float64{
	"doubled": 2, "double": 2, "doubles": 2, "doubling": 2,
	"tripled": 3, "triple": 3, "triples": 3, "trebled": 3, "treble": 3, "trebles": 3, "tripling": 3, "trebling": 3,
	"quadrupled": 4, "quadruple": 4, "quadrupling": 4,
	"halved": 0.5, "halving": 0.5, "halves": 0.5,
}

// formatNumber prints v as copy does: thousands separated, at most one
// decimal place for shares and changes.
func formatNumber(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	var s string
	if v == float64(int64(v)) {
		s = strconv.FormatInt(int64(v), 10)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
	} else {
		s = strconv.FormatFloat(v, 'f', 1, 64)
	}
	if neg {
		return "-" + s
	}
	return s
}
