package pipeline

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/dataset"
)

// ReaderVersion names the reply reader's rules. Cached reads made under
// another version are not used; the build's own executable is hashed into
// the cache key as well, so a rebuilt program never trusts reads made by
// an older one, whatever this says.
const ReaderVersion = "1"

// CacheDir is where a campaign's read cache lives, under its directory.
const CacheDir = ".foiwire/cache"

// readCache keeps what reading each reply gave, one file per read under
// DIR/.foiwire/cache, named for the SHA-256 of everything the read depends
// on: the reply's bytes, its authority folder and name, the reader (its
// version and the program's own bytes), campaign.yaml and the day (for
// "so far"). An unchanged reply is then not read again. A missing,
// unreadable or stale entry is only a miss: the reply is read as usual.
type readCache struct {
	dir  string // "" when caching is off
	base []byte // what every key shares: reader and campaign
	mu   sync.Mutex
	used map[string]bool
	// checked is set once a read has been written and read back; broken
	// when it did not come back the same, which turns caching off.
	checked, broken atomic.Bool
}

// cacheEntry is one cached read. Err keeps dataset.Read's error text: it
// is reported, never tested for its type.
type cacheEntry struct {
	Version string          `json:"version"`
	Output  *dataset.Output `json:"output"`
	Err     string          `json:"err,omitempty"`
}

// openReadCache prepares the cache of campaign directory dir. off turns
// caching off: every reply is read and nothing is written.
func openReadCache(dir string, off bool) (*readCache, error) {
	if off {
		return &readCache{}, nil
	}
	exe, err := executableHash()
	if err != nil {
		// Without knowing which program reads, no cached read can be
		// trusted: read everything.
		return &readCache{}, nil
	}
	yml, err := os.ReadFile(filepath.Join(dir, campaign.FileName))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read cache: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "reader %s\nprogram %s\ncampaign.yaml %x\n", ReaderVersion, exe, sha256.Sum256(yml))
	c := &readCache{dir: filepath.Join(dir, filepath.FromSlash(CacheDir)), base: h.Sum(nil), used: map[string]bool{}}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return nil, fmt.Errorf("read cache: %w", err)
	}
	return c, nil
}

// executableHash names the running program's build, worked out once: the
// Go build ID from its ELF note, which the toolchain derives from the
// program's content, or else the SHA-256 of the whole file (a tenth of a
// second for a 30 MB program).
var executableHash = sync.OnceValues(func() (string, error) {
	name, err := os.Executable()
	if err != nil {
		return "", err
	}
	if id := goBuildID(name); id != "" {
		return "buildid " + id, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil)), nil
})

// goBuildID returns the Go build ID noted in an ELF program, "" when
// there is none: "actionID/.../contentID", whose last part is a hash of
// the program itself.
func goBuildID(name string) string {
	f, err := elf.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	b, err := sec.Data()
	// The note is a 12-byte header, "Go\x00\x00", then the ID.
	if err != nil || len(b) <= 16 || string(b[12:16]) != "Go\x00\x00" {
		return ""
	}
	id := strings.TrimRight(string(b[16:]), "\x00")
	if strings.Count(id, "/") < 1 {
		return ""
	}
	return id
}

// key names one read of rf on day now, of bytes whose SHA-256 is sum: the
// saved ledger keeps that hash, so that a reply whose file has not
// changed is keyed without being read.
func (c *readCache) key(rf campaign.ReplyFile, sum [sha256.Size]byte, now foiwire.Date) string {
	if c.dir == "" {
		return ""
	}
	h := sha256.New()
	h.Write(c.base)
	fmt.Fprintf(h, "authority %q\nname %q\nnow %s\ndata %x\n", rf.Authority, rf.Name, now, sum)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *readCache) path(key string) string { return filepath.Join(c.dir, key+".json") }

// get returns the cached read for key, if there is a good one.
func (c *readCache) get(key string) (*dataset.Output, error, bool) {
	if c.dir == "" {
		return nil, nil, false
	}
	c.markUsed(key)
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, nil, false
	}
	var e cacheEntry
	if err := json.Unmarshal(b, &e); err != nil || e.Version != ReaderVersion || e.Output == nil {
		return nil, nil, false
	}
	var rerr error
	if e.Err != "" {
		rerr = errors.New(e.Err)
	}
	return e.Output, rerr, true
}

// put stores a read. A read that would not come back the same from the
// cache file is not stored, so a cached read always equals a fresh one.
func (c *readCache) put(key string, out *dataset.Output, rerr error) error {
	// A failed read is read again next time: its error's kind (a scan
	// waiting for OCR, say) would not survive the cache file.
	if c.dir == "" || out == nil || rerr != nil {
		return nil
	}
	c.markUsed(key)
	e := cacheEntry{Version: ReaderVersion, Output: out}
	if rerr != nil {
		e.Err = rerr.Error()
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	if !c.checked.Load() && len(out.Figures) > 0 {
		// Whether a read survives the file depends on the types, not the
		// reply: checking one read with figures per build is enough, and
		// checking every read would cost a tenth of a cold build.
		var back cacheEntry
		if err := json.Unmarshal(b, &back); err != nil || !sameOutput(back.Output, out) {
			c.broken.Store(true)
		}
		c.checked.Store(true)
	}
	if c.broken.Load() {
		return fmt.Errorf("a read of %s does not survive the cache file; nothing is cached", out.Document.Name)
	}
	return writeCacheFile(c.path(key), b)
}

// writeCacheFile writes a file of the cache folder whole or not at all,
// without waiting for the disk: whatever reads it back checks it.
func writeCacheFile(name string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// sameOutput compares two reads, taking a nil and an empty list as the
// same (JSON does not tell them apart, and neither does anything after
// the read).
func sameOutput(a, b *dataset.Output) bool {
	norm := func(o dataset.Output) dataset.Output {
		if len(o.Figures) == 0 {
			o.Figures = nil
		}
		if len(o.Warnings) == 0 {
			o.Warnings = nil
		}
		return o
	}
	return a != nil && b != nil && reflect.DeepEqual(norm(*a), norm(*b))
}

func (c *readCache) markUsed(key string) {
	c.mu.Lock()
	c.used[key] = true
	c.mu.Unlock()
}

// prune removes the cached reads this build did not use (those of
// replies since changed or removed, or made by another reader or
// campaign.yaml) and temporary files left by a build that was killed. The
// build's other files there (saved.json, the figures folder) are left
// alone.
func (c *readCache) prune() error {
	if c.dir == "" {
		return nil
	}
	ents, err := os.ReadDir(c.dir)
	if err != nil {
		return fmt.Errorf("read cache: %w", err)
	}
	var errs []error
	for _, e := range ents {
		key, ok := strings.CutSuffix(e.Name(), ".json")
		read := ok && len(key) == 2*sha256.Size && strings.Trim(key, "0123456789abcdef") == ""
		if read && c.used[key] || !read && !strings.HasSuffix(e.Name(), ".tmp") {
			continue
		}
		if err := os.Remove(filepath.Join(c.dir, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
