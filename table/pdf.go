package table

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"
)

const (
	pdfTimeout = 30 * time.Second
	maxPDFText = 32 << 20 // text pdftotext may print before it is stopped
)

// pdf reads a PDF's text layer with poppler's pdftotext, which keeps the
// page layout so that columns stay aligned, and reads that as plain text.
func (rd *reader) pdf(data []byte, part string) error {
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		return rd.fail(ErrUnsupported, err, "reading PDFs needs pdftotext, which is not installed: install poppler-utils (apt-get install poppler-utils)")
	}
	tmp, err := os.CreateTemp("", "foiwire-*.pdf")
	if err != nil {
		return rd.fail(ErrUnsupported, err, "cannot write a temporary file for pdftotext: %v", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return rd.fail(ErrUnsupported, werr, "cannot write a temporary file for pdftotext: %v", werr)
	}

	ctx, cancel := context.WithTimeout(rd.ctx, pdfTimeout)
	defer cancel()
	out := &cappedBuffer{limit: maxPDFText, full: cancel}
	stderr := &cappedBuffer{limit: 4096}
	cmd := exec.CommandContext(ctx, exe, "-layout", "-enc", "UTF-8", tmp.Name(), "-")
	cmd.Stdout, cmd.Stderr = out, stderr
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	switch {
	case rd.ctx.Err() != nil:
		return rd.ctx.Err()
	case out.over:
		return rd.fail(ErrTooLarge, nil, "the PDF's text is over %s", megabytes(maxPDFText))
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return rd.fail(ErrCorrupt, ctx.Err(), "pdftotext took longer than %v", pdfTimeout)
	case err != nil:
		msg := firstLine(stderr.String())
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 3 {
			return rd.fail(ErrUnsupported, err, "the PDF does not allow its text to be copied: %s", msg)
		}
		if msg == "" {
			msg = err.Error()
		}
		return rd.fail(ErrCorrupt, err, "pdftotext cannot read it: %s", msg)
	}
	text := strings.ToValidUTF8(out.String(), "\uFFFD")
	if strings.TrimSpace(text) == "" {
		rd.warn(part, "the PDF has no text layer (a scanned image?); it needs OCR")
		return nil
	}
	rd.plain(joinPages(text), part, false)
	return nil
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
