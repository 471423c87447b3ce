package pdfgen

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestCrossReferences checks that every offset in the cross-reference
// table points at its object and startxref points at the table.
func TestCrossReferences(t *testing.T) {
	for _, info := range []int{0, 3} {
		objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", "<< /Title (t) >>"}
		pdf := Assemble(objs, info)
		i := bytes.LastIndex(pdf, []byte("startxref\n"))
		xref, err := strconv.Atoi(strings.Fields(string(pdf[i+len("startxref\n"):]))[0])
		if err != nil || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 4\n")) {
			t.Fatalf("startxref %d does not point at the table: %v", xref, err)
		}
		lines := strings.Split(string(pdf[xref:]), "\n")[3:6]
		for n, l := range lines {
			off, _ := strconv.Atoi(l[:10])
			if want := fmt.Sprintf("%d 0 obj\n", n+1); !bytes.HasPrefix(pdf[off:], []byte(want)) {
				t.Errorf("entry %d points at %q", n+1, pdf[off:off+10])
			}
		}
		if hasInfo := bytes.Contains(pdf, []byte("/Info 3 0 R")); hasInfo != (info > 0) {
			t.Errorf("info %d: trailer names /Info: %v", info, hasInfo)
		}
	}
}

func TestStream(t *testing.T) {
	if got := Stream("BT ET"); got != "<< /Length 5 >>\nstream\nBT ET\nendstream" {
		t.Errorf("Stream = %q", got)
	}
}

func TestLiteral(t *testing.T) {
	for _, tc := range []struct {
		in      string
		replace rune
		want    string
		err     bool
	}{
		{"Total (all)", 0, `(Total \(all\))`, false},
		{"2021–22 £5 ‘x’", 0, `(2021\22622 \2435 \221x\222)`, false},
		{"ŵ", 0, "", true},
		{"ŵ", '?', "(?)", false},
	} {
		got, err := Literal(tc.in, tc.replace)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("Literal(%q, %q) = %q, %v; want %q", tc.in, tc.replace, got, err, tc.want)
		}
	}
}
