package sqlstore

import (
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestRebind(t *testing.T) {
	pg := Dialect{Numbered: true}
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
		{"VALUES (?, 'it''s ?', ?)", "VALUES ($1, 'it''s ?', $2)"},
	}
	for _, tt := range tests {
		if got := pg.rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := (Dialect{}).rebind(tt.in); got != tt.in {
			t.Errorf("SQLite rebind(%q) changed it to %q", tt.in, got)
		}
	}
}

// FuzzRebind checks that every ? outside quotes becomes the next $n and
// nothing else changes.
func FuzzRebind(f *testing.F) {
	for _, s := range []string{"a = ?", "'?' ?", "(?, ?, ?)", "''?''", "?'?"} {
		f.Add(s)
	}
	pg := Dialect{Numbered: true}
	f.Fuzz(func(t *testing.T, q string) {
		for i := 0; i+1 < len(q); i++ {
			if q[i] == '?' && q[i+1] >= '0' && q[i+1] <= '9' {
				t.Skip("a placeholder followed by a digit is not SQL")
			}
		}
		got := pg.rebind(q)
		// Undo: $n back to ?, checking the numbers run 1, 2, 3...
		var b strings.Builder
		n := 0
		inQuote := false
		for i := 0; i < len(got); i++ {
			c := got[i]
			if c == '\'' {
				inQuote = !inQuote
			}
			if c == '$' && !inQuote {
				j := i + 1
				for j < len(got) && got[j] >= '0' && got[j] <= '9' {
					j++
				}
				if num, err := strconv.Atoi(got[i+1 : j]); err == nil && num == n+1 {
					n++
					b.WriteByte('?')
					i = j - 1
					continue
				}
			}
			b.WriteByte(c)
		}
		if !strings.Contains(q, "$") && b.String() != q {
			t.Fatalf("rebind(%q) = %q, which does not read back", q, got)
		}
	})
}

func TestInternerKeepsOneCopy(t *testing.T) {
	in := interner{}
	a := in.of([]byte("force-a"))
	b := in.of([]byte("force-a"))
	if a != "force-a" || unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("two copies of %q", a)
	}
	buf := []byte("xyz")
	c := in.of(buf)
	buf[0] = 'Q' // the scanner reuses its bytes
	if c != "xyz" || in.of([]byte("xyz")) != "xyz" {
		t.Errorf("interned string changed with the bytes it came from: %q", c)
	}
}
