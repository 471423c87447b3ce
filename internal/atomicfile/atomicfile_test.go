package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "figures.csv")
	for _, want := range []string{"first\n", "second, longer\n", ""} {
		if err := WriteFile(name, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != want {
			t.Fatalf("read back %q, %v; want %q", got, err, want)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("folder holds %d entries; want only the file (no temporary left)", len(ents))
	}
	if st, _ := os.Stat(name); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v; want 0644", st.Mode())
	}
	if err := WriteFile(filepath.Join(dir, "no-such-dir", "x"), nil, 0o644); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "kent"), 0o755)
	for _, n := range []string{".story.md.tmp-123", "kent/.chart.png.tmp-9", "story.md", ".hidden"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	n, err := RemoveTemps(dir)
	if err != nil || n != 2 {
		t.Fatalf("removed %d, %v; want 2", n, err)
	}
	for _, keep := range []string{"story.md", ".hidden"} {
		if _, err := os.Stat(filepath.Join(dir, keep)); err != nil {
			t.Errorf("%s removed", keep)
		}
	}
	if n, err := RemoveTemps(filepath.Join(dir, "missing")); n != 0 || err != nil {
		t.Errorf("missing folder: %d, %v", n, err)
	}
}

func TestWriteFileIfChanged(t *testing.T) {
	name := filepath.Join(t.TempDir(), "out.csv")
	for i, tc := range []struct {
		data  string
		perm  os.FileMode
		wrote bool
	}{
		{"a,b\n", 0o644, true},
		{"a,b\n", 0o644, false},
		{"a,c\n", 0o644, true},
		{"a,c\nx", 0o644, true},
		{"a,c\n", 0o644, true},
		{"a,c\n", 0o600, true},
		{"", 0o600, true},
		{"", 0o600, false},
	} {
		wrote, err := WriteFileIfChanged(name, []byte(tc.data), tc.perm)
		if err != nil {
			t.Fatal(err)
		}
		if wrote != tc.wrote {
			t.Errorf("%d: wrote %v, want %v", i, wrote, tc.wrote)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != tc.data {
			t.Errorf("%d: file holds %q (%v), want %q", i, got, err, tc.data)
		}
		if st, _ := os.Stat(name); st.Mode().Perm() != tc.perm {
			t.Errorf("%d: mode %v, want %v", i, st.Mode().Perm(), tc.perm)
		}
	}
}
