package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

// TestChartCache: a kept chart comes back as kept, a damaged file is not
// used, and prune keeps only what this build used.
func TestChartCache(t *testing.T) {
	dir := t.TempDir()
	c, err := openChartCache(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if c.dir == "" {
		t.Skip("the program cannot be named here")
	}
	if _, _, ok := c.Get("k1"); ok {
		t.Fatal("an empty cache gave a chart")
	}
	c.Put("k1", []byte("<svg/>"), []byte("PNG1"))
	c.Put("k2", []byte("<svg>2</svg>"), []byte("PNG2"))
	svg, png, ok := c.Get("k1")
	if !ok || string(svg) != "<svg/>" || string(png) != "PNG1" {
		t.Fatalf("got %q %q %v", svg, png, ok)
	}
	// Damage k2's file: one byte changed.
	name := filepath.Join(c.dir, c.name("k2")+".chart")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := c.Get("k2"); ok {
		t.Error("a damaged chart was used")
	}
	// A new build that uses only k1 prunes k2.
	c2, _ := openChartCache(dir, false)
	if _, _, ok := c2.Get("k1"); !ok {
		t.Fatal("k1 lost between builds")
	}
	if err := c2.prune(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("an unused chart survived the prune: %v", err)
	}
	if _, _, ok := c2.Get("k1"); !ok {
		t.Error("the used chart was pruned")
	}
	off, _ := openChartCache(dir, true)
	off.Put("k3", []byte("x"), []byte("y"))
	if _, _, ok := off.Get("k3"); ok {
		t.Error("a cache turned off kept a chart")
	}
}
