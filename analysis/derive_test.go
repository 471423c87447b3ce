package analysis

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/campaign"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// articleFacts derives the facts of the figures the printed articles state.
func articleFacts(t *testing.T) []foiwire.Fact {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "article_figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	figs, err := campaign.ReadFigures(f, "article_figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	facts, err := Derive(foiwire.Campaign{Slug: "tiktok-2024"}, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

func byID(facts []foiwire.Fact) map[string]foiwire.Fact {
	m := map[string]foiwire.Fact{}
	for _, f := range facts {
		m[f.ID] = f
	}
	return m
}

const (
	fy21  = "2021-04-01..2022-03-31"
	fy22  = "2022-04-01..2023-03-31"
	fy23  = "2023-04-01..2024-03-31"
	three = "2021-04-01..2024-03-31"
	last2 = "2022-04-01..2024-03-31"
)

func TestDeriveArticleFigures(t *testing.T) {
	facts := articleFacts(t)
	m := byID(facts)
	tests := []struct {
		id      string
		value   float64
		words   string
		of      int
		formula string // a part of the formula, when it matters
	}{
		{id: "lancashire/count/period/" + fy21, value: 71},
		{id: "lancashire/count/period/" + fy23, value: 98},
		{id: "lancashire/total/period/" + three, value: 235, formula: "sum of the 3 yearly counts: 71 + 66 + 98"},
		{id: "lancashire/change_pct/" + last2, value: 48.484848, words: "rose"},
		{id: "lancashire/change_pct/" + three, value: 38.028169, words: "rose"},
		{id: "lancashire/high/" + three, value: 1, words: "three-year high"},
		{id: "lancashire/charges/" + fy23, value: 3, formula: "HO1 3"},
		{id: "lancashire/charge_rate/" + fy23, value: 0.030612, formula: "charges / offences recorded in the year: 3 / 98"},
		{id: "northamptonshire/total/period/" + three, value: 252, formula: "as stated in the reply"},
		{id: "northamptonshire/charges/" + fy23, value: 1},
		{id: "cambridgeshire/total/period/" + three, value: 513, formula: "as stated"},
		{id: "cambridgeshire/charges/" + fy23, value: 12},
		{id: "dyfed-powys/change_pct/" + three, value: 90.909091, words: "nearly doubled"},
		{id: "dyfed-powys/ratio/" + three, value: 1.909091, words: "nearly doubled"},
		{id: "dyfed-powys/change_pct/" + last2, value: 0, words: "unchanged"},
		{id: "dyfed-powys/high/" + three, value: 0},
		{id: "dyfed-powys/total/period/" + three, value: 106},
		{id: "dyfed-powys/charges/" + fy23, value: 0, words: "no charges"},
		{id: "dyfed-powys/share/offence/offence:sexual-communication-with-a-child/" + fy23, value: 0.452381},
		{id: "national/national_total/total/period/" + three, value: 1106, of: 4},
		{id: "national/national_total/count/period/" + fy21, value: 93, of: 2},
		{id: "national/responders/any", value: 4, of: 44},
		{id: "national/national_total/charges/" + fy23, value: 16, of: 4},
		{id: "national/change_pct/" + three, value: 50.537634, words: "rose", of: 2},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			f, ok := m[tt.id]
			if !ok {
				t.Fatalf("no fact %s", tt.id)
			}
			if got := FormatValue(f.Value); got != FormatValue(tt.value) {
				t.Errorf("value = %s, want %s (formula %q)", got, FormatValue(tt.value), f.Formula)
			}
			if f.Words != tt.words {
				t.Errorf("words = %q, want %q", f.Words, tt.words)
			}
			if f.Of != tt.of {
				t.Errorf("of = %d, want %d", f.Of, tt.of)
			}
			if !strings.Contains(f.Formula, tt.formula) {
				t.Errorf("formula = %q, want it to contain %q", f.Formula, tt.formula)
			}
			if len(f.Inputs) == 0 {
				t.Errorf("no inputs")
			}
		})
	}
	// Facts the figures do not support must not exist.
	for _, id := range []string{
		"northamptonshire/change_pct/" + three, // a stated total has no years to compare
		"northamptonshire/high/" + three,
		"northamptonshire/charge_rate/" + fy23,                                   // one definition: over the year's offences, which it did not give
		"cambridgeshire/share/offence/group:violence-against-the-person/" + fy23, // no 2023/24 count to take a share of
		"dyfed-powys/rank/charges/" + fy23 + "-highest",
		// Four of 44 forces: no force is "the highest" among them.
		"cambridgeshire/rank/total/period/" + three,
		"dyfed-powys/rank/charges/" + fy23,
		"lancashire/rank/count/period/" + fy23,
	} {
		if _, ok := m[id]; ok {
			t.Errorf("fact %s should not exist", id)
		}
	}
	if c := m["dyfed-powys/count/offence/8Q/"+fy23].Caveats; !strings.Contains(strings.Join(c, ";"), CaveatSmall) {
		t.Errorf("2 stalking offences carry no small-numbers caveat: %v", c)
	}
}

func TestFactsCSVGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteFactsCSV(&b, articleFacts(t)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "article_facts.csv")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Error("facts CSV differs from testdata/article_facts.csv; run go test -update and look at the diff")
	}
}

// fig builds a figure for the synthetic cases.
func fig(auth string, m foiwire.Measure, period, label string, v int64, opts ...func(*foiwire.Figure)) foiwire.Figure {
	s, e, _ := strings.Cut(period, "..")
	f := foiwire.Figure{
		Authority: auth, Measure: m, Label: label, Value: foiwire.Int64(v), Status: foiwire.StatusOK,
		Confidence: foiwire.ConfidenceHigh, Period: foiwire.Period{Start: foiwire.MustDate(s), End: foiwire.MustDate(e)},
		Source: foiwire.Source{File: auth + ".csv", Row: int(v)},
	}
	for _, o := range opts {
		o(&f)
	}
	return f
}

func withStatus(s foiwire.Status) func(*foiwire.Figure) {
	return func(f *foiwire.Figure) { f.Status, f.Value = s, nil }
}

func total(f *foiwire.Figure) { f.IsTotal = true }

func category(c string) func(*foiwire.Figure) { return func(f *foiwire.Figure) { f.Category = c } }

func TestDeriveCases(t *testing.T) {
	P := foiwire.MeasurePeriod
	tests := []struct {
		name    string
		figs    []foiwire.Figure
		want    map[string]string // fact id → value (or "words=...", "caveat=...")
		missing []string
		asked   []string // the campaign's authorities; empty means every force
	}{
		{
			name: "a withheld year is not zero: no sum, the stated total instead",
			figs: []foiwire.Figure{
				fig("dorset", P, fy21, "2021/22", 40),
				fig("dorset", P, fy22, "2022/23", 0, withStatus(foiwire.StatusSuppressed)),
				fig("dorset", P, fy23, "2023/24", 60),
				fig("dorset", P, three, "Total", 130, total),
			},
			want: map[string]string{
				"dorset/total/period/" + three:                 "130",
				"dorset/change_pct/" + three:                   "50",
				"national/national_total/count/period/" + fy22: "",
			},
		},
		{
			name: "a withheld year and no stated total: no total at all",
			figs: []foiwire.Figure{
				fig("dorset", P, fy21, "2021/22", 40),
				fig("dorset", P, fy22, "2022/23", 0, withStatus(foiwire.StatusNotHeld)),
			},
			missing: []string{"dorset/total/period/" + "2021-04-01..2023-03-31", "dorset/total/period/" + three},
		},
		{
			name:  "ties are ties: nobody is highest",
			asked: []string{"dorset", "kent", "essex", "surrey"},
			figs: []foiwire.Figure{
				fig("dorset", P, fy23, "2023/24", 50),
				fig("kent", P, fy23, "2023/24", 50),
				fig("essex", P, fy23, "2023/24", 20),
			},
			want: map[string]string{
				"dorset/rank/count/period/" + fy23:             "words=joint highest",
				"kent/rank/count/period/" + fy23:               "words=joint highest",
				"essex/rank/count/period/" + fy23:              "words=lowest",
				"national/national_total/count/period/" + fy23: "120",
			},
		},
		{
			name: "no rank when under half the forces asked gave the figure",
			figs: []foiwire.Figure{
				fig("dorset", P, fy23, "2023/24", 50),
				fig("kent", P, fy23, "2023/24", 30),
			},
			want:    map[string]string{"national/national_total/count/period/" + fy23: "80"},
			missing: []string{"dorset/rank/count/period/" + fy23, "kent/rank/count/period/" + fy23},
		},
		{
			name: "6 April years are summed apart from 1 April years",
			figs: []foiwire.Figure{
				fig("dorset", P, "2023-04-06..2024-04-05", "2023/24", 50),
				fig("kent", P, fy23, "2023/24", 30),
				fig("essex", P, fy23, "2023/24", 20),
			},
			want: map[string]string{
				"national/national_total/count/period/" + fy23:                "50",
				"national/national_total/count/period/2023-04-06..2024-04-05": "50",
			},
		},
		{
			name:    "one force alone has no rank",
			figs:    []foiwire.Figure{fig("dorset", P, fy23, "2023/24", 50)},
			missing: []string{"dorset/rank/count/period/" + fy23},
		},
		{
			name: "a short latest period is a part year",
			figs: []foiwire.Figure{
				fig("kent", P, fy22, "2022/23", 80),
				fig("kent", P, "2023-04-01..2023-09-30", "April to September 2023", 50),
			},
			want: map[string]string{
				"kent/count/period/2023-04-01..2023-09-30": "caveat=" + CaveatPartYear,
				"kent/change_pct/2022-04-01..2023-09-30":   "caveat=" + CaveatPartYear,
			},
		},
		{
			name: "a latest year labelled so far is a part year",
			figs: []foiwire.Figure{
				fig("kent", P, fy22, "2022/23", 80),
				fig("kent", P, fy23, "2023/24 so far", 90),
			},
			want: map[string]string{"kent/high/" + last2: "caveat=" + CaveatPartYear},
		},
		{
			name: "a refusing force is named and never counted",
			figs: []foiwire.Figure{
				fig("kent", P, fy23, "2023/24", 10),
				{Authority: "essex", Measure: foiwire.MeasureRefusal, Status: foiwire.StatusRefused, Reason: "section 12", Source: foiwire.Source{File: "essex.html"}},
			},
			want: map[string]string{
				"national/responders/any":                      "caveat=refused: essex",
				"national/national_total/count/period/" + fy23: "10",
			},
		},
		{
			name: "outcomes covering every offence with no charge row mean no charges",
			figs: []foiwire.Figure{
				fig("kent", P, fy23, "2023/24", 30),
				fig("kent", foiwire.MeasureOutcome, fy23, "Investigation complete", 20, category("HO18")),
				fig("kent", foiwire.MeasureOutcome, fy23, "Evidential difficulties", 10, category("HO15")),
			},
			want: map[string]string{"kent/charges/" + fy23: "words=no charges"},
		},
		{
			name: "outcomes short of the year's offences, no charge row: no charge fact",
			figs: []foiwire.Figure{
				fig("kent", P, fy23, "2023/24", 30),
				fig("kent", foiwire.MeasureOutcome, fy23, "Investigation complete", 20, category("HO18")),
			},
			missing: []string{"kent/charges/" + fy23},
		},
		{
			name: "outside the registry proper: facts of its own, no national count",
			figs: []foiwire.Figure{
				fig("northern-ireland", P, fy23, "2023/24", 500),
				fig("kent", P, fy23, "2023/24", 10),
			},
			want: map[string]string{
				"northern-ireland/count/period/" + fy23:        "500",
				"national/national_total/count/period/" + fy23: "10",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts, err := Derive(foiwire.Campaign{Authorities: tt.asked}, authority.Police(), tt.figs)
			if err != nil {
				t.Fatal(err)
			}
			m := byID(facts)
			for id, want := range tt.want {
				f, ok := m[id]
				switch {
				case want == "":
					if ok {
						t.Errorf("fact %s exists (value %v), want none", id, f.Value)
					}
				case !ok:
					t.Errorf("no fact %s", id)
				case strings.HasPrefix(want, "words="):
					if f.Words != strings.TrimPrefix(want, "words=") {
						t.Errorf("%s words = %q, want %q", id, f.Words, strings.TrimPrefix(want, "words="))
					}
				case strings.HasPrefix(want, "caveat="):
					if !strings.Contains(strings.Join(f.Caveats, "|"), strings.TrimPrefix(want, "caveat=")) {
						t.Errorf("%s caveats = %q, want %q", id, f.Caveats, strings.TrimPrefix(want, "caveat="))
					}
				default:
					if FormatValue(f.Value) != want {
						t.Errorf("%s = %s, want %s", id, FormatValue(f.Value), want)
					}
				}
			}
			for _, id := range tt.missing {
				if _, ok := m[id]; ok {
					t.Errorf("fact %s exists, want none", id)
				}
			}
		})
	}
}

func TestDeriveErrors(t *testing.T) {
	P := foiwire.MeasurePeriod
	tests := []struct {
		name string
		figs []foiwire.Figure
		want string
	}{
		{"unknown authority", []foiwire.Figure{fig("gotham", P, fy23, "2023/24", 1)}, `authority "gotham" is not in the registry`},
		{"ok with no value", []foiwire.Figure{fig("kent", P, fy23, "2023/24", 1, func(f *foiwire.Figure) { f.Value = nil })}, "status ok but no value"},
		{"two readings disagree", []foiwire.Figure{fig("kent", P, fy23, "2023/24", 71), fig("kent", P, fy23, "2023/24", 17)}, "disagree: 71 (kent.csv:71) and 17 (kent.csv:17)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Derive(foiwire.Campaign{}, authority.Police(), tt.figs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := Derive(foiwire.Campaign{Slug: "x", Authorities: []string{"gotham"}}, authority.Police(), nil); err == nil {
		t.Error("a campaign naming an unknown authority gave no error")
	}
}

func TestDeriveDeterministic(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "article_figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	figs, err := campaign.ReadFigures(f, "article_figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Derive(foiwire.Campaign{}, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		r.Shuffle(len(figs), func(i, j int) { figs[i], figs[j] = figs[j], figs[i] })
		got, err := Derive(foiwire.Campaign{}, authority.Police(), figs)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ids(got), ids(want)) {
			t.Fatal("fact order depends on figure order")
		}
	}
}

func ids(fs []foiwire.Fact) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID + "=" + FormatValue(f.Value)
	}
	return out
}

func TestChangeWords(t *testing.T) {
	tests := []struct {
		a, b int64
		want string
	}{
		{22, 42, "nearly doubled"},
		{50, 100, "doubled"},
		{50, 101, "doubled"},
		{40, 90, "more than doubled"},
		{10, 28, "nearly trebled"},
		{10, 30, "trebled"},
		{10, 45, "more than trebled"},
		{66, 98, "rose"},
		{98, 98, "unchanged"},
		{100, 50, "halved"},
		{100, 60, "fell"},
		{100, 30, "fell"},
		{0, 10, ""},
	}
	for _, tt := range tests {
		if got := ChangeWords(tt.a, tt.b); got != tt.want {
			t.Errorf("ChangeWords(%d, %d) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDeriveWhereEqualsDeriveOfTheKept: leaving figures out with keep
// gives the facts of a copy without them, and keeps the input as it was.
func TestDeriveWhereEqualsDeriveOfTheKept(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "article_figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	figs, err := campaign.ReadFigures(f, "article_figures.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Hold back every third figure, as a build holds back those under review.
	for i := range figs {
		if i%3 == 0 {
			figs[i].Confidence = foiwire.ConfidenceReview
		}
	}
	before := slices.Clone(figs)
	var kept []foiwire.Figure
	for _, f := range figs {
		if f.Confidence != foiwire.ConfidenceReview {
			kept = append(kept, f)
		}
	}
	c := foiwire.Campaign{Slug: "tiktok-2024"}
	want, err := Derive(c, authority.Police(), kept)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DeriveWhere(c, authority.Police(), figs, func(f *foiwire.Figure) bool { return f.Confidence != foiwire.ConfidenceReview })
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("DeriveWhere gave %d facts, Derive of the kept figures %d (or they differ)", len(got), len(want))
	}
	if !reflect.DeepEqual(figs, before) {
		t.Error("DeriveWhere changed its input")
	}
}
