package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"log/slog"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/foiwire/foiwire"
)

// The figures of the last build are kept under DIR/.foiwire/cache/figures,
// one file per authority, each with the version of the authority's
// figures it was read at (foiwire.ReplyStore.FigureVersions). The
// database stays the only source of figures: a rebuild asks it for the
// versions, keeps the authorities whose version stands and reads the rest
// again. Reading every figure back was, after reading the replies, the
// largest part of a rebuild in which one reply changed; this makes it a
// read of one authority's, and a write of one file.
//
// A file is a magic line, the authority, its version, the figure count
// and the figures (appendFigure's encoding), then the SHA-256 of
// everything before it. A file that does not check out is no file.

const figureCacheMagic = "foiwire figures 1\n"

// figureCache is the folder of kept figures, and, in a process that
// builds more than once, the same figures in memory.
type figureCache struct {
	dir string   // "" when off
	mem *Session // nil when the process keeps nothing
	// early, when set, gives what read gives, read while the build did
	// other work (readEarly).
	early func() map[string]authorityFigures
}

type authorityFigures struct {
	version string
	figs    []foiwire.Figure
	// digests are digestFigures(figs), worked out when the figures were
	// kept, for the saved ledger's check (checkSkipped).
	digests map[docKey]digest
}

// openFigureCache gives the figure cache beside the read cache; it is off
// when the read cache is.
func openFigureCache(cache *readCache) figureCache {
	if cache.dir == "" {
		return figureCache{}
	}
	return figureCache{dir: filepath.Join(cache.dir, "figures")}
}

// load returns every stored figure, in the store's order (by authority,
// then as Figures orders them), reading from the database only the
// authorities whose figures changed since they were kept, and keeps those
// for the next build. With the figures come their digests by document
// (digestFigures), nil when the cache is off.
func (c figureCache) load(ctx context.Context, db foiwire.ReplyStore, log *slog.Logger) ([]foiwire.Figure, map[docKey]digest, error) {
	if c.dir == "" {
		figs, err := db.Figures(ctx, "")
		return figs, nil, err
	}
	versions, err := db.FigureVersions(ctx)
	if err != nil {
		return nil, nil, err
	}
	var kept map[string]authorityFigures
	switch {
	case c.mem != nil && c.mem.figures != nil:
		kept = c.mem.figures
	case c.early != nil:
		kept = c.early()
	default:
		kept = c.read()
	}
	auths := slices.Sorted(maps.Keys(versions))
	var stale []string
	isStale := map[string]bool{}
	for _, a := range auths {
		if k, ok := kept[a]; !ok || k.version != versions[a] || versions[a] == "" {
			stale = append(stale, a)
			isStale[a] = true
		}
	}
	fresh := map[string][]foiwire.Figure{}
	var out []foiwire.Figure
	fullRead := false
	switch {
	case len(stale) == 0:
	case len(stale) > len(auths)/4:
		// Most of it changed (a first build): one read of everything
		// costs less than one per authority, and is the answer as it
		// stands, with no copy made (a large campaign's figures are
		// tens of megabytes).
		all, err := db.Figures(ctx, "")
		if err != nil {
			return nil, nil, err
		}
		for i := 0; i < len(all); {
			j := i + 1
			for j < len(all) && all[j].Authority == all[i].Authority {
				j++
			}
			fresh[all[i].Authority] = all[i:j:j]
			i = j
		}
		out, fullRead = all, true
		for _, a := range auths {
			isStale[a] = true // what the kept files hold gives way to all
		}
		stale = auths
	default:
		for _, a := range stale {
			if fresh[a], err = db.Figures(ctx, a); err != nil {
				return nil, nil, err
			}
		}
	}
	next := make(map[string]authorityFigures, len(auths))
	n := 0
	for _, a := range auths {
		af := kept[a]
		if isStale[a] {
			// None when the authority has no figures left.
			af = authorityFigures{figs: fresh[a], digests: digestFigures(fresh[a])}
		}
		af.version = versions[a]
		next[a] = af
		n += len(af.figs)
	}
	digests := map[docKey]digest{}
	for _, a := range auths {
		maps.Copy(digests, next[a].digests)
	}
	if out == nil {
		out = make([]foiwire.Figure, 0, n)
		for _, a := range auths {
			out = append(out, next[a].figs...)
		}
	}
	after := versions
	if len(stale) > 0 {
		// A version that moved while the figures were being read may
		// name figures newer than those read: such an authority is not
		// kept.
		if after, err = db.FigureVersions(ctx); err != nil {
			return nil, nil, err
		}
		for _, a := range stale {
			switch {
			case versions[a] == "":
				os.Remove(c.path(a)) // figures with no version are never kept
			case after[a] == versions[a]:
				if err := c.write(a, next[a]); err != nil {
					// Only the next build's speed depends on it.
					log.Warn("figures not kept for the next build", "authority", a, "err", err)
				}
			}
		}
	}
	for a := range kept {
		if _, ok := next[a]; !ok {
			os.Remove(c.path(a))
		}
	}
	if c.mem != nil {
		// What is kept in memory must not be what the build goes on to
		// change in place (corrections, conflicts): after a full read
		// the authorities' figures are the returned slice itself.
		keep := make(map[string]authorityFigures, len(next))
		for a, af := range next {
			if versions[a] == "" || after[a] != versions[a] {
				continue
			}
			if fullRead {
				af.figs = slices.Clone(af.figs)
			}
			keep[a] = af
		}
		c.mem.figures = keep
	}
	return out, digests, nil
}

// readEarly starts reading the kept figures, unless the session holds
// them, so that they are ready by the time load needs them: a build reads
// them while it reads the replies, which mostly waits on the disk and the
// database. What was read then is still checked against the versions the
// store gives at load, like anything read from the folder.
func (c *figureCache) readEarly() {
	if c.dir == "" || (c.mem != nil && c.mem.figures != nil) {
		return
	}
	got := make(chan map[string]authorityFigures, 1)
	folder := *c // read works from a copy: c itself is changed below
	go func() { got <- folder.read() }()
	c.early = sync.OnceValue(func() map[string]authorityFigures { return <-got })
}

// path is the file that keeps an authority's figures.
func (c figureCache) path(authority string) string {
	return filepath.Join(c.dir, url.PathEscape(authority)+".bin")
}

// read returns the kept figures by authority, leaving out any file that
// does not check out.
func (c figureCache) read() map[string]authorityFigures {
	ents, err := os.ReadDir(c.dir)
	if err != nil {
		return nil
	}
	ents = slices.DeleteFunc(ents, func(e os.DirEntry) bool { return !strings.HasSuffix(e.Name(), ".bin") })
	// The files are read and decoded on every processor: nothing else
	// runs while a build waits for its figures.
	type one struct {
		authority string
		af        authorityFigures
		ok        bool
	}
	got := make([]one, len(ents))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ents)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(ents); i = int(next.Add(1)) - 1 {
				name := filepath.Join(c.dir, ents[i].Name())
				b, err := os.ReadFile(name)
				if err != nil {
					continue
				}
				if a, af, err := decodeFigureFile(b); err == nil && c.path(a) == name {
					got[i] = one{a, af, true}
				}
			}
		})
	}
	wg.Wait()
	out := make(map[string]authorityFigures, len(ents))
	for _, g := range got {
		if g.ok {
			out[g.authority] = g.af
		}
	}
	return out
}

func (c figureCache) write(authority string, af authorityFigures) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	return writeCacheFile(c.path(authority), encodeFigureFile(authority, af))
}

// encodeFigureFile lays out one authority's kept figures, then their
// digests by document (worked out here when af has none).
func encodeFigureFile(authority string, af authorityFigures) []byte {
	b := make([]byte, 0, 64+len(af.figs)*160)
	b = append(b, figureCacheMagic...)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(authority)
	str(af.version)
	b = binary.AppendUvarint(b, uint64(len(af.figs)))
	for i := range af.figs {
		b = appendFigure(b, &af.figs[i])
	}
	ds := af.digests
	if ds == nil {
		ds = digestFigures(af.figs)
	}
	keys := slices.SortedFunc(maps.Keys(ds), func(x, y docKey) int { return strings.Compare(x.sha, y.sha) })
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		str(k.authority)
		str(k.sha)
		b = binary.AppendUvarint(b, uint64(ds[k].n))
		for _, x := range ds[k].sum {
			b = binary.LittleEndian.AppendUint64(b, x)
		}
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

var errBadFigureCache = errors.New("kept figures do not check out")

// decodeFigureFile reads what encodeFigureFile wrote, or returns
// errBadFigureCache.
func decodeFigureFile(b []byte) (string, authorityFigures, error) {
	if len(b) < len(figureCacheMagic)+sha256.Size || !bytes.HasPrefix(b, []byte(figureCacheMagic)) {
		return "", authorityFigures{}, errBadFigureCache
	}
	body := b[:len(b)-sha256.Size]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], b[len(body):]) {
		return "", authorityFigures{}, errBadFigureCache
	}
	return decodeFigures(body[len(figureCacheMagic):])
}

// decodeFigures reads the authority, version and figures that follow the
// magic line.
func decodeFigures(b []byte) (string, authorityFigures, error) {
	d := figureDecoder{b: b, src: string(b), dates: map[string]foiwire.Date{}}
	a, v := d.str(), d.str()
	k := d.count()
	var figs []foiwire.Figure
	var values []int64
	if k > 0 {
		figs = make([]foiwire.Figure, 0, k)
		values = make([]int64, k)
	}
	for i := range k {
		figs = append(figs, d.figure(&values[i]))
		if d.err != nil {
			break
		}
	}
	nd := d.count()
	digests := make(map[docKey]digest, min(nd, 1024))
	for range nd {
		k := docKey{authority: d.str(), sha: d.str()}
		g := digest{n: int(d.uvarint())}
		for j := range g.sum {
			g.sum[j] = d.uint64()
		}
		if d.err != nil {
			break
		}
		digests[k] = g
	}
	if d.err != nil || len(d.b) != 0 {
		return "", authorityFigures{}, errBadFigureCache
	}
	return a, authorityFigures{version: v, figs: figs, digests: digests}, nil
}

// figureDecoder reads appendFigure's encoding. Its strings are cut from
// src, one copy of the whole encoding made once, so that a file's
// thousands of figures cost one allocation for all their strings and
// none for a lookup; dates, which repeat, are parsed once.
type figureDecoder struct {
	b     []byte // what is left to read: a tail of src's bytes
	src   string // the bytes being read, as a string
	err   error
	dates map[string]foiwire.Date
}

func (d *figureDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *figureDecoder) uint64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *figureDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length that cannot be more than the bytes left.
func (d *figureDecoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *figureDecoder) fail() {
	d.err = errBadFigureCache
	d.b = nil
}

func (d *figureDecoder) raw() []byte {
	n := d.count()
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *figureDecoder) str() string {
	n := d.count()
	at := len(d.src) - len(d.b)
	d.b = d.b[n:]
	return d.src[at : at+n]
}

func (d *figureDecoder) date() foiwire.Date {
	raw := d.raw()
	if v, ok := d.dates[string(raw)]; ok {
		return v
	}
	v, err := foiwire.ParseDate(string(raw))
	if err != nil {
		d.fail()
		return foiwire.Date{}
	}
	d.dates[string(raw)] = v
	return v
}

func (d *figureDecoder) flag() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// figure reads one figure, field by field in appendFigure's order; its
// value, if it has one, is kept in *value.
func (d *figureDecoder) figure(value *int64) foiwire.Figure {
	var f foiwire.Figure
	f.Authority = d.str()
	f.Question = d.str()
	f.Measure = foiwire.Measure(d.str())
	f.Start = d.date()
	f.End = d.date()
	f.Label = d.str()
	f.Category = d.str()
	f.Series = d.str()
	if d.flag() {
		*value = d.varint()
		f.Value = value
	}
	f.Status = foiwire.Status(d.str())
	f.IsTotal = d.flag()
	f.Confidence = foiwire.Confidence(d.str())
	f.Reason = d.str()
	f.AuthorityFrom = d.str()
	f.Source.Document = d.str()
	f.Source.File = d.str()
	f.Source.Table = int(d.varint())
	f.Source.Row = int(d.varint())
	f.Source.Col = int(d.varint())
	f.Source.Text = d.str()
	return f
}
