package analysis

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
)

// stdCSV is what encoding/csv writes for rec.
func stdCSV(t testing.TB, rec []string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return b.String()
}

func TestAppendCSVIsEncodingCSV(t *testing.T) {
	tests := map[string][]string{
		"plain":           {"kent/count/period/2023", "kent", "count", "98"},
		"empty fields":    {"", "", ""},
		"comma":           {"Charge/summons, or caution", "x"},
		"quotes":          {`the "so-called" label`, `"`, `""`},
		"line breaks":     {"one\ntwo", "three\r\nfour", "\r"},
		"leading space":   {" Stalking", "\tharassment", "\u00a0non-breaking", "trailing "},
		"backslash dot":   {`\.`, `\.x`, `a\.`},
		"unicode":         {"Áit", "—dash", "naïve, café"},
		"one empty field": {""},
	}
	for name, rec := range tests {
		t.Run(name, func(t *testing.T) {
			if got, want := string(appendCSV(nil, rec)), stdCSV(t, rec); got != want {
				t.Errorf("appendCSV(%q) = %q, want %q", rec, got, want)
			}
		})
	}
}

func TestWriteFactsCSVOverManyChunks(t *testing.T) {
	facts := articleFacts(t)
	for len(facts) < 3000 {
		facts = append(facts, facts...)
	}
	var got bytes.Buffer
	if err := WriteFactsCSV(&got, facts); err != nil {
		t.Fatal(err)
	}
	want := stdCSV(t, FactColumns)
	var b strings.Builder
	b.WriteString(want)
	for _, f := range facts {
		of := ""
		if f.Of > 0 {
			of = num(int64(f.Of))
		}
		b.WriteString(stdCSV(t, []string{
			f.ID, f.Authority, string(f.Kind), string(f.Measure),
			f.Start.String(), f.End.String(), f.Base.Start.String(), f.Base.End.String(),
			f.Category, f.Label, FormatValue(f.Value), f.Words, of, f.Formula,
			strings.Join(f.Inputs, " "), strings.Join(f.Caveats, "; "),
		}))
	}
	if got.String() != b.String() {
		t.Errorf("WriteFactsCSV of %d facts (%d bytes) differs from encoding/csv (%d bytes)", len(facts), got.Len(), b.Len())
	}
}

func FuzzAppendCSV(f *testing.F) {
	f.Add("a", "b,c", `"d"`)
	f.Add(" x", "\\.", "y\r\nz")
	f.Add("", "\u2028", "\x85")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		rec := []string{a, b, c}
		if got, want := string(appendCSV(nil, rec)), stdCSV(t, rec); got != want {
			t.Errorf("appendCSV(%q) = %q, want %q", rec, got, want)
		}
	})
}

// TestWriteFactsCSVAwkwardFields writes facts whose joined inputs and
// caveats, dates and values take every path of appendFactCSV, and checks
// the lines against encoding/csv.
func TestWriteFactsCSVAwkwardFields(t *testing.T) {
	day := foiwire.NewDate(2023, 4, 1)
	facts := []foiwire.Fact{
		{ID: "a", Inputs: []string{"", "x"}, Caveats: []string{" lead", "b"}},
		{ID: "b", Inputs: []string{`\.`}, Caveats: []string{"refused: a, b", `said "no"`}},
		{ID: "c", Inputs: []string{"\u00a0nbsp"}, Caveats: []string{"one\ntwo"}, Value: -1.0000005, Of: 44},
		{ID: " d", Label: "x,y", Period: foiwire.Period{End: day}, Base: foiwire.Period{Start: foiwire.NewDate(12, 1, 2)}, Value: 1e21},
		{ID: "e", Inputs: []string{"\\", "."}, Caveats: []string{}, Value: 0.1234565},
	}
	var got bytes.Buffer
	if err := WriteFactsCSV(&got, facts); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	want.WriteString(stdCSV(t, FactColumns))
	for _, f := range facts {
		of := ""
		if f.Of > 0 {
			of = num(int64(f.Of))
		}
		want.WriteString(stdCSV(t, []string{
			f.ID, f.Authority, string(f.Kind), string(f.Measure),
			f.Start.String(), f.End.String(), f.Base.Start.String(), f.Base.End.String(),
			f.Category, f.Label, FormatValue(f.Value), f.Words, of, f.Formula,
			strings.Join(f.Inputs, " "), strings.Join(f.Caveats, "; "),
		}))
	}
	if got.String() != want.String() {
		t.Errorf("WriteFactsCSV:\n%s\nwant (encoding/csv):\n%s", got.String(), want.String())
	}
}
