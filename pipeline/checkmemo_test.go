package pipeline

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestCheckMemo: a kept pass comes back in the next build, and only from
// the same program; a damaged file is not used; a build keeps only the
// passes it found or made; a memo turned off keeps nothing.
func TestCheckMemo(t *testing.T) {
	dir := t.TempDir()
	m := openCheckMemo(dir, false)
	if m.name == "" {
		t.Skip("the program cannot be named here")
	}
	if m.Passed("k1") {
		t.Fatal("an empty memo gave a pass")
	}
	m.Pass("k1")
	m.Pass("k2")
	if err := m.save(); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(m.name)
	if err != nil {
		t.Fatal(err)
	}

	// The next build finds both, uses only k1 and keeps only k1.
	m2 := openCheckMemo(dir, false)
	if !m2.Passed("k1") || m2.Passed("k3") {
		t.Fatal("the next build does not find exactly what was kept")
	}
	if err := m2.save(); err != nil {
		t.Fatal(err)
	}
	if m3 := openCheckMemo(dir, false); !m3.Passed("k1") || m3.Passed("k2") {
		t.Error("save kept a pass the build did not use, or lost one it did")
	}

	// A build that finds what was kept, no more and no less, writes nothing.
	st, _ := os.Stat(m.name)
	if err := os.Chtimes(m.name, st.ModTime().Add(-3600e9), st.ModTime().Add(-3600e9)); err != nil {
		t.Fatal(err)
	}
	st, _ = os.Stat(m.name)
	m4 := openCheckMemo(dir, false)
	m4.Passed("k1")
	if err := m4.save(); err != nil {
		t.Fatal(err)
	}
	if st2, _ := os.Stat(m.name); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("an unchanged memo was written again")
	}

	for name, damage := range map[string]func([]byte) []byte{
		"a key changed":       func(b []byte) []byte { return bytes.Replace(b, []byte("k1"), []byte("k3"), 1) },
		"another program":     func(b []byte) []byte { return bytes.Replace(b, []byte("program "), []byte("program x"), 1) },
		"another format":      func(b []byte) []byte { return bytes.Replace(b, []byte("checks 1"), []byte("checks 0"), 1) },
		"cut short":           func(b []byte) []byte { return b[:len(b)-10] },
		"no sum":              func(b []byte) []byte { return b[:bytes.LastIndex(b, []byte("sum "))] },
		"a key added, no sum": func(b []byte) []byte { return []byte(strings.Replace(string(b), "k1\n", "k1\nk9\n", 1)) },
	} {
		if err := os.WriteFile(m.name, damage(bytes.Clone(saved)), 0o644); err != nil {
			t.Fatal(err)
		}
		d := openCheckMemo(dir, false)
		if d.Passed("k1") || d.Passed("k2") || d.Passed("k3") || d.Passed("k9") {
			t.Errorf("%s: a damaged memo gave a pass", name)
		}
	}

	off := openCheckMemo(dir, true)
	off.Pass("k5")
	if err := off.save(); err != nil {
		t.Fatal(err)
	}
	if off.Passed("k5") || openCheckMemo(dir, false).Passed("k5") {
		t.Error("a memo turned off kept a pass")
	}
}
