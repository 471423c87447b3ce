package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/sqlite"
)

var quiet = slog.New(slog.DiscardHandler)

// fullFigure sets every field of a figure, walking into Period and
// Source, each to a value of its own.
func fullFigure(t testing.TB, seed int) foiwire.Figure {
	var f foiwire.Figure
	n := seed * 100
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		for i := range v.NumField() {
			fv := v.Field(i)
			if !v.Type().Field(i).IsExported() {
				continue
			}
			n++
			switch {
			case fv.Type() == reflect.TypeFor[foiwire.Date]():
				fv.Set(reflect.ValueOf(foiwire.NewDate(2000+n%30, time.Month(1+n%12), 1+n%28)))
			case fv.Kind() == reflect.Struct:
				walk(fv)
			case fv.Kind() == reflect.String:
				fv.SetString(string(rune('a'+n%26)) + "é\x00" + v.Type().Field(i).Name)
			case fv.Kind() == reflect.Int:
				fv.SetInt(int64(n) - 50)
			case fv.Kind() == reflect.Bool:
				fv.SetBool(true)
			case fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.Int64:
				fv.Set(reflect.ValueOf(foiwire.Int64(int64(-n))))
			default:
				t.Fatalf("field %s of kind %s: teach this test and figureDecoder about it", v.Type().Field(i).Name, fv.Kind())
			}
		}
	}
	walk(reflect.ValueOf(&f).Elem())
	return f
}

func TestFigureCacheRoundTrip(t *testing.T) {
	for _, af := range []authorityFigures{
		{version: "v1", figs: []foiwire.Figure{fullFigure(t, 1), fullFigure(t, 2), {}}},
		{version: "v2"},
	} {
		a, got, err := decodeFigureFile(encodeFigureFile("dorset/é", af))
		if err != nil {
			t.Fatal(err)
		}
		af.digests = digestFigures(af.figs)
		if a != "dorset/é" || !reflect.DeepEqual(got, af) {
			t.Fatalf("round trip:\n got %q %#v\nwant %#v", a, got, af)
		}
	}
}

// TestFigureCacheBroken: a kept file cut short, or with any byte changed,
// is no file at all.
func TestFigureCacheBroken(t *testing.T) {
	b := encodeFigureFile("dorset", authorityFigures{version: "v1", figs: []foiwire.Figure{fullFigure(t, 3)}})
	for i := range b {
		c := bytes.Clone(b)
		c[i] ^= 0x20
		if _, _, err := decodeFigureFile(c); err == nil {
			t.Fatalf("byte %d changed: read as good", i)
		}
	}
	for n := range len(b) {
		if _, _, err := decodeFigureFile(b[:n]); err == nil {
			t.Fatalf("cut to %d bytes: read as good", n)
		}
	}
}

// FuzzDecodeFigures reads any bytes as kept figures (past the checksum,
// which the fuzzer would not get by): no panic, and what reads writes
// back and reads the same.
func FuzzDecodeFigures(f *testing.F) {
	good := encodeFigureFile("dorset", authorityFigures{version: "v1", figs: []foiwire.Figure{fullFigure(f, 4), {}}})
	f.Add(good[len(figureCacheMagic) : len(good)-32])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, af, err := decodeFigures(b)
		if err != nil {
			return
		}
		a2, again, err := decodeFigureFile(encodeFigureFile(a, af))
		if err != nil || a2 != a || !reflect.DeepEqual(again, af) {
			t.Fatalf("decoded figures do not read back the same: %v", err)
		}
	})
}

// TestFigureCacheFollowsVersions: figures kept from a build stand in for
// the database's exactly while the authority's version stands. The kept
// file is doctored so that it can be told from the database.
func TestFigureCacheFollowsVersions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, save := figureStore(t, dir)
	values := func(figs []foiwire.Figure) (out []int64) {
		for _, f := range figs {
			out = append(out, *f.Value)
		}
		return out
	}
	save("kent", "k1", 1, 2)
	save("dorset", "d1", 3)
	save("essex", "e1", 4)
	// Two more that never change: with one authority of five changed,
	// a load reads that one only.
	save("avon", "a1", 8)
	save("wiltshire", "w1", 9)
	c := figureCache{dir: filepath.Join(dir, "figures")}
	// load loads, and checks that the digests given with the figures are
	// theirs.
	load := func() []foiwire.Figure {
		t.Helper()
		got, digs, err := c.load(ctx, db, quiet)
		if err != nil {
			t.Fatal(err)
		}
		if want := digestFigures(got); !maps.Equal(digs, want) {
			t.Fatalf("digests given with the figures:\n got %v\nwant %v", digs, want)
		}
		return got
	}
	got := load()
	want, _ := db.Figures(ctx, "")
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("first load differs from the database:\n got %v\nwant %v", values(got), values(want))
	}
	if m := c.read(); len(m) != 5 {
		t.Fatalf("%d authorities kept, want 5", len(m))
	}

	// Doctor kent's kept figures: while kent's version stands, they are
	// what load gives.
	k := c.read()["kent"]
	k.figs = slices.Clone(k.figs)
	k.figs[0].Value = foiwire.Int64(99)
	k.digests = nil
	if err := c.write("kent", k); err != nil {
		t.Fatal(err)
	}
	got = load()
	if v := values(got); !slices.Equal(v, []int64{8, 3, 4, 99, 2, 9}) {
		t.Fatalf("with kent's version standing: %v", v)
	}

	// A new reply from kent moves its version: kent is read again, the
	// others still come from the kept file.
	d := c.read()["dorset"]
	d.figs = slices.Clone(d.figs)
	d.figs[0].Value = foiwire.Int64(77)
	d.digests = nil
	if err := c.write("dorset", d); err != nil {
		t.Fatal(err)
	}
	save("kent", "k2", 5, 6, 7)
	got = load()
	if v := values(got); !slices.Equal(v, []int64{8, 77, 4, 5, 6, 7, 9}) {
		t.Fatalf("after kent's new reply: %v", v)
	}

	// Essex's last file withdrawn: its figures go.
	if _, err := db.WithdrawReply(ctx, "essex", "essex.csv", "test"); err != nil {
		t.Fatal(err)
	}
	got = load()
	if v := values(got); !slices.Equal(v, []int64{8, 77, 5, 6, 7, 9}) {
		t.Fatalf("after essex withdrew: %v", v)
	}

	if e, ok := c.read()["essex"]; !ok || len(e.figs) != 0 {
		t.Errorf("essex's kept figures: %v (kept %v), want none", values(e.figs), ok)
	}

	// With most authorities changed, everything is read again, and kept
	// figures give way even where their version stands (dorset's 77).
	save("kent", "k3", 1)
	save("avon", "a2", 10)
	got = load()
	if v := values(got); !slices.Equal(v, []int64{10, 3, 1, 9}) {
		t.Fatalf("after most changed: %v", v)
	}

	// Figures whose version is lost are read every time, whatever a kept
	// file says.
	if _, err := db.SQL().ExecContext(ctx, `DELETE FROM figure_versions WHERE authority = 'wiltshire'`); err != nil {
		t.Fatal(err)
	}
	w := c.read()["wiltshire"]
	w.figs = slices.Clone(w.figs)
	w.figs[0].Value = foiwire.Int64(66)
	w.version, w.digests = "", nil
	if err := c.write("wiltshire", w); err != nil {
		t.Fatal(err)
	}
	if v := values(load()); !slices.Equal(v, []int64{10, 3, 1, 9}) {
		t.Fatalf("with wiltshire's version lost: %v", v)
	}

	// A kept file that does not check out is ignored, as is one under
	// another authority's name.
	if err := os.Rename(c.path("kent"), c.path("dorset")); err != nil {
		t.Fatal(err)
	}
	got = load()
	want, _ = db.Figures(ctx, "")
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("with kent's figures under dorset's name:\n got %v\nwant %v", values(got), values(want))
	}
	if err := os.WriteFile(c.path("kent"), []byte("rubbish"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = load()
	want, _ = db.Figures(ctx, "")
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("with a broken kept file:\n got %v\nwant %v", values(got), values(want))
	}
}

// TestFigureCacheInMemory: a session keeps the loaded figures in memory,
// follows the versions as the files do, and is not changed by what the
// build does to the figures it is given.
func TestFigureCacheInMemory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, save := figureStore(t, dir)
	for i, a := range []string{"avon", "dorset", "essex", "kent", "surrey"} {
		save(a, a+"1", int64(i+1))
	}
	c := figureCache{dir: filepath.Join(dir, "figures"), mem: &Session{}}
	load := func(what string, want ...int64) {
		t.Helper()
		got, _, err := c.load(ctx, db, quiet)
		if err != nil {
			t.Fatal(err)
		}
		var v []int64
		for i := range got {
			v = append(v, *got[i].Value)
			// What a build does to its figures: it must not reach the
			// figures kept for the next one.
			got[i].Value = foiwire.Int64(-1)
			got[i].Confidence = foiwire.ConfidenceReview
		}
		if !slices.Equal(v, want) {
			t.Fatalf("%s: %v, want %v", what, v, want)
		}
	}
	load("first load (a full read)", 1, 2, 3, 4, 5)
	if len(c.mem.figures) != 5 {
		t.Fatalf("%d authorities in memory, want 5", len(c.mem.figures))
	}
	load("again, from memory", 1, 2, 3, 4, 5)
	// The files are gone: memory alone serves, and follows the versions.
	if err := os.RemoveAll(c.dir); err != nil {
		t.Fatal(err)
	}
	save("kent", "kent2", 40)
	load("after kent's new reply", 1, 2, 3, 40, 5)
	load("and again", 1, 2, 3, 40, 5)
}

// figureStore opens a campaign database in dir, closed when the test
// ends, and gives a function that saves a reply of authority a, document
// doc, with one yearly figure for each value.
func figureStore(t *testing.T, dir string) (*sqlite.DB, func(a, doc string, vs ...int64)) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "foiwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, func(a, doc string, vs ...int64) {
		t.Helper()
		r := foiwire.Reply{Document: foiwire.Document{SHA256: doc, Authority: a, Name: a + ".csv", MediaType: "text/csv"}, Data: []byte(doc)}
		for i, v := range vs {
			r.Figures = append(r.Figures, foiwire.Figure{Authority: a, Measure: foiwire.MeasurePeriod, Label: "2021/22", Value: foiwire.Int64(v),
				Status: foiwire.StatusOK, Confidence: foiwire.ConfidenceHigh,
				Period: foiwire.Period{Start: foiwire.MustDate("2021-04-01"), End: foiwire.MustDate("2022-03-31")},
				Source: foiwire.Source{Document: doc, Row: i + 1, Col: 1, File: a + ".csv"}})
		}
		if err := db.SaveReply(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
}
