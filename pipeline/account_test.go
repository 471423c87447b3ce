package pipeline_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/internal/testenv"
	"github.com/foiwire/foiwire/pipeline"
)

// TestScanReadByOCR: with tesseract and pdftoppm installed, a scanned
// reply is read by OCR and every figure from it waits for a person.
func TestScanReadByOCR(t *testing.T) {
	for _, tool := range []string{"tesseract", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not installed")
		}
	}
	dir := testenv.CopyDir(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"), notSource)
	scan, err := os.ReadFile(filepath.Join(testenv.ModuleRoot(t), "table", "testdata", "ocr", "scanned.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "replies", "norfolk"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "replies", "norfolk", "scan.pdf"), scan, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Build(context.Background(), pipeline.Options{Dir: dir, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	var acct *pipeline.Account
	for i, a := range res.Accounts {
		if a.Authority == "norfolk" {
			acct = &res.Accounts[i]
		}
	}
	if acct == nil {
		t.Fatalf("no account for the scan: %+v", res.Accounts)
	}
	if acct.Outcome != pipeline.OutcomeReview || acct.Figures == 0 || acct.Review != acct.Figures {
		t.Fatalf("account %s; want every figure read by OCR held for review", acct.Line())
	}
	found := false
	for _, f := range res.Figures {
		if f.Authority != "norfolk" {
			continue
		}
		if f.Confidence != foiwire.ConfidenceReview || !strings.Contains(f.Reason, "OCR") {
			t.Errorf("figure %s from the scan: confidence %s, reason %q", f.Label, f.Confidence, f.Reason)
		}
		if v, ok := f.Int(); ok && v == 1208 {
			found = true
		}
	}
	if !found {
		t.Errorf("the scan's 1,208 was not read; account %s", acct.Line())
	}
}

// TestEveryFileHasOneAccount: the number of accounts is the number of
// files under replies/, whatever they hold.
func TestEveryFileHasOneAccount(t *testing.T) {
	dir := testenv.CopyDir(t, filepath.Join(testenv.ModuleRoot(t), "examples", "tiktok-2024"), notSource)
	os.WriteFile(filepath.Join(dir, "replies", "stray.txt"), []byte("left in the wrong place"), 0o644)
	os.MkdirAll(filepath.Join(dir, "replies", "kent", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "replies", "kent", "sub", "note.txt"), []byte("Thank you for your request."), 0o644)
	os.Symlink(filepath.Join(dir, "replies", "dorset"), filepath.Join(dir, "replies", "kent", "linked-folder"))
	res, err := pipeline.Build(context.Background(), pipeline.Options{Dir: dir, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(filepath.Join(dir, "replies"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	if len(res.Accounts) != n || res.Replies != n {
		t.Errorf("%d accounts for %d files", len(res.Accounts), n)
	}
	want := map[string]string{
		"stray.txt":     "unreadable: not in an authority's folder",
		"sub/note.txt":  "review: unread: nothing in the reply",
		"linked-folder": "unreadable: refused: a symbolic link",
	}
	for _, a := range res.Accounts {
		if w, ok := want[a.File]; ok {
			if !strings.Contains(a.Line(), w) {
				t.Errorf("%s; want %q", a.Line(), w)
			}
			delete(want, a.File)
		}
	}
	if len(want) > 0 {
		t.Errorf("no accounts for %v", want)
	}
}
