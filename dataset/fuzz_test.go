package dataset

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

// FuzzRead feeds arbitrary bytes to the whole reader: it must return
// figures or an error, never panic or hang, and every figure it returns must
// be well formed.
func FuzzRead(f *testing.F) {
	f.Add("reply.txt", "Response:\nYear |\nCount |\n2021/22 |\n14 |\nTotal |\n14 |\n")
	f.Add("reply.html", "<p>Response: Section 12 applies.</p><table><tr><th>Offence</th><th>2023/24</th></tr><tr><td>Stalking</td><td>&lt;5</td></tr></table>")
	f.Add("reply.csv", "Outcome,Count\nCharge/Summons,3\nTotal,3\n")
	f.Add("x.eml", "From: a@b\r\nSubject: x\r\n\r\nnothing")
	f.Add("reply.txt", "Offence 2019/20 2020/21 Total\nArson\t1\t-\t1\nTheft\t2\t3\t5\nTotal\t3\t3\t6\n")
	f.Add("council__reply.txt", "We can confirm 841 tickets were issued in the last 12 months.")
	f.Add("lines.txt", "Response:\n1. 2022 : 4\n1. 2023 : 5\n2. 2022 : 1\n2. 2023 : nil\n")
	f.Add("grid.csv", ",Noise -,Noise -,\nYear,Homes,Shops,Total\n2021,12,5,17\n2022,9,7,16\n")
	f.Add("months.csv", ",2022,2023\nJan,40,44\nFeb,36,43\nTotal,76,87\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		out, err := Read(ctx, Input{Name: name, Data: []byte(data)})
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q does not name the file %q", err, name)
			}
			return
		}
		if len(out.Figures) == 0 {
			t.Fatalf("a reply read without error gave no figure, no refusal and no review row")
		}
		for _, fg := range out.Figures {
			if fg.Status == foiwire.StatusOK && fg.Value == nil {
				t.Fatalf("ok figure without a value: %+v", fg)
			}
			if fg.Value != nil && *fg.Value < 0 {
				t.Fatalf("negative count: %+v", fg)
			}
			if fg.Confidence != foiwire.ConfidenceHigh && fg.Confidence != foiwire.ConfidenceReview {
				t.Fatalf("confidence %q", fg.Confidence)
			}
			if fg.Confidence == foiwire.ConfidenceReview && fg.Reason == "" {
				t.Fatalf("review without a reason: %+v", fg)
			}
		}
	})
}

// FuzzTypeOfAndLines feeds arbitrary text to the cell typer and the prose
// line reader: no panic, a count always has a value or a mark, and a line
// split into words and a count keeps the count readable.
func FuzzTypeOfAndLines(f *testing.F) {
	for _, s := range []string{"14", "2021/22", "£734,800", "77, 686", "2009 – 16 crimes", "1. 2008 : 0", "Ref: 12", "twelve", "<5",
		"Offence\n2021/22\n2022/23\nArson\n2\n3", "2021/22\n14\n2022/23\n16", "2021/22\n2022/23\n14\n16"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := &reader{}
		ty := r.typeOf(s)
		if ty.kind == kindCount && ty.cell.status == foiwire.StatusOK && ty.cell.n < 0 {
			t.Fatalf("negative count from %q", s)
		}
		var lines foiwire.Table
		for i, l := range strings.Split(s, "\n") {
			lines.Rows = append(lines.Rows, []foiwire.Cell{{Row: i, Text: l}})
		}
		if g, origin, ok := r.unflatten(lines); ok {
			for _, row := range g.Rows {
				for _, c := range row {
					if _, ok := origin[[2]int{c.Row, c.Col}]; !ok {
						t.Fatalf("cell %+v of the grid from %q has no line", c, s)
					}
				}
			}
			if figs, _ := r.figuresIn(lines, nil); len(figs) > 0 && figs[0].Source.Row < 0 {
				t.Fatalf("figure from %q points nowhere", s)
			}
		}
		tab := foiwire.Table{Rows: [][]foiwire.Cell{{{Text: s}}, {{Text: s}}}}
		if split, _, ok := splitLines(tab); ok {
			for _, row := range split.Rows {
				if len(row) != 2 || !readCell(row[1].Text).isCount() {
					t.Fatalf("split %q into %+v", s, row)
				}
			}
		}
	})
}
