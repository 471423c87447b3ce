package pdftext

import (
	"unicode/utf16"
)

// maxCMapEntries bounds what one ToUnicode map may define.
const maxCMapEntries = 1 << 17

// toUnicode is a font's ToUnicode map: glyph codes (as their bytes) to
// text.
type toUnicode map[string]string

// parseCMap reads the bfchar and bfrange sections of a ToUnicode CMap.
// It never fails: what cannot be read is left out.
func parseCMap(data []byte) toUnicode {
	m := toUnicode{}
	l := &lexer{b: data}
	var args []operand
	for {
		t := l.next()
		switch {
		case t.isEOF:
			return m
		case t.isOpen:
			v := l.compound(t.op, 1)
			if len(args) < 3 {
				args = append(args, v)
			} else {
				args = append(args[1:], v)
			}
		case t.op == "":
			if len(args) < 3 {
				args = append(args, t.val)
			} else {
				args = append(args[1:], t.val)
			}
		case t.op == "beginbfchar":
			args = args[:0]
			readBFChar(l, m)
		case t.op == "beginbfrange":
			args = args[:0]
			readBFRange(l, m)
		default:
			args = args[:0]
		}
	}
}

// readBFChar reads "<src> <dst>" pairs up to endbfchar.
func readBFChar(l *lexer, m toUnicode) {
	var vals []operand
	for {
		t := l.next()
		if t.isEOF || t.op == "endbfchar" {
			return
		}
		if t.op != "" {
			continue
		}
		vals = append(vals, t.val)
		if len(vals) == 2 {
			if vals[0].kind == kStr && len(m) < maxCMapEntries {
				m[vals[0].s] = dstText(vals[1])
			}
			vals = vals[:0]
		}
	}
}

// readBFRange reads "<lo> <hi> <dst>" and "<lo> <hi> [<dst>…]" up to
// endbfrange.
func readBFRange(l *lexer, m toUnicode) {
	var vals []operand
	for {
		t := l.next()
		if t.isEOF || t.op == "endbfrange" {
			return
		}
		switch {
		case t.isOpen:
			vals = append(vals, l.compound(t.op, 1))
		case t.op == "":
			vals = append(vals, t.val)
		default:
			continue
		}
		if len(vals) < 3 {
			continue
		}
		lo, hi, dst := vals[0], vals[1], vals[2]
		vals = vals[:0]
		if lo.kind != kStr || hi.kind != kStr || len(lo.s) != len(hi.s) || len(lo.s) == 0 || len(lo.s) > 4 {
			continue
		}
		a, b := codeValue(lo.s), codeValue(hi.s)
		for c := a; c <= b && len(m) < maxCMapEntries; c++ {
			key := codeBytes(c, len(lo.s))
			switch dst.kind {
			case kArray:
				if i := int(c - a); i < len(dst.arr) {
					m[key] = dstText(dst.arr[i])
				}
			case kStr:
				m[key] = offsetText(dst.s, c-a)
			}
		}
	}
}

func codeValue(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

func codeBytes(v uint32, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
	return string(b)
}

// dstText decodes a destination: UTF-16BE bytes, or a glyph name.
func dstText(v operand) string {
	switch v.kind {
	case kStr:
		return utf16BE(v.s)
	case kName:
		return glyphText(v.s)
	}
	return ""
}

// glyphText is the text of a glyph name: a letter names itself, "uniXXXX"
// gives its code point, and the rest come from glyphNames.
func glyphText(name string) string {
	if len(name) == 1 {
		return name
	}
	if r, ok := glyphNames[name]; ok {
		return string(r)
	}
	if len(name) == 7 && name[:3] == "uni" {
		v := 0
		for i := 3; i < 7; i++ {
			d := unhex(name[i])
			if d < 0 {
				return ""
			}
			v = v<<4 | d
		}
		return string(rune(v))
	}
	return ""
}

// offsetText is the destination of the code off places into a range:
// its last UTF-16 unit moved on by off.
func offsetText(dst string, off uint32) string {
	if len(dst) < 2 {
		return utf16BE(dst)
	}
	b := []byte(dst)
	n := len(b)
	last := uint32(b[n-2])<<8 | uint32(b[n-1])
	last += off
	b[n-2], b[n-1] = byte(last>>8), byte(last)
	return utf16BE(string(b))
}

func utf16BE(s string) string {
	if len(s)%2 == 1 {
		s += "\x00"
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

// glyphNames are the glyph names a ToUnicode map or a Differences array
// commonly uses for the characters that matter in a reply's figures.
var glyphNames = map[string]rune{
	"space": ' ', "comma": ',', "period": '.', "hyphen": '-', "slash": '/', "percent": '%',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7', "eight": '8', "nine": '9',
	"parenleft": '(', "parenright": ')', "colon": ':', "semicolon": ';', "ampersand": '&', "asterisk": '*', "plus": '+',
	"less": '<', "greater": '>', "equal": '=', "question": '?', "quoteright": '’', "quoteleft": '‘', "quotesingle": '\'',
	"quotedbl": '"', "endash": '–', "emdash": '—', "sterling": '£', "bullet": '•', "fi": 'ﬁ', "fl": 'ﬂ',
}
