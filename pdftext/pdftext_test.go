package pdftext

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire/internal/testenv"

	"github.com/foiwire/foiwire/internal/pdfgen"
)

// object is one indirect object of a test PDF, numbered from 1 in order.
func buildPDF(objects ...string) []byte {
	return pdfgen.Assemble(objects, 0)
}

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

// onePage is a one-page PDF with the given content, fonts F1 (Helvetica
// with widths) and F2 (Courier without), and form X1 drawing more text.
func onePage(content string, extra ...string) []byte {
	widths := strings.TrimSpace(strings.Repeat("556 ", 96))
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 7 0 R >> >> >>",
		stream(content),
		"<< /Type /Font /Subtype /TrueType /BaseFont /Helvetica /FirstChar 32 /LastChar 127 /Widths [" + widths + "] /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
		"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -100] /Resources << /Font << /F2 6 0 R >> >> /Length 42 >>\nstream\nBT /F2 10 Tf 72 600 Td (from a form) Tj ET\nendstream",
	}
	return buildPDF(append(objs, extra...)...)
}

func TestLayoutKeepsColumns(t *testing.T) {
	content := `BT /F2 10 Tf 72 700 Td (Year) Tj 200 0 Td (Offences) Tj ET
BT /F2 10 Tf 72 686 Td (2022/23) Tj ET BT /F2 10 Tf 290 686 Td (31) Tj ET
BT /F2 10 Tf 72 672 Td (2023/24) Tj ET BT /F2 10 Tf 272 672 Td [(1,0) 0 (42)] TJ ET
BT /F1 10 Tf 72 600 Td (Figures may change.) Tj ET
/X1 Do`
	doc, err := Read(context.Background(), onePage(content), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	lines := doc.Pages[0].Lines()
	want := []string{"Year Offences", "2022/23 31", "2023/24 1,042", "Figures may change.", "from a form"}
	if strings.Join(words(strings.Join(lines, "\n")), "|") != strings.Join(want, "|") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Right-aligned figures end in the same column; the heading's gap is
	// kept as a gap.
	if len(lines) > 2 && (len(lines[1]) != len(lines[2]) || !strings.Contains(lines[0], "Year   ")) {
		t.Errorf("figures do not end in one column: %q, %q", lines[1], lines[2])
	}
}

func TestRotatedPage(t *testing.T) {
	// A landscape table set on a portrait page turned a quarter: the text
	// runs upwards.
	content := `BT /F2 10 Tf 0 1 -1 0 300 100 Tm (Year) Tj ET BT /F2 10 Tf 0 1 -1 0 300 300 Tm (Total) Tj ET
BT /F2 10 Tf 0 1 -1 0 314 100 Tm (2023) Tj ET BT /F2 10 Tf 0 1 -1 0 314 300 Tm (12) Tj ET`
	doc, err := Read(context.Background(), onePage(content), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	lines := doc.Pages[0].Lines()
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "Year") || !strings.HasSuffix(lines[0], "Total") || !strings.HasPrefix(lines[1], "2023") {
		t.Errorf("lines %q; want the turned table read as rows", lines)
	}
}

func TestScannedAndErrors(t *testing.T) {
	img := "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream"
	scan := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
		stream("q 595 0 0 842 0 0 cm /Im1 Do Q"),
		img,
	)
	doc, err := Read(context.Background(), scan, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Scanned() || doc.HasText() {
		t.Errorf("Scanned %v, HasText %v; want a scan", doc.Scanned(), doc.HasText())
	}

	many := strings.Repeat("BT /F2 10 Tf 72 700 Td (x) Tj ET\n", 50)
	cases := []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"not a pdf", []byte("hello, this is text"), Limits{}, ErrNotPDF},
		{"cut short", []byte("%PDF-1.4\n1 0 obj << >> endobj\n"), Limits{}, ErrDamaged},
		{"no xref", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nstartxref\n9999\n%%EOF\n"), Limits{}, ErrDamaged},
		{"glyph limit", onePage(many), Limits{Glyphs: 10}, ErrTooMuch},
		{"op limit", onePage(many), Limits{Ops: 20}, ErrTooMuch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(context.Background(), c.data, c.lim)
			if !errors.Is(err, c.want) {
				t.Errorf("error %v; want %v", err, c.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, onePage(many), Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
}

// TestDamagedPageKeepsOthers: a page whose content stream uses a filter
// nobody can decode is reported, and the next page is still read.
func TestDamagedPageKeepsOthers(t *testing.T) {
	data := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F2 7 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F2 7 0 R >> >> >>",
		"<< /Length 4 /Filter /NoSuchDecode >>\nstream\nabcd\nendstream",
		stream("BT /F2 10 Tf 72 700 Td (second page) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
	)
	doc, err := Read(context.Background(), data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems()) != 1 || !strings.HasPrefix(doc.Problems()[0], "page 1:") {
		t.Errorf("problems %q; want page 1's", doc.Problems())
	}
	if got := doc.Layout(); !strings.Contains(got, "second page") {
		t.Errorf("layout %q lacks the second page", got)
	}
}

// TestCorpusAgainstPdftotext reads the real police PDFs and compares the
// words of every line with pdftotext -layout's, when both are there.
func TestCorpusAgainstPdftotext(t *testing.T) {
	dir, ok := testenv.SharedIfPresent(t, "corpus", "foi-files")
	if !ok {
		t.Skip("no corpus")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Skip("no PDFs in the corpus")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(context.Background(), data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			got, ref := words(doc.Layout()), words(string(want))
			same := 0
			refSet := map[string]int{}
			for _, l := range ref {
				refSet[l]++
			}
			for _, l := range got {
				if refSet[l] > 0 {
					refSet[l]--
					same++
				}
			}
			t.Logf("%d of %d pdftotext lines read alike (%d lines read)", same, len(ref), len(got))
			if same*100 < len(ref)*98 {
				t.Errorf("only %d of %d lines read alike", same, len(ref))
			}
		})
	}
}

// words gives each non-blank line with its spacing reduced to one space.
func words(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if f := strings.Fields(line); len(f) > 0 {
			out = append(out, strings.Join(f, " "))
		}
	}
	return out
}

func FuzzRead(f *testing.F) {
	f.Add(onePage("BT /F1 10 Tf 72 700 Td (a b) Tj ET /X1 Do"))
	f.Add(onePage("BT /F2 10 Tf 0 1 -1 0 300 100 Tm [(Y) -200 (ear)] TJ ET"))
	f.Add([]byte("%PDF-1.7\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is as bad as a crash: panic, so that the fuzzer keeps the input.
		timer := time.AfterFunc(10*time.Second, func() { panic("input took over 10s") })
		defer timer.Stop()
		doc, err := Read(context.Background(), data, Limits{Glyphs: 10000, Ops: 100000, Pages: 20})
		if err != nil {
			return
		}
		_ = doc.Layout()
	})
}

// corpusPDF returns the largest real PDF of the corpus, or skips.
func corpusPDF(b *testing.B) (string, []byte) {
	dir, ok := testenv.SharedIfPresent(b, "corpus", "foi-files")
	if !ok {
		b.Skip("no corpus")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var best string
	var data []byte
	for _, f := range files {
		if d, err := os.ReadFile(f); err == nil && len(d) > len(data) {
			best, data = f, d
		}
	}
	if best == "" {
		b.Skip("no PDFs in the corpus")
	}
	return best, data
}

// BenchmarkLayout reads and lays out the corpus's largest PDF (61 pages)
// in pure Go; BenchmarkPdftotext runs poppler on the same file, for the
// ratio.
func BenchmarkLayout(b *testing.B) {
	_, data := corpusPDF(b)
	defer testenv.ReportCPU(b)()
	for b.Loop() {
		doc, err := Read(context.Background(), data, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		_ = doc.Layout()
	}
}

func BenchmarkPdftotext(b *testing.B) {
	name, _ := corpusPDF(b)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	for b.Loop() {
		if err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", name, os.DevNull).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStreamBomb: a small compressed stream that unpacks to one endless
// string is refused with a page problem, not read into memory.
func TestStreamBomb(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte("BT /F2 10 Tf 72 700 Td ("))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range maxStream>>20 + 1 {
		zw.Write(chunk)
	}
	zw.Write([]byte(") Tj ET"))
	zw.Close()
	data := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F2 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
	)
	doc, err := Read(context.Background(), data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if p := doc.Problems(); len(p) != 1 || !strings.Contains(p[0], "unpacks to over") {
		t.Errorf("problems %q; want the page refused as too big unpacked", p)
	}
}

// TestRepairsCrossReference: a PDF whose cross-reference table points to
// the wrong places, or is missing, is read by rebuilding the table.
func TestRepairsCrossReference(t *testing.T) {
	good := onePage("BT /F2 10 Tf 72 700 Td (Total 1,208) Tj ET")
	i := bytes.LastIndex(good, []byte("startxref"))
	cases := map[string][]byte{
		"wrong offsets": bytes.ReplaceAll(good, []byte("0000000009 00000 n"), []byte("0000000001 00000 n")),
		"no table":      append(append([]byte{}, good[:bytes.Index(good, []byte("xref\n"))]...), "startxref\n4\n%%EOF\n"...),
		"bad startxref": append(append([]byte{}, good[:i]...), "startxref\n77\n%%EOF\n"...),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			doc, err := Read(context.Background(), data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Layout(), "Total 1,208") {
				t.Errorf("layout %q", doc.Layout())
			}
		})
	}
}
