package analysis

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
)

func per(s string) foiwire.Period {
	a, b := s[:10], s[12:]
	return foiwire.Period{Start: foiwire.MustDate(a), End: foiwire.MustDate(b)}
}

func TestOwnPeriod(t *testing.T) {
	april6 := []foiwire.Period{per("2021-04-06..2022-04-05"), per("2022-04-06..2023-04-05"), per("2023-04-06..2024-04-05")}
	april1 := []foiwire.Period{per("2021-04-01..2022-03-31"), per("2022-04-01..2023-03-31"), per("2023-04-01..2024-03-31")}
	tests := []struct {
		name string
		own  []foiwire.Period
		p    string
		want string
	}{
		{"a common year to a 6 April year", april6, "2022-04-01..2023-03-31", "2022-04-06..2023-04-05"},
		{"the common span to a 6 April span", april6, "2021-04-01..2024-03-31", "2021-04-06..2024-04-05"},
		{"its own year stays", april6, "2023-04-06..2024-04-05", "2023-04-06..2024-04-05"},
		{"a calendar year is not a financial year", april1, "2022-01-01..2022-12-31", "2022-01-01..2022-12-31"},
		{"a year the force did not give stays", april6, "2019-04-01..2020-03-31", "2019-04-01..2020-03-31"},
		{"no years of its own", nil, "2022-04-01..2023-03-31", "2022-04-01..2023-03-31"},
		{"1 April force, 1 April year", april1, "2022-04-01..2023-03-31", "2022-04-01..2023-03-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OwnPeriod(tt.own, per(tt.p)); got != per(tt.want) {
				t.Errorf("OwnPeriod(%s) = %s, want %s", tt.p, got, tt.want)
			}
		})
	}
}

func TestCommonYearsAndFactsFor(t *testing.T) {
	P := foiwire.MeasurePeriod
	figs := []foiwire.Figure{
		fig("dorset", P, "2022-04-06..2023-04-05", "2022/23", 16),
		fig("dorset", P, "2023-04-06..2024-04-05", "2023/24", 16),
		fig("kent", P, fy22, "2022/23", 30),
		fig("kent", P, fy23, "2023/24", 40),
		fig("essex", P, fy23, "2023/24", 20),
	}
	facts, err := Derive(foiwire.Campaign{}, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	got := CommonYears(facts)
	if len(got) != 2 || got[0] != per(fy22) || got[1] != per(fy23) {
		t.Errorf("CommonYears = %v, want the 1 April years", got)
	}
	if ys := Years(facts, "dorset"); len(ys) != 2 || ys[0].Start.Day() != 6 {
		t.Errorf("Years(dorset) = %v", ys)
	}
	for _, f := range FactsFor(facts, "dorset") {
		if f.Authority == foiwire.National && f.Kind == foiwire.FactNationalTotal && f.Start.Day() == 1 {
			t.Errorf("Dorset's facts hold a 1 April national total: %s", f.ID)
		}
		if f.Authority != "dorset" && f.Authority != foiwire.National {
			t.Errorf("Dorset's facts hold %s", f.ID)
		}
	}
	n := 0
	for _, f := range FactsFor(facts, "kent") {
		if f.Kind == foiwire.FactNationalTotal && f.ID == "national/national_total/count/period/"+fy23 {
			n++
			if f.Value != 60 || f.Of != 2 {
				t.Errorf("Kent's national 2023/24 = %v of %d, want 60 of 2", f.Value, f.Of)
			}
		}
	}
	if n != 1 {
		t.Errorf("Kent's facts hold %d national 2023/24 totals, want 1", n)
	}
}

func TestIndexByAuthorityIsFactsFor(t *testing.T) {
	P, O := foiwire.MeasurePeriod, foiwire.MeasureOffence
	figs := []foiwire.Figure{
		fig("dorset", P, "2022-04-06..2023-04-05", "2022/23", 16),
		fig("dorset", P, "2023-04-06..2024-04-05", "2023/24", 16),
		fig("kent", P, fy22, "2022/23", 30),
		fig("kent", P, fy23, "2023/24", 40),
		fig("kent", O, fy23, "Stalking", 12),
		fig("essex", P, fy23, "2023/24", 20),
		fig("essex", O, fy23, "Stalking", 7),
		fig("surrey", O, fy23, "Stalking", 3), // no yearly count: every national fact
	}
	derived, err := Derive(foiwire.Campaign{}, authority.Police(), figs)
	if err != nil {
		t.Fatal(err)
	}
	orders := map[string][]foiwire.Fact{"derived": derived}
	shuffled := slices.Clone(derived)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	orders["shuffled"] = shuffled
	for name, facts := range orders {
		t.Run(name, func(t *testing.T) {
			x := IndexByAuthority(facts)
			for _, id := range []string{"dorset", "kent", "essex", "surrey"} {
				got, ok := x.For(id)
				if want := FactsFor(facts, id); !ok || !reflect.DeepEqual(got, want) {
					t.Errorf("IndexByAuthority(...).For(%s) = %v, %v,\nwant FactsFor = %v", id, ids(got), ok, ids(want))
				}
			}
			if len(x.of) != 4 {
				t.Errorf("IndexByAuthority has %d authorities, want 4", len(x.of))
			}
			if _, ok := x.For(foiwire.National); ok {
				t.Error("IndexByAuthority has the national facts as an authority")
			}
		})
	}
}

func TestSortFactsIsStable(t *testing.T) {
	facts := articleFacts(t)
	r := rand.New(rand.NewPCG(5, 6))
	for range 5 {
		in := slices.Clone(facts)
		r.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		// Repeat some facts with other values, so ties must keep their order.
		for i := range 20 {
			f := in[r.IntN(len(in))]
			f.Value = float64(1000 + i)
			in = slices.Insert(in, r.IntN(len(in)), f)
		}
		want := slices.Clone(in)
		slices.SortStableFunc(want, func(a, b foiwire.Fact) int { return factOrder(&a, &b) })
		if got := sortFacts(slices.Clone(in)); !reflect.DeepEqual(ids(got), ids(want)) {
			t.Fatal("sortFacts differs from a stable sort")
		}
	}
}
