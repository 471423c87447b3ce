package table

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText turns a text file's bytes into a string. UTF-8 (with or
// without a byte-order mark) and UTF-16 with a byte-order mark are decoded
// as such; anything else that is not valid UTF-8 is taken for
// Windows-1252, which is what Excel and Windows tools write in Britain.
// note says which guess was made, "" when the bytes were UTF-8.
func decodeText(b []byte) (text, note string) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b = b[len(bomUTF8):]
	case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
		d := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		if s, err := d.Bytes(b); err == nil {
			return string(s), ""
		}
	}
	if utf8.Valid(b) {
		return string(b), ""
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD"), "not valid UTF-8; unreadable characters replaced"
	}
	return string(s), "not UTF-8; read as Windows-1252"
}

// looksBinary reports whether b, a file's first bytes, hold data rather
// than text: a NUL byte, or more than one byte in twenty a control
// character that text never holds. UTF-16 text, which is full of NULs, must
// be recognised by its byte-order mark before this is asked.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	odd := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			odd++
		}
	}
	return odd*20 > len(b)
}

// isUTF16 reports whether b starts with a UTF-16 byte-order mark.
func isUTF16(b []byte) bool {
	return bytes.HasPrefix(b, bomUTF16LE) || bytes.HasPrefix(b, bomUTF16BE)
}

// charsetEncoding returns the encoding a MIME charset label names, or an
// error for a label nobody has registered.
func charsetEncoding(label string) (encoding.Encoding, error) {
	return htmlindex.Get(strings.TrimSpace(label))
}

// charsetReader is a mime.WordDecoder CharsetReader covering every charset
// the WHATWG encoding standard names (Windows-1252, ISO-8859-15, KOI8-R,
// Shift_JIS and the rest).
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	enc, err := charsetEncoding(label)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(input), nil
}

// decodeCharset converts b from the named charset to UTF-8. An empty or
// unknown label falls back to decodeText's guessing.
func decodeCharset(b []byte, label string) string {
	if label != "" {
		if enc, err := charsetEncoding(label); err == nil {
			if s, err := enc.NewDecoder().Bytes(b); err == nil {
				return strings.ToValidUTF8(string(s), "\uFFFD")
			}
		}
	}
	s, _ := decodeText(b)
	return s
}
