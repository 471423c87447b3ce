package taxonomy

// IsTotalLabel reports whether label heads a total row: "Total", "TOTAL:",
// "Grand total", "Overall total", "Totals", "Sub-total", "Sum", "All",
// "All offences", "Total number of offences recorded". A total that names
// its period is still a total: "Total 2021/22 to 2023/24" is true. A total
// for one category is not, since it is that category's figure: "Total
// harassment" is false, and MatchOffence reads it.
func IsTotalLabel(label string) bool {
	ws := rawWords(label)
	if len(ws) == 0 {
		return false
	}
	i := 0
	switch ws[0] {
	case "total", "totals", "subtotal", "sum":
		i = 1
	case "grand", "overall", "sub":
		i = 1
		if len(ws) > 1 && (ws[1] == "total" || ws[1] == "totals") {
			i = 2
		} else if ws[0] != "overall" {
			return false
		}
	case "all":
		i = 1
	default:
		return false
	}
	for _, w := range ws[i:] {
		if !totalFiller(w) {
			return false
		}
	}
	return true
}

// totalFiller reports words that may follow "Total" without naming a
// category: counting words, period words and numbers.
func totalFiller(w string) bool {
	if hasDigit(w) {
		return true
	}
	switch w {
	case "number", "no", "of", "the", "all", "recorded", "reported", "offences", "offence", "crimes",
		"crime", "outcomes", "outcome", "incidents", "incident", "reports", "cases", "types", "categories",
		"records", "count", "counts", "figure", "figures", "for", "in", "over", "period", "periods", "year",
		"years", "to", "and", "from", "between", "financial", "calendar", "fy", "so", "far", "date", "ytd",
		"per", "whole", "alleged", "notifiable", "overall", "total", "totals", "inclusive",
		"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
		"july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
		"december", "q", "quarter", "months", "month":
		return true
	}
	return false
}
