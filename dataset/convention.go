package dataset

import (
	"fmt"
	"regexp"
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
