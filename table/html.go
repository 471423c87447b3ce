package table

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Limits that keep hostile markup from costing more than a real page.
const (
	maxSpan       = 1000    // the HTML standard's own limit on colspan
	maxTableCells = 1 << 20 // cells in one table once spans are expanded
)

// html reads a web page or an HTML email body. contentType, when known
// (from an email part), settles the character set; otherwise a byte-order
// mark or <meta charset> does, falling back to UTF-8 or Windows-1252.
func (rd *reader) html(data []byte, contentType, part string) error {
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	src, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		src = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		// x/net/html refuses elements nested over 512 deep, which no real
		// page needs.
		return rd.fail(ErrCorrupt, err, "cannot read the HTML: %v", err)
	}
	w := &htmlWalker{rd: rd, part: part, order: map[*html.Node]int{}}
	count := 0
	numberTables(doc, w.order, &count)
	if starts, open := openTables(src); starts == count {
		w.open = open
	}
	w.walk(doc)
	w.flush()
	w.endProse()
	return nil
}

// numberTables gives each table element its place in document order.
func numberTables(n *html.Node, order map[*html.Node]int, count *int) {
	if n.Type == html.ElementNode && n.DataAtom == atom.Table {
		order[n] = *count
		*count++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		numberTables(c, order, count)
	}
}

// openTables tokenizes the source to find which tables it leaves open: the
// parse tree closes every element, so only the tokens show a page cut off
// mid-table. A table left open by a page that still ends properly (with
// </body> or </html>) is carelessness, not a cut. It returns how many
// <table> tags there are and which, by order, are left open.
func openTables(src []byte) (starts int, open map[int]bool) {
	z := html.NewTokenizer(bytes.NewReader(src))
	var stack []int
	ended := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		if string(name) != "table" {
			if tt == html.EndTagToken && (string(name) == "body" || string(name) == "html") {
				ended = true
			}
			continue
		}
		switch tt {
		case html.StartTagToken:
			stack = append(stack, starts)
			starts++
			ended = false
		case html.EndTagToken:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if ended || !errors.Is(z.Err(), io.EOF) {
		return starts, nil
	}
	open = map[int]bool{}
	for _, i := range stack {
		open[i] = true
	}
	return starts, open
}

// htmlWalker goes through a parsed page in reading order, gathering text
// into blocks (paragraphs, headings, list items) and tables.
type htmlWalker struct {
	rd    *reader
	part  string
	order map[*html.Node]int // table element → its place among <table> tags
	open  map[int]bool       // tables the source leaves open at its end
	block strings.Builder    // the text of the block being read
	last  string             // the last block of text: context for a table
	// prose are the blocks of text since the last table, read for figures
	// in prose when the next table or the end is reached.
	prose   []string
	context string // the text before prose
}

// endProse reads the prose gathered since the last table for blocks.
func (w *htmlWalker) endProse() {
	w.rd.proseBlocks(w.prose, w.part, w.context)
	w.prose = nil
}

// skipped are the elements whose content is not readable text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Select: true, atom.Textarea: true,
	atom.Button: true, atom.Svg: true, atom.Math: true, atom.Head: true,
}

// blockLevel are the elements that start a new block of text.
var blockLevel = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Main: true,
	atom.Nav: true, atom.Aside: true, atom.Blockquote: true, atom.Pre: true,
	atom.Address: true, atom.Form: true, atom.Fieldset: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Caption: true, atom.Title: true,
	atom.Body: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Legend: true,
	atom.Details: true, atom.Summary: true,
}

// hidden reports whether an element is not shown to readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(strings.ToLower(a.Val), " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.block.WriteString(n.Data)
		return
	case html.ElementNode:
		if n.DataAtom == atom.Head {
			// The title is read; the rest of the head is not text.
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Title {
					w.walk(c)
				}
			}
			return
		}
		if skipped[n.DataAtom] || hidden(n) {
			return
		}
		switch {
		case n.DataAtom == atom.Br:
			w.flush()
			return
		case n.DataAtom == atom.Table:
			w.flush()
			w.table(n)
			return
		case blockLevel[n.DataAtom]:
			w.flush()
			defer w.flush()
		}
	case html.DocumentNode:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// flush ends the current block of text.
func (w *htmlWalker) flush() {
	s := cleanCell(w.block.String())
	w.block.Reset()
	if s == "" {
		return
	}
	w.rd.writeLine(s)
	if len(w.prose) == 0 {
		w.context = w.last
	}
	w.prose = append(w.prose, s)
	w.last = s
}

// table reads one table element and then the tables nested in its cells.
// A table with at most one filled cell is there for layout: its content is
// read as ordinary text instead.
func (w *htmlWalker) table(n *html.Node) {
	var caption string
	var rows []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || hidden(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Caption:
			caption = cleanCell(textOf(c, nil))
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr && !hidden(r) {
					rows = append(rows, r)
				}
			}
		}
	}
	var nested []*html.Node
	grid, clipped := expandSpans(rows, &nested)
	filled := 0
	for _, row := range grid {
		filled += nonEmpty(row)
	}
	if filled <= 1 {
		if caption != "" {
			w.rd.writeLine(caption)
			w.last = caption
		}
		for _, r := range rows {
			for c := r.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c)
			}
		}
		w.flush()
		return
	}
	w.endProse()
	context := w.last
	if caption != "" {
		context = caption
		w.rd.writeLine(caption)
	}
	w.context = context
	t := newTable(grid, context, w.part, w.open[w.order[n]])
	w.rd.addTable(t)
	if clipped {
		w.rd.warn(w.part, "table %d has more than %d cells once its spans are expanded; the rest is left out", t.Index+1, maxTableCells)
	}
	for _, inner := range nested {
		w.table(inner)
	}
}

// expandSpans lays a table's rows out on a grid, repeating a cell that
// spans rows or columns in every position it covers. A span reaching past
// the last column any cell starts in adds nothing but copies, so the grid
// ends at that column. Tables nested in cells are appended to nested, not
// read as the cell's text. clipped is set when the grid reached
// maxTableCells.
func expandSpans(rows []*html.Node, nested *[]*html.Node) (grid [][]string, clipped bool) {
	type slot struct {
		text string
		set  bool
	}
	var slots [][]slot
	total, width := 0, 0
	for r, tr := range rows {
		for len(slots) <= r {
			slots = append(slots, nil)
		}
		c := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) || hidden(td) {
				continue
			}
			for c < len(slots[r]) && slots[r][c].set {
				c++
			}
			text := cleanCell(textOf(td, nested))
			colspan := span(td, "colspan", maxSpan)
			rowspan := span(td, "rowspan", len(rows)-r)
			if total+colspan*rowspan > maxTableCells {
				clipped = true
				break
			}
			total += colspan * rowspan
			width = max(width, c+1)
			for dr := range rowspan {
				for len(slots) <= r+dr {
					slots = append(slots, nil)
				}
				row := slots[r+dr]
				for len(row) < c+colspan {
					row = append(row, slot{})
				}
				for dc := range colspan {
					row[c+dc] = slot{text, true}
				}
				slots[r+dr] = row
			}
			c += colspan
		}
		if clipped {
			break
		}
	}
	grid = make([][]string, len(slots))
	for r, row := range slots {
		row = row[:min(len(row), width)]
		grid[r] = make([]string, len(row))
		for c, s := range row {
			grid[r][c] = s.text
		}
	}
	return grid, clipped
}

// span reads a colspan or rowspan attribute, between 1 and limit.
func span(n *html.Node, key string, limit int) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v < 1 {
				return 1
			}
			return max(1, min(v, limit))
		}
	}
	return 1
}

// textOf returns the readable text under n, with line breaks and block
// boundaries as spaces. Nested tables are appended to nested (when it is
// not nil) instead of being read.
func textOf(n *html.Node, nested *[]*html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				switch {
				case skipped[c.DataAtom] || hidden(c):
				case c.DataAtom == atom.Table && nested != nil:
					*nested = append(*nested, c)
				case c.DataAtom == atom.Br || c.DataAtom == atom.Img:
					b.WriteByte(' ')
				case blockLevel[c.DataAtom]:
					b.WriteByte(' ')
					visit(c)
					b.WriteByte(' ')
				default:
					visit(c)
				}
			}
		}
	}
	visit(n)
	return b.String()
}
