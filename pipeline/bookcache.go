package pipeline

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// bookDir is where a campaign keeps the compressed segments of its last
// workbook, under its cache folder (whose prune leaves folders alone), so
// that a rebuild deflates only the segments whose rows changed.
const bookDir = CacheDir + "/workbook"

// bookCache keeps the compressed segments of OUT/campaign.xlsx, one file
// each, named by the program and the segment's bytes. A file holds the
// CRC-32C of the rest, the segment's length and its compressed bytes; a
// file that does not match its sum or length is not used. It implements
// export.SegmentCache; the workbook's one goroutine calls it.
type bookCache struct {
	dir  string
	base string // names the program compressing
	used map[string]bool
}

// segHeader is the size of a segment file's sum and length.
const segHeader = 4 + 8

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// openBookCache prepares the workbook cache of campaign directory dir; it
// returns nil, and the workbook is written whole, when off or when the
// program cannot be named.
func openBookCache(dir string, off bool) (*bookCache, error) {
	if off {
		return nil, nil
	}
	exe, err := executableHash()
	if err != nil {
		return nil, nil // without knowing the program, no compressed bytes can be trusted
	}
	c := &bookCache{dir: filepath.Join(dir, filepath.FromSlash(bookDir)), base: "workbook segments 1\nprogram " + exe + "\n", used: map[string]bool{}}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return nil, fmt.Errorf("workbook cache: %w", err)
	}
	return c, nil
}

// name names a segment of plain's bytes compressed as spec says. The
// segment's bytes are summed with two CRC-32s of different polynomials
// and its length, not hashed with SHA-256: the workbook's 15 MB of XML
// take SHA-256 as long as deflating them, and the CRCs a thirtieth. Two
// different segments of the same length share both CRCs once in 2^64 by
// chance, and never when they differ in a run of up to 32 bits; segments
// are written by the build from its own figures, not chosen to collide.
func (c *bookCache) name(spec string, plain []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s%s\nlength %d crc32 %08x crc32c %08x\n", c.base, spec, len(plain),
		crc32.ChecksumIEEE(plain), crc32.Checksum(plain, castagnoli))
	return hex.EncodeToString(h.Sum(nil))
}

func (c *bookCache) path(name string) string { return filepath.Join(c.dir, name+".seg") }

// Get appends to dst the compressed bytes kept for plain and spec.
func (c *bookCache) Get(dst []byte, spec string, plain []byte) ([]byte, bool) {
	name := c.name(spec, plain)
	f, err := os.Open(c.path(name))
	if err != nil {
		return dst, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() < segHeader || st.Size() > int64(len(plain))+(64<<10) {
		return dst, false
	}
	// The file is read into dst's room, not a buffer of its own: a
	// rebuild reads a few hundred of them.
	n := int(st.Size())
	dst = slices.Grow(dst, n)
	b := dst[len(dst) : len(dst)+n]
	if _, err := io.ReadFull(f, b); err != nil {
		return dst, false
	}
	if binary.LittleEndian.Uint32(b) != crc32.Checksum(b[4:], castagnoli) ||
		binary.LittleEndian.Uint64(b[4:]) != uint64(len(plain)) {
		return dst, false
	}
	c.used[name] = true
	return append(dst, b[segHeader:]...), true
}

// Put keeps a segment's compressed bytes. One that cannot be kept is
// compressed again next time.
func (c *bookCache) Put(spec string, plain, deflated []byte) {
	name := c.name(spec, plain)
	b := make([]byte, segHeader, segHeader+len(deflated))
	binary.LittleEndian.PutUint64(b[4:], uint64(len(plain)))
	b = append(b, deflated...)
	binary.LittleEndian.PutUint32(b, crc32.Checksum(b[4:], castagnoli))
	if writeCacheFile(c.path(name), b) == nil {
		c.used[name] = true
	}
}

// prune removes the segments the workbook just written did not use, and
// temporary files a killed build left. It is called only once a workbook
// was written whole: one stopped halfway used only some of the segments
// still good.
func (c *bookCache) prune() error {
	if err := pruneUnused(c.dir, ".seg", c.used); err != nil {
		return fmt.Errorf("workbook cache: %w", err)
	}
	return nil
}
