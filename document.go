package foiwire

import "time"

// Document is a reply as it was received, addressed by the SHA-256 of its
// bytes. It is never edited: corrections are kept beside the figures read
// from it.
type Document struct {
	SHA256     string
	Authority  string // who sent it, "" while unknown
	Name       string // the file name it arrived under
	MediaType  string // "text/html", "application/pdf", ...
	Size       int64
	ReceivedAt time.Time
}

// Cell is one cell of a table, at its 0-based row and column.
type Cell struct {
	Row, Col int
	Text     string
}

// Table is a grid of cells found in a document.
type Table struct {
	Index int // position among the document's tables, from 0
	// Context is the text just before the table (a question, a heading), which
	// is how a table is matched to the question it answers.
	Context string
	Rows    [][]Cell
	// Truncated is set when the table visibly stops mid-way (a cut-off page,
	// a row with fewer cells than the header).
	Truncated bool
	// Part names the part of a compound document the table came from, such
	// as an email attachment or a spreadsheet sheet; "" for the document itself.
	Part string
	// Kind says how the grid was found, and so how far its cell positions
	// can be trusted; "" is KindGrid.
	Kind TableKind
	// Lines are the source lines of a block found in text (all kinds but
	// KindGrid), as printed, so a reader can try another reading of them.
	Lines []string
	// Alternatives are the Index values of other tables read from the same
	// lines in another way (a flattened table read row-wise and
	// column-wise); nil when there is one reading.
	Alternatives []int
}

// TableKind says how a table's grid was found in its document.
type TableKind string

// The kinds of table. Only a KindGrid table has its cells where the
// document put them; the others are readings of text, each with its
// Lines.
const (
	// KindGrid is a table the document marks up as one: HTML, a CSV block,
	// a spreadsheet block, a Markdown or tab-separated table.
	KindGrid TableKind = ""
	// KindAligned is a table found from text set in columns (PDF layout
	// text, pasted text): cells by their positions on the line, a cell
	// wrapped over several lines joined into one.
	KindAligned TableKind = "aligned"
	// KindSpaced is rows of a label and numbers separated by single
	// spaces. A row with fewer numbers than the table has columns lost a
	// blank cell: when a stated total row makes one placement of its
	// numbers the only one that adds up, they are placed so, with empty
	// cells in the gaps; otherwise they stay left to right and may sit in
	// the wrong columns. The header row is split only when its words
	// match the columns' count.
	KindSpaced TableKind = "spaced"
	// KindFlatRows and KindFlatColumns are a table flattened to one cell a
	// line with nothing marking its rows, read row by row or column by
	// column; when both fit, both are offered, as Alternatives.
	KindFlatRows    TableKind = "flat-rows"
	KindFlatColumns TableKind = "flat-columns"
	// KindLines is a run of prose lines that each pair a label with a
	// figure ("2009 – 16 crimes", "- 2022 - 5", "1. 2008 : 0"): each row
	// is the label, the figure, and any words after it.
	KindLines TableKind = "lines"
	// KindSentences is the sentences of a passage that hold a count ("In
	// 2021/22 there were 45 offences."), one a row, in one cell.
	KindSentences TableKind = "sentences"
)

// Width returns the number of columns of the widest row.
func (t Table) Width() int {
	w := 0
	for _, r := range t.Rows {
		if len(r) > w {
			w = len(r)
		}
	}
	return w
}

// At returns the text at row r, column c, or "" if there is no such cell.
func (t Table) At(r, c int) string {
	if r < 0 || r >= len(t.Rows) || c < 0 || c >= len(t.Rows[r]) {
		return ""
	}
	return t.Rows[r][c].Text
}
