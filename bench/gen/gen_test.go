package gen

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = b
		}
		return err
	})
	return out
}

// TestCampaignIsReproducible: the same options give the same bytes, every
// format is written, and a rewrite changes exactly one file.
func TestCampaignIsReproducible(t *testing.T) {
	o := Options{Forces: 3, Replies: 5, Rows: 6, Months: 2, Seed: 9}
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		n, err := Campaign(context.Background(), d, o)
		if err != nil {
			t.Fatal(err)
		}
		if n != 15 {
			t.Fatalf("%d replies written, want 15", n)
		}
	}
	fa, fb := files(t, a), files(t, b)
	if len(fa) != 17 || len(fa) != len(fb) {
		t.Fatalf("%d and %d files", len(fa), len(fb))
	}
	exts := map[string]bool{}
	for name, x := range fa {
		if !bytes.Equal(x, fb[name]) {
			t.Errorf("%s differs between two runs", name)
		}
		exts[filepath.Ext(name)] = true
	}
	for _, f := range Formats {
		if !exts["."+f] {
			t.Errorf("no %s reply written", f)
		}
	}
	if err := Rewrite(context.Background(), b, "avon-and-somerset", 1, o, 1); err != nil {
		t.Fatal(err)
	}
	changed := 0
	for name, x := range files(t, b) {
		if !bytes.Equal(x, fa[name]) {
			changed++
		}
	}
	if changed != 1 {
		t.Errorf("a rewrite changed %d files", changed)
	}
	if _, err := Campaign(context.Background(), t.TempDir(), Options{Forces: 1, Replies: 13, Months: 5}); err == nil {
		t.Error("65 months of replies: no error")
	}
}
