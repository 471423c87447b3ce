package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/bench/gen"
	"github.com/foiwire/foiwire/export"
	"github.com/foiwire/foiwire/internal/testenv"
)

func openTestBookCache(t testing.TB, dir string) *bookCache {
	t.Helper()
	c, err := openBookCache(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if c == nil {
		t.Skip("the program cannot be named here")
	}
	return c
}

// TestBookCache: a kept segment comes back as kept, only for its own
// bytes and spec; a damaged file is not used; prune keeps only what was
// used, and the read cache's prune leaves the segments alone.
func TestBookCache(t *testing.T) {
	dir := t.TempDir()
	c := openTestBookCache(t, dir)
	plain, deflated := []byte("<row><c><v>1</v></c></row>"), []byte("compressed one")
	if _, ok := c.Get(nil, "spec", plain); ok {
		t.Fatal("an empty cache gave a segment")
	}
	c.Put("spec", plain, deflated)
	c.Put("spec", []byte("<row><c><v>2</v></c></row>"), []byte("compressed two"))
	got, ok := c.Get([]byte("before "), "spec", plain)
	if !ok || string(got) != "before compressed one" {
		t.Fatalf("got %q, %v", got, ok)
	}
	if _, ok := c.Get(nil, "other spec", plain); ok {
		t.Error("a segment came back for another spec")
	}
	if _, ok := c.Get(nil, "spec", []byte("<row><c><v>3</v></c></row>")); ok {
		t.Error("a segment came back for other bytes of the same length")
	}

	// Damage the second segment's file: one byte of its compressed
	// bytes, then (summed again) its length.
	name := c.path(c.name("spec", []byte("<row><c><v>2</v></c></row>")))
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(good)
	bad[len(bad)-1] ^= 1
	os.WriteFile(name, bad, 0o644)
	if b, ok := c.Get(nil, "spec", []byte("<row><c><v>2</v></c></row>")); ok {
		t.Errorf("a damaged segment was used: %q", b)
	}
	os.WriteFile(name, good[:len(good)-3], 0o644)
	if _, ok := c.Get(nil, "spec", []byte("<row><c><v>2</v></c></row>")); ok {
		t.Error("a cut-short segment was used")
	}

	// A new build uses only the first segment.
	os.WriteFile(filepath.Join(c.dir, "x.seg.123.tmp"), nil, 0o644)
	c2 := openTestBookCache(t, dir)
	if _, ok := c2.Get(nil, "spec", plain); !ok {
		t.Fatal("a kept segment was not found by the next build")
	}
	// The read cache, pruned first, leaves the workbook's folder alone.
	rc, err := openReadCache(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := rc.prune(); err != nil {
		t.Fatal(err)
	}
	if err := c2.prune(); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(c.dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range ents {
		left = append(left, e.Name())
	}
	if want := []string{c.name("spec", plain) + ".seg"}; !slices.Equal(left, want) {
		t.Errorf("after prune: %q, want %q", left, want)
	}
}

// bookData builds a campaign of the given size, with no cache, and gives
// the workbook a build of it writes.
func bookData(t testing.TB, o gen.Options) (export.Data, string) {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	if _, err := gen.Campaign(ctx, dir, o); err != nil {
		t.Fatal(err)
	}
	res, err := Build(ctx, Options{Dir: dir, NoCache: true, Now: func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return export.Data{Figures: res.Figures, Review: nonNil(res.Review), Facts: nonNil(res.Facts),
		Stories: nonNil(res.StoryRecords), Names: authorityName(res.Campaign)}, dir
}

// changeOne gives d with one authority's figures changed: the first one's
// label says which version n this is, and for odd n it is there twice,
// so the rows after it move down a row.
func changeOne(d export.Data, id string, n int) export.Data {
	i := slices.IndexFunc(d.Figures, func(f foiwire.Figure) bool { return f.Authority == id })
	if i < 0 {
		panic("no figures of " + id)
	}
	f := d.Figures[i]
	f.Label = fmt.Sprintf("Revision %d: row withdrawn pending review", n)
	figs := slices.Concat(d.Figures[:i], []foiwire.Figure{f}, d.Figures[i+1:])
	if n%2 == 1 {
		figs = slices.Insert(figs, i, f)
	}
	d.Figures = figs
	return d
}

func workbookBytes(t testing.TB, d export.Data, c export.SegmentCache) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if c == nil || c == (*bookCache)(nil) {
		err = export.WriteWorkbook(&b, d)
	} else {
		err = export.WriteWorkbookReusing(&b, d, c)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWorkbookFromCacheSameBytes: a workbook written with the segments
// the last one kept is the bytes of one written whole, after one
// authority's rows changed and moved the rows after them, and after a kept
// segment was damaged; and it reuses most segments.
func TestWorkbookFromCacheSameBytes(t *testing.T) {
	d, dir := bookData(t, gen.Options{Forces: 6, Replies: 3, Rows: 12, Seed: 3})
	c := openTestBookCache(t, dir)
	if got, want := workbookBytes(t, d, c), workbookBytes(t, d, nil); !bytes.Equal(got, want) {
		t.Fatal("a workbook written into an empty cache differs from one written whole")
	}
	if err := c.prune(); err != nil {
		t.Fatal(err)
	}
	kept, err := filepath.Glob(filepath.Join(c.dir, "*.seg"))
	if err != nil || len(kept) < 6 {
		t.Fatalf("%d segments kept, %v", len(kept), err)
	}
	id := d.Figures[len(d.Figures)/2].Authority
	for n := range 3 {
		c := openTestBookCache(t, dir)
		d := changeOne(d, id, n)
		if n == 2 {
			// Damage every kept segment: each must be found out and
			// deflated again.
			for _, k := range kept {
				b, err := os.ReadFile(k)
				if err != nil {
					t.Fatal(err)
				}
				b[len(b)/2] ^= 0x10
				os.WriteFile(k, b, 0o644)
			}
		}
		got := workbookBytes(t, d, c)
		if want := workbookBytes(t, d, nil); !bytes.Equal(got, want) {
			t.Fatalf("version %d: a workbook written with kept segments differs from one written whole", n)
		}
		if err := c.prune(); err != nil {
			t.Fatal(err)
		}
		fresh, err := filepath.Glob(filepath.Join(c.dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.used) != len(fresh) {
			t.Errorf("version %d: %d segments used, %d files left after prune", n, len(c.used), len(fresh))
		}
		made := 0
		for _, f := range fresh {
			if !slices.Contains(kept, f) {
				made++
			}
		}
		// The changed authority's segment of figures, and no other.
		if n < 2 && made != 1 {
			t.Errorf("version %d: %d of %d segments deflated again, want 1", n, made, len(fresh))
		}
		kept = fresh
	}
	// The damaged segments were deflated again and kept anew: the same
	// workbook again takes every segment from the cache.
	c2 := &countingCache{bookCache: openTestBookCache(t, dir)}
	if got, want := workbookBytes(t, changeOne(d, id, 2), c2), workbookBytes(t, changeOne(d, id, 2), nil); !bytes.Equal(got, want) {
		t.Fatal("the same workbook again differs")
	}
	if c2.hits != c2.gets || c2.gets != len(kept) {
		t.Errorf("%d of %d segments from the cache, want all %d", c2.hits, c2.gets, len(kept))
	}
}

// countingCache counts the segments asked of a bookCache and found.
type countingCache struct {
	*bookCache
	gets, hits int
}

func (c *countingCache) Get(dst []byte, spec string, plain []byte) ([]byte, bool) {
	b, ok := c.bookCache.Get(dst, spec, plain)
	c.gets++
	if ok {
		c.hits++
	}
	return b, ok
}

// BenchmarkWorkbook440Rebuild writes the workbook of the 44-force ×
// 10-reply benchmark campaign again after one authority's figures
// changed, with the segments the last workbook kept, as a rebuild does;
// BenchmarkWorkbook440 in ./export is the whole workbook written cold.
// The campaign takes turns between two versions of the authority's
// figures, one a row longer, made before the timing starts: the CPU
// reported counts the work between timed parts too.
func BenchmarkWorkbook440Rebuild(b *testing.B) {
	d, dir := bookData(b, gen.Options{Forces: 44, Replies: 10, Rows: 12, Seed: 1})
	versions := []export.Data{changeOne(d, "dorset", 1), changeOne(d, "dorset", 2)}
	c := openTestBookCache(b, dir)
	workbookBytes(b, versions[1], c)
	if err := c.prune(); err != nil {
		b.Fatal(err)
	}
	n := 0
	var size int64
	b.ReportAllocs()
	b.ResetTimer()
	defer testenv.ReportCPU(b)()
	for b.Loop() {
		c := openTestBookCache(b, dir)
		var w countWriter
		if err := export.WriteWorkbookReusing(&w, versions[n%2], c); err != nil {
			b.Fatal(err)
		}
		if err := c.prune(); err != nil {
			b.Fatal(err)
		}
		n++
		size = int64(w)
	}
	b.ReportMetric(float64(size), "file-bytes")
}

// countWriter counts the bytes written to it and keeps none.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
