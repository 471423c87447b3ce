package layouts

import (
	"context"
	"fmt"
	"testing"

	"github.com/foiwire/foiwire/dataset"
)

// bigDataset is n offence rows counted over three financial years.
func bigDataset(n int) Dataset {
	d := Dataset{Name: "bench", Authority: "kent", Subject: "offences", Periods: []Period{
		{Label: "2021/22", Start: "2021-04-01", End: "2022-03-31"},
		{Label: "2022/23", Start: "2022-04-01", End: "2023-03-31"},
		{Label: "2023/24", Start: "2023-04-01", End: "2024-03-31"},
	}}
	for i := range n {
		d.Series = append(d.Series, fmt.Sprintf("Offence type %d", i))
		d.Values = append(d.Values, []int64{int64(i%7 + 1), int64((i*3)%11 + 1), int64((i*5)%13 + 1)})
	}
	return d
}

// BenchmarkReadEveryFormat reads a reply of 1,000 and of 5,000 rows, in
// every format, from its bytes to figures (table.Read and dataset's
// reading together); ns/row should stay level as rows grow.
func BenchmarkReadEveryFormat(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		d := bigDataset(n)
		for _, format := range Formats {
			r, ok, err := Render(d, "years-across", format)
			if err != nil || !ok {
				b.Fatalf("render %s: %v", format, err)
			}
			b.Run(fmt.Sprintf("%s/%d", format, n), func(b *testing.B) {
				b.SetBytes(int64(len(r.Data)))
				for b.Loop() {
					out, err := dataset.Read(context.Background(), dataset.Input{Name: r.Name, Data: r.Data, Authority: d.Authority})
					if err != nil || len(out.Figures) < 3*n {
						b.Fatalf("%s: %d figures, %v", r.Name, len(out.Figures), err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
			})
		}
	}
}
