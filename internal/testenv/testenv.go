// Package testenv holds the helpers the module's tests share: finding the
// module root, finding the shared corpus and reference data in ../shared
// beside it, and copying a folder into a test's temporary directory so a
// test never writes into the repository.
//
// Only tests import it.
package testenv

import (
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// ModuleRoot returns the folder holding go.mod, found by walking up from the
// working directory (a test's package directory). It calls t.Fatal when
// there is none.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	start, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
		return ""
	}
	for dir := start; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above %s", start)
			return ""
		}
		dir = parent
	}
}

// Shared returns filepath.Join(ModuleRoot(t)/../shared, elem...), the shared
// corpus and reference data beside the repository, and skips the test when
// that path does not exist.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	p, ok := SharedIfPresent(t, elem...)
	if !ok {
		t.Skip("no " + filepath.ToSlash(filepath.Join(append([]string{"..", "shared"}, elem...)...)) + " beside the repository")
	}
	return p
}

// SharedIfPresent is Shared for a test that can do without the shared data
// (a benchmark or fuzz seed that falls back on testdata/): it returns the
// path and whether it exists, and never skips.
func SharedIfPresent(t testing.TB, elem ...string) (string, bool) {
	t.Helper()
	p := filepath.Join(append([]string{ModuleRoot(t), "..", "shared"}, elem...)...)
	_, err := os.Stat(p)
	return p, err == nil
}

// CopyDir copies the folder src into a new t.TempDir() and returns that
// directory. It leaves out every entry for which skip returns true, and all
// of a left-out folder's contents; skip is given the entry's slash-separated
// path relative to src, and a nil skip leaves out nothing. Folders are made
// 0755 and files 0644. It calls t.Fatal when the copy fails.
func CopyDir(t testing.TB, src string, skip func(rel string) bool) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if rel != "." && skip != nil && skip(filepath.ToSlash(rel)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// ReadCSV returns the data rows of a CSV file as maps from column name to
// value; t.Fatal if the file cannot be read or has no data rows.
func ReadCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no rows", path)
	}
	rows := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(recs[0]))
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}
