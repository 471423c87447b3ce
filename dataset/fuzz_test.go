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
