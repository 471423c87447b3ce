package table

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// OCRWarning starts the warning Read gives for a PDF whose text was read
// by OCR: figures read from it need checking against the scan.
const OCRWarning = "read by OCR"

const (
	maxOCRPages = 20 // pages of a scan read; a reply is a letter and a table or two
	ocrDPI      = "300"
	ocrTimeout  = 4 * time.Minute
)

// ocr reads a scanned PDF's pages with Debian's pdftoppm and tesseract.
// Without them it fails with ErrNeedsOCR, saying what to install.
func (rd *reader) ocr(data []byte, part string) (string, error) {
	ppm, err1 := exec.LookPath("pdftoppm")
	tess, err2 := exec.LookPath("tesseract")
	if err1 != nil || err2 != nil {
		return "", rd.fail(ErrNeedsOCR, nil, "a scanned PDF with no text layer: it needs OCR, and OCR needs tesseract-ocr and poppler-utils (apt-get install tesseract-ocr poppler-utils); or type its figures into data/figures.csv")
	}
	dir, err := os.MkdirTemp("", "foiwire-ocr-*")
	if err != nil {
		return "", rd.fail(ErrNeedsOCR, err, "cannot make a folder for OCR: %v", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return "", rd.fail(ErrNeedsOCR, err, "cannot write the scan for OCR: %v", err)
	}
	ctx, cancel := context.WithTimeout(rd.ctx, ocrTimeout)
	defer cancel()
	if msg, err := run(ctx, ppm, "-r", ocrDPI, "-gray", "-png", "-l", fmt.Sprint(maxOCRPages+1), in, filepath.Join(dir, "page")); err != nil {
		return "", rd.ocrFailed(ctx, rd.name, "pdftoppm", msg, err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	slices.Sort(pages)
	if len(pages) > maxOCRPages {
		rd.warn(part, "only the first %d pages of the scan are read by OCR", maxOCRPages)
		pages = pages[:maxOCRPages]
	}
	var b strings.Builder
	for i, p := range pages {
		text, err := rd.tesseract(ctx, rd.name, tess, p)
		if err != nil {
			return "", err
		}
		if i > 0 {
			b.WriteByte('\f')
		}
		b.WriteString(text)
	}
	text := b.String()
	if strings.TrimSpace(text) == "" {
		return "", rd.fail(ErrNeedsOCR, nil, "a scanned PDF in which OCR found no text; a person must read it")
	}
	rd.warn(part, "%s (%d pages): every figure needs checking against the scan", OCRWarning, len(pages))
	return text, nil
}

// ocrFailed says which OCR step failed and why, naming the file as
// label.
func (rd *reader) ocrFailed(ctx context.Context, label, tool, msg string, err error) error {
	if rd.ctx.Err() != nil {
		return rd.ctx.Err()
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &fileError{name: label, kind: ErrNeedsOCR, err: err, msg: fmt.Sprintf("an image or scan that needs OCR, which took longer than %v; a person must read it", ocrTimeout)}
	}
	if msg == "" {
		msg = err.Error()
	}
	return &fileError{name: label, kind: ErrNeedsOCR, err: err, msg: fmt.Sprintf("an image or scan that needs OCR, which could not read it (%s: %s)", tool, msg)}
}

// run runs a program and returns the first line of its error output.
func run(ctx context.Context, exe string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, exe, args...)
	stderr := &cappedBuffer{limit: 4096}
	cmd.Stderr = stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	return firstLine(stderr.String()), err
}

// tesseract reads the text of one image file, keeping the spaces between
// words so that columns stay apart.
func (rd *reader) tesseract(ctx context.Context, label, exe, image string) (string, error) {
	out := &cappedBuffer{limit: maxPDFText}
	cmd := exec.CommandContext(ctx, exe, image, "-", "--psm", "6", "-c", "preserve_interword_spaces=1")
	stderr := &cappedBuffer{limit: 4096}
	cmd.Stdout, cmd.Stderr = out, stderr
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return "", rd.ocrFailed(ctx, label, "tesseract", firstLine(stderr.String()), err)
	}
	// Tesseract leaves a blank line between lines set further apart than
	// it expects, which would split a table into single rows.
	var b strings.Builder
	for line := range strings.Lines(strings.ToValidUTF8(out.String(), "\uFFFD")) {
		if strings.TrimSpace(line) != "" {
			b.WriteString(line)
		}
	}
	return b.String(), nil
}

// isScanImage reports whether data is a picture in a format tesseract
// reads: PNG, JPEG, TIFF, GIF or BMP.
func isScanImage(data []byte) bool {
	for _, magic := range []string{"\x89PNG\r\n\x1a\n", "\xff\xd8\xff", "II*\x00", "MM\x00*", "GIF87a", "GIF89a", "BM"} {
		if bytes.HasPrefix(data, []byte(magic)) {
			return magic != "BM" || len(data) > 26 && data[14] >= 12 // a BMP's info header size
		}
	}
	return false
}

// image reads a picture of a reply by OCR; without tesseract it fails
// with ErrNeedsOCR.
func (rd *reader) image(name string, data []byte, part string) error {
	label := rd.label(name)
	tess, err := exec.LookPath("tesseract")
	if err != nil {
		return &fileError{name: label, kind: ErrNeedsOCR,
			msg: "an image of a reply: it needs OCR, and OCR needs tesseract-ocr (apt-get install tesseract-ocr); or type its figures into data/figures.csv"}
	}
	dir, err := os.MkdirTemp("", "foiwire-ocr-*")
	if err != nil {
		return &fileError{name: label, kind: ErrNeedsOCR, err: err, msg: "cannot make a folder for OCR: " + err.Error()}
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "scan")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return &fileError{name: label, kind: ErrNeedsOCR, err: err, msg: "cannot write the image for OCR: " + err.Error()}
	}
	ctx, cancel := context.WithTimeout(rd.ctx, ocrTimeout)
	defer cancel()
	text, err := rd.tesseract(ctx, label, tess, in)
	if err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		return &fileError{name: label, kind: ErrNeedsOCR, msg: "an image in which OCR found no text; a person must read it"}
	}
	rd.warn(part, "%s (an image): every figure needs checking against it", OCRWarning)
	rd.plain(text, part, false)
	return nil
}
