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
