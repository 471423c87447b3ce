package export

import (
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
)

func yearFact(authority, start, end string, v float64) foiwire.Fact {
	return foiwire.Fact{ID: authority + "/" + start, Authority: authority, Kind: foiwire.FactCount, Measure: foiwire.MeasurePeriod,
		Period: foiwire.Period{Start: foiwire.MustDate(start), End: foiwire.MustDate(end)}, Value: v}
}

var names = func(id string) string {
	return map[string]string{"kent": "Kent", "essex": "Essex", "dorset": "Dorset", "surrey": "Surrey"}[id]
}

var facts = []foiwire.Fact{
	yearFact("kent", "2021-04-01", "2022-03-31", 10),
	yearFact("kent", "2022-04-01", "2023-03-31", 12),
	yearFact("essex", "2022-04-01", "2023-03-31", 30),
	yearFact("dorset", "2022-04-01", "2023-03-31", 12),
	// One force's part year must not decide the year ranked.
	yearFact("surrey", "2023-04-01", "2023-09-30", 99),
	{ID: "national", Authority: foiwire.National, Kind: foiwire.FactNationalTotal, Measure: foiwire.MeasurePeriod, Value: 54},
	{ID: "kent/total", Authority: "kent", Kind: foiwire.FactTotal, Measure: foiwire.MeasurePeriod, Value: 22},
}

func TestWide(t *testing.T) {
	b, err := Wide(names, facts)
	if err != nil {
		t.Fatal(err)
	}
	want := "Force,2021/22,2022/23,1 April to 30 September 2023\n" +
		"Dorset,,12,\nEssex,,30,\nKent,10,12,\nSurrey,,,99\n"
	if string(b) != want {
		t.Fatalf("got\n%s\nwant\n%s", b, want)
	}
}

func TestRanking(t *testing.T) {
	tests := []struct {
		name string
		pop  Population
		want string
	}{
		{"by count, rate left for populations", nil,
			"Rank,Force,Count,Year,\"Rate per 100,000 people\"\n1,Essex,30,2022/23,\n2,Dorset,12,2022/23,\n2,Kent,12,2022/23,\n"},
		{"with populations", func(id string) (int64, bool) {
			p, ok := map[string]int64{"essex": 1_900_000, "kent": 1_870_000}[id]
			return p, ok
		}, "Rank,Force,Count,Year,\"Rate per 100,000 people\"\n1,Essex,30,2022/23,1.6\n2,Dorset,12,2022/23,\n2,Kent,12,2022/23,0.6\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Ranking(names, tt.pop, facts)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", b, tt.want)
			}
		})
	}
}

func TestWorkbookEmpty(t *testing.T) {
	b, err := Workbook(Data{})
	if err != nil || len(b) == 0 || !strings.HasPrefix(string(b), "PK") {
		t.Fatalf("an empty workbook: %d bytes, %v", len(b), err)
	}
}
