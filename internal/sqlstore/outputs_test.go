package sqlstore

import (
	"bytes"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

// TestFactRowDigest holds appendFactRow, which lays out a fact's row
// without boxing its values, to the bytes rowDigest lays out from the
// row's values: the digests kept in build_facts by one must be the
// digests the other gives, or every rebuild would write every fact again
// (and a field left out would leave a changed fact unwritten).
func TestFactRowDigest(t *testing.T) {
	day := func(y, m, d int) foiwire.Date { return foiwire.NewDate(y, time.Month(m), d) }
	full := foiwire.Fact{
		ID: "kent/count/period/2023-04-01/2024-03-31", Authority: "kent", Kind: foiwire.FactCount,
		Measure: foiwire.MeasurePeriod, Category: "violence", Label: "Violence – with injury",
		Value: 98.5, Words: "ninety-eight", Of: 43, Formula: "sum of rows", Inputs: []string{"a#1/2/3", "b#0/1/1"},
		Caveats: []string{"part year", "small numbers"},
	}
	full.Start, full.End = day(2023, 4, 1), day(2024, 3, 31)
	full.Base.Start, full.Base.End = day(2022, 4, 1), day(2023, 3, 31)
	cases := map[string]foiwire.Fact{
		"every field":  full,
		"zero fact":    {},
		"no period":    {ID: "national/x", Authority: foiwire.National, Value: -1},
		"one input":    {ID: "a", Inputs: []string{"only"}, Caveats: []string{""}},
		"empty inputs": {ID: "b", Inputs: []string{"", ""}, Of: -3},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			want, wantBuf := rowDigest(nil, factValues(&f))
			got := appendFactRow(nil, &f)
			if !bytes.Equal(got, wantBuf) {
				t.Fatalf("layout differs:\n got %q\nwant %q", got, wantBuf)
			}
			if d := digestOf(got); d != want {
				t.Fatalf("digest %d, want %d", d, want)
			}
		})
	}
	// Every field counts: a fact that differs from full in any one field
	// has another digest.
	base := digestOf(appendFactRow(nil, &full))
	changes := []func(f *foiwire.Fact){
		func(f *foiwire.Fact) { f.ID += "x" },
		func(f *foiwire.Fact) { f.Authority = "essex" },
		func(f *foiwire.Fact) { f.Kind = foiwire.FactTotal },
		func(f *foiwire.Fact) { f.Measure = foiwire.MeasureOffence },
		func(f *foiwire.Fact) { f.Start = day(2023, 4, 2) },
		func(f *foiwire.Fact) { f.End = day(2024, 4, 1) },
		func(f *foiwire.Fact) { f.Base.Start = foiwire.Date{} },
		func(f *foiwire.Fact) { f.Base.End = day(2024, 3, 31) },
		func(f *foiwire.Fact) { f.Category = "theft" },
		func(f *foiwire.Fact) { f.Label += " " },
		func(f *foiwire.Fact) { f.Value++ },
		func(f *foiwire.Fact) { f.Words = "" },
		func(f *foiwire.Fact) { f.Of = 0 },
		func(f *foiwire.Fact) { f.Formula = "x" },
		func(f *foiwire.Fact) { f.Inputs = f.Inputs[1:] },
		func(f *foiwire.Fact) { f.Caveats = f.Caveats[:1] },
	}
	for i, change := range changes {
		f := full
		f.Inputs, f.Caveats = append([]string(nil), full.Inputs...), append([]string(nil), full.Caveats...)
		change(&f)
		if digestOf(appendFactRow(nil, &f)) == base {
			t.Errorf("change %d leaves the digest as it was", i)
		}
	}
}
