package dataset

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/foiwire/foiwire"
)

// bigReply is a reply of n rows: offences down the side, three financial
// years and a total across, a dash here and there, a total row at the foot.
func bigReply(n int) string {
	var b strings.Builder
	b.WriteString("Response:\nOffence,2021/22,2022/23,2023/24,Total\n")
	var sum [3]int
	for i := range n {
		v := [3]int{i % 7, (i * 3) % 11, (i * 5) % 13}
		cells := make([]string, 3)
		for j, x := range v {
			sum[j] += x
			cells[j] = fmt.Sprint(x)
			if x == 0 {
				cells[j] = "-"
			}
		}
		fmt.Fprintf(&b, "Offence type %d,%s,%d\n", i, strings.Join(cells, ","), v[0]+v[1]+v[2])
	}
	fmt.Fprintf(&b, "Total,%d,%d,%d,%d\n", sum[0], sum[1], sum[2], sum[0]+sum[1]+sum[2])
	return b.String()
}

// BenchmarkRead5000Rows reads a 5,000-row CSV reply end to end; reading
// must stay linear in rows (compare with -bench 'Rows' at 1,000 rows).
func BenchmarkRead5000Rows(b *testing.B) { benchRead(b, 5000) }

// BenchmarkRead1000Rows is the same reply at a fifth of the size.
func BenchmarkRead1000Rows(b *testing.B) { benchRead(b, 1000) }

func benchRead(b *testing.B, n int) {
	data := []byte(bigReply(n))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		out, err := Read(context.Background(), Input{Name: "reply.csv", Data: data, Authority: "dorset"})
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Figures) < 3*n {
			b.Fatalf("read %d figures from %d rows", len(out.Figures), n)
		}
	}
}

func TestBigReplyReadsEveryCell(t *testing.T) {
	out, err := Read(context.Background(), Input{Name: "reply.csv", Data: []byte(bigReply(300)), Authority: "dorset"})
	if err != nil {
		t.Fatal(err)
	}
	// 300 rows × (3 years + a row total) + the total row's 4 cells.
	if len(out.Figures) != 300*4+4 {
		t.Fatalf("%d figures", len(out.Figures))
	}
	for _, f := range out.Figures {
		if f.Source.Text == "-" && (f.Value == nil || *f.Value != 0 || f.Status != foiwire.StatusOK || strings.Contains(f.Reason, "read as nil")) {
			t.Fatalf("a dash the totals confirm: %+v", f)
		}
		if f.IsTotal && f.Confidence != foiwire.ConfidenceHigh && f.Label == "Total 2021/22" {
			t.Fatalf("total that adds up: %+v", f)
		}
	}
}
