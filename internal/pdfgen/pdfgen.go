// Package pdfgen assembles small PDF files from their objects, for the
// example campaign's generator and for test fixtures: the header, each
// object numbered from 1 in order, the cross-reference table and the
// trailer. The catalog must be object 1.
package pdfgen

import (
	"bytes"
	"fmt"
	"strings"
)

// Assemble returns a PDF file holding objects, numbered 1, 2, ... in
// order. info, when above 0, is the number of the document information
// dictionary named in the trailer.
func Assemble(objects []string, info int) []byte {
	var b bytes.Buffer
	// The second line's high bytes tell transfer tools the file is binary.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	trailer := fmt.Sprintf("/Size %d /Root 1 0 R", len(objects)+1)
	if info > 0 {
		trailer += fmt.Sprintf(" /Info %d 0 R", info)
	}
	fmt.Fprintf(&b, "trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}

// Stream returns a stream object holding data, with its length.
func Stream(data string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
}

// winAnsi are the characters outside printable ASCII that Literal sets,
// with their WinAnsiEncoding codes.
var winAnsi = map[rune]string{'–': `\226`, '—': `\227`, '‘': `\221`, '’': `\222`, '“': `\223`, '”': `\224`, '£': `\243`}

// Literal returns text as a PDF literal string in WinAnsiEncoding, for the
// standard Type 1 fonts. A character it cannot set is written as replace,
// or, when replace is 0, makes it return an error naming the character.
func Literal(text string, replace rune) (string, error) {
	var b strings.Builder
	b.WriteByte('(')
	for _, r := range text {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case winAnsi[r] != "":
			b.WriteString(winAnsi[r])
		case replace != 0:
			b.WriteRune(replace)
		default:
			return "", fmt.Errorf("cannot set %q in WinAnsiEncoding (in %q)", r, text)
		}
	}
	b.WriteByte(')')
	return b.String(), nil
}
