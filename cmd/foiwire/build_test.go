package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/foiwire/foiwire/internal/testenv"
)

// exampleCopy copies the bundled example without its outputs, database
// and generator.
func exampleCopy(t *testing.T) string {
	return testenv.CopyDir(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"), func(rel string) bool {
		return rel == "out" || rel == "internal" || strings.HasSuffix(rel, ".db")
	})
}

func writeReply(t *testing.T, dir, force, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, "replies", force, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

const yearsCSV = "Financial year,Crimes recorded\n2021/22,12\n2022/23,15\n2023/24,19\n"

func zipOf(t *testing.T, name, body string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(name)
	w.Write([]byte(body))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// exampleForces are the forces whose replies the bundled example holds.
var exampleForces = []string{"cambridgeshire", "dorset", "dyfed-powys", "lancashire", "northamptonshire"}

// TestBuildExampleWithoutPoppler builds the bundled example with a PATH
// holding no pdftotext (Lancashire's reply is a PDF attached to an email)
// and gets all five stories.
func TestBuildExampleWithoutPoppler(t *testing.T) {
	dir := exampleCopy(t)
	t.Setenv("PATH", t.TempDir())
	out, errOut, code := runCLI(t, "build", dir)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "stories written:   5\n") || !strings.Contains(out, "lancashire/foi-2024-1234-reply.eml: figures: 8") {
		t.Errorf("want 5 stories and Lancashire's 8 figures; summary:\n%s", out)
	}
	for _, force := range exampleForces {
		if _, err := os.Stat(filepath.Join(dir, "out", force, "story.md")); err != nil {
			t.Errorf("no story for %s: %v", force, err)
		}
	}
}

// TestBuildAccountsForEveryReply builds the example on a machine with
// neither poppler nor tesseract (PATH holds neither) beside replies of
// every awkward kind: all five stories are still written, the build
// succeeds, and each awkward file has its own line in the summary.
func TestBuildAccountsForEveryReply(t *testing.T) {
	dir := exampleCopy(t)
	scan, err := os.ReadFile(filepath.Join(testenv.ModuleRoot(t), "table", "testdata", "ocr", "scanned.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	writeReply(t, dir, "norfolk", "scan.pdf", scan)
	writeReply(t, dir, "kent", "reply.zip", zipOf(t, "FOI reply/figures.csv", yearsCSV))
	writeReply(t, dir, "surrey", "inbox.mbox", []byte(
		"From foi@surrey.example Tue Jul  2 10:00:00 2024\nFrom: foi@surrey.example\nTo: foi@civicdatadesk.example\nSubject: Acknowledgement\nDate: Tue, 2 Jul 2024 10:00:00 +0100\n\nWe have your request.\n\n"+
			"From foi@surrey.example Mon Jul 29 09:00:00 2024\nFrom: foi@surrey.example\nTo: foi@civicdatadesk.example\nSubject: Your request\nDate: Mon, 29 Jul 2024 09:00:00 +0100\n\n"+
			"Financial year      Crimes recorded\n2021/22                          7\n2022/23                          9\n2023/24                         11\n"))
	writeReply(t, dir, "essex", "reply.csv", []byte("Crimes recorded \xe0 la TikTok\n"+yearsCSV))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i * 7919 % 251)
	}
	writeReply(t, dir, "suffolk", "junk.bin", junk)
	if err := os.Symlink("/etc/hostname", filepath.Join(dir, "replies", "kent", "link.csv")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "replies", "kent", "pipe.csv"), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Setenv("PATH", t.TempDir())
	out, errOut, code := runCLI(t, "build", dir)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	t.Log("\n" + out)
	for _, force := range exampleForces {
		if _, err := os.Stat(filepath.Join(dir, "out", force, "story.md")); err != nil {
			t.Errorf("no story for %s: %v", force, err)
		}
	}
	for _, want := range []string{
		"lancashire/foi-2024-1234-reply.eml: figures: 8",
		"norfolk/scan.pdf: review: needs OCR",
		"kent/reply.zip: figures: 3",
		"surrey/inbox.mbox: figures: 3",
		"essex/reply.csv: figures: 3; not UTF-8; read as Windows-1252",
		"suffolk/junk.bin: unreadable: binary data",
		"kent/link.csv: unreadable: refused: a symbolic link",
		"kent/pipe.csv: unreadable: refused: a named pipe",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	review, err := os.ReadFile(filepath.Join(dir, "out", "review.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"norfolk,scan.pdf,,,,file,", "suffolk,junk.bin,", "kent,link.csv,", "kent,pipe.csv,"} {
		if !bytes.Contains(review, []byte(want)) {
			t.Errorf("review.csv lacks a row starting %q", want)
		}
	}
}

// TestBuildFailsOnlyForTheCampaign: a broken campaign.yaml is the one
// thing that makes build exit non-zero.
func TestBuildFailsOnlyForTheCampaign(t *testing.T) {
	dir := exampleCopy(t)
	if err := os.WriteFile(filepath.Join(dir, "campaign.yaml"), []byte("questions: [[[\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, "build", dir)
	if code != 2 || !strings.Contains(errOut, "campaign.yaml") {
		t.Errorf("exit %d, stderr %q; want 2 naming campaign.yaml", code, errOut)
	}
}

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"300MiB", 300 << 20, true}, {"2GiB", 2 << 30, true}, {"512 MB", 512e6, true}, {"0", 0, true},
		{"1024", 1024, true}, {"64KiB", 64 << 10, true}, {"10B", 10, true},
		{"", 0, false}, {"-1MiB", 0, false}, {"3.5GiB", 0, false}, {"lots", 0, false}, {"99999999999GiB", 0, false},
	} {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
