package pdftext

import (
	"reflect"
	"testing"
	"time"
)

type call struct {
	op   string
	args []operand
}

func scanAll(data string) []call {
	var out []call
	scan([]byte(data), func(op string, args []operand) {
		out = append(out, call{op, append([]operand(nil), args...)})
	})
	return out
}

func TestScan(t *testing.T) {
	str := func(s string) operand { return operand{kind: kStr, s: s} }
	num := func(n float64) operand { return operand{kind: kNum, num: n} }
	cases := []struct {
		name, in string
		want     []call
	}{
		{"text", "BT /F1 9.5 Tf (a\\(b\\)\\101\\n) Tj ET", []call{{"BT", nil}, {"Tf", []operand{{kind: kName, s: "F1"}, num(9.5)}}, {"Tj", []operand{str("a(b)A\n")}}, {"ET", nil}}},
		{"hex and nested parens", "<48 65 6C6c6F7> Tj (x (y) z) Tj", []call{{"Tj", []operand{str("Hello\x70")}}, {"Tj", []operand{str("x (y) z")}}}},
		{"TJ array", "[(1,0) -250 (42)] TJ", []call{{"TJ", []operand{{kind: kArray, arr: []operand{str("1,0"), num(-250), str("42")}}}}}},
		{"comment and dict", "% a comment\n/P << /MCID 3 /Nested << /A [1 2] >> >> BDC EMC", []call{{"BDC", []operand{{kind: kName, s: "P"}, {kind: kDict}}}, {"EMC", nil}}},
		{"inline image", "q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI Q", []call{{"q", nil}, {"BI", nil}, {"Q", nil}}},
		{"cut-off hex", "(a) Tj <4142", []call{{"Tj", []operand{str("a")}}}},
		{"cut-off string", "(abc", nil},
		{"name escape", "/A#20B Do", []call{{"Do", []operand{{kind: kName, s: "A B"}}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan []call, 1)
			go func() { done <- scanAll(c.in) }()
			select {
			case got := <-done:
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("got  %+v\nwant %+v", got, c.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("scan hangs")
			}
		})
	}
}

func TestCMap(t *testing.T) {
	m := parseCMap([]byte(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0003> <0020> <0011> <0031> <00B1> /fi endbfchar
2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<00E9> <D83DDE00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`))
	want := toUnicode{"\x00\x03": " ", "\x00\x11": "1", "\x00\xb1": "ﬁ", "\x00\x24": "A", "\x00\x25": "B", "\x00\x26": "C", "\x00\x30": "é", "\x00\x31": "😀"}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %q\nwant %q", m, want)
	}
}

func FuzzScan(f *testing.F) {
	f.Add([]byte("BT /F1 10 Tf 72 700 Td [(a) -20 <0041>] TJ ET BI /W 1 ID x EI"))
	f.Add([]byte("1 beginbfrange <00> <ff> [<0041> <0042>] endbfrange 1 beginbfchar <01> /one endbfchar"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		scan(data, func(op string, args []operand) {
			n++
			if len(args) > maxOperands {
				t.Fatalf("%d operands kept", len(args))
			}
		})
		if n > len(data) {
			t.Fatalf("%d operators from %d bytes", n, len(data))
		}
		if m := parseCMap(data); len(m) > maxCMapEntries {
			t.Fatalf("%d cmap entries", len(m))
		}
	})
}
