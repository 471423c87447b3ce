package analysis

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/foiwire/foiwire"
)

// FactColumns are the columns WriteFactsCSV writes, in order.
var FactColumns = []string{
	"id", "authority", "kind", "measure", "period_start", "period_end", "base_start", "base_end",
	"category", "label", "value", "words", "of", "formula", "inputs", "caveats",
}

// WriteFactsCSV writes facts as CSV with FactColumns, in the order given.
// Values are written to six decimal places at most, so the file is the same
// on every machine; inputs are separated by " ", caveats by "; ". The CSV
// is what encoding/csv writes, a line at a time. It returns the first
// write error.
func WriteFactsCSV(w io.Writer, facts []foiwire.Fact) error {
	// Lines gather in a buffer written out in chunks: one write per line
	// to a file would be a system call each.
	const chunk = 64 << 10
	b := appendCSV(make([]byte, 0, chunk+4<<10), FactColumns)
	var scratch []byte
	for i := range facts {
		b = appendFactCSV(b, &facts[i], &scratch)
		if len(b) >= chunk {
			if _, err := w.Write(b); err != nil {
				return fmt.Errorf("write fact %s: %w", facts[i].ID, err)
			}
			b = b[:0]
		}
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write facts: %w", err)
	}
	return nil
}

// appendFactCSV appends f's line, as appendCSV writes the record of
// FactColumns, building no strings on the way: dates, the value and the
// count are written in place (none of them ever needs quoting), and the
// inputs and caveats are joined where they land.
func appendFactCSV(b []byte, f *foiwire.Fact, scratch *[]byte) []byte {
	b = appendCSVField(b, f.ID)
	b = append(b, ',')
	b = appendCSVField(b, f.Authority)
	b = append(b, ',')
	b = appendCSVField(b, string(f.Kind))
	b = append(b, ',')
	b = appendCSVField(b, string(f.Measure))
	for _, d := range [4]foiwire.Date{f.Start, f.End, f.Base.Start, f.Base.End} {
		b = append(b, ',')
		b = d.AppendISO(b)
	}
	b = append(b, ',')
	b = appendCSVField(b, f.Category)
	b = append(b, ',')
	b = appendCSVField(b, f.Label)
	b = append(b, ',')
	b = appendValue(b, f.Value)
	b = append(b, ',')
	b = appendCSVField(b, f.Words)
	b = append(b, ',')
	if f.Of > 0 {
		b = strconv.AppendInt(b, int64(f.Of), 10)
	}
	b = append(b, ',')
	b = appendCSVField(b, f.Formula)
	b = append(b, ',')
	b = appendJoinedCSV(b, f.Inputs, " ", scratch)
	b = append(b, ',')
	b = appendJoinedCSV(b, f.Caveats, "; ", scratch)
	return append(b, '\n')
}

// appendJoinedCSV appends parts joined by sep as one field, as
// appendCSVField would append strings.Join(parts, sep). The parts are
// joined in b and, in the rare case the whole needs quoting, moved out
// through scratch and written again quoted.
func appendJoinedCSV(b []byte, parts []string, sep string, scratch *[]byte) []byte {
	start := len(b)
	for i, p := range parts {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, p...)
	}
	if !csvBytesNeedQuotes(b[start:]) {
		return b
	}
	*scratch = append((*scratch)[:0], b[start:]...)
	return appendQuotedCSV(b[:start], string(*scratch))
}

// appendCSV appends a record as encoding/csv's Writer writes it with its
// defaults (comma, "\n" line ends): a field is quoted when it holds a
// comma, a quote or a line break, starts with white space, or is `\.`,
// and a quote within it is doubled.
func appendCSV(b []byte, rec []string) []byte {
	for n, field := range rec {
		if n > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, field)
	}
	return append(b, '\n')
}

// appendCSVField appends one field as encoding/csv writes it.
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	return appendQuotedCSV(b, field)
}

// appendQuotedCSV appends field in quotes, a quote within it doubled.
func appendQuotedCSV(b []byte, field string) []byte {
	b = append(b, '"')
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			break
		}
		b = append(b, field[:i+1]...)
		b = append(b, '"')
		field = field[i+1:]
	}
	b = append(b, field...)
	return append(b, '"')
}

// csvNeedsQuotes is encoding/csv's test of whether a field must be quoted.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	if len(field) <= 64 {
		// A short field, as most are, is quicker looked over byte by byte
		// in a table than searched four times.
		for i := 0; i < len(field); i++ {
			if csvSpecial[field[i]] {
				return true
			}
		}
	} else if strings.IndexByte(field, ',') >= 0 || strings.IndexByte(field, '"') >= 0 ||
		strings.IndexByte(field, '\n') >= 0 || strings.IndexByte(field, '\r') >= 0 {
		// Four byte searches, each vectorised, beat one loop over the
		// bytes for the long fields (inputs, formulas).
		return true
	}
	if c := field[0]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// csvSpecial marks the bytes that make encoding/csv quote a field.
var csvSpecial = [256]bool{',': true, '"': true, '\n': true, '\r': true}

// asciiSpace marks the ASCII bytes unicode.IsSpace holds are space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// csvBytesNeedQuotes is csvNeedsQuotes of a field still in bytes.
func csvBytesNeedQuotes(field []byte) bool {
	if len(field) == 0 {
		return false
	}
	if len(field) == 2 && field[0] == '\\' && field[1] == '.' {
		return true
	}
	if bytes.IndexByte(field, ',') >= 0 || bytes.IndexByte(field, '"') >= 0 ||
		bytes.IndexByte(field, '\n') >= 0 || bytes.IndexByte(field, '\r') >= 0 {
		return true
	}
	r, _ := utf8.DecodeRune(field)
	return unicode.IsSpace(r)
}

// FormatValue writes a fact's value to at most six decimal places, without
// trailing zeros: 98, 48.484848, 0.030612.
func FormatValue(v float64) string {
	return string(appendValue(nil, v))
}

// appendValue appends v as FormatValue writes it.
func appendValue(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*1e6)/1e6, 'f', -1, 64)
}
