package table

import (
	"regexp"
	"strings"

	"github.com/foiwire/foiwire"
)

// plain reads text: pasted replies, the corpus's flattened pages, and what
// pdftotext prints. Tables come in three layouts: the flattened one (a
// cell a line, each ending " |", a line holding only "|" between rows),
// Markdown pipes, and columns aligned with tabs or runs of spaces. When
// withHeader is set a leading block of "key: value" lines is the file's
// header, not its text.
func (rd *reader) plain(s, part string, withHeader bool) {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n\n").Replace(s)
	lines := strings.Split(s, "\n")
	if withHeader {
		if h, n := textHeader(lines); h != nil {
			if rd.res.Header == nil {
				rd.res.Header = h
			}
			lines = lines[n:]
		}
	}
	t := &textReader{rd: rd, part: part}
	t.read(lines)
}

// proseBlocks finds the tables and blocks in lines of prose another
// reader has already written to the text (an HTML page's paragraphs, a
// sheet's one-cell rows), without writing them again. context is the
// text before the first line.
func (rd *reader) proseBlocks(lines []string, part, context string) {
	if len(lines) == 0 {
		return
	}
	rd.mute++
	defer func() { rd.mute-- }()
	t := &textReader{rd: rd, part: part, last: context}
	t.read(lines)
}

// read reads lines: flattened and Markdown tables, and prose with the
// aligned tables and blocks in it.
func (t *textReader) read(lines []string) {
	var prose []string
	for i := 0; i < len(lines); {
		switch {
		case isFlatCell(lines[i]):
			t.prose(prose)
			prose = nil
			j := i
			for j < len(lines) && isFlatCell(lines[j]) {
				j++
			}
			t.flat(lines[i:j])
			i = j
		case isMarkdownRow(lines[i]):
			t.prose(prose)
			prose = nil
			j := i
			for j < len(lines) && isMarkdownRow(lines[j]) {
				j++
			}
			t.markdown(lines[i:j])
			i = j
		default:
			prose = append(prose, lines[i])
			i++
		}
	}
	t.prose(prose)
}

// headerLine matches a line of the corpus's header block: "force: Dorset Police".
var headerLine = regexp.MustCompile(`^([a-z][a-z0-9_-]{0,31}):(?:[ \t]+(.*))?$`)

// textHeader reads a header block of at least two "key: value" lines
// (lower-case keys) ended by a blank line, returning it and the number of
// lines it takes, blank line included; nil when lines do not start so.
func textHeader(lines []string) (map[string]string, int) {
	h := map[string]string{}
	for i, line := range lines {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			if i < 2 {
				return nil, 0
			}
			return h, i + 1
		}
		m := headerLine.FindStringSubmatch(line)
		if m == nil || i >= 32 {
			return nil, 0
		}
		h[m[1]] = strings.TrimSpace(m[2])
	}
	return nil, 0
}

// textReader reads the tables of one text, keeping the last line of prose
// as the context of the next table.
type textReader struct {
	rd   *reader
	part string
	last string
}

// prose writes lines of text, reading any aligned tables among them.
func (t *textReader) prose(lines []string) {
	tables := findAligned(lines)
	next := 0
	from := 0 // the first line not yet written
	for i := 0; i < len(lines); i++ {
		if next < len(tables) && i == tables[next].first {
			a := tables[next]
			next++
			// A header of periods set with single spaces above aligned
			// columns ("Offence / Year 2019/20 2020/21 2021/22") is the
			// table's header row when its periods match the columns.
			if i > from && a.kind == foiwire.KindAligned && len(a.rows) > 0 {
				if h := periodHeader(lines[i-1], len(a.rows[0])); h != nil {
					a.rows = append([][]string{h}, a.rows...)
					a.first, a.n = a.first-1, a.n+1
					i--
				}
			}
			t.loose(lines[from:i])
			tb := newTable(a.rows, t.last, t.part, false)
			if a.kind != "" {
				tb.Kind = a.kind
				tb.Lines = trimLines(lines[a.first : a.first+a.n])
			}
			t.rd.addTable(tb)
			i += a.n - 1
			from = i + 1
			continue
		}
	}
	t.loose(lines[from:])
}

// trimLines returns lines without their trailing space.
func trimLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l, " \t")
	}
	return out
}

// isFlatCell reports whether line is part of the flattened layout: a
// cell ending " |", or a lone "|" between rows.
func isFlatCell(line string) bool {
	s := strings.TrimSpace(line)
	return s == "|" || (strings.HasSuffix(s, " |") && !strings.HasPrefix(s, "|"))
}

// flat reads a run of flattened cell lines. Lone "|" lines mark the rows;
// without them the width is inferred from which cells are numbers. A run
// that stops part-way through a row is a table cut off.
func (t *textReader) flat(run []string) {
	var cells []string
	var rows [][]string
	var cur []string
	seps := false
	for _, line := range run {
		s := strings.TrimSpace(line)
		if s == "|" {
			seps = true
			if cur != nil {
				rows = append(rows, cur)
				cur = nil
			}
			continue
		}
		text := cleanCell(strings.TrimSuffix(s, "|"))
		cells = append(cells, text)
		cur = append(cur, text)
	}
	if len(cells) < 2 {
		t.prose(cells)
		return
	}
	truncated := false
	if seps {
		if cur != nil {
			rows = append(rows, cur)
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		if width < 2 {
			t.prose(cells)
			return
		}
		truncated = cur != nil && len(cur) < width
	}
	guessed := false
	w := 0
	if !seps {
		var ok bool
		w, ok = inferWidth(cells)
		if !ok {
			w, guessed = 1, true
		}
		for i := 0; i < len(cells); i += w {
			rows = append(rows, cells[i:min(i+w, len(cells))])
		}
		truncated = len(cells)%w != 0
	}
	tb := newTable(rows, t.last, t.part, truncated)
	if !seps {
		tb.Kind, tb.Lines = foiwire.KindFlatRows, trimLines(run)
	}
	t.rd.addTable(tb)
	if guessed {
		t.rd.warn(t.part, "table %d: cannot tell how many columns it has (no column is all numbers); read one cell a row", len(t.rd.res.Tables))
	}
	// Without row marks, the cells may have been flattened column by
	// column: "2021/22, 2022/23, 2023/24, 14, 16, 16" is three rows of a
	// period and a count as well as a row of periods over a row of
	// counts. The column-wise reading is offered beside the row-wise one.
	if !seps && !guessed && w >= 2 && len(cells)%w == 0 && len(cells)/w >= 2 {
		cols := make([][]string, w)
		for _, row := range rows {
			for c, cell := range row {
				cols[c] = append(cols[c], cell)
			}
		}
		alt := newTable(cols, t.last, t.part, false)
		alt.Kind, alt.Lines = foiwire.KindFlatColumns, tb.Lines
		t.rd.res.Blocks = append(t.rd.res.Blocks, alt)
		t.rd.alternatives = append(t.rd.alternatives, [2]int{len(t.rd.res.Tables) - 1, len(t.rd.res.Blocks) - 1})
	}
}

// inferWidth finds how many columns a flattened table without row marks
// has. The first row is the header and starts with a word; below it each
// column must be all numbers or all words, and at least one all numbers.
// The narrowest width that fits with two or more data rows wins (a wider
// one that fits with a single data row is a coincidence of shape); failing
// that, the narrowest that fits with one. ok is false when none fits.
func inferWidth(cells []string) (w int, ok bool) {
	n := len(cells)
	num := make([]bool, n)
	for i, c := range cells {
		num[i] = isNumberLike(c)
	}
	if num[0] {
		return 0, false
	}
	fallback := 0
	for w := 2; w < n && w <= 64; w++ {
		full, rem := (n-w)/w, (n-w)%w
		if full == 0 {
			break
		}
		fits, numeric := true, false
		for c := 0; c < w && fits; c++ {
			kind := num[w+c]
			for r := 2; r <= full && fits; r++ {
				fits = num[r*w+c] == kind
			}
			if c < rem {
				fits = fits && num[(full+1)*w+c] == kind
			}
			numeric = numeric || kind
		}
		if !fits || !numeric {
			continue
		}
		if full >= 2 {
			return w, true
		}
		if fallback == 0 {
			fallback = w
		}
	}
	return fallback, fallback > 0
}

// isMarkdownRow reports whether line is a row of a Markdown pipe table.
func isMarkdownRow(line string) bool {
	s := strings.TrimSpace(line)
	return len(s) > 2 && strings.HasPrefix(s, "|") && strings.HasSuffix(s, "|") && strings.Count(s, "|") >= 3
}

// markdownRule matches a Markdown table's alignment row: |---|:--:|
var markdownRule = regexp.MustCompile(`^\|(\s*:?-+:?\s*\|)+$`)

// markdown reads a run of Markdown table rows.
func (t *textReader) markdown(run []string) {
	var rows [][]string
	for _, line := range run {
		s := strings.TrimSpace(line)
		if markdownRule.MatchString(s) {
			continue
		}
		s = strings.ReplaceAll(s[1:len(s)-1], `\|`, "\x00")
		var row []string
		for _, f := range strings.Split(s, "|") {
			row = append(row, cleanCell(strings.ReplaceAll(f, "\x00", "|")))
		}
		rows = append(rows, row)
	}
	if len(rows) < 2 {
		t.prose(run)
		return
	}
	t.rd.addTable(newTable(rows, t.last, t.part, false))
}

// periodHeader reads line as the header of a table width columns wide
// when it names periods: pieces split by runs of spaces, a piece made of
// years split at each space, and as many pieces as columns, two or more
// of them periods. It returns nil when line is not such a header.
func periodHeader(line string, width int) []string {
	var cells []string
	periods := 0
	for _, seg := range spaceSegments(line) {
		toks := strings.Fields(seg.text)
		allYears := len(toks) > 1
		for _, tok := range toks {
			allYears = allYears && isYearToken(tok)
		}
		if allYears {
			cells = append(cells, toks...)
			periods += len(toks)
			continue
		}
		if isYearToken(seg.text) {
			periods++
		}
		cells = append(cells, seg.text)
	}
	// "Offence / Year 2019/20 2020/21": the label and the periods in one piece.
	if len(cells) != width {
		l := parseLoose(line)
		if l.years && len(l.values) == width-1 {
			return append([]string{l.label}, l.values...)
		}
		return nil
	}
	if periods < 2 {
		return nil
	}
	return cells
}
