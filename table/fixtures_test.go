package table

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/xuri/excelize/v2"

	"github.com/foiwire/foiwire/internal/pdfgen"
)

var update = flag.Bool("update", false, "rewrite generated fixtures and golden files under testdata/")

// readFixture returns a file from testdata.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture %s: %v (run with -update to generate it)", name, err)
	}
	return b
}

// rowsOf returns a table's cell text, checking on the way that every
// cell's position is where it stands.
func rowsOf(t testing.TB, tb foiwire.Table) [][]string {
	t.Helper()
	out := make([][]string, len(tb.Rows))
	for r, row := range tb.Rows {
		out[r] = []string{}
		for c, cell := range row {
			if cell.Row != r || cell.Col != c {
				t.Errorf("table %d: cell %q at [%d][%d] says it is at [%d][%d]", tb.Index, cell.Text, r, c, cell.Row, cell.Col)
			}
			out[r] = append(out[r], cell.Text)
		}
	}
	return out
}

// golden is what a golden file records of a Result.
type golden struct {
	MediaType string            `json:"media_type"`
	Header    map[string]string `json:"header,omitempty"`
	Tables    []goldenTable     `json:"tables"`
	Parts     []goldenPart      `json:"parts,omitempty"`
	Warnings  []string          `json:"warnings,omitempty"`
	Text      string            `json:"text"`
}

type goldenTable struct {
	Index     int        `json:"index"`
	Part      string     `json:"part,omitempty"`
	Context   string     `json:"context"`
	Truncated bool       `json:"truncated,omitempty"`
	Rows      [][]string `json:"rows"`
}

type goldenPart struct {
	Name      string `json:"name"`
	MediaType string `json:"media_type"`
	Size      int    `json:"size"`
}

func toGolden(t testing.TB, res *Result) golden {
	g := golden{MediaType: res.MediaType, Header: res.Header, Warnings: res.Warnings, Text: res.Text, Tables: []goldenTable{}}
	for i, tb := range res.Tables {
		if tb.Index != i {
			t.Errorf("table %d has Index %d", i, tb.Index)
		}
		g.Tables = append(g.Tables, goldenTable{Index: tb.Index, Part: tb.Part, Context: tb.Context, Truncated: tb.Truncated, Rows: rowsOf(t, tb)})
	}
	for _, p := range res.Parts {
		g.Parts = append(g.Parts, goldenPart{Name: p.Name, MediaType: p.MediaType, Size: len(p.Data)})
	}
	return g
}

// checkGolden compares res with testdata/golden/name.json, rewriting the
// file instead under -update.
func checkGolden(t *testing.T, name string, res *Result) {
	t.Helper()
	got, err := json.MarshalIndent(toGolden(t, res), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run with -update)", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (run with -update if the change is right)\n--- got\n%s", path, got)
	}
}

// writeGenerated rewrites the binary fixtures (workbook, PDF, email) from
// the builders below. They are committed so that tests and fuzzing read
// the same bytes every time; -update regenerates them.
func writeGenerated(t *testing.T) {
	t.Helper()
	xlsx := buildWorkbook(t)
	files := map[string][]byte{
		"reply.xlsx": xlsx,
		"reply.pdf":  buildPDF(pdfLetter),
		"reply.eml":  buildEmail(t, xlsx),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildWorkbook makes a two-sheet reply: a summary sheet with a merged
// title and two tables, and a notes sheet with no table.
func buildWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	const s = "Summary"
	must(f.SetSheetName("Sheet1", s))
	set := func(sheet, cell string, v any) { must(f.SetCellValue(sheet, cell, v)) }
	set(s, "B1", "Kennet Vale Police – FOI 2024/0457")
	must(f.MergeCell(s, "B1", "D1"))
	set(s, "B3", "Offences recorded by financial year")
	for i, row := range [][]any{
		{"Financial year", "Offences recorded", "Share of total"},
		{"2021/22", 27, 27.0 / 1100},
		{"2022/23", 31.000000000000004, 31.0 / 1100}, // float noise a formula leaves behind
		{"2023/24", 1042, 1042.0 / 1100},
		{"Total", 1100, 1.0},
	} {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(2+j, 4+i)
			set(s, cell, v)
		}
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	must(err)
	must(f.SetCellStyle(s, "D5", "D8", pct))
	thousands, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	must(err)
	must(f.SetCellStyle(s, "C5", "C8", thousands))

	set(s, "B11", "Offences in 2023/24 by type")
	set(s, "B12", "Offence")
	set(s, "C12", "2023/24")
	must(f.MergeCell(s, "C12", "D12"))
	for i, row := range [][]any{
		{"", "Recorded", "Charged"},
		{"Harassment", 640, 12},
		{"Malicious messages", 390, "*"},
		{"Threats to kill", 12, 0},
	} {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(2+j, 13+i)
			set(s, cell, v)
		}
	}
	set(s, "B18", "Data extracted on")
	set(s, "C18", 45415) // 3 May 2024 as an Excel serial
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle(s, "C18", "C18", date))

	const notes = "Notes"
	_, err = f.NewSheet(notes)
	must(err)
	set(notes, "A1", "Figures are from the crime recording system and may change.")
	set(notes, "A2", "Numbers under five are shown as * to protect identities.")

	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

// pdfLetter is the text of the PDF fixture, set in Courier so that
// pdftotext -layout gives back its columns.
var pdfLetter = []string{
	"Kennet Vale Police - Information Rights Unit",
	"",
	"Reference: FOI 2024/0457",
	"",
	"Question 1: offences where a video-sharing app was noted.",
	"",
	"Financial year    Offences recorded    Charged",
	"2021/22                          27          3",
	"2022/23                          31          4",
	"2023/24                       1,042         12",
	"Total                         1,100         19",
	"",
	"Figures may change as investigations continue.",
}

// buildPDF writes a one-page PDF showing lines in 10-point Courier.
func buildPDF(lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 10 Tf 12 TL 56 780 Td\n")
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) Tj T*\n", esc.Replace(l))
	}
	content.WriteString("ET\n")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
	}
	return pdfgen.Assemble(objects, 0)
}

// attachmentName is the email fixture's attachment name: Welsh, with an
// en dash and a circumflexed w, so it must travel RFC 2047 encoded.
const attachmentName = "Atodiad – troseddau ŵyr 2023–24.xlsx"

// buildEmail writes a reply email: a quoted-printable body in plain text
// and HTML (with a table), and the workbook attached in base64 under a
// non-ASCII name.
func buildEmail(t testing.TB, xlsx []byte) []byte {
	t.Helper()
	qp := func(s string) string {
		var b bytes.Buffer
		w := quotedprintable.NewWriter(&b)
		if _, err := w.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain := "Dear Newsdesk,\n\nPlease find attached our reply to your request FOI 2024/0457 – the figures are in the spreadsheet.\n\nIn 2023/24 we recorded 1,042 offences; 12 were charged.\n\nInformation Rights Unit, Kennet Vale Police\n"
	html := `<html><body><p>Dear Newsdesk,</p>
<p>Please find attached our reply to your request FOI 2024/0457 – the figures are in the spreadsheet.</p>
<p>In brief:</p>
<table border="1"><tr><th>Financial year</th><th>Offences recorded</th></tr>
<tr><td>2022/23</td><td>31</td></tr><tr><td>2023/24</td><td>1,042</td></tr></table>
<p>Information Rights Unit, Kennet Vale Police</p></body></html>`
	var att strings.Builder
	enc := base64.StdEncoding.EncodeToString(xlsx)
	for len(enc) > 76 {
		att.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	att.WriteString(enc + "\r\n")
	name := mime.BEncoding.Encode("UTF-8", attachmentName)
	var b strings.Builder
	for _, line := range []string{
		`From: "Information Rights Unit" <foi@kennetvale.police.example>`,
		"To: newsdesk@example.org",
		"Subject: " + mime.QEncoding.Encode("UTF-8", "Ymateb i’ch cais – FOI 2024/0457"),
		"Date: Fri, 03 May 2024 10:15:00 +0100",
		"Message-ID: <20240503101500.4457@kennetvale.police.example>",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="outer-7f3a"`,
		"",
		"--outer-7f3a",
		`Content-Type: multipart/alternative; boundary="alt-19c2"`,
		"",
		"--alt-19c2",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		qp(plain),
		"--alt-19c2",
		"Content-Type: text/html; charset=utf-8",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		qp(html),
		"--alt-19c2--",
		"--outer-7f3a",
		`Content-Type: application/octet-stream; name="` + name + `"`,
		`Content-Disposition: attachment; filename="` + name + `"`,
		"Content-Transfer-Encoding: base64",
		"",
		att.String() + "--outer-7f3a--",
		"",
	} {
		b.WriteString(line + "\r\n")
	}
	return []byte(b.String())
}
