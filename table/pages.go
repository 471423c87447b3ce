package table

import (
	"regexp"
	"strings"
)

var digitRuns = regexp.MustCompile(`\d+`)

// pageNumber matches a line that only numbers its page: "Page 3", "Page 3
// of 12", "3 of 12", "- 3 -", "3".
var pageNumber = regexp.MustCompile(`(?i)^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}|[-–]\s*\d{1,4}\s*[-–]|\d{1,3})$`)

// joinPages removes what repeats on every page of layout text (running
// headers and footers, page numbers) and joins the pages, so that a table
// broken by a page break reads as one. Pages are separated by form feeds,
// as pdftotext writes them. Text without form feeds is returned as it is.
func joinPages(s string) string {
	if !strings.Contains(s, "\f") {
		return s
	}
	pages := strings.Split(s, "\f")
	if strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	lines := make([][]string, len(pages))
	for i, p := range pages {
		lines[i] = strings.Split(strings.TrimRight(p, "\n "), "\n")
	}
	// A line at the top or bottom of most pages, digits aside, is a
	// running header or footer.
	edge := map[string]int{}
	for _, pl := range lines {
		seen := map[string]bool{}
		for _, l := range edgeLines(pl) {
			k := stripDigits(l)
			if !seen[k] {
				edge[k]++
				seen[k] = true
			}
		}
	}
	var b strings.Builder
	for _, pl := range lines {
		top, bottom := edgeRange(pl)
		for i, l := range pl {
			t := strings.TrimSpace(l)
			if (i <= top || i >= bottom) && t != "" {
				if pageNumber.MatchString(t) || len(lines) >= 2 && repeated(edge[stripDigits(t)], len(lines)) {
					continue
				}
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// edgeRange returns the index of the last of a page's first edgeLineCount
// non-blank lines and of the first of its last edgeLineCount.
func edgeRange(pl []string) (top, bottom int) {
	top, bottom = -1, len(pl)
	n := 0
	for i := 0; i < len(pl) && n < edgeLineCount; i++ {
		if strings.TrimSpace(pl[i]) != "" {
			top, n = i, n+1
		}
	}
	n = 0
	for i := len(pl) - 1; i >= 0 && n < edgeLineCount; i-- {
		if strings.TrimSpace(pl[i]) != "" {
			bottom, n = i, n+1
		}
	}
	return top, bottom
}

// edgeLineCount is how many lines at the top and bottom of a page may be
// a running header or footer: a letterhead's address takes five or six.
const edgeLineCount = 6

// edgeLines returns a page's first and last non-blank lines, trimmed.
func edgeLines(pl []string) []string {
	top, bottom := edgeRange(pl)
	var out []string
	for i, l := range pl {
		if t := strings.TrimSpace(l); t != "" && (i <= top || i >= bottom) {
			out = append(out, t)
		}
	}
	return out
}

// stripDigits blanks a line's digits, so "Page 2" and "Page 3" are alike.
// A line with more than one run of digits is kept as it is: a row of
// figures at the top of each page is alike in everything but its digits,
// and is not a running header.
func stripDigits(s string) string {
	if digitRuns.FindAllStringIndex(s, 2) != nil && len(digitRuns.FindAllStringIndex(s, 2)) > 1 {
		return strings.Join(strings.Fields(s), " ")
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, strings.Join(strings.Fields(s), " "))
}

// repeated reports whether a line at the edge of n of pages pages runs
// across them: on every page of two, or two pages in three of more.
func repeated(n, pages int) bool {
	if pages == 2 {
		return n == 2
	}
	return n*3 >= pages*2
}
