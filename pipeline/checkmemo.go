package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// CheckFile is where a campaign keeps the keys of the stories whose
// self-check passed in its last build, beside the chart cache, so that a
// rebuild checks again only the stories whose words or linked facts
// changed.
const CheckFile = ".foiwire/checks"

// checkMemo keeps the self-check's passes in one file: a header naming
// the program, the keys one to a line in order, and a last line with the
// SHA-256 of all before it. A file that does not match its sum, or was
// written by another program, is not used. It implements
// story.CheckMemo.
type checkMemo struct {
	name   string // "" when off
	header string // names the format and the program checking
	mu     sync.Mutex
	old    map[string]bool // the passes of the last build, by this program
	used   map[string]bool // the passes this build found or made
}

// openCheckMemo reads the check memo of campaign directory dir; off turns
// it off.
func openCheckMemo(dir string, off bool) *checkMemo {
	m := &checkMemo{old: map[string]bool{}, used: map[string]bool{}}
	if off {
		return m
	}
	exe, err := executableHash()
	if err != nil {
		return m // without knowing the program, no verdict can be trusted
	}
	m.name = filepath.Join(dir, filepath.FromSlash(CheckFile))
	m.header = "checks 1\nprogram " + exe + "\n"
	b, err := os.ReadFile(m.name)
	if err != nil {
		return m // none yet, or unreadable: every story is checked
	}
	i := bytes.LastIndex(b, []byte("\nsum ")) + 1
	if i == 0 || !bytes.HasPrefix(b, []byte(m.header)) {
		return m
	}
	body, sum := b[:i], b[i+len("sum "):]
	if h := sha256.Sum256(body); string(sum) != hex.EncodeToString(h[:])+"\n" {
		return m
	}
	for line := range strings.Lines(string(body[len(m.header):])) {
		m.old[strings.TrimSuffix(line, "\n")] = true
	}
	return m
}

// Passed reports whether the story with this key passed the check in the
// last build.
func (m *checkMemo) Passed(key string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.old[key] {
		return false
	}
	m.used[key] = true
	return true
}

// Pass keeps the key of a story that passed.
func (m *checkMemo) Pass(key string) {
	m.mu.Lock()
	m.used[key] = true
	m.mu.Unlock()
}

// save keeps this build's passes, and only them, for the next build. A
// build whose passes are the last build's writes nothing.
func (m *checkMemo) save() error {
	if m.name == "" || maps.Equal(m.old, m.used) {
		return nil
	}
	var b strings.Builder
	b.WriteString(m.header)
	for _, k := range slices.Sorted(maps.Keys(m.used)) {
		b.WriteString(k + "\n")
	}
	h := sha256.Sum256([]byte(b.String()))
	b.WriteString("sum " + hex.EncodeToString(h[:]) + "\n")
	if err := os.MkdirAll(filepath.Dir(m.name), 0o755); err != nil {
		return fmt.Errorf("check memo: %w", err)
	}
	if err := writeCacheFile(m.name, []byte(b.String())); err != nil {
		return fmt.Errorf("check memo: %w", err)
	}
	return nil
}
