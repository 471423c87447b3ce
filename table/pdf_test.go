package table

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func TestPDFWithoutPdftotext(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Read(context.Background(), "reply.pdf", readFixture(t, "reply.pdf"))
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Errorf("error %v; want ErrUnsupported saying to install poppler-utils", err)
	}
}

func TestPDFWithoutText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	res, err := Read(context.Background(), "scan.pdf", buildPDF(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tables) != 0 || !hasWarning(res, "no text layer") {
		t.Errorf("tables %d, warnings %q", len(res.Tables), res.Warnings)
	}
}
