package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ChartDir is where a campaign keeps the charts of its last build, beside
// the read cache, so that a rebuild draws only the charts that changed.
const ChartDir = ".foiwire/charts"

// chartCache keeps drawn charts in files named by the program and what
// the chart draws. Each file is a SHA-256 of the rest, the SVG's length
// and the SVG and PNG bytes; a file that does not match its sum is not
// used. It implements story.ChartCache.
type chartCache struct {
	dir  string // "" when off
	base string // names the program drawing
	mu   sync.Mutex
	used map[string]bool
}

// openChartCache prepares the chart cache of campaign directory dir; off
// turns it off.
func openChartCache(dir string, off bool) (*chartCache, error) {
	c := &chartCache{used: map[string]bool{}}
	if off {
		return c, nil
	}
	exe, err := executableHash()
	if err != nil {
		return c, nil // without knowing the program, no drawing can be trusted
	}
	c.dir = filepath.Join(dir, filepath.FromSlash(ChartDir))
	c.base = "charts 1\nprogram " + exe + "\n"
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return nil, fmt.Errorf("chart cache: %w", err)
	}
	return c, nil
}

func (c *chartCache) name(key string) string {
	h := sha256.Sum256([]byte(c.base + key))
	return hex.EncodeToString(h[:])
}

func (c *chartCache) markUsed(name string) {
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
}

// Get gives the chart drawn for key by an earlier build of this program.
func (c *chartCache) Get(key string) (svg, png []byte, ok bool) {
	if c.dir == "" {
		return nil, nil, false
	}
	name := c.name(key)
	b, err := os.ReadFile(filepath.Join(c.dir, name+".chart"))
	if err != nil || len(b) < sha256.Size+8 {
		return nil, nil, false
	}
	sum, rest := b[:sha256.Size], b[sha256.Size:]
	if h := sha256.Sum256(rest); !bytes.Equal(h[:], sum) {
		return nil, nil, false
	}
	n := binary.LittleEndian.Uint64(rest)
	rest = rest[8:]
	if n > uint64(len(rest)) {
		return nil, nil, false
	}
	c.markUsed(name)
	return rest[:n:n], rest[n:], true
}

// Put keeps the chart drawn for key. A chart that cannot be kept is drawn
// again next time.
func (c *chartCache) Put(key string, svg, png []byte) {
	if c.dir == "" {
		return
	}
	name := c.name(key)
	rest := binary.LittleEndian.AppendUint64(nil, uint64(len(svg)))
	rest = append(append(rest, svg...), png...)
	h := sha256.Sum256(rest)
	if writeCacheFile(filepath.Join(c.dir, name+".chart"), append(h[:], rest...)) != nil {
		return
	}
	c.markUsed(name)
}

// prune removes the charts this build did not draw or use.
func (c *chartCache) prune() error {
	if c.dir == "" {
		return nil
	}
	if err := pruneUnused(c.dir, ".chart", c.used); err != nil {
		return fmt.Errorf("chart cache: %w", err)
	}
	return nil
}

// pruneUnused removes every file in dir but those named NAME+suffix for a
// NAME used says yes to: what a cache's last build did not use, and the
// temporary files of a build that was stopped.
func pruneUnused(dir, suffix string, used map[string]bool) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), suffix); ok && used[name] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
