package layouts

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"html"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The layouts a dataset is rendered in.
const (
	YearsDown      = "years-down"      // periods as rows, series as columns, one header row
	YearsAcross    = "years-across"    // periods as columns, series as rows
	NoHeader       = "no-header"       // periods as rows, no header row
	TwoHeaderRows  = "two-header-rows" // a heading row above the column names
	LabelRight     = "label-right"     // the period label right of its values
	GroupedSeries  = "grouped-series"  // series as a grouped header over periods, one row of values
	CrossTabYears  = "cross-tab-years" // categories by whole calendar years as column headers
	FlatRows       = "flat-rows"       // a table flattened to one cell a line, row by row
	FlatColumns    = "flat-columns"    // a table flattened to one cell a line, column by column
	ProseRuns      = "prose-runs"      // "2021/22 – 14 incidents" lines
	Sentences      = "sentences"       // "In 2021/22 there were 14 incidents."
	NumberedSeries = "numbered-series" // "1. 2021/22 : 14" lists, one per series
)

// Layouts lists every layout, in the order reports print them.
var Layouts = []string{YearsDown, YearsAcross, NoHeader, TwoHeaderRows, LabelRight, GroupedSeries, CrossTabYears, FlatRows, FlatColumns, ProseRuns, Sentences, NumberedSeries}

// The formats a layout is rendered in.
const (
	HTML  = "html"
	CSV   = "csv"
	XLSX  = "xlsx"
	PDF   = "pdf"
	Text  = "txt"
	Email = "eml"
)

// Formats lists every format.
var Formats = []string{HTML, CSV, XLSX, PDF, Text, Email}

// Reply is one rendered reply and the figures it holds.
type Reply struct {
	Name     string // a file name with the format's extension
	Layout   string
	Format   string
	Data     []byte
	Dataset  Dataset
	Expected []Expected
}

// A rendering is a layout before it is put in a format: a grid (with its
// header rows) or lines of prose.
type rendering struct {
	intro []string   // sentences before the figures
	grid  [][]string // nil for prose
	lines []string   // prose lines, for prose layouts
}

// Render renders d in layout and format. ok is false when the layout does
// not fit the dataset (whole-year cross-tabs of financial years).
func Render(d Dataset, layout, format string) (Reply, bool, error) {
	r, ok := lay(d, layout)
	if !ok {
		return Reply{}, false, nil
	}
	name := fmt.Sprintf("%s-%s-%s.%s", slug(d.Name), layout, format, format)
	var data []byte
	var err error
	switch format {
	case HTML:
		data = r.html()
	case CSV:
		data, err = r.csv()
	case XLSX:
		data, err = r.xlsx()
	case PDF:
		data, err = pdfOf(r.textLines(true))
	case Text:
		data = []byte(strings.Join(r.textLines(false), "\n") + "\n")
	case Email:
		data, err = r.email(d)
	default:
		return Reply{}, false, fmt.Errorf("layouts: no format %q", format)
	}
	if err != nil {
		return Reply{}, false, fmt.Errorf("layouts: rendering %s: %w", name, err)
	}
	return Reply{Name: name, Layout: layout, Format: format, Data: data, Dataset: d, Expected: d.Expected()}, true, nil
}

// All renders every dataset in every layout and format that fits it.
func All(ds []Dataset) ([]Reply, error) {
	var out []Reply
	for _, d := range ds {
		for _, l := range Layouts {
			for _, f := range Formats {
				r, ok, err := Render(d, l, f)
				if err != nil {
					return nil, err
				}
				if ok {
					out = append(out, r)
				}
			}
		}
	}
	return out, nil
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
		if b.Len() > 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// countHeading names the value column of a one-series table.
func (d Dataset) countHeading() string { return "Number of " + d.Subject }

// seriesNames returns the series' column names.
func (d Dataset) seriesNames() []string {
	if len(d.Series) == 1 && d.Series[0] == "" {
		return []string{d.countHeading()}
	}
	return d.Series
}

func lay(d Dataset, layout string) (rendering, bool) {
	r := rendering{intro: []string{
		"Thank you for your request for information, which we have now considered.",
		fmt.Sprintf("The number of %s recorded in each period you asked about is given below.", d.Subject),
	}}
	v := func(s, p int) string { return fmt.Sprint(d.Values[s][p]) }
	names := d.seriesNames()
	switch layout {
	case YearsDown, NoHeader, TwoHeaderRows, FlatRows, FlatColumns:
		var grid [][]string
		if layout == TwoHeaderRows {
			top := []string{""}
			for range names {
				top = append(top, "Recorded "+d.Subject)
			}
			grid = append(grid, top)
		}
		if layout != NoHeader {
			grid = append(grid, append([]string{"Period"}, names...))
		}
		for p, per := range d.Periods {
			row := []string{per.Label}
			for s := range names {
				row = append(row, v(s, p))
			}
			grid = append(grid, row)
		}
		switch layout {
		case FlatRows:
			for _, row := range grid {
				for _, c := range row {
					r.lines = append(r.lines, c+" |")
				}
			}
			return r, true
		case FlatColumns:
			for c := range grid[0] {
				for _, row := range grid {
					r.lines = append(r.lines, row[c]+" |")
				}
			}
			return r, true
		}
		r.grid = grid
	case YearsAcross, CrossTabYears:
		if layout == CrossTabYears {
			for _, p := range d.Periods {
				if !p.Year {
					return r, false
				}
			}
		}
		head := []string{"Category"}
		if layout == YearsAcross {
			head[0] = ""
		}
		for _, p := range d.Periods {
			head = append(head, p.Label)
		}
		r.grid = append(r.grid, head)
		for s, name := range names {
			row := []string{name}
			for p := range d.Periods {
				row = append(row, v(s, p))
			}
			r.grid = append(r.grid, row)
		}
	case LabelRight:
		r.grid = append(r.grid, append(append([]string{}, names...), "Period"))
		for p, per := range d.Periods {
			var row []string
			for s := range names {
				row = append(row, v(s, p))
			}
			r.grid = append(r.grid, append(row, per.Label))
		}
	case GroupedSeries:
		top, second, vals := []string{""}, []string{""}, []string{d.countHeading()}
		for s, name := range names {
			for p, per := range d.Periods {
				top = append(top, name)
				second = append(second, per.Label)
				vals = append(vals, v(s, p))
			}
		}
		r.grid = [][]string{top, second, vals}
	case ProseRuns, NumberedSeries:
		for s, name := range names {
			if len(names) > 1 {
				r.lines = append(r.lines, name+":")
			}
			for p, per := range d.Periods {
				if layout == NumberedSeries {
					r.lines = append(r.lines, fmt.Sprintf("%d. %s : %s", s+1, per.Label, v(s, p)))
					continue
				}
				r.lines = append(r.lines, fmt.Sprintf("%s – %s %s", per.Label, v(s, p), d.Subject))
			}
		}
	case Sentences:
		for s, name := range names {
			var parts []string
			for p, per := range d.Periods {
				what := d.Subject
				if len(names) > 1 {
					what += " of " + name
				}
				parts = append(parts, fmt.Sprintf("In %s there were %s %s.", per.Label, v(s, p), what))
			}
			r.lines = append(r.lines, strings.Join(parts, " "))
		}
	default:
		return r, false
	}
	return r, true
}

func (r rendering) html() []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Freedom of Information response</title></head><body>\n<h1>Freedom of Information response</h1>\n")
	for _, s := range r.intro {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(s))
	}
	if r.grid != nil {
		b.WriteString("<table>\n")
		for _, row := range r.grid {
			b.WriteString("<tr>")
			for _, c := range row {
				fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(c))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	for _, l := range r.lines {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
	}
	b.WriteString("<p>Yours sincerely,</p><p>Information Rights Team</p>\n</body></html>\n")
	return []byte(b.String())
}

func (r rendering) csv() ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, s := range r.intro {
		if err := w.Write([]string{s}); err != nil {
			return nil, err
		}
	}
	if err := w.Write(nil); err != nil {
		return nil, err
	}
	for _, row := range r.grid {
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	for _, l := range r.lines {
		if err := w.Write([]string{l}); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func (r rendering) xlsx() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Response"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	row := 1
	set := func(cells []string) error {
		for c, s := range cells {
			name, err := excelize.CoordinatesToCellName(c+1, row)
			if err != nil {
				return err
			}
			var v any = s
			if n, ok := wholeNumber(s); ok {
				v = n
			}
			if s == "" {
				continue
			}
			if err := f.SetCellValue(sheet, name, v); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	for _, s := range r.intro {
		if err := set([]string{s}); err != nil {
			return nil, err
		}
	}
	row++
	for _, g := range r.grid {
		if err := set(g); err != nil {
			return nil, err
		}
	}
	for _, l := range r.lines {
		if err := set([]string{l}); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Workbook returns an .xlsx file holding grid on one sheet, numbers
// stored as numbers: a reply's spreadsheet.
func Workbook(grid [][]string) ([]byte, error) { return rendering{grid: grid}.xlsx() }

// PDFFile returns a PDF setting lines in a fixed-width font, as many pages as
// they need, each with its page number at the foot.
func PDFFile(lines []string) ([]byte, error) { return pdfOf(lines) }

// Aligned lays grid out as text in columns, numbers right-aligned.
func Aligned(grid [][]string) []string { return aligned(grid) }

// wholeNumber reads a cell made of digits, as a spreadsheet would store it.
func wholeNumber(s string) (int64, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// textLines sets the rendering as plain text: the grid in columns padded
// with spaces (numbers right-aligned), prose as it stands. For a PDF the
// page is narrower, so the intro is wrapped.
func (r rendering) textLines(narrow bool) []string {
	out := []string{"Freedom of Information response", ""}
	for _, s := range r.intro {
		if narrow {
			out = append(out, wrap(s, 80)...)
		} else {
			out = append(out, s)
		}
	}
	out = append(out, "")
	if r.grid != nil {
		out = append(out, aligned(r.grid)...)
		out = append(out, "")
	}
	for _, l := range r.lines {
		if narrow {
			out = append(out, wrap(l, 80)...)
		} else {
			out = append(out, l)
		}
	}
	return append(out, "", "Yours sincerely,", "Information Rights Team")
}

func wrap(s string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
}

// aligned lays a grid out in columns three spaces apart, numbers
// right-aligned as printed tables set them.
func aligned(grid [][]string) []string {
	var widths []int
	for _, row := range grid {
		for c, s := range row {
			if c >= len(widths) {
				widths = append(widths, 0)
			}
			widths[c] = max(widths[c], len([]rune(s)))
		}
	}
	var out []string
	for _, row := range grid {
		var b strings.Builder
		for c, s := range row {
			pad := widths[c] - len([]rune(s))
			if c > 0 {
				b.WriteString("   ")
			}
			if _, num := wholeNumber(s); num {
				b.WriteString(strings.Repeat(" ", pad) + s)
			} else {
				b.WriteString(s + strings.Repeat(" ", pad))
			}
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

// email writes a message whose body carries the prose and, for a grid, an
// attached workbook holding the table.
func (r rendering) email(d Dataset) ([]byte, error) {
	var b strings.Builder
	boundary := "==layouts-boundary=="
	b.WriteString("From: Information Rights Team <foi@authority.example>\r\nTo: Requester <requester@example.org>\r\n")
	b.WriteString("Subject: Your request for information\r\nDate: Mon, 15 Jul 2024 10:00:00 +0100\r\nMIME-Version: 1.0\r\n")
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n", boundary)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n", boundary)
	for _, s := range r.intro {
		b.WriteString(s + "\r\n")
	}
	b.WriteString("\r\n")
	for _, l := range r.lines {
		b.WriteString(l + "\r\n")
	}
	if r.grid != nil {
		b.WriteString("Please find the figures in the attached spreadsheet.\r\n")
	}
	b.WriteString("\r\nYours sincerely,\r\nInformation Rights Team\r\n")
	if r.grid != nil {
		x, err := rendering{grid: r.grid}.xlsx()
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "--%s\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n", boundary)
		b.WriteString("Content-Disposition: attachment; filename=\"response.xlsx\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
		enc := base64.StdEncoding.EncodeToString(x)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return []byte(b.String()), nil
}
