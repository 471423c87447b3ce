package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
)

// memCache is a SegmentCache in memory that counts what it was asked and
// records the segments it was given, in order.
type memCache struct {
	kept       map[string][]byte
	gets, hits int
	segments   [][]byte // every segment asked for, in order
}

func newMemCache() *memCache { return &memCache{kept: map[string][]byte{}} }

func (c *memCache) Get(dst []byte, spec string, plain []byte) ([]byte, bool) {
	c.gets++
	c.segments = append(c.segments, bytes.Clone(plain))
	b, ok := c.kept[spec+"\x00"+string(plain)]
	if !ok {
		return dst, false
	}
	c.hits++
	return append(dst, b...), true
}

func (c *memCache) Put(spec string, plain, deflated []byte) {
	c.kept[spec+"\x00"+string(plain)] = bytes.Clone(deflated)
}

// writeGroups writes two sheets of rows in groups of the given sizes, each
// row's text naming its group, place and sheet, with a Break between
// groups.
func writeGroups(t testing.TB, opts Options, sizes []int, tag func(g int) string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, opts)
	for _, name := range []string{"One", "Two"} {
		if err := w.Sheet(Sheet{Name: name, Header: []string{"group", "n", "text", "empty", "last"}, Width: 14}); err != nil {
			t.Fatal(err)
		}
		for g, n := range sizes {
			if err := w.Break(); err != nil {
				t.Fatal(err)
			}
			for i := range n {
				row := []Cell{String(fmt.Sprintf("group %d", g)), Int(int64(i)),
					String(strings.Repeat(fmt.Sprintf("%s text of row %d of %s ", tag(g), i, name), 1+i%4)), Empty(), Float(float64(i) / 7)}
				if err := w.Row(row); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var groupSizes = []int{300, 20, 700, 5, 5, 5, 400, 3000, 250}

func plainTag(int) string { return "plain" }

// TestSegmentsStandAlone checks what makes a segment reusable: a sheet's
// compressed bytes are its segments, each deflated by a new writer and
// sync-flushed, one after another, and then the final block. A writer
// reset between segments that kept any history would give other bytes.
func TestSegmentsStandAlone(t *testing.T) {
	for _, level := range []int{0, 1, 5, -1, 9} {
		c := newMemCache()
		b := writeGroups(t, Options{Level: level, Segments: c}, groupSizes, plainTag)
		if len(c.segments) < 10 {
			t.Fatalf("level %d: %d segments", level, len(c.segments))
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		segs := c.segments
		lv := level
		if lv == 0 {
			lv = 1 // as Options' 0 means
		}
		for _, f := range zr.File {
			if !strings.HasPrefix(f.Name, "xl/worksheets/") {
				continue
			}
			var want bytes.Buffer
			var plain []byte
			for len(segs) > 0 {
				s := segs[0]
				segs = segs[1:]
				fw, err := flate.NewWriter(&want, lv)
				if err != nil {
					t.Fatal(err)
				}
				fw.Write(s)
				fw.Flush()
				plain = append(plain, s...)
				if bytes.HasSuffix(s, []byte("</worksheet>")) {
					break
				}
			}
			want.Write(finalBlock)
			raw, err := f.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(raw)
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("level %d, %s: %d compressed bytes, not its %d bytes of segments deflated apart", level, f.Name, len(got), want.Len())
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			back, err := io.ReadAll(rc)
			if err != nil || !bytes.Equal(back, plain) {
				t.Errorf("level %d, %s: reads back as %d bytes, %v; want %d", level, f.Name, len(back), err, len(plain))
			}
		}
		if len(segs) != 0 {
			t.Errorf("level %d: %d segments in no sheet", level, len(segs))
		}
	}
}

// TestSegmentCacheSameBytes: a workbook is the same bytes without a
// cache, with an empty one and with one holding all its segments, and a
// workbook whose rows changed in one group is the same bytes with the
// last workbook's segments as without, deflating only that group's.
func TestSegmentCacheSameBytes(t *testing.T) {
	cold := writeGroups(t, Options{}, groupSizes, plainTag)
	c := newMemCache()
	if b := writeGroups(t, Options{Segments: c}, groupSizes, plainTag); !bytes.Equal(b, cold) {
		t.Fatal("a workbook written into an empty cache differs from one written without")
	}
	if c.hits != 0 {
		t.Fatalf("%d hits in an empty cache", c.hits)
	}
	segments := c.gets
	c.gets = 0
	if b := writeGroups(t, Options{Segments: c}, groupSizes, plainTag); !bytes.Equal(b, cold) {
		t.Fatal("a workbook written from the cache differs from one written without")
	}
	if c.hits != segments || c.gets != segments {
		t.Fatalf("%d of %d segments from the cache, want all %d", c.hits, c.gets, segments)
	}

	// Group 2's rows change, and it gains some: the rows after it move
	// down, but their segments stay the same.
	changed := func(g int) string {
		if g == 2 {
			return "changed"
		}
		return "plain"
	}
	sizes := append([]int(nil), groupSizes...)
	sizes[2] += 17
	want := writeGroups(t, Options{}, sizes, changed)
	c.gets, c.hits = 0, 0
	got := writeGroups(t, Options{Segments: c}, sizes, changed)
	if !bytes.Equal(got, want) {
		t.Fatal("a workbook written with an earlier workbook's segments differs from one written without")
	}
	if missed := c.gets - c.hits; missed > 4 { // group 2's segment in each of the two sheets, and what it shares
		t.Errorf("%d of %d segments deflated again after one group changed", missed, c.gets)
	}
	if c.hits == 0 {
		t.Error("no segment was reused")
	}
}

// wrongCache gives back the wrong compressed bytes for every segment.
type wrongCache struct{}

func (wrongCache) Get(dst []byte, _ string, plain []byte) ([]byte, bool) {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, 1)
	fw.Write(bytes.ToUpper(plain))
	fw.Flush()
	return append(dst, b.Bytes()...), true
}

func (wrongCache) Put(string, []byte, []byte) {}

// TestWrongSegmentDetected: a segment a cache gets wrong cannot pass
// unnoticed: the part's CRC-32 is worked out from the rows, not taken from
// the cache, so a reader refuses the part.
func TestWrongSegmentDetected(t *testing.T) {
	b := writeGroups(t, Options{Segments: wrongCache{}}, groupSizes, plainTag)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(rc); err != zip.ErrChecksum {
		t.Fatalf("a sheet of wrong segments reads back with %v, want %v", err, zip.ErrChecksum)
	}
}

// sparse is a sheet of gaps: empty cells at a row's start, middle and
// end, empty rows, and rows shorter and longer than the header.
var sparse = [][]Cell{
	{Empty(), Empty(), String("C2")},
	{},
	{String("A4"), Empty(), Empty(), Int(4), Empty(), Empty()},
	{Empty(), Bool(true), Empty(), Empty(), Empty(), Empty(), Empty(), Float(5.5)},
	{String("A6")},
	{Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(),
		Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(), Empty(),
		Empty(), Empty(), Empty(), String("AB7")},
	{}, {},
	{Int(10), Empty(), Int(-10)},
}

// sparseWant is where each of sparse's values must be read: its cell's
// reference and its text as excelize shows it.
func sparseWant() map[string]string {
	want := map[string]string{"A1": "h1", "C1": "h3"}
	for i, row := range sparse {
		for j, c := range row {
			if c.Kind() == KindEmpty {
				continue
			}
			ref := colName(j) + strconv.Itoa(i+2)
			switch c.Kind() {
			case KindString:
				want[ref] = c.s
			case KindInt:
				want[ref] = strconv.FormatInt(c.n, 10)
			case KindFloat:
				want[ref] = strconv.FormatFloat(c.f, 'f', -1, 64)
			case KindBool:
				want[ref] = "TRUE"
			}
		}
	}
	return want
}

func writeSparse(t *testing.T) []byte {
	return write(t, Options{}, testSheet{Sheet{Name: "Sparse", Header: []string{"h1", "", "h3"}}, sparse},
		testSheet{Sheet{Name: "After"}, [][]Cell{{String("x")}}})
}

// TestReadersPlaceCells: without references, excelize and openpyxl place
// every cell in the row and column it was written for, gaps and empty
// rows and all.
func TestReadersPlaceCells(t *testing.T) {
	b := writeSparse(t)
	want := sparseWant()
	f := open(t, b)
	rows, err := f.GetRows("Sparse")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for i, row := range rows {
		for j, v := range row {
			ref := colName(j) + strconv.Itoa(i+1)
			if v != want[ref] {
				t.Errorf("excelize reads %s as %q, want %q", ref, v, want[ref])
			}
			if v != "" {
				found++
			}
		}
	}
	for ref, w := range want {
		if v, err := f.GetCellValue("Sparse", ref); err != nil || v != w {
			t.Errorf("excelize: %s = %q, %v; want %q", ref, v, err, w)
		}
	}
	if found != len(want) || len(rows) != len(sparse)+1 {
		t.Errorf("excelize reads %d values in %d rows, want %d in %d", found, len(rows), len(want), len(sparse)+1)
	}
	if v, _ := f.GetCellValue("After", "A1"); v != "x" {
		t.Errorf("excelize: After!A1 = %q", v)
	}

	py := openpyxlPython(t)
	name := filepath.Join(t.TempDir(), "sparse.xlsx")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// Each value openpyxl reads, by the reference it gives its cell.
	const script = `
import json, sys, warnings
warnings.simplefilter("error")
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                out[ws.title + "!" + c.coordinate] = c.value
json.dump(out, sys.stdout)
`
	out, err := exec.Command(py, "-c", script, name).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("openpyxl cannot read the workbook: %s", ee.Stderr)
		}
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	wantPy := map[string]string{"After!A1": "x"}
	for ref, w := range want {
		wantPy["Sparse!"+ref] = w
	}
	for ref, v := range got {
		s := fmt.Sprint(v)
		if b, ok := v.(bool); ok && b {
			s = "TRUE"
		}
		if s != wantPy[ref] {
			t.Errorf("openpyxl reads %s as %q, want %q", ref, s, wantPy[ref])
		}
	}
	if len(got) != len(wantPy) {
		t.Errorf("openpyxl reads %d values, want %d: %v", len(got), len(wantPy), got)
	}
}
