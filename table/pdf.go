package table

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/foiwire/foiwire/pdftext"
)

const (
	pdfTimeout = 30 * time.Second
	maxPDFText = 32 << 20 // text pdftotext may print before it is stopped
)

// pdf reads a PDF's text as laid out on the page, so that a table's
// columns stay aligned, and reads that as plain text. Poppler's pdftotext
// does the layout when it is installed; otherwise the pure-Go pdftext
// package does. A PDF with no text layer (a scan) is read by OCR when
// tesseract and pdftoppm are installed, and otherwise fails with
// ErrNeedsOCR.
func (rd *reader) pdf(data []byte, part string) error {
	var text string
	if exe, err := exec.LookPath("pdftotext"); err == nil {
		if text, err = rd.pdftotext(exe, data); err != nil {
			// A PDF poppler cannot read may still be read by pdftext.
			if !errors.Is(err, ErrCorrupt) {
				return err
			}
			doc, gerr := pdftext.Read(rd.ctx, data, pdftext.Limits{})
			if gerr != nil || !doc.HasText() {
				return err
			}
			rd.warn(part, "%v; read by foiwire's own PDF reader instead", err)
			text = doc.Layout()
		}
	} else {
		doc, err := pdftext.Read(rd.ctx, data, pdftext.Limits{})
		switch {
		case rd.ctx.Err() != nil:
			return rd.ctx.Err()
		case errors.Is(err, pdftext.ErrEncrypted):
			return rd.fail(ErrUnsupported, err, "the PDF is encrypted: %v; ask for a copy without a password", err)
		case errors.Is(err, pdftext.ErrTooMuch):
			return rd.fail(ErrTooLarge, err, "%v", err)
		case err != nil:
			return rd.fail(ErrCorrupt, err, "cannot read the PDF: %v", err)
		}
		for _, p := range doc.Problems() {
			rd.warn(part, "%s", p)
		}
		text = doc.Layout()
	}
	if strings.TrimSpace(text) == "" {
		ocr, err := rd.ocr(data, part)
		if err != nil {
			return err
		}
		text = ocr
	}
	rd.plain(joinPages(text), part, false)
	return nil
}

// pdftotext runs poppler's pdftotext -layout on data.
func (rd *reader) pdftotext(exe string, data []byte) (string, error) {
	tmp, err := writeTemp(data)
	if err != nil {
		return "", rd.fail(ErrUnsupported, err, "cannot write a temporary file for pdftotext: %v", err)
	}
	defer os.Remove(tmp)
	ctx, cancel := context.WithTimeout(rd.ctx, pdfTimeout)
	defer cancel()
	out := &cappedBuffer{limit: maxPDFText, full: cancel}
	stderr := &cappedBuffer{limit: 4096}
	cmd := exec.CommandContext(ctx, exe, "-layout", "-enc", "UTF-8", tmp, "-")
	cmd.Stdout, cmd.Stderr = out, stderr
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	switch {
	case rd.ctx.Err() != nil:
		return "", rd.ctx.Err()
	case out.over:
		return "", rd.fail(ErrTooLarge, nil, "the PDF's text is over %s", megabytes(maxPDFText))
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", rd.fail(ErrCorrupt, ctx.Err(), "pdftotext took longer than %v", pdfTimeout)
	case err != nil:
		msg := firstLine(stderr.String())
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 3 {
			return "", rd.fail(ErrUnsupported, err, "the PDF does not allow its text to be copied: %s", msg)
		}
		if msg == "" {
			msg = err.Error()
		}
		return "", rd.fail(ErrCorrupt, err, "pdftotext cannot read it: %s", msg)
	}
	return strings.ToValidUTF8(out.String(), "\uFFFD"), nil
}

// writeTemp writes data to a new temporary file and returns its name.
func writeTemp(data []byte) (string, error) {
	tmp, err := os.CreateTemp("", "foiwire-*.pdf")
	if err != nil {
		return "", err
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return "", werr
	}
	return tmp.Name(), nil
}

// firstLine returns the first non-blank line of s.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// cappedBuffer keeps what is written to it up to limit bytes; past that it
// discards the rest, sets over and calls full (to stop the writer).
type cappedBuffer struct {
	buf   []byte
	limit int
	over  bool
	full  func()
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.limit - len(b.buf); len(p) > room {
		b.buf = append(b.buf, p[:max(room, 0)]...)
		if !b.over && b.full != nil {
			b.full()
		}
		b.over = true
		return len(p), nil
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *cappedBuffer) String() string { return string(b.buf) }
