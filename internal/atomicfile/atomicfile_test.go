package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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

func TestWriteStreamIfChanged(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "campaign.xlsx")
	big := strings.Repeat("0123456789", 100_000) // past every buffer
	// pieces writes s in pieces of n bytes, as a streaming writer would.
	pieces := func(s string, n int) func(io.Writer) error {
		return func(w io.Writer) error {
			for len(s) > 0 {
				k := min(n, len(s))
				if _, err := io.WriteString(w, s[:k]); err != nil {
					return err
				}
				s = s[k:]
			}
			return nil
		}
	}
	for _, tc := range []struct {
		name  string
		data  string
		perm  os.FileMode
		piece int
		wrote bool
	}{
		{"new file", big, 0o644, 7, true},
		{"same bytes", big, 0o644, 4096, false},
		{"same bytes, other pieces", big, 0o644, 1 << 20, false},
		{"one byte changed late", big[:900_000] + "x" + big[900_001:], 0o644, 333, true},
		{"shorter", big[:500_000], 0o644, 1000, true},
		{"longer", big[:500_000] + "tail", 0o644, 1000, true},
		{"same again", big[:500_000] + "tail", 0o644, 10, false},
		{"other permissions", big[:500_000] + "tail", 0o600, 10, true},
		{"empty", "", 0o600, 10, true},
		{"empty again", "", 0o600, 10, false},
	} {
		wrote, err := WriteStreamIfChanged(name, tc.perm, pieces(tc.data, tc.piece))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if wrote != tc.wrote {
			t.Errorf("%s: wrote %v, want %v", tc.name, wrote, tc.wrote)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != tc.data {
			t.Fatalf("%s: read back %d bytes, %v; want %d", tc.name, len(got), err, len(tc.data))
		}
		if st, _ := os.Stat(name); st.Mode().Perm() != tc.perm {
			t.Errorf("%s: mode %v", tc.name, st.Mode())
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("%s: folder holds %d entries; want no temporary left", tc.name, len(ents))
		}
	}
}

func TestWriteStreamIfChangedFails(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "campaign.xlsx")
	if err := WriteFile(name, []byte("old bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := errors.New("sheet 2 cannot be written")
	for _, prefix := range []string{"old", strings.Repeat("new ", 100_000)} { // the second passes the buffer
		_, err := WriteStreamIfChanged(name, 0o644, func(w io.Writer) error {
			io.WriteString(w, prefix)
			return bad
		})
		if !errors.Is(err, bad) {
			t.Fatalf("error %v, want %v", err, bad)
		}
		if got, _ := os.ReadFile(name); string(got) != "old bytes" {
			t.Errorf("a failed write left %q", got)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("a failed write left %d entries", len(ents))
		}
	}
	if _, err := WriteStreamIfChanged(filepath.Join(dir, "missing", "x"), 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, "x")
		return err
	}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// TestWriteFileIfChangedPastBuffer compares files longer than the buffer
// same reads with, changed only in their last buffer's worth.
func TestWriteFileIfChangedPastBuffer(t *testing.T) {
	name := filepath.Join(t.TempDir(), "chart.png")
	big := []byte(strings.Repeat("0123456789", 30_000))
	changed := append([]byte(nil), big...)
	changed[len(changed)-1] = 'x'
	for i, tc := range []struct {
		data  []byte
		wrote bool
	}{
		{big, true},
		{big, false},
		{changed, true},
		{changed, false},
		{big[:len(big)-1], true},
		{big, true},
	} {
		wrote, err := WriteFileIfChanged(name, tc.data, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		if wrote != tc.wrote {
			t.Errorf("%d: wrote %v, want %v", i, wrote, tc.wrote)
		}
		if got, _ := os.ReadFile(name); string(got) != string(tc.data) {
			t.Errorf("%d: file differs from what was written", i)
		}
	}
}
