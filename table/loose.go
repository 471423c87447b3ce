package table

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/number"
)

// Replies written as email or letters often give their figures without a
// table: rows of a label and numbers separated by single spaces, lines
// pairing a label with a figure ("- 2022 - 5", "2009 – 16 crimes"), a
// question followed by its answer on a line of its own, or a sentence
// ("In 2021/22 there were 45 offences."). loose finds those among lines
// that hold no aligned table, offering each as a block of the matching
// kind, with its source lines; every line still goes to the text once.

// maxLooseLabelWords is the longest label, in words, of a row in a spaced
// table: longer is a sentence that ends in a number.
const maxLooseLabelWords = 12

// A looseLine is one line as loose sees it.
type looseLine struct {
	text   string   // trimmed
	label  string   // the words before the trailing values
	values []string // trailing cells that are numbers, money or marks
	years  bool     // every value is a year: a header row
	pair   *pair    // a label–figure pair
	lone   bool     // the line is a count on its own
}

// A pair is a line that pairs a label with one figure.
type pair struct{ label, value, rest string }

// bullet matches a list mark at the start of a line: "-", "•", "1.", "a)".
var bullet = regexp.MustCompile(`^\s*(?:[-–•*·▪]|\(?\d{1,2}[.)]|\(?[a-z][.)])(?:\s+|$)`)

// pairRe matches "label - 5", "label – 33, 000 +", "label: 574",
// "2009 – 16 crimes". The label is short, the separator a dash, colon or
// equals sign with space around a dash, and the figure may be followed by
// a few words.
var pairRe = regexp.MustCompile(`^(.{1,120}?)\s*(?:\s[-–—=]\s|:\s*)\s*(\d{1,3}(?:,\s?\d{3})+\s?\+?|\d+\s?\+?|<\s?\d{1,2}|[Nn]il|[Nn]one|[Zz]ero|[A-Za-z]+)(?:\s+([A-Za-z][A-Za-z' -]{0,40}))?\.?$`)

// cellLike reports whether a token is a value cell of a spaced row: a
// count, a mark, money, a percentage or a decimal.
func cellLike(tok string) bool {
	_, err := number.Parse(tok)
	return err == nil || errors.Is(err, number.ErrMoney) || errors.Is(err, number.ErrPercent) || errors.Is(err, number.ErrDecimal)
}

// isYearToken reports whether tok is a year or financial year: 2021, 2021/22.
func isYearToken(tok string) bool {
	y, _, _ := strings.Cut(tok, "/")
	return len(y) == 4 && isDigitsOnly(y) && y >= "1950" && y <= "2099"
}

func isDigitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// joinNumberTokens glues the tokens of a number that spaces split: "33,"
// "000" "+" is "33, 000 +"; "77," "686" is "77, 686".
func joinNumberTokens(toks []string) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		for i+1 < len(toks) && strings.HasSuffix(tok, ",") && len(toks[i+1]) == 3 && isDigitsOnly(toks[i+1]) && isDigitsOnly(strings.TrimSuffix(tok, ",")) {
			tok += " " + toks[i+1]
			i++
		}
		if i+1 < len(toks) && toks[i+1] == "+" && cellLike(tok) {
			tok += " +"
			i++
		}
		out = append(out, tok)
	}
	return out
}

// parseLoose reads one line's shape.
func parseLoose(s string) looseLine {
	l := looseLine{text: strings.TrimSpace(s)}
	if l.text == "" {
		return l
	}
	body := bullet.ReplaceAllString(l.text, "")
	if c, err := number.Parse(l.text); err == nil && !isYearToken(l.text) && c.Status != "" {
		l.lone = true
		l.values = []string{l.text}
		return l
	}
	if m := pairRe.FindStringSubmatch(body); m != nil {
		label := strings.TrimSpace(m[1])
		value := strings.TrimSpace(m[2])
		if _, err := number.Parse(value); err == nil && label != "" && len(strings.Fields(label)) <= 20 {
			l.pair = &pair{label: label, value: value, rest: strings.TrimSpace(m[3])}
		}
	}
	toks := joinNumberTokens(strings.Fields(body))
	n := 0
	for n < len(toks) && (cellLike(toks[len(toks)-1-n]) || isYearToken(toks[len(toks)-1-n])) {
		n++
	}
	if n == 0 {
		return l
	}
	labelToks := toks[:len(toks)-n]
	values := toks[len(toks)-n:]
	// "Telephone: 0330 123 1113": the groups of a phone number.
	if k := len(labelToks); k > 0 && len(labelToks[k-1]) > 1 && labelToks[k-1][0] == '0' && isDigitsOnly(labelToks[k-1]) {
		return l
	}
	// "label - £60": the dash separates, it is not a suppressed cell.
	if len(values) == 2 && len(labelToks) > 0 && (values[0] == "-" || values[0] == "–") {
		values = values[1:]
	}
	years := true
	for _, v := range values {
		years = years && isYearToken(v)
	}
	// A row whose label is a year: "2020 660 214 £20,630".
	if len(labelToks) == 0 && len(values) >= 2 && isYearToken(values[0]) && !years {
		labelToks, values = values[:1], values[1:]
	}
	if years && len(values) == 1 {
		return l // "September 2021": a period, not a row of figures
	}
	if len(labelToks) > maxLooseLabelWords || strings.HasSuffix(strings.Join(labelToks, " "), ".") {
		return l
	}
	l.label = strings.Join(labelToks, " ")
	l.values = values
	l.years = years && len(values) >= 2
	return l
}

// loose reads lines that hold no aligned table, writing each to the text
// and offering its blocks.
func (t *textReader) loose(lines []string) {
	parsed := make([]looseLine, len(lines))
	for i, s := range lines {
		parsed[i] = parseLoose(s)
	}
	covered := make([]bool, len(lines))
	var blocks []pendingBlock
	triedTo := 0 // spaced tables were looked for in a run of rows up to here
	for i := 0; i < len(lines); {
		if i >= triedTo {
			b, n, end := spacedBlock(parsed, i)
			if n > 0 {
				blocks = append(blocks, b)
				for k := i; k < i+n; k++ {
					covered[k] = true
				}
				i += n
				continue
			}
			// A later start in the same run of rows finds no more: looking
			// again from each would take time in the square of its length.
			triedTo = end
		}
		if b, n := lineBlock(parsed, i); n > 0 {
			blocks = append(blocks, b)
			for k := b.first; k < i+n; k++ {
				covered[k] = true
			}
			i += n
			continue
		}
		i++
	}
	// A block's context is the paragraph before it (a question asked over
	// several lines), back to a blank line or another block.
	for k := range blocks {
		var para []string
		for m := blocks[k].first - 1; m >= 0 && len(para) < 4 && parsed[m].text != "" && !covered[m]; m-- {
			para = append([]string{parsed[m].text}, para...)
		}
		if len(para) > 0 {
			blocks[k].context = strings.Join(para, " ")
		}
	}
	blocks = append(blocks, sentenceBlocks(parsed, covered)...)
	// Blocks go in order of their first line; every line is written once.
	next := 0
	sortBlocks(blocks)
	for i, s := range lines {
		for next < len(blocks) && blocks[next].first == i {
			t.emit(blocks[next], parsed)
			next++
		}
		line := strings.TrimRight(s, " \t")
		t.rd.writeLine(line)
		if v := strings.TrimSpace(line); v != "" {
			t.last = cleanCell(v)
		}
	}
	for ; next < len(blocks); next++ {
		t.emit(blocks[next], parsed)
	}
}

// A pendingBlock is a block found by loose, waiting to be numbered.
type pendingBlock struct {
	first, n int // its lines (context lines included)
	kind     foiwire.TableKind
	rows     [][]string
	context  string
}

func sortBlocks(b []pendingBlock) {
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && b[j].first < b[j-1].first; j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

// emit records a block as a table without writing its cells into the
// text: its lines are written there as they stand.
func (t *textReader) emit(b pendingBlock, parsed []looseLine) {
	ctx := b.context
	if ctx == "" {
		ctx = t.last
	}
	tb := newTable(b.rows, ctx, t.part, false)
	tb.Kind = b.kind
	for _, l := range parsed[b.first : b.first+b.n] {
		tb.Lines = append(tb.Lines, l.text)
	}
	if b.kind == foiwire.KindSpaced {
		tb.Index = len(t.rd.res.Tables)
		t.rd.res.Tables = append(t.rd.res.Tables, tb)
		return
	}
	t.rd.res.Blocks = append(t.rd.res.Blocks, tb)
}

// spacedBlock finds a spaced table starting at line i: a header (a row of
// years, or words above the first row), then two or more rows of a label
// and values, most with the same number of values, where a short line of
// words inside joins the label of the row below. It returns the block and
// the lines it takes, 0 when none starts at i, and where the run of rows
// it looked at ends.
func spacedBlock(p []looseLine, i int) (pendingBlock, int, int) {
	start := i
	var header []string
	headerText := ""
	if p[i].years {
		header = append([]string{p[i].label}, p[i].values...)
		i++
	}
	// Rows.
	type srow struct {
		label  string
		values []string
	}
	var rows []srow
	pending := ""
	j := i
	for j < len(p) {
		l := p[j]
		switch {
		case len(l.values) > 0 && !l.years && l.pair == nil || len(l.values) > 0 && len(rows) > 0 && len(l.values) >= 2:
			label := strings.TrimSpace(pending + " " + l.label)
			rows = append(rows, srow{label, l.values})
			pending = ""
			j++
			continue
		case l.text != "" && len(l.values) == 0 && len(rows) > 0 && pending == "" && len(strings.Fields(l.text)) <= 4 && j+1 < len(p) && len(p[j+1].values) > 0 && !p[j+1].lone:
			pending = l.text // a label wrapped onto two lines
			j++
			continue
		}
		break
	}
	if len(rows) < 2 {
		return pendingBlock{}, 0, j
	}
	// The usual width; a block of one-value rows needs three of them and
	// labels that are not sentences.
	counts := map[int]int{}
	width := 0
	for _, r := range rows {
		counts[len(r.values)]++
		if counts[len(r.values)] > counts[width] {
			width = len(r.values)
		}
	}
	if counts[width]*2 < len(rows) {
		return pendingBlock{}, 0, j
	}
	if width == 1 && (len(rows) < 3 || header != nil) {
		return pendingBlock{}, 0, j
	}
	labelled := 0
	for _, r := range rows {
		if r.label != "" {
			labelled++
		}
	}
	if labelled*2 < len(rows) {
		return pendingBlock{}, 0, j
	}
	// A header of words on the line above the first row.
	first := start
	if header == nil && start > 0 && p[start-1].text != "" && len(p[start-1].values) == 0 && p[start-1].pair == nil {
		h := p[start-1].text
		if !strings.HasSuffix(h, ".") && !strings.HasSuffix(h, ":") && len(strings.Fields(h)) <= 3*width+6 {
			headerText = h
			first = start - 1
			if toks := strings.Fields(h); len(toks) == width+1 {
				header = toks
			} else if len(toks) == width {
				header = append([]string{""}, toks...)
			} else {
				header = []string{h}
			}
		}
	}
	_ = headerText
	var out [][]string
	if header != nil {
		out = append(out, header)
	}
	body := make([][]string, len(rows))
	for i, r := range rows {
		body[i] = r.values
	}
	body = placeByTotals(body, rows[len(rows)-1].label, width)
	for i, r := range rows {
		out = append(out, append([]string{r.label}, body[i]...))
	}
	return pendingBlock{first: first, n: j - first, kind: foiwire.KindSpaced, rows: out}, j - start, j
}

// maxPlacements bounds the ways of placing short rows that are tried.
const maxPlacements = 4096

// placeByTotals places the values of short rows (rows with fewer values
// than the table has columns: a blank cell vanished when the table became
// text) where the stated totals say they go. The last row must be a total
// (its label starts "total" or "grand total") with a value in every
// column. When exactly one way of leaving gaps in the short rows makes
// every column add up to its total, the short rows are padded with empty
// cells that way; otherwise rows are returned as they are, values left to
// right.
func placeByTotals(rows [][]string, lastLabel string, width int) [][]string {
	low := strings.ToLower(lastLabel)
	if len(rows) < 3 || len(rows[len(rows)-1]) != width || !(strings.HasPrefix(low, "total") || strings.HasPrefix(low, "grand total")) {
		return rows
	}
	total := make([]int64, width)
	for c, v := range rows[len(rows)-1] {
		n, err := number.Parse(v)
		if err != nil || n.Status != foiwire.StatusOK {
			return rows
		}
		total[c] = n.Value
	}
	var short []int
	combos := 1
	for i, r := range rows[:len(rows)-1] {
		for _, v := range r {
			if n, err := number.Parse(v); err != nil || n.Status != foiwire.StatusOK {
				return rows // a mark or money: the sums cannot be checked
			}
		}
		if len(r) < width {
			short = append(short, i)
			combos *= binomial(width, width-len(r))
			if combos > maxPlacements {
				return rows
			}
		}
	}
	if len(short) == 0 {
		return rows
	}
	// The sums of the full rows; each short row's placement adds to them.
	base := make([]int64, width)
	for i, r := range rows[:len(rows)-1] {
		if len(r) == width {
			for c, v := range r {
				n, _ := number.Parse(v)
				base[c] += n.Value
			}
		}
		_ = i
	}
	placements := make([][][]int, len(short)) // for each short row, its possible column sets
	for k, i := range short {
		placements[k] = choose(width, len(rows[i]))
	}
	var found [][]int
	pick := make([][]int, len(short))
	var try func(k int, sums []int64)
	try = func(k int, sums []int64) {
		if len(found) > 1 {
			return
		}
		if k == len(short) {
			for c := range sums {
				if sums[c] != total[c] {
					return
				}
			}
			found = append(found, nil)
			if len(found) == 1 {
				found[0] = nil
				for _, p := range pick {
					found[0] = append(found[0], p...)
				}
			}
			return
		}
		r := rows[short[k]]
		for _, cols := range placements[k] {
			next := append([]int64(nil), sums...)
			for j, c := range cols {
				n, _ := number.Parse(r[j])
				next[c] += n.Value
			}
			pick[k] = cols
			try(k+1, next)
		}
	}
	try(0, base)
	if len(found) != 1 {
		return rows
	}
	out := make([][]string, len(rows))
	copy(out, rows)
	at := 0
	for _, i := range short {
		placed := make([]string, width)
		for j := range rows[i] {
			placed[found[0][at]] = rows[i][j]
			at++
		}
		out[i] = placed
	}
	return out
}

// choose lists the ways of picking k of n columns, in order.
func choose(n, k int) [][]int {
	var out [][]int
	var cur []int
	var rec func(start int)
	rec = func(start int) {
		if len(cur) == k {
			out = append(out, append([]int(nil), cur...))
			return
		}
		for c := start; c <= n-(k-len(cur)); c++ {
			cur = append(cur, c)
			rec(c + 1)
			cur = cur[:len(cur)-1]
		}
	}
	rec(0)
	return out
}

func binomial(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
	}
	return r
}

// lineBlock finds a run of label–figure lines, or of questions each
// answered by a count on a line of its own, starting at line i.
func lineBlock(p []looseLine, i int) (pendingBlock, int) {
	var rows [][]string
	j := i
	first := i
	for j < len(p) {
		if pr := p[j].pair; pr != nil {
			row := []string{pr.label, pr.value}
			if pr.rest != "" {
				row = append(row, pr.rest)
			}
			rows = append(rows, row)
			j++
			continue
		}
		// A question then its answer alone on the next line: the
		// question's lines (back to a blank line, at most four) are the
		// label.
		if p[j].text != "" && !p[j].lone && p[j].pair == nil {
			k := j
			for k < len(p) && k-j < 4 && p[k].text != "" && !p[k].lone && p[k].pair == nil {
				k++
			}
			if k < len(p) && p[k].lone && k > j {
				// The question starts after the last line that ends a
				// sentence or introduces the answers ("set out below:").
				from := j
				for m := j; m < k-1; m++ {
					if strings.HasSuffix(p[m].text, ":") || strings.HasSuffix(p[m].text, ".") {
						from = m + 1
					}
				}
				if len(rows) == 0 {
					first = from
				}
				var q []string
				for _, l := range p[from:k] {
					q = append(q, l.text)
				}
				rows = append(rows, []string{strings.Join(q, " "), p[k].text})
				j = k + 1
				continue
			}
		}
		break
	}
	if len(rows) == 0 {
		return pendingBlock{}, 0
	}
	return pendingBlock{first: first, n: j - first, kind: foiwire.KindLines, rows: rows}, j - i
}

// sentenceEnd matches the end of a sentence: a full stop, question or
// exclamation mark followed by space and a capital, or the end.
var sentenceEnd = regexp.MustCompile(`[.?!]["”’)]?\s+`)

// sentenceBlocks gathers the uncovered prose into paragraphs (runs of
// lines without a blank one) and offers, for each paragraph with a count
// in it, the sentences that hold counts.
func sentenceBlocks(p []looseLine, covered []bool) []pendingBlock {
	var out []pendingBlock
	for i := 0; i < len(p); {
		if covered[i] || p[i].text == "" {
			i++
			continue
		}
		j := i
		var para []string
		for j < len(p) && !covered[j] && p[j].text != "" {
			para = append(para, p[j].text)
			j++
		}
		// Lines join with newlines so that a list number still starts its
		// line; a line starting with a list mark starts a sentence.
		text := strings.Join(para, "\n")
		if len(number.Counts(text)) > 0 {
			var rows [][]string
			for _, item := range splitItems(para) {
				for _, s := range splitSentences(item) {
					if len(number.Counts(s)) > 0 {
						rows = append(rows, []string{cleanCell(s)})
					}
				}
			}
			if len(rows) > 0 {
				out = append(out, pendingBlock{first: i, n: j - i, kind: foiwire.KindSentences, rows: rows})
			}
		}
		i = j
	}
	return out
}

// splitItems cuts a paragraph's lines before each line that starts with
// a list mark, joining the lines of each piece with newlines.
func splitItems(lines []string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(lines); i++ {
		if i == len(lines) || bullet.MatchString(lines[i]) {
			out = append(out, strings.Join(lines[start:i], "\n"))
			start = i
		}
	}
	return out
}

// splitSentences cuts text after each full stop, question or exclamation
// mark that is followed by a space and a capital letter or digit.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for _, m := range sentenceEnd.FindAllStringIndex(text, -1) {
		if m[1] < len(text) {
			r, _ := utf8.DecodeRuneInString(text[m[1]:])
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				continue
			}
			// "No. 3244", "e.g. driving": an abbreviation, not an end.
			if w := lastWordOf(text[start:m[0]]); len(w) <= 2 && strings.IndexFunc(w, unicode.IsDigit) < 0 || w == "e.g" || w == "i.e" {
				continue
			}
		}
		if s := strings.TrimSpace(text[start:m[1]]); s != "" {
			out = append(out, s)
		}
		start = m[1]
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// lastWordOf returns the last word of s, lower-cased, looking back from
// its end only.
func lastWordOf(s string) string {
	s = strings.TrimRight(s, " \t\n")
	i := strings.LastIndexAny(s, " \t\n")
	return strings.ToLower(s[i+1:])
}
