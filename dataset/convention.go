package dataset

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Year boundaries as replies state them: a range from one boundary to the
// day before the next ("6 April to 5 April", "April 6 - April 5",
// "06/04/2021 - 05/04/2022", "1st April 2021 to 31st March 2022"). A lone
// date such as 06/04/2024 heading a letter says nothing about the years a
// reply counts, so only ranges are evidence.
var (
	sixthAprilRangeRE = regexp.MustCompile(`(?i)(?:\b6(?:th)?\s+apr(?:il)?|\bapr(?:il)?\s+6(?:th)?\b|\b0?6/0?4/(?:\d{2}){1,2})[^.\n]{0,24}?(?:\bto\b|[-–—]|until|through)\s*(?:\b5(?:th)?\s+apr(?:il)?|\bapr(?:il)?\s+5(?:th)?\b|\b0?5/0?4/(?:\d{2}){1,2})`)
	firstAprilRangeRE = regexp.MustCompile(`(?i)(?:\b1(?:st)?\s+apr(?:il)?|\bapr(?:il)?\s+1(?:st)?\b|\b0?1/0?4/(?:\d{2}){1,2})[^.\n]{0,24}?(?:\bto\b|[-–—]|until|through)\s*(?:\b31(?:st)?\s+mar(?:ch)?|\bmar(?:ch)?\s+31(?:st)?\b|\b31/0?3/(?:\d{2}){1,2})`)
)

// yearConvention chooses the day financial years start on (1 or 6 April)
// by the evidence counted over the whole reply, and says why. With no
// evidence either way it returns 1 and "".
func yearConvention(text string) (int, string) {
	six := len(sixthAprilRangeRE.FindAllStringIndex(text, -1))
	one := len(firstAprilRangeRE.FindAllStringIndex(text, -1))
	switch {
	case six > one:
		return 6, fmt.Sprintf("the reply writes years from 6 April to 5 April %d times, from 1 April to 31 March %d times", six, one)
	case one > 0:
		return 1, fmt.Sprintf("the reply writes years from 1 April to 31 March %d times, from 6 April to 5 April %d times", one, six)
	}
	return 1, ""
}

// fyEvidenceIn returns the first words of text that speak of financial
// years: "financial year", or a pair of years one apart ("2019/20",
// "2019-2020"). A year and another number ("2019 – 89 outcomes") is not
// one. It returns "" when there is none.
func fyEvidenceIn(text string) string {
	counts := -1 // whether the reply writes "year – count" lines; -1 until asked
	for pos := 0; pos < len(text); {
		loc := fyRE.FindStringIndex(text[pos:])
		if loc == nil {
			return ""
		}
		start, end := pos+loc[0], pos+loc[1]
		pos = end
		if start > 0 && loc[0] == 0 && isWordByte(text[start-1]) {
			pos = start + 1 // not at a word boundary in the whole text
			continue
		}
		m := text[start:end]
		if !unicode.IsDigit(rune(m[0])) {
			return m
		}
		if spacedDashRE.MatchString(m) {
			if counts < 0 {
				counts = 0
				if yearDashCounts(text) {
					counts = 1
				}
			}
			if counts == 1 {
				continue
			}
		}
		i := strings.IndexFunc(m, func(c rune) bool { return !unicode.IsDigit(c) })
		first, _ := strconv.Atoi(m[:i])
		j := strings.LastIndexFunc(m, func(c rune) bool { return !unicode.IsDigit(c) })
		second, _ := strconv.Atoi(m[j+1:])
		if second == first+1 || len(m[j+1:]) == 2 && second == (first+1)%100 {
			return m
		}
	}
	return ""
}

// isWordByte reports whether c is an ASCII word character.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

var (
	// yearDashCountRE is a year, a spaced dash and a two-digit number.
	yearDashCountRE = regexp.MustCompile(`\b((?:19|20)\d\d) [–—-] (\d\d)\b`)
	// spacedDashRE is a year range written with a spaced dash.
	spacedDashRE = regexp.MustCompile(`\d \S+ \d`)
)

// yearDashCounts reports whether the reply writes "year – count" lines
// ("2019 – 89 outcomes"): then a "2020 – 21" in it is a year and a count,
// not the financial year 2020/21.
func yearDashCounts(text string) bool {
	for _, m := range yearDashCountRE.FindAllStringSubmatch(text, -1) {
		first, _ := strconv.Atoi(m[1])
		second, _ := strconv.Atoi(m[2])
		if second != (first+1)%100 {
			return true
		}
	}
	return false
}
