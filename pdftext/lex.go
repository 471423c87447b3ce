package pdftext

import (
	"strconv"
)

// The content-stream syntax is read here rather than by the PDF library's
// PostScript interpreter, which loops for ever on a hex string cut off by
// the end of a stream: a hostile file must not hang the build.

// opKind is the kind of an operand.
type opKind uint8

const (
	kNum opKind = iota
	kStr
	kName
	kArray
	kDict // read past; its entries are not needed
	kBool
	kNull
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind opKind
	num  float64
	s    string // a string's bytes or a name
	arr  []operand
}

const (
	maxOperands   = 64 // operands kept before an operator; more is junk
	maxNesting    = 32 // arrays and dictionaries inside each other
	maxArrayItems = 1 << 16
)

// lexer reads tokens from a content stream or CMap.
type lexer struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace moves past white space and comments.
func (l *lexer) skipSpace() {
	for l.i < len(l.b) {
		c := l.b[l.i]
		switch {
		case isSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

// token is one lexical token: an operand, a delimiter ("[", "]", "<<",
// ">>") or an operator keyword.
type token struct {
	op     string // a keyword or delimiter; "" for an operand
	val    operand
	isEOF  bool
	isOpen bool // "[" or "<<"
}

// next returns the next token. It never fails: malformed bytes become
// keywords that no operator matches, and the end of data ends every
// unterminated string.
func (l *lexer) next() token {
	l.skipSpace()
	if l.i >= len(l.b) {
		return token{isEOF: true}
	}
	c := l.b[l.i]
	switch c {
	case '(':
		l.i++
		return token{val: operand{kind: kStr, s: l.literal()}}
	case '<':
		if l.i+1 < len(l.b) && l.b[l.i+1] == '<' {
			l.i += 2
			return token{op: "<<", isOpen: true}
		}
		l.i++
		return token{val: operand{kind: kStr, s: l.hex()}}
	case '>':
		if l.i+1 < len(l.b) && l.b[l.i+1] == '>' {
			l.i += 2
			return token{op: ">>"}
		}
		l.i++
		return token{op: ">"}
	case '[', '{':
		l.i++
		return token{op: "[", isOpen: true}
	case ']', '}':
		l.i++
		return token{op: "]"}
	case ')':
		l.i++
		return token{op: ")"}
	case '/':
		l.i++
		return token{val: operand{kind: kName, s: l.name()}}
	}
	start := l.i
	for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
		l.i++
	}
	word := string(l.b[start:l.i])
	if n, ok := number(word); ok {
		return token{val: operand{kind: kNum, num: n}}
	}
	switch word {
	case "true", "false":
		return token{val: operand{kind: kBool}}
	case "null":
		return token{val: operand{kind: kNull}}
	}
	return token{op: word}
}

// number reads a PDF number: digits with an optional sign and point.
func number(w string) (float64, bool) {
	if w == "" {
		return 0, false
	}
	c := w[0]
	if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
		return 0, false
	}
	n, err := strconv.ParseFloat(w, 64)
	if err != nil {
		// Producers write "--5" and "5.-"; read what leads.
		return 0, false
	}
	return n, true
}

// literal reads a (string) after its opening parenthesis.
func (l *lexer) literal() string {
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(out)
			}
		case '\\':
			if l.i >= len(l.b) {
				return string(out)
			}
			e := l.b[l.i]
			l.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.i < len(l.b) && l.b[l.i] == '\n' {
					l.i++
				}
				continue
			case '\n':
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				x := int(e - '0')
				for k := 0; k < 2 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
					x = x*8 + int(l.b[l.i]-'0')
					l.i++
				}
				c = byte(x)
			default:
				c = e
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// hex reads a <hex string> after its opening bracket; a final odd digit
// is followed by 0, and anything not a digit is skipped.
func (l *lexer) hex() string {
	var out []byte
	hi := -1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
			continue
		}
		out = append(out, byte(hi<<4|v))
		hi = -1
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

// name reads a /Name after its slash, with #xx escapes.
func (l *lexer) name() string {
	var out []byte
	for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
		c := l.b[l.i]
		l.i++
		if c == '#' && l.i+1 < len(l.b) && unhex(l.b[l.i]) >= 0 && unhex(l.b[l.i+1]) >= 0 {
			c = byte(unhex(l.b[l.i])<<4 | unhex(l.b[l.i+1]))
			l.i += 2
		}
		out = append(out, c)
	}
	return string(out)
}

// compound reads an array or dictionary whose opening token was open,
// up to maxNesting deep.
func (l *lexer) compound(open string, depth int) operand {
	if open == "<<" {
		for {
			t := l.next()
			switch {
			case t.isEOF, t.op == ">>":
				return operand{kind: kDict}
			case t.isOpen && depth < maxNesting:
				l.compound(t.op, depth+1)
			}
		}
	}
	arr := operand{kind: kArray}
	for {
		t := l.next()
		switch {
		case t.isEOF, t.op == "]":
			return arr
		case t.isOpen:
			if depth >= maxNesting {
				continue
			}
			v := l.compound(t.op, depth+1)
			if len(arr.arr) < maxArrayItems {
				arr.arr = append(arr.arr, v)
			}
		case t.op == "":
			if len(arr.arr) < maxArrayItems {
				arr.arr = append(arr.arr, t.val)
			}
		}
	}
}

// scan reads a content stream, calling do for each operator with its
// operands. Inline images (BI … ID data EI) are passed as one "BI"
// operator, their data skipped.
func scan(data []byte, do func(op string, args []operand)) {
	l := &lexer{b: data}
	var args []operand
	for {
		t := l.next()
		switch {
		case t.isEOF:
			return
		case t.isOpen:
			v := l.compound(t.op, 1)
			if len(args) < maxOperands {
				args = append(args, v)
			}
		case t.op == "":
			if len(args) < maxOperands {
				args = append(args, t.val)
			}
		case t.op == "BI":
			l.skipInlineImage()
			do("BI", nil)
			args = args[:0]
		default:
			do(t.op, args)
			args = args[:0]
		}
	}
}

// skipInlineImage moves past an inline image's dictionary and data, to
// after its EI.
func (l *lexer) skipInlineImage() {
	for {
		t := l.next()
		if t.isEOF {
			return
		}
		if t.op == "ID" {
			break
		}
	}
	for l.i+2 <= len(l.b) {
		if l.b[l.i] == 'E' && l.b[l.i+1] == 'I' && (l.i == 0 || isSpace(l.b[l.i-1])) &&
			(l.i+2 == len(l.b) || isSpace(l.b[l.i+2]) || isDelim(l.b[l.i+2])) {
			l.i += 2
			return
		}
		l.i++
	}
	l.i = len(l.b)
}
