package table

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/foiwire/foiwire/internal/pdfgen"
)

// noTools sets PATH to an empty folder for the rest of the test, as on a
// machine with neither poppler nor tesseract.
func noTools(t *testing.T) { t.Setenv("PATH", t.TempDir()) }

func need(t *testing.T, tools ...string) {
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not installed")
		}
	}
}

// TestPDFWithoutPdftotext reads the PDF fixture with the pure-Go reader
// and gets the tables pdftotext gives.
func TestPDFWithoutPdftotext(t *testing.T) {
	need(t, "pdftotext")
	data := readFixture(t, "reply.pdf")
	withTool, err := Read(context.Background(), "reply.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	noTools(t)
	pure, err := Read(context.Background(), "reply.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(pure.Tables) == 0 || len(pure.Tables) != len(withTool.Tables) {
		t.Fatalf("pure Go found %d tables, pdftotext %d", len(pure.Tables), len(withTool.Tables))
	}
	for i := range pure.Tables {
		if got, want := rowsOf(t, pure.Tables[i]), rowsOf(t, withTool.Tables[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("table %d:\n pure Go  %q\n pdftotext %q", i, got, want)
		}
	}
}

func TestPDFWithoutText(t *testing.T) {
	_, err := Read(context.Background(), "blank.pdf", buildPDF(nil))
	if !errors.Is(err, ErrNeedsOCR) {
		t.Errorf("error %v; want ErrNeedsOCR", err)
	}
}

// TestScannedPDF reads an image-only PDF: by OCR when the tools are there,
// and otherwise fails with ErrNeedsOCR saying what to install.
func TestScannedPDF(t *testing.T) {
	data := readFixture(t, "ocr/scanned.pdf")
	t.Run("ocr", func(t *testing.T) {
		need(t, "pdftoppm", "tesseract")
		res, err := Read(context.Background(), "scanned.pdf", data)
		if err != nil {
			t.Fatal(err)
		}
		if !hasWarning(res, OCRWarning) {
			t.Errorf("warnings %q; want one starting %q", res.Warnings, OCRWarning)
		}
		for _, want := range []string{"2021/22", "1,208", "Total"} {
			if !strings.Contains(res.Text, want) {
				t.Errorf("OCR text lacks %q:\n%s", want, res.Text)
			}
		}
		if len(res.Tables) == 0 {
			t.Errorf("no table found in the OCR text:\n%s", res.Text)
		}
	})
	t.Run("no tools", func(t *testing.T) {
		noTools(t)
		_, err := Read(context.Background(), "scanned.pdf", data)
		if !errors.Is(err, ErrNeedsOCR) || !strings.Contains(err.Error(), "tesseract-ocr") {
			t.Errorf("error %v; want ErrNeedsOCR naming tesseract-ocr", err)
		}
	})
}

// scanLines is what the scanned fixture shows: a short letter and a table.
var scanLines = []string{
	"Freedom of Information request 7731",
	"",
	"Recorded offences by financial year:",
	"",
	"Year        Offences",
	"2021/22        964",
	"2022/23      1,208",
	"Total        2,172",
}

// TestMakeScannedFixture writes testdata/ocr/scanned.pdf under -update:
// the lines above drawn into a greyscale image, the image the PDF's only
// content, as a scanner makes it. It lives in its own folder so that the
// fuzz tests, which seed from testdata/*.*, do not run OCR on every seed.
func TestMakeScannedFixture(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/ocr/scanned.pdf")
	}
	b, err := buildScannedPDF(scanLines)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "ocr", "scanned.pdf"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// scanImage draws lines as a scanner at 150 dots an inch would see them
// on an A4 page.
func scanImage(t testing.TB, lines []string) *image.Gray {
	img, err := drawLines(lines)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func buildScannedPDF(lines []string) ([]byte, error) {
	img, err := drawLines(lines)
	if err != nil {
		return nil, err
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(img.Pix)
	zw.Close()
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q\n"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", w, h, z.Len(), z.String()),
	}
	return pdfgen.Assemble(objects, 0), nil
}

func drawLines(lines []string) (*image.Gray, error) {
	const w, h = 1240, 1754 // A4 at 150 dots an inch
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 24, DPI: 150, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	d := &font.Drawer{Dst: img, Src: image.Black, Face: face}
	for i, l := range lines {
		// Each run of text after two or more spaces starts at the place its
		// first character has in the line, so that columns line up.
		for j := 0; j < len(l); {
			if l[j] == ' ' {
				j++
				continue
			}
			end := strings.Index(l[j:], "  ")
			if end < 0 {
				end = len(l) - j
			}
			d.Dot = fixed.P(150+j*24, 200+i*60)
			d.DrawString(l[j : j+end])
			j += end
		}
	}
	return img, nil
}

// TestPictureOfAReply reads a PNG of a reply by OCR, or says it needs OCR.
func TestPictureOfAReply(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, scanImage(t, scanLines)); err != nil {
		t.Fatal(err)
	}
	t.Run("ocr", func(t *testing.T) {
		need(t, "tesseract")
		res, err := Read(context.Background(), "reply.png", b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if res.MediaType != MediaImage || !hasWarning(res, OCRWarning) || !strings.Contains(res.Text, "1,208") || len(res.Tables) == 0 {
			t.Errorf("type %s, warnings %q, %d tables, text:\n%s", res.MediaType, res.Warnings, len(res.Tables), res.Text)
		}
	})
	t.Run("no tools", func(t *testing.T) {
		noTools(t)
		_, err := Read(context.Background(), "reply.png", b.Bytes())
		if !errors.Is(err, ErrNeedsOCR) || !errors.Is(err, ErrUnsupported) {
			t.Errorf("error %v; want ErrNeedsOCR, which is also ErrUnsupported", err)
		}
	})
}
