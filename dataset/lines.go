package dataset

import (
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
)

// lineRE reads one line of a run of prose lines as words and a count: "2009
// – 16 crimes", "2008 : 0", "Reports received: 1,234", "2. 2021/22 - 45".
// The optional leading list number says which series the line is in.
var lineRE = regexp.MustCompile(`^\s*(?:(\d{1,2})[.)]\s+)?(.*?\S)\s*(?:[:=–—]|\s-)\s*((?:\d{1,3}(?:,\s?\d{3})+|\d+)(?:\s+[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,2})?|nil|none|<\s?\d+|\*)\s*\.?$`)

// splitLines offers a candidate reading of a block whose rows are single
// lines of prose: each line split into its words and its count, with the
// list number, when lines are numbered "1." and "2." and the numbers
// restart the same run of words, as the series. It returns false when
// fewer than two lines read so.
func splitLines(t foiwire.Table) (foiwire.Table, []string, bool) {
	if t.Width() != 1 {
		return t, nil, false
	}
	out := foiwire.Table{Index: t.Index, Context: t.Context, Truncated: t.Truncated, Part: t.Part}
	var series []string
	n := 0
	for _, r := range t.Rows {
		if len(r) == 0 || strings.TrimSpace(r[0].Text) == "" {
			continue
		}
		m := lineRE.FindStringSubmatch(r[0].Text)
		if m == nil || !readCell(m[3]).isCount() {
			continue
		}
		n++
		out.Rows = append(out.Rows, []foiwire.Cell{
			{Row: r[0].Row, Col: 0, Text: m[2]},
			{Row: r[0].Row, Col: r[0].Col, Text: m[3]},
		})
		series = append(series, m[1])
	}
	if n < 2 {
		return t, nil, false
	}
	return out, series, true
}
