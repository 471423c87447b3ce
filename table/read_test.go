package table

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/foiwire/foiwire/internal/testenv"
)

// TestFixtures reads each fixture and compares what it finds with its
// golden file, then checks what each fixture is there to show.
func TestFixtures(t *testing.T) {
	if *update {
		writeGenerated(t)
	}
	tests := []struct {
		file  string
		media string
		check func(t *testing.T, res *Result)
	}{
		{"disclosure.html", MediaHTML, func(t *testing.T, res *Result) {
			if len(res.Tables) != 2 {
				t.Fatalf("want 2 tables (the layout table is not one), got %d", len(res.Tables))
			}
			q2 := rowsOf(t, res.Tables[1])
			// rowspan and colspan expanded: every row is three cells wide
			// with the spanning text repeated where it covers.
			want := [][]string{
				{"Offence", "2023/24", "2023/24"},
				{"Offence", "Recorded", "Charged or summonsed"},
				{"Harassment (including stalking)", "640", "12"},
				{"Sending malicious messages", "390", "*"},
				{"Threats to kill", "Not held", "Not held"},
				{"Total", "1,042", ""},
			}
			assertRows(t, q2, want)
			if !strings.HasPrefix(res.Tables[1].Context, "For 2023/24, please break") {
				t.Errorf("context of table 2 = %q", res.Tables[1].Context)
			}
			for _, bad := range []string{"decoy", "Analytics", "cookies", "border"} {
				if strings.Contains(res.Text, bad) {
					t.Errorf("text holds %q from a script, style or hidden element", bad)
				}
			}
		}},
		{"offences.csv", MediaCSV, func(t *testing.T, res *Result) {
			if len(res.Tables) != 2 {
				t.Fatalf("want 2 tables, got %d", len(res.Tables))
			}
			if got := res.Tables[0].Context; got != "Question 1: offences recorded by financial year" {
				t.Errorf("context of table 1 = %q", got)
			}
			if w := res.Tables[0].Width(); w != 2 {
				t.Errorf("table 1 is %d wide; its empty columns should be dropped", w)
			}
			if got := res.Tables[1].At(1, 0); got != "Harassment, including stalking" {
				t.Errorf("quoted field with a comma = %q", got)
			}
		}},
		{"reply.xlsx", MediaXLSX, func(t *testing.T, res *Result) {
			if len(res.Tables) != 2 {
				t.Fatalf("want 2 tables, got %d", len(res.Tables))
			}
			t1 := res.Tables[0]
			if t1.Part != "Summary" || t1.At(2, 1) != "31" || t1.At(3, 1) != "1,042" || t1.At(1, 2) != "2.45%" {
				t.Errorf("numbers not as Excel shows them: %q", rowsOf(t, t1))
			}
			if t1.Context != "Offences recorded by financial year" {
				t.Errorf("context = %q", t1.Context)
			}
			if got := res.Tables[1].At(0, 2); got != "2023/24" {
				t.Errorf("merged header not repeated across its cells: %q", got)
			}
			if !strings.Contains(res.Text, "03/05/2024") {
				t.Errorf("date not shown the British way in %q", res.Text)
			}
			if !hasWarning(res, `sheet "Notes" has no table`) {
				t.Errorf("warnings = %q", res.Warnings)
			}
		}},
		{"reply.pdf", MediaPDF, func(t *testing.T, res *Result) {
			if len(res.Tables) != 1 {
				t.Fatalf("want 1 table, got %d", len(res.Tables))
			}
			assertRows(t, rowsOf(t, res.Tables[0]), [][]string{
				{"Financial year", "Offences recorded", "Charged"},
				{"2021/22", "27", "3"},
				{"2022/23", "31", "4"},
				{"2023/24", "1,042", "12"},
				{"Total", "1,100", "19"},
			})
		}},
		{"flattened.txt", MediaText, func(t *testing.T, res *Result) {
			if res.Header["force"] != "Kennet Vale Police" || res.Header["date"] != "2024-05-03" {
				t.Errorf("header = %q", res.Header)
			}
			if strings.Contains(res.Text, "requester:") {
				t.Error("header block left in the text")
			}
			if len(res.Tables) != 2 {
				t.Fatalf("want 2 tables, got %d", len(res.Tables))
			}
			if w, n := res.Tables[0].Width(), len(res.Tables[0].Rows); w != 2 || n != 5 || res.Tables[0].Truncated {
				t.Errorf("table 1 is %d×%d (truncated %v); want 5 rows of 2, whole", n, w, res.Tables[0].Truncated)
			}
			t2 := res.Tables[1]
			if !t2.Truncated || t2.Width() != 3 || len(t2.Rows) != 4 || t2.At(3, 0) != "Threats to kill" {
				t.Errorf("table 2 should be 3 wide and cut off in its fourth row: %q", rowsOf(t, t2))
			}
		}},
		{"aligned.txt", MediaText, func(t *testing.T, res *Result) {
			if len(res.Tables) != 2 {
				t.Fatalf("want 2 tables, got %d: %q", len(res.Tables), res.Text)
			}
			assertRows(t, rowsOf(t, res.Tables[0]), [][]string{
				{"Financial year", "Offences recorded", "Charged or summonsed"},
				{"2021/22", "27", "3"},
				{"2022/23", "31", "4"},
				{"2023/24", "1,042", "12"},
			})
			if res.Tables[1].Context != "Table 2: the same offences by type, 2023/24" || res.Tables[1].At(2, 2) != "*" {
				t.Errorf("tab table: context %q, rows %q", res.Tables[1].Context, rowsOf(t, res.Tables[1]))
			}
		}},
		{"reply.eml", MediaEmail, func(t *testing.T, res *Result) {
			if res.Header["Subject"] != "Ymateb i’ch cais – FOI 2024/0457" || res.Header["Message-Id"] == "" {
				t.Errorf("header = %q", res.Header)
			}
			if len(res.Parts) != 1 || res.Parts[0].Name != attachmentName || res.Parts[0].MediaType != MediaXLSX {
				t.Fatalf("parts = %+v", res.Parts)
			}
			if len(res.Tables) != 3 {
				t.Fatalf("want the body's table and the workbook's two, got %d", len(res.Tables))
			}
			if res.Tables[0].Part != "" || res.Tables[1].Part != attachmentName+" / Summary" {
				t.Errorf("parts of tables: %q, %q", res.Tables[0].Part, res.Tables[1].Part)
			}
			if !strings.Contains(res.Text, "FOI 2024/0457 – the figures") {
				t.Error("quoted-printable body not decoded into the text")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := Read(context.Background(), tt.file, readFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if res.MediaType != tt.media {
				t.Errorf("media type %q, want %q", res.MediaType, tt.media)
			}
			tt.check(t, res)
			checkGolden(t, strings.ReplaceAll(tt.file, ".", "_"), res)
		})
	}
}

func assertRows(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d:\n got %q", len(got), len(want), got)
	}
	for r := range want {
		if strings.Join(got[r], "|") != strings.Join(want[r], "|") {
			t.Errorf("row %d = %q, want %q", r+1, got[r], want[r])
		}
	}
}

func hasWarning(res *Result, part string) bool {
	for _, w := range res.Warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// TestCorpus reads every real reply in the shared corpus and checks the
// two that hold tables.
func TestCorpus(t *testing.T) {
	shared := testenv.Shared(t)
	files, err := filepath.Glob(filepath.Join(shared, "corpus", "foi", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skip("corpus has no replies")
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			res, err := ReadFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if res.Header["force"] == "" || res.Header["url"] == "" {
				t.Errorf("header not read: %q", res.Header)
			}
			for _, tb := range res.Tables {
				rowsOf(t, tb)
			}
			switch {
			case strings.HasPrefix(name, "dorset__"):
				if len(res.Tables) != 2 {
					t.Fatalf("want 2 tables, got %d", len(res.Tables))
				}
				periods := res.Tables[0]
				if periods.Width() != 2 || len(periods.Rows) != 5 || periods.At(0, 0) != "Time period" ||
					periods.At(1, 1) != "14" || periods.At(4, 0) != "Total" || periods.At(4, 1) != "46" || periods.Truncated {
					t.Errorf("periods table: %q", rowsOf(t, periods))
				}
				offences := res.Tables[1]
				if offences.Width() != 2 || len(offences.Rows) != 7 || offences.At(1, 0) != "Blackmail" ||
					offences.At(5, 0) != "Stalking" || offences.At(6, 1) != "16" || offences.Truncated {
					t.Errorf("offences table: %q", rowsOf(t, offences))
				}
				if !strings.HasPrefix(offences.Context, "1a)") {
					t.Errorf("offences context = %q", offences.Context)
				}
			case strings.HasPrefix(name, "dyfed-powys__"):
				if len(res.Tables) != 1 {
					t.Fatalf("want 1 table, got %d", len(res.Tables))
				}
				tb := res.Tables[0]
				assertRows(t, rowsOf(t, tb), [][]string{
					{"Year", "Malicious communications", "Online Harassment"},
					{"2023*", "904"},
				})
				if !tb.Truncated || !hasWarning(res, "cut off") {
					t.Errorf("table not marked cut off: truncated %v, warnings %q", tb.Truncated, res.Warnings)
				}
			default:
				if len(res.Tables) != 0 {
					t.Errorf("a reply with no table gave %d", len(res.Tables))
				}
			}
		})
	}
}

// TestReadErrors feeds Read what it must refuse, and checks the kind of
// error and that its message says what is wrong.
func TestReadErrors(t *testing.T) {
	xlsx := readFixture(t, "reply.xlsx")
	// A damaged PDF is reported by whichever reader read it: poppler's
	// pdftotext when it is installed, the pure-Go one otherwise.
	damagedPDF := "cannot read the PDF: damaged PDF"
	if _, err := exec.LookPath("pdftotext"); err == nil {
		damagedPDF = "pdftotext cannot read it"
	}
	tests := []struct {
		name string
		file string
		data []byte
		kind error
		msg  string
	}{
		{"empty", "reply.csv", nil, ErrEmpty, "reply reply.csv: file is empty"},
		{"blank", "reply.txt", []byte(" \n\t\n"), ErrEmpty, "blank space"},
		{"too large", "huge.csv", make([]byte, 200<<20), ErrTooLarge, "reply huge.csv: file is 200 MB; the limit is 64 MB"},
		{"binary junk", "reply.dat", []byte("\x00\x01\x02\x03\xfe\xfd binary \x00\x00\x07"), ErrUnsupported, "binary data"},
		{"image", "scan.pdf", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...), ErrUnsupported, "needs OCR"},
		{"truncated zip", "reply.xlsx", xlsx[:len(xlsx)/2], ErrCorrupt, "zip archive is damaged or cut short"},
		{"zip bomb", "reply.xlsx", zipBomb(t), ErrTooLarge, "zip bomb"},
		{"word document", "reply.docx", zipWith(t, "word/document.xml", "<w:document/>"), ErrUnsupported, "Word document"},
		{"old excel", "reply.xls", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), ErrUnsupported, "old Office file"},
		{"damaged pdf", "reply.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage"), ErrCorrupt, damagedPDF},
		{"deep html", "deep.html", []byte("<html><body>" + strings.Repeat("<div>", 5000)), ErrCorrupt, "cannot read the HTML"},
		{"bad email", "reply.eml", []byte("From: a@example.org\nTo: b@example.org\nSubject: x\n\xff\xfe not a header line\n"), ErrCorrupt, "email's headers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(context.Background(), tt.file, tt.data)
			if err == nil {
				t.Fatalf("no error; read %d tables", len(res.Tables))
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q should name %s and say %q", err, tt.file, tt.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// zipBomb makes a .xlsx-shaped zip whose one sheet unpacks 200 MB of
// zeros from about 200 KB.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 200 {
		w.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipWith(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(content))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEncodings checks that text in the encodings Windows tools write is
// decoded before it is read.
func TestEncodings(t *testing.T) {
	const csv = "Offence,Recorded\nHarassment – online,640\nPublic order (£ damage),12\n"
	win1252, err := charmap.Windows1252.NewEncoder().String(csv)
	if err != nil {
		t.Fatal(err)
	}
	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(csv)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	utf16be := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(csv)) {
		utf16be = append(utf16be, byte(u>>8), byte(u))
	}
	tests := []struct {
		name    string
		data    []byte
		warning string
	}{
		{"utf-8", []byte(csv), ""},
		{"utf-8 with bom", append([]byte("\xEF\xBB\xBF"), csv...), ""},
		{"windows-1252", []byte(win1252), "Windows-1252"},
		{"utf-16le with bom", utf16le, ""},
		{"utf-16be with bom", utf16be, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(context.Background(), "offences.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tables) != 1 {
				t.Fatalf("want 1 table, got %d", len(res.Tables))
			}
			tb := res.Tables[0]
			if tb.At(0, 0) != "Offence" || tb.At(1, 0) != "Harassment – online" || tb.At(2, 0) != "Public order (£ damage)" {
				t.Errorf("rows = %q", rowsOf(t, tb))
			}
			if tt.warning != "" && !hasWarning(res, tt.warning) {
				t.Errorf("warnings %q should mention %s", res.Warnings, tt.warning)
			}
		})
	}
}

// TestSniff checks that content decides the type before the name does.
func TestSniff(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"html named xls", "export.xls", "<html><body><table><tr><td>a</td><td>1</td></tr></table></body></html>", MediaHTML},
		{"html fragment", "reply", "\n  <table><tr><td>a</td></tr></table>", MediaHTML},
		{"email without extension", "message", "Received: from x\nFrom: a@example.org\nTo: b@example.org\nSubject: FOI\n\nbody\n", MediaEmail},
		{"csv by extension", "reply.csv", "just one line", MediaCSV},
		{"csv by content", "reply", "a;b;c\n1;2;3\n4;5;6\n", MediaCSV},
		{"prose", "reply", "Dear requester, thank you.\nWe hold no information, sadly.\n", MediaText},
		{"corpus header is not mail", "reply", "url: https://example.org\nforce: Kennet Vale Police\ndate: 2024-05-03\n\nText.\n", MediaText},
		{"flattened is text", "reply", "Year |\nCount |\n2021 |\n4 |\n", MediaText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(context.Background(), tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if res.MediaType != tt.want {
				t.Errorf("read as %s, want %s", res.MediaType, tt.want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	ctx := context.Background()
	res, err := ReadFile(ctx, filepath.Join("testdata", "offences.csv"))
	if err != nil || len(res.Tables) != 2 {
		t.Fatalf("ReadFile: %v, %+v", err, res)
	}
	if _, err := ReadFile(ctx, filepath.Join("testdata", "no-such-file.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxSize + 1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadFile(ctx, big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("file over the limit: %v", err)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, "offences.csv", readFixture(t, "offences.csv")); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
