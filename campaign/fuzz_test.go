package campaign

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
	"github.com/foiwire/foiwire/internal/testenv"
)

// FuzzParse: campaign.yaml of any shape loads or fails with an error, and
// what loads is a campaign the rest of foiwire can rely on.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(testenv.ModuleRoot(f), "examples", "tiktok-2024", FileName)); err == nil {
		f.Add(b)
	}
	f.Add([]byte("authorities: [Lancs Police, dorset]\nquestions:\n  - measure: offence\n    periods: [2023/24, FY 22-23]\n"))
	f.Add([]byte("authorities: all\nembargo: 2024-08-04T00:01:00+01:00\npercent_style: \"%\"\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: &b [*a, *a, *a]\n"))
	f.Add([]byte("questions: [{measure: period, periods: [\"6th Apr 2021 to 5th Apr 2022\"]}]"))
	reg := authority.Police()
	f.Fuzz(func(t *testing.T, b []byte) {
		deadline(t)
		c, err := Parse(b, reg)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error with no message")
			}
			return
		}
		if c.PercentStyle != "per cent" && c.PercentStyle != "%" {
			t.Errorf("percent style %q", c.PercentStyle)
		}
		for _, id := range c.Authorities {
			if _, ok := reg.ByID(id); !ok {
				t.Errorf("authority %q is not in the registry", id)
			}
		}
		ids := map[string]bool{}
		for _, q := range c.Questions {
			if q.ID == "" {
				t.Error("a question with no id")
			}
			ids[q.ID] = true
			switch q.Measure {
			case foiwire.MeasurePeriod, foiwire.MeasureOffence, foiwire.MeasureOutcome:
			default:
				t.Errorf("question %s measure %q", q.ID, q.Measure)
			}
			for _, p := range q.Periods {
				if p.End.Before(p.Start) {
					t.Errorf("question %s period %v ends before it starts", q.ID, p)
				}
			}
		}
	})
}

// FuzzReadFigures: a figures CSV of any shape reads or fails with an error
// naming the file, and what reads writes back and reads again to the
// same figures.
func FuzzReadFigures(f *testing.F) {
	f.Add([]byte("authority,measure,period_start,period_end,label,value\ndorset,period,2023-04-01,2024-03-31,2023/24,\"1,042\"\n"))
	f.Add([]byte("\ufeffAuthority,Measure,Period_Start,Period_End,Label,Value,Status,is_total,table,row,col\nkent,refusal,2023-04-01,2024-03-31,s12,,refused,no,1,2,3\n"))
	f.Add([]byte("authority,measure,period_start,period_end,label,value\nkent,offence,2024-03-31,2023-04-01,x,1\n"))
	f.Add([]byte("authority,measure,period_start,period_end,label,value,text\nkent,outcome,2023-04-01,2024-03-31,\"HO15\nnext\",5,\"a\"\"b\"\n"))
	var b bytes.Buffer
	WriteFigures(&b, []foiwire.Figure{{Authority: "dorset", Measure: foiwire.MeasurePeriod, Label: "2023/24", Status: foiwire.StatusOK, Confidence: foiwire.ConfidenceHigh, Value: new(int64)}})
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		deadline(t)
		figs, err := ReadFigures(bytes.NewReader(data), "data/figures.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "data/figures.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, fg := range figs {
			if fg.Authority == "" || fg.End.Before(fg.Start) || (fg.Status == foiwire.StatusOK && fg.Value == nil) {
				t.Fatalf("read a figure that breaks the rules: %+v", fg)
			}
		}
		var out bytes.Buffer
		if err := WriteFigures(&out, figs); err != nil {
			t.Fatal(err)
		}
		again, err := ReadFigures(&out, "data/figures.csv")
		if err != nil {
			t.Fatalf("figures written by WriteFigures do not read back: %v\n%s", err, out.String())
		}
		if len(again) != len(figs) {
			t.Fatalf("%d figures read back as %d", len(figs), len(again))
		}
		for i := range figs {
			if !reflect.DeepEqual(figs[i], again[i]) {
				t.Fatalf("figure %d changed on a round trip:\n%+v\n%+v", i, figs[i], again[i])
			}
		}
	})
}

// deadline makes an input that takes over ten seconds crash the fuzzing
// worker, so that the fuzzer saves it: a hang is as bad as a panic.
func deadline(t *testing.T) {
	timer := time.AfterFunc(10*time.Second, func() { panic("input took over 10s: " + t.Name()) })
	t.Cleanup(func() { timer.Stop() })
}
