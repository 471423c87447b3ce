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
}

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
