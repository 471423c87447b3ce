// Command gen writes the binary replies of the bundled TikTok example: the
// Cambridgeshire spreadsheet and the Lancashire email with its PDF letter.
// The text replies (HTML, CSV, plain text) are written by hand. The output is
// the same on every run, so a rerun shows up in git only when this program
// changes.
//
// Run it from the module root:
//
//	go run ./examples/tiktok-2024/internal/gen
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
)

func main() {
	dir := flag.String("dir", filepath.Join("examples", "tiktok-2024"), "the example campaign folder")
	flag.Parse()
	if err := run(*dir); err != nil {
		slog.Error("gen failed", "err", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "campaign.yaml")); err != nil {
		return fmt.Errorf("%s does not look like the example folder (run from the module root, or give -dir): %w", dir, err)
	}
	xlsx, err := cambridgeshireWorkbook()
	if err != nil {
		return fmt.Errorf("cambridgeshire workbook: %w", err)
	}
	if err := write(filepath.Join(dir, "replies", "cambridgeshire", "foi-0912-2024-tiktok-crimes.xlsx"), xlsx); err != nil {
		return err
	}
	var pdf bytes.Buffer
	if err := lancashireLetter().writePDF(&pdf); err != nil {
		return fmt.Errorf("lancashire letter: %w", err)
	}
	eml, err := lancashireEmail(pdf.Bytes())
	if err != nil {
		return fmt.Errorf("lancashire email: %w", err)
	}
	return write(filepath.Join(dir, "replies", "lancashire", "foi-2024-1234-reply.eml"), eml)
}

func write(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	slog.Info("wrote", "file", path, "bytes", len(b))
	return nil
}
