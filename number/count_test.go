package number

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int64
		status  foiwire.Status
		atLeast bool
		err     error
	}{
		{"plain", "14", 14, foiwire.StatusOK, false, nil},
		{"thousands comma", "1,144", 1144, foiwire.StatusOK, false, nil},
		{"comma and space", "77, 686", 77686, foiwire.StatusOK, false, nil},
		{"space only", "12 345", 12345, foiwire.StatusOK, false, nil},
		{"floor", "33, 000 +", 33000, foiwire.StatusOK, true, nil},
		{"zero", "0", 0, foiwire.StatusOK, false, nil},
		{"nil", "Nil", 0, foiwire.StatusOK, false, nil},
		{"none", "none", 0, foiwire.StatusOK, false, nil},
		{"word", "Twelve", 12, foiwire.StatusOK, false, nil},
		{"twenty", "twenty", 20, foiwire.StatusOK, false, nil},
		{"spreadsheet decimal", "14.0", 14, foiwire.StatusOK, false, nil},
		{"footnote star", "16*", 16, foiwire.StatusOK, false, nil},
		{"footnote bracket", "16 (1)", 16, foiwire.StatusOK, false, nil},
		{"footnote superscript", "16¹", 16, foiwire.StatusOK, false, nil},
		{"pipe cell", "16 |", 16, foiwire.StatusOK, false, nil},
		{"suppressed lt", "<5", 0, foiwire.StatusSuppressed, false, nil},
		{"suppressed spaced", "< 5", 0, foiwire.StatusSuppressed, false, nil},
		{"suppressed star", "*", 0, foiwire.StatusSuppressed, false, nil},
		{"suppressed dash", "-", 0, foiwire.StatusSuppressed, false, nil},
		{"not held", "Not held", 0, foiwire.StatusNotHeld, false, nil},
		{"money", "£1,200", 0, "", false, ErrMoney},
		{"money pence", "45p", 0, "", false, ErrMoney},
		{"percent", "12%", 0, "", false, ErrPercent},
		{"percent words", "12 per cent", 0, "", false, ErrPercent},
		{"decimal", "3.5", 0, "", false, ErrDecimal},
		{"date", "15/09/2025", 0, "", false, ErrDate},
		{"time", "10:30", 0, "", false, ErrDate},
		{"reference leading zero", "0100", 0, "", false, ErrReference},
		{"phone", "01142734567", 0, "", false, ErrPhone},
		{"phone international", "+44 114 273 4567", 0, "", false, ErrPhone},
		{"negative", "-3", 0, "", false, ErrNegative},
		{"range", "2-5", 0, "", false, ErrRange},
		{"list not thousands", "2, 5", 0, "", false, ErrNotNumber},
		{"code", "52B", 0, "", false, ErrReference},
		{"word not count", "Arson", 0, "", false, ErrNotNumber},
		{"too big", "1234567890123", 0, "", false, ErrTooBig},
		{"empty", "  ", 0, "", false, ErrNotNumber},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Parse(%q) = %+v, %v; want error %v", tt.in, c, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if c.Status != tt.status || c.Value != tt.want || c.AtLeast != tt.atLeast {
				t.Errorf("Parse(%q) = %+v; want %d %s at least %v", tt.in, c, tt.want, tt.status, tt.atLeast)
			}
		})
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]SpanKind // text → kind, for the numbers that matter
	}{
		{"dash line", "2009 – 16 crimes", map[string]SpanKind{"2009": SpanYear, "16": SpanCount}},
		{"colon line", "2008 : 0", map[string]SpanKind{"2008": SpanYear, "0": SpanCount}},
		{"numbered", "1. 2008 : 4", map[string]SpanKind{"1": SpanOrdinal, "2008": SpanYear, "4": SpanCount}},
		{"sentence", "In 2021/22 there were 45 offences.", map[string]SpanKind{"2021": SpanYear, "45": SpanCount}},
		{"money", "fines of £20,630 were paid", map[string]SpanKind{"20,630": SpanMoney}},
		{"money words", "a £30 million investment", map[string]SpanKind{"30": SpanMoney}},
		{"cost arithmetic", "6293 records x 2 minutes", map[string]SpanKind{"6293": SpanRate, "2": SpanRate}},
		{"duration", "it could take up to 55 hours", map[string]SpanKind{"55": SpanDuration}},
		{"regulation", "Under Regulation 12(4)(b) of the Regulations", map[string]SpanKind{"12": SpanReference, "4": SpanReference}},
		{"statute", "the Freedom of Information Act 2000", map[string]SpanKind{"2000": SpanReference}},
		{"si", "SI 2004 No. 3244", map[string]SpanKind{"2004": SpanReference, "3244": SpanReference}},
		{"po box", "PO Box 1283", map[string]SpanKind{"1283": SpanReference}},
		{"postcode", "Sheffield, S1 1UJ", map[string]SpanKind{"1": SpanReference}},
		{"date", "received on 15/09/2025", map[string]SpanKind{"15": SpanDate, "09": SpanDate, "2025": SpanDate}},
		{"ordinal date", "by 7^th May", map[string]SpanKind{"7": SpanDate}},
		{"month date", "on 15 October", map[string]SpanKind{"15": SpanDate}},
		{"phone", "call 0114 273 4567 today", map[string]SpanKind{"0114": SpanPhone, "273": SpanPhone}},
		{"percent", "a rise of 12 per cent", map[string]SpanKind{"12": SpanPercent}},
		{"reference", "Reference – EIR / 1081719", map[string]SpanKind{"1081719": SpanReference}},
		{"floor", "33, 000 + products", map[string]SpanKind{"33, 000": SpanCount}},
		{"word", "there were twelve reports", map[string]SpanKind{"twelve": SpanCount}},
		{"section", "exempt under section 12 of the Act", map[string]SpanKind{"12": SpanReference}},
		{"range", "between 2-5 mins per record", map[string]SpanKind{"2": SpanRange, "5": SpanDuration}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]SpanKind{}
			for _, s := range Find(tt.in) {
				got[strings.TrimSuffix(strings.TrimSpace(s.Text), "+")] = s.Kind
				if tt.in[s.Start:s.End] != s.Text {
					t.Errorf("span %+v does not match the text", s)
				}
			}
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("Find(%q): %q is %q, want %q (all: %v)", tt.in, k, got[k], want, got)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1,144", "77, 686", "33, 000 +", "<5", "£12", "16 (1)", "Nil", "0100", "12%", "2021/22", "1.5", "١٢"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			if c != (Count{}) {
				t.Fatalf("Parse(%q) failed but returned %+v", s, c)
			}
			return
		}
		if c.Value < 0 || c.Value > MaxCount {
			t.Fatalf("Parse(%q) = %d", s, c.Value)
		}
		if c.Status != foiwire.StatusOK && c.Value != 0 {
			t.Fatalf("Parse(%q): %s with a value", s, c.Status)
		}
		if strings.ContainsAny(s, "£$€%") && c.Status == foiwire.StatusOK && c.Value != 0 {
			t.Fatalf("Parse(%q) read money or a percentage as %d", s, c.Value)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"2009 – 16 crimes", "In 2021/22 there were 45 offences.", "PO Box 1283", "6293 records x 2 minutes", "£30 million", "1. 2008 : 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Find(s) {
			if sp.Start < prev || sp.End > len(s) || sp.Start >= sp.End || s[sp.Start:sp.End] != sp.Text {
				t.Fatalf("Find(%q): bad span %+v", s, sp)
			}
			prev = sp.End
			if sp.Kind == SpanCount && sp.Count.Status != foiwire.StatusOK {
				t.Fatalf("Find(%q): count span %+v without a value", s, sp)
			}
			if !utf8.ValidString(sp.Why) {
				t.Fatalf("invalid reason %q", sp.Why)
			}
		}
	})
}
